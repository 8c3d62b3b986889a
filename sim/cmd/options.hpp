// The command line: every subcommand, its options and their checks (CLI11), read into
// plain structs that the commands take.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "flowfolio/yaml/sweep_file.hpp"

namespace flowfolio::cmd {

// run, compare, sensitivity and frontier.
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
  bool comparison = false;  // compare: the comparison table instead of the summary
  // flowfolio sensitivity and flowfolio frontier
  enum class Study { kNone, kSensitivity, kFrontier } study = Study::kNone;
  std::string method = "both";
  std::string store;
};

struct SweepArguments {
  std::string file, out;
  unsigned threads = 0;
  std::optional<std::uint64_t> trials;
  bool quiet = false;
  SweepCommandLine decision;  // --set, --baseline, --pair, --break-even
};

struct ReportArguments {
  std::string folder, output;
};

struct ValidateArguments {
  std::string file;
  std::vector<std::string> overrides;
};

// serve: the what-if page (docs/what-if.md).
struct ServeArguments {
  std::string file;
  std::string host = "127.0.0.1";
  int port = 8050;
  bool open = false;
};

// calibrate: a scenario fitted to the organisation's history (docs/calibration.md).
struct CalibrateArguments {
  std::string file, work, incidents, ramp, start, as, out;
  std::uint64_t trials = 1000;
  std::optional<std::uint64_t> seed;
  bool quiet = false;
};

// history: the history one simulated future would leave, as calibrate reads it.
struct HistoryArguments {
  std::string file, as, start, out;
  std::uint64_t trial = 0;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides;
};

// schema: the JSON Schema of scenario (or sweep) files.
struct SchemaArguments {
  bool sweep = false;
};

// init: a starter scenario from one of the shipped examples.
struct InitArguments {
  std::string dir, example;
};

// manual and complete: what the manual page and the shell's completion are made from.
struct ManualArguments {
  std::string output;  // a file instead of standard output (the build writes flowfolio.1)
};
struct CompleteArguments {
  std::vector<std::string> words;  // as the shell splits the line, the program's name first
  std::size_t index = 0;           // the word being completed
};

using Command = std::variant<RunArguments, SweepArguments, ReportArguments, ValidateArguments, ServeArguments,
                             CalibrateArguments, HistoryArguments, SchemaArguments, InitArguments, ManualArguments,
                             CompleteArguments>;

// The shipped examples `flowfolio init` starts from, in the order it offers them.
std::vector<std::string> example_names();

// The command the arguments ask for, or, when they ask for none to run (help, --version)
// or are wrong, the exit status after CLI11 has printed what it prints.
std::variant<Command, int> parse_command_line(int argc, char** argv);

// `--errors json` (or `--errors=json`) anywhere on the line before "--": read before the
// command line is parsed, so that even a wrong option is reported as JSON.
enum class ErrorFormat;
ErrorFormat requested_error_format(int argc, char** argv);

// "flowfolio 0.1.0 (model 1.1, commit 0123456789ab)": what --version prints.
std::string version_text();
// The git commit the program was built from (generated at build time), or "unknown".
const char* build_commit();

// The command line as a shell would take it back, for manifests and stores.
std::string command_line_text(int argc, char** argv);

}  // namespace flowfolio::cmd
