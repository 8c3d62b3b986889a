// Every study in the shape of study_output.hpp: which function runs it, which writes
// its file, its table and its store rows.
#include "flowfolio/studies/study_output.hpp"

#include <memory>

#include "flowfolio/studies/frontier.hpp"
#include "flowfolio/studies/sensitivity.hpp"

namespace flowfolio {

namespace {

std::string size_text(std::size_t runs, StudyKind kind, std::uint64_t trials) {
  return std::to_string(runs) + " " + std::string(study_unit(kind)) + " x " + std::to_string(trials) + " trials";
}

StudyOutput sensitivity_output(const Scenario& scenario, const StudyRequest& request) {
  auto results = std::make_shared<const SensitivityResults>(run_sensitivity(
      request.text, request.file,
      {.seed = request.seed, .threads = request.threads, .only_strategy = request.only_strategy,
       .tornado = request.tornado, .sobol = request.sobol, .overrides = request.overrides, .stop = request.stop,
       .progress = request.progress, .runner = request.runner}));
  auto kept = std::make_shared<const Scenario>(scenario);
  return {.file = "sensitivity.json",
          .json = sensitivity_json(scenario, *results),
          .table = sensitivity_table(scenario, *results),
          .size = size_text(results->evaluations, request.kind, results->spec.trials),
          .record = [results, kept, file = request.file, command_line = request.command_line](
                        const std::string& store) { record_sensitivity(store, file, *kept, *results, command_line); }};
}

StudyOutput frontier_output(const Scenario& scenario, const StudyRequest& request) {
  auto results = std::make_shared<const FrontierResults>(run_frontier(
      request.text, request.file,
      {.seed = request.seed, .threads = request.threads, .only_strategy = request.only_strategy,
       .overrides = request.overrides, .stop = request.stop, .progress = request.progress,
       .runner = request.runner}));
  auto kept = std::make_shared<const Scenario>(scenario);
  return {.file = "frontier.json",
          .json = frontier_json(scenario, *results),
          .table = frontier_table(scenario, *results),
          .size = size_text(results->decisions.size(), request.kind, results->spec.trials),
          .record = [results, kept, file = request.file, command_line = request.command_line](
                        const std::string& store) { record_frontier(store, file, *kept, *results, command_line); }};
}

}  // namespace

const char* study_name(StudyKind kind) { return kind == StudyKind::kSensitivity ? "sensitivity" : "frontier"; }

const char* study_unit(StudyKind kind) { return kind == StudyKind::kSensitivity ? "evaluations" : "candidates"; }

StudyOutput run_study(const Scenario& scenario, const StudyRequest& request) {
  return request.kind == StudyKind::kSensitivity ? sensitivity_output(scenario, request)
                                                 : frontier_output(scenario, request);
}

}  // namespace flowfolio
