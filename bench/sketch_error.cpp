// The quantile sketch's measured error against exact statistics (docs/cluster.md):
//
//   ./build/bench/flowfolio_sketch_error [--values N] [--shares K]
//   ./build/bench/flowfolio_sketch_error --scenario FILE --trials N [--set key.path=value]...
//
// The second form simulates N trials of a scenario once, keeps them whole (run()), folds
// the same trials into summaries (run_summarized()) and prints the largest relative error
// of every sketched statistic of every strategy and metric against the exact one.
//
// Draws N npv-like values (default 10 million): a normal body (mean 1M, sd 2M) less, in
// 5% of them, a lognormal loss with 5th and 95th percentiles 0.2M and 20M; keyed draws,
// so the data are the same on every run. Sorts them for the exact quantiles and CVaR,
// sketches them in K shares merged in order (as K ranks would), and prints each
// statistic's relative error next to the bound sketch.hpp proves, for three accuracies.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "flowfolio/core/distribution.hpp"
#include "flowfolio/core/random.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "flowfolio/stats/sketch.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/stats/summaries.hpp"

using namespace flowfolio;

namespace {

// One simulation, summarized twice: whole, and folded into summaries from the same trials.
int scenario_error(const std::string& file, std::uint64_t trials, const std::vector<std::string>& overrides) {
  const Scenario scenario = read_scenario_file(file, overrides);
  const auto start = std::chrono::steady_clock::now();
  const RunResults exact = run(scenario, {.trials = trials, .seed = scenario.seed});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::size_t S = exact.strategies.size();
  // The same trials again, handed over by a runner instead of simulated twice.
  struct SameTrials final : TrialRunner {
    const RunResults& exact;
    explicit SameTrials(const RunResults& r) : exact(r) {}
    bool leader() const override { return true; }
    void extend(const Engine&, RunResults&, std::uint64_t, unsigned, const std::atomic<bool>*) override {}
    bool agree(bool decision) override { return decision; }
    std::vector<double> share(std::vector<double> numbers) override { return numbers; }
    std::vector<std::vector<double>> each(std::size_t, const Job&, const std::function<void(std::size_t)>&) override {
      return {};
    }
    std::vector<TrialSpan> spans(const Engine&, std::uint64_t, bool, std::uint64_t first, std::uint64_t more,
                                 unsigned, const std::atomic<bool>*) override {
      TrialSpan span{.begin = first, .end = first + more};
      for (const StrategyResults& strategy : exact.strategies)
        for (const auto& column : strategy.per_trial)
          span.metrics.insert(span.metrics.end(), column.begin() + static_cast<std::ptrdiff_t>(first),
                              column.begin() + static_cast<std::ptrdiff_t>(first + more));
      return {span};  // no series: they are not sketched
    }
  } same_trials(exact);
  const RunResults summarized =
      run_summarized(scenario, {.trials = trials, .seed = scenario.seed, .runner = &same_trials}, 0, {});
  std::printf("scenario            %s, %llu trials x %zu strategies (simulated in %.0f s)\n", file.c_str(),
              static_cast<unsigned long long>(trials), S, seconds);
  double worst = 0, worst_tail = 0, worst_npv = 0;
  std::string where;
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const auto metric = static_cast<Metric>(m);
      const Summary e = summarize(exact.strategies[s].metric(metric));
      const Summary a = metric_summary(summarized, s, metric);
      const double pairs[][2] = {{e.p5, a.p5}, {e.p25, a.p25}, {e.p50, a.p50}, {e.p75, a.p75}, {e.p95, a.p95}};
      for (const auto& [x, y] : pairs) {
        const double error = x == 0 ? std::abs(y) : std::abs(y - x) / std::abs(x);
        if (metric == Metric::kNpv) worst_npv = std::max(worst_npv, error);
        if (error > worst) {
          worst = error;
          where = exact.strategies[s].name + " " + std::string(metric_name(metric));
        }
      }
    }
    for (double level : {0.9, 0.95, 0.99}) {
      const TailRisk e = tail_risk(exact.strategies[s].metric(Metric::kNpv), level);
      const TailRisk a = metric_tail(summarized, s, Metric::kNpv, level);
      worst_tail = std::max({worst_tail, std::abs(a.var95 - e.var95) / std::abs(e.var95),
                             std::abs(a.cvar95 - e.cvar95) / std::abs(e.cvar95)});
    }
  }
  std::printf("quantiles p5..p95   max relative error %.3e (%s), bound %.3e\n", worst, where.c_str(), kSketchAccuracy);
  std::printf("npv p5..p95         max relative error %.3e\n", worst_npv);
  std::printf("npv VaR and CVaR    max relative error %.3e at levels 0.9, 0.95, 0.99\n", worst_tail);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 10'000'000, shares = 4;
  std::string scenario;
  std::vector<std::string> overrides;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--values")) n = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--shares")) shares = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--trials")) n = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--scenario")) scenario = argv[i + 1];
    if (!std::strcmp(argv[i], "--set")) overrides.push_back(argv[i + 1]);
  }
  if (!scenario.empty()) return scenario_error(scenario, n, overrides);
  const Distribution body = Distribution::normal(1e6, 2e6);
  const Distribution loss = Distribution::lognormal_interval(2e5, 2e7);
  std::vector<double> values(n);
  for (std::size_t i = 0; i < n; ++i) {
    Stream s(2026, i, StreamKind::kUnit, 0, 0, 0, 0);
    const double hit = s.uniform();
    values[i] = body.sample(s) - (hit < 0.05 ? loss.sample(s) : 0.0);
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::printf("values              %zu npv-like draws, sketched in %zu shares then merged\n", n, shares);

  const double ps[] = {0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999};
  for (double alpha : {0.01, 0.005, 0.001}) {
    const auto start = std::chrono::steady_clock::now();
    QuantileSketch merged(alpha);
    for (std::size_t k = 0; k < shares; ++k) {
      QuantileSketch share(alpha);
      for (std::size_t i = n * k / shares; i < n * (k + 1) / shares; ++i) share.add(values[i]);
      merged.merge(share);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("\nalpha %.3f: %zu buckets (%.1f KiB), %.1f ns a value\n", alpha, merged.bucket_count(),
                merged.bucket_count() * 8 / 1024.0, seconds * 1e9 / static_cast<double>(n));
    std::printf("  %-10s %16s %16s %12s\n", "statistic", "exact", "sketch", "rel. error");
    double worst = 0;
    for (double p : ps) {
      const double exact = quantile_sorted(sorted, p), estimate = merged.quantile(p);
      const double error = std::abs(estimate - exact) / std::abs(exact);
      worst = std::max(worst, error);
      std::printf("  p%-9g %16.2f %16.2f %12.3e\n", p * 100, exact, estimate, error);
    }
    for (double level : {0.9, 0.95, 0.99}) {
      const double exact = tail_risk_sorted(sorted, level).cvar95;
      const double estimate = -merged.tail_mean(std::round((1 - level) * 1e15) / 1e15);
      const double error = std::abs(estimate - exact) / std::abs(exact);
      worst = std::max(worst, error);
      std::printf("  cvar%-6g %16.2f %16.2f %12.3e\n", level * 100, exact, estimate, error);
    }
    std::printf("  max relative error %.3e (bound %.3e)\n", worst, alpha);
  }
  return 0;
}
