// validate and report, and what every command shares: reading a scenario, naming a folder.
#include <filesystem>
#include <iostream>

#include "cmd/commands.hpp"
#include "cmd/stopping.hpp"
#include "cmd/terminal.hpp"
#include "core/file_text.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/output/run_folder.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio::cmd {

namespace fs = std::filesystem;

Scenario read_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  Scenario s = read_scenario_file(file, overrides);
  print_diagnostics(s.warnings);
  return s;
}

std::string out_folder(const std::string& out, const std::string& file) {
  return out.empty() ? "out/" + fs::path(file).stem().string() : out;
}

int command_validate(const ValidateArguments& args) {
  phase("read");
  const Scenario s = read_scenario(args.file, args.overrides);
  phase("print");
  std::cout << args.file << ": valid: " << s.activities.size() << " activities, " << s.profiles.size()
            << " profiles, " << s.strategies.size() << " strategies, horizon " << s.horizon
            << " periods\n";
  return 0;
}

int command_report(const ReportArguments& args) {
  const std::string file =
      args.output.empty() ? (fs::path(args.folder) / run_files::kReport).string() : args.output;
  phase("read");
  ReportInputs inputs = read_result_folder(args.folder);
  // A folder from before the report had "what would change the answer": computed for the
  // page, on the run's seed, and not written into the folder.
  if (inputs.decision.empty()) {
    const std::string scenario_file = (fs::path(args.folder) / run_files::kScenario).string();
    const std::optional<std::string> text = read_file_text(scenario_file);
    if (!text) throw std::runtime_error("cannot read " + scenario_file);
    inputs.decision = decision_file(inputs.scenario, *text, scenario_file, inputs.results,
                                    {.seed = inputs.manifest.seed, .overrides = inputs.manifest.overrides,
                                     .baseline = inputs.options.baseline, .stop = &g_stop},
                                    false);
  }
  phase("write");
  const std::string html = report_html(inputs);
  phase("commit");
  write_owned_file(file, args.output.empty() ? "report" : "--output", html, is_report_html);
  when_interrupted("the report was complete and is written");
  phase("print");
  std::cout << "wrote " << fs::absolute(file).string() << "\n";
  return 0;
}

}  // namespace flowfolio::cmd
