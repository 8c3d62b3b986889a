// The typed field reader: reads numbers, whole numbers, text, names, booleans, maps with
// known keys and distributions out of YAML nodes, each checked, and collects every
// problem as a Diagnostic (file:line:col, key path, what is wrong and what would be
// right, "did you mean" for a near miss) instead of stopping at the first. The scenario
// schema, the study blocks and the sweep file all read through it. Internal to the YAML
// layer.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "flowfolio/core/distribution.hpp"
#include "core/words.hpp"
#include "flowfolio/core/error.hpp"
#include "yaml/extends.hpp"

namespace flowfolio {

using Keys = std::vector<std::string>;

// The keys that name a distribution's family (MODEL.md section 10): exactly one per distribution.
extern const Keys kDistributionFamilies;

// The most trials a scenario or a study block may ask for: the same cap as --trials.
inline constexpr std::uint64_t kMaxTrials = 1'000'000'000;

// The node as a number when it is one as the reader takes numbers (a plain decimal
// scalar, finite); none otherwise, and nothing reported.
std::optional<double> plain_number(const YAML::Node& node);

// A number in at most 3 significant digits, for messages.
std::string format_ratio(double ratio);
// What a node is, for "expected ..., got X": "nothing", "a list", "a map", 'text'.
std::string describe_kind(const YAML::Node& node);

// The key paths of messages: `path.key` and `path[index]`.
inline std::string child(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
inline std::string item(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// How a number must lie. Whole numbers are checked separately.
enum class Range {
  kAny,                // any finite number
  kUnit,               // [0, 1]
  kPositive,           // > 0
  kNonNegative,        // >= 0
  kAboveMinusOne,      // > -1
  kOpenUnit,           // (0, 1)
  kOpenUnitSymmetric,  // (-1, 1)
};

// A map's entries, with unknown and duplicate keys already reported. `ok_` is false when
// the node was not a map.
class MapView {
 public:
  const YAML::Node* get(const std::string& key) const {
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
  }
  bool has(const std::string& key) const { return entries_.count(key) > 0; }

  std::map<std::string, YAML::Node> entries_;
  bool ok_ = false;
};

class Fields {
 public:
  // `file` names the document in every diagnostic.
  explicit Fields(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  std::vector<Diagnostic>& warnings() { return warnings_; }

  // Where merged nodes came from (extends:), for locate; null when nothing was merged.
  void set_origins(const Origins* origins) { origins_ = origins; }
  // A value set by `--set argument` at `key_path` (as messages write it) is located by
  // the argument, not by a line.
  void add_override(std::string key_path, std::string argument) {
    overridden_.emplace_back(std::move(key_path), std::move(argument));
  }

  void error(const YAML::Node& at, const std::string& path, const std::string& message) {
    diagnostics_.push_back(locate(at, path, message));
  }
  // Where `at` is: its file (the extended one it came from, or the --set argument that
  // gave it), line and column.
  Diagnostic locate(const YAML::Node& at, const std::string& path,
                    const std::string& message) const;

  // --- Structure -------------------------------------------------------------------
  // The entries of a map whose keys must be among `allowed` (an unknown key gets "did
  // you mean") and must include `required`.
  MapView map(const YAML::Node& node, const std::string& path, const Keys& allowed,
              const Keys& required);
  // The same for the map the format table names `object` (format_table.hpp): its keys.
  MapView map(const YAML::Node& node, const std::string& path, std::string_view object);
  // An optional list of a map: null when absent, or after an error when not a list.
  const YAML::Node* list_of(const MapView& m, const std::string& path, const char* key);

  // --- Scalars ---------------------------------------------------------------------
  // A number as YAML 1.2's core schema writes it; NaN and infinities are refused.
  std::optional<double> number(const YAML::Node& node, const std::string& path);
  std::optional<double> number(const YAML::Node& node, const std::string& path, Range range);
  // A whole number >= minimum (whole-valued decimals such as 1e4 are accepted).
  std::optional<std::uint64_t> whole(const YAML::Node& node, const std::string& path,
                                     std::uint64_t minimum);
  // A whole number that fits an int (periods, counts).
  std::optional<int> whole_int(const YAML::Node& node, const std::string& path,
                               std::uint64_t minimum);
  // Text with no control character but tab and line breaks.
  std::optional<std::string> text(const YAML::Node& node, const std::string& path);
  // A name: one line of text, not empty.
  std::optional<std::string> name(const YAML::Node& node, const std::string& path);
  std::optional<bool> boolean(const YAML::Node& node, const std::string& path);
  // A list of exactly `count` numbers.
  std::optional<std::vector<double>> numbers(const YAML::Node& node, const std::string& path,
                                             std::size_t count);
  // A list of numbers in `range`; the ones in error are left out.
  std::vector<double> number_list(const YAML::Node& node, const std::string& path, Range range);

  // Read an optional key of a map into a field, leaving the default.
  void read_number(const MapView& m, const std::string& key, const std::string& path, Range range,
                   double& out);
  void read_whole(const MapView& m, const std::string& key, const std::string& path,
                  std::uint64_t minimum, int& out);
  void read_text(const MapView& m, const std::string& key, const std::string& path,
                 std::string& out);
  // An optional count of a map, between minimum and most.
  void read_count(const MapView& m, const std::string& path, const char* key, std::uint64_t minimum,
                  std::uint64_t most, std::uint64_t& out);

  // --- Distributions (MODEL.md section 10; distribution_field.cpp) ------------------
  // A number or a distribution; `nonnegative`: the draws must never be below 0 (money
  // and losses).
  Distribution distribution(const YAML::Node& node, const std::string& path, bool nonnegative);

  // --- Names -----------------------------------------------------------------------
  // The index of `node`'s name in `names`, or -1 after an error naming the known ones.
  int lookup(const YAML::Node& node, const std::string& path, const Keys& names, const char* what);

  // Reads a list of named items; reports duplicate names and returns the names found.
  template <typename T>
  std::vector<T> named_list(const YAML::Node* node, const std::string& path,
                            const std::function<T(const YAML::Node&, const std::string&)>& read_one,
                            Keys& names);

 private:
  std::optional<Distribution> distribution_family(const std::string& family, const YAML::Node& node,
                                                  const std::string& path, const YAML::Node* lambda,
                                                  std::vector<double>& raw_values);
  std::optional<Distribution> ordered_three(const YAML::Node& node, const std::string& path,
                                            bool pert, const YAML::Node* lambda);
  std::optional<Distribution> normal(const YAML::Node& node, const std::string& path);
  std::optional<Distribution> lognormal(const YAML::Node& node, const std::string& path);
  std::optional<Distribution> beta(const YAML::Node& node, const std::string& path,
                                   std::vector<double>& raw);
  std::optional<Distribution> discrete(const YAML::Node& node, const std::string& path,
                                       std::vector<double>& raw);
  bool check_nonnegative(const YAML::Node& node, const std::string& path, const Distribution& d,
                         const std::vector<double>& raw);

  std::string file_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<Diagnostic> warnings_;
  const Origins* origins_ = nullptr;
  std::vector<std::pair<std::string, std::string>> overridden_;  // (key path, --set argument)
};

template <typename T>
std::vector<T> Fields::named_list(
    const YAML::Node* node, const std::string& path,
    const std::function<T(const YAML::Node&, const std::string&)>& read_one, Keys& names) {
  std::vector<T> out;
  if (!node) return out;
  if (!node->IsSequence()) {
    error(*node, path, "expected a list, got " + describe_kind(*node));
    return out;
  }
  std::map<std::string, int> first_line;
  for (std::size_t i = 0; i < node->size(); ++i) {
    const YAML::Node entry = (*node)[i];
    std::string item_path = item(path, i);
    std::string entry_name;
    if (entry.IsMap() && entry["name"] && entry["name"].IsScalar() &&
        !entry["name"].Scalar().empty()) {
      entry_name = entry["name"].Scalar();
      item_path = path + "." + entry_name;
      if (first_line.count(entry_name)) {
        error(entry["name"], child(item_path, "name"),
              "duplicate name '" + entry_name + "' (first defined on line " +
                  std::to_string(first_line[entry_name]) + "); names must be unique");
      } else {
        first_line[entry_name] = entry["name"].Mark().line + 1;
      }
    }
    out.push_back(read_one(entry, item_path));
    names.push_back(entry_name);
  }
  return out;
}

}  // namespace flowfolio
