// What one trial reports (MODEL.md section 7, then docs/model.md's metrics beyond it), by
// name and position.
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
  // Beyond MODEL.md 1.1 (docs/model.md), after its metrics so theirs keep their positions
  // in every file: from the undiscounted cumulative cash flow C_t.
  kCashNeeded,     // max(0, -min C_t)
  kPaybackPeriod,  // periods until C_t >= 0 for good; horizon + 1 when C_T < 0
  kWorstYear,      // the lowest net cash flow of one year (a last partial year as it is)
};

inline constexpr std::size_t kMetricCount = 18;
// The metrics of MODEL.md 1.1 section 7: the first ones, in its order. Files written
// before the others existed hold just these.
inline constexpr std::size_t kModelMetricCount = 15;

// The metrics of one trial of one strategy, indexed by Metric.
using MetricValues = std::array<double, kMetricCount>;

// The name used in files, e.g. "incident_loss".
std::string_view metric_name(Metric metric);
std::optional<Metric> metric_from_name(std::string_view name);

inline constexpr std::size_t index(Metric metric) { return static_cast<std::size_t>(metric); }

}  // namespace flowfolio
