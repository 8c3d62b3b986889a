// The study blocks of a scenario file, `sensitivity:` and `optimize:`, read through the
// typed field reader. Internal to the YAML layer.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"
#include "yaml/fields.hpp"

namespace flowfolio {

class StudyBlocks {
 public:
  // Problems go to `fields`' diagnostics.
  explicit StudyBlocks(Fields& fields) : f_(fields) {}

  // The `sensitivity:` block `node` of the scenario document `root`, whose strategies are
  // `strategy_names`, into `spec`.
  void sensitivity(const YAML::Node& node, const YAML::Node& root, const Keys& strategy_names,
                   SensitivitySpec& spec);
  // The `optimize:` block, likewise.
  void optimize(const YAML::Node& node, const YAML::Node& root, const Keys& strategy_names,
                OptimizeSpec& spec);

 private:
  std::optional<ScenarioInput> scenario_input(const YAML::Node& node, const std::string& path,
                                              const YAML::Node& root, bool decision);
  std::vector<ScenarioInput> scenario_inputs(const YAML::Node* node, const std::string& path,
                                             const YAML::Node& root, bool decision);
  void read_paths(const YAML::Node& paths, const std::string& path, const YAML::Node& root,
                  ScenarioInput& input);
  std::vector<int> strategy_list(const YAML::Node& node, const std::string& path,
                                 const Keys& strategy_names);

  Fields& f_;
};

}  // namespace flowfolio
