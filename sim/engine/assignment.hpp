// Section 4.5 of the model: who takes each unit of an activity in a period, and the
// assignments the engine keeps to reuse (engine.cpp, work_activity).
#pragma once

#include <cstddef>
#include <vector>

namespace flowfolio {

// Someone who may take units of the activity being assigned, and their tally.
struct Candidate {
  int slot = 0;
  double fit = 0;    // |delta - delta_star| under the flow policy, 0 under static
  double hours = 0;  // remaining hours, as units are assigned
  int units = 0, successes = 0;
  double value = 0;  // sum of V over the units that succeeded
  double p_success = 0, p_incident = 0;
};

// One activity's assignment (section 4.5) in a recent period, kept because it depends
// only on who the candidates are, in what order, with what hours and ties of fit, and on
// the unit count: when all of those are as then, so is the assignment. In a steady team
// that is most periods, and reusing it spares the per-unit choice. Each activity keeps
// the last kKeptAssignments, since demand and earlier activities' work often alternate
// from one period to the next (a rate of 0.5 gives a unit every other period).
struct Assignment {
  int units = -1;                    // n, or -1 when there is none to reuse
  int done = 0;                      // units taken
  std::vector<int> slots;            // the candidates, in their order
  std::vector<double> hours_before;  // their hours before the activity
  std::vector<char> tied;            // [c]: fit equal to candidate c - 1's (flow policy)
  std::vector<double> hours_after;
  std::vector<int> taken;            // [c]: units each took
  std::vector<int> workers;          // the candidates who took units, in candidate order
  std::vector<int> owner;            // [i]: the candidate who takes unit i

  // True when `candidates`, fresh from gather_candidates, face what this one faced.
  bool fits(const std::vector<Candidate>& candidates, int n) const {
    if (n != units || candidates.size() != slots.size()) return false;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      if (candidates[c].slot != slots[c] || candidates[c].hours != hours_before[c]) return false;
      if (c > 0 && (candidates[c].fit == candidates[c - 1].fit) != static_cast<bool>(tied[c])) return false;
    }
    return true;
  }
  void keep_inputs(const std::vector<Candidate>& candidates, int n) {
    units = n;
    const std::size_t C = candidates.size();
    slots.resize(C);
    hours_before.resize(C);
    tied.resize(C);
    for (std::size_t c = 0; c < C; ++c) {
      slots[c] = candidates[c].slot;
      hours_before[c] = candidates[c].hours;
      tied[c] = c > 0 && candidates[c].fit == candidates[c - 1].fit;
    }
  }
  void keep_outputs(const std::vector<Candidate>& candidates) {
    hours_after.resize(candidates.size());
    taken.resize(candidates.size());
    workers.clear();
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      hours_after[c] = candidates[c].hours;
      taken[c] = candidates[c].units;
      if (taken[c] > 0) workers.push_back(static_cast<int>(c));
    }
  }
  void apply(std::vector<Candidate>& candidates) const {
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      candidates[c].hours = hours_after[c];
      candidates[c].units = taken[c];
    }
  }
};

inline constexpr std::size_t kKeptAssignments = 2;

// Section 4.5 for the n units of one activity, in unit order: the candidate who takes
// each (owner[i]), until nobody has the hours h - 1e-9. Units are taken in a prefix: once
// nobody has the hours, nobody will for a later unit. Returns how many were taken.
//   static: most remaining hours, ties to the lowest slot;
//   flow: best fit, then most remaining hours, then lowest slot (candidates come sorted
//   by fit, then slot).
// Each candidate's hours fall by h, and its units count up, for every unit it takes.
int assign_units(bool flow, double h, int n, std::vector<Candidate>& candidates, std::vector<int>& owner);

}  // namespace flowfolio
