// The robustness summary (robustness.hpp): the base, each input alone at its two ends,
// then every input at its worst end at once; and the sentence.
#include "flowfolio/studies/robustness.hpp"

#include <algorithm>
#include <cmath>

#include "core/words.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio {

namespace {

// An input with the settings of its two ends, under the sweep's --set.
struct Input {
  std::string name, low, high;
  std::vector<Setting> at_low, at_high;
};

// The sweep's numeric axes over their lowest and highest points, then the scenario's
// sensitivity inputs over their ranges (those at a path no axis moves).
std::vector<Input> inputs(const Sweep& sweep, const Scenario& base) {
  std::vector<Input> out;
  std::vector<std::string> moved;
  for (const SweepAxis& axis : sweep.axes) {
    if (!axis.numeric() || axis.numbers.size() < 2) continue;
    const auto [lo, hi] = std::minmax_element(axis.numbers.begin(), axis.numbers.end());
    out.push_back({axis.name, axis.texts[lo - axis.numbers.begin()], axis.texts[hi - axis.numbers.begin()],
                   axis.settings_at(**lo), axis.settings_at(**hi)});
    moved.insert(moved.end(), axis.paths.begin(), axis.paths.end());
  }
  for (const ScenarioInput& in : base.sensitivity.inputs) {
    if (std::any_of(in.paths.begin(), in.paths.end(),
                    [&](const std::string& p) { return std::find(moved.begin(), moved.end(), p) != moved.end(); }))
      continue;
    Input input{in.name, format_significant(in.low, 4), format_significant(in.high, 4), {}, {}};
    for (const std::string& path : in.paths) {
      input.at_low.push_back(number_setting(path, in.low));
      input.at_high.push_back(number_setting(path, in.high));
    }
    out.push_back(std::move(input));
  }
  return out;
}

std::vector<Setting> under_sets(const std::vector<Setting>& sets, const std::vector<Setting>& more) {
  std::vector<Setting> all = sets;
  all.insert(all.end(), more.begin(), more.end());
  return all;
}

std::string lead(const PairPoint& p, double sign) {
  return format_money(sign * p.mean) + " (95% interval " + format_money(sign * (sign > 0 ? p.lo95 : p.hi95)) +
         " to " + format_money(sign * (sign > 0 ? p.hi95 : p.lo95)) + ")";
}

std::string summary_sentence(const Robustness& r, double sign) {
  std::string s = r.leader + " leads " + r.other + " by " + lead(r.base, sign) + " on the scenario as written";
  s += r.base.within_noise() ? ", within the simulation's noise. " : ". ";
  if (r.bars.empty()) return s + "No input has a range to try.";
  const RobustnessBar& top = r.bars.front();
  if (r.reversing.empty()) {
    s += "No single input reverses it: the largest swing, " + top.input + " from " + top.low + " to " + top.high +
         ", moves the lead between " + format_money(sign * top.at_low.mean) + " and " +
         format_money(sign * top.at_high.mean) + ". ";
  } else {
    s += "Taken alone, " + join(r.reversing) + " at " + (r.reversing.size() > 1 ? "their" : "its") +
         " least favourable end reverses it. ";
  }
  s += "With every input at its end least favourable to " + r.leader + " at once, ";
  s += r.corner_reverses ? r.other + " leads by " + lead(r.corner, -sign) + ": the choice depends on these assumptions."
                         : r.leader + " still leads by " + lead(r.corner, sign) + ".";
  return s;
}

}  // namespace

Robustness robustness(const Sweep& sweep, const StrategyPair& pair, const PairRunOptions& options) {
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  const Scenario& base = sweep.variants.front().scenario;
  const std::vector<Setting>& sets = sweep.sets;
  const std::vector<Input> all = inputs(sweep, base);
  // Job 0 the base, then each input's low and high end.
  const auto numbers = runner.each(1 + 2 * all.size(), [&](std::size_t job) {
    if (job == 0) return evaluate_pair(sweep, pair, sets, options).numbers();
    const Input& in = all[(job - 1) / 2];
    return evaluate_pair(sweep, pair, under_sets(sets, job % 2 ? in.at_low : in.at_high), options).numbers();
  });
  Robustness r{.pair = pair, .base = PairPoint::from(numbers[0])};
  const double sign = r.base.mean >= 0 ? 1 : -1;  // the leader's side of the difference
  r.leader = shown_strategy(base, sign > 0 ? pair.strategy : pair.baseline);
  r.other = shown_strategy(base, sign > 0 ? pair.baseline : pair.strategy);
  std::vector<Setting> corner = sets;
  for (std::size_t i = 0; i < all.size(); ++i) {
    RobustnessBar bar{all[i].name, all[i].low, all[i].high, PairPoint::from(numbers[1 + 2 * i]),
                      PairPoint::from(numbers[2 + 2 * i])};
    bar.worst_is_high = sign * bar.at_high.mean < sign * bar.at_low.mean;
    const std::vector<Setting>& worst = bar.worst_is_high ? all[i].at_high : all[i].at_low;
    corner.insert(corner.end(), worst.begin(), worst.end());
    if (sign * (bar.worst_is_high ? bar.at_high : bar.at_low).mean < 0) r.reversing.push_back(bar.input);
    r.bars.push_back(std::move(bar));
  }
  std::stable_sort(r.bars.begin(), r.bars.end(), [](const auto& a, const auto& b) { return a.swing() > b.swing(); });
  r.corner = all.empty() ? r.base
                         : PairPoint::from(runner.each(1, [&](std::size_t) {
                             return evaluate_pair(sweep, pair, corner, options).numbers();
                           }).front());
  r.corner_reverses = sign * r.corner.mean < 0;
  r.sentence = summary_sentence(r, sign);
  if (!r.sentence.empty() && r.sentence[0] >= 'a' && r.sentence[0] <= 'z') r.sentence[0] = static_cast<char>(r.sentence[0] - 'a' + 'A');
  return r;
}

}  // namespace flowfolio
