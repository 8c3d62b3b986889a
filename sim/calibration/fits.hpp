// The calibration's statistical pieces, each usable and tested alone (docs/calibration.md
// gives each method, its source and its assumptions). Internal to the library.
#pragma once

#include <optional>
#include <vector>

#include "flowfolio/calibration/calibration.hpp"

namespace flowfolio::calibration {

// --- The incident probability at balance (incident_rate.cpp) --------------------------

// The Beta prior of p0: mean the scenario's value, with the weight of half an incident
// (a = 1/2, as Jeffreys' prior has); Jeffreys' Beta(1/2, 1/2) itself when the scenario's
// value is 0 or 1.
struct BetaPrior {
  double a = 0.5, b = 0.5;
};
BetaPrior rate_prior(double scenario_p0);

// How surprising k incidents in n units are under a prior, before seeing them: the prior
// predictive chance of a count at least as far from the expected one on the side k lies,
// P(K >= k) or P(K <= k), averaged over the simulated futures' multipliers (K given a
// future is negative binomial: Poisson counts with a Gamma rate, as rare incidents are).
// Below kConflictLevel the prior and the history disagree (a prior-data conflict, Evans
// and Moshonov 2006).
double prior_surprise(BetaPrior prior, long k, long n, const std::vector<double>& multipliers);
inline constexpr double kConflictLevel = 0.025;

// p0's posterior after k incidents in n units, when each simulated future j of the work
// had a mean incident multiplier m_j: the history is k incidents in n m_j units at
// balance (exact as the chance per unit is small), so given future j the posterior is
// Beta(a + k, b + n m_j - k), and the futures are weighed by how likely each makes k.
class RatePosterior {
 public:
  // Requires: multipliers non-empty, each >= 1; 0 <= k <= n.
  RatePosterior(BetaPrior prior, long k, long n, const std::vector<double>& multipliers);
  double mean() const;
  double cdf(double p0) const;
  double density(double p0) const;
  double quantile(double q) const;

 private:
  double a_ = 0;
  std::vector<double> b_, weight_;
};

// --- Severity (severity.cpp) -----------------------------------------------------------

// The lognormal's maximum likelihood on positive losses: mu the mean of the logs, sigma
// their standard deviation over n (as SciPy's lognorm.fit with floc=0). Requires n >= 1.
struct Lognormal {
  double mu = 0, sigma = 0;
};
Lognormal lognormal_mle(const std::vector<double>& losses);

// The 90% interval of exp(mu + z sigma) from a sample mean `mean_log` of n logs and an
// independent sigma estimate `s` (sum of squares over df) with df degrees of freedom:
// exact, by the noncentral t (z = 0: Student's t, the median's interval).
Interval lognormal_quantile_interval(double mean_log, double s, double n, double df, double z);

// Anderson-Darling's A^2 of `logs` against a normal with their mean and sd (over n - 1, as
// SciPy's anderson), its small-sample form A^2 (1 + 0.75/n + 2.25/n^2) and the p-value of
// D'Agostino and Stephens (1986, table 4.9). Requires at least kMinTestedLosses values.
struct AndersonDarling {
  double statistic = 0, adjusted = 0, p_value = 0;
};
AndersonDarling anderson_darling_normal(std::vector<double> logs);

// Every activity's severity fit, pooling the shape across activities for those with too
// few losses of their own (docs/calibration.md).
std::vector<SeverityFit> fit_severities(const Scenario& scenario, const History& history);

// --- Learning (learning.cpp) -----------------------------------------------------------

// Every profile's learning fit from the ramp, with the strategy `as` for the training its
// people took.
std::vector<LearningFit> fit_learning(const Scenario& scenario, const History& history, std::size_t as);

// One person's fit alone (learning.cpp), for tests.
PersonLearningFit fit_person(const Scenario& scenario, const History& history, std::size_t as, std::size_t person);

// The random-effects pooling of estimates x_i with standard errors se_i: the mean, its 90%
// interval (Hartung-Knapp: Student's t with m - 1 degrees of freedom) and the between sd
// (DerSimonian-Laird). One estimate: itself, with its own interval from its se.
struct Pooled {
  double mean = 0;
  Interval interval;
  double between_sd = 0;
};
Pooled pool_random_effects(const std::vector<double>& x, const std::vector<double>& se);

}  // namespace flowfolio::calibration
