// What a sensitivity analysis and a frontier search share (internal): the scenario with
// some of its numbers set, a space-filling design, and the Monte Carlo error of a CVaR.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "flowfolio/core/error.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio::study {

// A number as --set takes it, exactly (17 significant digits).
std::string number_text(double x);
// A number for people (6 significant digits).
std::string number_short(double x);

// The scenario `text` with `overrides`, then each inputs[i] set to values[i] (NaN: left
// as the scenario has it). When that makes the scenario invalid, throws InputError at
// `at`, saying `what` makes it so and why.
Scenario scenario_with(const std::string& text, const std::string& file, const std::vector<std::string>& overrides,
                       std::span<const ScenarioInput> inputs, std::span<const double> values,
                       const std::string& what, const Diagnostic& at);

// Checks before anything runs that each input alone at each of `ends[i]` keeps the
// scenario valid; throws InputError naming, for each input that fails, the first value
// that does.
void check_ends(const std::string& text, const std::string& file, const std::vector<std::string>& overrides,
                std::span<const ScenarioInput> inputs, const std::vector<std::vector<double>>& ends);

// Keeps only the strategies at the given positions, in that order. Simulating fewer
// strategies changes nothing for the ones kept: draws are keyed by people and units.
void keep_strategies(Scenario& scenario, const std::vector<int>& positions);

// The first n points of a d-dimensional Sobol sequence (Joe-Kuo directions, Boost), each
// coordinate's bits XORed with a word keyed by `seed` (a digital shift): row-major n x d
// in [0, 1). Requires: 1 <= d <= 3667.
std::vector<double> shifted_sobol_points(std::size_t d, std::size_t n, std::uint64_t seed);

// The standard error of the CVaR estimate at `level` from sorted values: the influence
// function's (tail_confidence.hpp).
double cvar_standard_error(std::span<const double> sorted, double level);

}  // namespace flowfolio::study
