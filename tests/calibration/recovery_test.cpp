// Recovery: histories simulated by the engine from known parameters are calibrated back,
// and over 200 histories (trials 0 to 199 of a fixed seed) the 90% intervals cover the
// truth in a share consistent with 90%. The count of 200 covering is binomial(200, 0.9):
// mean 180, standard deviation sqrt(200 * 0.9 * 0.1) = 4.24, so three standard deviations
// either side accept 168 to 192. Each history is its own future; the calibration's own
// simulation of the work uses another seed.
#include <catch2/catch.hpp>
#include <cmath>

#include "calibration/fits.hpp"
#include "flowfolio/calibration/calibration.hpp"
#include "flowfolio/calibration/history.hpp"
#include "test_support.hpp"

using namespace flowfolio;
using flowfolio::testing::parse;
using flowfolio::testing::replace;

namespace {
constexpr int kHistories = 200;
constexpr int kLeastCovering = 168, kMostCovering = 192;
constexpr std::uint64_t kHistorySeed = 424242, kCalibrationSeed = 7;

// Two workers whose online skill (pert 0.2 to 0.5) is short of the posts' challenge of
// 0.5 by 0 to 0.3: incident multipliers from 1 to exp(5 * 0.3) = 4.5, varying by future.
// True p0 0.01 and severity lognormal median 20,000, sigma 1.2: about 16 incidents a history.
const std::string kWorld = R"(name: recovery
horizon: 52
seed: 1
activities:
  - name: post
    challenge: {online: 0.5, domain: 0.3}
    hours_per_unit: 1
    units_per_period: 20
    value: 10
    incident: {probability: 0.01, severity: {lognormal: {median: 20000, sigma: 1.2}}}
profiles:
  - name: worker
    online: {pert: [0.2, 0.35, 0.5]}
    domain: 0.8
    salary_per_period: 100
    hours_per_period: 30
    learning_rate: 0.005
staff:
  - {profile: worker, count: 2}
strategies:
  - name: as_was
)";

// The scenario as its authors would have written it before the data: p0 half the truth.
std::string judged(const std::string& truth, const std::string& p0) {
  return replace(truth, "probability: " + p0, "probability: " + std::to_string(std::stod(p0) / 2));
}

bool covers(const Interval& i, double truth) { return i.lo <= truth && truth <= i.hi; }
}  // namespace

TEST_CASE("recovery: p0 and the severity median from 200 simulated histories", "[calibration][recovery]") {
  const Scenario truth = parse(kWorld);
  const Scenario prior = parse(judged(kWorld, "0.01"));
  int p0_covered = 0, median_covered = 0, own_fits = 0;
  for (int h = 0; h < kHistories; ++h) {
    const History history = simulate_history(truth, 0, kHistorySeed, static_cast<std::uint64_t>(h));
    const Calibration c = calibrate(prior, history, {.as = 0, .trials = 200, .seed = kCalibrationSeed});
    REQUIRE(c.incident_rates.size() == 1);
    p0_covered += covers(c.incident_rates[0].interval, 0.01);
    REQUIRE(c.severities.size() == 1);
    if (c.severities[0].method == SeverityMethod::kOwn) {
      ++own_fits;
      median_covered += covers(c.severities[0].median_interval, 20000);
    }
  }
  INFO("p0 covered in " << p0_covered << ", the median in " << median_covered << " of " << own_fits);
  CHECK(p0_covered >= kLeastCovering);
  CHECK(p0_covered <= kMostCovering);
  // Nearly every history has the 5 losses an own fit needs; the tolerance scales with them.
  REQUIRE(own_fits >= 190);
  const double sd = std::sqrt(own_fits * 0.9 * 0.1);
  CHECK(median_covered >= own_fits * 0.9 - 3 * sd);
  CHECK(median_covered <= own_fits * 0.9 + 3 * sd);
}

TEST_CASE("recovery: work done far above skill gives a p0 well below the raw rate, and still the truth",
          "[calibration][recovery]") {
  // The posts' online challenge is 0.9: deltas of 0.4 to 0.7, multipliers of 7 to 33, and
  // no learning to close the gap. True p0 0.001: a raw rate near 0.015.
  std::string world = replace(kWorld, "challenge: {online: 0.5, domain: 0.3}", "challenge: {online: 0.9, domain: 0.3}");
  world = replace(world, "probability: 0.01,", "probability: 0.001,");
  world = replace(world, "learning_rate: 0.005", "learning_rate: 0");
  const Scenario truth = parse(world);
  const Scenario prior = parse(judged(world, "0.001"));
  int covered = 0, naive_covered = 0, well_below = 0;
  for (int h = 0; h < kHistories; ++h) {
    const History history = simulate_history(truth, 0, kHistorySeed, static_cast<std::uint64_t>(h));
    const IncidentRateFit fit = calibrate(prior, history, {.as = 0, .trials = 200, .seed = kCalibrationSeed}).incident_rates[0];
    covered += covers(fit.interval, 0.001);
    well_below += fit.mean < (static_cast<double>(fit.incidents) / static_cast<double>(fit.units)) / 5;
    // The same update without the multiplier (everyone taken as balanced).
    const calibration::RatePosterior naive(calibration::rate_prior(0.0005), fit.incidents, fit.units, {1.0});
    naive_covered += covers({naive.quantile(0.05), naive.quantile(0.95)}, 0.001);
  }
  INFO("covered " << covered << ", without the multiplier " << naive_covered << ", well below the raw rate " << well_below);
  CHECK(covered >= kLeastCovering);
  CHECK(covered <= kMostCovering);
  CHECK(well_below >= kHistories - 5);  // histories with no incident have a raw rate of 0
  CHECK(naive_covered <= 10);          // the raw rate alone is many times the truth
}

TEST_CASE("recovery: the learning rate of a profile from its people's ramp", "[calibration][recovery]") {
  // Six learners, online skill pert 0.2 to 0.45 against a challenge of 0.55, eta 0.02 and
  // resistance 0.25: theta = 0.015, the same for all. 40 periods of 5 units each; nobody
  // leaves.
  const std::string world = R"(name: learning
horizon: 40
seed: 1
model: {attrition_per_burnout: 0}
activities:
  - name: task
    challenge: {online: 0.55, domain: 0.2}
    hours_per_unit: 1
    units_per_period: 30
    value: 10
profiles:
  - name: learner
    online: {pert: [0.2, 0.3, 0.45]}
    domain: 0.9
    salary_per_period: 100
    hours_per_period: 10
    learning_rate: 0.02
    resistance: 0.25
staff:
  - {profile: learner, count: 6}
strategies:
  - name: as_was
)";
  const Scenario truth = parse(world);
  const Scenario prior = parse(replace(world, "learning_rate: 0.02", "learning_rate: 0.01"));
  int covered = 0, people_covered = 0, people = 0;
  for (int h = 0; h < kHistories; ++h) {
    const History history = simulate_history(truth, 0, kHistorySeed, static_cast<std::uint64_t>(h));
    const Calibration c = calibrate(prior, history, {.as = 0, .trials = 20, .seed = kCalibrationSeed});
    REQUIRE(c.learning.size() == 1);
    const LearningFit& fit = c.learning[0];
    REQUIRE(fit.people.size() == 6);
    covered += covers(fit.rate_interval, 0.015);
    for (const PersonLearningFit& p : fit.people) {
      CHECK(p.dimension == "online");
      ++people;
      people_covered += covers(p.rate_interval, 0.015);
    }
  }
  INFO("the profile's interval covered in " << covered << "; people's own in " << people_covered << " of " << people);
  CHECK(covered >= kLeastCovering);
  CHECK(covered <= kMostCovering);
}
