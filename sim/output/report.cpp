#include "flowfolio/output/report.hpp"

#include "core/digest.hpp"
#include "output/report_assets.hpp"
#include "output/report_parts.hpp"
#include "output/report_charts.hpp"
#include "output/report_decision.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "flowfolio/output/verdict.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/recommendation.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using page::money;
using page::period_word;

// Okabe and Ito's palette: distinguishable with every common colour-vision deficiency.
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                "#56B4E9", "#D55E00", "#F0E442", "#000000"};

// JSON for a <script type="application/json"> block: no "<" can end the block early, and
// the line separators U+2028 and U+2029, which older JavaScript parsers take for line
// ends, are escaped too.
std::string script_json(const json& value) {
  const std::string text = value.dump();
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

std::string report_html(const ReportInputs& in) {
  const Scenario& s = in.scenario;
  const RunResults& r = in.results;
  const std::string& cur = s.currency;
  const std::size_t S = r.strategies.size();

  const page::Headline headline{.recommendation = recommend(r, in.options.baseline, s.report.prefer),
                                 .baseline = in.options.baseline,
                                 .figures = page::strategy_figures(r)};
  const std::vector<page::Figures>& rows = headline.figures;

  // Chart data.
  json data;
  data["currency"] = cur;
  data["period"] = period_word(s.periods_per_year);
  json names = json::array(), colors = json::array();
  for (std::size_t k = 0; k < S; ++k) {
    names.push_back(r.strategies[k].name);
    colors.push_back(kPalette[k % 8]);
  }
  data["strategies"] = names;
  json labels = json::array();
  for (const Strategy& st : s.strategies) labels.push_back(shown_name(st));
  data["labels"] = labels;  // what the charts show; the names join the rows
  data["colors"] = colors;
  // The spread of npv per strategy: the middle 50% and 90% of futures, median and mean.
  // Quantiles rather than a histogram, so one strategy's long tail cannot squeeze the rest.
  json spread = json::array();
  for (std::size_t k = 0; k < S; ++k) {
    const Summary& n = rows[k].npv;
    spread.push_back({{"strategy", r.strategies[k].name},
                      {"p5", n.p5},
                      {"p25", n.p25},
                      {"p50", n.p50},
                      {"p75", n.p75},
                      {"p95", n.p95},
                      {"mean", n.mean}});
  }
  data["npv_spread"] = spread;
  json fan = json::array(), zones = json::array();
  const char* zone_names[] = {"flow", "anxiety", "boredom"};
  for (const SeriesRow& row : in.series) {
    const std::string& name = r.strategies[row.strategy].name;
    fan.push_back({{"strategy", name},
                   {"period", row.period + 1},
                   {"mean", row.mean},
                   {"p5", row.quantiles[0]},
                   {"p25", row.quantiles[1]},
                   {"p50", row.quantiles[2]},
                   {"p75", row.quantiles[3]},
                   {"p95", row.quantiles[4]}});
    for (int z = 0; z < 3; ++z)
      zones.push_back({{"strategy", name},
                       {"period", row.period + 1},
                       {"zone", zone_names[z]},
                       {"share", row.zone_share[z]}});
  }
  data["fan"] = fan;
  data["zones"] = zones;
  json paired = json::array(), risk = json::array();
  for (std::size_t k = 0; k < S; ++k) {
    risk.push_back({{"strategy", r.strategies[k].name},
                    {"mean", rows[k].npv.mean},
                    {"cvar95", rows[k].tail.cvar95}});
    if (k == in.options.baseline) continue;
    const Comparison c = compare(s, r, k, in.options.baseline);
    const PairedDifference& d = c.metrics[0].difference;
    paired.push_back({{"strategy", r.strategies[k].name},
                      {"mean", d.mean},
                      {"lo", d.lo95},
                      {"hi", d.hi95},
                      {"p_beats", c.metrics[0].p_beats}});
  }
  data["paired"] = paired;
  data["risk"] = risk;
  data["baseline"] = shown_name(s.strategies[in.options.baseline]);
  // The risk chart zooms on the strategies tied with the best (recommendation.hpp).
  data["recommended"] = r.strategies[headline.recommendation.strategy].name;
  data["tied"] = json::array();
  for (std::size_t k : headline.recommendation.tied) data["tied"].push_back(r.strategies[k].name);
  data["loss_exceedance"] = loss_exceedance_data(s, r);

  std::ostringstream h;
  const std::string title = escape_html(s.title.empty() ? s.name : s.title);
  h << kReportHead
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
       "'unsafe-inline' "
       "'unsafe-eval'; style-src 'unsafe-inline'; img-src data:\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << kReportTitle << title << "</title>\n<style>\n"
    << report_css()
    << "</style>\n</head><body><main>\n";
  h << "<h1>" << title << "</h1>\n<p class=\"sub\">"
    << (s.description.empty() ? "" : escape_html(s.description) + "<br>") << r.trials
    << " simulated futures per strategy, " << escape_html(horizon_words(s)) << " in "
    << period_word(s.periods_per_year) << "s, money in " << escape_html(cur.empty() ? "the scenario's currency" : cur) << "</p>\n";

  page::headline_section(h, in, headline, in.decision.empty() ? "" : decision_headline(in.decision, s));
  page::strategies_section(h, in, headline);
  if (in.cash_figures) page::money_section(h, in, headline);
  if (!in.decision.empty()) h << decision_section(in.decision, s, data);

  const auto chart = [&](const char* id, const char* heading, const char* note) {
    h << "<h2>" << heading << "</h2>\n<div class=\"chart\" id=\"" << id
      << "\"></div>\n<p class=\"note\">" << note << "</p>\n";
  };
  chart("chart-npv", "How npv is spread",
        "Per strategy: 90% of futures fall on the line (P5 to P95), half in the bar (P25 to P75); "
        "the tick is the median, the diamond the mean.");
  chart("chart-fan", "Cumulative discounted cash flow over time",
        "Median (line), middle half (dark band) and 90% of futures (light band) of the cumulative "
        "discounted cash flow.");
  chart("chart-paired", "Difference from the baseline, on the same futures",
        "Mean npv difference from the baseline with its 95% interval; the label gives the share of "
        "futures in which the strategy does better.");
  chart("chart-zones", "Where the work happens: anxiety, flow, boredom",
        "Share of worked hours in each zone, averaged over futures. Flow is where work is best and "
        "learning fastest.");
  chart("chart-risk", "Risk against return",
        "Mean npv against CVaR95 (the average loss in the worst 5% of futures). Up and to the left "
        "is better.");
  h << loss_exceedance_html(data["loss_exceedance"]);

  if (!in.frontier.empty())
    page::study_section(h, "frontier.json", [&](std::ostringstream& part) { page::frontier_section(part, in.frontier, cur, data); });
  if (!in.sensitivity.empty()) {
    page::study_section(h, "sensitivity.json",
                  [&](std::ostringstream& part) { page::sensitivity_section(part, in.sensitivity, cur, data); });
  }

  page::assumptions_section(h, s);
  page::glossary_section(h, s);

  h << "<h2>How the numbers were made</h2>\n<p class=\"note\">" << r.trials
    << " simulated futures for every strategy, all strategies on the same futures (common random "
       "numbers"
    << (r.independent_streams ? "; this run used independent streams instead" : "") << "); seed "
    << r.seed << "; flowfolio " << FLOWFOLIO_VERSION << ", model version " << kModelVersion
    << (in.options.stop_reason.empty() ? "" : "; " + escape_html(in.options.stop_reason))
    << (in.manifest.end_time.empty() ? "" : "; run finished " + escape_html(in.manifest.end_time))
    << ". Standard errors (&plusmn;) are the Monte Carlo precision of the means. The model is "
       "described in "
       "flowfolio's docs/model.md.</p>\n";
  page::appendix_section(h, s);
  h << "<footer>flowfolio report &middot; " << title << "</footer>\n</main>\n";

  const std::string assets = report_assets_folder();
  h << "<script type=\"application/json\" id=\"data\">" << script_json(data) << "</script>\n";
  h << "<script>" << library(assets, "vega.min.js") << "</script>\n";
  h << "<script>" << library(assets, "vega-lite.min.js") << "</script>\n";
  h << "<script>" << library(assets, "vega-embed.min.js") << "</script>\n";
  h << "<script>\n"
    << report_script()
    << "</script>\n</body></html>\n";
  return signed_report(h.str());
}

}  // namespace flowfolio
