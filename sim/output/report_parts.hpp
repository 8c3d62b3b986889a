// The report's parts, each written by its own file: the words and numbers they share,
// and the sections report_html() assembles (docs/report.md).
#pragma once

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "flowfolio/core/error.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/output/verdict.hpp"
#include "flowfolio/stats/recommendation.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio::page {

using nlohmann::json;

// Money for people with the scenario's currency: "1.23M USD".
std::string money(double x, const std::string& currency);

// A signed amount: "+1.23M USD" for gains.
std::string signed_money(double x, const std::string& currency);

// A strategy's name as the page shows it: its label (else its name), escaped for HTML.
std::string shown(const Scenario& scenario, std::size_t strategy);

// One strategy's figures, as every section of the page reads them.
struct Figures {
  Summary npv, value, cost, loss, proficiency, attrition, flow;
  TailRisk tail;
};
std::vector<Figures> strategy_figures(const RunResults& results);

// What the page recommends and the figures behind it.
struct Headline {
  Recommendation recommendation;
  std::size_t baseline = 0;
  std::vector<Figures> figures;  // per strategy
};

// A strategy's colour in every chart and table (report_data.cpp).
std::string colour(std::size_t strategy);

// The page's chart data, for report.js (report_data.cpp).
json chart_data(const ReportInputs& in, const Headline& headline);

// The charts' places on the page, each with its heading and note (report_data.cpp).
void charts_section(std::ostringstream& h, const json& data);

// The verdict box: the recommendation sentence and the answers of the first screen
// (report_headline.cpp). `what_would_change`: the sentence of decision.json, or empty.
void headline_section(std::ostringstream& h, const ReportInputs& in, const Headline& headline,
                      const std::string& what_would_change);

// The strategies in two tables, money and risk, then people and work, every column
// with its unit and time frame (report_tables.cpp).
void strategies_section(std::ostringstream& h, const ReportInputs& in, const Headline& headline);

// What each strategy costs, the cash it needs, its payback and its cash year by year
// (report_money.cpp). Only for folders that hold the cash figures (ReportInputs).
void money_section(std::ostringstream& h, const ReportInputs& in, const Headline& headline);

// The assumptions in plain words, the glossary, and the formal appendix
// (report_assumptions.cpp).
void assumptions_section(std::ostringstream& h, const Scenario& scenario);
void glossary_section(std::ostringstream& h, const Scenario& scenario);
void appendix_section(std::ostringstream& h, const Scenario& scenario);

// Runs `section` into `h`, turning a value of the wrong type in the study's JSON into an
// InputError that names the file, not the JSON library's words.
template <typename Section>
inline void study_section(std::ostringstream& h, const std::string& file, Section section) {
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

// "Which assumptions matter", from sensitivity.json's text (report_studies.cpp).
void sensitivity_section(std::ostringstream& h, const std::string& text, const std::string& currency, json& data);

// "Which mix to take on", from frontier.json's text (report_studies.cpp).
void frontier_section(std::ostringstream& h, const std::string& text, const std::string& currency, json& data);

}  // namespace flowfolio::page
