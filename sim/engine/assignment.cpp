#include "engine/assignment.hpp"

namespace flowfolio {

int assign_units(bool flow, double h, int n, std::vector<Candidate>& candidates,
                 std::vector<int>& owner) {
  const double need = h - 1e-9;
  const std::size_t C = candidates.size();
  owner.resize(static_cast<std::size_t>(n));
  std::size_t first = 0;  // flow: candidates before it lack the hours, for good
  for (int i = 0; i < n; ++i) {
    std::size_t chosen = first;
    if (flow) {
      while (first < C && candidates[first].hours < need) ++first;
      if (first == C) return i;
      chosen = first;
      for (std::size_t c = first + 1; c < C && candidates[c].fit == candidates[first].fit; ++c)
        if (candidates[c].hours >= need && candidates[c].hours > candidates[chosen].hours) chosen = c;
    } else {
      if (C == 0) return i;
      // A conditional move, not a branch: which way it goes is anyone's guess.
      for (std::size_t c = 1; c < C; ++c) chosen = candidates[c].hours > candidates[chosen].hours ? c : chosen;
      if (candidates[chosen].hours < need) return i;
    }
    candidates[chosen].hours -= h;
    ++candidates[chosen].units;
    owner[static_cast<std::size_t>(i)] = static_cast<int>(chosen);
  }
  return n;
}

}  // namespace flowfolio
