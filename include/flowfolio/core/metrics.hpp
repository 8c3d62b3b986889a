// What one trial reports (MODEL.md section 7), by name and position.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace flowfolio {

enum class Metric : std::size_t {
  kNpv,
  kValue,
  kCost,
  kIncidentLoss,
  kIncidents,
  kCatastrophes,
  kUnitsDone,
  kUnitsSkipped,
  kAttrition,
  kFlowShare,
  kAnxietyShare,
  kBoredomShare,
  kOnlineFinal,
  kDomainFinal,
  kProficiencyPeriod,
};

inline constexpr std::size_t kMetricCount = 15;

// The metrics of one trial of one strategy, indexed by Metric.
using MetricValues = std::array<double, kMetricCount>;

// The name used in files, e.g. "incident_loss".
std::string_view metric_name(Metric metric);
std::optional<Metric> metric_from_name(std::string_view name);

inline constexpr std::size_t index(Metric metric) { return static_cast<std::size_t>(metric); }

}  // namespace flowfolio
