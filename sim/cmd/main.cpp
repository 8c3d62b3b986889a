// The flowfolio program: run, compare, sensitivity, frontier, report, sweep and validate.
//
// Exit status: 0 done; 2 the scenario or the arguments are invalid (the message says
// where and why); 1 a failure while running, with its reason.

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "cmd/progress_line.hpp"
#include "core/file_text.hpp"
#include "core/whole_number.hpp"
#include "flowfolio/cluster/cluster.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/memory.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/output/run_folder.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/run_plan.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "flowfolio/studies/frontier.hpp"
#include "flowfolio/studies/sensitivity.hpp"
#include "flowfolio/studies/study_output.hpp"
#include "flowfolio/studies/sweep.hpp"

namespace {

namespace fs = std::filesystem;

constexpr int kExitInvalid = 2;
constexpr int kExitFailure = 1;

// Ctrl-C and SIGTERM: the first asks the run to stop (it then writes nothing and exits
// 128 + the signal); a second one ends the program at once.
std::atomic<bool> g_stop{false};
const char* g_interrupted_note = "nothing was written";
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal) {
  g_signal = signal;
  g_stop.store(true, std::memory_order_relaxed);
  std::signal(signal, SIG_DFL);
}

// Called as each phase begins (reading, planning, writing, committing): a signal that came
// during the phase before stops the program here. The trial loops check g_stop
// themselves. For the hostile tests, FLOWFOLIO_TEST_SIGNAL_IN=PHASE[:TERM] sends the
// program a signal as PHASE begins, as a user's Ctrl-C at that moment would.
void phase(const char* name) {
  if (g_stop.load()) throw flowfolio::Interrupted();
  static const char* const fault = std::getenv("FLOWFOLIO_TEST_SIGNAL_IN");
  if (fault == nullptr) return;
  const std::string wanted(fault);
  const auto colon = wanted.find(':');
  if (wanted.substr(0, colon) == name)
    std::raise(colon != std::string::npos && wanted.substr(colon + 1) == "TERM" ? SIGTERM : SIGINT);
}

// CLI11 reads whole numbers with strtoull, which takes 0x and 0 prefixes and turns a
// number past 2^64 - 1 into 2^64 - 1. flowfolio's numbers are decimal and refused when
// out of range.
const CLI::Validator kWholeNumber(
    [](const std::string& text) { return flowfolio::parse_whole_number(text).problem; }, "WHOLE");

struct RunArguments {
  std::string file;
  std::optional<std::uint64_t> trials;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::string out;
  bool quiet = false;
  bool independent_streams = false;
  std::optional<double> precision;
  std::uint64_t max_trials = 100'000;
  std::vector<double> levels;
  std::string baseline;
  std::vector<std::string> pairs;
  std::optional<std::uint64_t> trial;
  bool trace = false;
  std::string strategy;
  bool allow_large_run = false;
  std::string statistics = "auto";
  bool report = false;
  std::vector<std::string> overrides;
  // flowfolio sensitivity and flowfolio frontier
  enum class Study { kNone, kSensitivity, kFrontier } study = Study::kNone;
  std::string method = "both";
  std::string store;
};

// The options `run` and `compare` share.
void add_run_options(CLI::App* command, RunArguments& args) {
  command->add_option("file", args.file, "Scenario YAML file")->required();
  auto* trials =
      command->add_option("--trials", args.trials, "Number of trials (default: the scenario's)")
          ->check(kWholeNumber)
          ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
  command->add_option("--seed", args.seed, "Seed, 0 to 2^64 - 1 (default: the scenario's)")
      ->check(kWholeNumber);
  command
      ->add_option("--threads", args.threads,
                   "Threads (default: all cores); results do not depend on it")
      ->check(kWholeNumber)
      ->check(CLI::Range(0u, 4096u));
  command->add_option("--out", args.out, "Output folder (default: out/<scenario file name>)");
  command->add_flag("-q,--quiet", args.quiet, "Print nothing but warnings and errors");
  command->add_flag("--independent-streams", args.independent_streams,
                    "Give every strategy its own random streams instead of common ones: the "
                    "unpaired comparison that shows what pairing is worth (docs/comparison.md)");
  auto* precision = command
      ->add_option("--precision", args.precision,
                   "Add blocks of 1024 trials until every 95% half-width of mean npv and of each "
                   "paired npv difference is within R of its mean (R = 0.01 is 1%)")
      ->check(CLI::Range(1e-9, 1.0))
      ->excludes(trials);
  command
      ->add_option("--max-trials", args.max_trials,
                   "Cap on trials for --precision (default 100000)")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}))
      ->needs(precision);
  command->add_option("--levels", args.levels, "VaR and CVaR levels, e.g. 0.9,0.95,0.99 (default: the scenario's)")
      ->delimiter(',')
      ->check(CLI::Range(1e-9, 1 - 1e-9));
  command->add_option("--baseline", args.baseline, "Strategy the others are compared with (default: the first)");
  command->add_option("--pair", args.pairs, "Also compare A against B (repeatable), written A:B");
  command->add_option("--set", args.overrides,
                      "Override one scenario value (repeatable): key.path=value, e.g. "
                      "activities.pharma_campaign.incident.probability=0.002");
  command->add_flag("--report", args.report,
                    "Also write OUT/report.html, the one-page report for executives");
  command->add_flag("--allow-large-run", args.allow_large_run,
                    "Run even when the estimate says the results will not fit in free memory");
  command->add_option("--statistics", args.statistics,
                      "exact: keep every trial; sketch: mergeable summaries, memory not growing with "
                      "trials, quantiles within 0.5% (no trials.csv); auto (default): exact when it fits "
                      "in memory")
      ->check(CLI::IsMember({"exact", "sketch", "auto"}));
}

// The first `most` bytes of `text`, not cutting a UTF-8 character in two.
std::string shortened(const std::string& text, std::size_t most) {
  if (text.size() <= most) return text;
  std::size_t end = most;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

std::string iso_time(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string shell_quoted(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./:=,+@") == std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::size_t strategy_index(const flowfolio::Scenario& scenario, const std::string& name,
                           const std::string& flag) {
  std::string known;
  for (std::size_t s = 0; s < scenario.strategies.size(); ++s) {
    if (scenario.strategies[s].name == name) return s;
    known += (known.empty() ? "" : ", ") + scenario.strategies[s].name;
  }
  throw flowfolio::InputError(flag + ": unknown strategy '" + name + "'; known: " + known);
}

// The folder a command writes: --out, else out/<the input file's name without extension>.
std::string out_folder(const std::string& out, const std::string& file) {
  return out.empty() ? "out/" + fs::path(file).stem().string() : out;
}

flowfolio::ReportOptions report_options(const flowfolio::Scenario& scenario, const RunArguments& args) {
  flowfolio::ReportOptions options = flowfolio::ReportOptions::from(scenario);
  if (!args.levels.empty()) options.levels = args.levels;
  if (!args.baseline.empty()) options.baseline = strategy_index(scenario, args.baseline, "--baseline");
  for (const std::string& pair : args.pairs) {
    const auto colon = pair.find(':');
    if (colon == std::string::npos)
      throw flowfolio::InputError("--pair " + pair + ": write the pair as STRATEGY:BASELINE");
    const std::size_t a = strategy_index(scenario, pair.substr(0, colon), "--pair");
    const std::size_t b = strategy_index(scenario, pair.substr(colon + 1), "--pair");
    if (a == b) throw flowfolio::InputError("--pair " + pair + ": a strategy compared with itself");
    options.pairs.emplace_back(a, b);
  }
  return options;
}

// Reads a scenario with its --set overrides and prints its warnings on stderr.
flowfolio::Scenario read_scenario(const std::string& file, const std::vector<std::string>& overrides = {}) {
  flowfolio::Scenario s = flowfolio::read_scenario_file(file, overrides);
  for (const flowfolio::Diagnostic& w : s.warnings) std::cerr << w.to_string() << "\n";
  return s;
}

int command_validate(const std::string& file, const std::vector<std::string>& overrides) {
  phase("read");
  const flowfolio::Scenario s = read_scenario(file, overrides);
  phase("print");
  std::cout << file << ": valid: " << s.activities.size() << " activities, " << s.profiles.size()
            << " profiles, " << s.strategies.size() << " strategies, horizon " << s.horizon
            << " periods\n";
  return 0;
}

// Runs one trial alone (it equals trial N of a full run) and prints its metrics.
int command_single_trial(const flowfolio::Scenario& scenario, const RunArguments& args,
                         std::uint64_t seed) {
  const int only = args.strategy.empty()
                       ? -1
                       : static_cast<int>(strategy_index(scenario, args.strategy, "--strategy"));
  const flowfolio::RunEstimate one = flowfolio::estimate_run(scenario, 1);
  flowfolio::require_memory(one.bytes + one.bytes_per_thread, "one trial of this scenario",
                            "make the scenario smaller");
  const flowfolio::Engine engine(scenario);
  std::vector<flowfolio::TrialOutcome> outcomes(engine.strategy_count());
  engine.simulate_trial(seed, *args.trial, outcomes, args.trace, args.independent_streams);
  if (args.trace) std::cout << flowfolio::trace_table(scenario, *args.trial, outcomes, only);
  std::cout << "trial " << *args.trial << ", seed " << seed << "\n";
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    if (only >= 0 && s != static_cast<std::size_t>(only)) continue;
    std::cout << scenario.strategies[s].name << ":";
    for (std::size_t m = 0; m < flowfolio::kMetricCount; ++m)
      std::cout << " " << flowfolio::metric_name(static_cast<flowfolio::Metric>(m)) << "="
                << flowfolio::format_number(outcomes[s].metrics[m]);
    std::cout << "\n";
  }
  return 0;
}

// A study's progress: done of total, and the time left at the pace so far.
std::function<void(std::size_t, std::size_t)> progress_printer(const char* what, const char* unit, bool quiet) {
  if (quiet) return {};
  const auto begun = std::chrono::steady_clock::now();
  return [=, line = std::make_shared<flowfolio::ProgressLine>(10)](std::size_t done, std::size_t total) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begun).count();
    char text[160];
    std::snprintf(text, sizeof text, "%s: %zu/%zu %s, about %.0f s left", what, done, total, unit,
                  seconds / static_cast<double>(done) * static_cast<double>(total - done));
    line->show(text, seconds, done == total);
  };
}

// Runs the study `args` asks for, with its progress on stderr.
flowfolio::StudyOutput run_study(const RunArguments& args, const flowfolio::Scenario& scenario, std::uint64_t seed,
                                 const std::string& command_line) {
  const std::optional<std::string> text = flowfolio::read_file_text(args.file);
  if (!text) throw std::runtime_error("cannot read " + args.file);
  const int only = args.strategy.empty() ? -1 : static_cast<int>(strategy_index(scenario, args.strategy, "--strategy"));
  const flowfolio::StudyKind kind = args.study == RunArguments::Study::kSensitivity
                                        ? flowfolio::StudyKind::kSensitivity
                                        : flowfolio::StudyKind::kFrontier;
  return flowfolio::run_study(
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
                 .progress = progress_printer(flowfolio::study_name(kind),
                                              flowfolio::study_unit(kind), args.quiet),
                 .runner = &flowfolio::cluster_runner(),
                 .command_line = command_line});
}

// Exact or sketch statistics, and the refusals and notices before a run (run_plan.hpp).
flowfolio::RunPlan plan_run(const flowfolio::Scenario& scenario, const RunArguments& args) {
  using Study = RunArguments::Study;
  const flowfolio::RunRequest request{
      .trials = args.precision ? args.max_trials : args.trials.value_or(scenario.trials),
      .threads = args.threads,
      .statistics = flowfolio::statistics_choice(args.statistics),
      .precision = args.precision.has_value(),
      .report = args.report,
      .allow_large_run = args.allow_large_run,
      .evaluation_trials = args.study == Study::kSensitivity ? scenario.sensitivity.trials
                           : args.study == Study::kFrontier  ? scenario.optimize.trials
                                                             : 0};
  std::function<void(const std::string&)> print;
  if (!args.quiet) print = [](const std::string& line) { std::cerr << line << "\n"; };
  return flowfolio::plan_run(scenario, request, print);
}

// The run's trials: to a precision, as summaries, or every trial kept.
flowfolio::RunResults run_trials(const flowfolio::Scenario& scenario, const RunArguments& args,
                                 const flowfolio::RunPlan& plan, std::uint64_t seed,
                                 flowfolio::ReportOptions& options) {
  const std::uint64_t planned = args.trials.value_or(scenario.trials);
  flowfolio::RunResults results;
  if (args.precision) {
    flowfolio::PrecisionRun precise = flowfolio::run_to_precision(
        scenario, {.relative = *args.precision,
                   .max_trials = args.max_trials,
                   .seed = seed,
                   .threads = args.threads,
                   .independent_streams = args.independent_streams,
                   .baseline = options.baseline,
                   .pairs = options.pairs,
                   .stop = &g_stop,
                   .runner = &flowfolio::cluster_runner()});
    results = std::move(precise.results);
    options.stop_reason = precise.reason;
  } else if (plan.summarized) {
    results = flowfolio::run_summarized(scenario, {.trials = planned, .seed = seed, .threads = args.threads,
                                                   .independent_streams = args.independent_streams,
                                                   .stop = &g_stop, .runner = &flowfolio::cluster_runner()},
                                        options.baseline, options.pairs);
  } else {
    results = flowfolio::run(scenario, {.trials = planned,
                                        .seed = seed,
                                        .threads = args.threads,
                                        .independent_streams = args.independent_streams,
                                        .stop = &g_stop,
                                        .runner = &flowfolio::cluster_runner()});
  }
  return results;
}

// What a result folder records of how it was made, so that it can be audited and rerun.
flowfolio::Manifest manifest_of(const RunArguments& args, const std::string& command_line,
                                const std::string& scenario_sha256, std::uint64_t seed,
                                const flowfolio::RunResults& results, const std::string& stop_reason,
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
void print_run(const RunArguments& args, bool comparison, const flowfolio::Scenario& scenario,
               const flowfolio::RunResults& results, const flowfolio::ReportOptions& options,
               const std::optional<flowfolio::StudyOutput>& study, const std::vector<std::string>& files,
               double study_seconds, double run_seconds) {
  const std::string out_dir = out_folder(args.out, args.file);
  if (study) {
    char timing[64];
    std::snprintf(timing, sizeof timing, " in %.1f s\n\n", study_seconds);
    std::cout << study->table << "\n" << study->size << timing;
  }
  std::cout << (comparison ? flowfolio::comparison_table(scenario, results, options)
                           : flowfolio::summary_table(scenario, results));
  if (!comparison && !options.stop_reason.empty()) std::cout << "\n" << options.stop_reason << "\n";
  char timing[160];
  std::snprintf(timing, sizeof timing, "\n%llu trials x %zu strategies in %.2f s on %u threads; ",
                static_cast<unsigned long long>(results.trials), results.strategies.size(),
                run_seconds, results.threads);
  std::string written;
  for (const std::string& name : files) written += (written.empty() ? "" : ", ") + name;
  std::cout << timing << "wrote " << out_dir << "/{" << written << "}\n";
  if (args.report)
    std::cout << "\nThe report: "
              << fs::absolute(fs::path(out_dir) / flowfolio::run_files::kReport).string() << "\n";
}

int command_run(const RunArguments& args, bool comparison, const std::string& command_line) {
  phase("read");
  const flowfolio::Scenario scenario = read_scenario(args.file, args.overrides);
  // What the results came from, taken now: a file edited during the run must not be
  // recorded as the one that ran.
  const std::string scenario_sha256 = flowfolio::file_sha256(args.file);
  const std::string resolved_scenario = flowfolio::resolved_scenario_text(args.file);
  phase("plan");
  const std::uint64_t seed = args.seed.value_or(scenario.seed);
  flowfolio::ReportOptions options = report_options(scenario, args);
  if (args.trial) return command_single_trial(scenario, args, seed);
  if (args.trace) throw flowfolio::InputError("--trace needs --trial N");
  if (!args.strategy.empty() && args.study == RunArguments::Study::kNone)
    throw flowfolio::InputError("--strategy needs --trial N");

  // Checked before the run: a folder or store holding the user's own files is never
  // written, a folder another run is writing is refused, and a place that cannot be
  // written fails now, not after the simulation.
  flowfolio::ResultFolder folder(out_folder(args.out, args.file));
  if (!args.store.empty()) flowfolio::check_store(args.store, "--store");
  if (flowfolio::cluster_leader()) folder.prepare();  // rank 0 alone writes (cluster.hpp)
  const flowfolio::RunPlan plan = plan_run(scenario, args);

  const auto start = std::chrono::system_clock::now();
  std::optional<flowfolio::StudyOutput> study;
  if (args.study != RunArguments::Study::kNone) study = run_study(args, scenario, seed, command_line);
  const auto study_end = std::chrono::system_clock::now();
  flowfolio::RunResults results = run_trials(scenario, args, plan, seed, options);
  const auto end = std::chrono::system_clock::now();
  if (!flowfolio::cluster_leader()) return 0;
  phase("write");

  // Everything goes to a staging folder, which replaces the old results in one rename.
  const std::optional<flowfolio::StudyFiles> study_files =
      study ? std::optional(flowfolio::StudyFiles{study->file, study->json, study->record}) : std::nullopt;
  flowfolio::RunFolderContent content{
      .scenario = scenario,
      .results = results,
      .options = options,
      .manifest = manifest_of(args, command_line, scenario_sha256, seed, results, options.stop_reason,
                              start, end),
      .scenario_text = resolved_scenario,
      .study = study_files ? &*study_files : nullptr,
      .report = args.report,
      .stop = &g_stop,
      .before_commit = [] { phase("commit"); }};
  flowfolio::write_run_folder(folder, content);
  // A shared store takes the rows once the folder is in place.
  if (study && !args.store.empty()) study->record(args.store);
  g_interrupted_note = "the results were complete and are written";
  phase("print");
  if (!args.quiet) {
    using seconds = std::chrono::duration<double>;
    print_run(args, comparison, scenario, results, options, study, folder.files(),
              seconds(study_end - start).count(), seconds(end - study_end).count());
  }
  return 0;
}

int command_sweep(const std::string& file, const std::string& out, unsigned threads,
                  std::optional<std::uint64_t> trials, bool quiet, const std::string& command_line) {
  flowfolio::Sweep sweep = flowfolio::read_sweep_file(file);
  if (trials) sweep.trials = *trials;
  g_interrupted_note = "the variants already complete stay in the store; run the same sweep again to resume";
  const std::string dir = out_folder(out, file);
  // The sweep's own folder, kept by rank 0 alone (cluster.hpp): created and marked, or
  // one it marked before (a resumed sweep).
  std::optional<flowfolio::WorkFolder> folder;
  if (flowfolio::cluster_leader()) folder.emplace(dir, "--out", "sweep", std::vector<std::string>{"store.sqlite"});
  const std::string store = folder ? folder->path("store.sqlite") : "";
  flowfolio::ProgressLine line(3);
  const auto progress = [&](const flowfolio::SweepProgress& p) {
    if (quiet) return;
    const std::size_t finished = p.done + p.skipped;
    const double rate = p.done > 0 ? p.done / p.seconds : 0;  // variants a second, this session
    const double left = rate > 0 ? (p.total - finished) / rate : 0;
    char text[300];
    std::snprintf(text, sizeof text, "[%zu/%zu] %s%s; %.2f variants/s, about %.0f s left", finished, p.total,
                  shortened(flowfolio::printable(p.variant), 80).c_str(), finished <= p.skipped ? " (already in the store)" : "", rate, left);
    line.show(text, p.seconds, finished == p.total);
  };
  const auto start = std::chrono::steady_clock::now();
  flowfolio::SweepOutcome outcome;
  try {
    outcome = flowfolio::run_sweep(sweep, {.store = store, .threads = threads, .stop = &g_stop, .progress = progress,
                                           .command_line = command_line, .runner = &flowfolio::cluster_runner()});
  } catch (const flowfolio::InputError&) {
    if (folder) folder->abandon();  // refused before it began: nothing is left behind
    throw;
  }
  if (!flowfolio::cluster_leader()) return 0;
  phase("write");
  folder->write("results.csv", flowfolio::store_csv(store));
  if (!quiet) {
    std::printf("sweep %s: %zu variants run, %zu already in the store, in %.1f s; wrote %s/store.sqlite and %s/results.csv\n",
                outcome.run_id.c_str(), outcome.ran, outcome.skipped,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), dir.c_str(), dir.c_str());
  }
  return 0;
}

}  // namespace

// Turns what stopped the program into its exit status and one message on stderr: 128 +
// the signal for an interruption, 2 for invalid input, 1 for a failure. Library
// exceptions become sentences; none of their internal words reach the user.
int report_failure(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const flowfolio::Interrupted&) {
    const int signal = g_signal ? static_cast<int>(g_signal) : SIGINT;
    std::cerr << "flowfolio: " << (signal == SIGTERM ? "terminated" : "interrupted") << "; "
              << g_interrupted_note << "\n";
    return 128 + signal;
  } catch (const flowfolio::InputError& e) {
    std::cerr << e.what() << "\n";
    const auto& d = e.diagnostics();
    if (d.size() > 1) std::cerr << d.size() << " problems found; nothing was run.\n";
    return kExitInvalid;
  } catch (const std::bad_alloc&) {
    std::cerr << "flowfolio: error: the machine ran out of memory (or the process hit its limit, "
                 "e.g. ulimit -v); "
                 "nothing was written. Use fewer trials or threads, or --statistics sketch\n";
  } catch (const fs::filesystem_error& e) {
    std::cerr << "flowfolio: error: " << flowfolio::printable(e.path1().string()) << ": "
              << flowfolio::printable(e.code().message()) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "flowfolio: error: " << flowfolio::printable(e.what()) << "\n";
  }
  return kExitFailure;
}

int run_program(int argc, char** argv) {
  CLI::App app{"flowfolio: Monte Carlo risk/cost simulation of staffing strategies for "
               "communication portfolios (model version " + std::string(flowfolio::kModelVersion) + ")"};
  app.set_version_flag("--version", std::string("flowfolio ") + FLOWFOLIO_VERSION);
  app.require_subcommand(1);

  RunArguments run_args;
  CLI::App* run = app.add_subcommand(
      "run", "Simulate every strategy; write OUT/summary.json, paired.json, trials.csv, "
             "series.csv and manifest.json");
  add_run_options(run, run_args);
  run->add_option("--trial", run_args.trial, "Run only this trial and print its metrics")
      ->check(kWholeNumber)
      ->excludes("--trials")
      ->excludes("--precision")
      ->excludes("--out");
  run->add_flag("--trace", run_args.trace, "With --trial: print the trial's story period by period");
  run->add_option("--strategy", run_args.strategy, "With --trial: only this strategy");

  RunArguments compare_args;
  CLI::App* compare = app.add_subcommand(
      "compare", "Simulate every strategy and compare each with a baseline on the same luck");
  add_run_options(compare, compare_args);

  RunArguments sensitivity_args;
  sensitivity_args.study = RunArguments::Study::kSensitivity;
  std::vector<std::string> sensitivity_settings;
  CLI::App* sensitivity = app.add_subcommand(
      "sensitivity", "Which inputs drive the results: a tornado and Sobol indices over the scenario's "
                     "sensitivity: block, with the run's files, sensitivity.json and store.sqlite");
  add_run_options(sensitivity, sensitivity_args);
  sensitivity->add_option("--strategy", sensitivity_args.strategy,
                          "Explain this strategy's outputs only (and the differences it is in)");
  sensitivity->add_option("--method", sensitivity_args.method, "tornado, sobol or both (default both)")
      ->check(CLI::IsMember({"tornado", "sobol", "both"}));
  sensitivity->add_option("--samples", sensitivity_settings,
                          "The Sobol design's base sample n (default: the block's, else 64)")
      ->each([&](const std::string& n) { sensitivity_args.overrides.push_back("sensitivity.samples=" + n); });
  sensitivity->add_option("--evaluation-trials", sensitivity_settings,
                          "Trials per evaluation (default: the block's, else 1000); --trials sets the base run's")
      ->each([&](const std::string& n) { sensitivity_args.overrides.push_back("sensitivity.trials=" + n); });
  sensitivity->add_option("--store", sensitivity_args.store,
                          "Also record the analysis in this results store (e.g. a sweep's store.sqlite)");

  RunArguments frontier_args;
  frontier_args.study = RunArguments::Study::kFrontier;
  std::vector<std::string> frontier_settings;
  CLI::App* frontier = app.add_subcommand(
      "frontier", "Search the scenario's optimize: decisions for the risk-return frontier of every strategy, "
                  "with the run's files, frontier.json and store.sqlite");
  add_run_options(frontier, frontier_args);
  frontier->add_option("--strategy", frontier_args.strategy, "Search for this strategy only");
  frontier->add_option("--candidates", frontier_settings,
                       "Points of the space-filling design (default: the block's, else 64)")
      ->each([&](const std::string& n) { frontier_args.overrides.push_back("optimize.candidates=" + n); });
  frontier->add_option("--evaluation-trials", frontier_settings,
                       "Trials per candidate (default: the block's, else 1000); --trials sets the base run's")
      ->each([&](const std::string& n) { frontier_args.overrides.push_back("optimize.trials=" + n); });
  frontier->add_option("--store", frontier_args.store,
                       "Also record the search in this results store (e.g. a sweep's store.sqlite)");

  std::string report_folder, report_file;
  CLI::App* report = app.add_subcommand("report", "Write the one-page HTML report of a result folder");
  report->add_option("folder", report_folder, "A folder written by flowfolio run")->required();
  report->add_option("-o,--output", report_file, "The HTML file (default: FOLDER/report.html)");

  std::string sweep_file, sweep_out;
  unsigned sweep_threads = 0;
  std::optional<std::uint64_t> sweep_trials;
  bool sweep_quiet = false;
  CLI::App* sweep = app.add_subcommand(
      "sweep", "Run every variant of a sweep file into OUT/store.sqlite and OUT/results.csv; resumes");
  sweep->add_option("file", sweep_file, "Sweep YAML file")->required();
  sweep->add_option("--out", sweep_out, "Output folder (default: out/<sweep file name>)");
  sweep->add_option("--threads", sweep_threads, "Threads (default: all cores)")
      ->check(kWholeNumber)
      ->check(CLI::Range(0u, 4096u));
  sweep->add_option("--trials", sweep_trials, "Trials per variant (default: the sweep file's)")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
  sweep->add_flag("-q,--quiet", sweep_quiet, "Print nothing but warnings and errors");

  std::string validate_file;
  std::vector<std::string> validate_overrides;
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file and report every problem");
  validate->add_option("file", validate_file, "Scenario YAML file")->required();
  validate->add_option("--set", validate_overrides, "Override one scenario value (repeatable): key.path=value");

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

  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + shell_quoted(argv[i]);

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  const auto dispatch = [&]() -> int {
    if (*validate) return command_validate(validate_file, validate_overrides);
    if (*sweep)
      return command_sweep(sweep_file, sweep_out, sweep_threads, sweep_trials, sweep_quiet,
                           command_line);
    if (*report) {
      const std::string file = report_file.empty() ? (fs::path(report_folder) / flowfolio::run_files::kReport).string() : report_file;
      phase("read");
      const flowfolio::ReportInputs inputs = flowfolio::read_result_folder(report_folder);
      phase("write");
      const std::string html = flowfolio::report_html(inputs);
      phase("commit");
      flowfolio::write_owned_file(file, report_file.empty() ? "report" : "--output", html, flowfolio::is_report_html);
      g_interrupted_note = "the report was complete and is written";
      phase("print");
      std::cout << "wrote " << fs::absolute(file).string() << "\n";
      return 0;
    }
    if (*run) return command_run(run_args, false, command_line);
    if (*compare) return command_run(compare_args, true, command_line);
    if (*sensitivity) return command_run(sensitivity_args, false, command_line);
    if (*frontier) return command_run(frontier_args, false, command_line);
    return 0;
  };
  try {
    const int status = dispatch();
    phase("end");  // a signal during the last phase is answered too
    return status;
  } catch (...) {
    return report_failure(std::current_exception());
  }
}

// In a cluster build under mpirun, every rank runs the program; a failing rank stops them all.
int main(int argc, char** argv) {
  flowfolio::ClusterSession cluster(argc, argv);
  return cluster.finish(run_program(argc, argv));
}
