// A frontier's decisions and risks in words, shared by the search's recommendation, its
// table and its store rows (internal).
#pragma once

#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/studies/frontier.hpp"

namespace flowfolio::study {

// "name = value, ..." of a candidate's decisions (NaN: the scenario's own value).
std::string decision_text(const OptimizeSpec& spec, const std::vector<double>& x);
// "CVaR95" or "P(loss)".
std::string risk_name(RiskMeasure risk);
// A value of the risk measure: money for CVaR95, a percentage for P(loss).
std::string risk_text(RiskMeasure risk, double x);

// "meets", "fails" or "unsure".
const char* verdict_name(FrontierConfirmation::Verdict verdict);

// The recommendation (frontier_recommendation.cpp): from the confirmation run when there
// is one (the first that met the ceilings, after those that did not), else the search's
// own estimates, said as such.
std::string frontier_recommendation(const Scenario& scenario, const FrontierResults& results);

}  // namespace flowfolio::study
