// Sweeps: every variant run on the common seed and recorded in the SQLite store.
#include "flowfolio/studies/sweep.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <variant>
#include <thread>

#include "core/file_text.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/memory.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/studies/break_even.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
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
  // Pairs beyond each strategy against the first are part of what a variant records.
  std::string pairs_text;
  if (!sweep.variants.empty() && (!sweep.baseline.empty() || !sweep.pairs.empty() || sweep.break_even))
    for (const auto& [a, b] : recorded_pairs(sweep, sweep.variants.front().scenario))
      pairs_text += "\npair " + std::to_string(a) + ":" + std::to_string(b);
  for (const SweepVariant& v : sweep.variants) {
    PlannedVariant p{.key = sha256_hex(v.resolved + "\n" + std::to_string(seed) + "/" + std::to_string(trials) +
                                       pairs_text)};
    const RunEstimate e = estimate_run(v.scenario, trials);
    require_memory(e.bytes + threads * e.bytes_per_thread,
                   sweep.file + ": variant '" + v.name + "' (" + std::to_string(trials) + " trials x " +
                       std::to_string(v.scenario.strategies.size()) + " strategies)",
                   "use fewer trials (trials: in the sweep file, or --trials)");
    planned.push_back(std::move(p));
  }
  return planned;
}

// A point of an axis as the store keeps it: a whole number written as one an integer, any
// other number a real (a scale's multiplier always), text as text, nothing as null (a
// listed variant that leaves the path as it is).
Store::Value stored_value(const SweepAxis& axis, std::size_t i) {
  const std::string& text = axis.texts[i];
  if (!axis.numbers[i]) return text.empty() ? Store::Value(nullptr) : Store::Value(text);
  const bool integer = axis.kind != SweepAxis::Kind::kScale && !text.empty() &&
                       text.find_first_not_of("-+0123456789") == std::string::npos && std::abs(*axis.numbers[i]) < 9e15;
  return integer ? Store::Value(static_cast<std::int64_t>(*axis.numbers[i])) : Store::Value(*axis.numbers[i]);
}

// Records one variant's results, in one transaction: it is in the store whole, or not at all.
void record_variant(Store& store, const std::string& run_id, const Sweep& sweep, const std::string& key,
                    std::size_t position, const RunResults& r) {
  const SweepVariant& v = sweep.variants[position];
  const Scenario& scenario = v.scenario;
  store.exec("BEGIN");
  try {
    // Rows a different version of this variant left behind are replaced, not doubled.
    for (const char* table : {"variants", "parameters", "axis_values", "results", "paired"})
      store.run(std::string("DELETE FROM ") + table + " WHERE run_id = ? AND variant = ?", {run_id, v.name});
    store.run("INSERT INTO variants VALUES(?, ?, ?, ?)", {run_id, v.name, key, static_cast<std::int64_t>(position)});
    for (const Setting& setting : v.settings)
      store.run("INSERT INTO parameters VALUES(?, ?, ?, ?)", {run_id, v.name, setting.key_path(), setting.text()});
    for (std::size_t k = 0; k < sweep.axes.size(); ++k) {
      const SweepAxis& axis = sweep.axes[k];
      const std::size_t i = axis.kind == SweepAxis::Kind::kSet ? position : v.point[k];
      store.run("INSERT INTO axis_values VALUES(?, ?, ?, ?)", {run_id, v.name, axis.name, stored_value(axis, i)});
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
    }
    for (const auto& [a, b] : recorded_pairs(sweep, scenario)) {
      const Comparison c = compare(scenario, r, a, b);
      for (const MetricComparison& mc : c.metrics) {
        store.run("INSERT INTO paired VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {run_id, v.name, r.strategies[a].name, r.strategies[b].name,
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

// What names a sweep in its store: the sweep file, the base scenario, the --set settings,
// the seed and the trials.
std::string sweep_run_id(const Sweep& sweep, std::uint64_t seed, std::uint64_t trials) {
  std::string identity = read_input_file(sweep.file, kNoSizeLimit, "sweep file") + "\n" +
                         read_input_file(sweep.base, kNoSizeLimit, "scenario file") + "\n" + std::to_string(seed) +
                         "/" + std::to_string(trials);
  for (const Setting& s : sweep.sets) identity += "\n--set " + s.key_path() + "=" + s.text();
  return "sweep-" + content_key(identity);
}

// The run's row and its axes' (replaced: a resumed sweep writes the same ones).
void record_run(Store& store, const std::string& run_id, const Sweep& sweep, std::uint64_t seed, std::uint64_t trials,
                const std::string& command_line) {
  store.run("INSERT OR IGNORE INTO runs VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
            {run_id, sweep.file, sweep.base, static_cast<std::int64_t>(seed), static_cast<std::int64_t>(trials),
             static_cast<std::int64_t>(sweep.variants.size()), std::string(FLOWFOLIO_VERSION), command_line});
  store.replace(run_id, {"axes"}, [&] {
    static const char* const kinds[] = {"values", "scale", "set"};
    for (std::size_t k = 0; k < sweep.axes.size(); ++k) {
      const SweepAxis& a = sweep.axes[k];
      std::string paths;
      for (const std::string& p : a.paths) paths += (paths.empty() ? "" : ", ") + p;
      store.run("INSERT INTO axes VALUES(?, ?, ?, ?, ?)", {run_id, a.name, static_cast<std::int64_t>(k),
                                                          std::string(kinds[static_cast<int>(a.kind)]), paths});
    }
  });
}

// The break-even pair's difference in a variant: from its results, or from the store when
// it was complete there already.
PairPoint pair_point(const Sweep& sweep, const SweepVariant& v, const RunResults* r, Store* store,
                     const std::string& run_id) {
  const StrategyPair& pair = sweep.break_even->pair;
  PairPoint p;
  if (r) {
    return PairPoint::npv(compare(v.scenario, *r, strategy_index(v.scenario, pair.strategy, "the pair"),
                                  strategy_index(v.scenario, pair.baseline, "the pair")));
  }
  if (store)
    store->run("SELECT mean, se, lo95, hi95, p_beats FROM paired WHERE run_id = ? AND variant = ? AND strategy = ? "
               "AND baseline = ? AND metric = 'npv'",
               {run_id, v.name, pair.strategy, pair.baseline}, [&](sqlite3_stmt* s) {
                 p = {sqlite3_column_double(s, 0), sqlite3_column_double(s, 1), sqlite3_column_double(s, 2),
                      sqlite3_column_double(s, 3), sqlite3_column_double(s, 4)};
               });
  return p;
}
}  // namespace

SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options) {
  TrialRunner& runner = options.runner ? *options.runner : local_runner();
  const std::uint64_t seed = sweep.seed_given ? sweep.seed : sweep.base_seed;
  const std::uint64_t trials = sweep.trials ? sweep.trials : sweep.base_trials;
  SweepOutcome outcome{.run_id = sweep_run_id(sweep, seed, trials)};
  // Planned before the store is opened: a sweep refused leaves no store behind.
  const std::vector<PlannedVariant> planned = plan_variants(sweep, options, seed, trials);
  // The leader alone owns the store (trial_runner.hpp); the others follow its choices.
  std::optional<Store> store;
  if (runner.leader()) store.emplace(options.store);
  const std::string& run_id = outcome.run_id;
  if (store) record_run(*store, run_id, sweep, seed, trials, options.command_line);

  const auto start = std::chrono::steady_clock::now();
  SweepProgress progress{.total = sweep.variants.size()};
  std::vector<double> grid;  // the break-even pair's difference in each variant, 5 numbers each
  for (std::size_t position = 0; position < sweep.variants.size(); ++position) {
    const SweepVariant& v = sweep.variants[position];
    const std::string& key = planned[position].key;
    bool complete = false;
    if (store)
      store->run("SELECT 1 FROM variants WHERE run_id = ? AND variant = ? AND variant_key = ?", {run_id, v.name, key},
                 [&](sqlite3_stmt*) { complete = true; });
    progress.variant = v.name;
    std::optional<RunResults> r;
    if (runner.agree(complete)) {
      ++outcome.skipped;
      ++progress.skipped;
    } else {
      r = run(v.scenario, {.trials = trials, .seed = seed, .threads = options.threads, .stop = options.stop,
                           .runner = &runner});
      if (store) record_variant(*store, run_id, sweep, key, position, *r);
      ++outcome.ran;
      ++progress.done;
    }
    if (sweep.break_even && runner.leader()) {
      const std::vector<double> n = pair_point(sweep, v, r ? &*r : nullptr, store ? &*store : nullptr, run_id).numbers();
      grid.insert(grid.end(), n.begin(), n.end());
    }
    progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.progress) options.progress(progress);
  }
  if (sweep.break_even) {
    grid = runner.share(std::move(grid));
    for (std::size_t i = 0; i + 5 <= grid.size(); i += 5)
      outcome.break_even_grid.push_back(PairPoint::from(std::span<const double>(grid).subspan(i, 5)));
  }
  outcome.seed = seed;
  outcome.trials = trials;
  return outcome;
}

void check_store(const std::string& path, const std::string& option) {
  if (fs::exists(path)) Store store(path, option + " " + path);
}

}  // namespace flowfolio
