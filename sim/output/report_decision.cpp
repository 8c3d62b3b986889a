// "What would change the answer": decision.json as a sentence, a tornado and a note.
#include "output/report_decision.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "flowfolio/core/error.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/output/report.hpp"

namespace flowfolio {

namespace {
using nlohmann::json;
constexpr const char* kFile = "decision.json";

// decision.json parsed, or an InputError naming it (a result folder edited by hand).
json decision_document(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("inputs") || !doc["inputs"].is_array())
    throw InputError(std::string(kFile) + ": not valid JSON with 'inputs', as flowfolio writes it; run again with --report");
  return doc;
}

// Runs `read` on the document, turning the JSON library's errors into an InputError.
template <typename Read>
auto defensively(const std::string& text, Read read) {
  try {
    return read(decision_document(text));
  } catch (const json::exception&) {
    throw InputError(std::string(kFile) + ": not as flowfolio writes it (a value is missing or has the wrong type); "
                                          "run again with --report");
  }
}

// A strategy of decision.json as the reader knows it: its label, else its name.
std::string who(const Scenario& scenario, const json& name) {
  const std::string text = name.get<std::string>();
  for (const Strategy& st : scenario.strategies)
    if (st.name == text) return shown_name(st);
  return text;
}

std::string short_number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", x);
  return buffer;
}

// An input's value in its unit: 0.31%, 1.2M USD, 0.75, or 1.8x.
std::string in_unit(double x, const std::string& unit, const std::string& currency) {
  if (unit == "share") return percent(x, 2);
  if (unit == "money") return format_money(x) + (currency.empty() ? "" : " " + currency);
  if (unit == "multiplier") return short_number(x) + " times the scenario's";
  return short_number(x);
}

std::string headline_of(const json& doc, const Scenario& scenario) {
  const std::string& currency = scenario.currency;
  // The flips are measured against the quick study's own pick at the scenario's values:
  // when that is not the main run's, naming a flip "to" the recommended strategy would
  // mislead, so the sentence says what the quick study can say.
  if (doc.value("base_pick_differs", false))
    return "A quick check on " + std::to_string(doc.at("trials_per_evaluation").get<std::uint64_t>()) +
           " futures per evaluation cannot tell " + who(scenario, doc.at("recommended")) + " from " +
           who(scenario, doc.at("base").at("pick")) +
           ", so no single assumption can be named as the one that changes the answer: the two are "
           "close, and the recommendation rests on the main run's larger number of futures.";
  const json& h = doc.at("headline");
  if (h.is_null()) return "No assumption within its tested range changes the answer.";
  const std::string unit = h.at("unit").get<std::string>();
  const double value = h.at("value").get<double>();
  const json& base = h.at("base");
  std::string sentence = "The answer changes if " + h.at("input").get<std::string>();
  if (base.is_number()) {
    sentence += (value > base.get<double>() ? " rises above " : " falls below ") + in_unit(value, unit, currency);
    if (unit != "multiplier") sentence += " (the scenario has " + in_unit(base.get<double>(), unit, currency) + ")";
  } else {
    sentence += " reaches " + in_unit(value, unit, currency);
  }
  return sentence + ": then " + who(scenario, h.at("to")) + " is recommended.";
}

// The chart's rows: per input and comparison, the difference at the low and the high end.
json chart_data(const json& doc, const Scenario& scenario) {
  const std::string& currency = scenario.currency;
  const std::string r = who(scenario, doc.at("recommended"));
  const std::string versus_u = r + " minus " + who(scenario, doc.at("runner_up"));
  const std::string versus_b = r + " minus " + who(scenario, doc.at("baseline"));
  const bool with_b = doc.at("base").at("versus_baseline").is_object();
  json rows = json::array();
  int rank = 0;
  for (const json& in : doc.at("inputs")) {
    ++rank;
    std::string label = in.at("name").get<std::string>();
    if (in.at("flip").is_object())
      label += " (flips at " + in_unit(in["flip"].at("value").get<double>(), in.at("unit").get<std::string>(), currency) + ")";
    for (const bool baseline : {false, true}) {
      if (baseline && !with_b) continue;
      const char* key = baseline ? "versus_baseline" : "versus_runner_up";
      rows.push_back({{"input", label},
                      {"rank", rank},
                      {"comparison", baseline ? versus_b : versus_u},
                      {"low", in.at("at_low").at(key).at("mean").get<double>()},
                      {"high", in.at("at_high").at(key).at("mean").get<double>()},
                      {"base", doc.at("base").at(key).at("mean").get<double>()},
                      {"pick_low", in.at("at_low").at("pick")},
                      {"pick_high", in.at("at_high").at("pick")}});
    }
  }
  return {{"rows", rows}, {"comparisons", with_b ? json{versus_u, versus_b} : json{versus_u}}};
}

std::string section(const json& doc, const Scenario& scenario, json& data) {
  data["decision"] = chart_data(doc, scenario);
  std::ostringstream h;
  h << "<section id=\"what-would-change\">\n<h2>What would change the answer</h2>\n<p class=\"lead\">"
    << escape_html(headline_of(doc, scenario)) << "</p>\n";
  if (doc.value("base_pick_differs", false))
    h << "<p class=\"note\">On the quick study's fewer futures the rule picks "
      << escape_html(who(scenario, doc.at("base").at("pick")))
      << " at the scenario's own values: the main run needed its more futures to separate the strategies, "
         "so read the flips below as where the two are close.</p>\n";
  if (!doc.at("inputs").empty()) h << "<div class=\"chart\" id=\"chart-decision\"></div>\n";
  const bool automatic = doc.value("source", "") == "automatic";
  h << "<p class=\"note\">How this was made: each assumption was set alone to the low and the high end of "
       "its range, everything else as the scenario has it, and "
    << escape_html(who(scenario, doc.at("recommended"))) << ", "
    << escape_html(who(scenario, doc.at("runner_up"))) << " and "
    << escape_html(who(scenario, doc.at("baseline")))
    << " were simulated on the same " << doc.value("trials_per_evaluation", 0)
    << " futures every time (" << doc.value("evaluations", 0)
    << " evaluations, common random numbers). The bars run from the paired mean npv difference at the low "
       "end to the one at the high end; the tick marks the scenario's own values, and left of zero the other "
       "strategy earns more on average. Where the recommendation changes within a range, the value is found "
       "by bisection on the same futures. The ranges "
    << (automatic ? "were chosen automatically and are judgement: incident probability and severity half to "
                    "twice, value 0.75 to 1.25 times, demand and learning rates half to 1.5 times the scenario's"
                  : "are the scenario's sensitivity block")
    << ".</p>\n</section>\n";
  return h.str();
}
}  // namespace

std::string decision_section(const std::string& text, const Scenario& scenario, json& data) {
  return defensively(text, [&](const json& doc) { return section(doc, scenario, data); });
}

std::string decision_headline(const std::string& text, const Scenario& scenario) {
  return defensively(text, [&](const json& doc) { return headline_of(doc, scenario); });
}

}  // namespace flowfolio
