#include "flowfolio/core/distribution.hpp"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "flowfolio/core/portable_math.hpp"

namespace flowfolio {

namespace {
constexpr double kZ95 = 1.6448536269514722;  // standard normal 95th percentile

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Horner's rule, highest coefficient first.
template <std::size_t N>
double polynomial(const double (&c)[N], double x) {
  double y = c[0];
  for (std::size_t k = 1; k < N; ++k) y = y * x + c[k];
  return y;
}
}  // namespace

double standard_gamma(double shape, Stream& stream) {
  assert(shape > 0);
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) U^(1 / a) (Marsaglia and Tsang's note for a < 1).
    const double scale = portable_exp(portable_log(open_uniform_from(stream())) / shape);
    return standard_gamma(shape + 1, stream) * scale;
  }
  // Marsaglia and Tsang, "A simple method for generating gamma variables", ACM TOMS 26
  // (2000): a normal and a uniform per try, accepted 95% or more of the time.
  const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    const double x = normal_quantile(open_uniform_from(stream()));
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = open_uniform_from(stream());
    if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (portable_log(u) < 0.5 * x * x + d * (1 - v + portable_log(v))) return d * v;
  }
}

double normal_quantile(double u) {
  // AS 241's coefficients, highest power first.
  static constexpr double a[] = {2.5090809287301226727e+3, 3.3430575583588128105e+4,
                                 6.7265770927008700853e+4, 4.5921953931549871457e+4,
                                 1.3731693765509461125e+4, 1.9715909503065514427e+3,
                                 1.3314166789178437745e+2, 3.3871328727963666080e+0};
  static constexpr double b[] = {5.2264952788528545610e+3, 2.8729085735721942674e+4,
                                 3.9307895800092710610e+4, 2.1213794301586595867e+4,
                                 5.3941960214247511077e+3, 6.8718700749205790830e+2,
                                 4.2313330701600911252e+1, 1.0};
  static constexpr double c[] = {7.74545014278341407640e-4, 2.27238449892691845833e-2,
                                 2.41780725177450611770e-1, 1.27045825245236838258e+0,
                                 3.64784832476320460504e+0, 5.76949722146069140550e+0,
                                 4.63033784615654529590e+0, 1.42343711074968357734e+0};
  static constexpr double d[] = {1.05075007164441684324e-9, 5.47593808499534494600e-4,
                                 1.51986665636164571966e-2, 1.48103976427480074590e-1,
                                 6.89767334985100004550e-1, 1.67638483018380384940e+0,
                                 2.05319162663775882187e+0, 1.0};
  static constexpr double e[] = {2.01033439929228813265e-7, 2.71155556874348757815e-5,
                                 1.24266094738807843860e-3, 2.65321895265761230930e-2,
                                 2.96560571828504891230e-1, 1.78482653991729133580e+0,
                                 5.46378491116411436990e+0, 6.65790464350110377720e+0};
  static constexpr double f[] = {2.04426310338993978564e-15, 1.42151175831644588870e-7,
                                 1.84631831751005468180e-5, 7.86869131145613259100e-4,
                                 1.48753612908506148525e-2, 1.36929880922735805310e-1,
                                 5.99832206555887937690e-1, 1.0};
  const double q = u - 0.5;
  if (std::abs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * polynomial(a, r) / polynomial(b, r);
  }
  double r = std::sqrt(-portable_log(q < 0 ? u : 1 - u));
  double z = 0;
  if (r <= 5) {
    r -= 1.6;
    z = polynomial(c, r) / polynomial(d, r);
  } else {
    r -= 5;
    z = polynomial(e, r) / polynomial(f, r);
  }
  return q < 0 ? -z : z;
}

Distribution Distribution::fixed(double value) {
  Distribution d;
  d.p_[0] = value;
  return d;
}

Distribution Distribution::uniform(double lo, double hi) {
  assert(lo <= hi);
  if (lo == hi) return fixed(lo);
  Distribution d;
  d.family_ = Family::kUniform;
  d.p_[0] = lo;
  d.p_[1] = hi;
  return d;
}

Distribution Distribution::triangular(double lo, double mode, double hi) {
  assert(lo <= mode && mode <= hi);
  if (lo == hi) return fixed(lo);
  Distribution d;
  d.family_ = Family::kTriangular;
  d.p_[0] = lo;
  d.p_[1] = mode;
  d.p_[2] = hi;
  return d;
}

Distribution Distribution::pert(double lo, double mode, double hi, double lambda) {
  assert(lo <= mode && mode <= hi && lambda >= 0);
  if (lo == hi) return fixed(lo);
  const double alpha = 1 + lambda * (mode - lo) / (hi - lo);
  const double beta = 1 + lambda * (hi - mode) / (hi - lo);
  Distribution d = Distribution::beta(alpha, beta, lo, hi);
  d.family_ = Family::kPert;
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  assert(sd >= 0);
  if (sd == 0) return fixed(mean);
  Distribution d;
  d.family_ = Family::kNormal;
  d.p_[0] = mean;
  d.p_[1] = sd;
  return d;
}

Distribution Distribution::lognormal(double mu, double sigma) {
  assert(sigma >= 0);
  if (sigma == 0) return fixed(portable_exp(mu));
  Distribution d;
  d.family_ = Family::kLognormal;
  d.p_[0] = mu;
  d.p_[1] = sigma;
  return d;
}

Distribution Distribution::lognormal_interval(double p5, double p95) {
  assert(0 < p5 && p5 <= p95);
  const double mu = (portable_log(p5) + portable_log(p95)) / 2;
  const double sigma = (portable_log(p95) - portable_log(p5)) / (2 * kZ95);
  return lognormal(mu, sigma);
}

Distribution Distribution::beta(double a, double b, double lo, double hi) {
  assert(a > 0 && b > 0 && lo <= hi);
  if (lo == hi) return fixed(lo);
  Distribution d;
  d.family_ = Family::kBeta;
  d.p_[0] = a;
  d.p_[1] = b;
  d.p_[2] = lo;
  d.p_[3] = hi;
  return d;
}

Distribution Distribution::discrete(std::vector<double> values, std::vector<double> weights) {
  assert(!values.empty());
  if (weights.empty()) weights.assign(values.size(), 1.0);
  assert(weights.size() == values.size());
  // Values of zero weight can never be drawn; dropping them keeps the search short and
  // lets a one-valued result be fixed.
  Distribution d;
  d.family_ = Family::kDiscrete;
  double total = 0;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (weights[k] <= 0) continue;
    total += weights[k];
    d.values_.push_back(values[k]);
    d.cumulative_.push_back(total);
  }
  assert(total > 0);
  if (d.values_.size() == 1) return fixed(d.values_[0]);
  for (double& c : d.cumulative_) c /= total;
  d.cumulative_.back() = 1.0;
  return d;
}

Distribution Distribution::clipped(double lo, double hi) const {
  assert(lo <= hi);
  if (is_fixed()) return fixed(std::clamp(p_[0], lo, hi));
  Distribution d = *this;
  d.has_clip_ = true;
  d.clip_lo_ = lo;
  d.clip_hi_ = hi;
  return d;
}

Distribution Distribution::scaled(double k) const {
  assert(k > 0);
  Distribution d = *this;
  switch (family_) {
    case Family::kFixed:
      d.p_[0] *= k;
      break;
    case Family::kUniform:
      d.p_[0] *= k;
      d.p_[1] *= k;
      break;
    case Family::kTriangular:
      for (int i = 0; i < 3; ++i) d.p_[i] *= k;
      break;
    case Family::kNormal:
      d.p_[0] *= k;
      d.p_[1] *= k;
      break;
    case Family::kLognormal:
      d.p_[0] += portable_log(k);
      break;
    case Family::kPert:
    case Family::kBeta:
      d.p_[2] *= k;
      d.p_[3] *= k;
      break;
    case Family::kDiscrete:
      for (double& v : d.values_) v *= k;
      break;
  }
  d.clip_lo_ *= k;
  d.clip_hi_ *= k;
  return d;
}

double Distribution::sample(Stream& stream) const {
  double x = 0;
  switch (family_) {
    case Family::kFixed:
      return p_[0];
    case Family::kUniform:
    case Family::kTriangular:
    case Family::kDiscrete:
      return invert(stream.uniform());
    case Family::kNormal:
    case Family::kLognormal:
      return invert(open_uniform_from(stream()));
    case Family::kPert:
    case Family::kBeta: {
      const double g = standard_gamma(p_[0], stream), h = standard_gamma(p_[1], stream);
      double y = g / (g + h);
      // With very small a and b both gamma draws can underflow to 0, and X / (X + Y) is
      // 0 / 0. The beta is then all but a coin at its ends: 1 with chance a / (a + b).
      if (std::isnan(y)) y = stream.uniform() < p_[0] / (p_[0] + p_[1]) ? 1.0 : 0.0;
      x = p_[2] + (p_[3] - p_[2]) * y;
      break;
    }
  }
  return has_clip_ ? std::clamp(x, clip_lo_, clip_hi_) : x;
}

double Distribution::invert(double u) const {
  assert(invertible());
  double x = 0;
  switch (family_) {
    case Family::kFixed:
      return p_[0];
    case Family::kUniform:
      x = p_[0] + (p_[1] - p_[0]) * u;
      break;
    case Family::kTriangular: {
      const double lo = p_[0], mode = p_[1], hi = p_[2];
      const double split = (mode - lo) / (hi - lo);
      x = u < split ? lo + std::sqrt(u * (hi - lo) * (mode - lo))
                    : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
      break;
    }
    case Family::kNormal:
      x = p_[0] + p_[1] * normal_quantile(u);
      break;
    case Family::kLognormal:
      x = portable_exp(p_[0] + p_[1] * normal_quantile(u));
      break;
    case Family::kDiscrete: {
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      x = values_[std::min<std::size_t>(it - cumulative_.begin(), values_.size() - 1)];
      break;
    }
    case Family::kPert:
    case Family::kBeta:
      break;
  }
  return has_clip_ ? std::clamp(x, clip_lo_, clip_hi_) : x;
}

double Distribution::mean() const {
  switch (family_) {
    case Family::kFixed:
      return p_[0];
    case Family::kUniform:
      return (p_[0] + p_[1]) / 2;
    case Family::kTriangular:
      return (p_[0] + p_[1] + p_[2]) / 3;
    case Family::kNormal:
      return p_[0];
    case Family::kLognormal:
      return std::exp(p_[0] + p_[1] * p_[1] / 2);
    case Family::kPert:
    case Family::kBeta:
      return p_[2] + (p_[3] - p_[2]) * p_[0] / (p_[0] + p_[1]);
    case Family::kDiscrete: {
      double m = 0, previous = 0;
      for (std::size_t k = 0; k < values_.size(); ++k) {
        m += values_[k] * (cumulative_[k] - previous);
        previous = cumulative_[k];
      }
      return m;
    }
  }
  return 0;
}

double Distribution::variance() const {
  switch (family_) {
    case Family::kFixed:
      return 0;
    case Family::kUniform:
      return (p_[1] - p_[0]) * (p_[1] - p_[0]) / 12;
    case Family::kTriangular: {
      const double a = p_[0], c = p_[1], b = p_[2];
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case Family::kNormal:
      return p_[1] * p_[1];
    case Family::kLognormal: {
      const double s2 = p_[1] * p_[1];
      return (std::exp(s2) - 1) * std::exp(2 * p_[0] + s2);
    }
    case Family::kPert:
    case Family::kBeta: {
      const double a = p_[0], b = p_[1], w = p_[3] - p_[2];
      return w * w * a * b / ((a + b) * (a + b) * (a + b + 1));
    }
    case Family::kDiscrete: {
      const double m = mean();
      double v = 0, previous = 0;
      for (std::size_t k = 0; k < values_.size(); ++k) {
        v += (values_[k] - m) * (values_[k] - m) * (cumulative_[k] - previous);
        previous = cumulative_[k];
      }
      return v;
    }
  }
  return 0;
}

double Distribution::cdf(double x) const {
  switch (family_) {
    case Family::kFixed:
      return x >= p_[0] ? 1 : 0;
    case Family::kUniform:
      return std::clamp((x - p_[0]) / (p_[1] - p_[0]), 0.0, 1.0);
    case Family::kTriangular: {
      const double a = p_[0], c = p_[1], b = p_[2];
      if (x <= a) return 0;
      if (x >= b) return 1;
      if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
      return 1 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
    case Family::kNormal:
      return normal_cdf((x - p_[0]) / p_[1]);
    case Family::kLognormal:
      return x <= 0 ? 0 : normal_cdf((std::log(x) - p_[0]) / p_[1]);
    case Family::kPert:
    case Family::kBeta: {
      const double y = (x - p_[2]) / (p_[3] - p_[2]);
      if (y <= 0) return 0;
      if (y >= 1) return 1;
      return boost::math::ibeta(p_[0], p_[1], y);
    }
    case Family::kDiscrete: {
      double c = 0, previous = 0;
      for (std::size_t k = 0; k < values_.size(); ++k) {
        if (values_[k] <= x) c += cumulative_[k] - previous;
        previous = cumulative_[k];
      }
      return c;
    }
  }
  return 0;
}

double Distribution::quantile(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  double x = 0;
  switch (family_) {
    case Family::kNormal:
    case Family::kLognormal:
      return invert(std::clamp(u, 1e-300, 1 - 1e-16));  // finite at the ends
    case Family::kPert:
    case Family::kBeta:
      x = p_[2] + (p_[3] - p_[2]) * boost::math::ibeta_inv(p_[0], p_[1], u);
      break;
    case Family::kDiscrete: {
      // The smallest value whose cumulative weight reaches u.
      const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
      x = values_[std::min<std::size_t>(it - cumulative_.begin(), values_.size() - 1)];
      break;
    }
    default:
      return invert(u);
  }
  return has_clip_ ? std::clamp(x, clip_lo_, clip_hi_) : x;
}

double Distribution::support_min() const {
  double lo = -std::numeric_limits<double>::infinity();
  switch (family_) {
    case Family::kFixed:
    case Family::kUniform:
    case Family::kTriangular:
      lo = p_[0];
      break;
    case Family::kNormal:
      break;
    case Family::kLognormal:
      lo = 0;
      break;
    case Family::kPert:
    case Family::kBeta:
      lo = p_[2];
      break;
    case Family::kDiscrete:
      lo = *std::min_element(values_.begin(), values_.end());
      break;
  }
  return has_clip_ ? std::max(lo, clip_lo_) : lo;
}

std::string Distribution::describe() const {
  std::ostringstream out;
  out.precision(6);
  switch (family_) {
    case Family::kFixed:
      out << p_[0];
      return out.str();
    case Family::kUniform:
      out << "uniform(" << p_[0] << ", " << p_[1] << ")";
      break;
    case Family::kTriangular:
      out << "triangular(" << p_[0] << ", " << p_[1] << ", " << p_[2] << ")";
      break;
    case Family::kNormal:
      out << "normal(mean " << p_[0] << ", sd " << p_[1] << ")";
      break;
    case Family::kLognormal:
      out << "lognormal(median " << std::exp(p_[0]) << ", sigma " << p_[1] << ")";
      break;
    case Family::kPert:
      out << "pert-beta(" << p_[0] << ", " << p_[1] << ") on [" << p_[2] << ", " << p_[3] << "]";
      break;
    case Family::kBeta:
      out << "beta(" << p_[0] << ", " << p_[1] << ") on [" << p_[2] << ", " << p_[3] << "]";
      break;
    case Family::kDiscrete:
      out << "discrete(" << values_.size() << " values)";
      break;
  }
  if (has_clip_) out << " clipped to [" << clip_lo_ << ", " << clip_hi_ << "]";
  return out.str();
}

}  // namespace flowfolio
