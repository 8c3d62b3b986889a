// Reading a sweep file (docs/sweeps.md): a base scenario and either a grid of axes (every
// combination of their points) or a list of named variants, each a set of settings; and
// the decision it is about (a baseline, pairs, a break-even to find). The sweep runner
// (flowfolio/studies/sweep.hpp) runs what this reads.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio {

// One axis of a grid: key paths moved together through a list of points. A point is a
// value every path takes (`values:`) or a multiplier of each path's base value
// (`scale:`). A listed sweep is described by one axis per key path its variants set,
// whose points are the values each variant gives it (kind kSet).
struct SweepAxis {
  enum class Kind { kValues, kScale, kSet };
  std::string name;                // its column in the results: its name, or its one path
  std::vector<std::string> paths;
  Kind kind = Kind::kValues;
  bool log = false;                // a range on a log scale: searched geometrically
  std::vector<std::string> texts;  // each point as written: "0.002", "0.5x"
  // Each point as a number (the multiplier for kScale), or none: text, a distribution.
  std::vector<std::optional<double>> numbers;
  std::vector<double> bases;       // kScale: each path's value in the base scenario
  bool whole = false;              // kValues whose points are all whole: searched on whole numbers

  // The settings that put every path of the axis at `point` (a multiplier for kScale).
  // Requires: kind is kValues or kScale.
  std::vector<Setting> settings_at(double point) const;
  // Whether the axis can be searched between its points: every point a number.
  bool numeric() const;
};

// A strategy measured against a baseline, by name.
struct StrategyPair {
  std::string strategy, baseline;
  bool operator==(const StrategyPair&) const = default;
};

// `break_even:` or --break-even: where, along `axis`, the paired mean npv difference
// strategy - baseline crosses zero.
struct BreakEvenRequest {
  StrategyPair pair;
  std::string axis;         // the axis's name (the grid's only axis when the file names none)
  double tolerance = 1e-3;  // the search stops within this share of the axis's span
};

struct SweepVariant {
  std::string name;                // "a.b=1, c=2" for a grid point
  std::vector<Setting> settings;   // key path and typed value, as the sweep file gives them
  std::vector<std::size_t> point;  // a grid point: its place on each axis
  // The base scenario with `settings` applied, read once when the sweep file was checked:
  // the scenario the variant runs, and the document it was read from as one YAML text
  // (resolved_scenario_text), from the same reading of the files.
  Scenario scenario;
  std::string resolved;
};

// The most variants a sweep may have: a grid is counted before it is expanded.
inline constexpr std::uint64_t kMostSweepVariants = 10000;

struct Sweep {
  std::string file;               // the sweep file
  std::vector<Setting> sets;      // --set arguments, applied under every variant
  std::string base;          // the base scenario, as a path
  std::uint64_t trials = 0;  // 0: the base scenario's
  std::uint64_t seed = 0;
  bool seed_given = false;  // false: the base scenario's
  // The base scenario's own seed and trials, from the reading that checked it.
  std::uint64_t base_seed = 0, base_trials = 0;
  std::vector<SweepVariant> variants;
  std::vector<SweepAxis> axes;  // a grid's axes, or a listed sweep's key paths
  bool grid = false;
  std::string baseline;              // the scenario's first strategy unless named
  std::vector<StrategyPair> pairs;   // named pairs, recorded beside the baseline's
  std::optional<BreakEvenRequest> break_even;
  bool robustness = true;  // with a break-even: its pair's robustness summary (robustness.hpp)

  // The position of the axis named `name`, or none.
  std::optional<std::size_t> axis(const std::string& name) const;
};

// What the sweep command adds to a sweep file: `--set` arguments applied to the base
// under every variant, and the decision (`--baseline`, `--pair A:B`, `--break-even A:B`),
// each replacing the file's own.
struct SweepCommandLine {
  std::vector<std::string> sets;
  std::string baseline;
  std::vector<std::string> pairs;  // "A:B"
  std::string break_even;          // "A:B"
};

// Reads a sweep file and checks every variant against the base scenario. Throws
// InputError listing every problem found, each as "file:line:col: key.path: message"
// (an unknown key with "did you mean"): the sweep file's own problems, a base scenario
// that is invalid by itself (once, not once a variant), and each variant whose settings
// make the base invalid ("in variant 'name': " before the scenario's message). A variant
// name holding a control character and a grid of more than kMostSweepVariants points are
// refused; a grid is counted before it is expanded.
Sweep read_sweep_file(const std::string& path, const SweepCommandLine& command_line = {});

// The pairs a sweep records for every variant, as positions (strategy, baseline) in its
// scenarios: each other strategy against the baseline, then the named pairs, then the
// break-even pair, without repeats.
std::vector<std::pair<std::size_t, std::size_t>> recorded_pairs(const Sweep& sweep, const Scenario& scenario);

}  // namespace flowfolio
