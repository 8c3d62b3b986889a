// sweep.html (sweep.hpp; docs/sweeps.md, "The decision chart"): the sweep's decision in
// plain words with its charts, offline, in the report's style. Every string from the
// scenario or the sweep file is escaped; the charts are drawn by page/sweep.js.
#include <nlohmann/json.hpp>

#include <sstream>

#include "core/json_text.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "output/page_scripts.hpp"
#include "output/report_assets.hpp"

namespace flowfolio {

std::string_view sweep_script();  // page/sweep.js, compiled in

namespace {
using nlohmann::json;

std::string money(const json& x) { return format_money(x.get<double>()); }

void robustness_section(std::ostringstream& h, const json& r) {
  h << "<h2>How sure is the choice</h2>\n<p>" << escape_html(r["sentence"].get<std::string>()) << "</p>\n";
  if (r["inputs"].empty()) return;
  h << "<div class=\"chart\" id=\"tornado\"></div>\n<table><thead><tr><th class=\"l\">input</th><th>low end</th>"
       "<th>lead there</th><th>high end</th><th>lead there</th><th class=\"l\">least favourable</th></tr></thead><tbody>\n";
  for (const json& b : r["inputs"])
    h << "<tr><td class=\"l\">" << escape_html(b["input"].get<std::string>()) << "</td><td>"
      << escape_html(b["low"].get<std::string>()) << "</td><td>" << money(b["at_low"]["mean"]) << "</td><td>"
      << escape_html(b["high"].get<std::string>()) << "</td><td>" << money(b["at_high"]["mean"]) << "</td><td class=\"l\">"
      << b["worst"].get<std::string>() << " end</td></tr>\n";
  h << "<tr><td class=\"l\"><b>every input at its least favourable end</b></td><td colspan=\"4\">"
    << money(r["worst_corner"]["mean"]) << " (95% interval " << money(r["worst_corner"]["lo95"]) << " to "
    << money(r["worst_corner"]["hi95"]) << ")</td><td></td></tr>\n</tbody></table>\n"
    << "<p class=\"note\">The lead is " << escape_html(r["strategy"].get<std::string>()) << " minus "
    << escape_html(r["baseline"].get<std::string>())
    << " in mean npv, each input moved alone over its range (the sweep's axes over their points, the scenario's "
       "sensitivity inputs over theirs), every run on the same seed.</p>\n";
}

}  // namespace

std::string sweep_page(const Sweep& sweep, const std::string& decision_json_text) {
  const json d = json::parse(decision_json_text);
  const Scenario& base = sweep.variants.front().scenario;
  const std::string name = base.title.empty() ? base.name : base.title;
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Sweep: " << escape_html(name)
    << "</title>\n<style>\n" << report_css() << "</style>\n</head><body><main>\n"
    << "<h1>Sweep: " << escape_html(name) << "</h1>\n<p class=\"sub\">" << sweep.variants.size()
    << " variants of " << escape_html(sweep.base) << " from " << escape_html(sweep.file)
    << ", every strategy of every variant on the same seed.</p>\n";
  if (!d["pairs"].empty()) {
    h << "<h2>Where the decision flips</h2>\n";
    if (d["break_even"].is_object())
      for (const json& s : d["break_even"]["searches"])
        h << "<p class=\"verdict\">" << escape_html(s["sentence"].get<std::string>()) << "</p>\n";
    h << "<div class=\"chart\" id=\"difference\"></div>\n<div class=\"chart\" id=\"p-beats\"></div>\n"
      << "<p class=\"note\">The line is the paired difference in mean npv along the axis, the band its 95% interval; "
         "a grey hollow point is one where the interval holds zero, so the simulation cannot tell the two strategies "
         "apart there. The orange line marks the break-even, found by bisection on the same futures, and the shaded "
         "span the values where the two cannot be told apart around it.</p>\n";
  }
  if (d["robustness"].is_object()) robustness_section(h, d["robustness"]);
  h << "<p class=\"note\">The numbers behind this page: decision.json, paired.csv and results.csv beside it, and "
       "store.sqlite (docs/sweeps.md).</p>\n</main>\n";
  h << "<script type=\"application/json\" id=\"data\">" << script_json(json_text(d)) << "</script>\n"
    << chart_library_scripts() << "<script>\n" << sweep_script() << "</script>\n</body></html>\n";
  return h.str();
}

}  // namespace flowfolio
