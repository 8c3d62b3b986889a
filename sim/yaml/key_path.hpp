// Key paths (`activities.pharma_campaign.incident.probability`): how `--set`, sweep files
// and the study blocks name a place in a scenario document. Internal to the YAML layer.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace flowfolio {

// The keys of `path`, split at every '.', empty keys kept (so "a..b" has three): the one
// splitter every reader of a key path uses.
std::vector<std::string> split_key_path(const std::string& path);

// Sets `path` in the document to `value`: maps by key, lists of named items by the item's
// name, unnamed lists by position. A missing last key is added (an optional value the
// file left at its default). Returns the value it replaced (a null node when none);
// throws std::invalid_argument saying what is wrong with the path.
YAML::Node set_key_path(YAML::Node& root, const std::string& path, const YAML::Node& value);

// The value at `path` in the document (a null node when the last key is absent and may
// be added), found as set_key_path finds it; throws std::invalid_argument as it does.
YAML::Node value_at_key_path(const YAML::Node& root, const std::string& path);

// `path` as the scenario reader writes key paths in its messages: a position in a list
// as `key[0]`, where `--set` writes `key.0`.
std::string message_key_path(const std::string& path);

}  // namespace flowfolio
