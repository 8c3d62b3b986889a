// calibrated.yaml (calibration.hpp; docs/calibration.md): the scenario extended with the
// fitted values, each under a comment that says what it rests on, then the calibration
// record the report reads and a sensitivity block over the values' 90% intervals.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "calibration/calibrated_values.hpp"
#include "core/json_text.hpp"
#include "flowfolio/calibration/calibration.hpp"
#include "flowfolio/core/format.hpp"

namespace flowfolio {

namespace {

// A YAML scalar for any text: JSON's double-quoted strings are YAML's too.
std::string quoted(const std::string& text) { return json_text(nlohmann::json(text)); }

// Text on a comment line: one line, printable.
std::string comment_text(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
  return text;
}

std::string value(double x) { return format_significant(x, 4); }
std::string shown(double x) { return format_significant(x, 3); }
std::string amount(double x) { return format_money(x); }

// Comment lines of at most about 96 characters, each begun with `indent` and "# ".
void comment(std::ostringstream& out, const std::string& indent, const std::string& text) {
  std::istringstream words(comment_text(text));
  std::string word, line;
  while (words >> word) {
    if (!line.empty() && line.size() + word.size() + 1 > 92) {
      out << indent << "# " << line << "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out << indent << "# " << line << "\n";
}

std::string rate_comment(const IncidentRateFit& f) {
  return "p0, the incident probability per unit at balance: " + std::to_string(f.incidents) + " incident" +
         (f.incidents == 1 ? "" : "s") + " in " + std::to_string(f.units) + " units (raw rate " +
         shown(static_cast<double>(f.incidents) / static_cast<double>(f.units)) +
         ") divided by the incident multiplier of the people who did the work, " + shown(f.multiplier) +
         " (90% of simulated futures " + shown(f.multiplier_range.lo) + " to " + shown(f.multiplier_range.hi) +
         "); " + (f.prior_set_aside ? std::string("Jeffreys' Beta(0.5, 0.5) prior") : "Beta(" + shown(f.prior_a) + ", " + shown(f.prior_b) +
                                                 ") prior with the scenario's " + shown(f.scenario_value) + " as its mean") +
         ", updated: posterior mean " + shown(f.mean) + ", 90% interval " +
         shown(f.interval.lo) + " to " + shown(f.interval.hi) + (f.note.empty() ? "" : ". " + f.note);
}

std::string severity_comment(const SeverityFit& f) {
  const std::string n = std::to_string(f.losses.size()) + (f.losses.size() == 1 ? " loss" : " losses");
  const std::string method = f.method == SeverityMethod::kOwn
                                 ? "lognormal by maximum likelihood on " + n
                                 : "lognormal, the median from its " + n +
                                       " and the spread (sigma) pooled across the activities' losses, too few of its own";
  std::string test;
  if (f.ad_p_value)
    test = "; Anderson-Darling A2 " + shown(*f.ad_statistic) + ", p = " + shown(*f.ad_p_value) +
           (*f.ad_p_value < 0.05 ? " (the lognormal fits poorly: read the calibration page)" : "");
  return "severity, " + method + ": median " + amount(f.median) + " (90%: " + amount(f.median_interval.lo) + " to " +
         amount(f.median_interval.hi) + "), P95 " + amount(f.p95) + " (90%: " + amount(f.p95_interval.lo) + " to " +
         amount(f.p95_interval.hi) + ")" + test + "; the scenario had median " + amount(f.scenario_median) +
         ", P95 " + amount(f.scenario_p95);
}

std::string learning_comment(const Scenario& s, const LearningFit& f) {
  return "learning: " + std::to_string(f.people.size()) + " " + (f.people.size() == 1 ? "person" : "people") +
         " of the ramp, each fitted by maximum likelihood on their successes (the model's success curve and learning "
         "rule), pooled: effective rate eta (1 - rho) " + shown(f.rate) + " (90%: " + shown(f.rate_interval.lo) +
         " to " + shown(f.rate_interval.hi) + "), between people sd " + shown(f.between_sd) +
         "; eta is that over 1 - mean rho (" + shown(1 - f.resistance_mean) + ")" +
         (s.profiles[f.profile].resistance.is_fixed() ? "" : ", rho staying as the scenario draws it") +
         "; the scenario had " + shown(f.scenario_eta) + (f.note.empty() ? "" : ". " + f.note);
}

void header(std::ostringstream& out, const Scenario& s, const Calibration& c, const std::string& extends_path) {
  std::string files;
  for (const std::string& f : c.sources) files += (files.empty() ? "" : ", ") + f;
  comment(out, "", s.name + " calibrated from the organisation's own history by flowfolio calibrate.");
  comment(out, "", "History: " + files + "; " + std::to_string(c.periods) + " periods" +
                       (c.start.empty() ? "" : " from " + c.start) + ". The work as it was done: " +
                       s.strategies[c.as].name + ", simulated " + std::to_string(c.trials) +
                       " times (seed " + std::to_string(c.seed) + ") for the incident multiplier.");
  comment(out, "", "Intervals are 90%. Methods, sources and assumptions: flowfolio's docs/calibration.md.");
  comment(out, "", "It runs as it is: flowfolio run THIS_FILE. Whether what the data leave uncertain could "
                   "change the decision: flowfolio sensitivity THIS_FILE.");
  out << "extends: " << quoted(extends_path) << "\n";
  out << "name: " << quoted(s.name + "-calibrated") << "\n";
}

void activities(std::ostringstream& out, const Scenario& s, const Calibration& c) {
  bool opened = false;
  for (std::size_t a = 0; a < s.activities.size(); ++a) {
    const IncidentRateFit* rate = rate_of(c, a);
    const SeverityFit* severity = fitted_severity_of(c, a);
    if (rate == nullptr && severity == nullptr) continue;
    if (!opened) out << "activities:\n";
    opened = true;
    out << "  - name: " << quoted(s.activities[a].name) << "\n    incident:\n";
    if (rate != nullptr) {
      comment(out, "      ", rate_comment(*rate));
      out << "      probability: " << value(rate->mean) << "\n";
    }
    if (severity != nullptr) {
      comment(out, "      ", severity_comment(*severity));
      out << "      severity: {lognormal: {median: " << value(severity->median) << ", sigma: " << value(severity->sigma)
          << "}}\n";
    }
  }
}

void profiles(std::ostringstream& out, const Scenario& s, const Calibration& c) {
  bool opened = false;
  for (const LearningFit& f : c.learning) {
    if (!learning_written(f)) continue;
    if (!opened) out << "profiles:\n";
    opened = true;
    out << "  - name: " << quoted(s.profiles[f.profile].name) << "\n";
    comment(out, "    ", learning_comment(s, f));
    if (f.eta_sigma > 0)
      out << "    learning_rate: {lognormal: {median: " << value(f.eta_median) << ", sigma: " << value(f.eta_sigma) << "}}\n";
    else
      out << "    learning_rate: " << value(f.eta_median) << "\n";
  }
}

void record(std::ostringstream& out, const Scenario& s, const Calibration& c, const std::vector<CalibratedValue>& values) {
  std::string files;
  for (const std::string& f : c.sources) files += (files.empty() ? "" : ", ") + f;
  out << "calibration:\n  source: "
      << quoted("flowfolio calibrate on " + files + " (" + std::to_string(c.periods) + " periods, the work done as " +
                s.strategies[c.as].name + ")")
      << "\n  values:\n";
  for (const CalibratedValue& x : values)
    out << "    - {name: " << quoted(x.name) << ", path: " << quoted(x.path) << ", value: " << value(x.value)
        << ", low: " << value(x.low) << ", high: " << value(x.high) << ", basis: " << quoted(x.basis)
        << (x.money ? ", money: true" : "") << "}\n";
}

void sensitivity(std::ostringstream& out, const std::vector<CalibratedValue>& values) {
  std::vector<const CalibratedValue*> varied;
  for (const CalibratedValue& x : values)
    if (round_significant(x.low, 4) < round_significant(x.high, 4)) varied.push_back(&x);
  if (varied.empty()) return;
  comment(out, "", "The calibrated values over their 90% intervals (the base scenario's own inputs are "
                   "replaced): could what the history leaves uncertain change the decision?");
  out << "sensitivity:\n  inputs:\n";
  for (const CalibratedValue* x : varied)
    out << "    - {name: " << quoted(x->name) << ", path: " << quoted(x->path) << ", range: [" << value(x->low) << ", "
        << value(x->high) << "]}\n";
}
}  // namespace

std::string calibrated_yaml(const Scenario& scenario, const Calibration& calibration, const std::string& extends_path) {
  std::ostringstream out;
  header(out, scenario, calibration, extends_path);
  activities(out, scenario, calibration);
  profiles(out, scenario, calibration);
  const std::vector<CalibratedValue> values = calibrated_values(scenario, calibration);
  if (!values.empty()) record(out, scenario, calibration, values);
  sensitivity(out, values);
  return out.str();
}

}  // namespace flowfolio
