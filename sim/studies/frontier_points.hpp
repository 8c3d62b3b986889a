// What the frontier's three steps share (frontier.hpp): a point measured from its trials,
// and more trials simulated for one point. Internal to the library.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "flowfolio/studies/frontier.hpp"

namespace flowfolio::frontier {

// n rounded up to a whole number of blocks: extensions start on the engine's blocks.
inline std::uint64_t round_up(std::uint64_t n, std::uint64_t block) { return (n + block - 1) / block * block; }

// The numbers measure() gives a point, as a runner passes them between processes.
inline constexpr std::size_t kMeasureNumbers = 12;

// A point's figures from its per-trial npv and cost: kMeasureNumbers numbers.
std::vector<double> measure(std::span<const double> npv, std::span<const double> cost);

// Sets p's figures from measure()'s numbers, then its risk, feasibility, confidence of
// meeting the ceilings and thin-tail flag under `spec`.
void set_measure(FrontierPoint& p, const double* numbers, const OptimizeSpec& spec);

// The best point that meets every ceiling on its estimates: highest mean npv, then
// lowest risk; none when no point does.
std::optional<std::size_t> best_feasible(const std::vector<FrontierPoint>& points);

// The trials of one point: npv and cost, trial by trial from trial 0.
struct PointTrials {
  std::vector<double> npv, cost;
};

// Simulates one strategy at one candidate for a range of trials, on any seed: the
// scenario with the candidate's decisions set and only that strategy kept. A trial's
// random numbers are keyed by the trial, period, activity, unit and slot, never by the
// strategies beside it (MODEL.md section 9), so trial n here is trial n of the search.
class PointSimulator {
 public:
  // Keeps copies of all but `options`, which must outlive it.
  PointSimulator(std::string text, std::string file, const FrontierOptions& options, OptimizeSpec spec,
                 std::vector<int> searched)
      : text_(std::move(text)), file_(std::move(file)), options_(options), spec_(std::move(spec)),
        searched_(std::move(searched)) {}

  // The scenario for decisions `x` (all NaN: as written) with the searched strategies,
  // or only the one at position `only` among them.
  Scenario variant(const std::vector<double>& x, std::optional<std::size_t> only = {}) const;
  // Strategy `strategy` (its position among the searched) at decisions `x`, trials
  // [begin, end) of `seed`; begin a multiple of kTrialBlock.
  PointTrials simulate(const std::vector<double>& x, std::size_t strategy, std::uint64_t seed,
                       std::uint64_t begin, std::uint64_t end) const;
  const FrontierOptions& options() const { return options_; }

 private:
  std::string text_;
  std::string file_;
  const FrontierOptions& options_;
  OptimizeSpec spec_;
  std::vector<int> searched_;
};

// The decisions a point is simulated at: all NaN for the mix as written (its values may
// not be numbers), else its candidate's.
std::vector<double> point_decisions(const FrontierResults& results, const FrontierPoint& p);

}  // namespace flowfolio::frontier
