// Sweep files (docs/sweeps.md): the base scenario, the trials and seed, and the variants as
// a grid of key paths or a named list, read through the typed field reader so that every
// problem is reported at once; then each variant's scenario read once, and kept.
#include "flowfolio/yaml/sweep_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "core/whole_number.hpp"
#include "core/words.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/format.hpp"
#include "yaml/fields.hpp"
#include "yaml/format_table.hpp"
#include "yaml/key_path.hpp"
#include "yaml/overrides.hpp"
#include "yaml/scenario_document.hpp"
#include "yaml/yaml_document.hpp"

namespace flowfolio {
namespace {
namespace fs = std::filesystem;


// A YAML value as the sweep file wrote it, for names, messages and the store only:
// scalars as they are, collections in flow style. The setting keeps the node itself.
std::string value_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

Setting make_setting(const std::string& key_path, const YAML::Node& value) {
  return Setting(key_path, value_text(value),
                 std::make_shared<const Setting::Value>(Setting::Value{YAML::Clone(value)}));
}

// The entries of a map of key paths (a grid, a variant's set), in file order: a key must
// be text, once.
using Entries = std::vector<std::pair<YAML::Node, YAML::Node>>;  // (key, value)

// An axis as read, before the base scenario is known: its points as YAML values (for
// kScale, multipliers), and where it was written.
struct AxisDraft {
  SweepAxis axis;
  std::vector<YAML::Node> points;
  YAML::Node at;
  std::string path;
};

// A range's points, rounded to the fewest significant digits (4 at least) that keep them
// apart: a log range from 0.5 to 4 reads 0.5, 0.7071, 1, 1.414, ..., not 0.707106781187.
std::vector<YAML::Node> range_points(double from, double to, std::size_t steps, bool log) {
  std::vector<double> x(steps);
  for (std::size_t i = 0; i < steps; ++i) {
    const double t = static_cast<double>(i) / static_cast<double>(steps - 1);
    x[i] = i + 1 == steps ? to : log ? from * std::pow(to / from, t) : from + (to - from) * t;
  }
  int digits = 4;
  const auto apart = [&](int d) {
    for (std::size_t i = 1; i < steps; ++i)
      if (round_significant(x[i], d) == round_significant(x[i - 1], d)) return false;
    return true;
  };
  while (digits < 15 && !apart(digits)) ++digits;
  std::vector<YAML::Node> points;
  for (double v : x) points.push_back(YAML::Load(format_significant(v, digits)));
  return points;
}

class SweepReader {
 public:
  explicit SweepReader(const std::string& path) : fields_(path) {}

  Sweep read(const YAML::Node& root);
  std::vector<Diagnostic>& diagnostics() { return fields_.diagnostics(); }
  std::vector<AxisDraft>& drafts() { return drafts_; }
  const YAML::Node& decision_at() const { return decision_at_; }

 private:
  std::optional<std::uint64_t> whole_number(const MapView& m, const char* key,
                                            std::uint64_t minimum);
  Entries entries(const YAML::Node& map, const std::string& path);
  bool check_name_text(const YAML::Node& at, const std::string& path, const std::string& text);
  bool points(const YAML::Node& node, const std::string& path, AxisDraft& draft);
  bool axis_points(const MapView& m, const YAML::Node& at, const std::string& path, AxisDraft& draft);
  std::optional<AxisDraft> listed_axis(const YAML::Node& node, const std::string& path);
  std::vector<AxisDraft> grid_axes(const YAML::Node& grid);
  bool grid_fits(const YAML::Node& grid, const std::vector<AxisDraft>& axes);
  std::optional<SweepVariant> listed_variant(const YAML::Node& node, const std::string& path,
                                             std::set<std::string>& names);
  std::vector<SweepVariant> listed_variants(const YAML::Node& list);
  void read_decision(const MapView& m, Sweep& sweep);

  Fields fields_;
  std::vector<AxisDraft> drafts_;
  YAML::Node decision_at_;
};

// A plain whole number in decimal digits (a quoted one is text), at least `minimum`.
std::optional<std::uint64_t> SweepReader::whole_number(const MapView& m, const char* key,
                                                       std::uint64_t minimum) {
  const YAML::Node* n = m.get(key);
  if (!n) return std::nullopt;
  const WholeNumber w =
      n->IsScalar() && n->Tag() != "!" ? parse_whole_number(n->Scalar()) : WholeNumber{};
  if (!w.value) {
    fields_.error(
        *n, key,
        w.problem.empty() ? "expected a whole number, got " + describe_kind(*n) : w.problem);
  } else if (*w.value < minimum) {
    fields_.error(*n, key, "must be a whole number of " + std::to_string(minimum) + " or more");
  } else {
    return w.value;
  }
  return std::nullopt;
}

Entries SweepReader::entries(const YAML::Node& map, const std::string& path) {
  Entries out;
  std::set<std::string> seen;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) {
      fields_.error(entry.first, path,
                    "a key must be a key path, got " + describe_kind(entry.first));
    } else if (!seen.insert(entry.first.Scalar()).second) {
      fields_.error(entry.first, child(path, entry.first.Scalar()),
                    "duplicate key '" + entry.first.Scalar() + "'; each key may appear once");
    } else {
      out.emplace_back(entry.first, entry.second);
    }
  }
  return out;
}

// A variant's name is a key in the store and a line of the progress: no control characters.
bool SweepReader::check_name_text(const YAML::Node& at, const std::string& path,
                                  const std::string& text) {
  const std::size_t c = find_control_character(text, false);
  if (c == std::string::npos) return true;
  fields_.error(at, path,
                "a variant name may not hold control character " + control_character_name(text, c));
  return false;
}

// An axis's points: a list of values, or a range {from, to, steps, log}. A scale's points
// are multipliers: numbers.
bool SweepReader::points(const YAML::Node& node, const std::string& path, AxisDraft& draft) {
  const bool scale = draft.axis.kind == SweepAxis::Kind::kScale;
  if (node.IsSequence() && node.size() > 0) {
    const std::size_t errors = diagnostics().size();
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (scale) fields_.number(node[i], item(path, i));
      else check_name_text(node[i], item(path, i), value_text(node[i]));
      draft.points.push_back(node[i]);
    }
    return diagnostics().size() == errors;
  }
  if (!node.IsMap()) {
    fields_.error(node, path,
                  "expected a non-empty list of values, or a range {from, to, steps, log}, got " + describe_kind(node));
    return false;
  }
  const MapView m = fields_.map(node, path, "range");
  if (!m.ok_ || !m.get("from") || !m.get("to") || !m.get("steps")) return false;
  const auto from = fields_.number(*m.get("from"), child(path, "from"));
  const auto to = fields_.number(*m.get("to"), child(path, "to"));
  std::uint64_t steps = 0;
  fields_.read_count(m, path, "steps", 2, 1000, steps);
  bool log = false;
  if (const YAML::Node* l = m.get("log")) log = fields_.boolean(*l, child(path, "log")).value_or(false);
  if (!from || !to || steps < 2) return false;
  if (*from == *to) {
    fields_.error(*m.get("to"), child(path, "to"), "a range needs two different ends");
    return false;
  }
  if (log && (*from <= 0 || *to <= 0)) {
    fields_.error(node, child(path, "log"), "a log range needs both ends above 0");
    return false;
  }
  draft.axis.log = log;
  draft.points = range_points(*from, *to, steps, log);
  return true;
}

// Exactly one of values: and scale: in an axis's map.
bool SweepReader::axis_points(const MapView& m, const YAML::Node& at, const std::string& path, AxisDraft& draft) {
  const YAML::Node* values = m.get("values");
  const YAML::Node* scale = m.get("scale");
  if (values && scale) {
    fields_.error(*scale, child(path, "scale"), "give values or scale, not both");
    return false;
  }
  if (!values && !scale) {
    fields_.error(at, child(path, "values"), "give values (what the paths take) or scale (multipliers of their base)");
    return false;
  }
  draft.axis.kind = scale ? SweepAxis::Kind::kScale : SweepAxis::Kind::kValues;
  return points(scale ? *scale : *values, child(path, scale ? "scale" : "values"), draft);
}

// An axis of a grid written as a list: {name, path, values | scale}.
std::optional<AxisDraft> SweepReader::listed_axis(const YAML::Node& node, const std::string& path) {
  const MapView m = fields_.map(node, path, "axis");
  if (!m.ok_ || !m.get("path")) return std::nullopt;
  AxisDraft draft{.at = node, .path = path};
  const YAML::Node& paths = *m.get("path");
  const std::string paths_at = child(path, "path");
  if (paths.IsSequence() && paths.size() > 0) {
    for (std::size_t k = 0; k < paths.size(); ++k)
      if (const auto p = fields_.name(paths[k], item(paths_at, k))) draft.axis.paths.push_back(*p);
  } else if (const auto p = fields_.name(paths, paths_at)) {
    draft.axis.paths.push_back(*p);
  }
  if (const YAML::Node* n = m.get("name")) {
    if (const auto name = fields_.name(*n, child(path, "name"))) {
      if (check_name_text(*n, child(path, "name"), *name)) draft.axis.name = *name;
    }
  } else if (draft.axis.paths.size() > 1) {
    fields_.error(node, child(path, "name"), "an axis of several key paths needs a name for its column");
    return std::nullopt;
  }
  if (draft.axis.paths.empty() || !axis_points(m, node, path, draft)) return std::nullopt;
  if (draft.axis.name.empty()) draft.axis.name = draft.axis.paths.front();
  return draft;
}

// The grid's axes: a map of key path to points (a list, or {values | scale}), or a list
// of axes.
std::vector<AxisDraft> SweepReader::grid_axes(const YAML::Node& grid) {
  std::vector<AxisDraft> axes;
  if (grid.IsSequence() && grid.size() > 0) {
    for (std::size_t i = 0; i < grid.size(); ++i)
      if (auto axis = listed_axis(grid[i], item("grid", i))) axes.push_back(std::move(*axis));
  } else if (grid.IsMap() && grid.size() > 0) {
    for (const auto& [key, value] : entries(grid, "grid")) {
      const std::string path = child("grid", key.Scalar());
      AxisDraft draft{.axis = {.name = key.Scalar(), .paths = {key.Scalar()}}, .at = key, .path = path};
      if (!check_name_text(key, path, key.Scalar())) continue;
      bool ok = false;
      if (value.IsMap()) {
        const MapView m = fields_.map(value, path, "axis_points");
        ok = m.ok_ && axis_points(m, value, path, draft);
      } else {
        ok = points(value, path, draft);
      }
      if (ok) axes.push_back(std::move(draft));
    }
  } else {
    fields_.error(grid, "grid",
                  "expected a map of key.path: [values] or a list of axes, got " + describe_kind(grid));
  }
  std::set<std::string> names;
  for (const AxisDraft& d : axes)
    if (!names.insert(d.axis.name).second)
      fields_.error(d.at, d.path, "two axes named '" + d.axis.name + "'; each axis needs its own name");
  return axes;
}

// The number of grid points, counted without making them; refused beyond the limit.
bool SweepReader::grid_fits(const YAML::Node& grid, const std::vector<AxisDraft>& axes) {
  std::uint64_t points = 1;
  std::string sizes;
  bool over = false;
  for (const AxisDraft& axis : axes) {
    const std::uint64_t n = axis.points.size();
    over = over || points > kMostSweepVariants / n;
    points = over ? points : points * n;
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(n);
  }
  const std::string most = std::to_string(kMostSweepVariants);
  if (!over && points <= kMostSweepVariants) return true;
  const std::string count = over ? " (more than " + most + ")" : " = " + std::to_string(points);
  fields_.error(grid, "grid",
                "the grid makes " + sizes + count + " variants; a sweep may have at most " + most);
  return false;
}

std::optional<SweepVariant> SweepReader::listed_variant(const YAML::Node& node,
                                                        const std::string& path,
                                                        std::set<std::string>& names) {
  const MapView m = fields_.map(node, path, "variant");
  const YAML::Node* name = m.get("name");
  if (!m.ok_ || !name) return std::nullopt;
  SweepVariant variant;
  const std::string name_path = child(path, "name");
  if (!name->IsScalar()) {
    fields_.error(*name, name_path, "expected text, got " + describe_kind(*name));
    return std::nullopt;
  }
  variant.name = name->Scalar();
  if (!check_name_text(*name, name_path, variant.name)) return std::nullopt;
  if (!names.insert(variant.name).second) {
    fields_.error(*name, name_path, "duplicate variant name '" + variant.name + "'");
    return std::nullopt;
  }
  if (const YAML::Node* set = m.get("set")) {
    if (!set->IsMap()) {
      fields_.error(*set, child(path, "set"),
                    "expected a map of key.path: value, got " + describe_kind(*set));
      return std::nullopt;
    }
    for (const auto& [key, value] : entries(*set, child(path, "set")))
      variant.settings.push_back(make_setting(key.Scalar(), value));
  }
  return variant;
}

std::vector<SweepVariant> SweepReader::listed_variants(const YAML::Node& list) {
  if (!list.IsSequence() || list.size() == 0) {
    fields_.error(list, "variants", "expected a non-empty list, got " + describe_kind(list));
    return {};
  }
  if (list.size() > kMostSweepVariants) {
    fields_.error(list, "variants",
                  "lists " + std::to_string(list.size()) + " variants; a sweep may have at most " +
                      std::to_string(kMostSweepVariants));
    return {};
  }
  std::vector<SweepVariant> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (auto variant = listed_variant(list[i], item("variants", i), names))
      out.push_back(std::move(*variant));
  return out;
}

// The strategies in the decision: a pair written [strategy, baseline], checked against the
// base scenario later.
std::optional<StrategyPair> read_pair(Fields& fields, const YAML::Node& node, const std::string& path) {
  if (!node.IsSequence() || node.size() != 2) {
    fields.error(node, path, "expected a pair [strategy, baseline], got " + describe_kind(node));
    return std::nullopt;
  }
  const auto a = fields.name(node[0], item(path, 0));
  const auto b = fields.name(node[1], item(path, 1));
  if (!a || !b) return std::nullopt;
  return StrategyPair{*a, *b};
}

void SweepReader::read_decision(const MapView& m, Sweep& sweep) {
  if (const YAML::Node* b = m.get("baseline")) {
    if (const auto name = fields_.name(*b, "baseline")) sweep.baseline = *name;
  }
  if (const YAML::Node* pairs = m.get("pairs")) {
    if (!pairs->IsSequence()) fields_.error(*pairs, "pairs", "expected a list of [strategy, baseline], got " + describe_kind(*pairs));
    else
      for (std::size_t i = 0; i < pairs->size(); ++i)
        if (const auto pair = read_pair(fields_, (*pairs)[i], item("pairs", i))) sweep.pairs.push_back(*pair);
  }
  if (const YAML::Node* r = m.get("robustness")) sweep.robustness = fields_.boolean(*r, "robustness").value_or(true);
  const YAML::Node* block = m.get("break_even");
  if (!block) return;
  decision_at_ = *block;
  const MapView b = fields_.map(*block, "break_even", "break_even");
  if (!b.ok_ || !b.get("pair")) return;
  const auto pair = read_pair(fields_, *b.get("pair"), "break_even.pair");
  if (!pair) return;
  BreakEvenRequest request{.pair = *pair};
  if (const YAML::Node* axis = b.get("axis")) request.axis = fields_.name(*axis, "break_even.axis").value_or("");
  fields_.read_number(b, "tolerance", "break_even.tolerance", Range::kOpenUnit, request.tolerance);
  sweep.break_even = request;
}

Sweep SweepReader::read(const YAML::Node& root) {
  Sweep sweep;
  sweep.file = fields_.file();
  const MapView m = fields_.map(root, "", format::allowed(format::object("sweep")), {});
  if (!m.ok_) return sweep;
  if (const YAML::Node* base = m.get("base")) {
    if (const auto text = fields_.text(*base, "base"); text && !text->empty())
      sweep.base = (fs::path(sweep.file).parent_path() / *text).lexically_normal().string();
    else if (text)
      fields_.error(*base, "base", "expected the path of the scenario to vary");
  } else {
    fields_.error(root, "base", "missing required key 'base' (the scenario to vary)");
  }
  if (const YAML::Node* d = m.get("description")) fields_.text(*d, "description");
  if (const auto trials = whole_number(m, "trials", 1)) sweep.trials = *trials;
  if (const auto seed = whole_number(m, "seed", 0)) {
    sweep.seed = *seed;
    sweep.seed_given = true;
  }
  read_decision(m, sweep);
  const YAML::Node* grid = m.get("grid");
  const YAML::Node* variants = m.get("variants");
  if (grid && variants) {
    fields_.error(*variants, "variants", "give either grid or variants, not both");
  } else if (grid) {
    const std::size_t errors = diagnostics().size();
    drafts_ = grid_axes(*grid);
    sweep.grid = true;
    if (diagnostics().size() != errors || !grid_fits(*grid, drafts_)) drafts_.clear();
  } else if (variants) {
    sweep.variants = listed_variants(*variants);
  } else {
    fields_.error(root, "grid",
                  "give grid (every combination of values) or variants (a named list)");
  }
  return sweep;
}

// --- After the base scenario is read ------------------------------------------------

// The axis complete: each point's text and number, a scale's bases from the base scenario's
// document. False (with the problem reported) when a scaled path holds no number.
bool complete_axis(AxisDraft& d, const YAML::Node& base_document, Fields& fields) {
  SweepAxis& a = d.axis;
  const bool scale = a.kind == SweepAxis::Kind::kScale;
  for (const YAML::Node& p : d.points) {
    a.numbers.push_back(plain_number(p));
    a.texts.push_back(value_text(p) + (scale ? "x" : ""));
  }
  a.whole = !scale && std::all_of(a.numbers.begin(), a.numbers.end(),
                                  [](const auto& x) { return x && *x == std::floor(*x); });
  if (!scale) return true;
  for (const std::string& path : a.paths) {
    std::optional<double> base;
    std::string why;
    try {
      const YAML::Node value = value_at_key_path(base_document, path);
      base = plain_number(value);
      why = value.IsNull() ? "is not written in the scenario (its default applies)"
                           : "holds " + describe_kind(value) + ", not a number";
    } catch (const std::invalid_argument& e) {
      why = std::string("does not lead to a value: ") + e.what();
    }
    if (!base) {
      fields.error(d.at, d.path, "scale multiplies the base value of " + path + ", which " + why + "; give values instead");
      return false;
    }
    a.bases.push_back(*base);
  }
  return true;
}

// Every combination of the axes' points, the first axis slowest.
std::vector<SweepVariant> grid_variants(const std::vector<SweepAxis>& axes) {
  std::vector<SweepVariant> variants(1);
  for (std::size_t k = 0; k < axes.size(); ++k) {
    const SweepAxis& axis = axes[k];
    std::vector<SweepVariant> next;
    for (const SweepVariant& v : variants) {
      for (std::size_t i = 0; i < axis.texts.size(); ++i) {
        SweepVariant w = v;
        w.point.push_back(i);
        w.name += (w.name.empty() ? "" : ", ") + axis.name + "=" + axis.texts[i];
        next.push_back(std::move(w));
      }
    }
    variants = std::move(next);
  }
  return variants;
}

// A listed sweep's columns: one per key path any variant sets, in the order first set.
std::vector<SweepAxis> set_axes(const std::vector<SweepVariant>& variants) {
  std::vector<SweepAxis> axes;
  for (const SweepVariant& v : variants)
    for (const Setting& s : v.settings)
      if (std::none_of(axes.begin(), axes.end(), [&](const SweepAxis& a) { return a.name == s.key_path(); }))
        axes.push_back({.name = s.key_path(), .paths = {s.key_path()}, .kind = SweepAxis::Kind::kSet});
  for (SweepAxis& a : axes) {
    for (const SweepVariant& v : variants) {
      const auto it = std::find_if(v.settings.begin(), v.settings.end(),
                                   [&](const Setting& s) { return s.key_path() == a.name; });
      a.texts.push_back(it == v.settings.end() ? "" : it->text());
      a.numbers.push_back(it == v.settings.end() ? std::nullopt : plain_number(it->value().node));
    }
  }
  return axes;
}

// The settings of a grid point: each axis's paths at the point's value on it.
std::vector<Setting> point_settings(const std::vector<AxisDraft>& drafts, const std::vector<std::size_t>& point) {
  std::vector<Setting> settings;
  for (std::size_t k = 0; k < drafts.size(); ++k) {
    const SweepAxis& a = drafts[k].axis;
    if (a.kind == SweepAxis::Kind::kScale) {
      for (const Setting& s : a.settings_at(*a.numbers[point[k]])) settings.push_back(s);
    } else {
      for (const std::string& path : a.paths) settings.push_back(make_setting(path, drafts[k].points[point[k]]));
    }
  }
  return settings;
}

// Whether the base has a strategy named `name`; else a problem with "did you mean", at `at`
// in the file, or at `option` (e.g. "--baseline") when the command line gave the name.
bool known_strategy(const Scenario& base, const std::string& name, const YAML::Node& at, const std::string& path,
                    Fields& fields, const std::string& option = "") {
  std::vector<std::string> names;
  for (const Strategy& s : base.strategies) names.push_back(s.name);
  if (std::find(names.begin(), names.end(), name) != names.end()) return true;
  const std::string message = "no strategy named '" + name + "'" + suggestion(name, names) + " (known: " + join(names) + ")";
  if (option.empty()) fields.error(at, path, message);
  else fields.diagnostics().push_back({.path = option, .message = message});
  return false;
}

// The decision's strategies and axis, checked against the base and the grid.
void check_decision(Sweep& sweep, const Scenario& base, const YAML::Node& root, const YAML::Node& at,
                    const SweepCommandLine& c, Fields& fields) {
  const auto where = [&](const char* key) { return root[key] ? root[key] : root; };
  const auto option = [](const std::string& given, const char* name) { return given.empty() ? "" : name + (" " + given); };
  if (!sweep.baseline.empty())
    known_strategy(base, sweep.baseline, where("baseline"), "baseline", fields, option(c.baseline, "--baseline"));
  for (std::size_t i = 0; i < sweep.pairs.size(); ++i) {
    const StrategyPair& p = sweep.pairs[i];
    const std::string from = c.pairs.empty() ? "" : option(c.pairs[i], "--pair");
    if (known_strategy(base, p.strategy, where("pairs"), item("pairs", i), fields, from) &&
        known_strategy(base, p.baseline, where("pairs"), item("pairs", i), fields, from) && p.strategy == p.baseline) {
      if (from.empty()) fields.error(where("pairs"), item("pairs", i), "a strategy compared with itself");
      else fields.diagnostics().push_back({.path = from, .message = "a strategy compared with itself"});
    }
  }
  if (!sweep.break_even) return;
  BreakEvenRequest& b = *sweep.break_even;
  const YAML::Node block = at.IsNull() ? root : at;
  const std::string from = option(c.break_even, "--break-even");
  if (!known_strategy(base, b.pair.strategy, block, "break_even.pair", fields, from) ||
      !known_strategy(base, b.pair.baseline, block, "break_even.pair", fields, from))
    return;
  if (b.pair.strategy == b.pair.baseline)
    return fields.error(block, "break_even.pair", "a strategy compared with itself");
  if (!sweep.grid) return fields.error(block, "break_even", "a break-even is searched along a grid's axis; this sweep lists variants");
  std::vector<std::string> names;
  for (const SweepAxis& a : sweep.axes) names.push_back(a.name);
  if (b.axis.empty() && names.size() == 1) b.axis = names.front();
  if (b.axis.empty())
    return fields.error(block, "break_even.axis", "the grid has " + std::to_string(names.size()) + " axes: name the one to search (" + join(names) + ")");
  const auto k = sweep.axis(b.axis);
  if (!k) return fields.error(block, "break_even.axis", "no axis named '" + b.axis + "'" + suggestion(b.axis, names) + " (axes: " + join(names) + ")");
  if (!sweep.axes[*k].numeric() || sweep.axes[*k].texts.size() < 2)
    fields.error(block, "break_even.axis", "the axis '" + b.axis + "' needs two or more numbers to search between");
}

// The command line's additions: --set under every variant, the decision replacing the file's.
std::vector<Setting> apply_command_line(Sweep& sweep, const SweepCommandLine& c) {
  std::vector<Setting> sets;
  for (const std::string& argument : c.sets) {
    const Override o = parse_override(argument);
    sets.emplace_back(o.path, argument.substr(o.path.size() + 1),
                      std::make_shared<const Setting::Value>(Setting::Value{o.value}));
  }
  const auto split = [](const std::string& text, const char* option) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
      throw InputError(std::string(option) + " " + text + ": write the pair as STRATEGY:BASELINE");
    return StrategyPair{text.substr(0, colon), text.substr(colon + 1)};
  };
  if (!c.baseline.empty()) sweep.baseline = c.baseline;
  if (!c.pairs.empty()) sweep.pairs.clear();
  for (const std::string& p : c.pairs) sweep.pairs.push_back(split(p, "--pair"));
  if (!c.break_even.empty()) {
    const StrategyPair pair = split(c.break_even, "--break-even");
    if (sweep.break_even) sweep.break_even->pair = pair;
    else sweep.break_even = BreakEvenRequest{.pair = pair};
  }
  return sets;
}

// Every variant must make a valid scenario: found now, not halfway through the sweep. The
// base is read alone first (with --set), so that a problem of its own is reported once,
// not once a variant; the grid is made from its axes, a scale's from the base's values;
// each variant's scenario and resolved text are kept for the run.
void check_variants(Sweep& sweep, SweepReader& reader, const SweepCommandLine& c, const YAML::Node& root) {
  const std::vector<Setting>& sets = sweep.sets;
  std::vector<Diagnostic>& problems = reader.diagnostics();
  Scenario base;
  YAML::Node base_document;
  try {
    std::string resolved;
    base = read_scenario_file(sweep.base, sets, resolved);
    base_document = YAML::Load(resolved);
    sweep.base_seed = base.seed;
    sweep.base_trials = base.trials;
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    return;
  }
  Fields fields(sweep.file);
  std::vector<AxisDraft>& drafts = reader.drafts();
  bool complete = true;
  for (AxisDraft& d : drafts) complete = complete_axis(d, base_document, fields) && complete;
  if (sweep.grid && complete) {
    for (const AxisDraft& d : drafts) sweep.axes.push_back(d.axis);
    sweep.variants = grid_variants(sweep.axes);
    for (SweepVariant& v : sweep.variants) v.settings = point_settings(drafts, v.point);
  } else if (!sweep.grid) {
    sweep.axes = set_axes(sweep.variants);
  }
  check_decision(sweep, base, root, reader.decision_at(), c, fields);
  problems.insert(problems.end(), fields.diagnostics().begin(), fields.diagnostics().end());
  if (!fields.diagnostics().empty()) return;
  for (SweepVariant& v : sweep.variants) {
    v.settings.insert(v.settings.begin(), sets.begin(), sets.end());
    try {
      v.scenario = read_scenario_file(sweep.base, v.settings, v.resolved);
    } catch (const InputError& e) {
      for (Diagnostic d : e.diagnostics()) {
        d.message = "in variant '" + v.name + "': " + d.message;
        problems.push_back(std::move(d));
      }
    }
  }
}
}  // namespace

std::vector<Setting> SweepAxis::settings_at(double point) const {
  std::vector<Setting> out;
  for (std::size_t k = 0; k < paths.size(); ++k)
    out.push_back(number_setting(paths[k], kind == Kind::kScale ? bases[k] * point : point));
  return out;
}

bool SweepAxis::numeric() const {
  return kind != Kind::kSet && std::all_of(numbers.begin(), numbers.end(), [](const auto& x) { return x.has_value(); });
}

std::optional<std::size_t> Sweep::axis(const std::string& name) const {
  for (std::size_t k = 0; k < axes.size(); ++k)
    if (axes[k].name == name) return k;
  return std::nullopt;
}

Sweep read_sweep_file(const std::string& path, const SweepCommandLine& command_line) {
  const YAML::Node root = load_yaml_file(
      path, "the sweep file is empty; it needs base and grid or variants", "sweep file");
  SweepReader reader(path);
  Sweep sweep = reader.read(root);
  sweep.sets = apply_command_line(sweep, command_line);
  std::vector<Diagnostic>& problems = reader.diagnostics();
  if (!sweep.base.empty() && problems.empty()) check_variants(sweep, reader, command_line, root);
  if (!problems.empty()) throw InputError(std::move(problems));
  return sweep;
}

std::vector<std::pair<std::size_t, std::size_t>> recorded_pairs(const Sweep& sweep, const Scenario& scenario) {
  const auto at = [&](const std::string& name) { return strategy_index(scenario, name, "the sweep"); };
  const std::size_t baseline = sweep.baseline.empty() ? 0 : at(sweep.baseline);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  const auto add = [&](std::size_t a, std::size_t b) {
    if (std::find(pairs.begin(), pairs.end(), std::pair(a, b)) == pairs.end()) pairs.emplace_back(a, b);
  };
  for (std::size_t k = 0; k < scenario.strategies.size(); ++k)
    if (k != baseline) add(k, baseline);
  for (const StrategyPair& p : sweep.pairs) add(at(p.strategy), at(p.baseline));
  if (sweep.break_even) add(at(sweep.break_even->pair.strategy), at(sweep.break_even->pair.baseline));
  return pairs;
}

}  // namespace flowfolio
