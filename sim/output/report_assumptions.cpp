// What the results rest on, in plain words (distributions as "typically 63k, 90% between
// 20k and 200k"), a glossary of the page's terms, and the formal assumptions as the model
// reads them, for an analyst, in an appendix.
#include <cmath>
#include <cstdio>
#include <string>

#include "flowfolio/core/format.hpp"
#include "flowfolio/output/verdict.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

namespace {
std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", x);
  return text;
}

// A distribution in plain words: its median and the interval 90% of its draws fall in.
// `amount` formats one value (money, or a plain number).
template <typename Format>
std::string plainly(const Distribution& d, Format amount) {
  if (d.is_fixed()) return amount(d.quantile(0.5));
  const double lo = d.quantile(0.05), mid = d.quantile(0.5), hi = d.quantile(0.95);
  if (lo == hi) return amount(mid);
  return "typically " + amount(mid) + ", 90% between " + amount(lo) + " and " + amount(hi);
}

std::string money_words(const Distribution& d, const std::string& currency) {
  return escape_html(plainly(d, [&](double x) { return format_money(x); }) +
                     (currency.empty() ? "" : " " + currency));
}

std::string skill_words(const Distribution& d) {
  return escape_html(plainly(d, [](double x) { return number(x); }));
}

std::string item_cell(const std::string& shown_name, const std::string& name, const std::string& description) {
  return "<td class=\"l\"><b>" + escape_html(shown_name) + "</b>" +
         (shown_name != name ? " <span class=\"se\">" + escape_html(name) + "</span>" : "") +
         (description.empty() ? "" : "<br>" + escape_html(description)) + "</td>";
}

void activities_table(std::ostringstream& h, const Scenario& s) {
  const std::string unit = period_word(s.periods_per_year);
  h << "<h3>Activities (the first gets first pick of people)</h3>\n<table id=\"assumptions-activities\"><tr>"
    << "<th class=\"l\">activity</th><th>skill it takes, online / domain (0 to 1)</th><th>hours per unit</th>"
    << "<th>units per " << unit << "</th><th class=\"l\">value of a unit done well</th>"
    << "<th class=\"l\">direct cost per unit</th><th>chance of an incident per unit, when balanced</th>"
    << "<th class=\"l\">loss per incident</th></tr>\n";
  for (const Activity& a : s.activities) {
    h << "<tr>" << item_cell(shown_name(a), a.name, a.description) << "<td>" << number(a.challenge.online)
      << " / " << number(a.challenge.domain) << "</td><td>" << number(a.hours_per_unit) << "</td><td>"
      << number(a.units_per_period) << "</td><td class=\"l\">" << money_words(a.value, s.currency)
      << "</td><td class=\"l\">" << money_words(a.cost, s.currency) << "</td><td>"
      << percent(a.incident_probability, a.incident_probability < 0.01 ? 2 : 1) << "</td><td class=\"l\">"
      << (a.incident_probability > 0 ? money_words(a.severity, s.currency) : "none") << "</td></tr>\n";
  }
  h << "</table>\n";
}

void people_table(std::ostringstream& h, const Scenario& s) {
  const std::string unit = period_word(s.periods_per_year);
  h << "<h3>People</h3>\n<table id=\"assumptions-people\"><tr><th class=\"l\">profile</th>"
    << "<th class=\"l\">online skill (0 to 1)</th><th class=\"l\">domain skill (0 to 1)</th>"
    << "<th>pay per " << unit << "</th><th>hours of communication work per " << unit << "</th>"
    << "<th>chance of leaving in a year</th><th>cost of a hire</th><th>in the organisation today</th></tr>\n";
  for (std::size_t p = 0; p < s.profiles.size(); ++p) {
    const Profile& pr = s.profiles[p];
    int staff = 0;
    for (const Headcount& hc : s.staff)
      if (hc.profile == static_cast<int>(p)) staff += hc.count;
    const double yearly = 1 - std::pow(1 - pr.attrition_hazard, s.periods_per_year);
    h << "<tr>" << item_cell(shown_name(pr), pr.name, pr.description) << "<td class=\"l\">"
      << skill_words(pr.online) << "</td><td class=\"l\">" << skill_words(pr.domain) << "</td><td>"
      << escape_html(money(pr.salary_per_period, s.currency)) << "</td><td>" << number(pr.hours_per_period)
      << "</td><td>" << percent(yearly) << "</td><td>" << escape_html(money(pr.hire_cost, s.currency))
      << "</td><td>" << staff << "</td></tr>\n";
  }
  h << "</table>\n";
}

// What a strategy does, in words built from its hires, training, mentoring and policy.
std::string what_it_does(const Scenario& s, const Strategy& st) {
  const std::string unit = period_word(s.periods_per_year);
  const auto who = [&](int p) { return shown_name(s.profiles[p]); };
  std::string what;
  for (const Headcount& hc : st.hire)
    what += "hires " + std::to_string(hc.count) + " " + who(hc.profile) +
            (hc.at ? " in " + unit + " " + std::to_string(hc.at + 1) : " from the start") + "; ";
  for (const Training& t : st.train)
    what += who(t.who) + " train " + number(t.hours_per_period) + " h a " + unit + ", " + unit + "s " +
            std::to_string(t.from + 1) + " to " + std::to_string(t.to) + "; ";
  if (st.mentor) what += who(st.mentor->mentor) + " mentors " + who(st.mentor->mentee) + "; ";
  for (int p : st.release) what += who(p) + " step back from the work; ";
  return what + (st.policy == AssignPolicy::kFlow ? "work goes to whoever is best balanced for it"
                                                  : "work goes to whoever has the most hours left");
}

// The numbers `flowfolio calibrate` fitted to the organisation's history (the scenario's
// calibration: block), each with the range the history leaves it in and what it rests on.
void calibration_table(std::ostringstream& h, const Scenario& s) {
  const CalibrationRecord& c = s.calibration;
  h << "<h3 id=\"from-history\">Numbers from the organisation's own history</h3>\n<p class=\"note\">"
    << c.values.size() << (c.values.size() == 1 ? " number was" : " numbers were")
    << " fitted to the organisation's records (" << escape_html(c.source)
    << "); every other number is judgement or a public benchmark. The range is where the history leaves the value "
       "with 90% probability: the narrower, the more the data say.</p>\n<table id=\"assumptions-calibrated\"><tr>"
       "<th class=\"l\">number</th><th>from the history</th><th>90% range</th><th class=\"l\">resting on</th></tr>\n";
  for (const CalibratedValue& v : c.values) {
    const auto shown = [&](double x) { return v.money ? format_money(x) : number(x); };
    h << "<tr><td class=\"l\">" << escape_html(v.name) << "</td><td>" << shown(v.value) << "</td><td>" << shown(v.low)
      << " to " << shown(v.high) << (v.money && !s.currency.empty() ? " " + escape_html(s.currency) : "")
      << "</td><td class=\"l\">" << escape_html(v.basis) << "</td></tr>\n";
  }
  h << "</table>\n";
}

void strategies_table(std::ostringstream& h, const Scenario& s) {
  h << "<h3>Strategies</h3>\n<table id=\"assumptions-strategies\"><tr><th class=\"l\">strategy</th>"
       "<th class=\"l\">what it does</th></tr>\n";
  for (const Strategy& st : s.strategies) {
    h << "<tr>" << item_cell(shown_name(st), st.name, "") << "<td class=\"l\">"
      << (st.description.empty() ? "" : escape_html(st.description) + "<br>") << "<span class=\"se\">"
      << escape_html(what_it_does(s, st)) << "</span></td></tr>\n";
  }
  h << "</table>\n";
}
}  // namespace

void assumptions_section(std::ostringstream& h, const Scenario& s) {
  h << "<h2 id=\"assumptions\">What the results rest on</h2>\n<p class=\"note\">The scenario's assumptions in "
       "plain words: &ldquo;typically&rdquo; is the median, and 90% of the simulated draws fall in the range "
       "given. The appendix has them as the model reads them.</p>\n";
  if (!s.calibration.values.empty()) calibration_table(h, s);
  activities_table(h, s);
  people_table(h, s);
  strategies_table(h, s);
}

void glossary_section(std::ostringstream& h, const Scenario& s) {
  const std::string over = escape_html(horizon_words(s));
  const std::pair<const char*, std::string> terms[] = {
      {"npv", "Net present value: all the cash a strategy brings in minus all it costs over " + over +
                  ", each future amount discounted to what it is worth today."},
      {"future", "One simulated run of the " + over + ": demand, skills, incidents and departures drawn at "
                 "random. Every strategy meets the same futures, so their differences are fair."},
      {"P5", "The npv that 1 future in 20 falls below: a bad but not extreme outcome."},
      {"CVaR95", "The average loss over the worst 5% of futures (shown as a negative npv). It sees the size of "
                 "rare disasters, which P5 does not."},
      {"flow", "Work whose challenge matches the person's skill: the best work and the fastest learning."},
      {"anxiety", "Work far above the person's skill: more errors and incidents, and burnout."},
      {"boredom", "Work far below the person's skill: slower learning, and burnout over time."},
      {"simulation precision", "The &plusmn; and 95% intervals: how much a figure would move with more futures "
                               "simulated. Not how right the assumptions are."}};
  h << "<h2 id=\"glossary\">Glossary</h2>\n<dl class=\"glossary\">\n";
  for (const auto& [term, meaning] : terms) h << "<dt>" << term << "</dt><dd>" << meaning << "</dd>\n";
  h << "</dl>\n";
}

void appendix_section(std::ostringstream& h, const Scenario& s) {
  h << "<h2 id=\"appendix\">Appendix: the assumptions as the model reads them</h2>\n<table id=\"appendix-table\">"
       "<tr><th class=\"l\">key</th><th class=\"l\">distribution</th></tr>\n";
  const auto row = [&](const std::string& key, const Distribution& d) {
    h << "<tr><td class=\"l\">" << escape_html(key) << "</td><td class=\"l\">" << escape_html(d.describe())
      << "</td></tr>\n";
  };
  for (const Activity& a : s.activities) {
    row("activities." + a.name + ".value", a.value);
    row("activities." + a.name + ".cost", a.cost);
    if (a.incident_probability > 0) row("activities." + a.name + ".incident.severity", a.severity);
    if (!a.unmet_cost.is_fixed() || a.unmet_cost.quantile(0.5) != 0) row("activities." + a.name + ".unmet_cost", a.unmet_cost);
    if (a.volatility > 0) row("activities." + a.name + ".volatility", Distribution::fixed(a.volatility));
  }
  for (const Profile& p : s.profiles) {
    row("profiles." + p.name + ".online", p.online);
    row("profiles." + p.name + ".domain", p.domain);
  }
  h << "</table>\n<p class=\"note\">Model version " << kModelVersion << "; the model is described in flowfolio's "
       "docs/model.md, and every key in docs/scenario-format.md.</p>\n";
}

}  // namespace flowfolio::page
