// calibrate(): the history's work simulated as it was done, for the incident multiplier,
// then every fit (calibration.hpp; docs/calibration.md).
#include "flowfolio/calibration/calibration.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

#include "calibration/fits.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/engine.hpp"

namespace flowfolio {

namespace {

// The scenario as the history's work was done: strategy `as` alone, over the history's
// periods, each activity at the history's mean rate (none for what the history never did).
Scenario history_world(const Scenario& scenario, const History& history, std::size_t as) {
  Scenario world = scenario;
  world.horizon = history.periods;
  Strategy strategy = scenario.strategies[as];
  strategy.demand.assign(scenario.activities.size(), std::nullopt);
  for (std::size_t a = 0; a < scenario.activities.size(); ++a)
    strategy.demand[a] = static_cast<double>(history.units_of(a)) / history.periods;
  world.strategies = {strategy};
  return world;
}

// Per activity, the mean incident multiplier of the units done in each simulated future of
// the history's work (futures that did none of the activity give none). Deterministic: each
// future is a trial of `seed`, whichever thread simulates it.
std::vector<std::vector<double>> simulated_multipliers(const Scenario& scenario, const History& history,
                                                       const CalibrationOptions& options) {
  const Engine engine(history_world(scenario, history, options.as));
  const std::size_t A = scenario.activities.size(), J = options.trials;
  std::vector<double> per_trial(J * A, NAN);
  std::atomic<std::uint64_t> next{0};
  std::atomic<bool> stopped{false};
  const auto work = [&] {
    std::vector<TrialOutcome> out(1);
    for (std::uint64_t j; (j = next++) < J;) {
      if (options.stop != nullptr && options.stop->load()) {
        stopped = true;
        return;
      }
      engine.simulate_trial(options.seed, j, out, true);
      for (std::size_t a = 0; a < A; ++a) {
        double exposure = 0, units = 0;
        for (const PeriodTrace& p : out[0].trace) {
          exposure += p.activities[a].exposure;
          units += p.activities[a].units_done;
        }
        if (units > 0) per_trial[j * A + a] = exposure / units;
      }
    }
  };
  std::vector<std::jthread> threads;
  for (unsigned t = 1; t < std::max(1u, std::thread::hardware_concurrency()); ++t) threads.emplace_back(work);
  work();
  threads.clear();
  if (stopped) throw Interrupted();
  std::vector<std::vector<double>> multipliers(A);
  for (std::uint64_t j = 0; j < J; ++j)
    for (std::size_t a = 0; a < A; ++a)
      if (!std::isnan(per_trial[j * A + a])) multipliers[a].push_back(per_trial[j * A + a]);
  return multipliers;
}

// The 5% and 95% points of `x` (linear interpolation, as numpy's default).
Interval middle90(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  const auto at = [&](double q) {
    const double h = q * static_cast<double>(x.size() - 1);
    const std::size_t i = static_cast<std::size_t>(h);
    return i + 1 < x.size() ? x[i] + (h - static_cast<double>(i)) * (x[i + 1] - x[i]) : x[i];
  };
  return {at(0.05), at(0.95)};
}

IncidentRateFit fit_rate(const Scenario& scenario, const History& history, std::size_t a, std::vector<double> multipliers,
                         const std::string& as) {
  const Activity& act = scenario.activities[a];
  IncidentRateFit fit{.activity = a, .units = history.units_of(a), .scenario_value = act.incident_probability};
  for (const IncidentRecord& i : history.incidents) fit.incidents += i.activity == a;
  if (multipliers.empty()) {
    multipliers = {1.0};
    fit.note = "No simulated future of " + as + " did this work, so the multiplier is taken as 1 (p0 is the raw rate): " +
               "is " + as + " how the work was done?";
  }
  fit.multiplier = std::accumulate(multipliers.begin(), multipliers.end(), 0.0) / static_cast<double>(multipliers.size());
  fit.multiplier_range = middle90(multipliers);
  calibration::BetaPrior prior = calibration::rate_prior(act.incident_probability);
  fit.prior_surprise = calibration::prior_surprise(prior, fit.incidents, fit.units, multipliers);
  if (fit.prior_surprise < calibration::kConflictLevel) {
    fit.prior_set_aside = true;
    prior = {0.5, 0.5};
    fit.note = "The history contradicts the scenario's value (a count this far out had a chance of " +
               format_significant(fit.prior_surprise, 2) + " under it), so it is set aside for Jeffreys' prior";
  }
  fit.prior_a = prior.a;
  fit.prior_b = prior.b;
  const calibration::RatePosterior posterior(prior, fit.incidents, fit.units, multipliers);
  fit.mean = posterior.mean();
  fit.interval = {posterior.quantile((1 - kCalibrationLevel) / 2), posterior.quantile(1 - (1 - kCalibrationLevel) / 2)};
  fit.multipliers = std::move(multipliers);
  if (fit.incidents == 0 && fit.note.empty())
    fit.note = "No incidents in " + std::to_string(fit.units) + " units: p0 is below " + format_significant(fit.interval.hi, 2) +
               " with 95% probability, but no incidents cannot show how far below: the interval's low end is the prior's";
  return fit;
}
}  // namespace

Calibration calibrate(const Scenario& scenario, const History& history, const CalibrationOptions& options) {
  Calibration c{.as = options.as, .trials = options.trials, .seed = options.seed, .periods = history.periods,
                .start = history.start, .sources = history.sources};
  const std::vector<std::vector<double>> multipliers = simulated_multipliers(scenario, history, options);
  const std::string& as = scenario.strategies[options.as].name;
  for (std::size_t a = 0; a < scenario.activities.size(); ++a) {
    if (history.units_of(a) > 0) {
      c.incident_rates.push_back(fit_rate(scenario, history, a, multipliers[a], as));
    } else if (scenario.activities[a].incident_probability > 0) {
      c.notes.push_back(scenario.activities[a].name + ": no units in the history, so its incident probability is kept");
    }
  }
  c.severities = calibration::fit_severities(scenario, history);
  c.learning = calibration::fit_learning(scenario, history, options.as);
  return c;
}

}  // namespace flowfolio
