// The report's "What would change the answer" section, from decision.json's text
// (docs/report.md). Internal to the output layer.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

// Strategies are named by their labels (their names when they have none), money in the
// scenario's currency.
// The section's HTML (id="what-would-change"): the headline sentence, the tornado chart's
// place and how the analysis was made, every string escaped. Adds the chart's data to
// data["decision"]. Throws InputError naming decision.json when the text is not as
// flowfolio writes it.
std::string decision_section(const std::string& text, const Scenario& scenario, nlohmann::json& data);

// The headline sentence alone, as plain text (escape it for HTML): where the
// recommendation flips and to what, or that no assumption in its tested range flips it.
// Throws as decision_section().
std::string decision_headline(const std::string& text, const Scenario& scenario);

}  // namespace flowfolio
