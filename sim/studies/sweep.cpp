// Sweeps: every variant run on the common seed and recorded in the SQLite store.
#include "flowfolio/studies/sweep.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <variant>
#include <sstream>
#include <thread>

#include "core/file_text.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/memory.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "output/csv.hpp"
#include "studies/store.hpp"

namespace flowfolio {

namespace {
namespace fs = std::filesystem;

// A variant as it will run: its key (a SHA-256 of the resolved scenario the variant's
// scenario was read from, the seed and the trials). The scenario itself is the one
// read_sweep_file read and kept in the variant: one reading of the files.
struct PlannedVariant {
  std::string key;
};

// Every variant planned, and a refusal before anything runs when one variant's results
// would not fit in memory.
std::vector<PlannedVariant> plan_variants(const Sweep& sweep, const SweepOptions& options, std::uint64_t seed,
                                          std::uint64_t trials) {
  const double threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<PlannedVariant> planned;
  for (const SweepVariant& v : sweep.variants) {
    PlannedVariant p{.key = sha256_hex(v.resolved + "\n" + std::to_string(seed) + "/" + std::to_string(trials))};
    const RunEstimate e = estimate_run(v.scenario, trials);
    require_memory(e.bytes + threads * e.bytes_per_thread,
                   sweep.file + ": variant '" + v.name + "' (" + std::to_string(trials) + " trials x " +
                       std::to_string(v.scenario.strategies.size()) + " strategies)",
                   "use fewer trials (trials: in the sweep file, or --trials)");
    planned.push_back(std::move(p));
  }
  return planned;
}

// Records one variant's results, in one transaction: it is in the store whole, or not at all.
void record_variant(Store& store, const std::string& run_id, const SweepVariant& v, const std::string& key,
                    std::size_t position, const Scenario& scenario, const RunResults& r) {
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
}
}  // namespace

SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options) {
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  const std::string base_text = read_input_file(sweep.base, kNoSizeLimit, "scenario file");
  const std::uint64_t seed = sweep.seed_given ? sweep.seed : sweep.base_seed;
  const std::uint64_t trials = sweep.trials ? sweep.trials : sweep.base_trials;
  std::string identity = read_input_file(sweep.file, kNoSizeLimit, "sweep file") + "\n" + base_text + "\n" + std::to_string(seed) + "/" + std::to_string(trials);
  SweepOutcome outcome{.run_id = "sweep-" + content_key(identity)};
  // Planned before the store is opened: a sweep refused leaves no store behind.
  const std::vector<PlannedVariant> planned = plan_variants(sweep, options, seed, trials);
  // The leader alone owns the store (trial_runner.hpp); the others follow its choices.
  std::optional<Store> store;
  if (runner.leader()) store.emplace(options.store);
  const std::string& run_id = outcome.run_id;
  if (store)
    store->run("INSERT OR IGNORE INTO runs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
               {run_id, sweep.file, sweep.base, static_cast<std::int64_t>(seed), static_cast<std::int64_t>(trials),
                static_cast<std::int64_t>(sweep.variants.size()), std::string(FLOWFOLIO_VERSION), options.command_line});

  const auto start = std::chrono::steady_clock::now();
  SweepProgress progress{.total = sweep.variants.size()};
  for (std::size_t position = 0; position < sweep.variants.size(); ++position) {
    const SweepVariant& v = sweep.variants[position];
    const std::string& key = planned[position].key;
    bool complete = false;
    if (store)
      store->run("SELECT 1 FROM variants WHERE run_id = ? AND variant = ? AND variant_key = ?", {run_id, v.name, key},
                 [&](sqlite3_stmt*) { complete = true; });
    progress.variant = v.name;
    if (runner.agree(complete)) {
      ++outcome.skipped;
      ++progress.skipped;
    } else {
      const Scenario& scenario = v.scenario;
      const RunResults r = run(scenario, {.trials = trials, .seed = seed, .threads = options.threads,
                                          .stop = options.stop, .runner = &runner});
      if (store) record_variant(*store, run_id, v, key, position, scenario, r);
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
