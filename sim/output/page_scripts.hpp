// What every offline page of flowfolio's inlines (the report, the calibration page): its
// data as a JSON script block, and the chart libraries. Internal to the library.
#pragma once

#include <string>

namespace flowfolio {

// JSON text for a <script type="application/json"> block: no "<" can end the block early,
// and the line separators U+2028 and U+2029, which older JavaScript parsers take for line
// ends, are escaped too.
std::string script_json(const std::string& json_text);

// Vega, Vega-Lite and vega-embed from report_assets_folder(), each in a <script> element
// that nothing inside can end, with its source-map comment dropped (the page asks for
// nothing outside itself). Throws std::runtime_error naming a missing library.
std::string chart_library_scripts();

}  // namespace flowfolio
