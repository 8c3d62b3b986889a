// DDSketch and mergeable moments (sketch.hpp).
#include "flowfolio/stats/sketch.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "flowfolio/core/portable_math.hpp"

namespace flowfolio {

QuantileSketch::QuantileSketch(double relative_accuracy)
    : alpha_(relative_accuracy),
      gamma_((1 + relative_accuracy) / (1 - relative_accuracy)),
      log_gamma_(portable_log(gamma_)),
      min_(std::numeric_limits<double>::infinity()),
      max_(-std::numeric_limits<double>::infinity()) {
  assert(relative_accuracy > 0 && relative_accuracy < 1);
}

void QuantileSketch::Store::add(std::int64_t index, std::uint64_t n) {
  if (counts.empty()) {
    offset = index;
    counts.assign(1, 0);
  } else if (index < offset) {
    counts.insert(counts.begin(), static_cast<std::size_t>(offset - index), 0);
    offset = index;
  } else if (index >= offset + static_cast<std::int64_t>(counts.size())) {
    counts.resize(static_cast<std::size_t>(index - offset + 1), 0);
  }
  counts[static_cast<std::size_t>(index - offset)] += n;
}

std::int64_t QuantileSketch::index_of(double magnitude) const {
  return static_cast<std::int64_t>(std::ceil(portable_log(magnitude) / log_gamma_));
}

// The point of (gamma^(i-1), gamma^i] within alpha of both ends, relatively.
double QuantileSketch::value_of(std::int64_t index) const {
  return 2 * portable_exp(static_cast<double>(index) * log_gamma_) / (gamma_ + 1);
}

void QuantileSketch::add(double value) {
  assert(std::isfinite(value));
  ++count_;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  if (std::abs(value) < kSketchZero) ++zeros_;
  else if (value > 0) positive_.add(index_of(value), 1);
  else negative_.add(index_of(-value), 1);
}

void QuantileSketch::merge(const QuantileSketch& other) {
  assert(other.alpha_ == alpha_);
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < other.positive_.counts.size(); ++i)
    if (other.positive_.counts[i]) positive_.add(other.positive_.offset + static_cast<std::int64_t>(i), other.positive_.counts[i]);
  for (std::size_t i = 0; i < other.negative_.counts.size(); ++i)
    if (other.negative_.counts[i]) negative_.add(other.negative_.offset + static_cast<std::int64_t>(i), other.negative_.counts[i]);
  zeros_ += other.zeros_;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

template <class Visit>
void QuantileSketch::ascending(Visit visit) const {
  for (std::size_t i = negative_.counts.size(); i-- > 0;)
    if (negative_.counts[i] && !visit(-value_of(negative_.offset + static_cast<std::int64_t>(i)), negative_.counts[i])) return;
  if (zeros_ && !visit(0.0, zeros_)) return;
  for (std::size_t i = 0; i < positive_.counts.size(); ++i)
    if (positive_.counts[i] && !visit(value_of(positive_.offset + static_cast<std::int64_t>(i)), positive_.counts[i])) return;
}

double QuantileSketch::value_at_rank(std::uint64_t k) const {
  assert(k < count_);
  // The extremes are known exactly.
  if (k == 0) return min_;
  if (k == count_ - 1) return max_;
  double found = 0;
  std::uint64_t seen = 0;
  ascending([&](double value, std::uint64_t n) {
    seen += n;
    found = value;
    return seen <= k;
  });
  return std::clamp(found, min_, max_);
}

double QuantileSketch::quantile(double p) const {
  assert(count_ > 0 && p >= 0 && p <= 1);
  const double h = static_cast<double>(count_ - 1) * p;
  const auto i = static_cast<std::uint64_t>(std::floor(h));
  const double low = value_at_rank(i);
  if (i + 1 >= count_) return low;
  return low + (h - static_cast<double>(i)) * (value_at_rank(i + 1) - low);
}

double QuantileSketch::tail_mean(double p) const {
  assert(count_ > 0 && p >= 0 && p <= 1);
  const std::uint64_t m = static_cast<std::uint64_t>(std::floor(static_cast<double>(count_ - 1) * p)) + 1;
  double sum = 0;
  std::uint64_t taken = 0;
  ascending([&](double value, std::uint64_t n) {
    const std::uint64_t take = std::min(n, m - taken);
    sum += std::clamp(value, min_, max_) * static_cast<double>(take);
    taken += take;
    return taken < m;
  });
  return sum / static_cast<double>(m);
}

std::uint64_t QuantileSketch::count_below(double x, bool inclusive) const {
  std::uint64_t below = 0;
  ascending([&](double value, std::uint64_t n) {
    value = std::clamp(value, min_, max_);
    if (value > x || (value == x && !inclusive)) return false;
    below += n;
    return true;
  });
  return below;
}

void StreamingMoments::add(double value) {
  ++count;
  const double delta = value - mean;
  mean += delta / static_cast<double>(count);
  m2 += delta * (value - mean);
}

void StreamingMoments::merge(const StreamingMoments& other) {
  if (other.count == 0) return;
  if (count == 0) {
    *this = other;
    return;
  }
  const double n = static_cast<double>(count), m = static_cast<double>(other.count);
  const double delta = other.mean - mean;
  count += other.count;
  mean += delta * m / (n + m);
  m2 += other.m2 + delta * delta * n * m / (n + m);
}

}  // namespace flowfolio
