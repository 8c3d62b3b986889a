// Overrides: `--set key.path=value` arguments and a sweep's settings, applied to a
// scenario document before it is read. Internal to the YAML layer.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <vector>

#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio {

// A setting's value: a YAML node, never text.
struct Setting::Value {
  YAML::Node node;
};

// One override ready to apply: a key path, its value, and how messages name it.
struct Override {
  std::string path;
  YAML::Node value;
  std::string argument;  // "key.path=value"
};

// Reads one `key.path=value` argument of --set: the value is YAML text. Throws
// InputError naming the argument.
Override parse_override(const std::string& argument);

// The settings as overrides: their values as they are, their text only for messages.
std::vector<Override> as_overrides(const std::vector<Setting>& settings);

// Applies one override to the document (set_key_path) and keeps `values`, the
// document's count of values, within kMostYamlValues. Throws InputError naming the
// argument.
void apply_override(YAML::Node& root, const Override& o, std::size_t& values);

}  // namespace flowfolio
