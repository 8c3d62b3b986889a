// A frontier's decisions and risks in words, shared by the search's recommendation, its
// table and its store rows (internal).
#pragma once

#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"

namespace flowfolio::study {

// "name = value, ..." of a candidate's decisions (NaN: the scenario's own value).
std::string decision_text(const OptimizeSpec& spec, const std::vector<double>& x);
// "CVaR95" or "P(loss)".
std::string risk_name(RiskMeasure risk);
// A value of the risk measure: money for CVaR95, a percentage for P(loss).
std::string risk_text(RiskMeasure risk, double x);

}  // namespace flowfolio::study
