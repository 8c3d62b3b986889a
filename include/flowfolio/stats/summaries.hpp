// Runs too large to keep every trial: statistics from mergeable summaries instead
// (`flowfolio run --statistics sketch|auto`, docs/cluster.md).
//
// run_summarized() simulates the trials in batches of kSummaryBatch and folds every batch,
// in trial order, into per-metric summaries: a QuantileSketch (quantiles, their intervals,
// VaR and CVaR, within the relative accuracy sketch.hpp proves), StreamingMoments (mean,
// sd and se, exact up to rounding) and exact counts (P(npv < 0)); and, for every pair
// compared, the moments and the higher/tie/lower counts of the per-trial difference, so
// paired comparisons stay exact. The per-period series and their fan-chart quantiles are
// kept exactly as run() keeps them. Memory no longer grows with the trials.
//
// The results are a pure function of the scenario, seed and trial count, whatever the
// threads, the batch or the number of cluster ranks: folding is in trial order.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/sketch.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio {

inline constexpr double kSketchAccuracy = 0.005;          // alpha of the summaries' sketches
inline constexpr std::uint64_t kSummaryBatch = 1 << 16;  // trials simulated before folding

struct MetricSummary {
  QuantileSketch sketch{kSketchAccuracy};
  StreamingMoments moments;
  std::uint64_t below_zero = 0;  // exact count of values < 0
};

// strategy - baseline on npv, incident_loss and catastrophes (comparison.hpp's metrics).
struct PairSummary {
  std::size_t strategy = 0, baseline = 0;
  std::array<StreamingMoments, 3> difference;
  std::array<std::uint64_t, 3> higher{}, tie{}, lower{};
};

inline constexpr std::array<Metric, 3> kPairedMetrics = {Metric::kNpv, Metric::kIncidentLoss,
                                                         Metric::kCatastrophes};

struct RunSummaries {
  double relative_accuracy = kSketchAccuracy;
  std::vector<std::array<MetricSummary, kMetricCount>> metrics;  // [strategy][metric]
  std::vector<PairSummary> pairs;
};

// Simulates options.trials trials and keeps summaries, not trials: the results have empty
// per_trial columns and `summaries` set. `pairs` are the (strategy, baseline) pairs to
// compare; every strategy against `baseline` is added. options.runner simulates the
// trials (trial_runner.hpp); with a cluster's runner only the leader's results hold the
// summaries. Requires: options.trials > 0.
RunResults run_summarized(const Scenario& scenario, const RunOptions& options, std::size_t baseline,
                          const std::vector<std::pair<std::size_t, std::size_t>>& pairs);

// The statistics of one metric, exact from the trials or estimated from the summaries.
Summary metric_summary(const RunResults& run, std::size_t strategy, Metric metric);
// A 95% interval of the quantile p (statistics.hpp), the ends from the sketch when summarized.
QuantileInterval metric_interval(const RunResults& run, std::size_t strategy, Metric metric, double p);
// The share of values at or above `threshold`, or at or below it when `at_or_below`.
double metric_share(const RunResults& run, std::size_t strategy, Metric metric, double threshold,
                    bool at_or_below);
// VaR and CVaR at `level` and P(value < 0) of one metric (npv).
TailRisk metric_tail(const RunResults& run, std::size_t strategy, Metric metric, double level = 0.95);
// The paired difference strategy - baseline. With summaries, requires that pair was kept.
PairedDifference metric_difference(const RunResults& run, std::size_t strategy, std::size_t baseline,
                                   Metric metric);

}  // namespace flowfolio
