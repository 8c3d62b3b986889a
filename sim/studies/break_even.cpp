// The break-even search (break_even.hpp): the grid's sign changes, each narrowed by
// bisection on common random numbers, and the interval around it where the 95% interval
// of the difference holds zero.
#include "flowfolio/studies/break_even.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "flowfolio/core/error.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "studies/study.hpp"

namespace flowfolio {

namespace {

// A function of the axis's value known at some points and simulated at others.
using Probe = std::function<std::optional<PairPoint>(double)>;

// The axis's geometry: where the middle of two values is and when two are close enough.
struct AxisScale {
  bool log = false, whole = false;
  double tolerance = 0;  // on the axis's own scale (log: of the logs)

  double middle(double a, double b) const {
    if (whole) return std::floor((a + b) / 2);
    return log ? std::sqrt(a * b) : (a + b) / 2;
  }
  bool close(double a, double b) const {
    if (whole) return b - a <= 1;
    return (log ? std::abs(std::log(b / a)) : std::abs(b - a)) <= tolerance;
  }
  // Where a line through (a, fa) and (b, fb), on this scale, is zero.
  double interpolate(double a, double b, double fa, double fb) const {
    const double t = fa == fb ? 0.5 : fa / (fa - fb);
    return log ? a * std::pow(b / a, t) : a + (b - a) * t;
  }
};

// The zero of `f` between a and b (f(a) > 0 >= f(b), or the other way round), by
// bisection: a bracket narrowed until close, then the line through its ends. Stops early,
// with the bracket it has, when a point cannot be simulated.
double bisect(const AxisScale& scale, const std::function<std::optional<double>(double)>& f, double a, double b,
              double fa, double fb) {
  while (!scale.close(a, b)) {
    const double m = scale.middle(a, b);
    if (m <= std::min(a, b) || m >= std::max(a, b)) break;
    const std::optional<double> fm = f(m);
    if (!fm) break;
    if ((*fm > 0) == (fa > 0)) {
      a = m;
      fa = *fm;
    } else {
      b = m;
      fb = *fm;
    }
  }
  return scale.interpolate(a, b, fa, fb);
}

// Positive where the difference is surely on the side of `sign`: its 95% interval clear of zero.
double surely(const PairPoint& p, bool positive) { return positive ? p.lo95 : -p.hi95; }

// One crossing between the curve's points i and i + 1: its value and, walking outwards
// to the nearest point on each side where the difference is sure, the ends of its interval.
Crossing find_crossing(const AxisScale& scale, const std::vector<BreakEven::Point>& curve, std::size_t i,
                       const Probe& probe) {
  const auto component = [&](auto pick) {
    return [&, pick](double x) -> std::optional<double> {
      const auto p = probe(x);
      return p ? std::optional<double>(pick(*p)) : std::nullopt;
    };
  };
  Crossing c;
  const PairPoint& left = curve[i].difference;
  const PairPoint& right = curve[i + 1].difference;
  c.strategy_leads_below = left.mean > 0;
  c.value = bisect(scale, component([](const PairPoint& p) { return p.mean; }), curve[i].x, curve[i + 1].x,
                   left.mean, right.mean);
  const bool below = left.mean > 0, above = right.mean > 0;
  std::size_t j = i + 1;
  while (j-- > 0 && surely(curve[j].difference, below) <= 0) {}
  if (j == static_cast<std::size_t>(-1)) {
    c.lo = curve.front().x;
    c.lo_open = true;
  } else {
    c.lo = bisect(scale, component([below](const PairPoint& p) { return surely(p, below); }), curve[j].x,
                  curve[j + 1].x, surely(curve[j].difference, below), surely(curve[j + 1].difference, below));
  }
  std::size_t k = i;
  while (++k < curve.size() && surely(curve[k].difference, above) <= 0) {}
  if (k == curve.size()) {
    c.hi = curve.back().x;
    c.hi_open = true;
  } else {
    c.hi = bisect(scale, component([above](const PairPoint& p) { return surely(p, above); }), curve[k].x,
                  curve[k - 1].x, surely(curve[k].difference, above), surely(curve[k - 1].difference, above));
  }
  return c;
}

std::string axis_value(const SweepAxis& axis, double x) {
  return format_significant(x, 3) + (axis.kind == SweepAxis::Kind::kScale ? "x" : "");
}

// The search's finding in one sentence.
std::string sentence(const Sweep& sweep, const SweepAxis& axis, const BreakEven& b) {
  const Scenario& base = sweep.variants.front().scenario;
  const std::string a = shown_strategy(base, sweep.break_even->pair.strategy), z = shown_strategy(base, sweep.break_even->pair.baseline);
  const std::string where = b.fixed.empty() ? "" : " (with " + b.fixed + ")";
  if (b.crossings.empty()) {
    const auto worst = std::min_element(b.curve.begin(), b.curve.end(), [&](const auto& p, const auto& q) {
      return std::abs(p.difference.mean) < std::abs(q.difference.mean);
    });
    const bool ahead = b.curve.front().difference.mean > 0;
    const std::size_t noisy = std::count_if(b.curve.begin(), b.curve.end(), [](const auto& p) {
      return p.on_grid && p.difference.within_noise();
    });
    const std::size_t points = std::count_if(b.curve.begin(), b.curve.end(), [](const auto& p) { return p.on_grid; });
    std::string s = "No flip in range" + where + ": " + (ahead ? a : z) + " leads " + (ahead ? z : a) +
                    " on mean npv at every " + axis.name + " from " + axis_value(axis, b.curve.front().x) + " to " +
                    axis_value(axis, b.curve.back().x) + "; its smallest lead is " +
                    format_money(std::abs(worst->difference.mean)) + " at " + axis_value(axis, worst->x) + ".";
    if (noisy > 0)
      s += " At " + std::to_string(noisy) + " of " + std::to_string(points) +
           " points the difference is within the simulation's noise.";
    return s;
  }
  // Crossings whose interval runs past both ends of the axis are noise: the difference
  // is never sure on either side of them.
  const auto noise = [](const Crossing& c) { return !c.clear(); };
  if (std::all_of(b.crossings.begin(), b.crossings.end(), noise)) {
    return "No clear flip" + where + ": the mean npv of " + a + " minus " + z + " crosses zero " +
           (b.crossings.size() == 1 ? std::string("once") : std::to_string(b.crossings.size()) + " times") +
           " between " + axis_value(axis, b.curve.front().x) + " and " + axis_value(axis, b.curve.back().x) +
           " of " + axis.name + ", but nowhere on one side of " + (b.crossings.size() == 1 ? "it" : "them") +
           " is it clear of the simulation's noise: more trials, or a wider range, would tell.";
  }
  std::string s;
  for (const Crossing& c : b.crossings) {
    if (noise(c)) continue;
    const std::string first = c.strategy_leads_below ? a : z, second = c.strategy_leads_below ? z : a;
    s += (s.empty() ? "" : " ") + std::string("The choice flips") + where + " at " + axis.name + " = " +
         axis_value(axis, c.value) + " (95% interval " + (c.lo_open ? "below " : "") + axis_value(axis, c.lo) +
         " to " + (c.hi_open ? "above " : "") + axis_value(axis, c.hi) + "): " + first + " leads below it, " +
         second + " above it.";
  }
  return s;
}

}  // namespace

PairPoint evaluate_pair(const Sweep& sweep, const StrategyPair& pair, const std::vector<Setting>& settings,
                        const PairRunOptions& options) {
  Scenario scenario = read_scenario_file(sweep.base, settings);
  // The pair alone, in the scenario's own order.
  const auto first = static_cast<int>(strategy_index(scenario, pair.strategy, "the pair"));
  const auto second = static_cast<int>(strategy_index(scenario, pair.baseline, "the pair"));
  study::keep_strategies(scenario, {std::min(first, second), std::max(first, second)});
  const std::size_t a = strategy_index(scenario, pair.strategy, "the pair");
  const std::size_t b = strategy_index(scenario, pair.baseline, "the pair");
  const RunResults r = run(scenario, {.trials = options.trials, .seed = options.seed, .threads = options.threads,
                                      .stop = options.stop});
  return PairPoint::npv(compare(scenario, r, a, b));
}

std::vector<BreakEven> find_break_even(const Sweep& sweep, const std::vector<PairPoint>& grid,
                                       const PairRunOptions& options) {
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  const BreakEvenRequest& request = *sweep.break_even;
  const std::size_t k = *sweep.axis(request.axis);
  const SweepAxis& axis = sweep.axes[k];
  const auto [lowest, highest] = std::minmax_element(axis.numbers.begin(), axis.numbers.end());
  AxisScale scale{.log = axis.log, .whole = axis.whole};
  scale.tolerance = request.tolerance * (axis.log ? std::log(**highest / **lowest) : **highest - **lowest);

  // The variants at each combination of the other axes' points, in the grid's order.
  std::map<std::vector<std::size_t>, std::vector<std::size_t>> groups;
  std::vector<std::vector<std::size_t>> order;
  for (std::size_t v = 0; v < sweep.variants.size(); ++v) {
    std::vector<std::size_t> others = sweep.variants[v].point;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(k));
    if (groups[others].empty()) order.push_back(others);
    groups[others].push_back(v);
  }
  std::vector<BreakEven> out;
  for (const auto& others : order) {
    const std::vector<std::size_t>& members = groups[others];
    const SweepVariant& first = sweep.variants[members.front()];
    BreakEven b;
    for (std::size_t a = 0; a < sweep.axes.size(); ++a)
      if (a != k) b.fixed += (b.fixed.empty() ? "" : ", ") + sweep.axes[a].name + "=" + sweep.axes[a].texts[first.point[a]];
    for (std::size_t v : members) b.curve.push_back({*axis.numbers[sweep.variants[v].point[k]], grid[v], true});
    std::stable_sort(b.curve.begin(), b.curve.end(), [](const auto& p, const auto& q) { return p.x < q.x; });
    const std::vector<BreakEven::Point> known = b.curve;
    // A point off the grid: the first member's settings with the axis's paths at x.
    std::map<double, std::optional<PairPoint>> searched;
    const Probe probe = [&](double x) -> std::optional<PairPoint> {
      if (const auto it = searched.find(x); it != searched.end()) return it->second;
      std::vector<Setting> settings;
      for (const Setting& s : first.settings)
        if (std::find(axis.paths.begin(), axis.paths.end(), s.key_path()) == axis.paths.end()) settings.push_back(s);
      for (const Setting& s : axis.settings_at(x)) settings.push_back(s);
      const auto numbers = runner.each(1, [&](std::size_t) -> std::vector<double> {
        try {
          return evaluate_pair(sweep, request.pair, settings, options).numbers();
        } catch (const InputError&) {
          return {};  // a value the scenario refuses (a fraction of a whole count): the search stops short
        }
      }).front();
      std::optional<PairPoint> p;
      if (!numbers.empty()) p = PairPoint::from(numbers);
      ++b.evaluations;
      if (p) b.curve.push_back({x, *p, false});
      return searched[x] = p;
    };
    for (std::size_t i = 0; i + 1 < known.size(); ++i)
      if ((known[i].difference.mean > 0) != (known[i + 1].difference.mean > 0))
        b.crossings.push_back(find_crossing(scale, known, i, probe));
    std::stable_sort(b.curve.begin(), b.curve.end(), [](const auto& p, const auto& q) { return p.x < q.x; });
    b.sentence = sentence(sweep, axis, b);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace flowfolio
