// Lognormal severities from a history's losses (fits.hpp; docs/calibration.md, "Severity").
#include <algorithm>
#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>

#include "calibration/fits.hpp"
#include "flowfolio/core/portable_math.hpp"

namespace flowfolio::calibration {

namespace {
constexpr double kZ95 = 1.6448536269514722;  // the standard normal's 95% point
// Pooled degrees of freedom below which a pooled shape is no better than the scenario's.
constexpr double kMinPooledDf = 4;

std::vector<double> logs_of(const std::vector<double>& losses) {
  std::vector<double> y;
  for (const double x : losses) y.push_back(portable_log(x));
  return y;
}

double mean_of(const std::vector<double>& y) { return std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size()); }

double squares_about_mean(const std::vector<double>& y) {
  const double m = mean_of(y);
  double ss = 0;
  for (const double v : y) ss += (v - m) * (v - m);
  return ss;
}

// log(Phi(z)) and log(1 - Phi(z)), accurate in both tails.
double log_cdf(double z) { return portable_log(0.5 * std::erfc(-z / std::sqrt(2.0))); }
double log_sf(double z) { return portable_log(0.5 * std::erfc(z / std::sqrt(2.0))); }

// The shape pooled over every activity with at least two losses: the sum of squares about
// each activity's own mean, the degrees of freedom (sum of n - 1) and the losses counted.
struct PooledShape {
  double squares = 0, df = 0, n = 0;
};

PooledShape pooled_shape(const std::vector<SeverityFit>& fits) {
  PooledShape pool;
  for (const SeverityFit& f : fits) {
    if (f.losses.size() < 2) continue;
    pool.squares += squares_about_mean(logs_of(f.losses));
    pool.df += static_cast<double>(f.losses.size()) - 1;
    pool.n += static_cast<double>(f.losses.size());
  }
  return pool;
}

// Sets the fit's estimates from its mean log, sigma and its uncertainty (s over df).
void set_estimates(SeverityFit& f, double mu, double sigma, double s, double df) {
  const double n = static_cast<double>(f.losses.size());
  f.mu = mu;
  f.sigma = sigma;
  f.degrees_of_freedom = df;
  f.median = portable_exp(mu);
  f.p95 = portable_exp(mu + kZ95 * sigma);
  f.median_interval = lognormal_quantile_interval(mu, s, n, df, 0);
  f.p95_interval = lognormal_quantile_interval(mu, s, n, df, kZ95);
}
}  // namespace

Lognormal lognormal_mle(const std::vector<double>& losses) {
  const std::vector<double> y = logs_of(losses);
  return {mean_of(y), std::sqrt(squares_about_mean(y) / static_cast<double>(y.size()))};
}

Interval lognormal_quantile_interval(double mean_log, double s, double n, double df, double z) {
  const double tail = (1 - kCalibrationLevel) / 2, scale = s / std::sqrt(n);
  if (z == 0) {
    const boost::math::students_t t(df);
    return {portable_exp(mean_log + scale * boost::math::quantile(t, tail)),
            portable_exp(mean_log + scale * boost::math::quantile(t, 1 - tail))};
  }
  // sqrt(n) (mu + z sigma - mean) / s is noncentral t with noncentrality z sqrt(n).
  const boost::math::non_central_t t(df, z * std::sqrt(n));
  return {portable_exp(mean_log + scale * boost::math::quantile(t, tail)),
          portable_exp(mean_log + scale * boost::math::quantile(t, 1 - tail))};
}

AndersonDarling anderson_darling_normal(std::vector<double> logs) {
  std::sort(logs.begin(), logs.end());
  const double n = static_cast<double>(logs.size());
  const double m = mean_of(logs), s = std::sqrt(squares_about_mean(logs) / (n - 1));
  double sum = 0;
  for (std::size_t i = 0; i < logs.size(); ++i) {
    const double low = (logs[i] - m) / s, high = (logs[logs.size() - 1 - i] - m) / s;
    sum += (2.0 * static_cast<double>(i) + 1) * (log_cdf(low) + log_sf(high));
  }
  AndersonDarling ad;
  ad.statistic = -n - sum / n;
  ad.adjusted = ad.statistic * (1 + 0.75 / n + 2.25 / (n * n));
  const double a = std::min(ad.adjusted, 100.0);  // beyond, the fitted curve turns back up
  ad.p_value = a >= 0.6    ? portable_exp(1.2937 - 5.709 * a + 0.0186 * a * a)
               : a >= 0.34 ? portable_exp(0.9177 - 4.279 * a - 1.38 * a * a)
               : a >= 0.2  ? 1 - portable_exp(-8.318 + 42.796 * a - 59.938 * a * a)
                           : 1 - portable_exp(-13.436 + 101.14 * a - 223.73 * a * a);
  ad.p_value = std::clamp(ad.p_value, 0.0, 1.0);
  return ad;
}

std::vector<SeverityFit> fit_severities(const Scenario& scenario, const History& history) {
  std::vector<SeverityFit> fits;
  for (std::size_t a = 0; a < scenario.activities.size(); ++a) {
    const Activity& act = scenario.activities[a];
    SeverityFit f{.activity = a, .losses = history.losses_of(a)};
    if (f.losses.empty() && act.incident_probability <= 0) continue;
    std::sort(f.losses.begin(), f.losses.end());
    if (act.incident_probability > 0) {
      f.scenario_median = act.severity.quantile(0.5);
      f.scenario_p95 = act.severity.quantile(0.95);
    }
    fits.push_back(std::move(f));
  }
  const PooledShape pool = pooled_shape(fits);
  for (SeverityFit& f : fits) {
    const std::size_t n = f.losses.size();
    const std::vector<double> y = logs_of(f.losses);
    if (n >= kMinOwnShapeLosses) {
      f.method = SeverityMethod::kOwn;
      const Lognormal mle = lognormal_mle(f.losses);
      set_estimates(f, mle.mu, mle.sigma, std::sqrt(squares_about_mean(y) / (static_cast<double>(n) - 1)),
                    static_cast<double>(n) - 1);
    } else if (n >= 1 && pool.df >= kMinPooledDf) {
      f.method = SeverityMethod::kPooledShape;
      set_estimates(f, mean_of(y), std::sqrt(pool.squares / pool.n), std::sqrt(pool.squares / pool.df), pool.df);
      f.note = "Only " + std::to_string(n) + " loss" + (n == 1 ? "" : "es") +
               ": the median is its own, the spread (sigma) pooled across the activities' losses";
    } else {
      f.method = SeverityMethod::kKept;
      f.note = n == 0 ? "No losses in the history: the scenario's severity is kept"
                      : "Only " + std::to_string(n) + " loss" + (n == 1 ? "" : "es") +
                            " and too few others to pool the spread with: the scenario's severity is kept";
    }
    if (n >= kMinTestedLosses && squares_about_mean(y) > 0) {  // equal losses have no shape to test
      const AndersonDarling ad = anderson_darling_normal(y);
      f.ad_statistic = ad.statistic;
      f.ad_p_value = ad.p_value;
    }
  }
  return fits;
}

}  // namespace flowfolio::calibration
