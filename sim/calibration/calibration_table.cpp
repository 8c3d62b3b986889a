// The calibration for a person at a terminal (calibration.hpp): one table per kind of fit,
// each value beside the scenario's and with its 90% interval.
#include <algorithm>
#include <sstream>

#include "flowfolio/calibration/calibration.hpp"
#include "flowfolio/core/format.hpp"

namespace flowfolio {

namespace {
using Row = std::vector<std::string>;

// Columns padded to their widest cell, the first left-aligned, the others right-aligned.
void table(std::ostringstream& out, const std::vector<Row>& rows) {
  std::vector<std::size_t> width;
  for (const Row& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      width.resize(std::max(width.size(), r.size()));
      width[i] = std::max(width[i], r[i].size());
    }
  for (const Row& r : rows) {
    out << " ";
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string pad(width[i] - r[i].size(), ' ');
      out << "  " << (i == 0 ? r[i] + pad : pad + r[i]);
    }
    out << "\n";
  }
}

std::string n3(double x) { return format_significant(x, 3); }
std::string range(const Interval& i, std::string (*f)(double)) { return f(i.lo) + " to " + f(i.hi); }
std::string money(double x) { return format_money(x); }

const char* method_words(SeverityMethod m) {
  switch (m) {
    case SeverityMethod::kOwn: return "own losses";
    case SeverityMethod::kPooledShape: return "spread pooled";
    case SeverityMethod::kKept: return "kept";
  }
  return "kept";
}
}  // namespace

std::string calibration_table(const Scenario& s, const Calibration& c) {
  std::ostringstream out;
  out << "Calibrated " << s.name << " on " << c.periods << " periods of history, the work done as "
      << s.strategies[c.as].name << " (" << c.trials << " simulated futures for the incident multiplier); intervals 90%\n";
  if (!c.incident_rates.empty()) {
    out << "\nIncident probability per unit at balance (p0)\n";
    std::vector<Row> rows = {{"activity", "units", "incidents", "raw rate", "multiplier", "p0", "interval", "scenario"}};
    for (const IncidentRateFit& f : c.incident_rates)
      rows.push_back({s.activities[f.activity].name, std::to_string(f.units), std::to_string(f.incidents),
                      n3(static_cast<double>(f.incidents) / static_cast<double>(f.units)), n3(f.multiplier), n3(f.mean),
                      range(f.interval, n3), n3(f.scenario_value)});
    table(out, rows);
  }
  if (!c.severities.empty()) {
    out << "\nIncident severity (lognormal)\n";
    std::vector<Row> rows = {{"activity", "losses", "fit", "median", "interval", "P95", "interval", "AD p", "scenario median"}};
    for (const SeverityFit& f : c.severities) {
      const bool fitted = f.method != SeverityMethod::kKept;
      rows.push_back({s.activities[f.activity].name, std::to_string(f.losses.size()), method_words(f.method),
                      fitted ? money(f.median) : "", fitted ? range(f.median_interval, money) : "",
                      fitted ? money(f.p95) : "", fitted ? range(f.p95_interval, money) : "",
                      f.ad_p_value ? n3(*f.ad_p_value) : "", money(f.scenario_median)});
    }
    table(out, rows);
  }
  if (!c.learning.empty()) {
    out << "\nEffective learning rate, eta (1 - rho)\n";
    std::vector<Row> rows = {{"profile", "people", "rate", "interval", "between people sd", "eta", "scenario eta"}};
    for (const LearningFit& f : c.learning)
      rows.push_back({s.profiles[f.profile].name, std::to_string(f.people.size()), n3(f.rate), range(f.rate_interval, n3),
                      n3(f.between_sd), n3(f.eta_median), n3(f.scenario_eta)});
    table(out, rows);
  }
  std::vector<std::string> notes = c.notes;
  for (const IncidentRateFit& f : c.incident_rates)
    if (!f.note.empty()) notes.push_back(s.activities[f.activity].name + ": " + f.note);
  for (const SeverityFit& f : c.severities)
    if (!f.note.empty()) notes.push_back(s.activities[f.activity].name + " severity: " + f.note);
  for (const LearningFit& f : c.learning)
    if (!f.note.empty()) notes.push_back(s.profiles[f.profile].name + ": " + f.note);
  if (!notes.empty()) out << "\n";
  for (const std::string& n : notes) out << "Note: " << n << "\n";
  return out.str();
}

}  // namespace flowfolio
