// A frontier's decisions and risks in words (frontier_text.hpp).
#include "studies/frontier_text.hpp"

#include <cmath>
#include <cstdio>

#include "flowfolio/output/output.hpp"
#include "studies/study.hpp"

namespace flowfolio::study {

std::string decision_text(const OptimizeSpec& spec, const std::vector<double>& x) {
  std::string out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    out += (i ? ", " : "") + spec.decisions[i].name + " = " +
           (std::isnan(x[i]) ? spec.decisions[i].base : study::number_short(x[i]));
  }
  return out;
}

std::string risk_name(RiskMeasure risk) {
  return risk == RiskMeasure::kCvar95 ? "CVaR95" : "P(loss)";
}

std::string risk_text(RiskMeasure risk, double x) {
  if (risk == RiskMeasure::kCvar95) return format_money(x);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * x);
  return buffer;
}

const char* verdict_name(FrontierConfirmation::Verdict verdict) {
  switch (verdict) {
    case FrontierConfirmation::Verdict::kMeets: return "meets";
    case FrontierConfirmation::Verdict::kFails: return "fails";
    case FrontierConfirmation::Verdict::kUnsure: break;
  }
  return "unsure";
}

}  // namespace flowfolio::study
