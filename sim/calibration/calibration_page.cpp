// calibration.html (calibration.hpp; docs/calibration.md, "The calibration page"): the fits
// in plain words with their charts, offline, in the report's style. Every string from the
// scenario or the history is escaped; the charts are drawn by page/calibration.js.
#include <sstream>

#include "calibration/calibrated_values.hpp"
#include "calibration/calibration_data.hpp"
#include "core/json_text.hpp"
#include "flowfolio/calibration/calibration.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/output/report.hpp"
#include "output/page_scripts.hpp"
#include "output/report_assets.hpp"

namespace flowfolio {

std::string_view calibration_script();  // page/calibration.js, compiled in

namespace {

std::string n3(double x) { return format_significant(x, 3); }
std::string money(double x, const Scenario& s) { return format_money(x) + (s.currency.empty() ? "" : " " + escape_html(s.currency)); }
std::string count(long n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void top(std::ostringstream& h, const Scenario& s, const Calibration& c) {
  std::string files;
  for (const std::string& f : c.sources) files += (files.empty() ? "" : ", ") + escape_html(f);
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Calibration: "
    << escape_html(s.name) << "</title>\n<style>\n" << report_css() << "</style>\n</head><body><main>\n";
  h << "<h1>Calibration: " << escape_html(s.name) << " checked against the organisation's history</h1>\n"
    << "<p class=\"sub\">" << (s.title.empty() ? "" : escape_html(s.title) + "<br>") << c.periods << " periods of history" << (c.start.empty() ? "" : " from " + escape_html(c.start))
    << " (" << files << "); the work as &ldquo;" << escape_html(s.strategies[c.as].name)
    << "&rdquo; did it. Intervals are 90%: the history leaves the value in that range with 90% probability.</p>\n";
}

void values_table(std::ostringstream& h, const Scenario& s, const Calibration& c) {
  const std::vector<CalibratedValue> values = calibrated_values(s, c);
  h << "<h2>Which numbers now come from the data</h2>\n";
  if (values.empty()) {
    h << "<p>The history speaks to none of the scenario's numbers: every value stays the scenario's judgement.</p>\n";
    return;
  }
  h << "<table><thead><tr><th class=\"l\">value</th><th>the history says</th><th>90% interval</th>"
       "<th class=\"l\">on</th></tr></thead><tbody>\n";
  for (const CalibratedValue& v : values) {
    const auto shown = [&](double x) { return v.money ? money(x, s) : n3(x); };
    h << "<tr><td class=\"l\">" << escape_html(v.name) << "</td><td>" << shown(v.value) << "</td><td>" << shown(v.low)
      << " to " << shown(v.high) << "</td><td class=\"l\">" << escape_html(v.basis) << "</td></tr>\n";
  }
  h << "</tbody></table>\n<p class=\"note\">calibrated.yaml sets these, and its sensitivity block varies each over its "
       "interval: <code>flowfolio sensitivity calibrated.yaml</code> says whether what the history leaves uncertain "
       "could change the decision.</p>\n";
}

void rates(std::ostringstream& h, const Scenario& s, const Calibration& c) {
  if (c.incident_rates.empty()) return;
  h << "<h2>Incident probability per unit at balance</h2>\n<p class=\"note\">The model's p0 is the chance that one "
       "unit causes an incident when its worker's skill matches the work. People above their depth cause more, by the "
       "incident multiplier, so the history's raw rate is divided by the multiplier of the people who did the work, "
       "which simulating that work estimates. The scenario's value is the prior; the chart shows how the history moved "
       "it.</p>\n";
  for (std::size_t i = 0; i < c.incident_rates.size(); ++i) {
    const IncidentRateFit& f = c.incident_rates[i];
    h << "<h3>" << escape_html(shown_name(s.activities[f.activity])) << "</h3>\n<p>"
      << count(f.incidents, "incident", "incidents") << " in " << count(f.units, "unit", "units") << ", a raw rate of "
      << n3(static_cast<double>(f.incidents) / static_cast<double>(f.units)) << ". The people who did the work caused "
      << n3(f.multiplier) << " times the incidents of balanced work (" << n3(f.multiplier_range.lo) << " to "
      << n3(f.multiplier_range.hi) << " in 90% of simulated futures), so p0 is " << n3(f.mean) << ", 90% interval "
      << n3(f.interval.lo) << " to " << n3(f.interval.hi) << "; the scenario said " << n3(f.scenario_value) << ".";
    if (!f.note.empty()) h << " " << escape_html(f.note) << ".";
    h << "</p>\n<div class=\"chart\" id=\"rate-" << i << "\"></div>\n";
  }
}

void severities(std::ostringstream& h, const Scenario& s, const Calibration& c) {
  if (c.severities.empty()) return;
  h << "<h2>Incident severity</h2>\n<p class=\"note\">A lognormal fitted to each activity's losses by maximum "
       "likelihood. Left, the losses (dots) against the fitted distribution (line) on a log scale; right, the normal "
       "QQ plot of the log-losses: on the line when the lognormal fits.</p>\n";
  for (std::size_t i = 0; i < c.severities.size(); ++i) {
    const SeverityFit& f = c.severities[i];
    h << "<h3>" << escape_html(shown_name(s.activities[f.activity])) << "</h3>\n<p>" << count(static_cast<long>(f.losses.size()), "loss", "losses");
    if (f.method != SeverityMethod::kKept) {
      h << ": median " << money(f.median, s) << " (" << money(f.median_interval.lo, s) << " to "
        << money(f.median_interval.hi, s) << "), one incident in twenty above " << money(f.p95, s) << " ("
        << money(f.p95_interval.lo, s) << " to " << money(f.p95_interval.hi, s) << "); the scenario said "
        << money(f.scenario_median, s) << " and " << money(f.scenario_p95, s) << ".";
      if (f.ad_p_value)
        h << " Anderson-Darling p = " << n3(*f.ad_p_value)
          << (*f.ad_p_value < 0.05 ? ": the losses do not look lognormal; read the tail with care." : ": no sign that the lognormal does not fit.");
    } else {
      h << ".";
    }
    if (!f.note.empty()) h << " " << escape_html(f.note) << ".";
    h << "</p>\n";
    if (!f.losses.empty()) h << "<div class=\"grid\"><div class=\"chart\" id=\"severity-" << i << "\"></div><div class=\"chart\" id=\"qq-" << i << "\"></div></div>\n";
  }
}

void learning(std::ostringstream& h, const Scenario& s, const Calibration& c) {
  if (c.learning.empty()) return;
  h << "<h2>Learning</h2>\n<p class=\"note\">Each person's successes per unit, period by period and activity by "
       "activity (dots, larger for more units), against the model's success curve as their skill grows at the fitted "
       "rate (lines): the start skill and the rate are fitted per person, never on an averaged curve, then pooled per "
       "profile.</p>\n";
  for (std::size_t i = 0; i < c.learning.size(); ++i) {
    const LearningFit& f = c.learning[i];
    h << "<h3>" << escape_html(shown_name(s.profiles[f.profile])) << "</h3>\n<p>"
      << count(static_cast<long>(f.people.size()), "person", "people") << ": an effective learning rate, eta (1 - rho), of "
      << n3(f.rate) << " (" << n3(f.rate_interval.lo) << " to " << n3(f.rate_interval.hi) << ") for a typical person, "
      << "varying between people by " << n3(f.between_sd) << " beyond each fit's own noise; the learning rate eta is "
      << n3(f.eta_median) << ", the scenario said " << n3(f.scenario_eta) << ".";
    if (!f.note.empty()) h << " " << escape_html(f.note) << ".";
    h << "</p>\n<div class=\"chart\" id=\"learning-" << i << "\"></div>\n";
  }
}

void notes(std::ostringstream& h, const Calibration& c) {
  h << "<h2>How these were made</h2>\n<p class=\"note\">";
  for (const std::string& n : c.notes) h << escape_html(n) << ". ";
  h << "The incident multiplier comes from " << c.trials << " simulated futures of the history's work (seed " << c.seed
    << "); p0's prior is a Beta with the scenario's value as its mean and the weight of half an incident. Severity "
       "intervals are exact (Student's t for the median, the noncentral t for the P95). Learning rates come from each "
       "person's profile likelihood, pooled by DerSimonian and Laird with the Hartung-Knapp interval. Every method, "
       "its source and its assumptions: flowfolio's docs/calibration.md; every number: calibration.json.</p>\n";
}
}  // namespace

std::string calibration_html(const Scenario& scenario, const Calibration& calibration) {
  std::ostringstream h;
  top(h, scenario, calibration);
  values_table(h, scenario, calibration);
  rates(h, scenario, calibration);
  severities(h, scenario, calibration);
  learning(h, scenario, calibration);
  notes(h, calibration);
  h << "<footer>flowfolio " << FLOWFOLIO_VERSION << ", model version " << kModelVersion << "</footer>\n</main>\n";
  nlohmann::ordered_json data = calibration_document(scenario, calibration);
  data["currency"] = scenario.currency;
  h << "<script type=\"application/json\" id=\"data\">" << script_json(json_text(data)) << "</script>\n"
    << chart_library_scripts() << "<script>\n" << calibration_script() << "</script>\n</body></html>\n";
  return h.str();
}

}  // namespace flowfolio
