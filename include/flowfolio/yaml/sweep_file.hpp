// Reading a sweep file (docs/sweeps.md): a base scenario and either a grid of key paths
// (every combination of the listed values) or a list of named variants, each a set of
// settings. The sweep runner (flowfolio/studies/sweep.hpp) runs what this reads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio {

struct SweepVariant {
  std::string name;               // "a.b=1, c=2" for a grid point
  std::vector<Setting> settings;  // key path and typed value, as the sweep file gives them
  // The base scenario with `settings` applied, read once when the sweep file was checked:
  // the scenario the variant runs, and the document it was read from as one YAML text
  // (resolved_scenario_text), from the same reading of the files.
  Scenario scenario;
  std::string resolved;
};

// The most variants a sweep may have: a grid is counted before it is expanded.
inline constexpr std::uint64_t kMostSweepVariants = 10000;

struct Sweep {
  std::string file;          // the sweep file
  std::string base;          // the base scenario, as a path
  std::uint64_t trials = 0;  // 0: the base scenario's
  std::uint64_t seed = 0;
  bool seed_given = false;  // false: the base scenario's
  // The base scenario's own seed and trials, from the reading that checked it.
  std::uint64_t base_seed = 0, base_trials = 0;
  std::vector<SweepVariant> variants;
};

// Reads a sweep file and checks every variant against the base scenario. Throws
// InputError listing every problem found, each as "file:line:col: key.path: message"
// (an unknown key with "did you mean"): the sweep file's own problems, a base scenario
// that is invalid by itself (once, not once a variant), and each variant whose settings
// make the base invalid ("in variant 'name': " before the scenario's message). A variant
// name holding a control character and a grid of more than kMostSweepVariants points are
// refused; a grid is counted before it is expanded.
Sweep read_sweep_file(const std::string& path);

}  // namespace flowfolio
