// The recommendation rule (recommendation.hpp, docs/report.md) on hand-made results whose
// paired intervals and tails are worked out in the comments: a clear winner, a tie settled
// by the tail, and a baseline nothing beats.
#include <catch2/catch.hpp>
#include <vector>

#include "flowfolio/stats/recommendation.hpp"
#include "hand_made_results.hpp"

using namespace flowfolio;

using namespace flowfolio::testing;

TEST_CASE("A strategy ahead of every other by more than the noise is recommended clearly", "[recommendation]") {
  const std::vector<double> half = plus(kBase, {510, 490, 505, 495, 500, 500, 502, 498});
  const Recommendation r = recommend(results({kBase, kA, half}), 0);
  CHECK(r.verdict == Verdict::kClear);
  CHECK(r.strategy == 1);
  CHECK(r.best_mean == 1);
  CHECK(r.tied == std::vector<std::size_t>{1});
  CHECK(r.gain.mean == Approx(1000));
  CHECK(r.gain.lo95 == Approx(1000));
  CHECK(r.tail.cvar95 == Approx(-200));  // the worst trial's npv is +200
}

TEST_CASE("Among strategies tied with the best, the least tail risk is recommended", "[recommendation]") {
  const RunResults run = results({kBase, kA, kB});
  const Recommendation r = recommend(run, 0);
  CHECK(r.verdict == Verdict::kTied);
  CHECK(r.best_mean == 1);
  CHECK(r.tied == std::vector<std::size_t>{1, 2});
  CHECK(r.strategy == 2);
  CHECK(r.tail.cvar95 == Approx(-300));
  CHECK(r.gain.mean == Approx(997.5));
  CHECK(r.gain.lo95 > 0);

  SECTION("the scenario may prefer the best mean instead") {
    const Recommendation m = recommend(run, 0, Preference::kMeanNpv);
    CHECK(m.verdict == Verdict::kTied);
    CHECK(m.strategy == 1);
    CHECK(m.gain.mean == Approx(1000));
  }
}

TEST_CASE("When the baseline is tied with the best, nothing beats it and it is kept", "[recommendation]") {
  // C: the baseline moved by differences of mean 0.625 and sd about 33: the best mean, yet
  // tied with the baseline.
  const std::vector<double> c = plus(kBase, {50, -50, 30, -30, 10, -10, 0, 5});
  const Recommendation r = recommend(results({kBase, c}), 0);
  CHECK(r.best_mean == 1);
  CHECK(r.tied == std::vector<std::size_t>{1, 0});
  CHECK(r.verdict == Verdict::kNothingBeatsBaseline);
  CHECK(r.strategy == 0);
  CHECK(r.gain.mean == 0);
}

TEST_CASE("The baseline need not be the first strategy", "[recommendation]") {
  const Recommendation r = recommend(results({kA, kBase}), 1);
  CHECK(r.verdict == Verdict::kClear);
  CHECK(r.strategy == 0);
  CHECK(r.gain.mean == Approx(1000));
}
