// Overrides: a `--set` argument parsed, a sweep's settings taken as they are, and either
// applied to a scenario document within the value budget.
#include "yaml/overrides.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/encoding.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/format.hpp"
#include "yaml/key_path.hpp"
#include "yaml/yaml_document.hpp"

namespace flowfolio {

Override parse_override(const std::string& argument) {
  const std::string named = "--set " + argument;
  if (const EncodingProblem bad = check_encoding(argument); bad.line > 0)
    throw InputError("--set: column " + std::to_string(bad.column) + ": the argument is " +
                     bad.message);
  const auto equals = argument.find('=');
  if (equals == std::string::npos || equals == 0)
    throw InputError(named + ": write it as key.path=value, e.g. model.flow_width=0.2");
  return {argument.substr(0, equals), load_value(argument.substr(equals + 1), named), argument};
}

void apply_override(YAML::Node& root, const Override& o, std::size_t& values) {
  const std::string named = "--set " + o.argument;
  YAML::Node old;
  try {
    old = set_key_path(root, o.path, o.value);
  } catch (const std::invalid_argument& e) {
    throw InputError(named + ": " + e.what());
  }
  values = values + count_values(o.value, kMostYamlValues) -
           std::min(values, count_values(old, kMostYamlValues));
  if (values > kMostYamlValues) {
    throw InputError(named + ": with this value the scenario holds more than " +
                     std::to_string(kMostYamlValues) +
                     " values once aliases are expanded; a scenario needs far fewer");
  }
}

Setting number_setting(const std::string& key_path, double value) {
  const std::string text = format_significant(round_significant(value, 12), 12);
  return Setting(key_path, text, std::make_shared<const Setting::Value>(Setting::Value{YAML::Load(text)}));
}

std::vector<Override> as_overrides(const std::vector<Setting>& settings) {
  std::vector<Override> out;
  for (const Setting& s : settings)
    out.push_back({s.key_path(), s.value().node, s.key_path() + "=" + s.text()});
  return out;
}

}  // namespace flowfolio
