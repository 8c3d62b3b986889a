// What the sweep file reader needs of the scenario reader beyond the public API: internal
// to the YAML layer.
#pragma once

#include <string>
#include <vector>

#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio {

// read_scenario_file(path, settings), and in `resolved` the document it was read from as
// one YAML text (resolved_scenario_text), both from one reading of the files, so that a
// file edited meanwhile cannot make the text tell of another scenario than the one read.
Scenario read_scenario_file(const std::string& path, const std::vector<Setting>& settings,
                            std::string& resolved);

}  // namespace flowfolio
