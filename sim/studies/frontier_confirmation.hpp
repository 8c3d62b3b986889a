// Confirmation, the frontier's third step (frontier.hpp, frontier_confirmation.cpp). Internal.
#pragma once

#include <cstdint>

#include "flowfolio/engine/trial_runner.hpp"
#include "studies/frontier_points.hpp"

namespace flowfolio::frontier {

// The confirmation run's seed: the block's confirm_seed, else one drawn from the search's
// seed (splitmix64 of it), so that the confirmation's futures are not the search's.
std::uint64_t confirmation_seed(const OptimizeSpec& spec, std::uint64_t search_seed);

// One confirmation run of `point` on `seed`: it and the mix as written for its strategy,
// spec.confirm_trials trials, more (to spec.confirm_max_trials) while its verdict is unsure.
FrontierConfirmation confirm_point(const FrontierResults& results, const PointSimulator& simulator,
                                   TrialRunner& runner, std::size_t point, std::uint64_t seed);

// Confirms feasible points of the best point's strategy, at most spec.confirm_candidates
// of them: the highest mean first, then by bisection along their ranking by mean towards
// the best that meets the ceilings. Each is run with the mix as written for its strategy, on the confirmation
// seed, spec.confirm_trials trials, more while its verdict is unsure. The recommended one
// (results.confirmed) is the highest-mean point that met them.
void confirm(FrontierResults& results, const PointSimulator& simulator, TrialRunner& runner);

}  // namespace flowfolio::frontier
