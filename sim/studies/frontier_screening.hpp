// Screening, the frontier's second step (frontier.hpp, frontier_screening.cpp). Internal.
#pragma once

#include <cstddef>
#include <vector>

#include "flowfolio/engine/trial_runner.hpp"
#include "studies/frontier_points.hpp"

namespace flowfolio::frontier {

// The approximate probability that point `best` is the best feasible point: by
// Bonferroni's inequality, 1 minus its chance of failing a ceiling minus every other
// point's chance of being better by more than 1% of the best's mean (the indifference
// zone) and feasible (means compared as independent normals).
double sure_of_best(const std::vector<FrontierPoint>& points, std::size_t best);

// OCBA-CO's relative trials for `contenders` (positions in `points`, `best` among them).
std::vector<double> ocba_weights(const std::vector<FrontierPoint>& points, std::size_t best,
                                 const std::vector<std::size_t>& contenders);

// Gives the contenders more trials, stage by stage, on the search's seed, until the best
// is sure at 95% or the budget (spec.screening_trials) is spent; updates their points.
FrontierScreening screen(FrontierResults& results, const PointSimulator& simulator, TrialRunner& runner);

}  // namespace flowfolio::frontier
