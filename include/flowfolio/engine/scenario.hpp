// A scenario: the activities, people, strategies and uncertainty of one question
// (MODEL.md section 2; the file format is in docs/scenario-format.md).
//
// These are plain structs: the YAML reader (flowfolio/yaml/scenario_reader.hpp) is the
// only code that knows the file format, and it resolves every name to an index, so the
// engine never looks a name up. A Scenario returned by the reader is valid: every rule of
// MODEL.md section 2 holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "flowfolio/core/distribution.hpp"
#include "flowfolio/core/error.hpp"

namespace flowfolio {

struct Skills {
  double online = 0;
  double domain = 0;
};

struct Activity {
  std::string name;
  std::string label;               // the reader's words for it; empty: the name
  std::string description;
  Skills challenge;                // required skill, each in [0, 1]
  double hours_per_unit = 1;       // > 0
  double units_per_period = 0;     // demand rate r_a >= 0, fractional allowed
  Distribution value;              // of one successful unit, >= 0
  Distribution cost;               // of one attempted unit, >= 0
  double incident_probability = 0; // p0_a at delta = 0
  Distribution severity;           // loss of one incident, >= 0
  double volatility = 0;           // sigma_a of the market multiplier
  Distribution unmet_cost;         // of one unit nobody could take, >= 0
};

struct Profile {
  std::string name;
  std::string label;               // the reader's words for it; empty: the name
  std::string description;
  Distribution online;             // initial skill, clipped to [0, 1] when drawn
  Distribution domain;
  double salary_per_period = 0;
  double hours_per_period = 1;     // H_p > 0
  Distribution learning_rate;      // eta, floored at 0 when drawn
  Distribution resistance;         // rho, clamped to [0, 1] when drawn
  double attrition_hazard = 0;     // h0 per period
  double hire_cost = 0;
  bool replace = true;
};

// `count` people of profile `profile` (an index into Scenario::profiles) joining at `at`.
struct Headcount {
  int profile = 0;
  int count = 0;
  int at = 0;
};

struct Training {
  int who = 0;                     // profile index
  int from = 0, to = 0;            // periods [from, to)
  double hours_per_period = 0;
  double cost_per_person_per_period = 0;
  Skills gain;                     // skill per training hour
};

struct Mentoring {
  int mentee = 0, mentor = 0;      // profile indices; they differ
  double hours_per_period = 0;
  double rate = 0;
};

enum class AssignPolicy { kStatic, kFlow };

struct Strategy {
  std::string name;
  std::string label;               // the reader's words for it; empty: the name
  std::string description;
  std::vector<Headcount> hire;
  std::vector<Training> train;
  std::optional<Mentoring> mentor;
  AssignPolicy policy = AssignPolicy::kStatic;
  double stretch = 0.15;           // flow policy only
  // Static policy: roles[a] lists the profiles allowed on activity a; nullopt means
  // the activity is open to everyone. Empty when the scenario gives no roles.
  std::vector<std::optional<std::vector<int>>> roles;
  // demand[a] replaces Activity::units_per_period when set. Empty when no override.
  std::vector<std::optional<double>> demand;
  std::vector<int> release;        // profiles whose organisation staff take no part

  // The demand rate of activity `a` under this strategy.
  double rate(const std::vector<Activity>& activities, std::size_t a) const {
    return a < demand.size() && demand[a] ? *demand[a] : activities[a].units_per_period;
  }
};

struct Correlation {
  int first = 0, second = 0;       // activity indices
  double rho = 0;                  // in (-1, 1)
};

// The constants of MODEL.md section 2 with their defaults.
struct ModelConstants {
  double flow_width = 0.10;
  double success_max = 0.98;
  double success_slope = 12;
  double success_offset = 0.15;
  double flow_bonus = 0.20;
  double boredom_slope = 1.0;
  double quality_floor = 0.5;
  double incident_slope = 5.0;
  double learning_peak = 0.0;
  double learning_width = 0.15;
  double burnout_anxiety = 1.0;
  double burnout_boredom = 0.5;
  double burnout_recovery = 0.10;
  double attrition_per_burnout = 0.02;
  double supervision = 0.5;
  int replacement_lag = 6;
  double catastrophe = 1e6;
};

// What the risk statistics report beyond MODEL.md section 8 (the `risk:` block).
// What the report recommends among strategies tied on mean npv (docs/report.md, "The
// recommendation rule"): the least tail risk, or the best mean itself.
enum class Preference { kTailRisk, kMeanNpv };

// How the report speaks: the `report:` block.
struct ReportSpec {
  Preference prefer = Preference::kTailRisk;
  // Trials per evaluation of the report's quick "what would change the answer" study:
  // unset, chosen by the study's own rule; 0, the study is not run.
  std::optional<std::uint64_t> what_if_trials;
};

struct RiskReport {
  std::vector<double> levels = {0.90, 0.95, 0.99};  // VaR and CVaR of npv, each in (0, 1)
  std::vector<double> loss_thresholds;  // P(loss >= x) for each x: net loss -npv and incident loss
};

// A number the scenario holds at one or more key paths, set together as `--set` would
// set them: an uncertain input of a sensitivity analysis (the `sensitivity:` block,
// docs/sensitivity.md) or a decision of the frontier search (the `optimize:` block,
// docs/frontier.md).
struct ScenarioInput {
  std::string name;                 // a label; the first path when none is given
  std::vector<std::string> paths;   // key paths, e.g. activities.pharma_campaign.incident.probability
  double low = 0, high = 0;         // the range: the tornado's ends, or a decision's bounds (low < high)
  Distribution distribution;        // what the Sobol design draws: uniform(low, high) by default
  double step = 0;                  // decisions: values on low + k step (0: any value)
  std::string base;                 // the scenario's own value at the first path, as written
  Diagnostic where;                 // where the input is declared (file, line, key path)
};

// What a sensitivity analysis explains, for each strategy it names.
enum class SensitivityOutput { kMeanNpv, kCvar95, kPLoss };

struct SensitivitySpec {
  std::vector<ScenarioInput> inputs;  // empty: the scenario has no sensitivity block
  std::vector<SensitivityOutput> outputs = {SensitivityOutput::kMeanNpv, SensitivityOutput::kCvar95,
                                            SensitivityOutput::kPLoss};
  std::vector<int> strategies;           // whose outputs are explained; empty: every strategy
  std::vector<std::pair<int, int>> differences;  // (a, b): the paired mean npv difference a - b
  std::uint64_t trials = 1000;           // trials per evaluation, on the same seed
  std::uint64_t samples = 64;            // the Sobol design's base sample n (n (d + 2) evaluations)
  std::uint64_t bootstrap = 200;         // resamples behind the indices' intervals
};

// What the frontier search measures and what it must respect (the `optimize:` block).
enum class RiskMeasure { kCvar95, kPLoss };

struct OptimizeSpec {
  std::vector<ScenarioInput> decisions;  // empty: the scenario has no optimize block
  std::vector<int> strategies;           // searched for; empty: every strategy
  RiskMeasure risk = RiskMeasure::kCvar95;  // the front is mean npv against this
  std::optional<double> max_cvar95;      // constraints: ceilings on CVaR95, P(loss) and
  std::optional<double> max_p_loss;      // the mean undiscounted cost
  std::optional<double> max_cost;
  std::uint64_t trials = 1000;           // per candidate, on the same seed
  std::uint64_t candidates = 64;         // points of the space-filling design
  std::uint64_t refine = 3;              // rounds of local refinement around the front
  // Extra trials shared among the points the search cannot tell apart (frontier.hpp);
  // unset: a quarter of the search's own trials; 0: none.
  std::optional<std::uint64_t> screening_trials;
  std::uint64_t confirm_trials = 20000;      // the confirmation run's; 0: no confirmation
  std::uint64_t confirm_max_trials = 100000;  // while the ceiling verdict is unsure
  std::optional<std::uint64_t> confirm_seed;  // unset: drawn from the search's seed
  std::uint64_t confirm_candidates = 5;      // most tried, by bisection (frontier_confirmation.hpp)
};

// A value the scenario holds because `flowfolio calibrate` fitted it to the organisation's
// own history (the `calibration:` block of calibrated.yaml, docs/calibration.md). The run
// ignores it; the report says which numbers came from data, and on what.
struct CalibratedValue {
  std::string name;                 // in the reader's words: "pharma_campaign incident probability"
  std::string path;                 // the key path it sets
  double value = 0, low = 0, high = 0;  // the estimate and its 90% interval
  std::string basis;                // what in the history it rests on: "2 incidents in 52 units"
  bool money = false;               // an amount in the scenario's currency (else a plain number)
};

struct CalibrationRecord {
  std::string source;               // how and from what it was made, one line
  std::vector<CalibratedValue> values;  // empty: nothing in the scenario was calibrated
};

struct Scenario {
  std::string file;                // where it was read from, for messages and manifests
  std::string name;
  std::string title;               // the report's heading; empty: the name
  std::string description;
  int horizon = 1;                 // periods T
  int periods_per_year = 52;
  double discount_rate = 0;        // yearly
  std::string currency;
  std::uint64_t trials = 10000;
  std::uint64_t seed = 0;
  ModelConstants model;
  std::vector<Activity> activities;   // in priority order
  std::vector<Profile> profiles;
  std::vector<Headcount> staff;
  std::vector<Strategy> strategies;
  std::vector<Correlation> correlations;
  RiskReport risk;
  ReportSpec report;
  SensitivitySpec sensitivity;
  OptimizeSpec optimize;
  CalibrationRecord calibration;
  // Problems that do not stop a run (a strategy that can never staff an activity).
  std::vector<Diagnostic> warnings;
};

// What a reader is shown for an activity, profile or strategy: its label, else its name.
template <typename Item>
const std::string& shown_name(const Item& item) {
  return item.label.empty() ? item.name : item.label;
}

// The position of the strategy named `name`. Throws InputError "WHAT: unknown strategy
// 'name'; known: ..." otherwise (`what` names the option or argument that gave it).
std::size_t strategy_index(const Scenario& scenario, const std::string& name, const std::string& what);

// What a reader is shown for the strategy named `name`; throws as strategy_index.
inline const std::string& shown_strategy(const Scenario& scenario, const std::string& name) {
  return shown_name(scenario.strategies[strategy_index(scenario, name, "strategy")]);
}

}  // namespace flowfolio
