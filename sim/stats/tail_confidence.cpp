// CVaR's standard error, Hall's interval and the thin-tail check (tail_confidence.hpp).
#include "flowfolio/stats/tail_confidence.hpp"

#include <cassert>
#include <cmath>

#include "flowfolio/core/portable_math.hpp"

namespace flowfolio {

namespace {

double cube_root(double x) {
  if (x == 0) return 0;
  const double r = portable_exp(portable_log(std::abs(x)) / 3);
  return x < 0 ? -r : r;
}

// Hall's (1992) transformation g(t) = t + a t^2 + a^2 t^3 / 3 + b of the studentized mean,
// with a = skewness / (3 sqrt n) and b = skewness / (6 sqrt n): g(T) is nearly standard
// normal where T is skewed. g is increasing, (1 + a t)^2 >= 0, with a closed-form inverse.
struct HallTransform {
  double a = 0, b = 0;
  explicit HallTransform(const CvarEstimate& e) {
    const double root_n = std::sqrt(static_cast<double>(e.trials));
    a = e.skewness / (3 * root_n);
    b = e.skewness / (6 * root_n);
  }
  double operator()(double t) const { return t + a * t * t + a * a * t * t * t / 3 + b; }
  double inverse(double x) const {
    if (std::abs(a) < 1e-12) return x - b;
    return (cube_root(3 * a * (x - b) + 1) - 1) / a;
  }
};

}  // namespace

CvarEstimate cvar_estimate(std::span<const double> sorted, double level) {
  assert(!sorted.empty());
  const TailRisk tail = tail_risk_sorted(sorted, level);
  CvarEstimate e{.cvar = tail.cvar95, .trials = sorted.size()};
  // The influence terms in the loss's sign: Y = VaR + max(0, q - x) / (1 - level), q = -VaR.
  const double q = -tail.var95;
  const double n = static_cast<double>(sorted.size());
  double sum = 0, worst = 0;
  for (double x : sorted) {
    if (x >= q) break;
    sum += q - x;
    worst = std::max(worst, q - x);
  }
  const double mean = tail.var95 + sum / (n * (1 - level));
  double m2 = 0, m3 = 0;
  for (double x : sorted) {
    const double d = tail.var95 + std::max(0.0, q - x) / (1 - level) - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  e.se = sorted.size() > 1 ? std::sqrt(m2 * n / (n - 1) / n) : 0.0;
  e.skewness = m2 > 0 ? m3 / (m2 * std::sqrt(m2)) : 0.0;
  for (double x : sorted) {
    if (x > q) break;
    ++e.tail_trials;
  }
  e.worst_share = sum > 0 ? worst / sum : 0.0;
  e.thin = e.tail_trials < kFewestTailTrials || e.worst_share > kLargestWorstShare;
  return e;
}

std::pair<double, double> cvar_bounds(const CvarEstimate& e, double z) {
  const HallTransform g(e);
  return {e.cvar - g.inverse(z) * e.se, e.cvar - g.inverse(-z) * e.se};
}

double confidence_within(const CvarEstimate& e, double ceiling) {
  if (e.se == 0) return e.cvar <= ceiling ? 1.0 : 0.0;
  const HallTransform g(e);
  return normal_cdf(-g((e.cvar - ceiling) / e.se));
}

double normal_cdf(double x) {
  if (x < -38) return 0;
  if (x > 9) return 1;
  if (x < -8) {  // the series loses its relative accuracy far out; the tail's asymptotic form
    const double q = x * x;
    return portable_exp(-0.5 * q - 0.91893853320467274178) / -x * (1 - 1 / q + 3 / (q * q));
  }
  // Marsaglia (2004): Phi(x) = 1/2 + phi(x) (x + x^3/3 + x^5/(3 5) + ...).
  double s = x, t = 0, b = x;
  const double q = x * x;
  for (double i = 1; s != t;) s = (t = s) + (b *= q / (i += 2));
  return 0.5 + s * portable_exp(-0.5 * q - 0.91893853320467274178);
}

double normal_confidence_within(double estimate, double se, double ceiling) {
  if (se == 0) return estimate <= ceiling ? 1.0 : 0.0;
  return normal_cdf((ceiling - estimate) / se);
}

}  // namespace flowfolio
