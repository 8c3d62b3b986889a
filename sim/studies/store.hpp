// The results store (docs/sweeps.md, docs/sensitivity.md): one SQLite file that sweeps
// and sensitivity analyses record into, kept apart by run_id. Internal to the library.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "core/digest.hpp"
#include "flowfolio/core/error.hpp"

namespace flowfolio {

// The SQLite application_id of every store flowfolio creates ("FFLO"): it adds tables and
// rows only to files that carry it, never to a database it did not create.
inline constexpr std::int64_t kStoreApplicationId = 0x46464C4F;

// FNV-1a, 64 bits, as hex: a stable name for what a variant or a sweep is made of.
inline std::string content_key(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

// A text column of the current row with every byte, NUL included.
inline std::string text_column(sqlite3_stmt* statement, int i) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, i))) : std::string();
}

// The SQLite store: a thin owner of the connection with checked statements. Creates the
// file when it is absent; an existing file must be a store flowfolio created (InputError,
// naming it as `named`, e.g. "--store FILE", or by its path).
class Store {
 public:
  explicit Store(const std::string& path, const std::string& named = "") {
    const bool existed = std::filesystem::exists(path);
    const int flags = SQLITE_OPEN_READWRITE | (existed ? 0 : SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open the store " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, 10000);
    if (existed) require_ours(named.empty() ? path : named);
    else exec("PRAGMA application_id = " + std::to_string(kStoreApplicationId));
    exec(R"SQL(
      CREATE TABLE IF NOT EXISTS runs(run_id TEXT PRIMARY KEY, sweep_file TEXT, base_file TEXT,
        seed INTEGER, trials INTEGER, variants INTEGER, flowfolio_version TEXT, command_line TEXT);
      CREATE TABLE IF NOT EXISTS variants(run_id TEXT, variant TEXT, variant_key TEXT, position INTEGER,
        PRIMARY KEY(run_id, variant));
      CREATE TABLE IF NOT EXISTS parameters(run_id TEXT, variant TEXT, key_path TEXT, value TEXT);
      CREATE TABLE IF NOT EXISTS axes(run_id TEXT, axis TEXT, position INTEGER, kind TEXT, key_paths TEXT);
      CREATE TABLE IF NOT EXISTS axis_values(run_id TEXT, variant TEXT, axis TEXT, value);
      CREATE TABLE IF NOT EXISTS break_even(run_id TEXT, strategy TEXT, baseline TEXT, axis TEXT, fixed TEXT,
        crossing INTEGER, value REAL, lo95 REAL, hi95 REAL, lo_open INTEGER, hi_open INTEGER,
        strategy_leads_below INTEGER, evaluations INTEGER, sentence TEXT);
      CREATE TABLE IF NOT EXISTS break_even_curve(run_id TEXT, fixed TEXT, x REAL, mean REAL, se REAL,
        lo95 REAL, hi95 REAL, p_beats REAL, on_grid INTEGER);
      CREATE TABLE IF NOT EXISTS robustness(run_id TEXT, strategy TEXT, baseline TEXT, row TEXT, input TEXT,
        low TEXT, high TEXT, mean REAL, lo95 REAL, hi95 REAL, at_low REAL, at_high REAL, worst TEXT,
        sentence TEXT);
      CREATE TABLE IF NOT EXISTS results(run_id TEXT, variant TEXT, strategy TEXT, metric TEXT,
        mean REAL, sd REAL, se REAL, min REAL, max REAL, p5 REAL, p25 REAL, p50 REAL, p75 REAL,
        p95 REAL, var95 REAL, cvar95 REAL, p_loss REAL);
      CREATE TABLE IF NOT EXISTS paired(run_id TEXT, variant TEXT, strategy TEXT, baseline TEXT,
        metric TEXT, mean REAL, se REAL, lo95 REAL, hi95 REAL, p_beats REAL, p_tie REAL);
      CREATE TABLE IF NOT EXISTS sensitivity_runs(run_id TEXT PRIMARY KEY, scenario_file TEXT,
        seed INTEGER, trials_per_evaluation INTEGER, samples INTEGER, evaluations INTEGER,
        flowfolio_version TEXT, command_line TEXT);
      CREATE TABLE IF NOT EXISTS sensitivity_inputs(run_id TEXT, input TEXT, position INTEGER,
        key_paths TEXT, base TEXT, low REAL, high REAL, distribution TEXT);
      CREATE TABLE IF NOT EXISTS sensitivity_tornado(run_id TEXT, output TEXT, strategy TEXT,
        versus TEXT, input TEXT, rank INTEGER, low REAL, high REAL, at_low REAL, at_high REAL,
        swing REAL, swing_se REAL);
      CREATE TABLE IF NOT EXISTS sensitivity_indices(run_id TEXT, output TEXT, strategy TEXT,
        versus TEXT, input TEXT, first REAL, first_se REAL, first_lo REAL, first_hi REAL,
        total REAL, total_se REAL, total_lo REAL, total_hi REAL, noise_share REAL);
      CREATE TABLE IF NOT EXISTS frontier_runs(run_id TEXT PRIMARY KEY, scenario_file TEXT, seed INTEGER,
        trials_per_candidate INTEGER, candidates INTEGER, recommendation TEXT, flowfolio_version TEXT,
        command_line TEXT);
      CREATE TABLE IF NOT EXISTS frontier_points(run_id TEXT, strategy TEXT, candidate INTEGER,
        decisions TEXT, mean_npv REAL, mean_npv_se REAL, risk REAL, risk_se REAL, cvar95 REAL,
        p_loss REAL, mean_cost REAL, feasible INTEGER, on_front INTEGER, is_current INTEGER,
        is_best INTEGER);
      CREATE TABLE IF NOT EXISTS frontier_confidence(run_id TEXT, strategy TEXT, candidate INTEGER,
        trials INTEGER, p_meets REAL, cvar95_se REAL, cvar95_lo95 REAL, cvar95_hi95 REAL, thin_tail INTEGER);
      CREATE TABLE IF NOT EXISTS frontier_confirmations(run_id TEXT, attempt INTEGER, strategy TEXT,
        candidate INTEGER, decisions TEXT, seed INTEGER, trials INTEGER, verdict TEXT, search_mean_npv REAL,
        search_risk REAL, mean_npv REAL, mean_npv_se REAL, risk REAL, risk_se REAL, cvar95 REAL,
        cvar95_lo95 REAL, cvar95_hi95 REAL, p_meets REAL, thin_tail INTEGER, current_mean_npv REAL,
        current_risk REAL, gain_mean REAL, gain_lo95 REAL, gain_hi95 REAL, recommended INTEGER);
    )SQL");
  }
  ~Store() { sqlite3_close(db_); }
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string why = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("store: " + why);
    }
  }

  // In one transaction: deletes the rows of `run_id` from `tables`, then calls `write`.
  // Rolls back and rethrows when anything fails.
  void replace(const std::string& run_id, std::initializer_list<const char*> tables, const std::function<void()>& write) {
    exec("BEGIN");
    try {
      for (const char* table : tables) run(std::string("DELETE FROM ") + table + " WHERE run_id = ?", {run_id});
      write();
      exec("COMMIT");
    } catch (...) {
      exec("ROLLBACK");
      throw;
    }
  }

  // Runs `sql` with the given values bound in order; calls `row` for each result row.
  using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
  void run(const std::string& sql, const std::vector<Value>& values,
           const std::function<void(sqlite3_stmt*)>& row = {}) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("store: ") + sqlite3_errmsg(db_));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const int k = static_cast<int>(i) + 1;
      std::visit([&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) sqlite3_bind_null(raw, k);
        else if constexpr (std::is_same_v<T, std::int64_t>) sqlite3_bind_int64(raw, k, v);
        else if constexpr (std::is_same_v<T, double>) sqlite3_bind_double(raw, k, v);
        else sqlite3_bind_text64(raw, k, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);  // NUL and all
      }, values[i]);
    }
    for (int rc; (rc = sqlite3_step(raw)) != SQLITE_DONE;) {
      if (rc != SQLITE_ROW) throw std::runtime_error(std::string("store: ") + sqlite3_errmsg(db_));
      if (row) row(raw);
    }
  }

 private:
  sqlite3* db_ = nullptr;

  void require_ours(const std::string& named) {
    std::int64_t id = -1;
    try {
      run("PRAGMA application_id", {}, [&](sqlite3_stmt* row) { id = sqlite3_column_int64(row, 0); });
    } catch (const std::runtime_error&) {
      // not a database: id stays -1
    }
    if (id == kStoreApplicationId) return;
    sqlite3_close(db_);
    db_ = nullptr;
    throw InputError(named + ": is not a results store flowfolio created (" +
                     (id < 0 ? std::string("not an SQLite database") : "its SQLite application_id is " + std::to_string(id)) +
                     "); flowfolio adds tables only to its own stores: name a new file");
  }
};

}  // namespace flowfolio
