// Screening (frontier.hpp, step 2): more trials for the points the search cannot tell
// apart, shared out as OCBA-CO allocates them (docs/frontier.md).
//
// Lee, Pujowidianto, Li, Chen and Yap (2012), "A framework for optimal computing budget
// allocation with stochastic constraints", IEEE Transactions on Automatic Control 57(5):
// to pick the best of several designs that must also meet constraints, give each design
// trials in proportion to the inverse of the rate at which its mistake closes: a design
// that can only be ruled out by its constraint in proportion to (sd / margin to the
// ceiling)^2, one that can only be ruled out by its mean to (sd / gap to the best)^2, and
// one that either rules out to the faster of the two; the best design gets enough for
// both its own constraint and the comparisons (Chen et al. 2000's sqrt-sum rule).
// Stages of trials are allocated until the approximate probability that the best is the
// best feasible point reaches 95%, or the budget is spent.
#include "studies/frontier_screening.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/tail_confidence.hpp"

namespace flowfolio::frontier {

namespace {

constexpr double kSure = 0.95;
constexpr double kNegligible = 1e-3;  // a point this unlikely to be the real best is left alone
constexpr std::size_t kMostContenders = 64;

// The standard normal quantile, by bisection on normal_cdf (deterministic, 1e-12).
double normal_quantile(double p) {
  double lo = -40, hi = 40;
  for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
    const double mid = (lo + hi) / 2;
    (normal_cdf(mid) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// The indifference zone (Bechhofer 1954; Kim and Nelson 2001): a point whose mean is
// within this share of the best's is as good a choice, and is not worth trials to rank.
constexpr double kIndifference = 0.01;

// The chance that point `i`, not the best, is really better by more than the
// indifference zone, and feasible.
double threat(const FrontierPoint& i, const FrontierPoint& b) {
  const double zone = kIndifference * std::abs(b.mean_npv);
  const double spread = std::hypot(i.mean_npv_se, b.mean_npv_se);
  const double gap = i.mean_npv - b.mean_npv - zone;
  const double beats = spread > 0 ? normal_cdf(gap / spread) : (gap > 0 ? 1.0 : 0.0);
  return beats * i.p_meets;
}

// The rate, per trial, at which a point's feasibility verdict firms up: z^2 / n, z the
// normal score of its confidence of meeting the ceilings.
double feasibility_rate(const FrontierPoint& p) {
  const double c = std::clamp(p.p_meets, 1e-12, 1 - 1e-12);
  const double z = normal_quantile(c);
  return z * z / static_cast<double>(p.trials);
}

// The rate at which the gap in mean between p and the best firms up.
double optimality_rate(const FrontierPoint& p, const FrontierPoint& b) {
  const double sd = p.mean_npv_se * std::sqrt(static_cast<double>(p.trials));
  if (sd == 0) return 1e12;
  const double gap = (b.mean_npv - p.mean_npv) / sd;
  return gap * gap;
}

struct Allocation {
  std::size_t point = 0;
  std::uint64_t begin = 0, end = 0;  // trials to simulate
};

}  // namespace

double sure_of_best(const std::vector<FrontierPoint>& points, std::size_t best) {
  double doubt = 1 - points[best].p_meets;
  for (std::size_t k = 0; k < points.size(); ++k)
    if (k != best) doubt += threat(points[k], points[best]);
  return std::max(0.0, 1 - doubt);
}

std::vector<double> ocba_weights(const std::vector<FrontierPoint>& points, std::size_t best,
                                 const std::vector<std::size_t>& contenders) {
  const FrontierPoint& b = points[best];
  std::vector<double> w(contenders.size(), 0.0);
  double comparisons = 0;  // sum of w_i^2 / sd_i^2 over the points ruled out by their mean
  for (std::size_t k = 0; k < contenders.size(); ++k) {
    const FrontierPoint& p = points[contenders[k]];
    if (contenders[k] == best) continue;
    const bool better = p.mean_npv > b.mean_npv;
    const double rate = better ? feasibility_rate(p)
                        : p.feasible ? optimality_rate(p, b)
                                     : std::max(feasibility_rate(p), optimality_rate(p, b));
    w[k] = 1 / std::max(rate, 1e-12);
    if (!better) {
      const double sd = p.mean_npv_se * std::sqrt(static_cast<double>(p.trials));
      if (sd > 0) comparisons += w[k] * w[k] / (sd * sd);
    }
  }
  const double sd_b = b.mean_npv_se * std::sqrt(static_cast<double>(b.trials));
  const double own = b.p_meets < 1 ? 1 / std::max(feasibility_rate(b), 1e-12) : 0.0;
  for (std::size_t k = 0; k < contenders.size(); ++k)
    if (contenders[k] == best) w[k] = std::max(sd_b * std::sqrt(comparisons), own);
  return w;
}

namespace {

// The contenders of a stage: the best, and the points with a real chance of beating it
// (the most threatening first, at most kMostContenders of them).
std::vector<std::size_t> contenders_of(const FrontierResults& results, std::size_t best) {
  std::vector<std::pair<double, std::size_t>> threats;
  for (std::size_t k = 0; k < results.points.size(); ++k)
    if (k != best && results.points[k].trials < results.spec.confirm_max_trials)
      if (const double t = threat(results.points[k], results.points[best]); t >= kNegligible) threats.emplace_back(t, k);
  std::stable_sort(threats.begin(), threats.end(), [](auto& a, auto& b) { return a.first > b.first; });
  if (threats.size() > kMostContenders) threats.resize(kMostContenders);
  std::vector<std::size_t> out{best};
  for (const auto& [t, k] : threats) out.push_back(k);
  return out;
}

// A stage of `stage` trials shared among the contenders by their OCBA-CO weights, in
// whole blocks of the engine. A point's first extension simulates its search trials
// again (same seed and trial numbers, so the same futures): CVaR needs every trial.
std::vector<Allocation> allocate(const FrontierResults& results, std::size_t best,
                                 const std::vector<std::size_t>& contenders, std::uint64_t stage,
                                 const std::map<std::size_t, PointTrials>& kept) {
  const std::vector<double> w = ocba_weights(results.points, best, contenders);
  double total = 0;
  for (double x : w) total += x;
  std::vector<Allocation> batch;
  for (std::size_t k = 0; k < contenders.size(); ++k) {
    const auto share = static_cast<std::uint64_t>(static_cast<double>(stage) * w[k] / total);
    const std::uint64_t extra = round_up(share, kTrialBlock);
    const FrontierPoint& p = results.points[contenders[k]];
    const std::uint64_t begin = kept.count(contenders[k]) ? p.trials : 0;
    const std::uint64_t end = std::min(round_up(p.trials, kTrialBlock) + extra, results.spec.confirm_max_trials);
    if (extra > 0 && end > begin) batch.push_back({contenders[k], begin, end});
  }
  return batch;
}

}  // namespace

FrontierScreening screen(FrontierResults& results, const PointSimulator& simulator, TrialRunner& runner) {
  const OptimizeSpec& spec = results.spec;
  FrontierScreening s;
  s.budget = spec.screening_trials.value_or(results.points.size() * spec.trials / 4);
  std::map<std::size_t, PointTrials> kept;  // the trials of every point screening extended
  std::optional<std::size_t> best = best_feasible(results.points);
  if (best) s.sure_before = s.sure_after = sure_of_best(results.points, *best);
  while (best && s.sure_after < kSure && s.used < s.budget) {
    const std::vector<std::size_t> contenders = contenders_of(results, *best);
    const std::uint64_t stage =
        std::min(s.budget - s.used, std::max<std::uint64_t>(kTrialBlock * contenders.size(), s.budget / 6));
    const std::vector<Allocation> batch = allocate(results, *best, contenders, stage, kept);
    if (batch.empty()) break;
    const std::vector<std::vector<double>> numbers = runner.each(batch.size(), [&](std::size_t j) {
      const FrontierPoint& p = results.points[batch[j].point];
      PointTrials t = simulator.simulate(point_decisions(results, p), p.strategy, results.seed, batch[j].begin, batch[j].end);
      t.npv.insert(t.npv.end(), t.cost.begin(), t.cost.end());
      return t.npv;
    });
    for (std::size_t j = 0; j < batch.size(); ++j) {
      const Allocation& a = batch[j];
      PointTrials& t = kept[a.point];
      const auto count = static_cast<std::ptrdiff_t>(a.end - a.begin);
      t.npv.insert(t.npv.end(), numbers[j].begin(), numbers[j].begin() + count);
      t.cost.insert(t.cost.end(), numbers[j].begin() + count, numbers[j].end());
      set_measure(results.points[a.point], measure(t.npv, t.cost).data(), spec);
      s.used += a.end - a.begin;  // the search's trials simulated again count too: they cost the same
    }
    ++s.stages;
    best = best_feasible(results.points);
    s.sure_after = best ? sure_of_best(results.points, *best) : 0.0;
  }
  s.points = kept.size();
  return s;
}

}  // namespace flowfolio::frontier
