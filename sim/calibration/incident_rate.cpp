// p0's prior and posterior (fits.hpp; docs/calibration.md, "Incident probability").
#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <numeric>

#include "calibration/fits.hpp"
#include "flowfolio/core/portable_math.hpp"

namespace flowfolio::calibration {

BetaPrior rate_prior(double scenario_p0) {
  if (!(scenario_p0 > 0 && scenario_p0 < 1)) return {0.5, 0.5};
  return {0.5, 0.5 * (1 - scenario_p0) / scenario_p0};
}

double prior_surprise(BetaPrior prior, long k, long n, const std::vector<double>& multipliers) {
  double expected = 0, at_least = 0, at_most = 0;
  for (const double m : multipliers) {
    const double exposure = static_cast<double>(n) * m;
    expected += exposure * prior.a / (prior.a + prior.b);
    // K ~ NegativeBinomial(a, p = b / (b + exposure)): P(K <= j) = I_p(a, j + 1).
    const double p = prior.b / (prior.b + exposure);
    at_most += boost::math::ibeta(prior.a, static_cast<double>(k) + 1, p);
    at_least += k == 0 ? 1.0 : 1 - boost::math::ibeta(prior.a, static_cast<double>(k), p);
  }
  const double J = static_cast<double>(multipliers.size());
  return static_cast<double>(k) >= expected / J ? at_least / J : at_most / J;
}

RatePosterior::RatePosterior(BetaPrior prior, long k, long n, const std::vector<double>& multipliers)
    : a_(prior.a + static_cast<double>(k)) {
  using boost::math::lgamma;
  std::vector<double> log_weight;
  for (const double m : multipliers) {
    const double units = static_cast<double>(n) * m;  // n m_j units at balance
    const double b = prior.b + units - static_cast<double>(k);
    b_.push_back(b);
    // log of C(units, k) B(a + k, b + units - k), dropping what every future shares.
    log_weight.push_back(lgamma(units + 1) - lgamma(units - static_cast<double>(k) + 1) + lgamma(b) - lgamma(a_ + b));
  }
  const double top = *std::max_element(log_weight.begin(), log_weight.end());
  for (const double w : log_weight) weight_.push_back(portable_exp(w - top));
  const double total = std::accumulate(weight_.begin(), weight_.end(), 0.0);
  for (double& w : weight_) w /= total;
}

double RatePosterior::mean() const {
  double m = 0;
  for (std::size_t j = 0; j < b_.size(); ++j) m += weight_[j] * a_ / (a_ + b_[j]);
  return m;
}

double RatePosterior::cdf(double p0) const {
  if (p0 <= 0) return 0;
  if (p0 >= 1) return 1;
  double f = 0;
  for (std::size_t j = 0; j < b_.size(); ++j) f += weight_[j] * boost::math::ibeta(a_, b_[j], p0);
  return f;
}

double RatePosterior::density(double p0) const {
  if (p0 <= 0 || p0 >= 1) return 0;
  double f = 0;
  for (std::size_t j = 0; j < b_.size(); ++j) f += weight_[j] * boost::math::ibeta_derivative(a_, b_[j], p0);
  return f;
}

double RatePosterior::quantile(double q) const {
  // The mixture's quantile lies between its components' own.
  double lo = 1, hi = 0;
  for (const double b : b_) {
    const double x = boost::math::ibeta_inv(a_, b, q);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  const auto gap = [&](double x) { return cdf(x) - q; };
  if (!(hi > lo) || gap(lo) >= 0) return lo;
  if (gap(hi) <= 0) return hi;
  std::uintmax_t iterations = 100;
  const auto [left, right] = boost::math::tools::toms748_solve(gap, lo, hi, boost::math::tools::eps_tolerance<double>(40),
                                                                iterations);
  return (left + right) / 2;
}

}  // namespace flowfolio::calibration
