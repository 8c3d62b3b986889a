// The frontier search of the `optimize:` block (frontier.hpp, docs/frontier.md).
#include "flowfolio/studies/frontier.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "studies/frontier_confirmation.hpp"
#include "studies/frontier_points.hpp"
#include "studies/frontier_screening.hpp"
#include "studies/frontier_text.hpp"
#include "studies/study.hpp"

namespace flowfolio {

namespace {
// A decision's value on its grid and within its bounds.
double snap(const ScenarioInput& decision, double v) {
  v = std::clamp(v, decision.low, decision.high);
  if (decision.step > 0) {
    v = decision.low + std::round((v - decision.low) / decision.step) * decision.step;
    if (v > decision.high + 1e-12 * std::abs(decision.high)) v -= decision.step;
  }
  return v;
}

// p is dominated by q: q earns at least as much for at most as much risk, and differs.
bool dominated(const FrontierPoint& p, const FrontierPoint& q) {
  return q.mean_npv >= p.mean_npv && q.risk <= p.risk &&
         (q.mean_npv > p.mean_npv || q.risk < p.risk);
}

}  // namespace

FrontierResults run_frontier(const std::string& text, const std::string& file,
                             const FrontierOptions& options) {
  const Scenario scenario = read_scenario_text(text, file, options.overrides);
  const OptimizeSpec& spec = scenario.optimize;
  if (spec.decisions.empty())
    throw InputError(
        {Diagnostic{.file = file,
                    .message = "the scenario has no optimize: block; add one naming the decisions "
                               "to search (docs/frontier.md)"}});
  FrontierResults results{.spec = spec, .seed = options.seed};
  std::vector<int> searched = spec.strategies;
  if (searched.empty())
    for (std::size_t s = 0; s < scenario.strategies.size(); ++s)
      searched.push_back(static_cast<int>(s));
  if (options.only_strategy >= 0) searched = {options.only_strategy};
  std::sort(searched.begin(), searched.end());
  for (int s : searched) results.strategies.push_back(scenario.strategies[s].name);

  const std::size_t d = spec.decisions.size();
  std::vector<std::vector<double>> ends(d);
  for (std::size_t i = 0; i < d; ++i) {
    const ScenarioInput& decision = spec.decisions[i];
    // The bounds, and a value between them: a path that takes whole numbers only fails
    // there when the decision has no step.
    ends[i] = {decision.low, decision.high, snap(decision, decision.low + 0.382 * (decision.high - decision.low))};
  }
  study::check_ends(text, file, options.overrides, spec.decisions, ends);

  // The current mix: the scenario as written (its decisions' values where they are numbers).
  std::vector<double> current(d);
  for (std::size_t i = 0; i < d; ++i) {
    char* end = nullptr;
    const std::string& base = spec.decisions[i].base;
    const double v = std::strtod(base.c_str(), &end);
    current[i] = !base.empty() && end == base.c_str() + base.size() ? v : std::nan("");
  }

  std::vector<std::vector<double>> current_npv;  // per strategy, per trial: the mix as written
  std::map<std::vector<double>, std::size_t> seen;
  std::size_t planned = 1;
  const frontier::PointSimulator simulator(text, file, options, spec, searched);
  // Simulates candidate `x` (NaN coordinates: as written) for every searched strategy.
  const auto simulate = [&](const std::vector<double>& x, bool is_current) {
    return run(simulator.variant(is_current ? std::vector<double>(d, std::nan("")) : x),
               {.trials = spec.trials, .seed = options.seed, .threads = options.threads, .stop = options.stop});
  };
  // Candidate x simulated for every searched strategy, as the numbers a runner passes
  // between processes: kMeasureNumbers per strategy, then for the current mix every
  // strategy's per-trial npv.
  const auto candidate_numbers = [&](const std::vector<double>& x, bool is_current) {
    const RunResults r = simulate(x, is_current);
    std::vector<double> numbers;
    for (const StrategyResults& strategy : r.strategies) {
      const std::vector<double> m = frontier::measure(strategy.metric(Metric::kNpv), strategy.metric(Metric::kCost));
      numbers.insert(numbers.end(), m.begin(), m.end());
    }
    if (is_current)
      for (const StrategyResults& strategy : r.strategies)
        numbers.insert(numbers.end(), strategy.metric(Metric::kNpv).begin(), strategy.metric(Metric::kNpv).end());
    return numbers;
  };
  // Candidate `candidate`'s points from its numbers.
  const auto add_points = [&](std::size_t candidate, const std::vector<double>& numbers, bool is_current) {
    const std::size_t strategies = results.strategies.size();
    for (std::size_t s = 0; s < strategies; ++s) {
      FrontierPoint p{.strategy = s, .candidate = candidate, .current = is_current};
      frontier::set_measure(p, &numbers[s * frontier::kMeasureNumbers], spec);
      results.points.push_back(p);
      if (is_current) {
        const auto trials =
            numbers.begin() + static_cast<std::ptrdiff_t>(strategies * frontier::kMeasureNumbers + s * spec.trials);
        current_npv.emplace_back(trials, trials + static_cast<std::ptrdiff_t>(spec.trials));
      }
    }
  };
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  // Evaluates a batch of new candidates, shared out by the runner (trial_runner.hpp).
  const auto evaluate = [&](const std::vector<std::vector<double>>& batch, bool is_current) {
    const std::size_t before = results.decisions.size();
    results.decisions.insert(results.decisions.end(), batch.begin(), batch.end());
    const std::vector<std::vector<double>> numbers = runner.each(
        batch.size(), [&](std::size_t i) { return candidate_numbers(batch[i], is_current); },
        [&](std::size_t done) {
          if (options.progress) options.progress(before + done, planned);
        });
    for (std::size_t i = 0; i < batch.size(); ++i) add_points(before + i, numbers[i], is_current);
  };

  // Evaluates the new ones among `batch`, counting them first for the progress line.
  const auto run_all = [&](const std::vector<std::vector<double>>& batch) {
    std::vector<std::vector<double>> fresh;
    for (std::vector<double> x : batch) {
      for (std::size_t i = 0; i < d; ++i) x[i] = snap(spec.decisions[i], x[i]);
      if (seen.emplace(x, 0).second) fresh.push_back(std::move(x));
    }
    planned = results.decisions.size() + fresh.size();
    evaluate(fresh, false);
  };

  planned = 1;
  evaluate({current}, true);
  // A candidate equal to the mix as written is not simulated again.
  if (std::none_of(current.begin(), current.end(), [](double v) { return std::isnan(v); })) seen.emplace(current, 0);
  const std::vector<double> design = study::shifted_sobol_points(d, spec.candidates, options.seed);
  std::vector<std::vector<double>> first(spec.candidates, std::vector<double>(d));
  for (std::size_t k = 0; k < spec.candidates; ++k) {
    for (std::size_t i = 0; i < d; ++i) {
      const ScenarioInput& decision = spec.decisions[i];
      first[k][i] = decision.low + design[k * d + i] * (decision.high - decision.low);
    }
  }
  run_all(first);

  const auto mark_fronts = [&] {
    for (FrontierPoint& p : results.points) {
      p.on_front = true;
      for (const FrontierPoint& q : results.points)
        if (q.strategy == p.strategy && dominated(p, q)) p.on_front = false;
    }
  };
  // Refinement: around each front point and each strategy's best feasible point, every
  // decision moved alone up and down by a step that halves each round.
  for (std::size_t round = 0; round < spec.refine; ++round) {
    mark_fronts();
    // Per strategy, at most four anchors: its best feasible point, and the front's least
    // risky, middle and most rewarding points.
    std::vector<std::size_t> anchors;
    for (std::size_t s = 0; s < results.strategies.size(); ++s) {
      std::optional<std::size_t> best;
      std::vector<std::size_t> front;
      for (std::size_t k = 0; k < results.points.size(); ++k) {
        const FrontierPoint& p = results.points[k];
        if (p.strategy != s) continue;
        if (p.on_front) front.push_back(k);
        if (p.feasible && (!best || p.mean_npv > results.points[*best].mean_npv)) best = k;
      }
      if (best) anchors.push_back(results.points[*best].candidate);
      std::stable_sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
        return results.points[a].risk < results.points[b].risk;
      });
      if (!front.empty()) {
        for (std::size_t k : {std::size_t{0}, front.size() / 2, front.size() - 1})
          anchors.push_back(results.points[front[k]].candidate);
      }
    }
    std::sort(anchors.begin(), anchors.end());
    anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
    const std::size_t before = results.decisions.size();
    std::vector<std::vector<double>> next;
    for (std::size_t c : anchors) {
      const std::vector<double> x = results.decisions[c];
      // The current mix has no neighbours when a decision's value there is not a number.
      if (std::any_of(x.begin(), x.end(), [](double v) { return std::isnan(v); })) continue;
      for (std::size_t i = 0; i < d; ++i) {
        const ScenarioInput& decision = spec.decisions[i];
        double h =
            (decision.high - decision.low) * 0.25 / std::pow(2.0, static_cast<double>(round));
        if (decision.step > 0)
          h = std::max(decision.step, std::round(h / decision.step) * decision.step);
        for (double sign : {-1.0, 1.0}) {
          std::vector<double> y = x;
          y[i] += sign * h;
          next.push_back(std::move(y));
        }
      }
    }
    run_all(next);
    if (results.decisions.size() == before) break;  // nothing new to try
    ++results.rounds;
  }
  mark_fronts();

  results.screening = frontier::screen(results, simulator, runner);
  mark_fronts();
  results.best = frontier::best_feasible(results.points);
  if (results.best) {
    const FrontierPoint& b = results.points[*results.best];
    results.best_current = b.strategy;  // candidate 0's points come first, one per strategy
    // The best candidate again, for its per-trial npv: the same seed gives the same trials,
    // and only the mix as written is kept throughout the search.
    const std::vector<double> against = runner.each(1, [&](std::size_t) {
      const RunResults again = simulate(results.decisions[b.candidate], b.candidate == 0);
      const PairedDifference d =
          paired_difference(current_npv[b.strategy], again.strategies[b.strategy].metric(Metric::kNpv));
      return std::vector<double>{d.mean, d.se, d.lo95, d.hi95, d.p_better, d.p_tie, d.p_worse};
    })[0];
    results.best_against_current = {.mean = against[0], .se = against[1], .lo95 = against[2], .hi95 = against[3],
                                    .p_better = against[4], .p_tie = against[5], .p_worse = against[6]};
  }
  frontier::confirm(results, simulator, runner);
  results.recommendation = study::frontier_recommendation(scenario, results);
  return results;
}

}  // namespace flowfolio
