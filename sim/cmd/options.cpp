#include "cmd/options.hpp"

#include <CLI/CLI.hpp>

#include "cmd/command_line.hpp"
#include <functional>
#include <utility>

#include "cmd/stopping.hpp"
#include "cmd/terminal.hpp"
#include "core/whole_number.hpp"
#include "flowfolio/core/format.hpp"

namespace flowfolio::cmd {

namespace {

// CLI11 reads whole numbers with strtoull, which takes 0x and 0 prefixes and turns a
// number past 2^64 - 1 into 2^64 - 1. flowfolio's numbers are decimal and refused when
// out of range.
const CLI::Validator kWholeNumber(
    [](const std::string& text) { return parse_whole_number(text).problem; }, "WHOLE");

// The options run, compare, sensitivity and frontier share.
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

std::string shell_quoted(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./:=,+@") == std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CLI::App* add_run(CLI::App& app, RunArguments& args) {
  CLI::App* run = app.add_subcommand(
      "run", "Simulate every strategy; write OUT/summary.json, paired.json, trials.csv, "
             "series.csv and manifest.json");
  add_run_options(run, args);
  run->add_option("--trial", args.trial, "Run only this trial and print its metrics")
      ->check(kWholeNumber)
      ->excludes("--trials")
      ->excludes("--precision")
      ->excludes("--out");
  run->add_flag("--trace", args.trace, "With --trial: print the trial's story period by period");
  run->add_option("--strategy", args.strategy, "With --trial: only this strategy");
  return run;
}

CLI::App* add_compare(CLI::App& app, RunArguments& args) {
  CLI::App* compare = app.add_subcommand(
      "compare", "Simulate every strategy and compare each with a baseline on the same luck");
  add_run_options(compare, args);
  args.comparison = true;
  return compare;
}

// An option of a study's block given on the command line (--samples 128): a --set of
// `key` (sensitivity.samples=128), so the reader checks it like the file's own value.
void add_block_setting(CLI::App* command, const char* option, const char* key, const char* help,
                       RunArguments& args, std::vector<std::string>& given) {
  command->add_option(option, given, help)->each([&args, key](const std::string& n) {
    args.overrides.push_back(std::string(key) + "=" + n);
  });
}

CLI::App* add_sensitivity(CLI::App& app, RunArguments& args, std::vector<std::string>& given) {
  args.study = RunArguments::Study::kSensitivity;
  CLI::App* sensitivity = app.add_subcommand(
      "sensitivity", "Which inputs drive the results: a tornado and Sobol indices over the scenario's "
                     "sensitivity: block, with the run's files, sensitivity.json and store.sqlite");
  add_run_options(sensitivity, args);
  sensitivity->add_option("--strategy", args.strategy,
                          "Explain this strategy's outputs only (and the differences it is in)");
  sensitivity->add_option("--method", args.method, "tornado, sobol or both (default both)")
      ->check(CLI::IsMember({"tornado", "sobol", "both"}));
  add_block_setting(sensitivity, "--samples", "sensitivity.samples",
                    "The Sobol design's base sample n (default: the block's, else 64)", args, given);
  add_block_setting(sensitivity, "--evaluation-trials", "sensitivity.trials",
                    "Trials per evaluation (default: the block's, else 1000); --trials sets the base run's",
                    args, given);
  sensitivity->add_option("--store", args.store,
                          "Also record the analysis in this results store (e.g. a sweep's store.sqlite)");
  return sensitivity;
}

CLI::App* add_frontier(CLI::App& app, RunArguments& args, std::vector<std::string>& given) {
  args.study = RunArguments::Study::kFrontier;
  CLI::App* frontier = app.add_subcommand(
      "frontier", "Search the scenario's optimize: decisions for the risk-return frontier of every strategy, "
                  "with the run's files, frontier.json and store.sqlite");
  add_run_options(frontier, args);
  frontier->add_option("--strategy", args.strategy, "Search for this strategy only");
  add_block_setting(frontier, "--candidates", "optimize.candidates",
                    "Points of the space-filling design (default: the block's, else 64)", args, given);
  add_block_setting(frontier, "--evaluation-trials", "optimize.trials",
                    "Trials per candidate (default: the block's, else 1000); --trials sets the base run's",
                    args, given);
  add_block_setting(frontier, "--screening-trials", "optimize.screening_trials",
                    "Extra trials for the points the search cannot tell apart (default: the block's, else a quarter "
                    "of the search's; 0: none)",
                    args, given);
  add_block_setting(frontier, "--confirm-trials", "optimize.confirm_trials",
                    "Trials of the confirmation run on a fresh seed (default: the block's, else 20000; 0: none)",
                    args, given);
  frontier->add_option("--store", args.store,
                       "Also record the search in this results store (e.g. a sweep's store.sqlite)");
  return frontier;
}

CLI::App* add_report(CLI::App& app, ReportArguments& args) {
  CLI::App* report = app.add_subcommand("report", "Write the one-page HTML report of a result folder");
  report->add_option("folder", args.folder, "A folder written by flowfolio run")->required();
  report->add_option("-o,--output", args.output, "The HTML file (default: FOLDER/report.html)");
  return report;
}

CLI::App* add_sweep(CLI::App& app, SweepArguments& args) {
  CLI::App* sweep = app.add_subcommand(
      "sweep", "Run every variant of a sweep file into OUT/store.sqlite and OUT/results.csv; resumes");
  sweep->add_option("file", args.file, "Sweep YAML file")->required();
  sweep->add_option("--out", args.out, "Output folder (default: out/<sweep file name>)");
  sweep->add_option("--threads", args.threads, "Threads (default: all cores)")
      ->check(kWholeNumber)
      ->check(CLI::Range(0u, 4096u));
  sweep->add_option("--trials", args.trials, "Trials per variant (default: the sweep file's)")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
  sweep->add_option("--set", args.decision.sets,
                    "Set a value of the base scenario under every variant (repeatable): key.path=value");
  sweep->add_option("--baseline", args.decision.baseline,
                    "Strategy every other is measured against (default: the sweep file's, else the first)");
  sweep->add_option("--pair", args.decision.pairs, "Also record strategy A against B (repeatable), written A:B");
  sweep->add_option("--break-even", args.decision.break_even,
                    "Find where along the grid's axis the mean npv of A minus B crosses zero, written A:B");
  sweep->add_flag("-q,--quiet", args.quiet, "Print nothing but warnings and errors");
  return sweep;
}

CLI::App* add_validate(CLI::App& app, ValidateArguments& args) {
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file and report every problem");
  validate->add_option("file", args.file, "Scenario YAML file")->required();
  validate->add_option("--set", args.overrides, "Override one scenario value (repeatable): key.path=value");
  return validate;
}

CLI::App* add_serve(CLI::App& app, ServeArguments& args) {
  CLI::App* serve = app.add_subcommand("serve", "Serve the scenario's what-if page on this machine (Ctrl-C stops it)");
  serve->add_option("file", args.file, "Scenario YAML file")->required();
  serve->add_option("--port", args.port, "Port (default 8050; 0: any free port)")->check(CLI::Range(0, 65535));
  serve->add_option("--host", args.host,
                    "Address to listen on (default 127.0.0.1: this machine only; another lets the network in)");
  serve->add_flag("--open", args.open, "Open the page in the default browser");
  return serve;
}

CLI::App* add_calibrate(CLI::App& app, CalibrateArguments& args) {
  CLI::App* calibrate = app.add_subcommand(
      "calibrate", "Fit the scenario's incident rates, severities and learning rates to the organisation's history");
  calibrate->add_option("file", args.file, "Scenario YAML file")->required();
  calibrate->add_option("--work", args.work, "CSV of the work done: period (or date), activity, units")->required();
  calibrate->add_option("--incidents", args.incidents, "CSV of the incidents: period (or date), activity, loss")
      ->required();
  calibrate->add_option("--ramp", args.ramp,
                        "CSV of people learning the work: person, profile, period (or date), activity, units, successes");
  calibrate->add_option("--start", args.start, "The first day of period 0 (YYYY-MM-DD), when the files give dates");
  calibrate->add_option("--as", args.as, "The strategy that describes how the history's work was done (default: the first)");
  calibrate->add_option("--trials", args.trials, "Simulated futures of that work, for the incident multiplier (default 1000)")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000}));
  calibrate->add_option("--seed", args.seed, "Seed of those futures (default: the scenario's)")->check(kWholeNumber);
  calibrate->add_option("--out", args.out, "Output folder (default: out/<scenario file name>-calibrated)");
  calibrate->add_flag("-q,--quiet", args.quiet, "Print only where the files were written");
  return calibrate;
}

CLI::App* add_history(CLI::App& app, HistoryArguments& args) {
  CLI::App* history = app.add_subcommand(
      "history", "Write the history one simulated future would leave (work.csv, incidents.csv, ramp.csv)");
  history->add_option("file", args.file, "Scenario YAML file")->required();
  history->add_option("--as", args.as, "The strategy that does the work (default: the first)");
  history->add_option("--trial", args.trial, "Which simulated future (default 0)")->check(kWholeNumber);
  history->add_option("--seed", args.seed, "Seed (default: the scenario's)")->check(kWholeNumber);
  history->add_option("--start", args.start, "Write dates from this first day of period 0 (YYYY-MM-DD) instead of periods");
  history->add_option("--set", args.overrides, "Override one scenario value (repeatable): key.path=value");
  history->add_option("--out", args.out, "Output folder (default: out/<scenario file name>-history)");
  return history;
}

CLI::App* add_schema(CLI::App& app, SchemaArguments& args) {
  CLI::App* schema = app.add_subcommand(
      "schema", "Print the JSON Schema of scenario files (or sweep files), for editors and other tools");
  schema->add_flag("--sweep", args.sweep, "The schema of sweep files instead");
  return schema;
}

CLI::App* add_init(CLI::App& app, InitArguments& args) {
  CLI::App* init = app.add_subcommand(
      "init", "Start a scenario in DIR from one of the shipped examples, with its schema for the editor");
  init->add_option("dir", args.dir, "The folder to write scenario.yaml and scenario.schema.json into")->required();
  init->add_option("--example", args.example,
                   "seed-default, b2b-software or hospital-system (default: asked on a terminal, else seed-default)")
      ->check(CLI::IsMember(example_names()));
  return init;
}

// Not in the help: what the manual page and the shell's completion are made from.
CLI::App* add_manual(CLI::App& app, ManualArguments& args) {
  CLI::App* manual = app.add_subcommand("manual", "Print the manual page (roff), made from this help")->group("");
  manual->add_option("--output", args.output, "Write it to this file");
  return manual;
}

CLI::App* add_complete(CLI::App& app, CompleteArguments& args) {
  CLI::App* complete = app.add_subcommand("complete", "Print the shell's completions of a command line")->group("");
  complete->add_option("--index", args.index, "The position of the word being completed")->required();
  complete->add_option("words", args.words, "The command line's words, after --");
  return complete;
}
}  // namespace

CommandLine::CommandLine()
    : app("flowfolio: Monte Carlo risk/cost simulation of staffing strategies for communication portfolios "
          "(model version " + std::string(kModelVersion) + ")") {
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  // Before or after the command: `flowfolio --errors json validate F` or `... validate F --errors json`.
  app.fallthrough();
  app.add_option("--errors", errors, "How problems are printed on stderr: text, or json (a list of file, line, "
                                     "column, key path, message and severity)")
      ->check(CLI::IsMember({"text", "json"}));
  commands = {
      {add_run(app, run), [this] { return Command(run); }},
      {add_compare(app, compare), [this] { return Command(compare); }},
      {add_sensitivity(app, sensitivity, block_settings), [this] { return Command(sensitivity); }},
      {add_frontier(app, frontier, block_settings), [this] { return Command(frontier); }},
      {add_report(app, report), [this] { return Command(report); }},
      {add_sweep(app, sweep), [this] { return Command(sweep); }},
      {add_validate(app, validate), [this] { return Command(validate); }},
      {add_serve(app, serve), [this] { return Command(serve); }},
      {add_calibrate(app, calibrate), [this] { return Command(calibrate); }},
      {add_history(app, history), [this] { return Command(history); }},
      {add_schema(app, schema), [this] { return Command(schema); }},
      {add_init(app, init), [this] { return Command(init); }},
      {add_manual(app, manual), [this] { return Command(manual); }},
      {add_complete(app, complete), [this] { return Command(complete); }},
  };
}

std::variant<Command, int> parse_command_line(int argc, char** argv) {
  CommandLine line;
  CLI::App& app = line.app;
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (error_format() == ErrorFormat::kJson)
      print_diagnostics({Diagnostic{.message = e.what()}});
    else
      app.exit(e);
    return kExitInvalid;
  }
  for (const auto& [command, arguments] : line.commands)
    if (*command) return arguments();
  return kExitInvalid;  // not reached: CLI11 requires one subcommand
}

ErrorFormat requested_error_format(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg == "--errors=json" || (arg == "--errors" && i + 1 < argc && std::string(argv[i + 1]) == "json"))
      return ErrorFormat::kJson;
  }
  return ErrorFormat::kText;
}

std::string version_text() {
  return std::string("flowfolio ") + FLOWFOLIO_VERSION + " (model " + kModelVersion + ", commit " + build_commit() + ")";
}

std::string command_line_text(int argc, char** argv) {
  std::string text;
  for (int i = 0; i < argc; ++i) text += (i ? " " : "") + shell_quoted(argv[i]);
  return text;
}

}  // namespace flowfolio::cmd
