// The recommendation sentence (verdict.hpp, docs/report.md) pinned word for word on the
// hand-made results of recommendation_test.cpp: a clear winner, a tie settled by the tail
// or by the mean, and a baseline nothing beats. The figures are worked out in the
// comments; money is formatted as the report formats it.
#include <catch2/catch.hpp>

#include "flowfolio/output/verdict.hpp"
#include "hand_made_results.hpp"

using namespace flowfolio;
using namespace flowfolio::testing;

namespace {
// Two years of weeks in US dollars, with strategies labelled in plain words.
Scenario words(const std::vector<std::string>& labels) {
  Scenario s;
  s.horizon = 104;
  s.periods_per_year = 52;
  s.currency = "USD";
  for (std::size_t k = 0; k < labels.size(); ++k) {
    Strategy st;
    st.name = "s" + std::to_string(k);
    st.label = labels[k];
    s.strategies.push_back(st);
  }
  return s;
}
}  // namespace

TEST_CASE("The horizon is said in words", "[verdict]") {
  Scenario s;
  s.horizon = 104, s.periods_per_year = 52;
  CHECK(horizon_words(s) == "two years");
  s.horizon = 30;
  CHECK(horizon_words(s) == "30 weeks");
  s.horizon = 18, s.periods_per_year = 12;
  CHECK(horizon_words(s) == "18 months");
  s.horizon = 1;
  CHECK(horizon_words(s) == "one month");
}

TEST_CASE("A clear winner: its gain, its interval, its bad case and the runner-up's gap", "[verdict]") {
  // A gains 1000 in every trial (interval 1000 to 1000); its npv's P5 is 200 + 0.35 x 900
  // = 515 (linear interpolation over 8 trials). Half gains 500 on average; A - Half has
  // mean 500 and sd 6.07 over 8 trials: interval 500 -+ 1.96 x 2.15, 495.8 to 504.2.
  const RunResults run = results({kBase, kA, plus(kBase, {510, 490, 505, 495, 500, 500, 502, 498})});
  const Scenario s = words({"today", "train the veterans", "half measures"});
  const Recommendation r = recommend(run, 0);
  CHECK(recommendation_sentence(s, run, r, 0) ==
        "Recommended: train the veterans. +1.00k USD over two years against today (95% interval 1.00k to 1.00k); "
        "in 95% of futures its npv is at least +515 USD; the runner-up, half measures, makes 500 USD less on "
        "average (95% interval 496 to 504).");
}

TEST_CASE("A tie settled by the tail names the other and its larger tail", "[verdict]") {
  // A and B are tied (B - A: mean -2.5, interval holds 0). B - today: mean 997.5, sd 151.3,
  // interval 997.5 -+ 1.96 x 53.5. B's P5 is 300 + 0.35 x 500 = 475. B's worst trial is
  // +300, A's +200: both gain even in their worst 5%, so the sentence says A gains less.
  const RunResults run = results({kBase, kA, kB});
  const Scenario s = words({"today", "mentor an intern", "train the veterans"});
  CHECK(recommendation_sentence(s, run, recommend(run, 0), 0) ==
        "Recommended: train the veterans. +998 USD over two years against today (95% interval 893 to 1.10k); "
        "in 95% of futures its npv is at least +475 USD; mentor an intern is as good on average but gains less "
        "in its worst 5% of futures (200 USD against 300 USD).");
  CHECK(recommendation_sentence(s, run, recommend(run, 0, Preference::kMeanNpv), 0) ==
        "Recommended: mentor an intern. +1.00k USD over two years against today (95% interval 1.00k to 1.00k); "
        "in 95% of futures its npv is at least +515 USD; train the veterans is as good on average with less tail "
        "risk, and this scenario prefers the best mean.");
}

TEST_CASE("When nothing beats the baseline the sentence says to keep it", "[verdict]") {
  // C is the baseline moved by differences of mean 0.625 (shown as +1) and sd 31.7: the
  // best mean, within the noise (interval 0.625 -+ 1.96 x 11.2).
  const RunResults run = results({kBase, plus(kBase, {50, -50, 30, -30, 10, -10, 0, 5})});
  const Scenario s = words({"the current team", "reorganise"});
  CHECK(recommendation_sentence(s, run, recommend(run, 0), 0) ==
        "Recommended: keep the current team. No strategy does better on average over two years: the nearest, "
        "reorganise, makes +1 USD against it (95% interval -21 to 23), within the simulation's noise.");
}
