// Sweep files (docs/sweeps.md): the base scenario, the trials and seed, and the variants as
// a grid of key paths or a named list, each a set of settings checked against the base.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <memory>
#include <set>

#include "core/whole_number.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "yaml/scenario_document.hpp"

namespace flowfolio {
namespace {
namespace fs = std::filesystem;

// A YAML value as the sweep file wrote it: scalars as they are, collections in flow style.
std::string value_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

Setting make_setting(const std::string& key_path, const YAML::Node& value) {
  return Setting(key_path, value_text(value), std::make_shared<const Setting::Value>(Setting::Value{YAML::Clone(value)}));
}

[[noreturn]] void fail(const std::string& file, const YAML::Node& at, const std::string& path,
                       const std::string& message) {
  const YAML::Mark mark = at.Mark();
  throw InputError({Diagnostic{.file = file,
                               .line = mark.line >= 0 ? mark.line + 1 : 0,
                               .column = mark.column >= 0 ? mark.column + 1 : 0,
                               .path = path,
                               .message = message}});
}

// A variant's name is a key in the store and a line of the progress: no control characters.
void check_name(const std::string& file, const YAML::Node& at, const std::string& path, const std::string& name) {
  if (const std::size_t c = find_control_character(name, false); c != std::string::npos)
    fail(file, at, path, "a variant name may not hold control character " + control_character_name(name, c));
}

// The number of grid points, counted without making them; refused beyond the limit.
void check_grid_size(const std::string& file, const YAML::Node& grid) {
  std::uint64_t points = 1;
  std::string sizes;
  bool over = false;
  for (const auto& axis : grid) {
    const std::uint64_t n = axis.second.IsSequence() ? axis.second.size() : 1;
    over = over || (n > 0 && points > kMostSweepVariants / n);
    points = over ? points : points * n;
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(n);
  }
  const std::string most = std::to_string(kMostSweepVariants);
  if (over || points > kMostSweepVariants) {
    const std::string count = over ? " (more than " + most + ")" : " = " + std::to_string(points);
    fail(file, grid, "grid", "the grid makes " + sizes + count + " variants; a sweep may have at most " + most);
  }
}

std::vector<SweepVariant> grid_variants(const std::string& file, const YAML::Node& grid) {
  if (!grid.IsMap() || grid.size() == 0) fail(file, grid, "grid", "expected a map of key.path: [values]");
  for (const auto& axis : grid)
    if (!axis.second.IsSequence() || axis.second.size() == 0)
      fail(file, axis.second, "grid." + axis.first.Scalar(), "expected a non-empty list of values");
  check_grid_size(file, grid);
  std::vector<SweepVariant> variants(1);
  for (const auto& axis : grid) {
    const std::string key = axis.first.Scalar();
    std::vector<SweepVariant> next;
    for (const SweepVariant& v : variants) {
      for (const auto& value : axis.second) {
        SweepVariant w = v;
        const Setting setting = make_setting(key, value);
        w.name += (w.name.empty() ? "" : ", ") + key + "=" + setting.text();
        check_name(file, value, "grid." + key, w.name);
        w.settings.push_back(setting);
        next.push_back(std::move(w));
      }
    }
    variants = std::move(next);
  }
  return variants;
}

std::vector<SweepVariant> listed_variants(const std::string& file, const YAML::Node& variants) {
  if (!variants.IsSequence() || variants.size() == 0) fail(file, variants, "variants", "expected a non-empty list");
  if (variants.size() > kMostSweepVariants)
    fail(file, variants, "variants", "lists " + std::to_string(variants.size()) + " variants; a sweep may have at most " +
                                         std::to_string(kMostSweepVariants));
  std::vector<SweepVariant> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const YAML::Node v = variants[i];
    const std::string where = "variants[" + std::to_string(i) + "]";
    if (!v.IsMap() || !v["name"] || !v["name"].IsScalar()) fail(file, v, where, "expected {name, set: {key.path: value}}");
    SweepVariant w{.name = v["name"].Scalar()};
    check_name(file, v["name"], where + ".name", w.name);
    if (!names.insert(w.name).second) fail(file, v["name"], where + ".name", "duplicate variant name '" + w.name + "'");
    if (const YAML::Node set = v["set"]) {
      if (!set.IsMap()) fail(file, set, where + ".set", "expected a map of key.path: value");
      for (const auto& s : set) w.settings.push_back(make_setting(s.first.Scalar(), s.second));
    }
    out.push_back(std::move(w));
  }
  return out;
}

// Every variant must make a valid scenario: found now, not halfway through the sweep.
void check_variants(const Sweep& sweep) {
  std::vector<Diagnostic> problems;
  for (const SweepVariant& v : sweep.variants) {
    try {
      read_scenario_file(sweep.base, v.settings);
    } catch (const InputError& e) {
      for (Diagnostic d : e.diagnostics()) {
        d.message = "in variant '" + v.name + "': " + d.message;
        problems.push_back(std::move(d));
      }
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}
}  // namespace

Sweep read_sweep_file(const std::string& path) {
  const YAML::Node root = load_yaml_file(path, "the sweep file is empty; it needs base and grid or variants", "sweep file");
  if (!root.IsMap()) fail(path, root, "", "expected a map with base and grid or variants");
  Sweep sweep;
  sweep.file = path;
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (key != "base" && key != "trials" && key != "seed" && key != "grid" && key != "variants" &&
        key != "description")
      fail(path, entry.first, key, "unknown key '" + key + "'; allowed: base, description, trials, seed, grid, variants");
  }
  if (!root["base"] || !root["base"].IsScalar()) fail(path, root, "base", "missing required key 'base' (the scenario to vary)");
  sweep.base = (fs::path(path).parent_path() / root["base"].Scalar()).lexically_normal().string();
  // A plain whole number in decimal digits (a quoted one is text), trials 1 or more.
  const auto whole = [&](const char* key, std::uint64_t minimum) -> std::uint64_t {
    const YAML::Node n = root[key];
    const WholeNumber w = n.IsScalar() && n.Tag() != "!" ? parse_whole_number(n.Scalar()) : WholeNumber{};
    if (!w.value) fail(path, n, key, w.problem.empty() ? "expected a whole number" : w.problem);
    if (*w.value < minimum) fail(path, n, key, "must be a whole number of " + std::to_string(minimum) + " or more");
    return *w.value;
  };
  if (root["trials"]) sweep.trials = whole("trials", 1);
  if (root["seed"]) {
    sweep.seed = whole("seed", 0);
    sweep.seed_given = true;
  }
  if (root["grid"] && root["variants"]) fail(path, root["variants"], "variants", "give either grid or variants, not both");
  if (const YAML::Node grid = root["grid"]) {
    sweep.variants = grid_variants(path, grid);
  } else if (const YAML::Node variants = root["variants"]) {
    sweep.variants = listed_variants(path, variants);
  } else {
    fail(path, root, "grid", "give grid (every combination of values) or variants (a named list)");
  }
  check_variants(sweep);
  return sweep;
}

}  // namespace flowfolio
