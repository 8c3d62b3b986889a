// Reading a scenario file (docs/scenario-format.md) into the plain structs of
// flowfolio/engine/scenario.hpp: the YAML layer's public door. The reader checks every rule
// of MODEL.md section 2 and collects every problem before it throws, so the user fixes a
// file in one round.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

// Reads and validates a scenario file. Throws InputError listing every problem found,
// each as "file:line:col: key.path: message".
//
// A scenario may start with `extends: other.yaml` (relative to itself) and give only
// what differs: maps are merged key by key, lists of named items by name (new names are
// added), anything else is replaced. A problem points at the file and line the value
// came from.
//
// `overrides` are `key.path=value` settings applied before validation, as
// `flowfolio run --set` takes them: maps are walked by key and lists of named items by
// name (`activities.pharma_campaign.incident.probability=0.002`), and the value is read
// as YAML (`model.flow_width=0.2`, `activities.tweet.value={uniform: [1, 9]}`). A problem
// with an overridden value names the --set argument instead of a line.
Scenario read_scenario_file(const std::string& path,
                            const std::vector<std::string>& overrides = {});

// One key path set to a value that keeps its YAML type end to end (a sweep's setting):
// unlike a `--set` argument it is never written as text and read again, so a quoted
// "1" stays a string and "a: b # c" stays one string. Made by the sweep reader.
class Setting {
 public:
  struct Value;  // the YAML value, known only to the reader
  Setting(std::string key_path, std::string text, std::shared_ptr<const Value> value)
      : key_path_(std::move(key_path)), text_(std::move(text)), value_(std::move(value)) {}
  const std::string& key_path() const { return key_path_; }
  // The value as the sweep file wrote it, for names, messages and the store.
  const std::string& text() const { return text_; }
  const Value& value() const { return *value_; }

 private:
  std::string key_path_;
  std::string text_;
  std::shared_ptr<const Value> value_;
};

// A setting of a number, written in 12 significant digits (so 0.1 + 0.2 reads 0.3).
Setting number_setting(const std::string& key_path, double value);

// Reads a scenario file with `settings` applied as read_scenario_file's overrides are
// (a problem names "key.path=text" instead of a line).
Scenario read_scenario_file(const std::string& path, const std::vector<Setting>& settings);

// The scenario as one YAML text: its `extends:` chain resolved and `settings` applied.
// Two inputs that read as different scenarios give different texts.
std::string resolved_scenario_text(const std::string& path, const std::vector<Setting>& settings);

// The scenario file's text with its `extends:` chain resolved into one document (the
// file itself when it extends nothing): what a result folder keeps as scenario.yaml.
std::string resolved_scenario_text(const std::string& path);

// The same for YAML text already in memory; `file` names it in messages.
Scenario read_scenario_text(const std::string& text, const std::string& file);
Scenario read_scenario_text(const std::string& text, const std::string& file,
                            const std::vector<std::string>& overrides);

// resolved_scenario_text() for YAML text in memory (`file` names it and anchors its
// `extends:`), with `overrides` applied as read_scenario_text applies them. With
// overrides it is the document the scenario is read from, as one YAML text, and the
// scenario is checked on the way (InputError).
std::string resolved_scenario_text(const std::string& text, const std::string& file,
                                   const std::vector<std::string>& overrides);

}  // namespace flowfolio
