// What would change the answer: the quick tornado around the recommendation and the
// bisection for its flip points (decision.hpp).
#include "flowfolio/studies/decision.hpp"

#include <algorithm>
#include <functional>
#include <cmath>

#include "flowfolio/stats/summaries.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "studies/study.hpp"

namespace flowfolio {

void FlipBracket::narrow(double value, std::size_t pick, std::size_t base_pick) {
  if (pick == base_pick) {
    kept = value;
  } else {
    flipped = value;
    to = pick;
  }
}

FlipBracket find_flip(double kept, double flipped, std::size_t base_pick,
                      const std::function<std::size_t(double)>& pick, int steps) {
  FlipBracket bracket{.kept = kept, .flipped = flipped, .to = pick(flipped)};
  for (int k = 0; k < steps; ++k) {
    const double x = bracket.next();
    bracket.narrow(x, pick(x), base_pick);
  }
  return bracket;
}

std::uint64_t decision_trials(std::uint64_t main_trials, std::size_t inputs, std::size_t strategies) {
  const std::uint64_t most = std::min<std::uint64_t>(main_trials, 1000);
  const std::uint64_t planned = (1 + 2 * inputs + 2 * kFlipSteps) * std::max<std::size_t>(strategies, 1);
  const std::uint64_t floor = std::min<std::uint64_t>(main_trials, 200);
  return std::max(floor, std::min(most, kDecisionBudget / planned));
}

namespace {
// The leader's `index` on every process, bit by bit: only the leader holds the main run.
std::size_t leaders_index(TrialRunner& runner, std::size_t index, std::size_t count) {
  std::size_t shared = 0;
  for (std::size_t bit = 1; bit < count; bit <<= 1)
    if (runner.agree((index & bit) != 0)) shared |= bit;
  return shared;
}

// R, U and B of the main run, and its verdict (meaningful on the leader only).
struct Roles {
  std::size_t recommended = 0, runner_up = 0, baseline = 0;
  Verdict verdict = Verdict::kClear;
};

Roles roles_of(const RunResults& main_run, const DecisionOptions& options, TrialRunner& runner) {
  const std::size_t n = main_run.strategies.size();
  Roles roles{.baseline = options.baseline};
  if (runner.leader()) {
    const Recommendation rec = recommend(main_run, options.baseline, options.prefer);
    roles.recommended = rec.strategy;
    roles.verdict = rec.verdict;
    roles.runner_up = runner_up(main_run, rec.strategy);
  }
  roles.recommended = leaders_index(runner, roles.recommended, n);
  roles.runner_up = leaders_index(runner, roles.runner_up, n);
  return roles;
}

// The scenario at one input's value, the others as written: automatic inputs on the
// scenario read once, the sensitivity block's by re-reading the text with the value set
// at its key paths (as `flowfolio sensitivity` does).
struct Variants {
  const std::string& text;
  const std::string& file;
  const std::vector<std::string>& overrides;
  Scenario base;

  Scenario at(const DecisionInput& input, double x) const {
    if (input.kind != DecisionInput::Kind::kKeyPaths) return with_decision_input(base, input, x);
    const std::vector<ScenarioInput>& block = base.sensitivity.inputs;
    std::vector<double> values(block.size(), std::nan(""));
    values[input.item] = x;
    return study::scenario_with(text, file, overrides, block, values,
                                "the value " + study::number_short(x) + " of " + input.name,
                                block[input.item].where);
  }
};

// One evaluation: R, U and B simulated on the common seed; what the rule picks among them,
// and R - U and R - B, as the numbers a runner passes between processes.
struct Evaluator {
  std::vector<int> kept;  // R, U and B (once each), in the scenario's order
  Roles roles;
  const DecisionOptions& options;
  std::uint64_t trials;

  std::size_t position(std::size_t s) const {
    return static_cast<std::size_t>(std::find(kept.begin(), kept.end(), static_cast<int>(s)) - kept.begin());
  }
  std::vector<double> operator()(Scenario variant) const {
    study::keep_strategies(variant, kept);
    const RunResults r = run(variant, {.trials = trials, .seed = options.seed, .threads = options.threads,
                                       .stop = options.stop});
    const std::size_t R = position(roles.recommended), U = position(roles.runner_up),
                      B = position(roles.baseline);
    const Recommendation pick = recommend(r, B, options.prefer);
    const PairedDifference ru = metric_difference(r, R, U, Metric::kNpv);
    const PairedDifference rb = R == B ? PairedDifference{} : metric_difference(r, R, B, Metric::kNpv);
    return {static_cast<double>(kept[pick.strategy]), ru.mean, ru.se, rb.mean, rb.se};
  }
};

DecisionPoint point_of(const std::vector<double>& numbers) {
  return {.versus_runner_up = {numbers[1], numbers[2]},
          .versus_baseline = {numbers[3], numbers[4]},
          .pick = static_cast<std::size_t>(numbers[0])};
}

// A bisection under way: for input `input`, from `origin` (a value with the base's pick).
struct Search {
  std::size_t input = 0;
  double origin = 0;
  FlipBracket bracket;
};

// The searches the ends call for: one per end whose pick differs from the base's.
std::vector<Search> searches_of(const std::vector<DecisionInputResult>& results, std::size_t base_pick) {
  std::vector<Search> searches;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const DecisionInputResult& r = results[i];
    for (const bool low : {true, false}) {
      const DecisionPoint& end = low ? r.at_low : r.at_high;
      const DecisionPoint& other = low ? r.at_high : r.at_low;
      if (end.pick == base_pick) continue;
      // From the scenario's value; when it is not a number, from the other end, if it keeps the pick.
      double origin = r.input.base;
      if (!std::isfinite(origin)) {
        if (other.pick != base_pick) continue;
        origin = low ? r.input.high : r.input.low;
      }
      searches.push_back({.input = i,
                          .origin = origin,
                          .bracket = {.kept = origin, .flipped = low ? r.input.low : r.input.high, .to = end.pick}});
    }
  }
  return searches;
}

double relative_distance(const Search& s, const DecisionInput& input) {
  return std::abs(s.bracket.value() - s.origin) / (input.high - input.low);
}

// Each input's results from the tornado's evaluations (the base first, then each input's
// low and high end), ranked by the larger swing of its two differences.
std::vector<DecisionInputResult> ranked_inputs(const std::vector<DecisionInput>& inputs,
                                               const std::vector<std::vector<double>>& tornado) {
  std::vector<DecisionInputResult> ranked;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    DecisionInputResult r{.input = inputs[i], .at_low = point_of(tornado[1 + 2 * i]),
                          .at_high = point_of(tornado[2 + 2 * i])};
    r.swing = std::max(std::abs(r.at_high.versus_runner_up.mean - r.at_low.versus_runner_up.mean),
                       std::abs(r.at_high.versus_baseline.mean - r.at_low.versus_baseline.mean));
    ranked.push_back(std::move(r));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const DecisionInputResult& x, const DecisionInputResult& y) { return x.swing > y.swing; });
  return ranked;
}

using Counter = std::function<void(std::size_t)>;

// The bisections, every input's step in one round so that a runner shares them out; then
// each input's flip nearest its own value, and the headline, the nearest of all.
// `planned` is told the evaluations the searches add, `progress` and `done` as they run.
void find_flips(DecisionAnalysis& a, const std::function<std::vector<double>(const Search&)>& evaluate,
                TrialRunner& runner, const Counter& planned, const Counter& progress, const Counter& done) {
  std::vector<Search> searches = searches_of(a.inputs, a.base.pick);
  planned(kFlipSteps * searches.size());
  for (int step = 0; step < kFlipSteps && !searches.empty(); ++step) {
    const std::vector<std::vector<double>> picks =
        runner.each(searches.size(), [&](std::size_t k) { return evaluate(searches[k]); }, progress);
    for (std::size_t k = 0; k < searches.size(); ++k)
      searches[k].bracket.narrow(searches[k].bracket.next(), point_of(picks[k]).pick, a.base.pick);
    done(searches.size());
  }
  std::vector<double> nearest(a.inputs.size(), INFINITY);
  for (const Search& s : searches) {
    const double d = relative_distance(s, a.inputs[s.input].input);
    if (d >= nearest[s.input]) continue;
    nearest[s.input] = d;
    a.inputs[s.input].flip = DecisionFlip{.value = s.bracket.value(), .to = s.bracket.to};
  }
  for (std::size_t i = 0; i < a.inputs.size(); ++i)
    if (a.inputs[i].flip && (!a.headline || nearest[i] < nearest[*a.headline])) a.headline = i;
}
}  // namespace

DecisionAnalysis analyse_decision(const std::string& text, const std::string& file, const RunResults& main_run,
                                  const DecisionOptions& options) {
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  const Variants variants{text, file, options.overrides, read_scenario_text(text, file, options.overrides)};
  const std::vector<DecisionInput> inputs = decision_inputs(variants.base);
  const Roles roles = roles_of(main_run, options, runner);
  std::vector<int> kept = {static_cast<int>(roles.recommended), static_cast<int>(roles.runner_up),
                           static_cast<int>(roles.baseline)};
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  const std::uint64_t trials =
      options.trials ? options.trials : decision_trials(main_run.trials, inputs.size(), kept.size());
  const Evaluator evaluate{kept, roles, options, trials};

  // Every end is checked before anything runs: a range that breaks the scenario fails now.
  const std::vector<ScenarioInput>& block = variants.base.sensitivity.inputs;
  if (!block.empty()) {
    std::vector<std::vector<double>> ends;
    for (const ScenarioInput& in : block) ends.push_back({in.low, in.high});
    study::check_ends(text, file, options.overrides, block, ends);
  }

  std::size_t done = 0, total = 1 + 2 * inputs.size();
  const auto progress = [&](std::size_t k) {
    if (options.progress) options.progress(done + k, total);
  };
  // The base, then each input at its low and high end.
  const std::vector<std::vector<double>> tornado = runner.each(
      total,
      [&](std::size_t job) {
        if (job == 0) return evaluate(variants.base);
        const DecisionInput& input = inputs[(job - 1) / 2];
        return evaluate(variants.at(input, job % 2 ? input.low : input.high));
      },
      progress);
  done = total;

  DecisionAnalysis a{.recommended = roles.recommended, .runner_up = roles.runner_up, .baseline = roles.baseline,
                     .verdict = roles.verdict, .automatic = block.empty(), .seed = options.seed, .trials = trials};
  a.base = point_of(tornado[0]);
  a.base_pick_differs = a.base.pick != a.recommended;
  a.inputs = ranked_inputs(inputs, tornado);

  const Counter count = [&](std::size_t searches) { total += searches; };
  find_flips(a, [&](const Search& search) { return evaluate(variants.at(a.inputs[search.input].input, search.bracket.next())); },
             runner, count, [&](std::size_t k) { progress(k); }, [&](std::size_t k) { done += k; });
  a.evaluations = total;
  return a;
}

}  // namespace flowfolio
