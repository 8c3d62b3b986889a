// A run's result folder written whole: the one list of its files and the one function
// that writes them (docs/output-format.md). The program, a Python binding or a server
// calls write_run_folder() and gets the same folder, manifest and marker.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <string>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/output/result_folder.hpp"

namespace flowfolio {

// The files a run's folder may hold. Every writer and reader of a result folder names its
// files from here; manifest.json lists the ones a run wrote.
namespace run_files {
inline constexpr const char* kSummary = "summary.json";
inline constexpr const char* kPaired = "paired.json";
inline constexpr const char* kSeries = "series.csv";
inline constexpr const char* kTrials = "trials.csv";        // not with --statistics sketch
inline constexpr const char* kScenario = "scenario.yaml";   // the scenario as it was read
inline constexpr const char* kSensitivity = "sensitivity.json";  // flowfolio sensitivity
inline constexpr const char* kFrontier = "frontier.json";        // flowfolio frontier
inline constexpr const char* kDecision = "decision.json";        // with --report
inline constexpr const char* kStore = "store.sqlite";            // a study's rows
inline constexpr const char* kReport = "report.html";            // with --report
inline constexpr const char* kManifest = "manifest.json";        // last: lists the others
inline constexpr std::array kAll = {kSummary, kPaired,   kSeries, kTrials,  kScenario,
                                    kSensitivity, kFrontier, kDecision, kStore, kReport, kManifest};
}  // namespace run_files

// What a study (sensitivity or frontier) adds to the run's folder.
struct StudyFiles {
  std::string file;  // run_files::kSensitivity or run_files::kFrontier
  std::string json;  // its content
  std::function<void(const std::string& store)> record;  // writes its rows into a store
};

// Everything a run's folder is written from.
struct RunFolderContent {
  const Scenario& scenario;
  RunResults& results;  // lent to the report while it is written, then given back
  ReportOptions options;
  Manifest manifest;          // its files are filled in here
  std::string scenario_text;  // scenario.yaml: the resolved scenario text
  const StudyFiles* study = nullptr;
  std::string decision;  // decision.json's text, written (and given to the report) when not empty
  bool report = false;  // also write report.html
  // trials.csv, the one file that can be large, stops with Interrupted when this is set.
  const std::atomic<bool>* stop = nullptr;
  // Called after every file is written and before the folder is committed.
  std::function<void()> before_commit;
};

// Writes summary.json, paired.json, series.csv, trials.csv (streamed; not for summarized
// results), scenario.yaml, the study's file and store, report.html when asked, and last
// manifest.json listing them all, into `folder`, then commits it (result_folder.hpp).
// Throws what ResultFolder throws; Interrupted when `stop` is set while trials.csv is written.
void write_run_folder(ResultFolder& folder, RunFolderContent& content);

}  // namespace flowfolio
