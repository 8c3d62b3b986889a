// The scenario reader's YAML pieces that the sweep reader shares: internal to the library.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "flowfolio/scenario.hpp"

namespace flowfolio {

// A setting's value: a YAML node, never text.
struct Setting::Value {
  YAML::Node node;
};

// Reads a YAML file with every check a scenario file gets (size, encoding, syntax,
// depth). Throws InputError naming the file, line and column.
YAML::Node load_yaml_file(const std::string& path);

}  // namespace flowfolio
