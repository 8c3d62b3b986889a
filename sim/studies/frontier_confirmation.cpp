// Confirmation (frontier.hpp, step 3): the recommendation stated from a fresh run only.
//
// The search picks the best of hundreds of noisy estimates, so its own figures for the
// winner lean towards luck (the winner's curse, or optimizer's curse: Smith and Winkler
// 2006). A second run on an independent seed has no such lean: its figures are unbiased
// for the chosen mix, and its ceiling verdict is the one the recommendation states.
#include "studies/frontier_confirmation.hpp"

#include <algorithm>
#include <optional>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio::frontier {

namespace {

constexpr double kSure = 0.95;

// The feasible points of `strategy` by mean npv, highest first, one of each outcome.
std::vector<std::size_t> ranking(const std::vector<FrontierPoint>& points, std::size_t strategy) {
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < points.size(); ++k)
    if (points[k].feasible && points[k].strategy == strategy) order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return points[a].mean_npv > points[b].mean_npv ||
           (points[a].mean_npv == points[b].mean_npv && points[a].risk < points[b].risk);
  });
  std::vector<std::size_t> out;
  for (std::size_t k : order) {
    const bool same = !out.empty() && points[out.back()].strategy == points[k].strategy &&
                      points[out.back()].mean_npv == points[k].mean_npv && points[out.back()].risk == points[k].risk;
    if (!same) out.push_back(k);
  }
  return out;
}

// The confirmation of one point: it and the mix as written, trial by trial.
class Confirmation {
 public:
  Confirmation(const FrontierResults& results, const PointSimulator& simulator, TrialRunner& runner,
               std::size_t point, std::uint64_t seed)
      : results_(results), simulator_(simulator), runner_(runner), seed_(seed) {
    c_.point = point;
    c_.seed = seed;
    const FrontierPoint& p = results.points[point];
    c_.estimate = p;
    c_.current = results.points[p.strategy];  // candidate 0's points come first
  }

  FrontierConfirmation run() {
    const OptimizeSpec& spec = results_.spec;
    add(spec.confirm_trials);
    while (c_.verdict == FrontierConfirmation::Verdict::kUnsure && c_.trials < spec.confirm_max_trials)
      add(std::min(std::max(kTrialBlock, round_up(spec.confirm_trials / 2, kTrialBlock)),
                   spec.confirm_max_trials - c_.trials));
    return c_;
  }

 private:
  // Simulates `more` trials of both mixes, from the next whole block of the engine.
  void add(std::uint64_t more) {
    const std::uint64_t begin = round_up(next_, kTrialBlock), end = begin + more;
    const FrontierPoint* mixes[2] = {&results_.points[c_.point], &results_.points[c_.current.strategy]};
    const bool alone = mixes[0]->candidate == 0;  // the mix as written is its own baseline
    const std::vector<std::vector<double>> numbers = runner_.each(alone ? 1 : 2, [&](std::size_t j) {
      PointTrials t = simulator_.simulate(point_decisions(results_, *mixes[j]), mixes[j]->strategy, seed_, begin, end);
      t.npv.insert(t.npv.end(), t.cost.begin(), t.cost.end());
      return t.npv;
    });
    for (std::size_t j = 0; j < 2; ++j) {
      const std::vector<double>& n = numbers[alone ? 0 : j];
      trials_[j].npv.insert(trials_[j].npv.end(), n.begin(), n.begin() + static_cast<std::ptrdiff_t>(more));
      trials_[j].cost.insert(trials_[j].cost.end(), n.begin() + static_cast<std::ptrdiff_t>(more), n.end());
    }
    next_ = end;
    c_.trials += more;
    set_measure(c_.estimate, measure(trials_[0].npv, trials_[0].cost).data(), results_.spec);
    set_measure(c_.current, measure(trials_[1].npv, trials_[1].cost).data(), results_.spec);
    c_.gain = paired_difference(trials_[1].npv, trials_[0].npv);  // the point minus the mix as written
    c_.verdict = c_.estimate.p_meets >= kSure       ? FrontierConfirmation::Verdict::kMeets
                 : c_.estimate.p_meets <= 1 - kSure ? FrontierConfirmation::Verdict::kFails
                                                    : FrontierConfirmation::Verdict::kUnsure;
  }

  const FrontierResults& results_;
  const PointSimulator& simulator_;
  TrialRunner& runner_;
  std::uint64_t seed_;
  FrontierConfirmation c_;
  PointTrials trials_[2];
  std::uint64_t next_ = 0;
};

}  // namespace

std::uint64_t confirmation_seed(const OptimizeSpec& spec, std::uint64_t search_seed) {
  if (spec.confirm_seed) return *spec.confirm_seed;
  std::uint64_t z = search_seed + 0x9E3779B97F4A7C15ull;  // splitmix64 (Steele, Lea and Flood 2014)
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

FrontierConfirmation confirm_point(const FrontierResults& results, const PointSimulator& simulator,
                                   TrialRunner& runner, std::size_t point, std::uint64_t seed) {
  return Confirmation(results, simulator, runner, point, seed).run();
}

void confirm(FrontierResults& results, const PointSimulator& simulator, TrialRunner& runner) {
  const OptimizeSpec& spec = results.spec;
  if (spec.confirm_trials == 0) return;
  const std::uint64_t seed = confirmation_seed(spec, results.seed);
  if (!results.best) return;
  const std::vector<std::size_t> order = ranking(results.points, results.points[*results.best].strategy);
  // Bisection along the best strategy's ranking: its highest-mean point is tried first; after a failure
  // the next try is halfway to the lowest-mean point not yet known to pass, after a pass
  // halfway back up towards the lowest failure. Mean and tail risk rise together along
  // it, so the tries close in on the best mix that passes.
  std::size_t failed = 0, passed = order.size();  // first: nothing known yet
  bool first = true;
  while (!order.empty() && results.confirmations.size() < spec.confirm_candidates) {
    const std::size_t k = first ? 0 : (passed == order.size() ? (failed + order.size()) / 2 : (failed + passed) / 2);
    if (!first && (k <= failed || k >= passed)) break;  // no point left between a failure and a pass
    first = false;
    results.confirmations.push_back(confirm_point(results, simulator, runner, order[k], seed));
    if (results.confirmations.back().verdict == FrontierConfirmation::Verdict::kMeets) {
      passed = k;
      results.confirmed = results.confirmations.size() - 1;
    } else {
      failed = k;
    }
  }
}

}  // namespace flowfolio::frontier
