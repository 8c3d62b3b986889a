#include "flowfolio/stats/run_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "flowfolio/core/error.hpp"
#include "flowfolio/core/memory.hpp"
#include "flowfolio/engine/engine.hpp"

namespace flowfolio {

namespace {
// Measured: 15-20 M unit outcomes a second on a core; the lower end, so as not to promise.
constexpr double kUnitOutcomesPerCoreSecond = 15e6;

std::string trial_size(const Scenario& scenario, std::uint64_t trials) {
  return std::to_string(trials) + " trials x " + std::to_string(scenario.strategies.size()) +
         " strategies";
}

std::string sketch_notice(double needed, const MemoryLimit& limit) {
  return "flowfolio: every trial's results would need about " + gibibytes(needed) + " and " +
         gibibytes(limit.bytes) + " is allowed (" + limit.source +
         "): keeping mergeable summaries instead (as --statistics sketch: quantiles within "
         "0.5%, no trials.csv)";
}

std::string time_notice(double unit_outcomes, double seconds, unsigned cores) {
  const double minutes = std::max(1.0, std::round(seconds / 60));
  char line[256];
  std::snprintf(line, sizeof line,
                "flowfolio: about %.0f million unit outcomes: expect roughly %.0f minute%s on %u "
                "thread%s (Ctrl-C stops cleanly)",
                unit_outcomes / 1e6, minutes, minutes == 1 ? "" : "s", cores, cores == 1 ? "" : "s");
  return line;
}
}  // namespace

StatisticsChoice statistics_choice(const std::string& text) {
  if (text == "exact") return StatisticsChoice::kExact;
  if (text == "sketch") return StatisticsChoice::kSketch;
  if (text == "auto") return StatisticsChoice::kAuto;
  throw InputError("--statistics " + text + ": expected exact, sketch or auto");
}

RunPlan plan_run(const Scenario& scenario, const RunRequest& request,
                 const std::function<void(const std::string&)>& notice) {
  const MemoryLimit limit = usable_memory();
  const unsigned cores =
      request.threads ? request.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto needed_for = [&](std::uint64_t trials) {
    const RunEstimate e = estimate_run(scenario, trials);
    return e.bytes + cores * e.bytes_per_thread;
  };
  const double needed = needed_for(request.trials);
  // A study's evaluations keep every trial (no summaries): they must fit as they are.
  if (request.evaluation_trials && !request.allow_large_run) {
    require_memory(needed_for(request.evaluation_trials),
                   "each evaluation of this study (" + trial_size(scenario, request.evaluation_trials) + ")",
                   "use fewer trials per evaluation (--evaluation-trials)");
  }
  // Summaries need a batch's memory, whatever the trials (summaries.hpp).
  const bool too_large = limit.bytes > 0 && needed > 0.8 * limit.bytes && !request.allow_large_run;
  const bool automatic = request.statistics == StatisticsChoice::kAuto;
  const RunPlan plan{
      .summarized = request.statistics == StatisticsChoice::kSketch ||
                    (automatic && too_large && !request.precision && !request.report),
      .threads = cores};
  if (plan.summarized && (request.precision || request.report))
    throw InputError(std::string(request.precision ? "--precision" : "--report") +
                     " needs every trial: use --statistics exact");
  if (plan.summarized && automatic && notice) notice(sketch_notice(needed, limit));
  if (!plan.summarized && !request.allow_large_run)
    require_memory(needed, "this run's results (" + trial_size(scenario, request.trials) + ")",
                   "use fewer trials, or --allow-large-run to try anyway");
  if (plan.summarized && !request.allow_large_run)
    require_memory(needed_for(0), "this run's working memory", "use fewer threads (--threads)");
  const RunEstimate estimate = estimate_run(scenario, request.trials);
  const double seconds = estimate.unit_outcomes / (kUnitOutcomesPerCoreSecond * cores);
  if (seconds > 60 && notice) notice(time_notice(estimate.unit_outcomes, seconds, cores));
  return plan;
}

}  // namespace flowfolio
