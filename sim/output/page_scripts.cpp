// The data block and the chart libraries of flowfolio's offline pages (page_scripts.hpp).
#include "output/page_scripts.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "flowfolio/output/report.hpp"

namespace flowfolio {

std::string script_json(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      out += "\\u003c";
    } else if (text.compare(i, 2, "\xE2\x80") == 0 && i + 2 < text.size() &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {
namespace fs = std::filesystem;

std::string library(const std::string& folder, const std::string& file) {
  const fs::path path = fs::path(folder) / file;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("the report's chart library " + path.string() +
                             " is missing: run `bash .ci/install-deps`, or point "
                             "FLOWFOLIO_REPORT_ASSETS at a folder holding " +
                             file);
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string js = text.str();
  // Drop the source-map comment: the page must ask for nothing outside itself.
  if (const auto at = js.rfind("//# sourceMappingURL="); at != std::string::npos) js.erase(at);
  for (std::size_t at = 0; (at = js.find("</script", at)) != std::string::npos;)
    js.replace(at, 2, "<\\/");
  return js;
}
}  // namespace

std::string chart_library_scripts() {
  const std::string assets = report_assets_folder();
  std::string out;
  for (const char* file : {"vega.min.js", "vega-lite.min.js", "vega-embed.min.js"})
    out += "<script>" + library(assets, file) + "</script>\n";
  return out;
}

}  // namespace flowfolio
