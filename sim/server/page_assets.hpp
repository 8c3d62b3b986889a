// The what-if page's files: sim/server/page/what_if.html, .js and .css, compiled into the
// server by CMake (cmake/embed_text.cmake), so the page needs no file at run time.
#pragma once

#include <string_view>

namespace flowfolio {

std::string_view what_if_html();
std::string_view what_if_script();
std::string_view what_if_css();

}  // namespace flowfolio
