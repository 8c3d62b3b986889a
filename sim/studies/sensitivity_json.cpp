// sensitivity.json (docs/output-format.md).
#include "flowfolio/studies/sensitivity.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "studies/sensitivity_label.hpp"

namespace flowfolio {

using study::output_label;

std::string sensitivity_json(const Scenario& scenario, const SensitivityResults& results) {
  using nlohmann::ordered_json;
  const SensitivitySpec& spec = results.spec;
  ordered_json inputs = ordered_json::array();
  for (const ScenarioInput& input : spec.inputs) {
    inputs.push_back({{"name", input.name},
                      {"paths", input.paths},
                      {"base", input.base},
                      {"low", input.low},
                      {"high", input.high},
                      {"distribution", input.distribution.describe()}});
  }
  ordered_json outputs = ordered_json::array();
  for (const SensitivityOutputResult& out : results.outputs) {
    ordered_json o = {{"label", output_label(out)}, {"kind", out.kind}, {"strategy", out.strategy}};
    if (!out.versus.empty()) o["versus"] = out.versus;
    o["base"] = out.base;
    o["base_se"] = out.base_se;
    if (results.tornado) {
      ordered_json bars = ordered_json::array();
      for (const TornadoBar& bar : out.tornado) {
        bars.push_back({{"input", spec.inputs[bar.input].name},
                        {"low", spec.inputs[bar.input].low},
                        {"high", spec.inputs[bar.input].high},
                        {"at_low", bar.at_low},
                        {"at_high", bar.at_high},
                        {"se_low", bar.se_low},
                        {"se_high", bar.se_high},
                        {"swing", bar.swing},
                        {"swing_se", bar.swing_se}});
      }
      o["tornado"] = bars;
    }
    if (results.sobol) {
      ordered_json indices = ordered_json::array();
      const SobolIndices& s = out.sobol;
      for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
        indices.push_back({{"input", spec.inputs[i].name},
                           {"first", s.first[i]},
                           {"first_se", s.first_se[i]},
                           {"first_ci95", {s.first_lo[i], s.first_hi[i]}},
                           {"total", s.total[i]},
                           {"total_se", s.total_se[i]},
                           {"total_ci95", {s.total_lo[i], s.total_hi[i]}}});
      }
      o["sobol"] = {{"variance", s.variance},
                    {"noise_share", out.noise_share},
                    {"warning", out.warning.empty() ? ordered_json() : ordered_json(out.warning)},
                    {"indices", indices}};
    }
    outputs.push_back(o);
  }
  ordered_json methods = ordered_json::array();
  if (results.tornado) methods.push_back("tornado");
  if (results.sobol) methods.push_back("sobol");
  const ordered_json doc = {{"scenario", scenario.name},
                            {"currency", scenario.currency},
                            {"seed", results.seed},
                            {"methods", methods},
                            {"trials_per_evaluation", spec.trials},
                            {"samples", results.sobol ? spec.samples : 0},
                            {"bootstrap", results.sobol ? spec.bootstrap : 0},
                            {"evaluations", results.evaluations},
                            {"inputs", inputs},
                            {"outputs", outputs}};
  return json_text(doc, 2) + "\n";
}

}  // namespace flowfolio
