// The frontier search of the `optimize:` block (frontier.hpp, docs/frontier.md).
#include "flowfolio/studies/frontier.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
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

// The numbers of one strategy at one candidate: mean npv and its se, CVaR95, P(loss),
// mean cost, the risk measure and its se.
constexpr std::size_t kPointNumbers = 7;

}  // namespace

using study::decision_text;
using study::risk_name;
using study::risk_text;

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
  Diagnostic decisions_block = spec.decisions.front().where;
  decisions_block.path = "optimize.decisions";
  // Simulates candidate `x` (NaN coordinates: as written) for every searched strategy.
  const auto simulate = [&](const std::vector<double>& x, bool is_current) {
    Scenario variant =
        study::scenario_with(text, file, options.overrides, spec.decisions,
                             is_current ? std::vector<double>(d, std::nan("")) : x,
                             "the decisions " + decision_text(spec, x), decisions_block);
    study::keep_strategies(variant, searched);
    return run(variant, {.trials = spec.trials,
                         .seed = options.seed,
                         .threads = options.threads,
                         .stop = options.stop});
  };
  // Candidate x simulated for every searched strategy, as the numbers a runner passes
  // between processes: kPointNumbers per strategy, then for the current mix every
  // strategy's per-trial npv.
  const auto candidate_numbers = [&](const std::vector<double>& x, bool is_current) {
    const RunResults r = simulate(x, is_current);
    std::vector<double> numbers, sorted;
    for (const StrategyResults& strategy : r.strategies) {
      const auto values = strategy.metric(Metric::kNpv);
      sorted.assign(values.begin(), values.end());
      std::sort(sorted.begin(), sorted.end());
      const TailRisk tail = tail_risk_sorted(sorted);
      const MeanAndError mean = mean_and_error(values);
      const bool cvar = spec.risk == RiskMeasure::kCvar95;
      numbers.insert(numbers.end(),
                     {mean.mean, mean.se, tail.cvar95, tail.p_loss, mean_and_error(strategy.metric(Metric::kCost)).mean,
                      cvar ? tail.cvar95 : tail.p_loss,
                      cvar ? study::cvar_standard_error(sorted, tail, 0.95)
                           : std::sqrt(tail.p_loss * (1 - tail.p_loss) / static_cast<double>(values.size()))});
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
      const double* n = &numbers[s * kPointNumbers];
      FrontierPoint p{.strategy = s, .candidate = candidate, .mean_npv = n[0], .mean_npv_se = n[1],
                      .risk = n[5], .risk_se = n[6], .cvar95 = n[2], .p_loss = n[3], .mean_cost = n[4],
                      .current = is_current};
      p.feasible = (!spec.max_cvar95 || p.cvar95 <= *spec.max_cvar95) &&
                   (!spec.max_p_loss || p.p_loss <= *spec.max_p_loss) &&
                   (!spec.max_cost || p.mean_cost <= *spec.max_cost);
      results.points.push_back(p);
      if (is_current) {
        const auto trials = numbers.begin() + static_cast<std::ptrdiff_t>(strategies * kPointNumbers + s * spec.trials);
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

  for (std::size_t k = 0; k < results.points.size(); ++k) {
    const FrontierPoint& p = results.points[k];
    if (!p.feasible) continue;
    if (!results.best) {
      results.best = k;
      continue;
    }
    const FrontierPoint& b = results.points[*results.best];
    if (p.mean_npv > b.mean_npv || (p.mean_npv == b.mean_npv && p.risk < b.risk)) results.best = k;
  }
  const std::string currency = scenario.currency.empty() ? "" : " " + scenario.currency;
  if (results.best) {
    const FrontierPoint& b = results.points[*results.best];
    results.best_current = b.strategy;  // candidate 0's points come first, one per strategy
    const FrontierPoint& c = results.points[b.strategy];
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
    const PairedDifference& diff = results.best_against_current;
    if (b.candidate == 0 || (c.feasible && b.mean_npv == c.mean_npv && b.risk == c.risk)) {
      results.recommendation =
          "The scenario as written is already the best under the constraints: " +
          results.strategies[b.strategy] + " with " + decision_text(spec, results.decisions[0]) +
          ": expected npv " + format_money(c.mean_npv) + currency + " (se " +
          format_money(c.mean_npv_se) + ") for a " + risk_name(spec.risk) + " of " +
          risk_text(spec.risk, c.risk) + ".";
    } else {
      results.recommendation =
          "Best under the constraints: " + results.strategies[b.strategy] + " with " +
          decision_text(spec, results.decisions[b.candidate]) + ": expected npv " +
          format_money(b.mean_npv) + currency + " (se " + format_money(b.mean_npv_se) + ") for a " +
          risk_name(spec.risk) + " of " + risk_text(spec.risk, b.risk) + ", against " +
          format_money(c.mean_npv) + " and " + risk_text(spec.risk, c.risk) + " for " +
          results.strategies[b.strategy] + " as the scenario stands (npv " +
          (diff.mean >= 0 ? "+" : "-") + format_money(std::abs(diff.mean)) + ", 95% interval " +
          format_money(diff.lo95) + " to " + format_money(diff.hi95) + ", on the same futures)." +
          (spec.risk == RiskMeasure::kCvar95 && b.risk < 0
               ? " A negative CVaR95 means even the worst 5% of futures gain."
               : "");
    }
  } else {
    results.recommendation =
        "No candidate meets the constraints; loosen a ceiling or widen a decision's range.";
  }
  return results;
}

}  // namespace flowfolio
