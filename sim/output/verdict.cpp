#include "flowfolio/output/verdict.hpp"

#include <cmath>
#include <cstdio>

#include "flowfolio/core/format.hpp"
#include "flowfolio/stats/summaries.hpp"

namespace flowfolio {

namespace {
const char* const kSmallNumbers[] = {"zero", "one", "two",   "three", "four", "five",
                                     "six",  "seven", "eight", "nine",  "ten"};

std::string count_words(int n, const std::string& unit) {
  const std::string number = n >= 0 && n <= 10 ? kSmallNumbers[n] : std::to_string(n);
  return number + " " + unit + (n == 1 ? "" : "s");
}

// Money with its currency; `sign`: a + before gains.
std::string money(const Scenario& s, double x, bool sign = false) {
  return (sign && x > 0 ? "+" : "") + format_money(x) + (s.currency.empty() ? "" : " " + s.currency);
}

std::string interval(const PairedDifference& d) {
  return "95% interval " + format_money(d.lo95) + " to " + format_money(d.hi95);
}

// How much worse the runner-up's tail is than the recommended one's (CVaR95: the average
// loss in the worst 5% of futures; negative when even those futures gain).
std::string larger_tail(const Scenario& s, double ours, double theirs, const std::string& us) {
  char ratio[32];
  if (ours > 0 && theirs >= 1.5 * ours) {
    std::snprintf(ratio, sizeof ratio, "%.1f", theirs / ours);
    return "loses " + std::string(ratio) + " times as much in its worst 5% of futures (" + money(s, theirs) +
           " against " + money(s, ours) + ")";
  }
  if (ours > 0) return "loses more in its worst 5% of futures (" + money(s, theirs) + " against " + money(s, ours) + ")";
  if (theirs > 0)
    return "loses " + money(s, theirs) + " on average in its worst 5% of futures, where " + us + " still gains " +
           money(s, -ours);
  if (theirs > ours) return "gains less in its worst 5% of futures (" + money(s, -theirs) + " against " + money(s, -ours) + ")";
  return "has the same tail";
}

std::string others(std::size_t n) {
  return n == 0 ? "" : " (as " + std::string(n == 1 ? "is one other" : "are " + std::to_string(n) + " others") + ")";
}

// Keep the baseline: nothing is better on average than the noise allows.
std::string keep_baseline(const Scenario& s, const RunResults& r, std::size_t baseline, const StrategyNamer& name) {
  const std::size_t other = runner_up(r, baseline);
  std::string text = "Recommended: keep " + name(baseline) + ".";
  if (other == baseline) return text.substr(0, text.size() - 1) + ", the only strategy.";
  const PairedDifference d = metric_difference(r, other, baseline, Metric::kNpv);
  text += " No strategy does better on average over " + horizon_words(s) + ": the nearest, " + name(other) +
          ", makes " + money(s, d.mean, true) + " against it (" + interval(d) + ")";
  return text + (d.lo95 <= 0 && d.hi95 >= 0 ? ", within the simulation's noise." : ".");
}
}  // namespace

std::string period_word(int periods_per_year) {
  switch (periods_per_year) {
    case 52: return "week";
    case 12: return "month";
    case 4: return "quarter";
    case 1: return "year";
    default: return "period";
  }
}

std::string horizon_words(const Scenario& s) {
  if (s.periods_per_year > 1 && s.horizon % s.periods_per_year == 0)
    return count_words(s.horizon / s.periods_per_year, "year");
  return count_words(s.horizon, period_word(s.periods_per_year));
}

std::string recommendation_sentence(const Scenario& s, const RunResults& r, const Recommendation& rec,
                                    std::size_t baseline, const StrategyNamer& namer) {
  const StrategyNamer name = namer ? namer : [&](std::size_t k) { return shown_name(s.strategies[k]); };
  if (rec.verdict == Verdict::kNothingBeatsBaseline) return keep_baseline(s, r, baseline, name);
  const std::size_t R = rec.strategy, U = runner_up(r, R);
  std::string text = "Recommended: " + name(R) + ". " + money(s, rec.gain.mean, true) + " over " +
                     horizon_words(s) + " against " + name(baseline) + " (" + interval(rec.gain) +
                     "); in 95% of futures its npv is at least " +
                     money(s, metric_summary(r, R, Metric::kNpv).p5, true);
  if (U == R) return text + ".";
  const double ours = rec.tail.cvar95, theirs = metric_tail(r, U, Metric::kNpv).cvar95;
  if (rec.verdict == Verdict::kTied && R != rec.best_mean)
    return text + "; " + name(U) + others(rec.tied.size() - 2) + " is as good on average but " +
           larger_tail(s, ours, theirs, name(R)) + ".";
  if (rec.verdict == Verdict::kTied)
    return text + "; " + name(U) + others(rec.tied.size() - 2) +
           " is as good on average with " + (theirs < ours ? "less" : "no less") +
           " tail risk, and this scenario prefers the best mean.";
  if (U == baseline) return text + ".";
  const PairedDifference d = metric_difference(r, R, U, Metric::kNpv);
  return text + "; the runner-up, " + name(U) + ", makes " + money(s, d.mean) + " less on average (" +
         interval(d) + ").";
}

}  // namespace flowfolio
