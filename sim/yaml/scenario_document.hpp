// The scenario reader's YAML pieces that the sweep reader shares: internal to the library.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

// A setting's value: a YAML node, never text.
struct Setting::Value {
  YAML::Node node;
};

// Reads a YAML file through the one door (yaml_document.hpp) as a scenario file is read:
// regular files only, size, encoding, one document, alias budget. Throws InputError
// naming the file, line and column; `empty_message` when the file is empty, `kind` (e.g.
// "sweep file") in the other messages.
YAML::Node load_yaml_file(const std::string& path, const std::string& empty_message, const std::string& kind);

// read_scenario_file(path, settings), and in `resolved` the document it was read from as
// one YAML text (resolved_scenario_text), both from one reading of the files, so that a
// file edited meanwhile cannot make the text tell of another scenario than the one read.
Scenario read_scenario_file(const std::string& path, const std::vector<Setting>& settings,
                            std::string& resolved);

}  // namespace flowfolio
