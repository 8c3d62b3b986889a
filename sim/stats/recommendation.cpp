#include "flowfolio/stats/recommendation.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "flowfolio/stats/summaries.hpp"

namespace flowfolio {

namespace {
double mean_npv(const RunResults& results, std::size_t s) {
  return metric_summary(results, s, Metric::kNpv).mean;
}

// The strategies tied with `best` (rule 2), the best first, then by mean npv.
std::vector<std::size_t> tied_with(const RunResults& results, std::size_t best) {
  std::vector<std::size_t> tied{best};
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    if (s == best) continue;
    const PairedDifference d = metric_difference(results, s, best, Metric::kNpv);
    if (d.lo95 <= 0 && d.hi95 >= 0) tied.push_back(s);
  }
  std::stable_sort(tied.begin() + 1, tied.end(), [&](std::size_t a, std::size_t b) {
    return mean_npv(results, a) > mean_npv(results, b);
  });
  return tied;
}
}  // namespace

Recommendation recommend(const RunResults& results, std::size_t baseline, Preference prefer) {
  const std::size_t n = results.strategies.size();
  assert(n > 0 && baseline < n);
  Recommendation r;
  for (std::size_t s = 1; s < n; ++s)
    if (mean_npv(results, s) > mean_npv(results, r.best_mean)) r.best_mean = s;
  r.tied = tied_with(results, r.best_mean);
  if (std::find(r.tied.begin(), r.tied.end(), baseline) != r.tied.end()) {
    r.verdict = Verdict::kNothingBeatsBaseline;
    r.strategy = baseline;
  } else {
    r.verdict = r.tied.size() > 1 ? Verdict::kTied : Verdict::kClear;
    r.strategy = r.best_mean;
    if (prefer == Preference::kTailRisk) {
      // The least CVaR95; on equal tails the earlier in r.tied, the higher mean.
      for (std::size_t s : r.tied)
        if (metric_tail(results, s, Metric::kNpv).cvar95 < metric_tail(results, r.strategy, Metric::kNpv).cvar95)
          r.strategy = s;
    }
  }
  r.gain = metric_difference(results, r.strategy, baseline, Metric::kNpv);
  r.tail = metric_tail(results, r.strategy, Metric::kNpv);
  return r;
}

std::size_t runner_up(const RunResults& results, std::size_t recommended) {
  std::size_t best = recommended;
  double best_mean = -INFINITY;
  for (std::size_t k = 0; k < results.strategies.size(); ++k) {
    if (k == recommended) continue;
    const double mean = metric_summary(results, k, Metric::kNpv).mean;
    if (best == recommended || mean > best_mean) best = k, best_mean = mean;
  }
  return best;
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kTied:
      return "tied";
    case Verdict::kNothingBeatsBaseline:
      return "nothing_beats_baseline";
    case Verdict::kClear:
      break;
  }
  return "clear";
}

}  // namespace flowfolio
