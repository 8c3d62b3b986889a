// Sweep files (docs/sweeps.md): the base scenario, the trials and seed, and the variants as
// a grid of key paths or a named list, read through the typed field reader so that every
// problem is reported at once; then each variant's scenario read once, and kept.
#include "flowfolio/yaml/sweep_file.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "core/whole_number.hpp"
#include "flowfolio/core/error.hpp"
#include "yaml/fields.hpp"
#include "yaml/format_table.hpp"
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

class SweepReader {
 public:
  explicit SweepReader(const std::string& path) : fields_(path) {}

  Sweep read(const YAML::Node& root);
  std::vector<Diagnostic>& diagnostics() { return fields_.diagnostics(); }

 private:
  std::optional<std::uint64_t> whole_number(const MapView& m, const char* key,
                                            std::uint64_t minimum);
  Entries entries(const YAML::Node& map, const std::string& path);
  bool check_name_text(const YAML::Node& at, const std::string& path, const std::string& text);
  bool grid_fits(const YAML::Node& grid, const Entries& axes);
  std::vector<SweepVariant> grid_variants(const YAML::Node& grid);
  std::optional<SweepVariant> listed_variant(const YAML::Node& node, const std::string& path,
                                             std::set<std::string>& names);
  std::vector<SweepVariant> listed_variants(const YAML::Node& list);

  Fields fields_;
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

// The number of grid points, counted without making them; refused beyond the limit.
bool SweepReader::grid_fits(const YAML::Node& grid, const Entries& axes) {
  std::uint64_t points = 1;
  std::string sizes;
  bool over = false;
  for (const auto& [key, values] : axes) {
    const std::uint64_t n = values.size();
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

std::vector<SweepVariant> SweepReader::grid_variants(const YAML::Node& grid) {
  if (!grid.IsMap() || grid.size() == 0) {
    fields_.error(grid, "grid", "expected a map of key.path: [values], got " + describe_kind(grid));
    return {};
  }
  const std::size_t errors = diagnostics().size();
  const Entries axes = entries(grid, "grid");
  for (const auto& [key, values] : axes) {
    const std::string path = child("grid", key.Scalar());
    check_name_text(key, path, key.Scalar());
    if (!values.IsSequence() || values.size() == 0) {
      fields_.error(values, path,
                    "expected a non-empty list of values, got " + describe_kind(values));
      continue;
    }
    for (const auto& value : values) check_name_text(value, path, value_text(value));
  }
  if (diagnostics().size() != errors || !grid_fits(grid, axes)) return {};
  std::vector<SweepVariant> variants(1);
  for (const auto& [key, values] : axes) {
    std::vector<SweepVariant> next;
    for (const SweepVariant& v : variants) {
      for (const auto& value : values) {
        SweepVariant w = v;
        w.settings.push_back(make_setting(key.Scalar(), value));
        w.name += (w.name.empty() ? "" : ", ") + key.Scalar() + "=" + w.settings.back().text();
        next.push_back(std::move(w));
      }
    }
    variants = std::move(next);
  }
  return variants;
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
  const YAML::Node* grid = m.get("grid");
  const YAML::Node* variants = m.get("variants");
  if (grid && variants) {
    fields_.error(*variants, "variants", "give either grid or variants, not both");
  } else if (grid) {
    sweep.variants = grid_variants(*grid);
  } else if (variants) {
    sweep.variants = listed_variants(*variants);
  } else {
    fields_.error(root, "grid",
                  "give grid (every combination of values) or variants (a named list)");
  }
  return sweep;
}

// Every variant must make a valid scenario: found now, not halfway through the sweep. The
// base is read alone first, so that a problem of its own is reported once, not once a
// variant; each variant's scenario and resolved text are kept for the run.
void check_variants(Sweep& sweep, std::vector<Diagnostic>& problems) {
  try {
    const Scenario base = read_scenario_file(sweep.base);
    sweep.base_seed = base.seed;
    sweep.base_trials = base.trials;
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    return;
  }
  for (SweepVariant& v : sweep.variants) {
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

Sweep read_sweep_file(const std::string& path) {
  const YAML::Node root = load_yaml_file(
      path, "the sweep file is empty; it needs base and grid or variants", "sweep file");
  SweepReader reader(path);
  Sweep sweep = reader.read(root);
  std::vector<Diagnostic>& problems = reader.diagnostics();
  if (!sweep.base.empty()) check_variants(sweep, problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  return sweep;
}

}  // namespace flowfolio
