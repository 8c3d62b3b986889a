// A frontier point measured from its trials, and more trials for it (frontier_points.hpp).
#include "studies/frontier_points.hpp"

#include <algorithm>
#include <cmath>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/stats/tail_confidence.hpp"
#include "studies/frontier_text.hpp"
#include "studies/study.hpp"

namespace flowfolio::frontier {

namespace {
// Positions in measure()'s numbers.
enum Number : std::size_t {
  kTrials, kMean, kMeanSe, kCvar, kCvarSe, kCvarSkew, kTailTrials, kWorstShare, kPLoss, kCost, kCostSe, kLosses
};
}  // namespace

std::vector<double> measure(std::span<const double> npv, std::span<const double> cost) {
  std::vector<double> sorted(npv.begin(), npv.end());
  std::sort(sorted.begin(), sorted.end());
  const CvarEstimate tail = cvar_estimate(sorted);
  const MeanAndError mean = mean_and_error(npv), spend = mean_and_error(cost);
  const auto losses = std::lower_bound(sorted.begin(), sorted.end(), 0.0) - sorted.begin();
  std::vector<double> n(kMeasureNumbers);
  n[kTrials] = static_cast<double>(npv.size());
  n[kMean] = mean.mean;
  n[kMeanSe] = mean.se;
  n[kCvar] = tail.cvar;
  n[kCvarSe] = tail.se;
  n[kCvarSkew] = tail.skewness;
  n[kTailTrials] = static_cast<double>(tail.tail_trials);
  n[kWorstShare] = tail.worst_share;
  n[kPLoss] = static_cast<double>(losses) / static_cast<double>(npv.size());
  n[kCost] = spend.mean;
  n[kCostSe] = spend.se;
  n[kLosses] = static_cast<double>(losses);
  return n;
}

void set_measure(FrontierPoint& p, const double* n, const OptimizeSpec& spec) {
  const auto trials = static_cast<std::uint64_t>(n[kTrials]);
  const CvarEstimate tail{.cvar = n[kCvar], .se = n[kCvarSe], .skewness = n[kCvarSkew], .trials = trials,
                          .tail_trials = static_cast<std::uint64_t>(n[kTailTrials]), .worst_share = n[kWorstShare],
                          .thin = static_cast<std::uint64_t>(n[kTailTrials]) < kFewestTailTrials ||
                                  n[kWorstShare] > kLargestWorstShare};
  p.trials = trials;
  p.mean_npv = n[kMean];
  p.mean_npv_se = n[kMeanSe];
  p.cvar95 = tail.cvar;
  p.cvar95_se = tail.se;
  std::tie(p.cvar95_lo95, p.cvar95_hi95) = cvar_bounds(tail);
  p.thin_tail = tail.thin;
  p.p_loss = n[kPLoss];
  p.mean_cost = n[kCost];
  p.mean_cost_se = n[kCostSe];
  // P(loss)'s standard error from half a loss more than seen, so none in n trials still
  // leaves room for a few in the truth (a Jeffreys-like count).
  const double smoothed = (n[kLosses] + 0.5) / (n[kTrials] + 1);
  const double p_loss_se = std::sqrt(smoothed * (1 - smoothed) / n[kTrials]);
  const bool cvar = spec.risk == RiskMeasure::kCvar95;
  p.risk = cvar ? p.cvar95 : p.p_loss;
  p.risk_se = cvar ? p.cvar95_se : p_loss_se;
  p.feasible = (!spec.max_cvar95 || p.cvar95 <= *spec.max_cvar95) &&
               (!spec.max_p_loss || p.p_loss <= *spec.max_p_loss) &&
               (!spec.max_cost || p.mean_cost <= *spec.max_cost);
  // Every ceiling together, by Bonferroni's inequality: at least 1 - the sum of the
  // chances that each fails.
  double fails = 0;
  if (spec.max_cvar95) fails += 1 - confidence_within(tail, *spec.max_cvar95);
  if (spec.max_p_loss) fails += 1 - normal_confidence_within(p.p_loss, p_loss_se, *spec.max_p_loss);
  if (spec.max_cost) fails += 1 - normal_confidence_within(p.mean_cost, p.mean_cost_se, *spec.max_cost);
  p.p_meets = std::max(0.0, 1 - fails);
}

std::optional<std::size_t> best_feasible(const std::vector<FrontierPoint>& points) {
  std::optional<std::size_t> best;
  for (std::size_t k = 0; k < points.size(); ++k) {
    const FrontierPoint& p = points[k];
    if (!p.feasible) continue;
    if (!best) {
      best = k;
      continue;
    }
    const FrontierPoint& b = points[*best];
    if (p.mean_npv > b.mean_npv || (p.mean_npv == b.mean_npv && p.risk < b.risk)) best = k;
  }
  return best;
}

Scenario PointSimulator::variant(const std::vector<double>& x, std::optional<std::size_t> only) const {
  Diagnostic at = spec_.decisions.front().where;
  at.path = "optimize.decisions";
  Scenario s = study::scenario_with(text_, file_, options_.overrides, spec_.decisions, x,
                                    "the decisions " + study::decision_text(spec_, x), at);
  study::keep_strategies(s, only ? std::vector<int>{searched_[*only]} : searched_);
  return s;
}

PointTrials PointSimulator::simulate(const std::vector<double>& x, std::size_t strategy, std::uint64_t seed,
                                     std::uint64_t begin, std::uint64_t end) const {
  const Engine engine(variant(x, strategy));
  const TrialSpan span = simulate_span(engine, seed, false, begin, end, options_.threads, options_.stop);
  const std::size_t count = end - begin;
  const auto column = [&](Metric m) {
    const auto first = span.metrics.begin() + static_cast<std::ptrdiff_t>(index(m) * count);
    return std::vector<double>(first, first + static_cast<std::ptrdiff_t>(count));
  };
  return {column(Metric::kNpv), column(Metric::kCost)};
}

std::vector<double> point_decisions(const FrontierResults& results, const FrontierPoint& p) {
  if (p.candidate == 0) return std::vector<double>(results.spec.decisions.size(), std::nan(""));
  return results.decisions[p.candidate];
}

}  // namespace flowfolio::frontier
