// Sweeps: the sweep-file reader (YAML, like scenario_reader.cpp) and the SQLite store.
#include "flowfolio/sweep.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <variant>
#include <sstream>

#include "file_text.hpp"
#include "store.hpp"
#include "flowfolio/comparison.hpp"
#include "flowfolio/engine.hpp"
#include "flowfolio/error.hpp"
#include "flowfolio/scenario.hpp"
#include "flowfolio/statistics.hpp"

namespace flowfolio {

namespace {
namespace fs = std::filesystem;

std::string file_bytes(const std::string& path) {
  std::optional<std::string> text = read_file_text(path);
  if (!text) throw std::runtime_error("cannot read " + path);
  return std::move(*text);
}

// A YAML value as --set text: scalars as they are, collections in flow style.
std::string as_setting(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
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


std::string text_column(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}
}  // namespace

Sweep read_sweep_file(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError({Diagnostic{.file = path, .message = "no such file, or it cannot be read"}});
  } catch (const YAML::Exception& e) {
    throw InputError({Diagnostic{.file = path, .line = e.mark.line + 1, .column = e.mark.column + 1,
                                 .message = "YAML syntax error: " + e.msg}});
  }
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
  const auto whole = [&](const char* key) -> std::uint64_t {
    const YAML::Node n = root[key];
    try {
      const long double v = std::stold(n.Scalar());
      if (v >= 0 && v == static_cast<long double>(static_cast<std::uint64_t>(v))) return static_cast<std::uint64_t>(v);
    } catch (const std::exception&) {
    }
    fail(path, n, key, "must be a whole number of 0 or more, got '" + n.Scalar() + "'");
  };
  if (root["trials"]) sweep.trials = whole("trials");
  if (root["seed"]) {
    sweep.seed = whole("seed");
    sweep.seed_given = true;
  }
  if (root["grid"] && root["variants"]) fail(path, root["variants"], "variants", "give either grid or variants, not both");
  if (const YAML::Node grid = root["grid"]) {
    if (!grid.IsMap() || grid.size() == 0) fail(path, grid, "grid", "expected a map of key.path: [values]");
    sweep.variants.push_back({});
    for (const auto& axis : grid) {
      const std::string key = axis.first.Scalar();
      if (!axis.second.IsSequence() || axis.second.size() == 0)
        fail(path, axis.second, "grid." + key, "expected a non-empty list of values");
      std::vector<SweepVariant> next;
      for (const SweepVariant& v : sweep.variants) {
        for (const auto& value : axis.second) {
          SweepVariant w = v;
          const std::string setting = key + "=" + as_setting(value);
          w.name += (w.name.empty() ? "" : ", ") + setting;
          w.overrides.push_back(setting);
          next.push_back(std::move(w));
        }
      }
      sweep.variants = std::move(next);
    }
  } else if (const YAML::Node variants = root["variants"]) {
    if (!variants.IsSequence() || variants.size() == 0) fail(path, variants, "variants", "expected a non-empty list");
    for (std::size_t i = 0; i < variants.size(); ++i) {
      const YAML::Node v = variants[i];
      const std::string where = "variants[" + std::to_string(i) + "]";
      if (!v.IsMap() || !v["name"] || !v["name"].IsScalar()) fail(path, v, where, "expected {name, set: {key.path: value}}");
      SweepVariant w{.name = v["name"].Scalar()};
      for (const SweepVariant& other : sweep.variants)
        if (other.name == w.name) fail(path, v["name"], where + ".name", "duplicate variant name '" + w.name + "'");
      if (const YAML::Node set = v["set"]) {
        if (!set.IsMap()) fail(path, set, where + ".set", "expected a map of key.path: value");
        for (const auto& s : set) w.overrides.push_back(s.first.Scalar() + "=" + as_setting(s.second));
      }
      sweep.variants.push_back(std::move(w));
    }
  } else {
    fail(path, root, "grid", "give grid (every combination of values) or variants (a named list)");
  }
  // Every variant must make a valid scenario: found now, not halfway through the sweep.
  std::vector<Diagnostic> problems;
  for (const SweepVariant& v : sweep.variants) {
    try {
      read_scenario_file(sweep.base, v.overrides);
    } catch (const InputError& e) {
      for (Diagnostic d : e.diagnostics()) {
        d.message = "in variant '" + v.name + "': " + d.message;
        problems.push_back(std::move(d));
      }
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return sweep;
}

SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options) {
  Store store(options.store);
  const std::string base_text = file_bytes(sweep.base);
  const Scenario first = read_scenario_file(sweep.base);
  const std::uint64_t seed = sweep.seed_given ? sweep.seed : first.seed;
  const std::uint64_t trials = sweep.trials ? sweep.trials : first.trials;
  std::string identity = file_bytes(sweep.file) + "\n" + base_text + "\n" + std::to_string(seed) + "/" + std::to_string(trials);
  SweepOutcome outcome{.run_id = "sweep-" + content_key(identity)};
  const std::string& run_id = outcome.run_id;
  store.run("INSERT OR IGNORE INTO runs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
            {run_id, sweep.file, sweep.base, static_cast<std::int64_t>(seed), static_cast<std::int64_t>(trials),
             static_cast<std::int64_t>(sweep.variants.size()), std::string(FLOWFOLIO_VERSION), options.command_line});

  const auto start = std::chrono::steady_clock::now();
  SweepProgress progress{.total = sweep.variants.size()};
  for (std::size_t position = 0; position < sweep.variants.size(); ++position) {
    const SweepVariant& v = sweep.variants[position];
    std::string joined;
    for (const std::string& o : v.overrides) joined += o + "\n";
    const std::string key = content_key(base_text + "\n" + joined + std::to_string(seed) + "/" + std::to_string(trials));
    bool complete = false;
    store.run("SELECT 1 FROM variants WHERE run_id = ? AND variant = ? AND variant_key = ?", {run_id, v.name, key},
              [&](sqlite3_stmt*) { complete = true; });
    progress.variant = v.name;
    if (complete) {
      ++outcome.skipped;
      ++progress.skipped;
    } else {
      const Scenario scenario = read_scenario_file(sweep.base, v.overrides);
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
        for (const std::string& o : v.overrides) {
          const auto eq = o.find('=');
          store.run("INSERT INTO parameters VALUES(?, ?, ?, ?)", {run_id, v.name, o.substr(0, eq), o.substr(eq + 1)});
        }
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
  const auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string q = "\"";
    for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  store.run(
      "SELECT r.run_id, r.variant, COALESCE((SELECT group_concat(key_path || '=' || value, '; ') FROM parameters p "
      "WHERE p.run_id = r.run_id AND p.variant = r.variant), ''), r.strategy, r.metric, r.mean, r.sd, r.se, r.min, "
      "r.max, r.p5, r.p25, r.p50, r.p75, r.p95, r.var95, r.cvar95, r.p_loss FROM results r JOIN variants v "
      "ON v.run_id = r.run_id AND v.variant = r.variant ORDER BY r.run_id, v.position, r.rowid",
      {}, [&](sqlite3_stmt* s) {
        for (int i = 0; i < 18; ++i) {
          if (i) out += ',';
          if (i < 5) {
            out += field(text_column(s, i));
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
