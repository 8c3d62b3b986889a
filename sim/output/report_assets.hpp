// The report's own style sheet and script: sim/output/report/report.css and report.js,
// compiled into the library by CMake (cmake/embed_text.cmake), so a report needs no file
// of flowfolio's at run time besides the chart libraries.
#pragma once

#include <string_view>

namespace flowfolio {

std::string_view report_css();
std::string_view report_script();

}  // namespace flowfolio
