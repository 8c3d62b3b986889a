// Runs kept as mergeable summaries (summaries.hpp).
#include "flowfolio/stats/summaries.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>

#include "flowfolio/engine/trial_runner.hpp"

namespace flowfolio {

namespace {

// Folds one span into the summaries and the series, in trial order and block order:
// the same additions, in the same order, as extend() makes for the series.
void fold(const TrialSpan& span, RunResults& results, RunSummaries& summaries, std::size_t T) {
  const std::size_t S = results.strategies.size();
  const std::uint64_t count = span.end - span.begin;
  const auto column = [&](std::size_t s, Metric m) {
    return &span.metrics[(s * kMetricCount + index(m)) * count];
  };
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      MetricSummary& summary = summaries.metrics[s][m];
      const double* values = column(s, static_cast<Metric>(m));
      for (std::uint64_t i = 0; i < count; ++i) {
        summary.sketch.add(values[i]);
        summary.moments.add(values[i]);
        summary.below_zero += values[i] < 0;
      }
    }
  }
  for (PairSummary& pair : summaries.pairs) {
    for (std::size_t k = 0; k < kPairedMetrics.size(); ++k) {
      const double* strategy = column(pair.strategy, kPairedMetrics[k]);
      const double* baseline = column(pair.baseline, kPairedMetrics[k]);
      for (std::uint64_t i = 0; i < count; ++i) {
        pair.difference[k].add(strategy[i] - baseline[i]);
        pair.higher[k] += strategy[i] > baseline[i];
        pair.tie[k] += strategy[i] == baseline[i];
        pair.lower[k] += strategy[i] < baseline[i];
      }
    }
  }
  const std::size_t width = kSeriesCount * T;
  const std::uint64_t blocks = span.block_series.size() / (S * width);
  const std::uint64_t kept = span.cumulative_discounted.size() / (S * T);
  for (std::size_t s = 0; s < S; ++s) {
    StrategyResults& r = results.strategies[s];
    for (std::uint64_t b = 0; b < blocks; ++b) {
      const double* series = &span.block_series[(b * S + s) * width];
      for (std::size_t i = 0; i < width; ++i) r.series_sum[i] += series[i];
    }
    const float* paths = span.cumulative_discounted.data() + s * kept * T;
    std::copy(paths, paths + kept * T, r.cumulative_discounted.begin() + static_cast<std::ptrdiff_t>(span.begin * T));
  }
  results.threads = std::max(results.threads, span.threads);
  results.random_blocks += span.random_blocks;
}

const PairSummary& pair_of(const RunSummaries& summaries, std::size_t strategy, std::size_t baseline) {
  for (const PairSummary& p : summaries.pairs)
    if (p.strategy == strategy && p.baseline == baseline) return p;
  throw std::logic_error("no summary of the pair " + std::to_string(strategy) + " - " + std::to_string(baseline));
}

double sd_of(const StreamingMoments& m) { return std::sqrt(m.variance()); }

}  // namespace

RunResults run_summarized(const Scenario& scenario, const RunOptions& options, std::size_t baseline,
                          const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
  assert(options.trials > 0);
  const Engine engine(scenario);
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  RunResults results = empty_results(scenario, options.seed, options.independent_streams);
  const std::size_t S = results.strategies.size();
  const std::size_t T = static_cast<std::size_t>(scenario.horizon);
  auto summaries = std::make_shared<RunSummaries>();
  summaries->metrics.resize(S);
  for (std::size_t s = 0; s < S; ++s)
    if (s != baseline) summaries->pairs.push_back({.strategy = s, .baseline = baseline});
  for (const auto& pair : pairs) {  // not a structured binding: clang 14 cannot capture one
    const bool known = std::any_of(summaries->pairs.begin(), summaries->pairs.end(), [&](const PairSummary& p) {
      return p.strategy == pair.first && p.baseline == pair.second;
    });
    if (!known) summaries->pairs.push_back({.strategy = pair.first, .baseline = pair.second});
  }
  for (StrategyResults& r : results.strategies) {
    r.series_sum.assign(kSeriesCount * T, 0.0);
    r.cumulative_discounted.assign(std::min(options.trials, kSeriesQuantileTrials) * T, 0.0f);
  }
  for (std::uint64_t first = 0; first < options.trials; first += kSummaryBatch) {
    const std::uint64_t more = std::min(kSummaryBatch, options.trials - first);
    const std::vector<TrialSpan> batch = runner.spans(engine, options.seed, options.independent_streams, first, more,
                                                      options.threads, options.stop);
    for (const TrialSpan& span : batch) fold(span, results, *summaries, T);
  }
  results.trials = options.trials;
  for (StrategyResults& r : results.strategies) set_series_means(r, T, options.trials);
  results.summaries = std::move(summaries);
  return results;
}

Summary metric_summary(const RunResults& run, std::size_t strategy, Metric metric) {
  if (!run.summaries) return summarize(run.strategies[strategy].metric(metric));
  const MetricSummary& m = run.summaries->metrics[strategy][index(metric)];
  const double sd = sd_of(m.moments);
  return {.mean = m.moments.mean,
          .sd = sd,
          .se = sd / std::sqrt(static_cast<double>(m.moments.count)),
          .min = m.sketch.min(),
          .max = m.sketch.max(),
          .p5 = m.sketch.quantile(0.05),
          .p25 = m.sketch.quantile(0.25),
          .p50 = m.sketch.quantile(0.50),
          .p75 = m.sketch.quantile(0.75),
          .p95 = m.sketch.quantile(0.95)};
}

QuantileInterval metric_interval(const RunResults& run, std::size_t strategy, Metric metric, double p) {
  if (!run.summaries) {
    const auto values = run.strategies[strategy].metric(metric);
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return quantile_interval(sorted, p);
  }
  const QuantileSketch& sketch = run.summaries->metrics[strategy][index(metric)].sketch;
  const auto [lower, upper] = quantile_interval_ranks(sketch.count(), p);
  return {sketch.value_at_rank(lower), sketch.value_at_rank(upper)};
}

double metric_share(const RunResults& run, std::size_t strategy, Metric metric, double threshold,
                    bool at_or_below) {
  if (!run.summaries) {
    const auto values = run.strategies[strategy].metric(metric);
    std::size_t count = 0;
    for (double v : values) count += at_or_below ? v <= threshold : v >= threshold;
    return static_cast<double>(count) / static_cast<double>(values.size());
  }
  const QuantileSketch& sketch = run.summaries->metrics[strategy][index(metric)].sketch;
  const std::uint64_t count = at_or_below ? sketch.count_below(threshold, true)
                                          : sketch.count() - sketch.count_below(threshold, false);
  return static_cast<double>(count) / static_cast<double>(sketch.count());
}

TailRisk metric_tail(const RunResults& run, std::size_t strategy, Metric metric, double level) {
  if (!run.summaries) return tail_risk(run.strategies[strategy].metric(metric), level);
  const MetricSummary& m = run.summaries->metrics[strategy][index(metric)];
  // As tail_risk_sorted(): 1 - level rounded to 15 digits.
  const double p = std::round((1 - level) * 1e15) / 1e15;
  return {.var95 = -m.sketch.quantile(p),
          .cvar95 = -m.sketch.tail_mean(p),
          .p_loss = static_cast<double>(m.below_zero) / static_cast<double>(m.sketch.count())};
}

PairedDifference metric_difference(const RunResults& run, std::size_t strategy, std::size_t baseline,
                                   Metric metric) {
  if (!run.summaries)
    return paired_difference(run.strategies[baseline].metric(metric), run.strategies[strategy].metric(metric));
  const PairSummary& pair = pair_of(*run.summaries, strategy, baseline);
  const auto k = static_cast<std::size_t>(
      std::find(kPairedMetrics.begin(), kPairedMetrics.end(), metric) - kPairedMetrics.begin());
  if (k == kPairedMetrics.size()) throw std::logic_error("no paired summary of this metric");
  const StreamingMoments& d = pair.difference[k];
  const double n = static_cast<double>(d.count);
  const double se = sd_of(d) / std::sqrt(n);
  return {.mean = d.mean,
          .se = se,
          .lo95 = d.mean - kZ975 * se,
          .hi95 = d.mean + kZ975 * se,
          .p_better = static_cast<double>(pair.higher[k]) / n,
          .p_tie = static_cast<double>(pair.tie[k]) / n,
          .p_worse = static_cast<double>(pair.lower[k]) / n};
}

}  // namespace flowfolio
