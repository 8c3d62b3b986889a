#include "flowfolio/output/report.hpp"

#include "core/digest.hpp"
#include "output/report_assets.hpp"
#include "output/report_decision.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// Okabe and Ito's palette: distinguishable with every common colour-vision deficiency.
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                "#56B4E9", "#D55E00", "#F0E442", "#000000"};

std::string period_word(int periods_per_year) {
  switch (periods_per_year) {
    case 52:
      return "week";
    case 12:
      return "month";
    case 4:
      return "quarter";
    case 1:
      return "year";
    default:
      return "period";
  }
}

std::string money(double x, const std::string& currency) {
  return format_money(x) + (currency.empty() ? "" : " " + currency);
}

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
// The sensitivity section's data: the headline output (the first paired difference, else
// the first output) as a tornado and as Sobol indices, and every output's top inputs.
json sensitivity_data(const json& doc) {
  const json& outputs = doc.at("outputs");
  if (!outputs.is_array() || outputs.empty()) return nullptr;
  std::size_t headline = 0;
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    if (outputs[o].value("kind", "") == "npv_difference") {
      headline = o;
      break;
    }
  }
  const json& out = outputs[headline];
  json data = {{"label", out.value("label", "")},
               {"share", out.value("kind", "") == "p_loss"},
               {"base", out.value("base", 0.0)}};
  json bars = json::array(), indices = json::array();
  if (out.contains("tornado")) {
    int rank = 0;
    for (const json& bar : out["tornado"]) {
      ++rank;
      const std::string input = bar.value("input", "");
      bars.push_back({{"input", input},
                      {"rank", rank},
                      {"end", "input at its low end"},
                      {"value", bar.value("at_low", 0.0)},
                      {"setting", bar.value("low", 0.0)}});
      bars.push_back({{"input", input},
                      {"rank", rank},
                      {"end", "input at its high end"},
                      {"value", bar.value("at_high", 0.0)},
                      {"setting", bar.value("high", 0.0)}});
    }
  }
  if (out.contains("sobol")) {
    for (const json& index : out["sobol"]["indices"]) {
      for (const char* kind : {"first", "total"}) {
        const std::string k = kind;
        indices.push_back(
            {{"input", index.value("input", "")},
             {"index", k == "first" ? "first order (alone)" : "total (with interactions)"},
             {"value", index.value(k, 0.0)},
             {"lo", index[k + "_ci95"][0]},
             {"hi", index[k + "_ci95"][1]}});
      }
    }
    data["noise_share"] = out["sobol"].value("noise_share", 0.0);
    data["warning"] = out["sobol"]["warning"];
  }
  data["bars"] = bars;
  data["indices"] = indices;
  return data;
}

// A study's JSON as the report reads it; an InputError naming the file when it is not as
// flowfolio writes it (a result folder edited by hand).
json study_document(const std::string& text, const std::string& file, const char* needed) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains(needed))
    throw InputError(file + ": not valid JSON with '" + needed + "', as flowfolio writes it; run the study again");
  return doc;
}

// Runs `section` into `h`, turning a value of the wrong type in the study's JSON into an
// InputError that names the file, not the JSON library's words.
template <typename Section>
void study_section(std::ostringstream& h, const std::string& file, Section section) {
  std::ostringstream part;
  try {
    section(part);
  } catch (const json::type_error&) {
    throw InputError(file + ": not as flowfolio writes it (a value has the wrong type); run the study again");
  } catch (const json::exception&) {
    throw InputError(file + ": not as flowfolio writes it (a value is missing or out of range); run the study "
                            "again");
  }
  h << part.str();
}

// "Which assumptions matter": a plain sentence, the headline tornado and indices charts,
// and a table of every output's three strongest inputs.
void sensitivity_section(std::ostringstream& h, const std::string& text,
                         const std::string& currency, json& data) {
  const json doc = study_document(text, "sensitivity.json", "outputs");
  const json view = sensitivity_data(doc);
  if (view.is_null()) return;
  data["sensitivity"] = view;
  const bool share = view["share"].get<bool>();
  const auto value = [&](double x) { return share ? percent(x, 1) : money(x, currency); };
  h << "<h2 id=\"sensitivity\">Which assumptions matter</h2>\n<p>";
  const json& bars = view["bars"];
  if (!bars.empty()) {
    h << "For the " << escape_html(view["label"].get<std::string>()) << " ("
      << escape_html(value(view["base"].get<double>()))
      << " at the scenario's values), the assumptions that move it most are ";
    for (std::size_t k = 0; k < bars.size() && k < 6; k += 2) {
      const double swing = bars[k + 1]["value"].get<double>() - bars[k]["value"].get<double>();
      h << (k == 0                                           ? ""
            : k + 2 >= std::min<std::size_t>(bars.size(), 6) ? " and "
                                                             : ", ")
        << "<b>" << escape_html(bars[k]["input"].get<std::string>()) << "</b> (a swing of "
        << escape_html(value(std::abs(swing))) << ")";
    }
    h << ".";
  }
  h << "</p>\n";
  if (!bars.empty()) {
    h << "<div class=\"chart\" id=\"chart-tornado\"></div>\n<p class=\"note\">Tornado: each "
         "assumption moved alone from the "
         "low to the high end of its range, everything else as the scenario has it, every run on "
         "the same futures "
         "("
      << doc.value("trials_per_evaluation", 0)
      << " trials each). The line is the value at the scenario's own numbers.</p>\n";
  }
  if (!view["indices"].empty()) {
    h << "<div class=\"chart\" id=\"chart-indices\"></div>\n<p class=\"note\">Sobol indices: the "
         "share of the output's "
         "variance due to each assumption alone (first order) and with its interactions (total), "
         "when all vary "
         "together over their ranges; bars show 95% bootstrap intervals ("
      << doc.value("samples", 0) << " base samples, " << doc.value("evaluations", 0)
      << " evaluations). "
      << "Monte Carlo noise is " << percent(view.value("noise_share", 0.0), 1)
      << " of the variance.</p>\n";
    if (view["warning"].is_string())
      h << "<p class=\"note\"><b>Warning:</b> " << escape_html(view["warning"].get<std::string>())
        << "</p>\n";
  }
  h << "<table id=\"sensitivity-table\"><tr><th class=\"l\">output</th><th class=\"l\">at the "
       "scenario's values</th>"
       "<th class=\"l\">the three assumptions that move it most (swing from low to high "
       "end)</th></tr>\n";
  for (const json& out : doc["outputs"]) {
    const bool p = out.value("kind", "") == "p_loss";
    const auto v = [&](double x) { return p ? percent(x, 1) : money(x, currency); };
    h << "<tr><td class=\"l\">" << escape_html(out.value("label", "")) << "</td><td class=\"l\">"
      << escape_html(v(out.value("base", 0.0))) << "</td><td class=\"l\">";
    if (out.contains("tornado")) {
      std::size_t k = 0;
      for (const json& bar : out["tornado"]) {
        if (k++ == 3) break;
        const double swing = bar.value("swing", 0.0);
        h << (k > 1 ? "; " : "") << escape_html(bar.value("input", "")) << " "
          << (swing >= 0 ? "+" : "-") << escape_html(v(std::abs(swing)));
      }
    }
    h << "</td></tr>\n";
  }
  h << "</table>\n";
}

// "Which mix to take on": the recommendation, the frontier chart with the current mix
// and the best point marked, and the decisions of both.
void frontier_section(std::ostringstream& h, const std::string& text, const std::string& currency,
                      json& data) {
  const json doc = study_document(text, "frontier.json", "points");
  const bool cvar = doc.value("risk", "cvar95") == "cvar95";
  json points = json::array();
  for (const json& p : doc["points"]) {
    points.push_back({{"strategy", p.value("strategy", "")},
                      {"mean", p.value("mean_npv", 0.0)},
                      {"risk", p.value("risk", 0.0)},
                      {"front", p.value("on_front", false)},
                      {"current", p.value("current", false)}});
  }
  json view = {{"points", points}, {"cvar", cvar}};
  if (doc["best"].is_object())
    view["best"] = {{"strategy", doc["best"].value("strategy", "")},
                    {"mean", doc["best"].value("mean_npv", 0.0)},
                    {"risk", doc["best"].value("risk", 0.0)}};
  const json& limits = doc["constraints"];
  if (cvar && limits.value("cvar95", json()).is_number()) view["ceiling"] = limits["cvar95"];
  if (!cvar && limits.value("p_loss", json()).is_number()) view["ceiling"] = limits["p_loss"];
  data["frontier"] = view;

  h << "<h2 id=\"frontier\">Which mix to take on</h2>\n<p>"
    << escape_html(doc.value("recommendation", "")) << "</p>\n";
  h << "<div class=\"chart\" id=\"chart-frontier\"></div>\n<p class=\"note\">Every strategy at "
       "every mix the search tried ("
    << doc.value("candidates", 0) << " mixes, " << doc.value("trials_per_candidate", 0)
    << " futures each, all on the same futures): mean npv against " << (cvar ? "CVaR95" : "P(loss)")
    << ". Lines join each strategy's front, where no other mix earns more for less risk; diamonds "
       "mark the scenario as "
       "written, the star the best mix under the constraints"
    << (view.contains("ceiling") ? ", the dashed line the risk ceiling" : "") << ".</p>\n";
  if (doc["best"].is_object()) {
    const json& best = doc["best"];
    const json& now = doc["current_of_best_strategy"];
    const auto risk = [&](double x) { return cvar ? money(x, currency) : percent(x, 1); };
    h << "<table id=\"frontier-table\"><tr><th class=\"l\">decision</th><th>as "
         "written</th><th>best under the constraints</th></tr>\n";
    for (std::size_t i = 0; i < doc["decisions"].size(); ++i) {
      const json& decision = doc["decisions"][i];
      const auto value = [&](const json& x) {
        return x.is_number() ? escape_html(flowfolio::format_number(x.get<double>()))
                             : escape_html(decision.value("base", ""));
      };
      h << "<tr><td class=\"l\">" << escape_html(decision.value("name", "")) << "</td><td>"
        << value(now["decision"][i]) << "</td><td>" << value(best["decision"][i]) << "</td></tr>\n";
    }
    h << "<tr><td class=\"l\">mean npv (" << escape_html(best.value("strategy", "")) << ")</td><td>"
      << escape_html(money(now.value("mean_npv", 0.0), currency)) << "</td><td>"
      << escape_html(money(best.value("mean_npv", 0.0), currency))
      << "<br><span class=\"se\">&plusmn; "
      << escape_html(money(best.value("mean_npv_se", 0.0), currency)) << "</span></td></tr>\n";
    h << "<tr><td class=\"l\">" << (cvar ? "CVaR95" : "P(loss)") << "</td><td>"
      << escape_html(risk(now.value("risk", 0.0))) << "</td><td>"
      << escape_html(risk(best.value("risk", 0.0))) << "<br><span class=\"se\">&plusmn; "
      << escape_html(risk(best.value("risk_se", 0.0))) << "</span></td></tr>\n</table>\n";
  }
}
}  // namespace

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
  const std::string unit = cur.empty() ? "" : " (" + cur + ")";

  // The numbers behind the verdict and the table.
  struct Row {
    Summary npv;
    TailRisk tail;
    Summary loss, catastrophes, proficiency, attrition, flow;
  };
  std::vector<Row> rows(S);
  for (std::size_t k = 0; k < S; ++k) {
    const StrategyResults& sr = r.strategies[k];
    rows[k] = {summarize(sr.metric(Metric::kNpv)),
               tail_risk(sr.metric(Metric::kNpv)),
               summarize(sr.metric(Metric::kIncidentLoss)),
               summarize(sr.metric(Metric::kCatastrophes)),
               summarize(sr.metric(Metric::kProficiencyPeriod)),
               summarize(sr.metric(Metric::kAttrition)),
               summarize(sr.metric(Metric::kFlowShare))};
  }
  std::vector<std::size_t> by_mean(S);
  for (std::size_t k = 0; k < S; ++k) by_mean[k] = k;
  std::stable_sort(by_mean.begin(), by_mean.end(), [&](std::size_t a, std::size_t b) {
    return rows[a].npv.mean > rows[b].npv.mean;
  });
  const std::size_t best = by_mean[0];
  std::size_t safest = 0;
  for (std::size_t k = 1; k < S; ++k)
    if (rows[k].tail.cvar95 < rows[safest].tail.cvar95) safest = k;
  const std::string best_name = escape_html(r.strategies[best].name);
  const std::string safest_name = escape_html(r.strategies[safest].name);

  std::string verdict;
  if (best == safest) {
    verdict = "<p class=\"lead\"><b>" + best_name + "</b> has both the best expected npv (" +
              escape_html(money(rows[best].npv.mean, cur)) + ") and the least tail risk (CVaR95 " +
              escape_html(money(rows[best].tail.cvar95, cur)) + ").</p>";
  } else {
    verdict = "<p class=\"lead\"><b>" + best_name + "</b> has the best expected npv (" +
              escape_html(money(rows[best].npv.mean, cur)) + "); <b>" + safest_name +
              "</b> has the least tail risk (CVaR95 " +
              escape_html(money(rows[safest].tail.cvar95, cur)) + ", against " +
              escape_html(money(rows[best].tail.cvar95, cur)) + " for " + best_name + ").</p>";
  }
  std::vector<std::string> sure;
  if (S > 1) {
    const Comparison c = compare(s, r, best, by_mean[1]);
    sure.push_back("Against the runner-up: " + c.sentence);
  }
  for (std::size_t k = 0; k < S; ++k)
    if (k != in.options.baseline) sure.push_back(compare(s, r, k, in.options.baseline).sentence);

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
  data["baseline"] = r.strategies[in.options.baseline].name;

  std::ostringstream h;
  const std::string title = escape_html(s.name);
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
    << " simulated futures per strategy, " << s.horizon << " " << period_word(s.periods_per_year)
    << "s, money in " << escape_html(cur.empty() ? "the scenario's currency" : cur) << "</p>\n";

  h << "<section class=\"verdict\" id=\"verdict\">" << verdict << "<ul>";
  for (const std::string& line : sure) h << "<li>" << escape_html(line) << "</li>";
  h << "</ul></section>\n";
  if (!in.decision.empty()) h << decision_section(in.decision, cur, data);

  h << "<h2>Strategies</h2>\n<table id=\"strategies\"><tr><th class=\"l\">strategy</th><th>mean npv"
    << escape_html(unit)
    << "<br><span class=\"se\">&plusmn; standard error</span></th><th>P5 "
       "npv</th><th>CVaR95</th><th>P(npv&lt;0)</th>"
       "<th>incident loss</th><th>catastrophes</th><th>time to "
       "proficiency</th><th>departures</th><th>flow share</th></tr>\n";
  for (std::size_t k = 0; k < S; ++k) {
    const Row& w = rows[k];
    char cells[600];
    std::snprintf(
        cells, sizeof cells,
        "<td>%s<br><span class=\"se\">&plusmn; %s</span></td><td>%s</td><td>%s</td><td>%s</td>"
        "<td>%s<br><span class=\"se\">&plusmn; %s</span></td><td>%.3f</td><td>%.1f "
        "%ss</td><td>%.2f</td><td>%s</td>",
        escape_html(format_money(w.npv.mean)).c_str(), escape_html(format_money(w.npv.se)).c_str(),
        escape_html(format_money(w.npv.p5)).c_str(),
        escape_html(format_money(w.tail.cvar95)).c_str(), percent(w.tail.p_loss, 1).c_str(),
        escape_html(format_money(w.loss.mean)).c_str(),
        escape_html(format_money(w.loss.se)).c_str(), w.catastrophes.mean, w.proficiency.mean,
        period_word(s.periods_per_year).c_str(), w.attrition.mean, percent(w.flow.mean, 1).c_str());
    h << "<tr><td class=\"l\"><span class=\"swatch\" style=\"background:" << kPalette[k % 8]
      << "\"></span>" << escape_html(r.strategies[k].name) << "</td>" << cells << "</tr>\n";
  }
  h << "</table>\n<p class=\"note\">npv: net present value over the horizon. P5: the npv that 95% "
       "of futures exceed. "
       "CVaR95: the average loss in the worst 5% of futures (a negative value means even those "
       "futures gain). "
       "Time to proficiency: the first "
    << period_word(s.periods_per_year)
    << " in which every activity has someone balanced for it (the horizon if never).</p>\n";

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

  if (!in.frontier.empty())
    study_section(h, "frontier.json", [&](std::ostringstream& part) { frontier_section(part, in.frontier, cur, data); });
  if (!in.sensitivity.empty()) {
    study_section(h, "sensitivity.json",
                  [&](std::ostringstream& part) { sensitivity_section(part, in.sensitivity, cur, data); });
  }

  // Assumptions.
  h << "<h2>Assumptions</h2>\n<h3>Activities (in priority order)</h3>\n<table><tr><th "
       "class=\"l\">activity</th>"
       "<th>challenge (online / domain)</th><th>hours per unit</th><th>units per "
    << period_word(s.periods_per_year)
    << "</th><th class=\"l\">value</th><th class=\"l\">cost</th><th>incident chance</th>"
       "<th class=\"l\">incident loss</th><th>volatility</th></tr>\n";
  for (const Activity& a : s.activities) {
    char cells[200];
    std::snprintf(cells, sizeof cells, "<td>%.2f / %.2f</td><td>%g</td><td>%g</td>",
                  a.challenge.online, a.challenge.domain, a.hours_per_unit, a.units_per_period);
    h << "<tr><td class=\"l\"><b>" << escape_html(a.name) << "</b>"
      << (a.description.empty() ? "" : "<br>" + escape_html(a.description)) << "</td>" << cells
      << "<td class=\"l\">" << escape_html(a.value.describe()) << "</td><td class=\"l\">"
      << escape_html(a.cost.describe()) << "</td><td>" << percent(a.incident_probability, 3)
      << "</td><td class=\"l\">" << escape_html(a.severity.describe()) << "</td><td>"
      << a.volatility << "</td></tr>\n";
  }
  h << "</table>\n<h3>People</h3>\n<table><tr><th class=\"l\">profile</th><th class=\"l\">online "
       "skill</th>"
       "<th class=\"l\">domain skill</th><th>salary per "
    << period_word(s.periods_per_year)
    << "</th><th>hours</th>"
       "<th>leaving chance</th><th>hire cost</th><th>in the organisation</th></tr>\n";
  for (std::size_t p = 0; p < s.profiles.size(); ++p) {
    const Profile& pr = s.profiles[p];
    int staff = 0;
    for (const Headcount& hc : s.staff)
      if (hc.profile == static_cast<int>(p)) staff += hc.count;
    h << "<tr><td class=\"l\"><b>" << escape_html(pr.name) << "</b>"
      << (pr.description.empty() ? "" : "<br>" + escape_html(pr.description))
      << "</td><td class=\"l\">" << escape_html(pr.online.describe()) << "</td><td class=\"l\">"
      << escape_html(pr.domain.describe()) << "</td><td>"
      << escape_html(format_money(pr.salary_per_period)) << "</td><td>" << pr.hours_per_period
      << "</td><td>" << percent(pr.attrition_hazard, 2) << "</td><td>"
      << escape_html(format_money(pr.hire_cost)) << "</td><td>" << staff << "</td></tr>\n";
  }
  h << "</table>\n<h3>Strategies</h3>\n<table><tr><th class=\"l\">strategy</th><th "
       "class=\"l\">what it does</th></tr>\n";
  for (const Strategy& st : s.strategies) {
    std::string what;
    for (const Headcount& hc : st.hire)
      what +=
          "hires " + std::to_string(hc.count) + " " + s.profiles[hc.profile].name +
          (hc.at ? " at " + period_word(s.periods_per_year) + " " + std::to_string(hc.at) : "") +
          "; ";
    for (const Training& t : st.train) {
      char buffer[160];
      std::snprintf(buffer, sizeof buffer, "%g h of training a %s for %s, %ss %d to %d; ",
                    t.hours_per_period, period_word(s.periods_per_year).c_str(),
                    s.profiles[t.who].name.c_str(), period_word(s.periods_per_year).c_str(), t.from,
                    t.to);
      what += buffer;
    }
    if (st.mentor)
      what += s.profiles[st.mentor->mentor].name + " mentors " +
              s.profiles[st.mentor->mentee].name + "; ";
    for (int p : st.release) what += s.profiles[p].name + " staff step back; ";
    what += st.policy == AssignPolicy::kFlow ? "work goes to whoever is best balanced for it"
                                             : "work goes to whoever has the most hours left";
    h << "<tr><td class=\"l\"><b>" << escape_html(st.name) << "</b></td><td class=\"l\">"
      << (st.description.empty() ? "" : escape_html(st.description) + "<br>")
      << "<span class=\"se\">" << escape_html(what) << "</span></td></tr>\n";
  }
  h << "</table>\n";

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
