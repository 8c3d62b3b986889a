// decision.json (docs/output-format.md).
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "flowfolio/studies/decision.hpp"

namespace flowfolio {

namespace {
using nlohmann::ordered_json;

// A number, or null where it is not one (a key path's value that is not a plain number).
ordered_json number(double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(); }

ordered_json difference(const DecisionDifference& d) { return {{"mean", d.mean}, {"se", d.se}}; }

ordered_json point(const Scenario& s, const DecisionAnalysis& a, const DecisionPoint& p) {
  return {{"versus_runner_up", difference(p.versus_runner_up)},
          {"versus_baseline", a.baseline == a.recommended ? ordered_json() : difference(p.versus_baseline)},
          {"pick", s.strategies[p.pick].name}};
}
}  // namespace

std::string decision_json(const Scenario& s, const DecisionAnalysis& a) {
  const auto name = [&](std::size_t k) { return s.strategies[k].name; };
  ordered_json inputs = ordered_json::array();
  for (const DecisionInputResult& r : a.inputs) {
    const DecisionInput& in = r.input;
    ordered_json flip;
    if (r.flip) flip = {{"value", r.flip->value}, {"to", name(r.flip->to)}};
    inputs.push_back({{"name", in.name},
                      {"paths", in.paths},
                      {"unit", input_unit_name(in.unit)},
                      {"base", number(in.base)},
                      {"low", in.low},
                      {"high", in.high},
                      {"at_low", point(s, a, r.at_low)},
                      {"at_high", point(s, a, r.at_high)},
                      {"swing", r.swing},
                      {"flip", flip}});
  }
  ordered_json headline;
  if (a.headline) {
    const DecisionInputResult& r = a.inputs[*a.headline];
    headline = {{"input", r.input.name},
                {"unit", input_unit_name(r.input.unit)},
                {"base", number(r.input.base)},
                {"value", r.flip->value},
                {"to", name(r.flip->to)}};
  }
  const ordered_json doc = {
      {"scenario", s.name},
      {"currency", s.currency},
      {"seed", a.seed},
      {"recommended", name(a.recommended)},
      {"runner_up", name(a.runner_up)},
      {"baseline", name(a.baseline)},
      {"verdict", verdict_name(a.verdict)},
      {"source", a.automatic ? "automatic" : "sensitivity"},
      {"trials_per_evaluation", a.trials},
      {"evaluations", a.evaluations},
      {"base", point(s, a, a.base)},
      {"base_pick_differs", a.base_pick_differs},
      {"inputs", inputs},
      {"headline", headline}};
  return json_text(doc, 2) + "\n";
}

std::string report_decision_json(const Scenario& scenario, const std::string& text,
                                 const std::string& file, const RunResults& main_run,
                                 DecisionOptions options) {
  if (scenario.strategies.size() < 2 || scenario.report.what_if_trials == 0u) return "";
  options.prefer = scenario.report.prefer;
  options.trials = scenario.report.what_if_trials.value_or(0);
  return decision_json(scenario, analyse_decision(text, file, main_run, options));
}

const char* input_unit_name(InputUnit unit) {
  switch (unit) {
    case InputUnit::kShare:
      return "share";
    case InputUnit::kMoney:
      return "money";
    case InputUnit::kMultiplier:
      return "multiplier";
    case InputUnit::kNumber:
      break;
  }
  return "number";
}

}  // namespace flowfolio
