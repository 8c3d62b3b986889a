// The sweep's decision (sweep.hpp): the break-even search and the robustness summary run,
// recorded in the store and written as decision.json for the page and for tools.
#include <nlohmann/json.hpp>

#include <map>

#include "core/json_text.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "studies/store.hpp"

namespace flowfolio {

namespace {
using nlohmann::ordered_json;

ordered_json pair_point_json(const PairPoint& p) {
  return {{"mean", p.mean}, {"se", p.se}, {"lo95", p.lo95}, {"hi95", p.hi95}, {"p_beats", p.p_beats}};
}

ordered_json axes_json(const Sweep& sweep) {
  ordered_json axes = ordered_json::array();
  static const char* const kinds[] = {"values", "scale", "set"};
  for (const SweepAxis& a : sweep.axes) {
    ordered_json numbers = ordered_json::array();
    for (const auto& x : a.numbers) numbers.push_back(x ? ordered_json(*x) : ordered_json(nullptr));
    axes.push_back({{"name", a.name}, {"kind", kinds[static_cast<int>(a.kind)]}, {"paths", a.paths},
                    {"log", a.log}, {"points", a.texts}, {"numbers", numbers}, {"numeric", a.numeric()}});
  }
  return axes;
}

// Every recorded pair's npv difference in every variant, from the store, with each
// variant's place on the axes.
ordered_json pairs_json(Store& store, const std::string& run_id, const Sweep& sweep) {
  std::map<std::string, std::size_t> position;
  for (std::size_t v = 0; v < sweep.variants.size(); ++v) position[sweep.variants[v].name] = v;
  const Scenario& base = sweep.variants.front().scenario;
  ordered_json pairs = ordered_json::array();
  for (const auto& [a, b] : recorded_pairs(sweep, base)) {
    ordered_json pair = {{"strategy", base.strategies[a].name}, {"baseline", base.strategies[b].name},
                         {"strategy_label", shown_name(base.strategies[a])},
                         {"baseline_label", shown_name(base.strategies[b])}, {"points", ordered_json::array()}};
    store.run("SELECT variant, mean, se, lo95, hi95, p_beats FROM paired WHERE run_id = ? AND strategy = ? AND "
              "baseline = ? AND metric = 'npv' ORDER BY rowid",
              {run_id, base.strategies[a].name, base.strategies[b].name}, [&](sqlite3_stmt* s) {
                const auto it = position.find(text_column(s, 0));
                if (it == position.end()) return;
                const SweepVariant& v = sweep.variants[it->second];
                ordered_json point = {{"variant", v.name}, {"position", it->second}, {"point", v.point}};
                point.update(pair_point_json({sqlite3_column_double(s, 1), sqlite3_column_double(s, 2),
                                              sqlite3_column_double(s, 3), sqlite3_column_double(s, 4),
                                              sqlite3_column_double(s, 5)}));
                pair["points"].push_back(point);
              });
    std::sort(pair["points"].begin(), pair["points"].end(),
              [](const ordered_json& x, const ordered_json& y) { return x["position"] < y["position"]; });
    pairs.push_back(pair);
  }
  return pairs;
}

ordered_json break_even_json(const Sweep& sweep, const std::vector<BreakEven>& searches) {
  if (!sweep.break_even) return nullptr;
  ordered_json out = {{"strategy", sweep.break_even->pair.strategy},
                      {"baseline", sweep.break_even->pair.baseline},
                      {"axis", sweep.break_even->axis},
                      {"tolerance", sweep.break_even->tolerance},
                      {"searches", ordered_json::array()}};
  for (const BreakEven& b : searches) {
    ordered_json crossings = ordered_json::array(), curve = ordered_json::array();
    for (const Crossing& c : b.crossings)
      crossings.push_back({{"value", c.value}, {"lo95", c.lo}, {"hi95", c.hi}, {"lo_open", c.lo_open},
                           {"hi_open", c.hi_open}, {"strategy_leads_below", c.strategy_leads_below},
                           {"clear", c.clear()}});
    for (const BreakEven::Point& p : b.curve) {
      ordered_json point = {{"x", p.x}, {"on_grid", p.on_grid}};
      point.update(pair_point_json(p.difference));
      curve.push_back(point);
    }
    out["searches"].push_back({{"fixed", b.fixed}, {"sentence", b.sentence}, {"evaluations", b.evaluations},
                               {"crossings", crossings}, {"curve", curve}});
  }
  return out;
}

ordered_json robustness_json(const std::optional<Robustness>& r) {
  if (!r) return nullptr;
  ordered_json bars = ordered_json::array();
  for (const RobustnessBar& b : r->bars)
    bars.push_back({{"input", b.input}, {"low", b.low}, {"high", b.high}, {"at_low", pair_point_json(b.at_low)},
                    {"at_high", pair_point_json(b.at_high)}, {"worst", b.worst_is_high ? "high" : "low"}});
  return {{"strategy", r->pair.strategy}, {"baseline", r->pair.baseline}, {"leader", r->leader},
          {"other", r->other}, {"base", pair_point_json(r->base)}, {"inputs", bars},
          {"worst_corner", pair_point_json(r->corner)}, {"corner_reverses", r->corner_reverses},
          {"reversing_inputs", r->reversing}, {"sentence", r->sentence}};
}

}  // namespace

SweepDecision decide(const Sweep& sweep, const SweepOutcome& outcome, const SweepOptions& options) {
  SweepDecision d;
  if (!sweep.break_even) return d;
  const PairRunOptions o{.seed = outcome.seed, .trials = outcome.trials, .threads = options.threads,
                         .stop = options.stop, .runner = options.runner};
  d.break_even = find_break_even(sweep, outcome.break_even_grid, o);
  if (sweep.robustness) d.robustness = robustness(sweep, sweep.break_even->pair, o);
  return d;
}

void record_decision(const std::string& path, const std::string& run_id, const Sweep& sweep,
                     const SweepDecision& decision) {
  Store store(path);
  store.replace(run_id, {"break_even", "break_even_curve", "robustness"}, [&] {
    if (sweep.break_even) {
      const BreakEvenRequest& q = *sweep.break_even;
      for (const BreakEven& b : decision.break_even) {
        std::int64_t k = 0;
        for (const Crossing& c : b.crossings)
          store.run("INSERT INTO break_even VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {run_id, q.pair.strategy, q.pair.baseline, q.axis, b.fixed, k++, c.value, c.lo, c.hi,
                     std::int64_t{c.lo_open}, std::int64_t{c.hi_open}, std::int64_t{c.strategy_leads_below},
                     static_cast<std::int64_t>(b.evaluations), b.sentence});
        if (b.crossings.empty())  // no flip in range: one row, its sentence, no value
          store.run("INSERT INTO break_even VALUES(?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?)",
                    {run_id, q.pair.strategy, q.pair.baseline, q.axis, b.fixed,
                     static_cast<std::int64_t>(b.evaluations), b.sentence});
        for (const BreakEven::Point& p : b.curve)
          store.run("INSERT INTO break_even_curve VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {run_id, b.fixed, p.x, p.difference.mean, p.difference.se, p.difference.lo95,
                     p.difference.hi95, p.difference.p_beats, std::int64_t{p.on_grid}});
      }
    }
    if (const auto& r = decision.robustness) {
      const auto row = [&](const char* kind, const std::string& input, const std::string& low,
                           const std::string& high, const PairPoint& p, Store::Value at_low, Store::Value at_high,
                           const std::string& worst) {
        store.run("INSERT INTO robustness VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {run_id, r->pair.strategy, r->pair.baseline, std::string(kind), input, low, high, p.mean, p.lo95,
                   p.hi95, at_low, at_high, worst, r->sentence});
      };
      row("base", "", "", "", r->base, nullptr, nullptr, "");
      for (const RobustnessBar& b : r->bars)
        row("input", b.input, b.low, b.high, b.worst_is_high ? b.at_high : b.at_low, b.at_low.mean,
            b.at_high.mean, b.worst_is_high ? "high" : "low");
      row("worst corner", "", "", "", r->corner, nullptr, nullptr, "");
    }
  });
}

std::string decision_json(const std::string& path, const std::string& run_id, const Sweep& sweep,
                          const SweepDecision& decision) {
  Store store(path);
  const ordered_json out = {{"run_id", run_id},
                            {"sweep", sweep.file},
                            {"base", sweep.base},
                            {"axes", axes_json(sweep)},
                            {"pairs", pairs_json(store, run_id, sweep)},
                            {"break_even", break_even_json(sweep, decision.break_even)},
                            {"robustness", robustness_json(decision.robustness)}};
  return json_text(out, 2) + "\n";
}

}  // namespace flowfolio
