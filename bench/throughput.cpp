// The throughput harness: how fast the engine turns trials into unit outcomes, how it
// scales over threads, and how far it is from the random-number floor, the time the
// generator alone takes to produce the random numbers the run consumed.
//
//   flowfolio_throughput [SCENARIO] [--trials N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "flowfolio/core/random.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double unit_outcomes(const flowfolio::RunResults& r) {
  double units = 0;
  for (const auto& s : r.strategies)
    for (std::uint64_t n = 0; n < r.trials; ++n)
      units += s.per_trial[flowfolio::index(flowfolio::Metric::kUnitsDone)][n] +
               s.per_trial[flowfolio::index(flowfolio::Metric::kUnitsSkipped)][n];
  return units;
}

// The generator alone: `blocks` Philox blocks made the fastest way it allows, in bulk
// (unit_blocks, 64 consecutive counters at a time), with nothing done to the words but
// keeping them alive.
double floor_seconds(std::uint64_t blocks) {
  std::vector<flowfolio::Block> buffer(64);
  const auto start = Clock::now();
  std::uint64_t sink = 0;
  for (std::uint64_t i = 0; i < blocks; i += buffer.size()) {
    flowfolio::unit_blocks(1, i, 0, 0, buffer.size(), buffer.data());
    for (const auto& b : buffer) sink ^= b[0] ^ b[3];
  }
  const double elapsed = seconds_since(start);
  if (sink == 42) std::puts("");  // keep the loop
  return elapsed;
}

// The interactive answer: `trials` trials of every strategy, simulated and every metric
// summarised (mean, sd, quantiles, tail risk), in-process, on `threads` threads.
double interactive_seconds(const flowfolio::Scenario& scenario, std::uint64_t trials, unsigned threads) {
  double best = 1e300;
  for (int repeat = 0; repeat < 5; ++repeat) {
    const auto start = Clock::now();
    const flowfolio::RunResults r = flowfolio::run(scenario, {.trials = trials, .seed = 7, .threads = threads});
    double sink = 0;
    for (const auto& s : r.strategies) {
      for (std::size_t m = 0; m < flowfolio::kMetricCount; ++m)
        sink += flowfolio::summarize(s.per_trial[m]).mean;
      sink += flowfolio::tail_risk(s.metric(flowfolio::Metric::kNpv)).cvar95;
    }
    best = std::min(best, seconds_since(start));
    if (sink == 42) std::puts("");
  }
  return best;
}
}  // namespace

int main(int argc, char** argv) {
  std::string file = FLOWFOLIO_SOURCE_DIR "/scenarios/seed-default.yaml";
  std::uint64_t trials = 20000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--trials") == 0 && i + 1 < argc) {
      trials = std::stoull(argv[++i]);
    } else {
      file = argv[i];
    }
  }
  const flowfolio::Scenario scenario = flowfolio::read_scenario_file(file);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  flowfolio::run(scenario, {.trials = 256, .seed = 1, .threads = cores});  // warm up

  auto start = Clock::now();
  const flowfolio::RunResults one = flowfolio::run(scenario, {.trials = trials, .seed = 1, .threads = 1});
  const double t1 = seconds_since(start);
  start = Clock::now();
  const flowfolio::RunResults all = flowfolio::run(scenario, {.trials = trials, .seed = 1, .threads = cores});
  const double tn = seconds_since(start);
  const double floor = floor_seconds(one.random_blocks);
  const double interactive = interactive_seconds(scenario, 2000, cores);

  const double units = unit_outcomes(one);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("scenario            %s, %llu trials x %zu strategies\n", scenario.name.c_str(),
              static_cast<unsigned long long>(trials), one.strategies.size());
  std::printf("unit outcomes       %.0f (%.0f per trial)\n", units, units / trials);
  std::printf("1 thread            %.3f s, %.2f M unit outcomes/s\n", t1, units / t1 / 1e6);
  std::printf("%u threads           %.3f s, %.2f M unit outcomes/s\n", cores, tn, units / tn / 1e6);
  std::printf("speed-up            %.2fx on %u threads\n", t1 / tn, cores);
  std::printf("random numbers      %llu Philox blocks (%.2f per unit outcome)\n",
              static_cast<unsigned long long>(one.random_blocks), one.random_blocks / units);
  std::printf("random floor        %.3f s on 1 thread (bulk): the engine takes %.2fx the floor\n", floor,
              t1 / floor);
  std::printf("interactive         %.0f ms: 2000 trials, %zu strategies, simulated and summarised on %u threads (best of 5)\n",
              interactive * 1e3, one.strategies.size(), cores);
  std::printf("peak memory         %.1f MiB (this harness, both runs)\n", usage.ru_maxrss / 1024.0);
  return all.random_blocks == one.random_blocks ? 0 : 1;
}
