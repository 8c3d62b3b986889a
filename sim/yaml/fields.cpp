// The typed field reader: each kind of value checked, every problem collected.
#include "yaml/fields.hpp"

#include "yaml/format_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace flowfolio {

namespace {

// Beyond this size a number is a typo, and sums of such numbers over many units and
// trials could overflow to infinity.
constexpr double kLargestNumber = 1e15;

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

}  // namespace

// " (did you mean 'x'?)" when a known word is close to the unknown one.
std::optional<double> plain_number(const YAML::Node& node) {
  if (!node.IsScalar() || node.Tag() == "!" || !is_decimal_number(node.Scalar())) return std::nullopt;
  const double value = std::strtod(node.Scalar().c_str(), nullptr);
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

std::string format_ratio(double ratio) {
  std::ostringstream out;
  out.precision(3);
  out << ratio;
  return out.str();
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

Diagnostic Fields::locate(const YAML::Node& at, const std::string& path,
                          const std::string& message) const {
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

MapView Fields::map(const YAML::Node& node, const std::string& path, const Keys& allowed,
                    const Keys& required) {
  MapView view;
  if (!node.IsMap()) {
    error(node, path, "expected a map with keys " + join(allowed) + ", got " + describe_kind(node));
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
            "unknown key '" + key + "'" + suggestion(key, allowed) +
                "; allowed here: " + join(allowed));
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

// A number as YAML 1.2's core schema writes it; NaN and infinities are refused.
std::optional<double> Fields::number(const YAML::Node& node, const std::string& path) {
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
    error(node, path,
          "the number " + text +
              " is absurdly large; numbers in a scenario are at most 1e15 in size");
    return std::nullopt;
  }
  return value;
}

std::optional<double> Fields::number(const YAML::Node& node, const std::string& path, Range range) {
  const auto value = number(node, path);
  if (value && !in_range(*value, range)) {
    error(node, path, "must be " + std::string(range_text(range)) + ", got " + node.Scalar());
    return std::nullopt;
  }
  return value;
}

// A whole number >= minimum (whole-valued decimals such as 1e4 are accepted).
std::optional<std::uint64_t> Fields::whole(const YAML::Node& node, const std::string& path,
                                           std::uint64_t minimum) {
  const std::string text = node.IsScalar() ? node.Scalar() : std::string();
  std::uint64_t exact = 0;
  const bool plain_integer =
      node.IsScalar() && node.Tag() != "!" && !text.empty() &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
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
    error(node, path,
          "must be a whole number " + std::string(minimum ? "of 1 or more" : "of 0 or more") +
              ", got " + text);
    return std::nullopt;
  } else {
    exact = static_cast<std::uint64_t>(*value);
  }
  if (exact < minimum) {
    error(node, path,
          "must be a whole number of " + std::to_string(minimum) + " or more, got " + text);
    return std::nullopt;
  }
  return exact;
}

// An optional list of a map: null when absent, or after an error when not a list.
MapView Fields::map(const YAML::Node& node, const std::string& path, std::string_view object) {
  const format::Object& o = format::object(object);
  return map(node, path, format::allowed(o), format::required(o));
}

const YAML::Node* Fields::list_of(const MapView& m, const std::string& path, const char* key) {
  const auto* n = m.get(key);
  if (n && !n->IsSequence()) {
    error(*n, child(path, key), "expected a list, got " + describe_kind(*n));
    return nullptr;
  }
  return n;
}

// An optional count of a map, between minimum and most.
void Fields::read_count(const MapView& m, const std::string& path, const char* key,
                        std::uint64_t minimum, std::uint64_t most, std::uint64_t& out) {
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
std::optional<int> Fields::whole_int(const YAML::Node& node, const std::string& path,
                                     std::uint64_t minimum) {
  const auto value = whole(node, path, minimum);
  if (!value) return std::nullopt;
  if (*value > 100'000'000) {
    error(node, path, "is absurdly large (" + node.Scalar() + "); at most 100000000");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<std::string> Fields::text(const YAML::Node& node, const std::string& path) {
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

std::optional<std::string> Fields::name(const YAML::Node& node, const std::string& path) {
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

std::optional<bool> Fields::boolean(const YAML::Node& node, const std::string& path) {
  if (node.IsScalar() && node.Tag() != "!") {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  error(node, path, "expected true or false, got " + describe_kind(node));
  return std::nullopt;
}

// Helpers that read an optional key of a map into a field, leaving the default.
void Fields::read_number(const MapView& m, const std::string& key, const std::string& path,
                         Range range, double& out) {
  if (const auto* node = m.get(key)) {
    if (auto v = number(*node, child(path, key), range)) out = *v;
  }
}
void Fields::read_whole(const MapView& m, const std::string& key, const std::string& path,
                        std::uint64_t minimum, int& out) {
  if (const auto* node = m.get(key)) {
    if (auto v = whole_int(*node, child(path, key), minimum)) out = *v;
  }
}
void Fields::read_text(const MapView& m, const std::string& key, const std::string& path,
                       std::string& out) {
  if (const auto* node = m.get(key)) {
    if (auto v = text(*node, child(path, key))) out = *v;
  }
}

// The index of `node`'s name in `names`, or -1 after an error naming the known ones.
int Fields::lookup(const YAML::Node& node, const std::string& path, const Keys& names,
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

std::optional<std::vector<double>> Fields::numbers(const YAML::Node& node, const std::string& path,
                                                   std::size_t count) {
  if (!node.IsSequence() || node.size() != count) {
    error(
        node, path,
        "expected a list of " + std::to_string(count) + " numbers, got " +
            (node.IsSequence() ? "a list of " + std::to_string(node.size()) : describe_kind(node)));
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

std::vector<double> Fields::number_list(const YAML::Node& node, const std::string& path,
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

}  // namespace flowfolio
