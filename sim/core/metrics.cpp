#include "flowfolio/core/metrics.hpp"

namespace flowfolio {

namespace {
constexpr std::array<std::string_view, kMetricCount> kNames = {
    "npv",          "value",          "cost",          "incident_loss", "incidents",
    "catastrophes", "units_done",     "units_skipped", "attrition",     "flow_share",
    "anxiety_share", "boredom_share", "online_final",  "domain_final",  "proficiency_period",
    "cash_needed",  "payback_period", "worst_year"};
}  // namespace

std::string_view metric_name(Metric metric) { return kNames[index(metric)]; }

std::optional<Metric> metric_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kMetricCount; ++i)
    if (kNames[i] == name) return static_cast<Metric>(i);
  return std::nullopt;
}

}  // namespace flowfolio
