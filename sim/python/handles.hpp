// What the Python module's objects hold on the C++ side: a scenario as it was read, and a
// run's results with how they were made. Internal to the Python module; the Python classes
// of python/flowfolio/ wrap them.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/output/output.hpp"

namespace flowfolio::python {

// A scenario and where it came from, so that studies, reports and result folders read the
// same document the CLI would.
struct ScenarioSource {
  std::string file;                    // the path as given, or a name for text ("<yaml>")
  bool from_file = false;
  std::string text;                    // the document as read (the file's text)
  std::vector<std::string> overrides;  // key.path=value, in order
  std::string sha256;                  // of the file (or the text) when it was read
  std::shared_ptr<const Scenario> scenario;
};

// Reads a scenario file, or YAML text named `file`, with its overrides (InputError).
std::shared_ptr<const ScenarioSource> load_source(const std::string& file, bool from_file,
                                                  const std::string& text,
                                                  const std::vector<std::string>& overrides);

// A run from Python: its results, the options its comparisons use, and its manifest.
struct ResultsHandle {
  std::shared_ptr<const ScenarioSource> source;
  RunResults results;
  ReportOptions options;
  Manifest manifest;
  std::vector<double> table;  // the trial table, metric-major; made when first asked for
};

void bind_scenario(pybind11::module_& m);
void bind_run(pybind11::module_& m);
void bind_studies(pybind11::module_& m);

}  // namespace flowfolio::python
