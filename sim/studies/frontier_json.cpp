// frontier.json (docs/frontier.md).
#include "flowfolio/studies/frontier.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "studies/frontier_text.hpp"

namespace flowfolio {

namespace {

using nlohmann::ordered_json;

// The confirmation runs, each with the search's estimate of its point beside its own.
template <class PointJson>
ordered_json confirmation_json(const FrontierResults& results, const PointJson& point_json) {
  const OptimizeSpec& spec = results.spec;
  if (spec.confirm_trials == 0) return nullptr;
  ordered_json runs = ordered_json::array();
  for (const FrontierConfirmation& c : results.confirmations) {
    const PairedDifference& g = c.gain;
    runs.push_back({{"point", c.point},
                    {"seed", c.seed},
                    {"trials", c.trials},
                    {"verdict", study::verdict_name(c.verdict)},
                    {"search_estimate", point_json(results.points[c.point])},
                    {"confirmation_estimate", point_json(c.estimate)},
                    {"current", point_json(c.current)},
                    {"gain_over_current",
                     {{"mean", g.mean}, {"se", g.se}, {"lo95", g.lo95}, {"hi95", g.hi95}, {"p_better", g.p_better}}}});
  }
  return {{"trials", spec.confirm_trials},
          {"max_trials", spec.confirm_max_trials},
          {"candidates", spec.confirm_candidates},
          {"runs", runs},
          {"confirmed", results.confirmed ? ordered_json(*results.confirmed) : ordered_json()}};
}

}  // namespace

std::string frontier_json(const Scenario& scenario, const FrontierResults& results) {
  const OptimizeSpec& spec = results.spec;
  const auto optional = [](const std::optional<double>& v) {
    return v ? ordered_json(*v) : ordered_json();
  };
  ordered_json decisions = ordered_json::array();
  for (const ScenarioInput& decision : spec.decisions) {
    decisions.push_back({{"name", decision.name},
                         {"paths", decision.paths},
                         {"low", decision.low},
                         {"high", decision.high},
                         {"step", decision.step},
                         {"base", decision.base}});
  }
  const auto point_json = [&](const FrontierPoint& p) {
    ordered_json x = ordered_json::array();
    for (double v : results.decisions[p.candidate])
      x.push_back(std::isnan(v) ? ordered_json() : ordered_json(v));
    return ordered_json{{"strategy", results.strategies[p.strategy]},
                        {"candidate", p.candidate},
                        {"decision", x},
                        {"trials", p.trials},
                        {"mean_npv", p.mean_npv},
                        {"mean_npv_se", p.mean_npv_se},
                        {"risk", p.risk},
                        {"risk_se", p.risk_se},
                        {"cvar95", p.cvar95},
                        {"cvar95_se", p.cvar95_se},
                        {"cvar95_lo95", p.cvar95_lo95},
                        {"cvar95_hi95", p.cvar95_hi95},
                        {"thin_tail", p.thin_tail},
                        {"p_loss", p.p_loss},
                        {"mean_cost", p.mean_cost},
                        {"mean_cost_se", p.mean_cost_se},
                        {"p_meets", p.p_meets},
                        {"feasible", p.feasible},
                        {"on_front", p.on_front},
                        {"current", p.current}};
  };
  ordered_json points = ordered_json::array();
  for (const FrontierPoint& p : results.points) points.push_back(point_json(p));
  ordered_json doc = {{"scenario", scenario.name},
                      {"currency", scenario.currency},
                      {"seed", results.seed},
                      {"objective", "mean_npv"},
                      {"risk", spec.risk == RiskMeasure::kCvar95 ? "cvar95" : "p_loss"},
                      {"constraints",
                       {{"cvar95", optional(spec.max_cvar95)},
                        {"p_loss", optional(spec.max_p_loss)},
                        {"cost", optional(spec.max_cost)}}},
                      {"trials_per_candidate", spec.trials},
                      {"design_candidates", spec.candidates},
                      {"refinement_rounds", results.rounds},
                      {"candidates", results.decisions.size()},
                      {"decisions", decisions},
                      {"strategies", results.strategies},
                      {"points", points}};
  if (results.best) {
    const PairedDifference& diff = results.best_against_current;
    doc["best"] = point_json(results.points[*results.best]);
    doc["current_of_best_strategy"] = point_json(results.points[*results.best_current]);
    doc["best_minus_current"] = {{"mean", diff.mean},
                                 {"se", diff.se},
                                 {"lo95", diff.lo95},
                                 {"hi95", diff.hi95},
                                 {"p_better", diff.p_better}};
  } else {
    doc["best"] = nullptr;
  }
  const FrontierScreening& screening = results.screening;
  doc["screening"] = {{"method", "OCBA-CO"},
                      {"budget_trials", screening.budget},
                      {"used_trials", screening.used},
                      {"stages", screening.stages},
                      {"points", screening.points},
                      {"sure_before", screening.sure_before},
                      {"sure_after", screening.sure_after}};
  doc["confirmation"] = confirmation_json(results, point_json);
  doc["recommendation"] = results.recommendation;
  return json_text(doc, 2) + "\n";
}

}  // namespace flowfolio
