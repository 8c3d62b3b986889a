// Planning a run before it starts: exact or sketch statistics, whether it fits in memory,
// and how long it may take (`flowfolio run --statistics`, --allow-large-run; docs/cluster.md).
//
// Every refusal comes before any trial is simulated, so a run too large for the machine
// fails in a moment with advice, not after an hour or in the kernel's out-of-memory killer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

// How the run's statistics are kept: every trial (exact), mergeable summaries (sketch,
// summaries.hpp), or exact when the trials fit in memory and sketch otherwise (auto).
enum class StatisticsChoice { kExact, kSketch, kAuto };

// "exact", "sketch" or "auto" as the --statistics option spells them; InputError otherwise.
StatisticsChoice statistics_choice(const std::string& text);

struct RunRequest {
  std::uint64_t trials = 0;         // the trials the run may reach: --trials, or --precision's cap
  unsigned threads = 0;             // 0: every core
  StatisticsChoice statistics = StatisticsChoice::kAuto;
  bool precision = false;           // --precision: it needs every trial
  bool report = false;              // --report: it needs every trial
  bool allow_large_run = false;     // run even when the estimate says it will not fit
  std::uint64_t evaluation_trials = 0;  // trials of each evaluation of a study; 0 for none
};

struct RunPlan {
  bool summarized = false;  // keep mergeable summaries instead of every trial
  unsigned threads = 0;     // the threads the estimates assume
};

// Decides the plan and refuses, with InputError, what cannot fit in usable_memory() (unless
// allow_large_run) or asks for every trial with sketch statistics. `notice` receives, in
// order, the lines a person should see before the run begins: why auto chose summaries,
// and how long a run over a minute is expected to take. Pass none to hear nothing.
RunPlan plan_run(const Scenario& scenario, const RunRequest& request,
                 const std::function<void(const std::string& line)>& notice = {});

}  // namespace flowfolio
