// The report's loss exceedance curve (docs/report.md): the data its chart draws and the
// section around it. Kept apart from report.cpp, which writes the rest of the page.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

// Per strategy, points (x, P(incident loss over the horizon >= x)) at a fixed set of
// exceedance levels (50%, 20%, 10%, 5%, 2%, 1%, ... down to about 1/trials) plus the
// smallest and the largest positive loss; and each strategy's share at each of the
// scenario's risk.loss_thresholds. From the trials, or from the summaries' sketches when
// the run kept no trials. Strategies whose losses are all 0 are listed under "zero", not
// given points. Shape:
//   {"points": [{strategy, loss, p}], "thresholds": [x], "shares": [{strategy, threshold, p}],
//    "zero": [names], "floor": lowest probability the axis shows, "horizon": "2 years"}
nlohmann::json loss_exceedance_data(const Scenario& scenario, const RunResults& results);

// The section: its heading, the chart's place and a note (every string escaped) that
// names the strategies with no incident loss. `data` is loss_exceedance_data()'s.
std::string loss_exceedance_html(const nlohmann::json& data);

}  // namespace flowfolio
