// run, compare, sensitivity and frontier: read, plan, simulate (a study first when asked),
// write the result folder, print.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "cmd/commands.hpp"
#include "cmd/progress_line.hpp"
#include "cmd/stopping.hpp"
#include "core/file_text.hpp"
#include "flowfolio/cluster/cluster.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/core/memory.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/output/run_folder.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/run_plan.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "flowfolio/studies/decision.hpp"
#include "flowfolio/studies/study_output.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio::cmd {

namespace {
namespace fs = std::filesystem;

ReportOptions report_options(const Scenario& scenario, const RunArguments& args) {
  ReportOptions options = ReportOptions::from(scenario);
  if (!args.levels.empty()) options.levels = args.levels;
  if (!args.baseline.empty()) options.baseline = strategy_index(scenario, args.baseline, "--baseline");
  for (const std::string& pair : args.pairs) {
    const auto colon = pair.find(':');
    if (colon == std::string::npos)
      throw InputError("--pair " + pair + ": write the pair as STRATEGY:BASELINE");
    const std::size_t a = strategy_index(scenario, pair.substr(0, colon), "--pair");
    const std::size_t b = strategy_index(scenario, pair.substr(colon + 1), "--pair");
    if (a == b) throw InputError("--pair " + pair + ": a strategy compared with itself");
    options.pairs.emplace_back(a, b);
  }
  return options;
}

// Runs one trial alone (it equals trial N of a full run) and prints its metrics.
int command_single_trial(const Scenario& scenario, const RunArguments& args,
                         std::uint64_t seed) {
  const int only = args.strategy.empty()
                       ? -1
                       : static_cast<int>(strategy_index(scenario, args.strategy, "--strategy"));
  const RunEstimate one = estimate_run(scenario, 1);
  require_memory(one.bytes + one.bytes_per_thread, "one trial of this scenario",
                            "make the scenario smaller");
  const Engine engine(scenario);
  std::vector<TrialOutcome> outcomes(engine.strategy_count());
  engine.simulate_trial(seed, *args.trial, outcomes, args.trace, args.independent_streams);
  if (args.trace) std::cout << trace_table(scenario, *args.trial, outcomes, only);
  std::cout << "trial " << *args.trial << ", seed " << seed << "\n";
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    if (only >= 0 && s != static_cast<std::size_t>(only)) continue;
    std::cout << scenario.strategies[s].name << ":";
    for (std::size_t m = 0; m < kMetricCount; ++m)
      std::cout << " " << metric_name(static_cast<Metric>(m)) << "="
                << format_number(outcomes[s].metrics[m]);
    std::cout << "\n";
  }
  return 0;
}

// A study's progress: done of total, and the time left at the pace so far.
std::function<void(std::size_t, std::size_t)> progress_printer(const char* what, const char* unit, bool quiet) {
  if (quiet) return {};
  const auto begun = std::chrono::steady_clock::now();
  return [=, line = std::make_shared<ProgressLine>(10)](std::size_t done, std::size_t total) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begun).count();
    char text[160];
    std::snprintf(text, sizeof text, "%s: %zu/%zu %s, about %.0f s left", what, done, total, unit,
                  seconds / static_cast<double>(done) * static_cast<double>(total - done));
    line->show(text, seconds, done == total);
  };
}

// Runs the study `args` asks for, with its progress on stderr.
StudyOutput run_study(const RunArguments& args, const Scenario& scenario, std::uint64_t seed,
                                 const std::string& command_line) {
  const std::optional<std::string> text = read_file_text(args.file);
  if (!text) throw std::runtime_error("cannot read " + args.file);
  const int only = args.strategy.empty() ? -1 : static_cast<int>(strategy_index(scenario, args.strategy, "--strategy"));
  const StudyKind kind = args.study == RunArguments::Study::kSensitivity
                                        ? StudyKind::kSensitivity
                                        : StudyKind::kFrontier;
  return run_study(
      scenario, {.kind = kind,
                 .file = args.file,
                 .text = *text,
                 .seed = seed,
                 .threads = args.threads,
                 .only_strategy = only,
                 .tornado = args.method != "sobol",
                 .sobol = args.method != "tornado",
                 .overrides = args.overrides,
                 .stop = &g_stop,
                 .progress = progress_printer(study_name(kind),
                                              study_unit(kind), args.quiet),
                 .runner = &cluster_runner(),
                 .command_line = command_line});
}

// Exact or sketch statistics, and the refusals and notices before a run (run_plan.hpp).
RunPlan plan_run(const Scenario& scenario, const RunArguments& args) {
  using Study = RunArguments::Study;
  const RunRequest request{
      .trials = args.precision ? args.max_trials : args.trials.value_or(scenario.trials),
      .threads = args.threads,
      .statistics = statistics_choice(args.statistics),
      .precision = args.precision.has_value(),
      .report = args.report,
      .allow_large_run = args.allow_large_run,
      .evaluation_trials = args.study == Study::kSensitivity ? scenario.sensitivity.trials
                           : args.study == Study::kFrontier  ? scenario.optimize.trials
                                                             : 0};
  std::function<void(const std::string&)> print;
  if (!args.quiet) print = [](const std::string& line) { std::cerr << line << "\n"; };
  return plan_run(scenario, request, print);
}

// The run's trials: to a precision, as summaries, or every trial kept.
RunResults run_trials(const Scenario& scenario, const RunArguments& args,
                                 const RunPlan& plan, std::uint64_t seed,
                                 ReportOptions& options) {
  const std::uint64_t planned = args.trials.value_or(scenario.trials);
  RunResults results;
  if (args.precision) {
    PrecisionRun precise = run_to_precision(
        scenario, {.relative = *args.precision,
                   .max_trials = args.max_trials,
                   .seed = seed,
                   .threads = args.threads,
                   .independent_streams = args.independent_streams,
                   .baseline = options.baseline,
                   .pairs = options.pairs,
                   .stop = &g_stop,
                   .runner = &cluster_runner()});
    results = std::move(precise.results);
    options.stop_reason = precise.reason;
  } else if (plan.summarized) {
    results = run_summarized(scenario, {.trials = planned, .seed = seed, .threads = args.threads,
                                                   .independent_streams = args.independent_streams,
                                                   .stop = &g_stop, .runner = &cluster_runner()},
                                        options.baseline, options.pairs);
  } else {
    results = run(scenario, {.trials = planned,
                                        .seed = seed,
                                        .threads = args.threads,
                                        .independent_streams = args.independent_streams,
                                        .stop = &g_stop,
                                        .runner = &cluster_runner()});
  }
  return results;
}

// What a result folder records of how it was made, so that it can be audited and rerun.
Manifest manifest_of(const RunArguments& args, const std::string& command_line,
                                const std::string& scenario_sha256, std::uint64_t seed,
                                const RunResults& results, const std::string& stop_reason,
                                std::chrono::system_clock::time_point start,
                                std::chrono::system_clock::time_point end) {
  return {.command_line = command_line,
          .scenario_file = args.file,
          .scenario_sha256 = scenario_sha256,
          .start_time = iso_time(start),
          .end_time = iso_time(end),
          .seed = seed,
          .trials = results.trials,
          .threads = results.threads,
          .independent_streams = results.independent_streams,
          .precision = args.precision.value_or(0),
          .stop_reason = stop_reason,
          .overrides = args.overrides};
}

// The tables and the summary line a person reads once the folder is written.
void print_run(const RunArguments& args, const Scenario& scenario,
               const RunResults& results, const ReportOptions& options,
               const std::optional<StudyOutput>& study, const std::vector<std::string>& files,
               double study_seconds, double run_seconds) {
  const std::string out_dir = out_folder(args.out, args.file);
  if (study) {
    char timing[64];
    std::snprintf(timing, sizeof timing, " in %.1f s\n\n", study_seconds);
    std::cout << study->table << "\n" << study->size << timing;
  }
  std::cout << (args.comparison ? comparison_table(scenario, results, options)
                           : summary_table(scenario, results));
  if (!args.comparison && !options.stop_reason.empty()) std::cout << "\n" << options.stop_reason << "\n";
  char timing[160];
  std::snprintf(timing, sizeof timing, "\n%llu trials x %zu strategies in %.2f s on %u threads; ",
                static_cast<unsigned long long>(results.trials), results.strategies.size(),
                run_seconds, results.threads);
  std::string written;
  for (const std::string& name : files) written += (written.empty() ? "" : ", ") + name;
  std::cout << timing << "wrote " << out_dir << "/{" << written << "}\n";
  if (args.report)
    std::cout << "\nThe report: "
              << fs::absolute(fs::path(out_dir) / run_files::kReport).string() << "\n";
}

// What would change the answer, for the report: around the main run, on the same seed.
std::string run_decision(const RunArguments& args, const Scenario& scenario, const RunResults& results,
                         const ReportOptions& options, std::uint64_t seed) {
  const std::optional<std::string> text = read_file_text(args.file);
  if (!text) throw std::runtime_error("cannot read " + args.file);
  return decision_file(scenario, *text, args.file, results,
                       {.seed = seed, .threads = args.threads, .overrides = args.overrides,
                        .baseline = options.baseline, .stop = &g_stop, .runner = &cluster_runner()},
                       args.quiet);
}

}  // namespace

std::string decision_file(const Scenario& scenario, const std::string& text, const std::string& file,
                          const RunResults& main_run, DecisionOptions options, bool quiet) {
  options.progress = progress_printer("what would change the answer", "evaluations", quiet);
  return report_decision_json(scenario, text, file, main_run, std::move(options));
}

int command_run(const RunArguments& args, const std::string& command_line) {
  phase("read");
  const Scenario scenario = read_scenario(args.file, args.overrides);
  // What the results came from, taken now: a file edited during the run must not be
  // recorded as the one that ran.
  const std::string scenario_sha256 = file_sha256(args.file);
  const std::string resolved_scenario = resolved_scenario_text(args.file);
  phase("plan");
  const std::uint64_t seed = args.seed.value_or(scenario.seed);
  ReportOptions options = report_options(scenario, args);
  if (args.trial) return command_single_trial(scenario, args, seed);
  if (args.trace) throw InputError("--trace needs --trial N");
  if (!args.strategy.empty() && args.study == RunArguments::Study::kNone)
    throw InputError("--strategy needs --trial N");

  // Checked before the run: a folder or store holding the user's own files is never
  // written, a folder another run is writing is refused, and a place that cannot be
  // written fails now, not after the simulation.
  ResultFolder folder(out_folder(args.out, args.file));
  if (!args.store.empty()) check_store(args.store, "--store");
  if (cluster_leader()) folder.prepare();  // rank 0 alone writes (cluster.hpp)
  const RunPlan plan = plan_run(scenario, args);

  const auto start = std::chrono::system_clock::now();
  std::optional<StudyOutput> study;
  if (args.study != RunArguments::Study::kNone) study = run_study(args, scenario, seed, command_line);
  const auto study_end = std::chrono::system_clock::now();
  RunResults results = run_trials(scenario, args, plan, seed, options);
  const auto end = std::chrono::system_clock::now();
  // After the main run, on every process of a cluster: the report's quick study.
  const std::string decision = args.report ? run_decision(args, scenario, results, options, seed) : "";
  if (!cluster_leader()) return 0;
  phase("write");

  // Everything goes to a staging folder, which replaces the old results in one rename.
  const std::optional<StudyFiles> study_files =
      study ? std::optional(StudyFiles{study->file, study->json, study->record}) : std::nullopt;
  RunFolderContent content{
      .scenario = scenario,
      .results = results,
      .options = options,
      .manifest = manifest_of(args, command_line, scenario_sha256, seed, results, options.stop_reason,
                              start, end),
      .scenario_text = resolved_scenario,
      .study = study_files ? &*study_files : nullptr,
      .decision = decision,
      .report = args.report,
      .stop = &g_stop,
      .before_commit = [] { phase("commit"); }};
  write_run_folder(folder, content);
  // A shared store takes the rows once the folder is in place.
  if (study && !args.store.empty()) study->record(args.store);
  when_interrupted("the results were complete and are written");
  phase("print");
  if (!args.quiet) {
    using seconds = std::chrono::duration<double>;
    print_run(args, scenario, results, options, study, folder.files(),
              seconds(study_end - start).count(), seconds(end - study_end).count());
  }
  return 0;
}

}  // namespace flowfolio::cmd
