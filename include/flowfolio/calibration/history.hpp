// An organisation's history of its communication work, as `flowfolio calibrate` reads it
// (docs/calibration.md): what was done period by period, the incidents with their
// losses, and optionally the record of people learning the work.
//
//   work.csv       period (or date), activity, units
//   incidents.csv  period (or date), activity, loss
//   ramp.csv       person, profile, period (or date), activity, units, successes
//
// Periods are counted from 0, the scenario's own periods; dates (YYYY-MM-DD) are turned
// into periods from a start date by the scenario's periods_per_year (period_of()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

// The files of a history. `ramp` may be empty (no learning record); `start` is the date of
// period 0 (YYYY-MM-DD), needed only when a file gives dates.
struct HistoryFiles {
  std::string work, incidents, ramp;
  std::string start;
};

struct IncidentRecord {
  int period = 0;
  std::size_t activity = 0;
  double loss = 0;  // > 0
};

// One person's units of one activity in one period, and how many succeeded.
struct RampRecord {
  std::size_t person = 0;  // into History::people
  int period = 0;
  std::size_t activity = 0;
  int units = 0, successes = 0;  // 0 <= successes <= units
};

struct RampPerson {
  std::string name;
  std::size_t profile = 0;
};

struct History {
  int periods = 0;          // periods 0 .. periods - 1: work.csv's last period, plus one
  std::string start;        // the date of period 0 when the files gave dates; "" otherwise
  std::vector<long> units;  // [period * activities + activity]: units done
  std::vector<IncidentRecord> incidents;  // in the file's order
  std::vector<RampPerson> people;         // in order of first appearance in ramp.csv
  std::vector<RampRecord> ramp;           // by person, then period, then activity
  std::vector<std::string> sources;       // the files read, for the outputs' notes

  long units_of(std::size_t activity) const;    // over every period
  std::vector<double> losses_of(std::size_t activity) const;
};

// The most periods a history may span (55 years of days): beyond it a period is a typo,
// and the simulation of the history's work would hold too long a trace.
inline constexpr int kMostHistoryPeriods = 20000;

// Reads and checks the files against the scenario's activities and profiles. Throws
// InputError with every problem at once, each `file:line:col: column: message`: unknown
// activity or profile (with "did you mean"), negative, fractional or non-numeric values,
// more incidents than units in a period, dates before the start or periods outside the
// history, a person under two profiles, a second row for one person, period and
// activity, more ramp units than work units, empty files.
History read_history(const Scenario& scenario, const HistoryFiles& files);

// The period a date falls in (docs/calibration.md, "Dates"): calendar months counted
// from the start when periods_per_year divides 12 (1, 2, 3, 4, 6, 12), weeks of 7 days
// for 52, fortnights for 26, days for 365, else floor(days * periods_per_year / 365.2425).
// Both dates YYYY-MM-DD; nullopt when `date` is not such a date. May be negative.
std::optional<long> period_of(const std::string& date, const std::string& start, int periods_per_year);
// The first day of `period` from `start`, as YYYY-MM-DD (the inverse of period_of).
std::string date_of(long period, const std::string& start, int periods_per_year);
// Whether `date` is a valid YYYY-MM-DD date.
bool is_date(const std::string& date);

// The history one simulated future would leave (`flowfolio history`): trial `trial` of
// `strategy` under `seed`, traced, every period of the scenario's horizon. Every person
// who worked is in the ramp, named by profile and slot ("intern7", and "intern7-2" for
// the slot's second generation).
History simulate_history(const Scenario& scenario, std::size_t strategy, std::uint64_t seed, std::uint64_t trial);

// The three files of `history` as CSV text, with dates from `start` when it is not empty.
struct HistoryText {
  std::string work, incidents, ramp;
};
HistoryText history_csv(const Scenario& scenario, const History& history, const std::string& start);

}  // namespace flowfolio
