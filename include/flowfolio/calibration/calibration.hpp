// Calibration: the model's own parameters fitted to an organisation's history
// (`flowfolio calibrate`, docs/calibration.md), each with its uncertainty:
//
// - the incident probability per unit at balance (MODEL.md's p0), from the incidents per
//   unit divided by the incident multiplier of the people who did the work, which a
//   simulation of the work as it was done (`--as`) estimates; a Beta prior centred on
//   the scenario's value, updated by the history;
// - each activity's incident severity, a lognormal by maximum likelihood, with exact
//   intervals for its median and its P95 and a goodness-of-fit test;
// - each profile's effective learning rate eta (1 - rho), fitted person by person on the
//   ramp's successes with the model's success curve and learning rule, then pooled.
//
//   flowfolio::History history = flowfolio::read_history(scenario, {.work = "work.csv", .incidents = "incidents.csv"});
//   flowfolio::Calibration c = flowfolio::calibrate(scenario, history, {.as = 0});
//   std::string yaml = flowfolio::calibrated_yaml(scenario, c, "/abs/scenario.yaml");
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "flowfolio/calibration/history.hpp"
#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

struct CalibrationOptions {
  std::size_t as = 0;            // the strategy that describes how the history's work was done
  std::uint64_t trials = 1000;   // simulated futures of that work, for the incident multiplier
  std::uint64_t seed = 0;        // of those futures
  const std::atomic<bool>* stop = nullptr;  // when it becomes true: Interrupted (engine.hpp)
};

struct Interval {
  double lo = 0, hi = 0;
};

// The 90% intervals every fit reports: from the 5% to the 95% point.
inline constexpr double kCalibrationLevel = 0.90;

// The incident probability per unit at balance of one activity (p0).
struct IncidentRateFit {
  std::size_t activity = 0;
  long units = 0;                 // n, done in the history
  long incidents = 0;             // k
  double scenario_value = 0;      // the scenario's p0 before calibration
  // The incident multiplier exp(slope * max(0, delta)) averaged over the units of one
  // simulated future of the history's work: its mean over the futures and their 5% to 95%.
  double multiplier = 1;
  Interval multiplier_range{1, 1};
  std::vector<double> multipliers;  // one per simulated future that did the activity
  double prior_a = 0, prior_b = 0;  // the Beta prior of p0 (mean: the scenario's value)
  // The prior predictive chance of a count as far out as the history's (fits.hpp); below
  // 2.5% the history contradicts the scenario's value, which is then set aside for
  // Jeffreys' Beta(1/2, 1/2), and prior_a and prior_b are that prior's.
  double prior_surprise = 1;
  bool prior_set_aside = false;
  double mean = 0;                  // of p0's posterior
  Interval interval;                // 90%
  std::string note;                 // said plainly: no incidents, or no simulated future did the work
};

// A lognormal severity of one activity's incident losses.
enum class SeverityMethod {
  kOwn,          // fitted on the activity's own losses
  kPooledShape,  // the median from its losses, sigma pooled across the activities
  kKept,         // too few losses and nothing to pool: the scenario's severity is kept
};

struct SeverityFit {
  std::size_t activity = 0;
  std::vector<double> losses;       // sorted
  SeverityMethod method = SeverityMethod::kKept;
  double mu = 0, sigma = 0;         // maximum likelihood (sigma over n; pooled for kPooledShape)
  double median = 0, p95 = 0;       // exp(mu), exp(mu + 1.645 sigma)
  Interval median_interval, p95_interval;  // 90%, exact (Student t and noncentral t)
  double degrees_of_freedom = 0;    // of the sigma estimate
  // Anderson-Darling test of the log-losses against a normal with estimated mean and sd
  // (D'Agostino and Stephens 1986): A^2 as SciPy's anderson gives it, and the p-value of its
  // small-sample form; present from kMinTestedLosses losses.
  std::optional<double> ad_statistic, ad_p_value;
  double scenario_median = 0, scenario_p95 = 0;
  std::string note;
};

// Below this many losses an activity's shape is not fitted on its own (SeverityMethod).
inline constexpr std::size_t kMinOwnShapeLosses = 5;
inline constexpr std::size_t kMinTestedLosses = 8;

// One person of the ramp: the skill they started with in the dimension that binds their
// work, and their effective learning rate theta = eta (1 - rho), by maximum likelihood.
struct PersonLearningFit {
  std::size_t person = 0;            // into History::people
  std::string name;                  // as ramp.csv names the person
  std::string dimension;             // "online" or "domain": the one fitted
  double start_skill = 0;
  double other_skill = 0;            // the other dimension's start: the profile's mean
  double rate = 0;                   // theta
  Interval rate_interval;            // 90%, from the profile likelihood
  bool rate_capped = false;          // the interval reaches the search's top (kMaxLearningRate)
  int records = 0;
  long units = 0, successes = 0;
  // Per record of the person (a period and an activity): units, successes and the fitted
  // success chance.
  struct Point {
    int period = 0;
    std::size_t activity = 0;
    long units = 0, successes = 0;
    double fitted = 0;
  };
  std::vector<Point> curve;
};

inline constexpr double kMaxLearningRate = 0.5;

// A profile's learning rate across its people of the ramp: a random-effects pooling of
// the people's rates (DerSimonian and Laird, with the Hartung-Knapp interval).
struct LearningFit {
  std::size_t profile = 0;
  std::vector<PersonLearningFit> people;
  double rate = 0;                  // theta of a typical person: the pooled mean
  Interval rate_interval;           // 90%
  double between_sd = 0;            // of theta across people, beyond each fit's own noise
  double resistance_mean = 0;       // the profile's mean rho, to turn theta into eta
  double scenario_eta = 0;          // the scenario's mean eta before calibration
  double eta_median = 0, eta_sigma = 0;  // the calibrated learning_rate: lognormal (sigma 0: a number)
  std::string note;
};

struct Calibration {
  std::size_t as = 0;
  std::uint64_t trials = 0, seed = 0;
  int periods = 0;
  std::string start;
  std::vector<std::string> sources;
  std::vector<IncidentRateFit> incident_rates;  // activities with units in the history
  std::vector<SeverityFit> severities;          // activities with an incident chance or losses
  std::vector<LearningFit> learning;            // profiles with people in the ramp
  std::vector<std::string> notes;               // what was left as the scenario says, and why
};

// Fits every parameter the history speaks to. Throws Interrupted when options.stop is set.
// Requires: options.as names a strategy of the scenario; the history read against it.
Calibration calibrate(const Scenario& scenario, const History& history, const CalibrationOptions& options);

// calibrated.yaml: a scenario that `extends:` the original at `extends_path` and sets the
// fitted values, each with a comment (n, k, the interval and the method), a `calibration:`
// block the report reads, and a `sensitivity:` block over the fitted values' 90% intervals.
std::string calibrated_yaml(const Scenario& scenario, const Calibration& calibration, const std::string& extends_path);

// The fits for a terminal: a table per kind, each value beside the scenario's, then notes.
std::string calibration_table(const Scenario& scenario, const Calibration& calibration);

// calibration.json: every fit, interval and diagnostic (docs/calibration.md).
std::string calibration_json(const Scenario& scenario, const Calibration& calibration);

// calibration.html: the offline page of the fits (the losses against the fitted lognormal,
// the incident rates' prior and posterior, each person's record against the fitted curve),
// with the report's chart libraries inlined. Throws std::runtime_error when they are missing.
std::string calibration_html(const Scenario& scenario, const Calibration& calibration);

}  // namespace flowfolio
