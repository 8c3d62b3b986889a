// The commands, each from its arguments to its files and what the terminal shows. They
// call the library for every rule (what a run plans, writes and prints); what is left here
// is the command line's words. Each returns the exit status, or throws what stopped it
// (stopping.hpp turns that into a status and a message).
#pragma once

#include <string>
#include <vector>

#include "cmd/options.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/studies/decision.hpp"

namespace flowfolio::cmd {

// run, compare, sensitivity and frontier: simulate, write the result folder, print.
int command_run(const RunArguments& args, const std::string& command_line);
// sweep: every variant into the sweep's store, then results.csv.
int command_sweep(const SweepArguments& args, const std::string& command_line);
// report: a result folder's one-page HTML report.
int command_report(const ReportArguments& args);
// validate: a scenario's problems, all of them, or a one-line description.
int command_validate(const ValidateArguments& args);
// serve: the what-if page until Ctrl-C (serve_command.cpp).
int command_serve(const ServeArguments& args);
// calibrate and history: a scenario fitted to a history, and a simulated history
// (calibrate_command.cpp).
int command_calibrate(const CalibrateArguments& args);
int command_history(const HistoryArguments& args);
// schema and init: the files' JSON Schemas, a starter scenario (editor_commands.cpp).
int command_schema(const SchemaArguments& args);
int command_init(const InitArguments& args);
// manual and complete: the manual page and the shell's completions (shell_commands.cpp).
int command_manual(const ManualArguments& args);
int command_complete(const CompleteArguments& args);

// Shared by the commands: a scenario with its --set overrides, its warnings printed on
// stderr; and the folder a command writes, --out or out/<the input file's name>.
Scenario read_scenario(const std::string& file, const std::vector<std::string>& overrides);
std::string out_folder(const std::string& out, const std::string& file);

// The report's "what would change the answer" (studies/decision.hpp) as decision.json's
// text, with its progress on stderr unless `quiet`; empty for a scenario of one strategy.
std::string decision_file(const Scenario& scenario, const std::string& text, const std::string& file,
                          const RunResults& main_run, DecisionOptions options, bool quiet);

}  // namespace flowfolio::cmd
