#include <benchmark/benchmark.h>

#include <vector>

#include "flowfolio/core/random.hpp"

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

// Blocks of one period and activity's units in bulk (unit_blocks), as the engine draws
// them: the random-number floor of flowfolio_throughput.
static void BM_UnitBlocksBulk(benchmark::State& state) {
  std::vector<flowfolio::Block> blocks(static_cast<std::size_t>(state.range(0)));
  std::uint64_t trial = 0;
  for (auto _ : state) {
    flowfolio::unit_blocks(1, ++trial, 3, 2, blocks.size(), blocks.data());
    benchmark::DoNotOptimize(blocks.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_UnitBlocksBulk)->Arg(1)->Arg(20)->Arg(64);
