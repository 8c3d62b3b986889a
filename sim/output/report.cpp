// The report page assembled: its head, its sections in order (each written by its own
// report_*.cpp), the inline scripts, and the seal that tells a page flowfolio wrote.
#include "flowfolio/output/report.hpp"

#include "core/digest.hpp"
#include "core/json_text.hpp"
#include "output/report_assets.hpp"
#include "output/report_decision.hpp"
#include "output/report_parts.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "flowfolio/core/format.hpp"
#include "output/page_scripts.hpp"
#include "flowfolio/output/verdict.hpp"
#include "flowfolio/stats/recommendation.hpp"

namespace flowfolio {

namespace {
using nlohmann::json;
}  // namespace

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {
constexpr const char* kReportHead = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
constexpr const char* kReportTitle = "<title>flowfolio report: ";
}  // namespace

// The last line of every report: the SHA-256 of everything before it, so that flowfolio
// knows a report it wrote from one a person has since edited.
constexpr std::string_view kReportSeal = "<!-- flowfolio report, sha256 ";

std::string signed_report(const std::string& html) {
  return html + std::string(kReportSeal) + sha256_hex(html) + " -->\n";
}

bool is_report_html(const std::string& html) {
  const std::size_t seal = html.rfind(kReportSeal);
  if (seal == std::string::npos || !std::string_view(html).starts_with(kReportHead)) return false;
  const std::string digest = sha256_hex(html.substr(0, seal));
  return html.compare(seal, std::string::npos, std::string(kReportSeal) + digest + " -->\n") == 0;
}

namespace {
// The page's head (its policy: nothing loads from outside) and its title lines.
void page_top(std::ostringstream& h, const ReportInputs& in, const std::string& title) {
  const Scenario& s = in.scenario;
  h << kReportHead
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
       "'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << kReportTitle << title << "</title>\n<style>\n" << report_css() << "</style>\n</head><body><main>\n";
  h << "<h1>" << title << "</h1>\n<p class=\"sub\">"
    << (s.description.empty() ? "" : escape_html(s.description) + "<br>") << in.results.trials
    << " simulated futures per strategy, " << escape_html(horizon_words(s)) << " in "
    << period_word(s.periods_per_year) << "s, money in "
    << escape_html(s.currency.empty() ? "the scenario's currency" : s.currency) << "</p>\n";
}

void how_made(std::ostringstream& h, const ReportInputs& in) {
  const RunResults& r = in.results;
  h << "<h2>How the numbers were made</h2>\n<p class=\"note\">" << r.trials
    << " simulated futures for every strategy, all strategies on the same futures (common random numbers"
    << (r.independent_streams ? "; this run used independent streams instead" : "") << "); seed " << r.seed
    << "; flowfolio " << FLOWFOLIO_VERSION << ", model version " << kModelVersion
    << (in.options.stop_reason.empty() ? "" : "; " + escape_html(in.options.stop_reason))
    << (in.manifest.end_time.empty() ? "" : "; run finished " + escape_html(in.manifest.end_time))
    << ". Standard errors (&plusmn;) are the Monte Carlo precision of the means. The model is described in "
       "flowfolio's docs/model.md.";
  const std::size_t calibrated = in.scenario.calibration.values.size();
  if (calibrated > 0)
    h << " " << calibrated << " of the scenario's numbers come from the organisation's own history, not judgement: "
      << "<a href=\"#from-history\">which, and how sure</a>.";
  h << "</p>\n";
}

// The charts' data, the chart libraries and the page's own script, all inline.
void page_scripts(std::ostringstream& h, const json& data) {
  h << "<script type=\"application/json\" id=\"data\">" << script_json(json_text(data)) << "</script>\n"
    << chart_library_scripts() << "<script>\n" << report_script() << "</script>\n</body></html>\n";
}

// The studies a folder may hold, each read defensively (a hand-edited file names itself).
void study_sections(std::ostringstream& h, const ReportInputs& in, json& data) {
  const std::string& cur = in.scenario.currency;
  if (!in.frontier.empty())
    page::study_section(h, "frontier.json",
                        [&](std::ostringstream& part) { page::frontier_section(part, in.frontier, cur, data); });
  if (!in.sensitivity.empty())
    page::study_section(h, "sensitivity.json",
                        [&](std::ostringstream& part) { page::sensitivity_section(part, in.sensitivity, cur, data); });
}
}  // namespace

std::string report_html(const ReportInputs& in) {
  const Scenario& s = in.scenario;
  const page::Headline headline{.recommendation = recommend(in.results, in.options.baseline, s.report.prefer),
                                .baseline = in.options.baseline,
                                .figures = page::strategy_figures(in.results)};
  json data = page::chart_data(in, headline);
  const std::string title = escape_html(s.title.empty() ? s.name : s.title);

  std::ostringstream h;
  page_top(h, in, title);
  page::headline_section(h, in, headline, in.decision.empty() ? "" : decision_headline(in.decision, s));
  page::strategies_section(h, in, headline);
  if (in.cash_figures) page::money_section(h, in, headline);
  if (!in.decision.empty()) h << decision_section(in.decision, s, data);
  page::charts_section(h, data);
  study_sections(h, in, data);
  page::assumptions_section(h, s);
  page::glossary_section(h, s);
  how_made(h, in);
  page::appendix_section(h, s);
  h << "<footer>flowfolio report &middot; " << title << "</footer>\n</main>\n";
  page_scripts(h, data);
  return signed_report(h.str());
}

}  // namespace flowfolio
