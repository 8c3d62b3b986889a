// Sweeps: the sweep-file reader (YAML, like scenario_reader.cpp) and the SQLite store.
#include "flowfolio/sweep.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <variant>
#include <sstream>
#include <thread>

#include "csv.hpp"
#include "file_text.hpp"
#include "scenario_document.hpp"
#include "store.hpp"
#include "whole_number.hpp"
#include "flowfolio/comparison.hpp"
#include "flowfolio/engine.hpp"
#include "flowfolio/error.hpp"
#include "flowfolio/memory.hpp"
#include "flowfolio/scenario.hpp"
#include "flowfolio/statistics.hpp"

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

namespace {
// A variant as it will run: its scenario and its key (a SHA-256 of the resolved scenario
// the scenario was read from, the seed and the trials), from one reading of the files.
struct PlannedVariant {
  Scenario scenario;
  std::string key;
};

// Every variant planned, and a refusal before anything runs when one variant's results
// would not fit in memory.
std::vector<PlannedVariant> plan_variants(const Sweep& sweep, const SweepOptions& options, std::uint64_t seed,
                                          std::uint64_t trials) {
  const double threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<PlannedVariant> planned;
  for (const SweepVariant& v : sweep.variants) {
    std::string resolved;
    PlannedVariant p{.scenario = read_scenario_file(sweep.base, v.settings, resolved)};
    p.key = sha256_hex(resolved + "\n" + std::to_string(seed) + "/" + std::to_string(trials));
    const RunEstimate e = estimate_run(p.scenario, trials);
    require_memory(e.bytes + threads * e.bytes_per_thread,
                   sweep.file + ": variant '" + v.name + "' (" + std::to_string(trials) + " trials x " +
                       std::to_string(p.scenario.strategies.size()) + " strategies)",
                   "use fewer trials (trials: in the sweep file, or --trials)");
    planned.push_back(std::move(p));
  }
  return planned;
}
}  // namespace

SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options) {
  const std::string base_text = read_input_file(sweep.base, kNoSizeLimit, "scenario file");
  const Scenario first = read_scenario_file(sweep.base);
  const std::uint64_t seed = sweep.seed_given ? sweep.seed : first.seed;
  const std::uint64_t trials = sweep.trials ? sweep.trials : first.trials;
  std::string identity = read_input_file(sweep.file, kNoSizeLimit, "sweep file") + "\n" + base_text + "\n" + std::to_string(seed) + "/" + std::to_string(trials);
  SweepOutcome outcome{.run_id = "sweep-" + content_key(identity)};
  // Planned before the store is opened: a sweep refused leaves no store behind.
  const std::vector<PlannedVariant> planned = plan_variants(sweep, options, seed, trials);
  Store store(options.store);
  const std::string& run_id = outcome.run_id;
  store.run("INSERT OR IGNORE INTO runs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
            {run_id, sweep.file, sweep.base, static_cast<std::int64_t>(seed), static_cast<std::int64_t>(trials),
             static_cast<std::int64_t>(sweep.variants.size()), std::string(FLOWFOLIO_VERSION), options.command_line});

  const auto start = std::chrono::steady_clock::now();
  SweepProgress progress{.total = sweep.variants.size()};
  for (std::size_t position = 0; position < sweep.variants.size(); ++position) {
    const SweepVariant& v = sweep.variants[position];
    const std::string& key = planned[position].key;
    bool complete = false;
    store.run("SELECT 1 FROM variants WHERE run_id = ? AND variant = ? AND variant_key = ?", {run_id, v.name, key},
              [&](sqlite3_stmt*) { complete = true; });
    progress.variant = v.name;
    if (complete) {
      ++outcome.skipped;
      ++progress.skipped;
    } else {
      const Scenario& scenario = planned[position].scenario;
      const RunOptions run_options{.trials = trials, .seed = seed, .threads = options.threads, .stop = options.stop};
      const RunResults r = options.run_variant ? options.run_variant(position, scenario, run_options)
                                               : run(scenario, run_options);
      // One transaction per variant: it is in the store whole, or not at all.
      store.exec("BEGIN");
      try {
        // Rows a different version of this variant left behind are replaced, not doubled.
        for (const char* table : {"variants", "parameters", "results", "paired"})
          store.run(std::string("DELETE FROM ") + table + " WHERE run_id = ? AND variant = ?", {run_id, v.name});
        store.run("INSERT INTO variants VALUES(?, ?, ?, ?)", {run_id, v.name, key, static_cast<std::int64_t>(position)});
        for (const Setting& setting : v.settings)
          store.run("INSERT INTO parameters VALUES(?, ?, ?, ?)", {run_id, v.name, setting.key_path(), setting.text()});
        for (std::size_t k = 0; k < r.strategies.size(); ++k) {
          for (std::size_t m = 0; m < kMetricCount; ++m) {
            const auto metric = static_cast<Metric>(m);
            const Summary x = summarize(r.strategies[k].metric(metric));
            Store::Value var = nullptr, cvar = nullptr, loss = nullptr;
            if (metric == Metric::kNpv) {
              const TailRisk t = tail_risk(r.strategies[k].metric(metric));
              var = t.var95;
              cvar = t.cvar95;
              loss = t.p_loss;
            }
            store.run("INSERT INTO results VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {run_id, v.name, r.strategies[k].name, std::string(metric_name(metric)), x.mean, x.sd, x.se,
                       x.min, x.max, x.p5, x.p25, x.p50, x.p75, x.p95, var, cvar, loss});
          }
          if (k == 0) continue;
          const Comparison c = compare(scenario, r, k, 0);
          for (const MetricComparison& mc : c.metrics) {
            store.run("INSERT INTO paired VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {run_id, v.name, r.strategies[k].name, r.strategies[0].name,
                       std::string(metric_name(mc.metric)), mc.difference.mean, mc.difference.se,
                       mc.difference.lo95, mc.difference.hi95, mc.p_beats, mc.difference.p_tie});
          }
        }
        store.exec("COMMIT");
      } catch (...) {
        store.exec("ROLLBACK");
        throw;
      }
      ++outcome.ran;
      ++progress.done;
    }
    progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.progress) options.progress(progress);
  }
  return outcome;
}

void check_store(const std::string& path, const std::string& option) {
  if (fs::exists(path)) Store store(path, option + " " + path);
}

std::string store_csv(const std::string& path) {
  if (!fs::exists(path)) throw InputError(path + ": no such store");
  Store store(path);
  std::string out = "run_id,variant,parameters,strategy,metric,mean,sd,se,min,max,p5,p25,p50,p75,p95,var95,cvar95,p_loss\n";
  store.run(
      "SELECT r.run_id, r.variant, COALESCE((SELECT group_concat(key_path || '=' || value, '; ') FROM parameters p "
      "WHERE p.run_id = r.run_id AND p.variant = r.variant), ''), r.strategy, r.metric, r.mean, r.sd, r.se, r.min, "
      "r.max, r.p5, r.p25, r.p50, r.p75, r.p95, r.var95, r.cvar95, r.p_loss FROM results r JOIN variants v "
      "ON v.run_id = r.run_id AND v.variant = r.variant ORDER BY r.run_id, v.position, r.rowid",
      {}, [&](sqlite3_stmt* s) {
        for (int i = 0; i < 18; ++i) {
          if (i) out += ',';
          if (i < 5) {
            out += csv_text(text_column(s, i));
          } else if (sqlite3_column_type(s, i) != SQLITE_NULL) {
            char buffer[40];
            std::snprintf(buffer, sizeof buffer, "%.17g", sqlite3_column_double(s, i));
            out += buffer;
          }
        }
        out += '\n';
      });
  return out;
}

}  // namespace flowfolio
