// Mergeable summaries for runs whose per-trial data would not fit in memory (issue 8).
//
// QuantileSketch is a DDSketch (Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable
// quantile sketch with relative-error guarantees", VLDB 2019): values fall into buckets
// whose bounds grow geometrically by gamma = (1 + alpha) / (1 - alpha), one store for
// positive values, a mirrored one for negative values and a count of zeros. A bucket
// stands for the value 2 gamma^i / (gamma + 1), within alpha, relatively, of every value
// in it. Merging adds bucket counts: exact and independent of order, so shares summarised
// on any number of processes merge into the same sketch, bit for bit.
//
// The guarantee, with x_(k) the k-th smallest value (0-based) and q(p) the interpolated
// quantile of statistics.hpp (h = (n - 1) p, i = floor(h)):
//   |quantile(p) - q(p)| <= alpha * max(|x_(i)|, |x_(i+1)|),
// which is alpha * |q(p)| when x_(i) and x_(i+1) have the same sign; and
//   |tail_mean(p) - T(p)| <= alpha * (mean of |x| over the tail),
// with T(p) the mean of x_(0) .. x_(i), the values at or below q(p) when none ties x_(i).
// Values with |x| < kSketchZero count as 0 (an absolute error below kSketchZero).
// Both bounds carry a relative 1e-12 for the rounding of logarithms (tests/stats/sketch_test.cpp).
//
// Moments: count, mean and the sum of squared deviations, merged exactly by Chan, Golub
// and LeVeque's formula (merges in a fixed order give the same bits).
#pragma once

#include <cstdint>
#include <vector>

namespace flowfolio {

inline constexpr double kSketchZero = 1e-12;

class QuantileSketch {
 public:
  // Requires: 0 < relative_accuracy < 1. Memory: 8 bytes per bucket between the smallest
  // and the largest |value| seen, about ln(max / min) / (2 alpha) buckets per sign.
  explicit QuantileSketch(double relative_accuracy = 0.005);

  void add(double value);
  // Requires: other.relative_accuracy() == relative_accuracy().
  void merge(const QuantileSketch& other);

  std::uint64_t count() const { return count_; }
  double relative_accuracy() const { return alpha_; }
  double min() const { return min_; }  // exact; requires count() > 0
  double max() const { return max_; }  // exact; requires count() > 0
  std::size_t bucket_count() const { return positive_.counts.size() + negative_.counts.size() + 1; }

  // The value of rank k (0-based, ascending), within the bound above. Requires k < count().
  double value_at_rank(std::uint64_t k) const;
  // The interpolated quantile, as quantile_sorted(). Requires: count() > 0, p in [0, 1].
  double quantile(double p) const;
  // The mean of the floor((n - 1) p) + 1 smallest values. Requires: count() > 0, p in [0, 1].
  double tail_mean(double p) const;
  // How many values are below x (or at or below it, when `inclusive`), by their buckets:
  // exact but for values within alpha of x, relatively, which may be counted either way.
  std::uint64_t count_below(double x, bool inclusive) const;

  bool operator==(const QuantileSketch&) const = default;

 private:
  // Counts of buckets offset, offset + 1, ...: bucket i holds |x| in (gamma^(i-1), gamma^i].
  struct Store {
    std::int64_t offset = 0;
    std::vector<std::uint64_t> counts;
    void add(std::int64_t index, std::uint64_t n);
    bool operator==(const Store&) const = default;
  };
  std::int64_t index_of(double magnitude) const;
  double value_of(std::int64_t index) const;
  // Calls visit(value, count) bucket by bucket in ascending order of value, until it returns false.
  template <class Visit> void ascending(Visit visit) const;

  double alpha_, gamma_, log_gamma_;
  Store positive_, negative_;
  std::uint64_t zeros_ = 0, count_ = 0;
  double min_ = 0, max_ = 0;
};

// Count, mean and sum of squared deviations, updated one value at a time (Welford) and
// merged exactly (Chan, Golub and LeVeque 1979).
struct StreamingMoments {
  std::uint64_t count = 0;
  double mean = 0;
  double m2 = 0;  // sum of (x - mean)^2

  void add(double value);
  void merge(const StreamingMoments& other);
  double variance() const { return count > 1 ? m2 / static_cast<double>(count - 1) : 0; }  // n - 1
};

}  // namespace flowfolio
