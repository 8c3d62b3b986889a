// Result files and the console table (MODEL.md section 12; docs/output-format.md).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

// What the reports hold beyond the fixed statistics.
struct ReportOptions {
  std::vector<double> levels;           // VaR and CVaR levels of npv, each in (0, 1)
  std::vector<double> loss_thresholds;  // exceedance P(loss >= x)
  std::size_t baseline = 0;             // the strategy every other is compared with
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (strategy, baseline) also compared
  std::string stop_reason;              // why a precision run stopped; empty otherwise

  // The scenario's `risk:` block, the first strategy as baseline, no pairs.
  static ReportOptions from(const Scenario& scenario);
};

// The text of summary.json: for every strategy, every metric's statistics (section 8)
// with 95% intervals of its quantiles, npv's tail risk at every level and its
// exceedance probabilities, the per-period mean series, and the paired npv comparison of
// every strategy with the baseline. Deterministic: the same results give the same bytes.
std::string summary_json(const Scenario& scenario, const RunResults& results,
                         const ReportOptions& options);
std::string summary_json(const Scenario& scenario, const RunResults& results);

// The text of paired.json: every strategy against the baseline, and the named pairs, on
// npv, incident loss and catastrophes, with one plain sentence each (comparison.hpp).
std::string paired_json(const Scenario& scenario, const RunResults& results,
                        const ReportOptions& options);

// Receives text piece by piece, so large files need not be held in memory whole.
using TextSink = std::function<void(std::string_view)>;

// trials.csv: one row per strategy and trial, every metric, numbers in shortest
// round-trip form. The first form streams it row by row.
void trials_csv(const RunResults& results, const TextSink& sink);
std::string trials_csv(const RunResults& results);

// One row of series.csv: a strategy's period, the mean and the 5, 25, 50, 75, 95
// percentiles of the cumulative discounted cash flow, the mean zone shares, and the
// period's mean money, undiscounted.
struct SeriesRow {
  std::size_t strategy = 0;
  int period = 0;
  double mean = 0;
  std::array<float, 5> quantiles{};       // p5, p25, p50, p75, p95
  std::array<double, 3> zone_share{};     // flow, anxiety, boredom
  PeriodMoney money;                      // means over trials
};
std::vector<SeriesRow> series_rows(const RunResults& results);

// series.csv: series_rows() as text.
std::string series_csv(const RunResults& results);

// What manifest.json records so a result can be audited and rerun.
struct Manifest {
  std::string command_line;
  std::string scenario_file;
  std::string scenario_sha256;
  std::string start_time, end_time;  // UTC, ISO 8601
  std::uint64_t seed = 0, trials = 0;
  unsigned threads = 0;
  bool independent_streams = false;
  double precision = 0;              // R of --precision, 0 when not used
  std::string stop_reason;
  std::vector<std::string> overrides;  // --set key.path=value, in order
  std::vector<std::string> files;    // the files written beside it (ResultFolder::files())
};
std::string manifest_json(const Manifest& manifest);

// A moment as manifest.json writes it: UTC, ISO 8601 ("2026-11-26T20:17:21Z").
std::string iso_time(std::chrono::system_clock::time_point when);

// A table a person can read: one row per strategy with mean npv, P5, CVaR95,
// P(npv < 0), mean incident loss, flow share and the standard error of the mean npv.
std::string summary_table(const Scenario& scenario, const RunResults& results);

// The comparison for a person: one sentence per strategy and pair, then a table of the
// paired differences with their standard errors.
std::string comparison_table(const Scenario& scenario, const RunResults& results,
                             const ReportOptions& options);

// The period-by-period story of one traced trial (`flowfolio run --trial N --trace`): each
// period's totals, then each person's hours, units, successes, incidents, balance,
// skills and burnout. `only_strategy` >= 0 limits it to that strategy.
std::string trace_table(const Scenario& scenario, std::uint64_t trial,
                        const std::vector<TrialOutcome>& outcomes, int only_strategy = -1);

// Writes `content` to `path` whole or not at all: a temporary file in the same folder,
// flushed, then renamed over `path`. Throws std::runtime_error with the reason.
void write_file_atomically(const std::string& path, const std::string& content);
// The same for text produced piece by piece through the sink; if `produce` throws, the
// temporary file is removed and `path` is untouched.
void write_file_atomically(const std::string& path,
                           const std::function<void(const TextSink&)>& produce);

}  // namespace flowfolio
