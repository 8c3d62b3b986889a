// Result files and the console table (MODEL.md section 12; docs/output-format.md).
#pragma once

#include <string>

#include "flowfolio/engine.hpp"
#include "flowfolio/scenario.hpp"

namespace flowfolio {

// The text of summary.json: for every strategy, every metric's statistics (section 8),
// the per-period mean series, and the paired npv comparison of every strategy with the
// first listed one. Deterministic: the same results give the same bytes.
std::string summary_json(const Scenario& scenario, const RunResults& results);

// A table a person can read: one row per strategy with mean npv, P5, CVaR95,
// P(npv < 0), mean incident loss, flow share and the standard error of the mean npv.
std::string summary_table(const Scenario& scenario, const RunResults& results);

// A period-by-period table of one traced trial (`flowfolio run --trial N --trace`).
std::string trace_table(const Scenario& scenario, std::uint64_t trial,
                        const std::vector<TrialOutcome>& outcomes);

// Money for people: 1234567.8 -> "1.23M", -45600 -> "-45.6k", 950 -> "950".
std::string format_money(double amount);

// Writes `content` to `path` whole or not at all: a temporary file in the same folder,
// flushed, then renamed over `path`. Throws std::runtime_error with the reason.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace flowfolio
