// flowfolio calibrate and flowfolio history (docs/calibration.md): a scenario fitted to an
// organisation's history, and the history one simulated future would leave.
#include <filesystem>
#include <iostream>

#include "cmd/commands.hpp"
#include "cmd/stopping.hpp"
#include "flowfolio/calibration/calibration.hpp"
#include "flowfolio/calibration/history.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/output/result_folder.hpp"

namespace flowfolio::cmd {

namespace {
namespace fs = std::filesystem;

// The position of the strategy named by `--as`, or the scenario's first.
std::size_t strategy_named(const Scenario& scenario, const std::string& name) {
  return name.empty() ? 0 : strategy_index(scenario, name, "--as");
}

std::string folder_or(const std::string& out, const std::string& file, const std::string& suffix) {
  return out.empty() ? "out/" + fs::path(file).stem().string() + suffix : out;
}
}  // namespace

int command_calibrate(const CalibrateArguments& args) {
  phase("read");
  const Scenario scenario = read_scenario(args.file, {});
  const std::size_t as = strategy_named(scenario, args.as);
  const History history = read_history(scenario, {.work = args.work, .incidents = args.incidents, .ramp = args.ramp,
                                                  .start = args.start});
  ResultFolder folder(folder_or(args.out, args.file, "-calibrated"));
  folder.prepare();
  phase("calibrate");
  const Calibration c = calibrate(scenario, history, {.as = as, .trials = args.trials, .seed = args.seed.value_or(scenario.seed),
                                                      .stop = &g_stop});
  phase("write");
  folder.write("calibrated.yaml", calibrated_yaml(scenario, c, fs::absolute(args.file).lexically_normal().string()));
  folder.write("calibration.json", calibration_json(scenario, c));
  folder.write("calibration.html", calibration_html(scenario, c));
  phase("commit");
  folder.commit();
  when_interrupted("the calibration was complete and is written");
  phase("print");
  if (!args.quiet) std::cout << calibration_table(scenario, c) << "\n";
  std::cout << "wrote " << folder.resolved() << "/calibrated.yaml, calibration.json and calibration.html\n";
  return 0;
}

int command_history(const HistoryArguments& args) {
  phase("read");
  const Scenario scenario = read_scenario(args.file, args.overrides);
  const std::size_t as = strategy_named(scenario, args.as);
  if (!args.start.empty() && !is_date(args.start))
    throw InputError({Diagnostic{.path = "--start", .message = "must be a date YYYY-MM-DD, got '" + printable(args.start) + "'"}});
  ResultFolder folder(folder_or(args.out, args.file, "-history"));
  folder.prepare();
  phase("simulate");
  const History history = simulate_history(scenario, as, args.seed.value_or(scenario.seed), args.trial);
  const HistoryText text = history_csv(scenario, history, args.start);
  phase("write");
  folder.write("work.csv", text.work);
  folder.write("incidents.csv", text.incidents);
  folder.write("ramp.csv", text.ramp);
  phase("commit");
  folder.commit();
  when_interrupted("the history was complete and is written");
  phase("print");
  std::cout << "wrote " << folder.resolved() << "/work.csv, incidents.csv and ramp.csv: " << history.periods
            << " periods of " << scenario.strategies[as].name << ", " << history.incidents.size() << " incidents, "
            << history.people.size() << " people\n";
  return 0;
}

}  // namespace flowfolio::cmd
