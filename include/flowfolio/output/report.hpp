// The executive report: one self-contained HTML page (docs/report.md).
//
// Its first screen says what to do (one sentence, verdict.hpp), how much better than the
// baseline and how sure, how bad a bad future and year get, the cash needed and what
// would change the answer (decision.json). Then the strategies with units on every
// column, cost, cash and payback, the charts (Vega-Lite, inlined: the page loads nothing
// from outside), the assumptions in plain words, a glossary and the formal appendix.
// Every string from a scenario is escaped.
#pragma once

#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/output/output.hpp"

namespace flowfolio {

// What a report is made from: the scenario, the per-trial metrics, the per-period
// series and how the run was made.
struct ReportInputs {
  Scenario scenario;
  RunResults results;  // per-trial metrics; the series come separately
  std::vector<SeriesRow> series;
  Manifest manifest;
  ReportOptions options;
  std::string sensitivity;  // sensitivity.json's text; empty when the folder has none
  std::string frontier;     // frontier.json's text; empty when the folder has none
  std::string decision;     // decision.json's text; empty: the report has no such section
  // False for a folder written before the cash metrics (docs/model.md, "Metrics beyond
  // MODEL.md 1.1") or the series' per-period money: they read as 0 and are not to be shown.
  bool cash_figures = true;
};

// Reads a result folder written by `flowfolio run`: scenario.yaml, trials.csv,
// series.csv and manifest.json. Throws InputError when the folder is not one.
ReportInputs read_result_folder(const std::string& folder);

// The folder holding vega.min.js, vega-lite.min.js and vega-embed.min.js: the
// FLOWFOLIO_REPORT_ASSETS environment variable when set; else, found from the running
// program's own path, share/flowfolio/report of the prefix it is installed in
// (bin/../share/flowfolio/report), or report-assets beside it in a build folder, or
// report-assets beside the shared object holding this code (the Python module). No
// path of the build is compiled in, so an installed or moved prefix writes reports.
std::string report_assets_folder();

// The report's HTML. Throws std::runtime_error when the chart libraries are missing.
std::string report_html(const ReportInputs& inputs);

// Whether `html` is a report flowfolio wrote and nobody has edited since: what `report -o
// FILE` may replace. Every report ends with a seal, the SHA-256 of what comes before it.
bool is_report_html(const std::string& html);

// Escapes text for HTML: & < > " '.
std::string escape_html(const std::string& text);

}  // namespace flowfolio
