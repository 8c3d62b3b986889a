// The YAML reader: the only code in flowfolio that knows YAML. It reads a scenario into
// the plain structs of scenario.hpp and checks every rule of MODEL.md section 2,
// collecting all problems before it throws, so the user fixes a file in one round.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string_view>

#include "core/file_text.hpp"
#include "flowfolio/core/portable_math.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "yaml/scenario_document.hpp"
#include "yaml/yaml_document.hpp"

namespace flowfolio {

namespace {

using Keys = std::vector<std::string>;
namespace fs = std::filesystem;

constexpr std::uint64_t kMaxTrials = 1'000'000'000;  // the same cap as --trials
// Beyond this size a number is a typo, and sums of such numbers over many units and
// trials could overflow to infinity.
constexpr double kLargestNumber = 1e15;
// A lognormal sigma above this puts its far tail beyond any money (e^(10 * 8.5) = 1e37).
constexpr double kLargestSigma = 10;
constexpr double kLargestVolatility = 5;
constexpr int kMostPeople = 100'000;       // in one organisation, staff and hires together
constexpr std::size_t kMostItems = 1'000;  // activities, profiles or strategies
constexpr int kMostPeriods = 100'000;
constexpr double kMostUnits = 1e6;     // demand of one activity in one period
// Limits that keep the reader's time and memory bounded whatever the input.
constexpr const char* kEmptyScenario =
    "the file is empty; a scenario needs name, horizon, activities, profiles, staff and strategies";

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// " (did you mean 'x'?)" when a known word is close to the unknown one.
std::string suggestion(const std::string& word, const Keys& known) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& k : known) {
    const std::size_t d = edit_distance(word, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

std::string join(const Keys& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::string format_ratio(double ratio) {
  std::ostringstream out;
  out.precision(3);
  out << ratio;
  return out.str();
}

// "; known: a, b" for the non-empty names (unnamed items are reported elsewhere).
std::string known_names(const Keys& names) {
  Keys known;
  for (const auto& n : names)
    if (!n.empty()) known.push_back(n);
  return known.empty() ? "" : "; known: " + join(known);
}

std::string quoted_scalar(const YAML::Node& node) {
  std::string s = node.Scalar();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return "'" + s + "'";
}

std::string describe_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return node.Tag() == "!" ? "the string " + quoted_scalar(node) : quoted_scalar(node);
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    default:
      return "an undefined value";
  }
}

// YAML 1.2 core schema: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_decimal_number(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t whole = digits();
  std::size_t fraction = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    fraction = digits();
  }
  if (whole == 0 && fraction == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// YAML 1.2 core schema: [-+]?\.(inf|Inf|INF) and \.(nan|NaN|NAN)
bool is_infinity_or_nan(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  for (const char* word : {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"})
    if (s == word) return true;
  return false;
}

// How a number must lie. Whole numbers are checked separately.
enum class Range {
  kAny,          // any finite number
  kUnit,         // [0, 1]
  kPositive,     // > 0
  kNonNegative,  // >= 0
  kAboveMinusOne,  // > -1
  kOpenUnit,     // (0, 1)
  kOpenUnitSymmetric,  // (-1, 1)
};

bool in_range(double x, Range range) {
  switch (range) {
    case Range::kAny:
      return true;
    case Range::kUnit:
      return x >= 0 && x <= 1;
    case Range::kPositive:
      return x > 0;
    case Range::kNonNegative:
      return x >= 0;
    case Range::kAboveMinusOne:
      return x > -1;
    case Range::kOpenUnit:
      return x > 0 && x < 1;
    case Range::kOpenUnitSymmetric:
      return x > -1 && x < 1;
  }
  return false;
}

const char* range_text(Range range) {
  switch (range) {
    case Range::kAny:
      return "a finite number";
    case Range::kUnit:
      return "in [0, 1]";
    case Range::kPositive:
      return "above 0";
    case Range::kNonNegative:
      return "0 or more";
    case Range::kAboveMinusOne:
      return "above -1";
    case Range::kOpenUnit:
      return "strictly between 0 and 1";
    case Range::kOpenUnitSymmetric:
      return "strictly between -1 and 1";
  }
  return "";
}

// A map's entries, in file order, with unknown and duplicate keys already reported.
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

// Where merged nodes came from, so a problem points at the right file and line.
struct Origins {
  std::vector<std::pair<YAML::Node, std::string>> nodes;  // a parent file's nodes
  struct Merged {
    YAML::Node merged, source;
    std::string file;
  };
  std::vector<Merged> merged;  // a map or list built by merging, and the child's own
};

YAML::Node set_key_path(YAML::Node& root, const std::string& path, const YAML::Node& value);

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  Scenario read(const YAML::Node& root);
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  void error(const YAML::Node& at, const std::string& path, const std::string& message) {
    diagnostics_.push_back(locate(at, path, message));
  }

  // Where `at` is: its file (the extended one it came from, or the --set argument that
  // gave it), line and column.
  Diagnostic locate(const YAML::Node& at, const std::string& path, const std::string& message) {
    Diagnostic d{.file = file_, .path = path, .message = message};
    // A value that came from --set is located by that argument, not by a line.
    for (const auto& [set_path, argument] : overridden_) {
      if (path == set_path || path.rfind(set_path + ".", 0) == 0) {
        d.file = "--set " + argument;
        return d;
      }
    }
    YAML::Mark mark = at.Mark();
    if (origins_) {
      // A value from a scenario this one extends points at that file; a map or list
      // built by merging points at the extending file's own.
      for (const auto& m : origins_->merged) {
        if (m.merged.is(at)) {
          mark = m.source.Mark();
          d.file = m.file;
        }
      }
      for (const auto& [node, file] : origins_->nodes) {
        if (node.is(at)) {
          d.file = file;
          break;
        }
      }
    }
    if (!at.IsNull() || mark.line >= 0) {
      d.line = mark.line >= 0 ? mark.line + 1 : 0;
      d.column = mark.column >= 0 ? mark.column + 1 : 0;
    }
    return d;
  }

  const Origins* origins_ = nullptr;

  std::vector<std::pair<std::string, std::string>> overridden_;  // (key path, --set argument)

 private:
  // --- Structure -------------------------------------------------------------------
  MapView map(const YAML::Node& node, const std::string& path, const Keys& allowed,
              const Keys& required) {
    MapView view;
    if (!node.IsMap()) {
      error(node, path, "expected a map with keys " + join(allowed) + ", got " +
                            describe_kind(node));
      return view;
    }
    view.ok_ = true;
    for (const auto& entry : node) {
      const YAML::Node key_node = entry.first;
      if (!key_node.IsScalar()) {
        error(key_node, path, "a key must be a plain word, got " + describe_kind(key_node));
        continue;
      }
      const std::string key = key_node.Scalar();
      const std::string key_path = child(path, key);
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        error(key_node, key_path,
              "unknown key '" + key + "'" + suggestion(key, allowed) + "; allowed here: " +
                  join(allowed));
        continue;
      }
      if (view.entries_.count(key)) {
        error(key_node, key_path, "duplicate key '" + key + "'; each key may appear once");
        continue;
      }
      view.entries_.emplace(key, entry.second);
    }
    for (const auto& key : required) {
      if (!view.has(key)) error(node, child(path, key), "missing required key '" + key + "'");
    }
    return view;
  }

  static std::string child(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string item(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
  }

  // --- Scalars ---------------------------------------------------------------------
  // A number as YAML 1.2's core schema writes it; NaN and infinities are refused.
  std::optional<double> number(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar() || node.Tag() == "!") {
      error(node, path, "expected a number, got " + describe_kind(node));
      return std::nullopt;
    }
    const std::string& text = node.Scalar();
    if (is_infinity_or_nan(text)) {
      error(node, path, "NaN and infinities are not allowed; give a finite number");
      return std::nullopt;
    }
    if (!is_decimal_number(text)) {
      error(node, path, "expected a number, got " + describe_kind(node));
      return std::nullopt;
    }
    const double value = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(value) || std::abs(value) > kLargestNumber) {
      error(node, path, "the number " + text +
                            " is absurdly large; numbers in a scenario are at most 1e15 in size");
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> number(const YAML::Node& node, const std::string& path, Range range) {
    const auto value = number(node, path);
    if (value && !in_range(*value, range)) {
      error(node, path, "must be " + std::string(range_text(range)) + ", got " + node.Scalar());
      return std::nullopt;
    }
    return value;
  }

  // A whole number >= minimum (whole-valued decimals such as 1e4 are accepted).
  std::optional<std::uint64_t> whole(const YAML::Node& node, const std::string& path,
                                     std::uint64_t minimum) {
    const std::string text = node.IsScalar() ? node.Scalar() : std::string();
    std::uint64_t exact = 0;
    const bool plain_integer = node.IsScalar() && node.Tag() != "!" && !text.empty() &&
                               std::all_of(text.begin(), text.end(), [](char c) {
                                 return c >= '0' && c <= '9';
                               });
    const auto value = plain_integer ? std::optional<double>(0.0) : number(node, path);
    if (!value) return std::nullopt;
    if (plain_integer) {
      try {
        exact = std::stoull(text);
      } catch (const std::out_of_range&) {
        error(node, path, "must be a whole number below 2^64, got " + text);
        return std::nullopt;
      }
    } else if (*value < 0 || *value != std::floor(*value)) {
      error(node, path, "must be a whole number " + std::string(minimum ? "of 1 or more" : "of 0 or more") +
                            ", got " + text);
      return std::nullopt;
    } else {
      exact = static_cast<std::uint64_t>(*value);
    }
    if (exact < minimum) {
      error(node, path, "must be a whole number of " + std::to_string(minimum) + " or more, got " + text);
      return std::nullopt;
    }
    return exact;
  }

  // An optional list of a map: null when absent, or after an error when not a list.
  const YAML::Node* list_of(const MapView& m, const std::string& path, const char* key) {
    const auto* n = m.get(key);
    if (n && !n->IsSequence()) {
      error(*n, child(path, key), "expected a list, got " + describe_kind(*n));
      return nullptr;
    }
    return n;
  }

  // An optional count of a map, between minimum and most.
  void read_count(const MapView& m, const std::string& path, const char* key, std::uint64_t minimum,
                  std::uint64_t most, std::uint64_t& out) {
    const auto* n = m.get(key);
    if (!n) return;
    const auto v = whole(*n, child(path, key), minimum);
    if (v && *v > most) {
      error(*n, child(path, key), "at most " + std::to_string(most) + ", got " + n->Scalar());
    } else if (v) {
      out = *v;
    }
  }

  // A whole number that fits an int (periods, counts).
  std::optional<int> whole_int(const YAML::Node& node, const std::string& path,
                               std::uint64_t minimum) {
    const auto value = whole(node, path, minimum);
    if (!value) return std::nullopt;
    if (*value > 100'000'000) {
      error(node, path, "is absurdly large (" + node.Scalar() + "); at most 100000000");
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::optional<std::string> text(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar()) {
      error(node, path, "expected text, got " + describe_kind(node));
      return std::nullopt;
    }
    if (const std::size_t at = find_control_character(node.Scalar(), true); at != std::string::npos) {
      error(node, path,
            "the text holds control character " + control_character_name(node.Scalar(), at) +
                " (from an escape such as \\e or \\x1b); such characters would reach the terminal");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<std::string> name(const YAML::Node& node, const std::string& path) {
    auto value = text(node, path);
    if (value && value->empty()) {
      error(node, path, "a name must not be empty");
      return std::nullopt;
    }
    if (value && find_control_character(*value, false) != std::string::npos) {
      error(node, path, "a name must be one line, with no tab or line break");
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> boolean(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar() && node.Tag() != "!") {
      const std::string& s = node.Scalar();
      if (s == "true" || s == "True" || s == "TRUE") return true;
      if (s == "false" || s == "False" || s == "FALSE") return false;
    }
    error(node, path, "expected true or false, got " + describe_kind(node));
    return std::nullopt;
  }

  // Helpers that read an optional key of a map into a field, leaving the default.
  void read_number(const MapView& m, const std::string& key, const std::string& path,
                   Range range, double& out) {
    if (const auto* node = m.get(key)) {
      if (auto v = number(*node, child(path, key), range)) out = *v;
    }
  }
  void read_whole(const MapView& m, const std::string& key, const std::string& path,
                  std::uint64_t minimum, int& out) {
    if (const auto* node = m.get(key)) {
      if (auto v = whole_int(*node, child(path, key), minimum)) out = *v;
    }
  }
  void read_text(const MapView& m, const std::string& key, const std::string& path,
                 std::string& out) {
    if (const auto* node = m.get(key)) {
      if (auto v = text(*node, child(path, key))) out = *v;
    }
  }

  // --- Distributions (MODEL.md section 10) ------------------------------------------
  // `nonnegative`: the draws must never be below 0 (money and losses).
  Distribution distribution(const YAML::Node& node, const std::string& path, bool nonnegative);
  std::optional<Distribution> distribution_family(const std::string& family,
                                                  const YAML::Node& node,
                                                  const std::string& path,
                                                  const YAML::Node* lambda,
                                                  std::vector<double>& raw_values);
  std::optional<std::vector<double>> numbers(const YAML::Node& node, const std::string& path,
                                             std::size_t count);
  std::optional<Distribution> ordered_three(const YAML::Node& node, const std::string& path,
                                            bool pert, const YAML::Node* lambda);

  // --- Names -----------------------------------------------------------------------
  // The index of `node`'s name in `names`, or -1 after an error naming the known ones.
  int lookup(const YAML::Node& node, const std::string& path, const Keys& names,
             const char* what) {
    const auto value = name(node, path);
    if (!value) return -1;
    const auto it = std::find(names.begin(), names.end(), *value);
    if (it == names.end()) {
      error(node, path,
            "unknown " + std::string(what) + " '" + *value + "'" + suggestion(*value, names) +
                known_names(names));
      return -1;
    }
    return static_cast<int>(it - names.begin());
  }

  // Reads a list of named items; reports duplicate names and returns the names found.
  template <typename T>
  std::vector<T> named_list(const YAML::Node* node, const std::string& path,
                            const std::function<T(const YAML::Node&, const std::string&)>& read_one,
                            Keys& names) {
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

  Activity activity(const YAML::Node& node, const std::string& path);
  Profile profile(const YAML::Node& node, const std::string& path);
  std::vector<Headcount> headcounts(const YAML::Node* node, const std::string& path,
                                    bool allow_at);
  Strategy strategy(const YAML::Node& node, const std::string& path, int horizon);
  void model_constants(const YAML::Node& node, ModelConstants& model);
  void risk_report(const YAML::Node& node, RiskReport& risk);
  void sensitivity(const YAML::Node& node, const YAML::Node& root, const Keys& strategy_names,
                   SensitivitySpec& spec);
  std::optional<ScenarioInput> scenario_input(const YAML::Node& node, const std::string& path,
                                              const YAML::Node& root, bool decision);
  std::vector<ScenarioInput> scenario_inputs(const YAML::Node* node, const std::string& path,
                                             const YAML::Node& root, bool decision);
  std::vector<int> strategy_list(const YAML::Node& node, const std::string& path, const Keys& strategy_names);
  void optimize(const YAML::Node& node, const YAML::Node& root, const Keys& strategy_names, OptimizeSpec& spec);
  std::vector<double> number_list(const YAML::Node& node, const std::string& path, Range range);
  std::vector<Correlation> correlations(const YAML::Node* node);
  void check_positive_definite(const YAML::Node& at, const std::vector<Correlation>& pairs);
  void warn_unstaffable(const YAML::Node& root, const Scenario& s);
  void check_sizes(const MapView& m, const Scenario& s);

  std::string file_;
  std::vector<Diagnostic> diagnostics_;

 public:
  std::vector<Diagnostic> warnings_;

 private:
  Keys activity_names_;
  Keys profile_names_;
};

// --- Distributions --------------------------------------------------------------------

const Keys kFamilies = {"uniform", "triangular", "pert", "normal", "lognormal", "beta",
                        "discrete"};

std::optional<std::vector<double>> Reader::numbers(const YAML::Node& node,
                                                   const std::string& path, std::size_t count) {
  if (!node.IsSequence() || node.size() != count) {
    error(node, path, "expected a list of " + std::to_string(count) + " numbers, got " +
                          (node.IsSequence() ? "a list of " + std::to_string(node.size())
                                             : describe_kind(node)));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (std::size_t i = 0; i < count; ++i) {
    const auto v = number(node[i], item(path, i));
    ok = ok && v.has_value();
    out.push_back(v.value_or(0));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Distribution> Reader::ordered_three(const YAML::Node& node, const std::string& path,
                                                  bool pert, const YAML::Node* lambda_node) {
  const auto v = numbers(node, path, 3);
  if (!v) return std::nullopt;
  const double lo = (*v)[0], mode = (*v)[1], hi = (*v)[2];
  if (!(lo <= mode && mode <= hi)) {
    error(node, path,
          "must be ordered [lo, mode, hi] with lo <= mode <= hi, got [" + node[0].Scalar() + ", " +
              node[1].Scalar() + ", " + node[2].Scalar() + "]");
    return std::nullopt;
  }
  if (!pert) return Distribution::triangular(lo, mode, hi);
  double lambda = 4;
  if (lambda_node) {
    const auto l = number(*lambda_node, child(path.substr(0, path.rfind('.')), "lambda"),
                          Range::kNonNegative);
    if (!l) return std::nullopt;
    lambda = *l;
  }
  return Distribution::pert(lo, mode, hi, lambda);
}

std::optional<Distribution> Reader::distribution_family(const std::string& family,
                                                        const YAML::Node& node,
                                                        const std::string& path,
                                                        const YAML::Node* lambda,
                                                        std::vector<double>& raw) {
  if (family == "uniform") {
    const auto v = numbers(node, path, 2);
    if (!v) return std::nullopt;
    if ((*v)[0] > (*v)[1]) {
      error(node, path, "must be [lo, hi] with lo <= hi");
      return std::nullopt;
    }
    raw = *v;
    return Distribution::uniform((*v)[0], (*v)[1]);
  }
  if (family == "triangular" || family == "pert") {
    return ordered_three(node, path, family == "pert", lambda);
  }
  if (family == "normal") {
    const MapView m = map(node, path, {"mean", "sd"}, {"mean", "sd"});
    if (!m.ok_ || !m.has("mean") || !m.has("sd")) return std::nullopt;
    const auto mean = number(*m.get("mean"), child(path, "mean"));
    const auto sd = number(*m.get("sd"), child(path, "sd"), Range::kNonNegative);
    if (!mean || !sd) return std::nullopt;
    return Distribution::normal(*mean, *sd);
  }
  if (family == "lognormal") {
    if (node.IsMap() && (node["p5"] || node["p95"]) && (node["median"] || node["sigma"])) {
      error(node, path, "give either {median, sigma} or {p5, p95}, not a mix");
      return std::nullopt;
    }
    if (node.IsMap() && (node["p5"] || node["p95"])) {
      const MapView m = map(node, path, {"p5", "p95"}, {"p5", "p95"});
      if (!m.ok_ || !m.has("p5") || !m.has("p95")) return std::nullopt;
      const auto p5 = number(*m.get("p5"), child(path, "p5"), Range::kPositive);
      const auto p95 = number(*m.get("p95"), child(path, "p95"), Range::kPositive);
      if (!p5 || !p95) return std::nullopt;
      if (*p5 > *p95) {
        error(node, path, "p5 must not exceed p95");
        return std::nullopt;
      }
      const double sigma = (portable_log(*p95) - portable_log(*p5)) / (2 * 1.6448536269514722);
      if (sigma > kLargestSigma) {
        error(node, path, "p95 / p5 = " + format_ratio(*p95 / *p5) +
                              " means a sigma of " + std::to_string(sigma).substr(0, 5) +
                              "; at most 10 (p95 / p5 up to about 1.9e14)");
        return std::nullopt;
      }
      return Distribution::lognormal_interval(*p5, *p95);
    }
    const MapView m = map(node, path, {"median", "sigma"}, {"median", "sigma"});
    if (!m.ok_ || !m.has("median") || !m.has("sigma")) return std::nullopt;
    const auto median = number(*m.get("median"), child(path, "median"), Range::kPositive);
    const auto sigma = number(*m.get("sigma"), child(path, "sigma"), Range::kNonNegative);
    if (!median || !sigma) return std::nullopt;
    if (*sigma > kLargestSigma) {
      error(*m.get("sigma"), child(path, "sigma"),
            "a sigma of " + m.get("sigma")->Scalar() + " is absurd; at most 10");
      return std::nullopt;
    }
    return Distribution::lognormal(portable_log(*median), *sigma);
  }
  if (family == "beta") {
    const MapView m = map(node, path, {"a", "b", "range"}, {"a", "b"});
    if (!m.ok_ || !m.has("a") || !m.has("b")) return std::nullopt;
    const auto a = number(*m.get("a"), child(path, "a"), Range::kPositive);
    const auto b = number(*m.get("b"), child(path, "b"), Range::kPositive);
    std::vector<double> range = {0, 1};
    if (const auto* r = m.get("range")) {
      const auto v = numbers(*r, child(path, "range"), 2);
      if (!v) return std::nullopt;
      if ((*v)[0] > (*v)[1]) {
        error(*r, child(path, "range"), "must be [lo, hi] with lo <= hi");
        return std::nullopt;
      }
      range = *v;
    }
    if (!a || !b) return std::nullopt;
    raw = range;
    return Distribution::beta(*a, *b, range[0], range[1]);
  }
  if (family == "discrete") {
    const MapView m = map(node, path, {"values", "weights"}, {"values"});
    if (!m.ok_ || !m.has("values")) return std::nullopt;
    const YAML::Node& values_node = *m.get("values");
    if (!values_node.IsSequence() || values_node.size() == 0) {
      error(values_node, child(path, "values"), "expected a non-empty list of numbers");
      return std::nullopt;
    }
    const auto values = numbers(values_node, child(path, "values"), values_node.size());
    if (!values) return std::nullopt;
    std::vector<double> weights;
    if (const auto* w = m.get("weights")) {
      if (!w->IsSequence() || w->size() != values->size()) {
        error(*w, child(path, "weights"),
              "expected as many weights as values (" + std::to_string(values->size()) + ")");
        return std::nullopt;
      }
      const auto ws = numbers(*w, child(path, "weights"), w->size());
      if (!ws) return std::nullopt;
      double total = 0;
      for (std::size_t i = 0; i < ws->size(); ++i) {
        if ((*ws)[i] < 0) {
          error((*w)[i], item(child(path, "weights"), i), "a weight must be 0 or more");
          return std::nullopt;
        }
        total += (*ws)[i];
      }
      if (total <= 0) {
        error(*w, child(path, "weights"), "the weights must not all be 0");
        return std::nullopt;
      }
      weights = *ws;
    }
    raw = *values;
    return Distribution::discrete(*values, weights);
  }
  return std::nullopt;
}

Distribution Reader::distribution(const YAML::Node& node, const std::string& path,
                                  bool nonnegative) {
  if (node.IsScalar()) {
    const auto v = number(node, path);
    if (!v) return {};
    if (nonnegative && *v < 0) {
      error(node, path, "must be 0 or more, got " + node.Scalar());
      return {};
    }
    return Distribution::fixed(*v);
  }
  Keys allowed = kFamilies;
  allowed.push_back("lambda");
  allowed.push_back("clip");
  if (!node.IsMap()) {
    error(node, path, "expected a number or a distribution ({" + join(kFamilies) +
                          "}: ...), got " + describe_kind(node));
    return {};
  }
  const MapView m = map(node, path, allowed, {});
  if (!m.ok_) return {};
  Keys present;
  for (const auto& f : kFamilies)
    if (m.has(f)) present.push_back(f);
  if (present.size() != 1) {
    error(node, path,
          present.empty() ? "expected a number or exactly one of " + join(kFamilies)
                          : "exactly one distribution family per value, got " + join(present));
    return {};
  }
  const std::string& family = present[0];
  const YAML::Node* lambda = m.get("lambda");
  if (lambda && family != "pert") {
    error(*lambda, child(path, "lambda"), "'lambda' belongs to pert only");
  }
  std::vector<double> raw;
  auto d = distribution_family(family, *m.get(family), child(path, family),
                               family == "pert" ? lambda : nullptr, raw);
  if (!d) return {};
  bool clipped_below_zero = false;
  if (const auto* clip = m.get("clip")) {
    const auto v = numbers(*clip, child(path, "clip"), 2);
    if (!v) return {};
    if ((*v)[0] > (*v)[1]) {
      error(*clip, child(path, "clip"), "must be [lo, hi] with lo <= hi");
      return {};
    }
    d = d->clipped((*v)[0], (*v)[1]);
    clipped_below_zero = (*v)[0] >= 0;
  }
  if (nonnegative && !clipped_below_zero) {
    const double lowest = raw.empty() ? d->support_min() : *std::min_element(raw.begin(), raw.end());
    if (lowest < 0 || !std::isfinite(lowest)) {
      std::ostringstream why;
      if (std::isfinite(lowest)) {
        why << "its lowest value is " << lowest;
      } else {
        why << d->describe() << " is unbounded below";
      }
      error(node, path,
            "draws could fall below 0 (" + why.str() +
                "); money and losses must be 0 or more: use a family bounded at 0 or add "
                "'clip: [0, hi]'");
      return {};
    }
  }
  return *d;
}

// --- Entities -------------------------------------------------------------------------

Activity Reader::activity(const YAML::Node& node, const std::string& path) {
  Activity a;
  const MapView m = map(node, path,
                        {"name", "description", "challenge", "hours_per_unit", "units_per_period",
                         "value", "cost", "incident", "volatility", "unmet_cost"},
                        {"name", "challenge", "hours_per_unit", "units_per_period", "value"});
  if (!m.ok_) return a;
  if (const auto* n = m.get("name")) a.name = name(*n, child(path, "name")).value_or("");
  read_text(m, "description", path, a.description);
  if (const auto* c = m.get("challenge")) {
    const std::string cpath = child(path, "challenge");
    const MapView cm = map(*c, cpath, {"online", "domain"}, {"online", "domain"});
    read_number(cm, "online", cpath, Range::kUnit, a.challenge.online);
    read_number(cm, "domain", cpath, Range::kUnit, a.challenge.domain);
  }
  read_number(m, "hours_per_unit", path, Range::kPositive, a.hours_per_unit);
  read_number(m, "units_per_period", path, Range::kNonNegative, a.units_per_period);
  if (a.units_per_period > kMostUnits) {
    error(*m.get("units_per_period"), child(path, "units_per_period"),
          "is absurdly large (" + m.get("units_per_period")->Scalar() + "); at most 1000000 units a period");
    a.units_per_period = 0;
  }
  if (const auto* v = m.get("value")) a.value = distribution(*v, child(path, "value"), true);
  if (const auto* v = m.get("cost")) a.cost = distribution(*v, child(path, "cost"), true);
  if (const auto* v = m.get("unmet_cost"))
    a.unmet_cost = distribution(*v, child(path, "unmet_cost"), true);
  read_number(m, "volatility", path, Range::kNonNegative, a.volatility);
  if (a.volatility > kLargestVolatility) {
    error(*m.get("volatility"), child(path, "volatility"),
          "a volatility of " + m.get("volatility")->Scalar() +
              " is absurd (it multiplies value by up to e^" +
              format_ratio(8 * a.volatility) + "); at most 5");
    a.volatility = 0;
  }
  if (const auto* inc = m.get("incident")) {
    const std::string ipath = child(path, "incident");
    const MapView im = map(*inc, ipath, {"probability", "severity"}, {});
    read_number(im, "probability", ipath, Range::kUnit, a.incident_probability);
    if (const auto* s = im.get("severity")) {
      a.severity = distribution(*s, child(ipath, "severity"), true);
    } else if (im.ok_ && a.incident_probability > 0) {
      error(*inc, child(ipath, "severity"),
            "missing required key 'severity': the incident probability is above 0");
    }
  }
  return a;
}

Profile Reader::profile(const YAML::Node& node, const std::string& path) {
  Profile p;
  const MapView m = map(node, path,
                        {"name", "description", "online", "domain", "salary_per_period",
                         "hours_per_period", "learning_rate", "resistance", "attrition_hazard",
                         "hire_cost", "replace"},
                        {"name", "online", "domain", "salary_per_period", "hours_per_period"});
  if (!m.ok_) return p;
  if (const auto* n = m.get("name")) p.name = name(*n, child(path, "name")).value_or("");
  read_text(m, "description", path, p.description);
  // Skills, eta and rho may be distributions; a plain number must already be in range.
  const auto ranged = [&](const char* key, Range range, Distribution& out) {
    const auto* v = m.get(key);
    if (!v) return;
    if (v->IsScalar()) {
      if (auto x = number(*v, child(path, key), range)) out = Distribution::fixed(*x);
    } else {
      out = distribution(*v, child(path, key), false);
    }
  };
  ranged("online", Range::kUnit, p.online);
  ranged("domain", Range::kUnit, p.domain);
  ranged("learning_rate", Range::kNonNegative, p.learning_rate);
  ranged("resistance", Range::kUnit, p.resistance);
  read_number(m, "salary_per_period", path, Range::kNonNegative, p.salary_per_period);
  read_number(m, "hours_per_period", path, Range::kPositive, p.hours_per_period);
  read_number(m, "attrition_hazard", path, Range::kUnit, p.attrition_hazard);
  read_number(m, "hire_cost", path, Range::kNonNegative, p.hire_cost);
  if (const auto* r = m.get("replace")) p.replace = boolean(*r, child(path, "replace")).value_or(true);
  return p;
}

std::vector<Headcount> Reader::headcounts(const YAML::Node* node, const std::string& path,
                                          bool allow_at) {
  std::vector<Headcount> out;
  if (!node) return out;
  if (!node->IsSequence()) {
    error(*node, path, "expected a list of {profile, count" + std::string(allow_at ? ", at}" : "}") +
                           ", got " + describe_kind(*node));
    return out;
  }
  for (std::size_t i = 0; i < node->size(); ++i) {
    const std::string ipath = item(path, i);
    Keys keys = {"profile", "count"};
    if (allow_at) keys.push_back("at");
    const MapView m = map((*node)[i], ipath, keys, {"profile", "count"});
    Headcount h;
    if (const auto* p = m.get("profile"))
      h.profile = lookup(*p, child(ipath, "profile"), profile_names_, "profile");
    read_whole(m, "count", ipath, 0, h.count);
    if (h.count > kMostPeople) {
      error(*m.get("count"), child(ipath, "count"),
            "is absurdly large (" + m.get("count")->Scalar() + "); at most 100000 people in all");
      h.count = 0;
    }
    read_whole(m, "at", ipath, 0, h.at);
    if (m.ok_ && h.profile >= 0) out.push_back(h);
  }
  return out;
}

Strategy Reader::strategy(const YAML::Node& node, const std::string& path, int horizon) {
  Strategy s;
  const MapView m = map(node, path,
                        {"name", "description", "hire", "train", "mentor", "assign", "demand",
                         "release"},
                        {"name"});
  if (!m.ok_) return s;
  if (const auto* n = m.get("name")) s.name = name(*n, child(path, "name")).value_or("");
  read_text(m, "description", path, s.description);
  s.hire = headcounts(m.get("hire"), child(path, "hire"), true);

  if (const auto* train = m.get("train")) {
    const std::string tpath = child(path, "train");
    if (!train->IsSequence()) {
      error(*train, tpath, "expected a list of training programmes, got " + describe_kind(*train));
    } else {
      for (std::size_t i = 0; i < train->size(); ++i) {
        const std::string ipath = item(tpath, i);
        const MapView tm = map((*train)[i], ipath,
                               {"who", "from", "to", "hours_per_period",
                                "cost_per_person_per_period", "gain"},
                               {"who", "hours_per_period"});
        Training t;
        t.to = horizon;
        if (const auto* w = tm.get("who"))
          t.who = lookup(*w, child(ipath, "who"), profile_names_, "profile");
        read_whole(tm, "from", ipath, 0, t.from);
        read_whole(tm, "to", ipath, 0, t.to);
        if (t.from > t.to && tm.has("from"))
          error(*tm.get("from"), child(ipath, "from"),
                "'from' (" + std::to_string(t.from) + ") must not be after 'to' (" +
                    std::to_string(t.to) + (tm.has("to") ? ")" : ", the horizon, as 'to' is not given)"));
        read_number(tm, "hours_per_period", ipath, Range::kNonNegative, t.hours_per_period);
        read_number(tm, "cost_per_person_per_period", ipath, Range::kNonNegative,
                    t.cost_per_person_per_period);
        if (const auto* g = tm.get("gain")) {
          const std::string gpath = child(ipath, "gain");
          const MapView gm = map(*g, gpath, {"online", "domain"}, {});
          read_number(gm, "online", gpath, Range::kNonNegative, t.gain.online);
          read_number(gm, "domain", gpath, Range::kNonNegative, t.gain.domain);
        }
        if (tm.ok_ && t.who >= 0) s.train.push_back(t);
      }
    }
  }

  if (const auto* mentor = m.get("mentor")) {
    const std::string mpath = child(path, "mentor");
    const MapView mm = map(*mentor, mpath, {"mentee", "mentor", "hours_per_period", "rate"},
                           {"mentee", "mentor", "hours_per_period", "rate"});
    Mentoring mt;
    int mentee = -1, mentor_profile = -1;
    if (const auto* v = mm.get("mentee"))
      mentee = lookup(*v, child(mpath, "mentee"), profile_names_, "profile");
    if (const auto* v = mm.get("mentor"))
      mentor_profile = lookup(*v, child(mpath, "mentor"), profile_names_, "profile");
    read_number(mm, "hours_per_period", mpath, Range::kNonNegative, mt.hours_per_period);
    read_number(mm, "rate", mpath, Range::kNonNegative, mt.rate);
    if (mentee >= 0 && mentee == mentor_profile) {
      error(*mm.get("mentor"), child(mpath, "mentor"),
            "a profile cannot mentor itself: mentee and mentor must differ");
    } else if (mentee >= 0 && mentor_profile >= 0) {
      mt.mentee = mentee;
      mt.mentor = mentor_profile;
      s.mentor = mt;
    }
  }

  if (const auto* assign = m.get("assign")) {
    const std::string apath = child(path, "assign");
    const MapView am = map(*assign, apath, {"policy", "roles", "stretch"}, {});
    if (const auto* p = am.get("policy")) {
      const auto policy = text(*p, child(apath, "policy"));
      if (policy == "static") {
        s.policy = AssignPolicy::kStatic;
      } else if (policy == "flow") {
        s.policy = AssignPolicy::kFlow;
      } else if (policy) {
        error(*p, child(apath, "policy"),
              "unknown policy '" + *policy + "'" + suggestion(*policy, {"static", "flow"}) +
                  "; expected static or flow");
      }
    }
    if (const auto* st = am.get("stretch")) {
      if (s.policy != AssignPolicy::kFlow)
        error(*st, child(apath, "stretch"), "'stretch' belongs to the flow policy only");
      if (auto v = number(*st, child(apath, "stretch"))) s.stretch = *v;
    }
    if (const auto* roles = am.get("roles")) {
      const std::string rpath = child(apath, "roles");
      if (s.policy != AssignPolicy::kStatic) {
        error(*roles, rpath, "'roles' belongs to the static policy only");
      } else if (!roles->IsMap()) {
        error(*roles, rpath, "expected a map of activity: [profiles], got " + describe_kind(*roles));
      } else {
        s.roles.assign(activity_names_.size(), std::nullopt);
        for (const auto& entry : *roles) {
          const YAML::Node key = entry.first, value = entry.second;
          const int a = lookup(key, rpath, activity_names_, "activity");
          if (a < 0) continue;
          const std::string ppath = child(rpath, key.Scalar());
          if (s.roles[a]) {
            error(key, ppath, "duplicate key '" + key.Scalar() + "'; each key may appear once");
            continue;
          }
          std::vector<int> allowed;
          if (!value.IsSequence()) {
            error(value, ppath, "expected a list of profiles, got " + describe_kind(value));
            continue;
          }
          for (std::size_t i = 0; i < value.size(); ++i) {
            const int p = lookup(value[i], item(ppath, i), profile_names_, "profile");
            if (p >= 0) allowed.push_back(p);
          }
          s.roles[a] = std::move(allowed);
        }
      }
    }
  }

  if (const auto* demand = m.get("demand")) {
    const std::string dpath = child(path, "demand");
    if (!demand->IsMap()) {
      error(*demand, dpath, "expected a map of activity: units_per_period, got " + describe_kind(*demand));
    } else {
      s.demand.assign(activity_names_.size(), std::nullopt);
      for (const auto& entry : *demand) {
        const YAML::Node key = entry.first, value = entry.second;
        const int a = lookup(key, dpath, activity_names_, "activity");
        if (a < 0) continue;
        const std::string key_path = child(dpath, key.Scalar());
        if (s.demand[a]) {
          error(key, key_path, "duplicate key '" + key.Scalar() + "'; each key may appear once");
          continue;
        }
        if (auto v = number(value, key_path, Range::kNonNegative)) {
          if (*v > kMostUnits) {
            error(value, key_path, "is absurdly large (" + value.Scalar() + "); at most 1000000 units a period");
          } else {
            s.demand[a] = *v;
          }
        }
      }
    }
  }

  if (const auto* release = m.get("release")) {
    const std::string rpath = child(path, "release");
    if (!release->IsSequence()) {
      error(*release, rpath, "expected a list of profiles, got " + describe_kind(*release));
    } else {
      for (std::size_t i = 0; i < release->size(); ++i) {
        const int p = lookup((*release)[i], item(rpath, i), profile_names_, "profile");
        if (p >= 0) s.release.push_back(p);
      }
    }
  }
  return s;
}

void Reader::model_constants(const YAML::Node& node, ModelConstants& k) {
  const std::string path = "model";
  const MapView m = map(node, path,
                        {"flow_width", "success_max", "success_slope", "success_offset",
                         "flow_bonus", "boredom_slope", "quality_floor", "incident_slope",
                         "learning_peak", "learning_width", "burnout_anxiety", "burnout_boredom",
                         "burnout_recovery", "attrition_per_burnout", "supervision",
                         "replacement_lag", "catastrophe"},
                        {});
  read_number(m, "flow_width", path, Range::kNonNegative, k.flow_width);
  read_number(m, "success_max", path, Range::kUnit, k.success_max);
  read_number(m, "success_slope", path, Range::kNonNegative, k.success_slope);
  read_number(m, "success_offset", path, Range::kAny, k.success_offset);
  read_number(m, "flow_bonus", path, Range::kNonNegative, k.flow_bonus);
  read_number(m, "boredom_slope", path, Range::kNonNegative, k.boredom_slope);
  read_number(m, "quality_floor", path, Range::kNonNegative, k.quality_floor);
  read_number(m, "incident_slope", path, Range::kNonNegative, k.incident_slope);
  read_number(m, "learning_peak", path, Range::kAny, k.learning_peak);
  read_number(m, "learning_width", path, Range::kPositive, k.learning_width);
  read_number(m, "burnout_anxiety", path, Range::kNonNegative, k.burnout_anxiety);
  read_number(m, "burnout_boredom", path, Range::kNonNegative, k.burnout_boredom);
  read_number(m, "burnout_recovery", path, Range::kUnit, k.burnout_recovery);
  read_number(m, "attrition_per_burnout", path, Range::kNonNegative, k.attrition_per_burnout);
  read_number(m, "supervision", path, Range::kUnit, k.supervision);
  read_whole(m, "replacement_lag", path, 0, k.replacement_lag);
  read_number(m, "catastrophe", path, Range::kPositive, k.catastrophe);
}

std::vector<double> Reader::number_list(const YAML::Node& node, const std::string& path,
                                        Range range) {
  std::vector<double> out;
  if (!node.IsSequence()) {
    error(node, path, "expected a list of numbers, got " + describe_kind(node));
    return out;
  }
  for (std::size_t i = 0; i < node.size(); ++i)
    if (const auto v = number(node[i], item(path, i), range)) out.push_back(*v);
  return out;
}

void Reader::risk_report(const YAML::Node& node, RiskReport& risk) {
  const MapView m = map(node, "risk", {"levels", "loss_thresholds"}, {});
  if (const auto* levels = m.get("levels")) {
    risk.levels = number_list(*levels, "risk.levels", Range::kOpenUnit);
    if (levels->IsSequence() && levels->size() == 0)
      error(*levels, "risk.levels", "give at least one level, such as [0.95]");
  }
  if (const auto* thresholds = m.get("loss_thresholds"))
    risk.loss_thresholds = number_list(*thresholds, "risk.loss_thresholds", Range::kNonNegative);
}

// The `sensitivity:` block (docs/sensitivity.md).
void Reader::sensitivity(const YAML::Node& node, const YAML::Node& root, const Keys& strategy_names,
                         SensitivitySpec& spec) {
  const std::string path = "sensitivity";
  const MapView m = map(node, path,
                        {"inputs", "outputs", "strategies", "differences", "trials", "samples", "bootstrap"},
                        {"inputs"});
  if (!m.ok_) return;
  read_count(m, path, "trials", 2, kMaxTrials, spec.trials);
  read_count(m, path, "samples", 2, 1'000'000, spec.samples);
  read_count(m, path, "bootstrap", 2, 100'000, spec.bootstrap);

  const auto list = [&](const char* key) { return list_of(m, path, key); };
  if (const auto* outputs = list("outputs")) {
    spec.outputs.clear();
    const Keys known = {"mean_npv", "cvar95", "p_loss"};
    for (std::size_t i = 0; i < outputs->size(); ++i) {
      const int k = lookup((*outputs)[i], item(child(path, "outputs"), i), known, "output");
      if (k < 0) continue;
      const auto output = static_cast<SensitivityOutput>(k);
      if (std::find(spec.outputs.begin(), spec.outputs.end(), output) != spec.outputs.end()) {
        error((*outputs)[i], item(child(path, "outputs"), i), "'" + known[k] + "' is listed twice");
      } else {
        spec.outputs.push_back(output);
      }
    }
    if (outputs->size() == 0) error(*outputs, child(path, "outputs"), "give at least one of " + join(known));
  }
  if (const auto* strategies = list("strategies"))
    spec.strategies = strategy_list(*strategies, child(path, "strategies"), strategy_names);
  if (const auto* differences = list("differences")) {
    for (std::size_t i = 0; i < differences->size(); ++i) {
      const YAML::Node pair = (*differences)[i];
      const std::string p = item(child(path, "differences"), i);
      if (!pair.IsSequence() || pair.size() != 2) {
        error(pair, p, "expected a pair [a, b] of strategies (the mean npv difference a - b), got " +
                           describe_kind(pair));
        continue;
      }
      const int a = lookup(pair[0], item(p, 0), strategy_names, "strategy");
      const int b = lookup(pair[1], item(p, 1), strategy_names, "strategy");
      if (a >= 0 && a == b) error(pair, p, "a strategy compared with itself");
      if (a >= 0 && b >= 0 && a != b) spec.differences.emplace_back(a, b);
    }
  }
  spec.inputs = scenario_inputs(list("inputs"), child(path, "inputs"), root, false);
}

std::vector<int> Reader::strategy_list(const YAML::Node& node, const std::string& path, const Keys& strategy_names) {
  std::vector<int> out;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const int k = lookup(node[i], item(path, i), strategy_names, "strategy");
    if (k < 0) continue;
    if (std::find(out.begin(), out.end(), k) != out.end()) {
      error(node[i], item(path, i), "'" + strategy_names[k] + "' is listed twice");
    } else {
      out.push_back(k);
    }
  }
  return out;
}

// A list of inputs (sensitivity) or decisions (optimize): each a number at key paths.
std::vector<ScenarioInput> Reader::scenario_inputs(const YAML::Node* inputs, const std::string& path,
                                                   const YAML::Node& root, bool decision) {
  std::vector<ScenarioInput> out;
  if (!inputs) return out;
  if (inputs->size() == 0) error(*inputs, path, decision ? "give at least one decision" : "give at least one input");
  if (inputs->size() > 100) {
    error(*inputs, path, std::to_string(inputs->size()) + " entries; at most 100");
    return out;
  }
  std::map<std::string, std::string> owner;  // key path -> the input that sets it
  for (std::size_t i = 0; i < inputs->size(); ++i) {
    const YAML::Node entry = (*inputs)[i];
    auto input = scenario_input(entry, item(path, i), root, decision);
    if (!input) continue;
    for (const std::string& key_path : input->paths) {
      if (const auto it = owner.find(key_path); it != owner.end()) {
        error(entry, input->where.path, "sets " + key_path + ", which input '" + it->second + "' sets too");
      }
      owner.emplace(key_path, input->name);
    }
    out.push_back(std::move(*input));
  }
  return out;
}

// The `optimize:` block (docs/frontier.md).
void Reader::optimize(const YAML::Node& node, const YAML::Node& root, const Keys& strategy_names,
                      OptimizeSpec& spec) {
  const std::string path = "optimize";
  const MapView m = map(node, path,
                        {"decisions", "strategies", "objective", "risk", "constraints", "trials", "candidates",
                         "refine"},
                        {"decisions"});
  if (!m.ok_) return;
  read_count(m, path, "trials", 2, kMaxTrials, spec.trials);
  read_count(m, path, "candidates", 1, 100'000, spec.candidates);
  read_count(m, path, "refine", 0, 20, spec.refine);
  if (const auto* o = m.get("objective")) lookup(*o, child(path, "objective"), {"mean_npv"}, "objective");
  if (const auto* r = m.get("risk")) {
    const int k = lookup(*r, child(path, "risk"), {"cvar95", "p_loss"}, "risk measure");
    if (k >= 0) spec.risk = static_cast<RiskMeasure>(k);
  }
  if (const auto* c = m.get("constraints")) {
    const std::string cpath = child(path, "constraints");
    const MapView cm = map(*c, cpath, {"cvar95", "p_loss", "cost"}, {});
    if (const auto* v = cm.get("cvar95")) spec.max_cvar95 = number(*v, child(cpath, "cvar95"));
    if (const auto* v = cm.get("p_loss")) spec.max_p_loss = number(*v, child(cpath, "p_loss"), Range::kUnit);
    if (const auto* v = cm.get("cost")) spec.max_cost = number(*v, child(cpath, "cost"), Range::kNonNegative);
  }
  if (const auto* strategies = list_of(m, path, "strategies"))
    spec.strategies = strategy_list(*strategies, child(path, "strategies"), strategy_names);
  spec.decisions = scenario_inputs(list_of(m, path, "decisions"), child(path, "decisions"), root, true);
}

std::optional<ScenarioInput> Reader::scenario_input(const YAML::Node& node, const std::string& path,
                                                     const YAML::Node& root, bool decision) {
  const MapView m = decision ? map(node, path, {"name", "path", "range", "step"}, {"path", "range"})
                             : map(node, path, {"name", "path", "range", "distribution"}, {"path"});
  if (!m.ok_) return std::nullopt;
  ScenarioInput input;
  input.where = locate(node, path, "");
  const std::size_t errors = diagnostics_.size();
  const YAML::Node& paths = *m.get("path");
  std::vector<std::pair<YAML::Node, std::string>> given;  // (node, key path)
  if (paths.IsSequence() && paths.size() > 0) {
    for (std::size_t k = 0; k < paths.size(); ++k) given.emplace_back(paths[k], item(child(path, "path"), k));
  } else {
    given.emplace_back(paths, child(path, "path"));
  }
  for (const auto& [at, p] : given) {
    const auto key_path = text(at, p);
    if (!key_path) continue;
    if (key_path->rfind("sensitivity", 0) == 0 || key_path->rfind("optimize", 0) == 0 || *key_path == "name") {
      error(at, p, "'" + *key_path + "' is not an input of the simulation");
      continue;
    }
    YAML::Node copy = YAML::Clone(root);
    try {
      const YAML::Node old = set_key_path(copy, *key_path, YAML::Node(0));
      std::string base;
      if (!old || old.IsNull()) {
        base = "default";
      } else if (old.IsScalar()) {
        base = old.Scalar();
      } else {
        YAML::Emitter out;
        out << YAML::Flow << old;
        base = out.c_str();
      }
      // Paths set together may hold different values as written: no single base then.
      if (input.paths.empty()) input.base = base;
      else if (base != input.base) input.base = "differs by path";
      input.paths.push_back(*key_path);
    } catch (const std::invalid_argument& e) {
      error(at, p, "the key path " + *key_path + " does not lead to a value: " + e.what());
    }
  }
  input.name = input.paths.empty() ? "" : input.paths.front();
  if (const auto* n = m.get("name")) input.name = name(*n, child(path, "name")).value_or(input.name);
  const auto* range = m.get("range");
  const auto* distribution_node = m.get("distribution");
  if (range) {
    if (const auto v = numbers(*range, child(path, "range"), 2)) {
      if (!((*v)[0] < (*v)[1])) {
        error(*range, child(path, "range"), "must be [low, high] with low < high");
      } else {
        input.low = (*v)[0];
        input.high = (*v)[1];
        input.distribution = Distribution::uniform(input.low, input.high);
      }
    }
  }
  if (distribution_node) {
    input.distribution = distribution(*distribution_node, child(path, "distribution"), false);
    if (input.distribution.is_fixed()) {
      error(*distribution_node, child(path, "distribution"), "a fixed value has no uncertainty to explain");
    } else if (!range) {
      // The tornado moves the input across the central 90% of its distribution.
      input.low = input.distribution.quantile(0.05);
      input.high = input.distribution.quantile(0.95);
      if (!(input.low < input.high)) {
        error(*distribution_node, child(path, "distribution"),
              "its 5% and 95% quantiles are equal; give a range for the tornado");
      }
    }
  }
  if (const auto* step = m.get("step")) {
    const auto v = number(*step, child(path, "step"), Range::kPositive);
    if (v && range && input.high > input.low && *v > input.high - input.low) {
      error(*step, child(path, "step"), "is wider than the range");
    } else if (v) {
      input.step = *v;
    }
  }
  if (!decision && !range && !distribution_node)
    error(node, path, "give a range [low, high], a distribution, or both (the range is the tornado's)");
  if (diagnostics_.size() != errors) return std::nullopt;
  return input;
}

std::vector<Correlation> Reader::correlations(const YAML::Node* node) {
  std::vector<Correlation> out;
  if (!node) return out;
  const std::string path = "correlation";
  if (!node->IsSequence()) {
    error(*node, path, "expected a list of {between: [a, b], rho}, got " + describe_kind(*node));
    return out;
  }
  std::map<std::pair<int, int>, std::size_t> seen;
  for (std::size_t i = 0; i < node->size(); ++i) {
    const std::string ipath = item(path, i);
    const MapView m = map((*node)[i], ipath, {"between", "rho"}, {"between", "rho"});
    if (!m.ok_ || !m.has("between") || !m.has("rho")) continue;
    const YAML::Node& between = *m.get("between");
    const std::string bpath = child(ipath, "between");
    if (!between.IsSequence() || between.size() != 2) {
      error(between, bpath, "expected a list of two activity names");
      continue;
    }
    const int a = lookup(between[0], item(bpath, 0), activity_names_, "activity");
    const int b = lookup(between[1], item(bpath, 1), activity_names_, "activity");
    const auto rho = number(*m.get("rho"), child(ipath, "rho"), Range::kOpenUnitSymmetric);
    if (a < 0 || b < 0 || !rho) continue;
    if (a == b) {
      error(between, bpath, "an activity cannot be correlated with itself ('" +
                                activity_names_[a] + "')");
      continue;
    }
    const auto key = std::minmax(a, b);
    if (seen.count(key)) {
      error(between, bpath,
            "the pair " + activity_names_[a] + "/" + activity_names_[b] +
                " is listed twice (first as correlation[" + std::to_string(seen[key]) + "])");
      continue;
    }
    seen[key] = i;
    out.push_back({a, b, *rho});
  }
  check_positive_definite(*node, out);
  return out;
}

void Reader::check_positive_definite(const YAML::Node& at, const std::vector<Correlation>& pairs) {
  const int n = static_cast<int>(activity_names_.size());
  if (pairs.empty() || n == 0) return;
  Eigen::MatrixXd c = Eigen::MatrixXd::Identity(n, n);
  for (const auto& p : pairs) c(p.first, p.second) = c(p.second, p.first) = p.rho;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(c);
  const double smallest = eigen.eigenvalues()(0);
  if (smallest > 1e-10) return;
  // The eigenvector of the smallest eigenvalue shows which activities conflict.
  const Eigen::VectorXd v = eigen.eigenvectors().col(0);
  std::string involved;
  for (const auto& p : pairs) {
    if (std::abs(v(p.first)) > 0.1 && std::abs(v(p.second)) > 0.1)
      involved += (involved.empty() ? "" : ", ") + activity_names_[p.first] + "/" +
                  activity_names_[p.second] + " (" + format_ratio(p.rho) + ")";
  }
  std::ostringstream msg;
  msg << "the correlation matrix is not positive definite (smallest eigenvalue " << smallest
      << "); these pairs cannot hold together: " << involved
      << "; change these correlations so that they can hold together";
  error(at, "correlation", msg.str());
}

// A warning, not an error: a strategy under which some activity with demand can never
// be worked, because no one it may ever have is allowed to (roles) or has the hours.
void Reader::warn_unstaffable(const YAML::Node& root, const Scenario& s) {
  const YAML::Node strategies = root["strategies"];
  for (std::size_t k = 0; k < s.strategies.size(); ++k) {
    const Strategy& st = s.strategies[k];
    std::vector<char> present(s.profiles.size(), 0);
    for (const Headcount& h : s.staff) {
      const bool released = std::find(st.release.begin(), st.release.end(), h.profile) != st.release.end();
      if (h.count > 0 && !released && h.at < s.horizon) present[h.profile] = 1;
    }
    for (const Headcount& h : st.hire)
      if (h.count > 0 && h.at < s.horizon) present[h.profile] = 1;
    for (std::size_t a = 0; a < s.activities.size(); ++a) {
      if (st.rate(s.activities, a) <= 0) continue;
      const Activity& act = s.activities[a];
      bool someone = false;
      for (std::size_t p = 0; p < s.profiles.size() && !someone; ++p) {
        if (!present[p] || s.profiles[p].hours_per_period < act.hours_per_unit - 1e-9) continue;
        const bool allowed = st.policy != AssignPolicy::kStatic || a >= st.roles.size() || !st.roles[a] ||
                             std::find(st.roles[a]->begin(), st.roles[a]->end(), static_cast<int>(p)) !=
                                 st.roles[a]->end();
        someone = allowed;
      }
      if (someone) continue;
      Diagnostic d{.file = file_,
                   .path = "strategies." + st.name,
                   .message = "nobody can ever take a unit of '" + act.name +
                              "' (no one this strategy has is both allowed to by its roles and given the " +
                              format_ratio(act.hours_per_unit) +
                              " hours a unit needs): every unit will be skipped and pay its unmet cost",
                   .severity = Diagnostic::Severity::kWarning};
      const YAML::Mark mark = strategies && strategies.IsSequence() && k < strategies.size()
                                  ? strategies[k].Mark()
                                  : YAML::Mark::null_mark();
      d.line = mark.line + 1;
      d.column = mark.column + 1;
      warnings_.push_back(std::move(d));
    }
  }
}

// Limits that keep a run's memory in proportion to what a scenario can mean: lists
// neither empty nor past kMostItems (the market's correlation factor grows with the square
// of the activities), a horizon of at most kMostPeriods, and at most kMostPeople people in
// any strategy's organisation, staff and hires together.
void Reader::check_sizes(const MapView& m, const Scenario& s) {
  for (const char* key : {"activities", "profiles", "strategies"}) {
    const auto* list = m.get(key);
    if (list && list->IsSequence() && list->size() == 0)
      error(*list, key, "the list is empty; at least one entry is needed");
    if (list && list->IsSequence() && list->size() > kMostItems)
      error(*list, key,
            "holds " + std::to_string(list->size()) + " entries; at most " +
                std::to_string(kMostItems));
  }
  if (s.horizon > kMostPeriods)
    error(
        *m.get("horizon"), "horizon",
        "at most " + std::to_string(kMostPeriods) + " periods, got " + m.get("horizon")->Scalar());
  const auto people = [](const std::vector<Headcount>& list) {
    return std::accumulate(list.begin(), list.end(), std::int64_t{0},
                           [](std::int64_t sum, const Headcount& h) { return sum + h.count; });
  };
  const std::int64_t staff = people(s.staff);
  if (staff > kMostPeople)
    error(*m.get("staff"), "staff",
          std::to_string(staff) + " people in all; at most " + std::to_string(kMostPeople));
  const YAML::Node* list = m.get("strategies");
  for (std::size_t k = 0; list && k < s.strategies.size() && k < list->size(); ++k) {
    const std::int64_t total = staff + people(s.strategies[k].hire);
    if (staff <= kMostPeople && total > kMostPeople) {
      error((*list)[k], "strategies." + s.strategies[k].name + ".hire",
            std::to_string(total) + " people in all with the staff; at most " +
                std::to_string(kMostPeople));
    }
  }
}

Scenario Reader::read(const YAML::Node& root) {
  Scenario s;
  s.file = file_;
  const MapView m = map(root, "",
                        {"name", "description", "horizon", "periods_per_year", "discount_rate",
                         "currency", "trials", "seed", "model", "activities", "correlation",
                         "profiles", "staff", "strategies", "risk", "sensitivity", "optimize"},
                        {"name", "horizon", "activities", "profiles", "staff", "strategies"});
  if (!m.ok_) return s;
  if (const auto* n = m.get("name")) s.name = name(*n, "name").value_or("");
  read_text(m, "description", "", s.description);
  read_text(m, "currency", "", s.currency);
  read_whole(m, "horizon", "", 1, s.horizon);
  read_whole(m, "periods_per_year", "", 1, s.periods_per_year);
  read_number(m, "discount_rate", "", Range::kAboveMinusOne, s.discount_rate);
  if (const auto* t = m.get("trials")) {
    if (const auto v = whole(*t, "trials", 1)) {
      if (*v > kMaxTrials) {
        error(*t, "trials", "at most " + std::to_string(kMaxTrials) + " trials, got " + t->Scalar());
      } else {
        s.trials = *v;
      }
    }
  }
  if (const auto* t = m.get("seed")) s.seed = whole(*t, "seed", 0).value_or(s.seed);
  if (const auto* k = m.get("model")) model_constants(*k, s.model);
  if (const auto* r = m.get("risk")) risk_report(*r, s.risk);

  s.activities = named_list<Activity>(
      m.get("activities"), "activities",
      [this](const YAML::Node& n, const std::string& p) { return activity(n, p); },
      activity_names_);
  s.profiles = named_list<Profile>(
      m.get("profiles"), "profiles",
      [this](const YAML::Node& n, const std::string& p) { return profile(n, p); },
      profile_names_);
  s.staff = headcounts(m.get("staff"), "staff", true);
  s.correlations = correlations(m.get("correlation"));
  Keys strategy_names;
  const int horizon = s.horizon;
  s.strategies = named_list<Strategy>(
      m.get("strategies"), "strategies",
      [this, horizon](const YAML::Node& n, const std::string& p) { return strategy(n, p, horizon); },
      strategy_names);
  check_sizes(m, s);
  if (const auto* r = m.get("discount_rate"); r && s.discount_rate > -1) {
    const double last_factor = portable_pow(1 + s.discount_rate, -static_cast<double>(s.horizon) / s.periods_per_year);
    if (!(last_factor <= 1e12)) {
      error(*r, "discount_rate",
            "a rate of " + r->Scalar() + " over " + std::to_string(s.horizon) +
                " periods multiplies the last cash flow by more than 1e12; check the rate");
    }
  }
  if (const auto* block = m.get("sensitivity")) sensitivity(*block, root, strategy_names, s.sensitivity);
  if (const auto* block = m.get("optimize")) optimize(*block, root, strategy_names, s.optimize);
  if (diagnostics_.empty()) warn_unstaffable(root, s);
  return s;
}

std::string read_whole_file(const std::string& path, const std::string& kind = "scenario file") {
  return read_input_file(path, kLargestYamlFile, kind);
}

}  // namespace

namespace {
// Counts the values of a document, following aliases, and stops past `limit`: a few
// lines of anchors and aliases can stand for billions of values, and an alias inside its
// own anchor (`a: &a [*a]`) for infinitely many. Iterative, so depth cannot exhaust the
// stack.
std::size_t count_values(const YAML::Node& root, std::size_t limit) {
  std::size_t count = 0;
  std::vector<YAML::Node> pending = {root};
  while (!pending.empty() && count <= limit) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    ++count;
    if (node.IsMap()) {
      for (const auto& entry : node) {
        pending.push_back(entry.first);
        pending.push_back(entry.second);
      }
    } else if (node.IsSequence()) {
      for (const auto& entry : node) pending.push_back(entry);
    }
  }
  return count;
}
}  // namespace

namespace {
// Sets `path` in the document to `value`: maps by key, lists of named items by the item's
// name, unnamed lists by position. A missing last key is added (an optional value the
// file left at its default). Returns the value it replaced (a null node when none);
// throws std::invalid_argument saying what is wrong with the path.
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

YAML::Node set_key_path(YAML::Node& root, const std::string& path, const YAML::Node& value) {
  std::vector<std::string> keys;
  for (std::size_t start = 0;;) {
    const auto dot = path.find('.', start);
    keys.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const auto fail = [](const std::string& why) { throw std::invalid_argument(why); };
  YAML::Node node = root;
  std::string walked;
  std::vector<YAML::Node> along;  // the nodes the path passes through, and its target
  std::vector<std::string> names;
  const auto check_shared = [&] {
    const int k = shared_node(root, along);
    if (k >= 0)
      fail(names[k] + " is shared through a YAML alias; setting it would change every place that uses it: "
                      "write it out in place");
  };
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    const bool last = k + 1 == keys.size();
    if (key.empty()) fail("an empty key in the path");
    if (node.IsSequence() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
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
      std::optional<std::size_t> found;
      std::string known;
      for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) continue;
        known += (known.empty() ? "" : ", ") + item["name"].Scalar();
        if (item["name"].Scalar() == key && !found) found = i;
      }
      if (!found) fail("no item named '" + key + "' in " + walked + " (known: " + known + ")");
      if (last) fail("replace a field of '" + key + "', not the whole item");
      YAML::Node item = node[*found];
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
      if (!next) fail(walked.empty() ? "no key '" + key + "' in the scenario" : walked + " has no key '" + key + "'");
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

// One override ready to apply: a key path, its value, and how messages name it.
struct Override {
  std::string path;
  YAML::Node value;
  std::string argument;  // "key.path=value"
};

// Reads one `key.path=value` argument of --set: the value is YAML text.
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

// Applies one override to the document (set_key_path) and keeps `values`, the
// document's count of values, within kMostYamlValues.
void apply_override(YAML::Node& root, const Override& o, std::size_t& values) {
  const std::string named = "--set " + o.argument;
  YAML::Node old;
  try {
    old = set_key_path(root, o.path, o.value);
  } catch (const std::invalid_argument& e) {
    throw InputError(named + ": " + e.what());
  }
  values =
      values + count_values(o.value, kMostYamlValues) - std::min(values, count_values(old, kMostYamlValues));
  if (values > kMostYamlValues) {
    throw InputError(named + ": with this value the scenario holds more than " +
                     std::to_string(kMostYamlValues) +
                     " values once aliases are expanded; a scenario needs far fewer");
  }
}
}  // namespace

Scenario read_scenario_text(const std::string& text, const std::string& file) {
  return read_scenario_text(text, file, {});
}

namespace {
void record(const YAML::Node& node, const std::string& file, Origins& origins) {
  std::vector<YAML::Node> pending = {node};
  while (!pending.empty() && origins.nodes.size() < kMostYamlValues) {
    const YAML::Node n = pending.back();
    pending.pop_back();
    origins.nodes.emplace_back(n, file);
    if (n.IsMap()) {
      for (const auto& e : n) pending.push_back(e.second);
    } else if (n.IsSequence()) {
      for (const auto& e : n) pending.push_back(e);
    }
  }
}

bool named_list(const YAML::Node& list) {
  if (!list.IsSequence()) return false;
  for (const auto& item : list)
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) return false;
  return true;
}

// `over` laid on `base`: maps merged key by key, lists of named items merged by name
// (new names appended), anything else replaced.
YAML::Node merge(const YAML::Node& base, const YAML::Node& over, const std::string& file, Origins& origins) {
  if (base.IsMap() && over.IsMap()) {
    YAML::Node result(YAML::NodeType::Map);
    for (const auto& e : base) {
      const std::string key = e.first.Scalar();
      const YAML::Node o = over[key];
      result[e.first] = o ? merge(e.second, o, file, origins) : e.second;
    }
    for (const auto& e : over) {
      if (e.first.Scalar() == "extends" || base[e.first.Scalar()]) continue;
      result[e.first] = e.second;
    }
    origins.merged.push_back({result, over, file});
    return result;
  }
  if (named_list(base) && named_list(over)) {
    YAML::Node result(YAML::NodeType::Sequence);
    std::vector<bool> used(over.size(), false);
    for (const auto& item : base) {
      YAML::Node merged = item;
      for (std::size_t i = 0; i < over.size(); ++i) {
        if (!used[i] && over[i]["name"].Scalar() == item["name"].Scalar()) {
          merged = merge(item, over[i], file, origins);
          used[i] = true;
          break;
        }
      }
      result.push_back(merged);
    }
    for (std::size_t i = 0; i < over.size(); ++i)
      if (!used[i]) result.push_back(over[i]);
    origins.merged.push_back({result, over, file});
    return result;
  }
  return over;
}

// The document with its `extends:` chain resolved: the parent's document (itself
// resolved) with this one laid on top.
YAML::Node resolve_extends(const YAML::Node& root, const std::string& file, std::vector<std::string>& chain,
                           Origins& origins) {
  if (!root.IsMap() || !root["extends"]) return root;
  const YAML::Node extends = root["extends"];
  const auto fail = [&](const std::string& message) {
    const YAML::Mark mark = extends.Mark();
    throw InputError({Diagnostic{.file = file, .line = mark.line + 1, .column = mark.column + 1,
                                 .path = "extends", .message = message}});
  };
  if (!extends.IsScalar() || extends.Scalar().empty()) fail("expected the path of the scenario this one extends");
  const std::string parent = (fs::path(file).parent_path() / extends.Scalar()).lexically_normal().string();
  std::error_code ec;
  const std::string canonical = fs::weakly_canonical(parent, ec).string();
  for (const std::string& seen : chain) {
    if (seen == canonical) {
      std::string cycle;
      for (const std::string& c : chain) cycle += c + " -> ";
      fail("extends makes a cycle: " + cycle + canonical);
    }
  }
  if (chain.size() >= 8) fail("more than 8 levels of extends");
  chain.push_back(canonical);
  const YAML::Node raw = load_document(read_whole_file(parent), parent, kEmptyScenario);
  record(raw, parent, origins);
  const YAML::Node base = resolve_extends(raw, parent, chain, origins);
  return merge(base, root, file, origins);
}
}  // namespace

namespace {
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
                             const std::vector<Override>& overrides, std::string* resolved = nullptr) {
  Origins origins;
  const YAML::Node root = resolved_document(text, file, origins, overrides);
  if (resolved) {
    YAML::Emitter out;
    out << root;
    *resolved = std::string(out.c_str()) + "\n";
  }
  Reader reader(file);
  reader.origins_ = &origins;
  for (const Override& o : overrides) {
    // The reader writes list positions as key[0], --set as key.0.
    std::string normal;
    std::size_t start = 0;
    for (;;) {
      const auto dot = o.path.find('.', start);
      const std::string key = o.path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      const bool position = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
      normal += position ? "[" + key + "]" : (normal.empty() ? "" : ".") + key;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    reader.overridden_.emplace_back(normal, o.argument);
  }
  Scenario scenario;
  try {
    scenario = reader.read(root);
  } catch (const YAML::Exception& e) {
    throw InputError({Diagnostic{.file = file,
                                 .line = e.mark.line + 1,
                                 .column = e.mark.column + 1,
                                 .message = "unreadable YAML value: " + e.msg}});
  }
  if (!reader.diagnostics().empty()) throw InputError(std::move(reader.diagnostics()));
  scenario.warnings = std::move(reader.warnings_);
  return scenario;
}

std::vector<Override> as_overrides(const std::vector<Setting>& settings) {
  std::vector<Override> out;
  for (const Setting& s : settings) out.push_back({s.key_path(), s.value().node, s.key_path() + "=" + s.text()});
  return out;
}
}  // namespace

Scenario read_scenario_text(const std::string& text, const std::string& file,
                            const std::vector<std::string>& overrides) {
  std::vector<Override> parsed;
  for (const std::string& argument : overrides) parsed.push_back(parse_override(argument));
  return read_with_overrides(text, file, parsed);
}

std::string resolved_scenario_text(const std::string& path) {
  const std::string text = read_whole_file(path);
  const YAML::Node root = load_document(text, path, kEmptyScenario);
  if (!root.IsMap() || !root["extends"]) return text;
  Origins origins;
  std::error_code ec;
  std::vector<std::string> chain = {fs::weakly_canonical(path, ec).string()};
  YAML::Emitter out;
  out << resolve_extends(root, path, chain, origins);
  return "# " + path + " with its extends: chain resolved by flowfolio\n" + std::string(out.c_str()) + "\n";
}

std::string resolved_scenario_text(const std::string& path, const std::vector<Setting>& settings) {
  std::string resolved;
  read_with_overrides(read_whole_file(path), path, as_overrides(settings), &resolved);
  return resolved;
}

Scenario read_scenario_file(const std::string& path, const std::vector<Setting>& settings,
                            std::string& resolved) {
  return read_with_overrides(read_whole_file(path), path, as_overrides(settings), &resolved);
}

Scenario read_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  return read_scenario_text(read_whole_file(path), path, overrides);
}

Scenario read_scenario_file(const std::string& path, const std::vector<Setting>& settings) {
  return read_with_overrides(read_whole_file(path), path, as_overrides(settings));
}

YAML::Node load_yaml_file(const std::string& path, const std::string& empty_message, const std::string& kind) {
  return load_document(read_whole_file(path, kind), path, empty_message, kind);
}

}  // namespace flowfolio
