// The program's command line as CLI11 holds it: every command, its options and their
// help, built in one place (options.cpp) for the parser, the manual page (manual.cpp) and
// the shell's completion (completion.cpp), so the three cannot drift apart.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cmd/options.hpp"

namespace flowfolio::cmd {

struct CommandLine {
  CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  CLI::App app;
  // Every command's arguments, filled in as CLI11 parses.
  RunArguments run, compare, sensitivity, frontier;
  SweepArguments sweep;
  ReportArguments report;
  ValidateArguments validate;
  ServeArguments serve;
  CalibrateArguments calibrate;
  HistoryArguments history;
  SchemaArguments schema;
  InitArguments init;
  ManualArguments manual;
  CompleteArguments complete;
  std::vector<std::string> block_settings;
  std::string errors = "text";
  // Each command and how to take its arguments once parsed.
  std::vector<std::pair<CLI::App*, std::function<Command()>>> commands;
};

}  // namespace flowfolio::cmd
