// The flowfolio program: `flowfolio run`, `flowfolio validate`.
//
// Exit status: 0 done; 2 the scenario or the arguments are invalid (the message says
// where and why); 1 a failure while running, with its reason.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "flowfolio/engine.hpp"
#include "flowfolio/error.hpp"
#include "flowfolio/output.hpp"
#include "flowfolio/scenario.hpp"
#include "flowfolio/statistics.hpp"

namespace {

constexpr int kExitInvalid = 2;
constexpr int kExitFailure = 1;

struct RunArguments {
  std::string file;
  std::optional<std::uint64_t> trials;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::string out;
  std::optional<std::uint64_t> trial;
  bool trace = false;
  bool quiet = false;
};

int command_validate(const std::string& file) {
  const flowfolio::Scenario s = flowfolio::read_scenario_file(file);
  std::cout << file << ": valid: " << s.activities.size() << " activities, " << s.profiles.size()
            << " profiles, " << s.strategies.size() << " strategies, horizon " << s.horizon
            << " periods\n";
  return 0;
}

// Runs one trial alone (it equals trial N of a full run) and prints its metrics.
int command_single_trial(const flowfolio::Scenario& scenario, const RunArguments& args,
                         std::uint64_t seed) {
  const flowfolio::Engine engine(scenario);
  std::vector<flowfolio::TrialOutcome> outcomes(engine.strategy_count());
  engine.simulate_trial(seed, *args.trial, outcomes, args.trace);
  if (args.trace) std::cout << flowfolio::trace_table(scenario, *args.trial, outcomes);
  std::cout << "trial " << *args.trial << ", seed " << seed << "\n";
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    std::cout << scenario.strategies[s].name << ":";
    for (std::size_t m = 0; m < flowfolio::kMetricCount; ++m)
      std::cout << " " << flowfolio::metric_name(static_cast<flowfolio::Metric>(m)) << "="
                << outcomes[s].metrics[m];
    std::cout << "\n";
  }
  return 0;
}

int command_run(const RunArguments& args) {
  const flowfolio::Scenario scenario = flowfolio::read_scenario_file(args.file);
  const std::uint64_t seed = args.seed.value_or(scenario.seed);
  if (args.trial) return command_single_trial(scenario, args, seed);
  if (args.trace) throw flowfolio::InputError("--trace needs --trial N");

  const flowfolio::RunOptions options{
      .trials = args.trials.value_or(scenario.trials), .seed = seed, .threads = args.threads};
  const std::string out_dir =
      args.out.empty() ? "out/" + std::filesystem::path(args.file).stem().string() : args.out;

  const auto start = std::chrono::steady_clock::now();
  const flowfolio::RunResults results = flowfolio::run(scenario, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const std::string json = flowfolio::summary_json(scenario, results);
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw std::runtime_error("cannot create output folder " + out_dir + ": " + ec.message());
  flowfolio::write_file_atomically((std::filesystem::path(out_dir) / "summary.json").string(), json);

  if (!args.quiet) {
    std::cout << flowfolio::summary_table(scenario, results);
    char timing[160];
    std::snprintf(timing, sizeof timing, "\n%llu trials x %zu strategies in %.2f s on %u threads; ",
                  static_cast<unsigned long long>(results.trials), results.strategies.size(),
                  seconds, results.threads);
    std::cout << timing << "wrote " << out_dir << "/summary.json\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"flowfolio: Monte Carlo risk/cost simulation of staffing strategies for "
               "communication portfolios (model version 1.1)"};
  app.set_version_flag("--version", std::string("flowfolio ") + FLOWFOLIO_VERSION);
  app.require_subcommand(1);

  RunArguments run_args;
  CLI::App* run = app.add_subcommand("run", "Simulate every strategy and write OUT/summary.json");
  run->add_option("file", run_args.file, "Scenario YAML file")->required();
  run->add_option("--trials", run_args.trials, "Number of trials (default: the scenario's)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
  run->add_option("--seed", run_args.seed, "Seed (default: the scenario's)");
  run->add_option("--threads", run_args.threads, "Threads (default: all cores)")
      ->check(CLI::Range(0u, 4096u));
  run->add_option("--out", run_args.out, "Output folder (default: out/<scenario file name>)");
  run->add_option("--trial", run_args.trial, "Run only this trial and print its metrics");
  run->add_flag("--trace", run_args.trace, "With --trial: print the trial period by period");
  run->add_flag("-q,--quiet", run_args.quiet, "Print nothing but errors");

  std::string validate_file;
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file and report every problem");
  validate->add_option("file", validate_file, "Scenario YAML file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitInvalid;
  }

  try {
    if (*validate) return command_validate(validate_file);
    if (*run) return command_run(run_args);
  } catch (const flowfolio::InputError& e) {
    std::cerr << e.what() << "\n";
    const auto& d = e.diagnostics();
    if (d.size() > 1) std::cerr << d.size() << " problems found; nothing was run.\n";
    return kExitInvalid;
  } catch (const std::exception& e) {
    std::cerr << "flowfolio: error: " << e.what() << "\n";
    return kExitFailure;
  }
  return 0;
}
