// A history from one simulated future, and any history written back as CSV (history.hpp):
// what `flowfolio history` writes, and what the calibration's recovery tests feed back in.
#include <algorithm>
#include <cmath>
#include <map>

#include "flowfolio/calibration/history.hpp"
#include "flowfolio/core/format.hpp"
#include "flowfolio/engine/engine.hpp"
#include "output/csv.hpp"

namespace flowfolio {

namespace {
// "intern7" for slot 6's first person, "intern7-2" for the slot's second generation.
std::string person_name(const Scenario& s, const PersonTrace& p) {
  std::string name = s.profiles[static_cast<std::size_t>(p.profile)].name + std::to_string(p.slot + 1);
  return p.generation == 0 ? name : name + "-" + std::to_string(p.generation + 1);
}

// Loss amounts as a history keeps them: to the cent, in plain digits.
std::string money_cell(double x) { return format_number(std::round(x * 100) / 100); }
}  // namespace

History simulate_history(const Scenario& scenario, std::size_t strategy, std::uint64_t seed, std::uint64_t trial) {
  Scenario one = scenario;
  one.strategies = {scenario.strategies[strategy]};
  const Engine engine(one);
  std::vector<TrialOutcome> out(1);
  engine.simulate_trial(seed, trial, out, true);
  const std::size_t A = scenario.activities.size();
  History h;
  h.periods = scenario.horizon;
  h.units.assign(static_cast<std::size_t>(h.periods) * A, 0);
  std::map<std::string, std::size_t> people;
  for (const PeriodTrace& period : out[0].trace) {
    for (std::size_t a = 0; a < A; ++a) {
      const ActivityTrace& record = period.activities[a];
      h.units[static_cast<std::size_t>(period.period) * A + a] = record.units_done;
      for (const double loss : record.losses) h.incidents.push_back({period.period, a, loss});
    }
    for (const PersonTrace& p : period.people) {
      if (p.work.empty()) continue;
      const auto [at, added] = people.try_emplace(person_name(scenario, p), h.people.size());
      if (added) h.people.push_back({at->first, static_cast<std::size_t>(p.profile)});
      for (const WorkTrace& w : p.work) h.ramp.push_back({at->second, period.period, w.activity, w.units, w.successes});
    }
  }
  std::stable_sort(h.ramp.begin(), h.ramp.end(), [](const RampRecord& a, const RampRecord& b) { return a.person < b.person; });
  return h;
}

HistoryText history_csv(const Scenario& scenario, const History& history, const std::string& start) {
  const std::size_t A = scenario.activities.size();
  const std::string when = start.empty() ? "period" : "date";
  const auto period = [&](long t) { return start.empty() ? std::to_string(t) : date_of(t, start, scenario.periods_per_year); };
  HistoryText text{.work = when + ",activity,units\n", .incidents = when + ",activity,loss\n",
                   .ramp = "person,profile," + when + ",activity,units,successes\n"};
  for (std::size_t t = 0; t < static_cast<std::size_t>(history.periods); ++t)
    for (std::size_t a = 0; a < A; ++a)
      if (const long n = history.units[t * A + a]; n > 0)
        text.work += period(static_cast<long>(t)) + "," + csv_text(scenario.activities[a].name) + "," + std::to_string(n) + "\n";
  for (const IncidentRecord& i : history.incidents)
    text.incidents += period(i.period) + "," + csv_text(scenario.activities[i.activity].name) + "," + money_cell(i.loss) + "\n";
  for (const RampRecord& r : history.ramp) {
    const RampPerson& p = history.people[r.person];
    text.ramp += csv_text(p.name) + "," + csv_text(scenario.profiles[p.profile].name) + "," + period(r.period) + "," +
                 csv_text(scenario.activities[r.activity].name) + "," + std::to_string(r.units) + "," +
                 std::to_string(r.successes) + "\n";
  }
  return text;
}

}  // namespace flowfolio
