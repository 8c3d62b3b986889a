#include <benchmark/benchmark.h>

#include "flowfolio/distribution.hpp"

namespace {
void draw(benchmark::State& state, const flowfolio::Distribution& d) {
  flowfolio::Stream s = flowfolio::market_stream(1, 2, 3);
  for (auto _ : state) benchmark::DoNotOptimize(d.sample(s));
  state.SetItemsProcessed(state.iterations());
}
}  // namespace

BENCHMARK_CAPTURE(draw, fixed, flowfolio::Distribution::fixed(1));
BENCHMARK_CAPTURE(draw, uniform, flowfolio::Distribution::uniform(0, 1));
BENCHMARK_CAPTURE(draw, triangular, flowfolio::Distribution::triangular(0, 1, 3));
BENCHMARK_CAPTURE(draw, pert, flowfolio::Distribution::pert(5000, 15000, 60000));
BENCHMARK_CAPTURE(draw, normal, flowfolio::Distribution::normal(0, 1));
BENCHMARK_CAPTURE(draw, lognormal, flowfolio::Distribution::lognormal_interval(20, 400));
BENCHMARK_CAPTURE(draw, beta, flowfolio::Distribution::beta(2, 5));
BENCHMARK_CAPTURE(draw, discrete, flowfolio::Distribution::discrete({1, 2, 3, 4}, {1, 2, 3, 4}));
