// The report's sections from the studies a folder may hold: "which assumptions matter"
// (sensitivity.json) and "which mix to take on" (frontier.json).
#include <algorithm>
#include <cmath>

#include "flowfolio/core/format.hpp"
#include "flowfolio/output/report.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

// The sensitivity section's data: the headline output (the first paired difference, else
// the first output) as a tornado and as Sobol indices, and every output's top inputs.
namespace {
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

}  // namespace

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

bool view_has_ceiling(const json& doc) {
  const json& limits = doc["constraints"];
  for (const char* key : {"cvar95", "p_loss", "cost"})
    if (limits.value(key, json()).is_number()) return true;
  return false;
}

// The recommended mix and the mix as written as frontier.json gives them: from the
// confirmation run when one met the ceilings (its own figures, the search's beside them),
// else the search's best.
struct FrontierChoice {
  json chosen, current, search;  // search: the search's estimate of `chosen`
  bool confirmed = false;
  std::uint64_t trials = 0;
};

FrontierChoice frontier_choice(const json& doc) {
  FrontierChoice c;
  const json& confirmation = doc.value("confirmation", json());
  if (confirmation.is_object() && confirmation.value("confirmed", json()).is_number()) {
    const json& run = confirmation["runs"][confirmation["confirmed"].get<std::size_t>()];
    return {run["confirmation_estimate"], run["current"], run["search_estimate"], true, run.value("trials", 0ull)};
  }
  if (doc["best"].is_object()) c = {doc["best"], doc["current_of_best_strategy"], doc["best"], false, 0};
  return c;
}

void frontier_table(std::ostringstream& h, const json& doc, const FrontierChoice& choice, bool cvar,
                    const std::string& currency) {
  const json& best = choice.chosen;
  const json& now = choice.current;
  const auto risk = [&](double x) { return cvar ? money(x, currency) : percent(x, 1); };
  h << "<table id=\"frontier-table\"><tr><th class=\"l\">decision</th><th>as written</th><th>"
    << (choice.confirmed ? "recommended, confirmed on " + std::to_string(choice.trials) + " fresh futures"
                         : std::string("best under the constraints (search only)"))
    << "</th></tr>\n";
  for (std::size_t i = 0; i < doc["decisions"].size(); ++i) {
    const json& decision = doc["decisions"][i];
    const auto value = [&](const json& x) {
      return x.is_number() ? escape_html(flowfolio::format_number(x.get<double>())) : escape_html(decision.value("base", ""));
    };
    h << "<tr><td class=\"l\">" << escape_html(decision.value("name", "")) << "</td><td>" << value(now["decision"][i])
      << "</td><td>" << value(best["decision"][i]) << "</td></tr>\n";
  }
  h << "<tr><td class=\"l\">mean npv (" << escape_html(best.value("strategy", "")) << ")</td><td>"
    << escape_html(money(now.value("mean_npv", 0.0), currency)) << "</td><td>"
    << escape_html(money(best.value("mean_npv", 0.0), currency)) << "<br><span class=\"se\">&plusmn; "
    << escape_html(money(best.value("mean_npv_se", 0.0), currency)) << "</span></td></tr>\n";
  h << "<tr><td class=\"l\">" << (cvar ? "CVaR95" : "P(loss)") << "</td><td>" << escape_html(risk(now.value("risk", 0.0)))
    << "</td><td>" << escape_html(risk(best.value("risk", 0.0))) << "<br><span class=\"se\">"
    << (cvar ? escape_html("95% interval " + money(best.value("cvar95_lo95", 0.0), currency) + " to " +
                           money(best.value("cvar95_hi95", 0.0), currency))
             : "&plusmn; " + escape_html(risk(best.value("risk_se", 0.0))))
    << "</span></td></tr>\n";
  if (view_has_ceiling(doc))
    h << "<tr><td class=\"l\">P(the ceilings hold)</td><td>" << escape_html(percent(now.value("p_meets", 0.0), 1))
      << "</td><td>" << escape_html(percent(best.value("p_meets", 0.0), 1)) << "</td></tr>\n";
  if (choice.confirmed)
    h << "<tr><td class=\"l\">the search's own estimate</td><td></td><td>"
      << escape_html(money(choice.search.value("mean_npv", 0.0), currency) + ", " + risk(choice.search.value("risk", 0.0)))
      << "<br><span class=\"se\">on " << choice.search.value("trials", 0) << " trials</span></td></tr>\n";
  h << "</table>\n";
}

// "Which mix to take on": the recommendation, the frontier chart with the current mix
// and the recommended point marked, and the decisions of both.
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
  const FrontierChoice choice = frontier_choice(doc);
  if (choice.search.is_object())  // the star sits where the search saw the mix
    view["best"] = {{"strategy", choice.search.value("strategy", "")},
                    {"mean", choice.search.value("mean_npv", 0.0)},
                    {"risk", choice.search.value("risk", 0.0)}};
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
       "written, the star the recommended mix where the search saw it"
    << (view.contains("ceiling") ? ", the dashed line the risk ceiling" : "")
    << ". The search's figures rest on few futures each; the table's come from the confirmation run.</p>\n";
  if (choice.chosen.is_object()) frontier_table(h, doc, choice, cvar, currency);
}

}  // namespace flowfolio::page
