// The report's parts, each written by its own file: the words and numbers they share,
// and the sections report_html() assembles (docs/report.md).
#pragma once

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "flowfolio/core/error.hpp"

namespace flowfolio::page {

using nlohmann::json;

// "week" for 52 periods a year, "month" for 12, "quarter", "year", else "period".
std::string period_word(int periods_per_year);

// Money for people with the scenario's currency: "1.23M USD".
std::string money(double x, const std::string& currency);

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
