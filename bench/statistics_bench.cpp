// Statistics over 100,000 trials (items: trials).
#include <benchmark/benchmark.h>

#include <vector>

#include "flowfolio/core/distribution.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace {
std::vector<double> sample(std::uint64_t seed) {
  const flowfolio::Distribution d = flowfolio::Distribution::lognormal(0, 1.5);
  std::vector<double> x(100000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    flowfolio::Stream s = flowfolio::unit_stream(seed, i, 0, 0, 0, flowfolio::UnitDraw::kValue);
    x[i] = d.sample(s) - 3;
  }
  return x;
}
}  // namespace

static void BM_Summarize100k(benchmark::State& state) {
  const std::vector<double> x = sample(1);
  for (auto _ : state) benchmark::DoNotOptimize(flowfolio::summarize(x));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(x.size()));
}
BENCHMARK(BM_Summarize100k);

static void BM_TailRisk100k(benchmark::State& state) {
  const std::vector<double> x = sample(2);
  for (auto _ : state) benchmark::DoNotOptimize(flowfolio::tail_risk(x, 0.95));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(x.size()));
}
BENCHMARK(BM_TailRisk100k);

static void BM_PairedDifference100k(benchmark::State& state) {
  const std::vector<double> a = sample(3), b = sample(4);
  for (auto _ : state) benchmark::DoNotOptimize(flowfolio::paired_difference(a, b));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(a.size()));
}
BENCHMARK(BM_PairedDifference100k);
