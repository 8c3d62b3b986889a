// Section 4.5's choice of worker, by hand, and the kept assignments' reuse rule.
#include "engine/assignment.hpp"

#include <catch2/catch.hpp>

using namespace flowfolio;

namespace {
std::vector<Candidate> team(std::vector<double> fits, std::vector<double> hours) {
  std::vector<Candidate> c;
  for (std::size_t k = 0; k < fits.size(); ++k)
    c.push_back({.slot = static_cast<int>(k), .fit = fits[k], .hours = hours[k]});
  return c;
}
}  // namespace

TEST_CASE("static: most hours, ties to the lowest slot, until nobody has the hours", "[assignment]") {
  std::vector<Candidate> c = team({0, 0, 0}, {2, 3, 3});
  std::vector<int> owner;
  // Hours 2, 3, 3: slot 1 (tie with slot 2, lower slot), then slot 2 (3 > 2 = 2), then
  // slot 0 (2, 2, 2: lowest), and round again; the 8 hours take 8 units of 1 hour, and
  // with everyone at 0 < 1 - 1e-9 the ninth is skipped.
  CHECK(assign_units(false, 1, 9, c, owner) == 8);
  CHECK(std::vector<int>(owner.begin(), owner.begin() + 8) == std::vector<int>{1, 2, 0, 1, 2, 0, 1, 2});
  CHECK(c[0].units == 2);
  CHECK(c[1].units == 3);
  CHECK(c[2].units == 3);
  CHECK(c[1].hours == 0);
}

TEST_CASE("flow: best fit first; equal fits go to the most hours, then the lowest slot", "[assignment]") {
  // Sorted by fit: slots 0 and 1 tie at 0.1, slot 2 at 0.3. Units of 2 hours.
  std::vector<Candidate> c = team({0.1, 0.1, 0.3}, {4, 6, 10});
  std::vector<int> owner;
  CHECK(assign_units(true, 2, 9, c, owner) == 9);
  // 4 vs 6: slot 1; 4 vs 4: slot 0; 2 vs 4: slot 1; 2 vs 2: slot 0; 0 vs 2: slot 1;
  // then nobody of fit 0.1 has the hours: slot 2 takes the rest.
  CHECK(owner == std::vector<int>{1, 0, 1, 0, 1, 2, 2, 2, 2});
  CHECK(c[2].hours == 2);
  // A tenth unit would find slot 2 with 2 hours; an eleventh nobody.
  std::vector<Candidate> d = team({0.1, 0.1, 0.3}, {4, 6, 10});
  CHECK(assign_units(true, 2, 11, d, owner) == 10);
}

TEST_CASE("a kept assignment is reused only when everything it depended on is the same", "[assignment]") {
  std::vector<Candidate> c = team({0.1, 0.2}, {5, 5});
  Assignment kept;
  CHECK_FALSE(kept.fits(c, 3));  // nothing kept yet
  kept.keep_inputs(c, 3);
  kept.done = assign_units(true, 1, 3, c, kept.owner);
  kept.keep_outputs(c);
  std::vector<Candidate> again = team({0.15, 0.25}, {5, 5});  // other fits, same order, no ties
  CHECK(kept.fits(again, 3));
  kept.apply(again);
  CHECK(again[0].units == 3);
  CHECK(again[0].hours == 2);
  CHECK_FALSE(kept.fits(team({0.1, 0.2}, {5, 4}), 3));   // other hours
  CHECK_FALSE(kept.fits(team({0.1, 0.2}, {5, 5}), 2));   // other unit count
  CHECK_FALSE(kept.fits(team({0.2, 0.2}, {5, 5}), 3));   // a tie of fit that was not there
  std::vector<Candidate> swapped = team({0.1, 0.2}, {5, 5});
  swapped[0].slot = 1;
  swapped[1].slot = 0;
  CHECK_FALSE(kept.fits(swapped, 3));                     // another order
}
