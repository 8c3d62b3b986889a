#include "flowfolio/stats/comparison.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/stats/summaries.hpp"

namespace flowfolio {

namespace {
// "train_staff beats status_quo in 87% of futures; expected npv gain 1.2M USD (95%
// interval 1.1M to 1.3M); expected incident loss 0.5M USD lower." The interval is shown
// in the direction of the words: a loss of 1.2M has the interval 1.1M to 1.3M.
std::string sentence(const std::string& strategy, const std::string& baseline,
                     const std::string& currency, const MetricComparison& npv,
                     const MetricComparison& loss) {
  const PairedDifference& d = npv.difference;
  const std::string unit = currency.empty() ? "" : " " + currency;
  const bool gain = d.mean >= 0;
  const bool mostly_better = npv.p_beats >= 0.5;
  const std::string amount = format_money(std::abs(d.mean)) + unit;
  const std::string interval = "95% interval " + format_money(gain ? d.lo95 : -d.hi95) + " to " +
                               format_money(gain ? d.hi95 : -d.lo95);
  std::string out;
  if (d.p_tie == 1) {
    return strategy + " and " + baseline + " give the same npv in every future.";
  }
  if (gain && mostly_better) {
    out = strategy + " beats " + baseline + " in " + percent(npv.p_beats) +
          " of futures; expected npv gain " + amount + " (" + interval + ")";
  } else if (!gain && !mostly_better) {
    out = strategy + " trails " + baseline + ": it does better in only " + percent(npv.p_beats) +
          " of futures; expected npv loss " + amount + " (" + interval + ")";
  } else {
    // The typical future and the average disagree: a tail decides the mean.
    out = strategy + " does better than " + baseline + " in " + percent(npv.p_beats) +
          " of futures, yet its expected npv is " + amount + (gain ? " higher" : " lower") + " (" +
          interval + "): rare outcomes decide the average";
  }
  if (d.lo95 <= 0 && d.hi95 >= 0) out += "; too close to call at this number of trials";
  const double l = loss.difference.mean;
  if (l != 0) {
    out += "; expected incident loss " + format_money(std::abs(l)) + unit +
           (l < 0 ? " lower" : " higher");
  }
  return out + ".";
}

bool precise_enough(double half_width, double mean, double relative) {
  return half_width <= relative * std::abs(mean);
}
}  // namespace

Comparison compare(const Scenario& scenario, const RunResults& results, std::size_t strategy,
                   std::size_t baseline) {
  assert(strategy < results.strategies.size() && baseline < results.strategies.size());
  Comparison c{.strategy = strategy, .baseline = baseline};
  const StrategyResults& s = results.strategies[strategy];
  const StrategyResults& b = results.strategies[baseline];
  for (const auto& [metric, higher] : {std::pair{Metric::kNpv, true},
                                       std::pair{Metric::kIncidentLoss, false},
                                       std::pair{Metric::kCatastrophes, false}}) {
    const PairedDifference d = metric_difference(results, strategy, baseline, metric);
    c.metrics.push_back({.metric = metric,
                         .higher_is_better = higher,
                         .difference = d,
                         .p_beats = higher ? d.p_better : d.p_worse});
  }
  c.sentence = sentence(s.name, b.name, scenario.currency, c.metrics[0], c.metrics[1]);
  return c;
}

namespace {
// Whether a precision run stops after its latest step: every half-width within the
// precision asked for, or the cap reached. Says why in run.reason.
bool precision_decided(PrecisionRun& run, const std::vector<std::pair<std::size_t, std::size_t>>& pairs,
                       const PrecisionOptions& options) {
  const RunResults& results = run.results;
  char buffer[160];
  // The widest quantity, relative to its mean, decides.
  std::string widest;
  double widest_ratio = 0;
  bool all_met = true;
  const auto check = [&](const std::string& name, double half_width, double mean) {
    if (precise_enough(half_width, mean, options.relative)) return;
    all_met = false;
    const double ratio = mean == 0 ? HUGE_VAL : half_width / std::abs(mean);
    if (widest.empty() || ratio > widest_ratio) {
      widest = name;
      widest_ratio = ratio;
    }
  };
  for (const StrategyResults& r : results.strategies) {
    const MeanAndError npv = mean_and_error(r.metric(Metric::kNpv));
    check("mean npv of " + r.name, kZ975 * npv.se, npv.mean);
  }
  for (const auto& [s, b] : pairs) {
    const PairedDifference d = paired_difference(results.strategies[b].metric(Metric::kNpv),
                                                 results.strategies[s].metric(Metric::kNpv));
    check("npv difference " + results.strategies[s].name + " - " + results.strategies[b].name,
          kZ975 * d.se, d.mean);
  }
  if (all_met) {
    run.reached = true;
    std::snprintf(buffer, sizeof buffer,
                  "precision reached after %llu trials: every 95%% half-width is within %g%% of "
                  "its mean",
                  static_cast<unsigned long long>(results.trials), 100 * options.relative);
    run.reason = buffer;
    return true;
  }
  if (results.trials >= options.max_trials) {
    std::snprintf(buffer, sizeof buffer,
                  "stopped at the cap of %llu trials before reaching %g%%; the widest: ",
                  static_cast<unsigned long long>(results.trials), 100 * options.relative);
    run.reason = buffer + widest;
    if (std::isfinite(widest_ratio)) {
      std::snprintf(buffer, sizeof buffer, " (half-width %.3g%% of its mean)", 100 * widest_ratio);
      run.reason += buffer;
    } else {
      run.reason += " (its mean is 0)";
    }
    return true;
  }
  return false;
}
}  // namespace

PrecisionRun run_to_precision(const Scenario& scenario, const PrecisionOptions& options) {
  assert(options.block > 0 && options.block % kTrialBlock == 0 && options.relative > 0);
  const Engine engine(scenario);
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  PrecisionRun run{.results = empty_results(scenario, options.seed, options.independent_streams)};
  RunResults& results = run.results;

  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t s = 0; s < results.strategies.size(); ++s)
    if (s != options.baseline) pairs.emplace_back(s, options.baseline);
  for (const auto& p : options.pairs)
    if (std::find(pairs.begin(), pairs.end(), p) == pairs.end()) pairs.push_back(p);

  for (;;) {
    const std::uint64_t step = std::min(options.block, options.max_trials - results.trials);
    extend(engine, results, step, options.threads, options.stop, runner);
    // The leader alone holds the trials: it decides, and every process follows.
    if (runner.agree(runner.leader() && precision_decided(run, pairs, options))) return run;
  }
}

}  // namespace flowfolio
