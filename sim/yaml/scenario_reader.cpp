// Reading a scenario: the file loaded, its extends: chain resolved, the overrides
// applied, then the schema read; the public functions of flowfolio/yaml/scenario_reader.hpp.
#include "flowfolio/yaml/scenario_reader.hpp"

#include <filesystem>

#include "flowfolio/core/error.hpp"
#include "yaml/extends.hpp"
#include "yaml/key_path.hpp"
#include "yaml/overrides.hpp"
#include "yaml/scenario_document.hpp"
#include "yaml/scenario_schema.hpp"
#include "yaml/yaml_document.hpp"

namespace flowfolio {

namespace {
namespace fs = std::filesystem;

// The document of `text` with its extends: chain resolved, its size checked and the
// overrides applied.
YAML::Node resolved_document(const std::string& text, const std::string& file, Origins& origins,
                             const std::vector<Override>& overrides) {
  YAML::Node root = load_document(text, file, kEmptyScenario);
  std::error_code ec;
  std::vector<std::string> chain = {fs::weakly_canonical(file, ec).string()};
  root = resolve_extends(root, file, chain, origins);
  std::size_t values = count_values(root, kMostYamlValues);
  if (values > kMostYamlValues) {
    throw InputError({Diagnostic{.file = file,
                                 .message = "the document holds more than 200000 values once its "
                                            "aliases are expanded; a scenario needs far fewer"}});
  }
  for (const Override& o : overrides) apply_override(root, o, values);
  return root;
}

// Reads the scenario; `resolved`, when given, receives the document it was read from as
// one YAML text (extends: followed, overrides applied), from the same reading of the files.
Scenario read_with_overrides(const std::string& text, const std::string& file,
                             const std::vector<Override>& overrides,
                             std::string* resolved = nullptr) {
  Origins origins;
  const YAML::Node root = resolved_document(text, file, origins, overrides);
  if (resolved) {
    YAML::Emitter out;
    out << root;
    *resolved = std::string(out.c_str()) + "\n";
  }
  ScenarioSchema schema(file);
  schema.set_origins(&origins);
  for (const Override& o : overrides) schema.add_override(message_key_path(o.path), o.argument);
  Scenario scenario;
  try {
    scenario = schema.read(root);
  } catch (const YAML::Exception& e) {
    throw InputError({Diagnostic{.file = file,
                                 .line = e.mark.line + 1,
                                 .column = e.mark.column + 1,
                                 .message = "unreadable YAML value: " + e.msg}});
  }
  if (!schema.diagnostics().empty()) throw InputError(std::move(schema.diagnostics()));
  scenario.warnings = std::move(schema.warnings());
  return scenario;
}
}  // namespace

Scenario read_scenario_text(const std::string& text, const std::string& file) {
  return read_scenario_text(text, file, {});
}

Scenario read_scenario_text(const std::string& text, const std::string& file,
                            const std::vector<std::string>& overrides) {
  std::vector<Override> parsed;
  for (const std::string& argument : overrides) parsed.push_back(parse_override(argument));
  return read_with_overrides(text, file, parsed);
}

std::string resolved_scenario_text(const std::string& path) {
  return resolved_scenario_text(read_yaml_text(path), path, std::vector<std::string>{});
}

std::string resolved_scenario_text(const std::string& text, const std::string& file,
                                   const std::vector<std::string>& overrides) {
  if (!overrides.empty()) {
    std::vector<Override> parsed;
    for (const std::string& argument : overrides) parsed.push_back(parse_override(argument));
    std::string resolved;
    read_with_overrides(text, file, parsed, &resolved);
    return resolved;
  }
  const YAML::Node root = load_document(text, file, kEmptyScenario);
  if (!root.IsMap() || !root["extends"]) return text;
  Origins origins;
  std::error_code ec;
  std::vector<std::string> chain = {fs::weakly_canonical(file, ec).string()};
  YAML::Emitter out;
  out << resolve_extends(root, file, chain, origins);
  return "# " + file + " with its extends: chain resolved by flowfolio\n" +
         std::string(out.c_str()) + "\n";
}

std::string resolved_scenario_text(const std::string& path, const std::vector<Setting>& settings) {
  std::string resolved;
  read_with_overrides(read_yaml_text(path), path, as_overrides(settings), &resolved);
  return resolved;
}

Scenario read_scenario_file(const std::string& path, const std::vector<Setting>& settings,
                            std::string& resolved) {
  return read_with_overrides(read_yaml_text(path), path, as_overrides(settings), &resolved);
}

Scenario read_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  return read_scenario_text(read_yaml_text(path), path, overrides);
}

Scenario read_scenario_file(const std::string& path, const std::vector<Setting>& settings) {
  return read_with_overrides(read_yaml_text(path), path, as_overrides(settings));
}

}  // namespace flowfolio
