// The seam for running trials (trial_runner.hpp): run, extend, precision runs and sweeps
// give the same results through a runner that cuts the trials oddly as through the local
// one, and the local runner's each() keeps job order.
#include "flowfolio/engine/trial_runner.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/splitting_runner.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "test_support.hpp"

using namespace flowfolio;

namespace {

const Scenario& default_scenario() {
  static const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  return s;
}

void check_same(const RunResults& a, const RunResults& b) {
  REQUIRE(a.trials == b.trials);
  CHECK(a.random_blocks == b.random_blocks);
  REQUIRE(a.strategies.size() == b.strategies.size());
  for (std::size_t s = 0; s < a.strategies.size(); ++s) {
    CHECK(a.strategies[s].per_trial == b.strategies[s].per_trial);
    CHECK(a.strategies[s].cumulative_discounted == b.strategies[s].cumulative_discounted);
    CHECK(a.strategies[s].series_sum == b.strategies[s].series_sum);
  }
}

}  // namespace

TEST_CASE("run and extend give the same trials through any runner", "[runner]") {
  const Scenario& s = default_scenario();
  const RunResults local = run(s, {.trials = 700, .seed = 3, .threads = 2});
  testing::SplittingRunner runner;
  const RunResults split = run(s, {.trials = 700, .seed = 3, .threads = 2, .runner = &runner});
  CHECK(runner.extends == 1);
  check_same(local, split);
  CHECK(series_csv(local) == series_csv(split));

  // Extended in steps, the last one partial, as a precision run does.
  const Engine engine(s);
  RunResults stepped = empty_results(s, 3, false);
  extend(engine, stepped, 256, 1, nullptr, runner);
  extend(engine, stepped, 444, 1, nullptr, runner);
  CHECK(runner.extends == 3);
  check_same(local, stepped);
}

TEST_CASE("precision runs stop at the same trial through any runner", "[runner][precision]") {
  const Scenario& s = default_scenario();
  const PrecisionOptions options{.relative = 0.05, .max_trials = 4096, .block = 512, .seed = 2, .threads = 2};
  const PrecisionRun local = run_to_precision(s, options);
  testing::SplittingRunner runner;
  PrecisionOptions shared = options;
  shared.runner = &runner;
  const PrecisionRun split = run_to_precision(s, shared);
  CHECK(split.reason == local.reason);
  CHECK(split.reached == local.reached);
  check_same(local.results, split.results);
  // One decision per step, taken after each step's trials.
  CHECK(runner.agreements == runner.extends);
  CHECK(static_cast<std::uint64_t>(runner.extends) == (local.results.trials + 511) / 512);
}

TEST_CASE("sweeps record the same store through any runner", "[runner][sweep]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("flowfolio-runner-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto file = [&](const std::string& name) { return (dir / name).string(); };
  std::ofstream(file("base.yaml")) << testing::tiny_scenario();
  std::ofstream(file("sweep.yaml")) << "base: base.yaml\ntrials: 300\ngrid:\n  activities.work.value: [80, 120]\n";
  const Sweep sweep = read_sweep_file(file("sweep.yaml"));
  run_sweep(sweep, {.store = file("local.sqlite"), .threads = 2});
  testing::SplittingRunner runner;
  const SweepOutcome outcome = run_sweep(sweep, {.store = file("split.sqlite"), .threads = 2, .runner = &runner});
  CHECK(outcome.ran == 2);
  CHECK(runner.agreements == 2);  // "already in the store?", once a variant
  CHECK(results_csv(file("split.sqlite")) == results_csv(file("local.sqlite")));
  CHECK(paired_csv(file("split.sqlite")) == paired_csv(file("local.sqlite")));
  // Run again, every variant is skipped, on the leader's word.
  const SweepOutcome again = run_sweep(sweep, {.store = file("split.sqlite"), .threads = 2, .runner = &runner});
  CHECK(again.skipped == 2);
  CHECK(runner.extends == 2);
  fs::remove_all(dir);
}

TEST_CASE("the local runner runs each job in order and says how many are done", "[runner]") {
  std::vector<std::size_t> order, progress;
  const auto numbers = local_runner().each(
      4,
      [&](std::size_t i) {
        order.push_back(i);
        return std::vector<double>(i, static_cast<double>(i));
      },
      [&](std::size_t done) { progress.push_back(done); });
  CHECK(order == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(progress == std::vector<std::size_t>{1, 2, 3, 4});
  REQUIRE(numbers.size() == 4);
  CHECK(numbers[3] == std::vector<double>{3, 3, 3});
  CHECK(numbers[0].empty());
  CHECK(local_runner().leader());
  CHECK(local_runner().agree(true));
  CHECK_FALSE(local_runner().agree(false));
}
