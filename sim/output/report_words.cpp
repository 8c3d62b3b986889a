// The words and numbers every part of the report shares.
#include "flowfolio/core/format.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

std::string money(double x, const std::string& currency) {
  return format_money(x) + (currency.empty() ? "" : " " + currency);
}

std::string signed_money(double x, const std::string& currency) {
  return (x > 0 ? "+" : "") + money(x, currency);
}

std::string shown(const Scenario& scenario, std::size_t strategy) {
  return escape_html(shown_name(scenario.strategies[strategy]));
}

std::vector<Figures> strategy_figures(const RunResults& results) {
  std::vector<Figures> figures(results.strategies.size());
  for (std::size_t k = 0; k < figures.size(); ++k) {
    const auto of = [&](Metric m) { return metric_summary(results, k, m); };
    figures[k] = {.npv = of(Metric::kNpv),
                  .value = of(Metric::kValue),
                  .cost = of(Metric::kCost),
                  .loss = of(Metric::kIncidentLoss),
                  .proficiency = of(Metric::kProficiencyPeriod),
                  .attrition = of(Metric::kAttrition),
                  .flow = of(Metric::kFlowShare),
                  .tail = metric_tail(results, k, Metric::kNpv)};
  }
  return figures;
}

}  // namespace flowfolio::page
