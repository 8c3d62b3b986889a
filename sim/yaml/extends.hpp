// `extends:`: a scenario that gives only what differs from another (docs/scenario-format.md).
// Internal to the YAML layer.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

namespace flowfolio {

// Where merged nodes came from, so a problem points at the right file and line.
struct Origins {
  std::vector<std::pair<YAML::Node, std::string>> nodes;  // a parent file's nodes
  struct Merged {
    YAML::Node merged, source;
    std::string file;
  };
  std::vector<Merged> merged;  // a map or list built by merging, and the child's own
};

// The document `root` of `file` with its `extends:` chain resolved: the parent's document
// (itself resolved) with this one laid on top; maps merged key by key, lists of named
// items by name (new names appended), anything else replaced. `chain` holds the canonical
// paths already on the chain (a cycle is refused), `origins` receives where nodes came
// from. Throws InputError at the `extends:` key (a cycle, more than 8 levels, not a path)
// or at the parent file (unreadable, not YAML).
YAML::Node resolve_extends(const YAML::Node& root, const std::string& file,
                           std::vector<std::string>& chain, Origins& origins);

}  // namespace flowfolio
