// Which strategy to recommend, by one stated rule (docs/report.md, "The recommendation"):
//
// 1. The best strategy is the one with the highest mean npv.
// 2. A strategy is tied with the best when the paired 95% interval of its npv minus the
//    best's holds 0: on these trials the two cannot be told apart on average.
// 3. Among the tied strategies the rule prefers the least tail risk (the smallest CVaR95
//    of npv), or, when asked, the best mean itself.
// 4. When the baseline is among the tied, nothing beats it: the recommendation is to keep
//    the baseline.
//
// Statistics only: the sentence that says it belongs to the report.
#pragma once

#include <cstddef>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio {

enum class Verdict {
  kClear,                // the recommended strategy is the only one tied with the best
  kTied,                 // others are as good on average; the preference chose among them
  kNothingBeatsBaseline  // the baseline is tied with the best: keep it
};

// "clear", "tied" or "nothing_beats_baseline", as decision.json and the what-if page write it.
const char* verdict_name(Verdict verdict);

struct Recommendation {
  Verdict verdict = Verdict::kClear;
  std::size_t strategy = 0;        // the one recommended (the baseline when nothing beats it)
  std::size_t best_mean = 0;       // the highest mean npv
  std::vector<std::size_t> tied;   // tied with the best, the best first, then by mean npv
  PairedDifference gain;           // npv of `strategy` minus the baseline's, paired
  TailRisk tail;                   // `strategy`'s npv tail
};

// Requires: at least one strategy, baseline < results.strategies.size(), and every trial
// kept (results.summaries unset) or summaries holding each strategy's pair with the best
// and with the baseline.
Recommendation recommend(const RunResults& results, std::size_t baseline,
                         Preference prefer = Preference::kTailRisk);

// The strategy with the best mean npv other than `recommended` (the earlier on equal
// means); `recommended` when it is the only strategy.
std::size_t runner_up(const RunResults& results, std::size_t recommended);

}  // namespace flowfolio
