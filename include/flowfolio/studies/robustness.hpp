// How sure is the choice between two strategies (docs/sweeps.md, "Robustness"): on the
// sweep's base scenario, the simulation's interval of their paired mean npv difference,
// a tornado of the inputs one at a time (the sweep's numeric axes over their points, and
// the scenario's sensitivity inputs over their ranges), and the worst corner: every input
// at once at its end least favourable to the leader. One sentence says whether any of
// them reverses the choice. Every evaluation is on the sweep's seed and trials.
#pragma once

#include <string>
#include <vector>

#include "flowfolio/studies/break_even.hpp"

namespace flowfolio {

struct RobustnessBar {
  std::string input;                 // its name
  std::string low, high;             // its two ends as written ("0.5x", "0.0005")
  PairPoint at_low, at_high;
  bool worst_is_high = false;        // the end least favourable to the leader
  double swing() const { return std::abs(at_high.mean - at_low.mean); }
};

struct Robustness {
  StrategyPair pair;
  PairPoint base;                    // the scenario as written (with the sweep's --set)
  std::string leader, other;         // by mean npv on the base, in the reader's words
  std::vector<RobustnessBar> bars;   // by swing, largest first
  PairPoint corner;                  // every input at its worst end at once
  std::vector<std::string> reversing;  // inputs whose worst end alone reverses the choice
  bool corner_reverses = false;
  std::string sentence;
};

// The summary for `pair` (checked names of the sweep's base). Throws InputError when an
// input's end makes the scenario invalid, Interrupted when stopped.
Robustness robustness(const Sweep& sweep, const StrategyPair& pair, const PairRunOptions& options);

}  // namespace flowfolio
