#include <benchmark/benchmark.h>

#include "flowfolio/random.hpp"

// One 64-bit word from a fresh keyed stream: the cost of one unit's sub-stream.
static void BM_StreamFirstWord(benchmark::State& state) {
  std::uint64_t i = 0;
  for (auto _ : state) {
    ++i;
    flowfolio::Stream s = flowfolio::unit_stream(1, 2, i, 0, i, flowfolio::UnitDraw::kOutcome);
    benchmark::DoNotOptimize(s());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamFirstWord);

// Words drawn in sequence from one stream.
static void BM_StreamSequential(benchmark::State& state) {
  flowfolio::Stream s = flowfolio::market_stream(1, 2, 3);
  for (auto _ : state) benchmark::DoNotOptimize(s());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamSequential);
