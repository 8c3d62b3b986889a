// The flowfolio program: run, compare, sensitivity, frontier, report, sweep, validate, serve,
// calibrate, history, schema and init.
// It reads the command line (options.cpp), runs one command (commands.hpp) and turns what
// stopped it into an exit status (stopping.hpp); every rule lives in the library.
#include <variant>

#include "cmd/commands.hpp"
#include "cmd/options.hpp"
#include "cmd/stopping.hpp"
#include "cmd/terminal.hpp"
#include "flowfolio/cluster/cluster.hpp"

namespace {

using namespace flowfolio::cmd;

int run_program(int argc, char** argv) {
  set_error_format(requested_error_format(argc, argv));
  const std::variant<Command, int> parsed = parse_command_line(argc, argv);
  if (const int* status = std::get_if<int>(&parsed)) return *status;
  const Command& command = std::get<Command>(parsed);
  const std::string command_line = command_line_text(argc, argv);
  catch_signals();
  try {
    const int status = std::visit(
        [&](const auto& args) -> int {
          using Args = std::decay_t<decltype(args)>;
          if constexpr (std::is_same_v<Args, RunArguments>) return command_run(args, command_line);
          if constexpr (std::is_same_v<Args, SweepArguments>) return command_sweep(args, command_line);
          if constexpr (std::is_same_v<Args, ReportArguments>) return command_report(args);
          if constexpr (std::is_same_v<Args, ValidateArguments>) return command_validate(args);
          if constexpr (std::is_same_v<Args, ServeArguments>) return command_serve(args);
          if constexpr (std::is_same_v<Args, CalibrateArguments>) return command_calibrate(args);
          if constexpr (std::is_same_v<Args, HistoryArguments>) return command_history(args);
          if constexpr (std::is_same_v<Args, SchemaArguments>) return command_schema(args);
          if constexpr (std::is_same_v<Args, InitArguments>) return command_init(args);
          if constexpr (std::is_same_v<Args, ManualArguments>) return command_manual(args);
          if constexpr (std::is_same_v<Args, CompleteArguments>) return command_complete(args);
        },
        command);
    phase("end");  // a signal during the last phase is answered too
    return status;
  } catch (...) {
    return exit_status(std::current_exception());
  }
}

}  // namespace

// In a cluster build under mpirun, every rank runs the program; a failing rank stops them all.
int main(int argc, char** argv) {
  flowfolio::ClusterSession cluster(argc, argv);
  return cluster.finish(run_program(argc, argv));
}
