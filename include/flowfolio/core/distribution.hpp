// Distributions of uncertain numbers in scenarios (MODEL.md section 10).
//
// A Distribution is a small value type: a family, its parameters and an optional clip.
// sample() draws from a Stream; a fixed distribution (a plain number, or a degenerate
// one such as uniform [x, x]) returns its value and draws nothing. The closed forms
// (mean, variance, cdf) describe the unclipped family and serve tests and reports.
#pragma once

#include <string>
#include <vector>

#include "flowfolio/core/random.hpp"

namespace flowfolio {

// The standard normal quantile at u in (0, 1), by Wichura's algorithm AS 241 (PPND16,
// Applied Statistics 37, 1988): relative error about 1e-16. Only arithmetic, sqrt and
// log, so it gives the same bytes on every instruction set the program runs on.
double normal_quantile(double u);

// A Gamma(shape, 1) draw from `stream`, by Marsaglia and Tsang's method, on
// normal_quantile and portable_math.hpp only. Requires: shape > 0.
double standard_gamma(double shape, Stream& stream);

class Distribution {
 public:
  enum class Family { kFixed, kUniform, kTriangular, kPert, kNormal, kLognormal, kBeta, kDiscrete };

  Distribution() = default;  // fixed at 0

  static Distribution fixed(double value);
  // Requires: lo <= hi.
  static Distribution uniform(double lo, double hi);
  // Requires: lo <= mode <= hi.
  static Distribution triangular(double lo, double mode, double hi);
  // Beta on [lo, hi] with alpha = 1 + lambda (mode - lo) / (hi - lo),
  // beta = 1 + lambda (hi - mode) / (hi - lo). Requires: lo <= mode <= hi, lambda >= 0.
  static Distribution pert(double lo, double mode, double hi, double lambda = 4.0);
  // Requires: sd >= 0.
  static Distribution normal(double mean, double sd);
  // exp(mu + sigma Z). Requires: sigma >= 0.
  static Distribution lognormal(double mu, double sigma);
  // The lognormal whose 90% interval is [p5, p95]. Requires: 0 < p5 <= p95.
  static Distribution lognormal_interval(double p5, double p95);
  // Beta(a, b) scaled to [lo, hi]. Requires: a, b > 0, lo <= hi.
  static Distribution beta(double a, double b, double lo = 0.0, double hi = 1.0);
  // values[k] with probability weights[k] / sum(weights); empty weights mean equal weights.
  // Requires: values not empty; weights empty or as many as values, >= 0, not all 0.
  static Distribution discrete(std::vector<double> values, std::vector<double> weights = {});

  // The same distribution with every draw clamped to [lo, hi]. Requires: lo <= hi.
  Distribution clipped(double lo, double hi) const;

  // The distribution of k X: every family is closed under x -> kx (a lognormal's mu
  // moves by log k; a beta's or pert's shape stays, its range scales), and so is a clip.
  // For "what if this were half as large": the scaled draw from the same stream is k
  // times the original draw, up to rounding. Requires: k > 0.
  Distribution scaled(double k) const;

  // One draw: by inversion of one word (invert) for every family but beta and pert,
  // which are a ratio of two standard_gamma draws. Thread-safe: the only state is the
  // stream's.
  double sample(Stream& stream) const;

  // True when one uniform makes a draw by inversion, cheaply (every family but beta and
  // pert): the engine then draws a unit's value and cost from a word of its block.
  bool invertible() const { return family_ != Family::kPert && family_ != Family::kBeta; }
  // The draw that the uniform u makes by inversion: u strictly inside (0, 1) (uniform,
  // triangular and discrete also take 0). sample() draws these families the same way,
  // from its stream's next word. Requires: invertible().
  double invert(double u) const;

  Family family() const { return family_; }
  // True when sample() always returns the same number and draws nothing.
  bool is_fixed() const { return family_ == Family::kFixed; }
  bool has_clip() const { return has_clip_; }

  // Mean, variance and cumulative distribution of the unclipped family.
  double mean() const;
  double variance() const;
  double cdf(double x) const;

  // The inverse of the clipped distribution's cdf: the smallest x with P(draw <= x) >= u,
  // for u in [0, 1] (clamped). Maps a point of the unit cube to the input's value, as
  // the sensitivity design needs. A normal's ends are finite (u is kept within
  // [1e-300, 1 - 1e-16]). Thread-safe.
  double quantile(double u) const;

  // The lowest value a draw can take, clip included (-infinity for an unclipped normal).
  double support_min() const;

  // A short human description, e.g. "pert(5000, 15000, 60000)".
  std::string describe() const;

 private:
  Family family_ = Family::kFixed;
  double p_[4] = {0, 0, 0, 0};  // family parameters (see the factories)
  std::vector<double> values_;     // discrete values
  std::vector<double> cumulative_;  // discrete cumulative weights, normalised to end at 1
  bool has_clip_ = false;
  double clip_lo_ = 0, clip_hi_ = 0;
};

}  // namespace flowfolio
