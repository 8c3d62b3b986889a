// "Download this scenario" (WhatIf::download_yaml, what_if.hpp): the page's settings as a
// scenario that extends the original, for `flowfolio run` to rerun in full.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <filesystem>

#include "flowfolio/core/format.hpp"
#include "server/what_if.hpp"
#include "studies/study.hpp"
#include "yaml/key_path.hpp"

namespace flowfolio::server {

namespace {
bool is_index(const std::string& segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A name on one comment line.
std::string one_line(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

// The item of a list of named items (activities, profiles, strategies) called `name`;
// added to `list` when `add` and it is missing.
YAML::Node named_item(YAML::Node list, const std::string& name, bool add) {
  for (YAML::Node item : list)
    if (item.IsMap() && item["name"] && item["name"].Scalar() == name) return item;
  if (!add) throw std::logic_error("the scenario has no item named " + name);  // paths were checked
  YAML::Node item(YAML::NodeType::Map);
  item["name"] = name;
  list.push_back(item);
  return item;
}

// Sets `value` at keys[k...] in `out`, the download's node at the place where the resolved
// scenario has `base`. Maps and named items hold only what is set, as `extends:` merges
// them; a list of unnamed items, which the merge replaces whole, is copied whole first.
void set_at(YAML::Node out, const YAML::Node& base, const std::vector<std::string>& keys, std::size_t k,
            const std::string& value) {
  const std::string& key = keys[k];
  const bool last = k + 1 == keys.size();
  if (base.IsSequence() && !is_index(key)) {
    set_at(named_item(out, key, true), named_item(base, key, false), keys, k + 1, value);
  } else if (base.IsSequence()) {  // inside a list copied whole
    const std::size_t i = std::stoul(key);
    if (last) out[i] = value;
    else set_at(out[i], base[i], keys, k + 1, value);
  } else if (last) {
    out[key] = value;
  } else {
    const YAML::Node next = base[key];
    if (!out[key]) {
      const bool unnamed_list = next.IsSequence() && is_index(keys[k + 1]);
      out[key] = unnamed_list ? YAML::Clone(next) : YAML::Node(next.IsSequence() ? YAML::NodeType::Sequence
                                                                                  : YAML::NodeType::Map);
    }
    set_at(out[key], next, keys, k + 1, value);
  }
}
}  // namespace

std::string WhatIf::download_yaml(const WhatIfRequest& request) const {
  const YAML::Node resolved = YAML::Load(resolved_);
  YAML::Node doc(YAML::NodeType::Map);
  doc["extends"] = std::filesystem::absolute(file_).lexically_normal().string();
  for (const auto& [i, x] : request.settings) {
    const WhatIfInput& in = inputs_[i];
    for (std::size_t p = 0; p < in.input.paths.size(); ++p)
      set_at(doc, resolved, split_key_path(in.input.paths[p]), 0, format_number(in.factors.empty() ? x : x * in.factors[p]));
  }
  YAML::Emitter emitter;
  emitter << doc;
  std::string text = "# " + one_line(base_.name) + " as the what-if page set it: " + std::to_string(request.settings.size()) +
                     " input(s) changed. The whole scenario reruns with\n#   flowfolio run THIS_FILE\n";
  for (const auto& [i, x] : request.settings)
    text += "# " + one_line(inputs_[i].input.name) + ": " + study::number_short(x) + " (the scenario's " +
            (std::isfinite(inputs_[i].input.base) ? study::number_short(inputs_[i].input.base) : "a distribution") +
            ")\n";
  return text + emitter.c_str() + "\n";
}

}  // namespace flowfolio::server
