// The what-if API's JSON (docs/what-if.md): the page's inputs, and the answer to a rerun.
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "flowfolio/output/verdict.hpp"
#include "flowfolio/stats/recommendation.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "server/what_if.hpp"

namespace flowfolio::server {

namespace {
using nlohmann::ordered_json;

// A number, or null where there is none (a key path's value that is not a plain number).
ordered_json number(double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(); }

ordered_json strategy_json(const Scenario& scenario, const RunResults& results, std::size_t s) {
  const Summary npv = metric_summary(results, s, Metric::kNpv);
  const TailRisk tail = metric_tail(results, s, Metric::kNpv);
  return {{"name", scenario.strategies[s].name}, {"label", shown_name(scenario.strategies[s])},
          {"mean_npv", npv.mean}, {"se", npv.se}, {"p5", npv.p5}, {"p50", npv.p50}, {"p95", npv.p95}, {"cvar95", tail.cvar95},
          {"p_loss", tail.p_loss}};
}

ordered_json difference_json(const Scenario& scenario, const RunResults& results, std::size_t s,
                             std::size_t baseline) {
  const PairedDifference d = metric_difference(results, s, baseline, Metric::kNpv);
  return {{"strategy", scenario.strategies[s].name}, {"baseline", scenario.strategies[baseline].name},
          {"mean", d.mean}, {"se", d.se}, {"lo95", d.lo95}, {"hi95", d.hi95}};
}
}  // namespace

std::string WhatIf::inputs_json() const {
  ordered_json strategies = ordered_json::array();
  for (const Strategy& s : base_.strategies) strategies.push_back({{"name", s.name}, {"label", shown_name(s)}});
  ordered_json inputs = ordered_json::array();
  for (const WhatIfInput& in : inputs_) {
    const DecisionInput& d = in.input;
    inputs.push_back({{"key", in.key}, {"name", d.name}, {"paths", d.paths}, {"unit", input_unit_name(d.unit)},
                      {"base", number(d.base)}, {"low", d.low}, {"high", d.high}, {"step", in.step}});
  }
  const ordered_json page = {{"scenario", base_.name},
                             {"title", base_.title.empty() ? base_.name : base_.title},
                             {"currency", base_.currency},
                             {"seed", base_.seed},
                             {"baseline", base_.strategies.front().name},
                             {"default_trials", kDefaultTrials},
                             {"max_trials", kMaxTrials},
                             {"strategies", strategies},
                             {"inputs", inputs}};
  return json_text(page, 2);
}

std::string what_if_answer_json(const Scenario& scenario, const RunResults& results,
                                const std::vector<WhatIfInput>& inputs, const WhatIfRequest& request) {
  const std::size_t baseline = request.baseline;
  ordered_json settings = ordered_json::object();
  for (const auto& [i, x] : request.settings) settings[inputs[i].key] = x;
  ordered_json strategies = ordered_json::array();
  ordered_json differences = ordered_json::array();
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    strategies.push_back(strategy_json(scenario, results, s));
    if (s != baseline) differences.push_back(difference_json(scenario, results, s, baseline));
  }
  const Recommendation rec = recommend(results, baseline, scenario.report.prefer);
  const ordered_json answer = {
      {"settings", settings},
      {"trials", results.trials},
      {"seed", results.seed},
      {"baseline", scenario.strategies[baseline].name},
      {"strategies", strategies},
      {"differences", differences},
      {"recommended", scenario.strategies[rec.strategy].name},
      {"verdict", verdict_name(rec.verdict)},
      {"sentence", recommendation_sentence(scenario, results, rec, baseline)}};
  return json_text(answer, 2);
}

}  // namespace flowfolio::server
