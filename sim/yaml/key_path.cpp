// Key paths: the one splitter, setting a value at a path, and the path as messages write it.
#include "yaml/key_path.hpp"

#include <algorithm>
#include <stdexcept>

namespace flowfolio {
namespace {

bool all_digits(const std::string& key) {
  return std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The first of `nodes` that the document reaches more than once (through a YAML alias),
// or -1. Setting such a node would change every place that uses it.
int shared_node(const YAML::Node& root, const std::vector<YAML::Node>& nodes) {
  std::vector<int> seen(nodes.size(), 0);
  std::vector<YAML::Node> pending = {root};
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    for (std::size_t k = 0; k < nodes.size(); ++k)
      if (node.is(nodes[k]) && ++seen[k] > 1) return static_cast<int>(k);
    if (node.IsMap()) {
      for (const auto& entry : node) pending.push_back(entry.second);
    } else if (node.IsSequence()) {
      for (const auto& entry : node) pending.push_back(entry);
    }
  }
  return -1;
}

// The position of the first item of the list `node` named `key`; throws
// std::invalid_argument naming the known items when none is.
std::size_t find_named_item(const YAML::Node& node, const std::string& key,
                            const std::string& walked) {
  std::string known;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) continue;
    if (item["name"].Scalar() == key) return i;
    known += (known.empty() ? "" : ", ") + item["name"].Scalar();
  }
  throw std::invalid_argument("no item named '" + key + "' in " + walked + " (known: " + known +
                              ")");
}

}  // namespace

std::vector<std::string> split_key_path(const std::string& path) {
  std::vector<std::string> keys;
  for (std::size_t start = 0;;) {
    const auto dot = path.find('.', start);
    keys.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return keys;
}

YAML::Node set_key_path(YAML::Node& root, const std::string& path, const YAML::Node& value) {
  const std::vector<std::string> keys = split_key_path(path);
  const auto fail = [](const std::string& why) { throw std::invalid_argument(why); };
  YAML::Node node = root;
  std::string walked;
  std::vector<YAML::Node> along;  // the nodes the path passes through, and its target
  std::vector<std::string> names;
  const auto check_shared = [&] {
    const int k = shared_node(root, along);
    if (k >= 0)
      fail(names[k] +
           " is shared through a YAML alias; setting it would change every place that uses it: "
           "write it out in place");
  };
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    const bool last = k + 1 == keys.size();
    if (key.empty()) fail("an empty key in the path");
    if (node.IsSequence() && all_digits(key)) {
      // A list of unnamed items (a strategy's train or hire, a pert's numbers): by position.
      const std::size_t i = key.size() > 9 ? node.size() : std::stoul(key);
      if (i >= node.size()) fail(walked + " has " + std::to_string(node.size()) + " items");
      YAML::Node item = node[i];
      along.push_back(item);
      names.push_back(walked + "." + key);
      if (last) {
        check_shared();
        YAML::Node old = YAML::Clone(item);
        node[i] = value;
        return old;
      }
      node.reset(item);
    } else if (node.IsSequence()) {
      // A list of named items: find the item by name.
      const std::size_t found = find_named_item(node, key, walked);
      if (last) fail("replace a field of '" + key + "', not the whole item");
      YAML::Node item = node[found];
      along.push_back(item);
      names.push_back(walked + "." + key);
      node.reset(item);
    } else if (node.IsMap()) {
      const std::string here = walked.empty() ? key : walked + "." + key;
      if (last) {
        if (node[key]) {
          along.push_back(node[key]);
          names.push_back(here);
        }
        check_shared();
        YAML::Node old = node[key] ? YAML::Clone(node[key]) : YAML::Node();
        node[key] = value;
        return old;
      }
      YAML::Node next = node[key];
      if (!next)
        fail(walked.empty() ? "no key '" + key + "' in the scenario"
                            : walked + " has no key '" + key + "'");
      along.push_back(next);
      names.push_back(here);
      node.reset(next);
    } else {
      fail(walked + " is a value, not a map or list");
    }
    walked += (walked.empty() ? "" : ".") + key;
  }
  return {};
}

YAML::Node value_at_key_path(const YAML::Node& root, const std::string& path) {
  YAML::Node copy = YAML::Clone(root);
  return set_key_path(copy, path, YAML::Node(0));
}

std::string message_key_path(const std::string& path) {
  std::string out;
  for (const std::string& key : split_key_path(path)) {
    const bool position = !key.empty() && all_digits(key);
    out += position ? "[" + key + "]" : (out.empty() ? "" : ".") + key;
  }
  return out;
}

}  // namespace flowfolio
