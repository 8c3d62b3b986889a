// How far a CVaR estimate can carry a decision (docs/frontier.md, "Tail statistics").
//
// CVaR is the mean of the worst futures, so its estimate rests on few trials and, when
// the losses are heavy-tailed (a lognormal severity with sigma 1.8, say), it is more often
// too low than too high: a symmetric interval from its standard error then covers the
// truth in 80% to 90% of runs instead of 95%. Here the standard error is the influence
// function's (Manistre and Hancock 2005); intervals and the confidence that CVaR is within
// a ceiling use Hall's (1992) transformation of the studentized mean, which removes the
// skew to first order, applied to the influence terms
//   Y_i = VaR + max(0, L_i - VaR) / (1 - level),  L_i = -x_i,
// whose mean is CVaR. Where the tail holds too few trials to judge (fewer than
// kFewestTailTrials, or one trial carrying more than kLargestWorstShare of the tail's
// excess over VaR), `thin` says so: the figures are then a guide, not a verdict.
//
// Everything uses the basic operations and portable_exp/log, so the bytes are the same
// on every machine.
#pragma once

#include <cstdint>
#include <span>
#include <utility>

#include "flowfolio/stats/statistics.hpp"

namespace flowfolio {

inline constexpr std::uint64_t kFewestTailTrials = 50;
inline constexpr double kLargestWorstShare = 0.2;

struct CvarEstimate {
  double cvar = 0;      // as tail_risk_sorted gives it
  double se = 0;        // influence function
  double skewness = 0;  // of the influence terms
  std::uint64_t trials = 0, tail_trials = 0;
  double worst_share = 0;  // the worst trial's share of the tail's excess over VaR
  bool thin = false;       // too few tail trials, or one trial decides
};

// CVaR at `level` of values sorted ascending (npv: losses are negative). Requires: not empty.
CvarEstimate cvar_estimate(std::span<const double> sorted, double level = 0.95);

// Hall's interval: [lower, upper] at the two-sided normal quantile z (kZ975: 95%).
std::pair<double, double> cvar_bounds(const CvarEstimate& e, double z = kZ975);

// The confidence that the true CVaR is at most `ceiling`: the one-sided level at which
// Hall's upper bound equals the ceiling (1 when the bound is below it at any level).
double confidence_within(const CvarEstimate& e, double ceiling);

// The standard normal distribution function, to about 1e-15, the same on every machine
// (Marsaglia 2004, "Evaluating the normal distribution").
double normal_cdf(double x);

// The confidence that a mean `estimate` with standard error `se` is at most `ceiling`,
// on the normal approximation; 1 or 0 when se is 0.
double normal_confidence_within(double estimate, double se, double ceiling);

}  // namespace flowfolio
