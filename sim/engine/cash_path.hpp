// The undiscounted cumulative cash flow of one trial, period by period, and the metrics
// docs/model.md defines on it beyond MODEL.md's ("Metrics beyond MODEL.md 1.1").
#pragma once

#include <algorithm>
#include <limits>

namespace flowfolio {

// C_0 = 0, C_t = C_{t-1} + cash_flow_t, for t = 1 .. T (period t - 1's cash flow).
class CashPath {
 public:
  // Requires: periods_per_year >= 1.
  explicit CashPath(int periods_per_year) : periods_per_year_(periods_per_year) {}

  // Adds the cash flow of period `period` (0-based, in order); `last` closes the horizon,
  // so a last partial year counts as it is.
  void add(int period, double cash_flow, bool last) {
    cumulative_ += cash_flow;
    lowest_ = std::min(lowest_, cumulative_);
    if (cumulative_ < 0) last_negative_ = period + 1;
    year_ += cash_flow;
    if ((period + 1) % periods_per_year_ == 0 || last) {
      worst_year_ = std::min(worst_year_, year_);
      year_ = 0;
    }
  }

  // max(0, -min C_t); +0.0, never -0.0, when C_t never falls below 0.
  double cash_needed() const { return lowest_ < 0 ? -lowest_ : 0.0; }
  // 1 + the last t with C_t < 0, or 0 when there is none: T + 1 when C_T < 0.
  double payback_period() const { return last_negative_ < 0 ? 0.0 : last_negative_ + 1.0; }
  // The lowest yearly sum. Requires: add() was called with `last` set.
  double worst_year() const { return worst_year_; }

 private:
  int periods_per_year_;
  double cumulative_ = 0, lowest_ = 0, year_ = 0;
  double worst_year_ = std::numeric_limits<double>::infinity();
  int last_negative_ = -1;  // the last t with C_t < 0, or -1
};

}  // namespace flowfolio
