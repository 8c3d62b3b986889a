// A study run for a result folder: what every study (sensitivity, frontier) leaves beside
// a run's files, in one shape, so that a program, a binding or a server handles any study
// the same way. A new study adds its kind here and its files in sim/studies/.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

enum class StudyKind { kSensitivity, kFrontier };

// "sensitivity" or "frontier": the study's name, as the command and the progress line say it.
const char* study_name(StudyKind kind);
// What the study counts as it goes: "evaluations" or "candidates".
const char* study_unit(StudyKind kind);

struct StudyRequest {
  StudyKind kind = StudyKind::kSensitivity;
  std::string file;                    // the scenario file, for messages and the store
  std::string text;                    // its text, as read_scenario_text takes it
  std::uint64_t seed = 0;
  unsigned threads = 0;                // 0: all cores; results do not depend on it
  int only_strategy = -1;              // >= 0: this strategy only
  bool tornado = true, sobol = true;   // sensitivity: the methods to run
  std::vector<std::string> overrides;  // --set settings under every evaluation
  const std::atomic<bool>* stop = nullptr;
  std::function<void(std::size_t done, std::size_t total)> progress;
  TrialRunner* runner = nullptr;       // null: local_runner() (trial_runner.hpp)
  std::string command_line;            // recorded in the store
};

struct StudyOutput {
  std::string file;   // its file in the result folder: sensitivity.json or frontier.json
  std::string json;   // that file's content
  std::string table;  // what the terminal shows
  std::string size;   // "657 evaluations x 500 trials"
  // Records the study's rows in a results store (created when missing). Throws
  // std::runtime_error when the store fails.
  std::function<void(const std::string& store)> record;
};

// Runs the study `request` asks for on `scenario` (the request's text as read, with its
// overrides). Throws as run_sensitivity() and run_frontier() do.
StudyOutput run_study(const Scenario& scenario, const StudyRequest& request);

}  // namespace flowfolio
