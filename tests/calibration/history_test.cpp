// A history's files read against a scenario (calibration/history.hpp): what they hold, the
// dates turned into periods, and every problem a user meets, with its exact message.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "flowfolio/calibration/history.hpp"
#include "flowfolio/core/error.hpp"
#include "test_support.hpp"

using namespace flowfolio;

namespace {
namespace fs = std::filesystem;

// Two activities and two profiles, weekly periods.
const std::string kScenario = R"(name: history
horizon: 10
activities:
  - {name: tweet, challenge: {online: 0.2, domain: 0.1}, hours_per_unit: 1, units_per_period: 5, value: 1,
     incident: {probability: 0.001, severity: 100}}
  - {name: pharma, challenge: {online: 0.7, domain: 0.9}, hours_per_unit: 6, units_per_period: 1, value: 1000}
profiles:
  - {name: veteran, online: 0.2, domain: 0.8, salary_per_period: 1, hours_per_period: 20}
  - {name: intern, online: 0.7, domain: 0.1, salary_per_period: 1, hours_per_period: 20}
staff:
  - {profile: veteran, count: 2}
strategies:
  - name: as_was
)";

class Files {
 public:
  Files() : dir_(fs::temp_directory_path() / ("flowfolio_history_test_" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  ~Files() { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }

 private:
  fs::path dir_;
};

const std::string kWork = "period,activity,units\n0,tweet,5\n0,pharma,1\n1,tweet,4\n2,tweet,5\n";
const std::string kIncidents = "period,activity,loss\n1,tweet,250\n";

// Every message of reading, each as Diagnostic::to_string() writes it, with the folder cut.
std::vector<std::string> problems(const Files& f, const std::string& work, const std::string& incidents,
                                  const std::string& ramp = "", const std::string& start = "") {
  const std::string w = f.write("work.csv", work), i = f.write("incidents.csv", incidents);
  const std::string r = ramp.empty() ? "" : f.write("ramp.csv", ramp);
  std::vector<std::string> out;
  try {
    read_history(testing::parse(kScenario), {.work = w, .incidents = i, .ramp = r, .start = start});
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) {
      std::string text = d.to_string();
      const auto slash = text.rfind('/', text.find(".csv"));
      out.push_back(slash == std::string::npos ? text : text.substr(slash + 1));
    }
  }
  return out;
}
}  // namespace

TEST_CASE("a history: units per period and activity, incidents, and the ramp by person", "[calibration][history]") {
  Files f;
  const Scenario s = testing::parse(kScenario);
  const History h = read_history(
      s, {.work = f.write("work.csv", "\xEF\xBB\xBFperiod,activity,units\n0,tweet,5\n0,tweet,2\n3,pharma,1\n"),
          .incidents = f.write("incidents.csv", "activity,loss,period\ntweet,250.5,0\n"),
          .ramp = f.write("ramp.csv", "person,profile,period,activity,units,successes\n"
                                      "ann,intern,3,pharma,1,0\nbob,veteran,0,tweet,3,2\nann,intern,0,tweet,4,4\n")});
  CHECK(h.periods == 4);  // the last period of work.csv, plus one
  CHECK(h.units_of(0) == 7);  // two rows of one period add up
  CHECK(h.units_of(1) == 1);
  REQUIRE(h.incidents.size() == 1);
  CHECK(h.incidents[0].loss == 250.5);  // columns in any order
  REQUIRE(h.people.size() == 2);
  CHECK(h.people[0].name == "ann");
  CHECK(h.people[0].profile == 1);
  REQUIRE(h.ramp.size() == 3);  // by person, then period
  CHECK(h.ramp[0].period == 0);
  CHECK(h.ramp[0].units == 4);
  CHECK(h.ramp[1].period == 3);
  CHECK(h.ramp[2].person == 1);
}

TEST_CASE("dates become periods by the scenario's periods a year", "[calibration][history]") {
  CHECK(period_of("2024-01-01", "2024-01-01", 52) == 0);
  CHECK(period_of("2024-01-07", "2024-01-01", 52) == 0);
  CHECK(period_of("2024-01-08", "2024-01-01", 52) == 1);
  CHECK(period_of("2023-12-31", "2024-01-01", 52) == -1);
  CHECK(period_of("2024-02-29", "2024-01-31", 12) == 1);   // a shorter month ends on its last day
  CHECK(period_of("2024-02-28", "2024-01-31", 12) == 0);
  CHECK(period_of("2024-07-01", "2024-01-01", 4) == 2);
  CHECK(period_of("2024-03-01", "2024-01-01", 365) == 60);
  CHECK(!period_of("2024-02-30", "2024-01-01", 52));
  CHECK(!period_of("24-1-1", "2024-01-01", 52));
  for (const int ppy : {1, 4, 12, 26, 52, 365, 10, 100})
    for (const long p : {0L, 1L, 7L, 30L, 99L}) {
      INFO(ppy << " periods a year, period " << p << ": " << date_of(p, "2023-01-31", ppy));
      CHECK(period_of(date_of(p, "2023-01-31", ppy), "2023-01-31", ppy) == p);
      if (p > 0) CHECK(period_of(date_of(p, "2023-01-31", ppy), "2023-01-31", ppy) != period_of(date_of(p - 1, "2023-01-31", ppy), "2023-01-31", ppy));
    }
  CHECK(date_of(2, "2024-01-31", 12) == "2024-03-31");
  CHECK(date_of(1, "2024-01-31", 12) == "2024-02-29");
}

TEST_CASE("a history's problems, all at once, each where it is", "[calibration][history]") {
  Files f;
  CHECK(problems(f, "period,activity,units\n0,twet,5\n1,tweet,-2\n2,tweet,ten\n3,tweet,2.5\n", kIncidents) ==
        std::vector<std::string>{
            "work.csv:2:3: activity: unknown activity 'twet' (did you mean 'tweet'?); the scenario's activities are tweet, pharma",
            "work.csv:3:9: units: must be a whole number from 0 to 1000000000, got -2",
            "work.csv:4:9: units: must be a whole number of 0 or more, got 'ten'",
            "work.csv:5:9: units: must be a whole number of 0 or more, got '2.5'"});
  CHECK(problems(f, kWork, "period,activity,loss\n1,tweet,0\n1,tweet,-5\n2,tweet,lots\n") ==
        std::vector<std::string>{
            "incidents.csv:2:9: loss: must be a number above 0 and at most 1e15, got 0 (an incident without a loss is not one the model counts)",
            "incidents.csv:3:9: loss: must be a number above 0 and at most 1e15, got -5",
            "incidents.csv:4:9: loss: must be a number above 0, got 'lots'"});
  // More incidents than units, and an incident after the history's last period.
  CHECK(problems(f, kWork, "period,activity,loss\n0,pharma,10\n0,pharma,20\n7,tweet,5\n") ==
        std::vector<std::string>{
            "incidents.csv:3:3: activity: the 2nd pharma incident in period 0, but work.csv records 1 unit of it then: an incident comes from a unit of work",
            "incidents.csv:4:1: period: period 7 is after the history: work.csv ends with period 2"});
}

TEST_CASE("a history's files: empty, headers, fields and dates", "[calibration][history]") {
  Files f;
  CHECK(problems(f, "", kIncidents) ==
        std::vector<std::string>{"work.csv:1:1: the file is empty: expected the header period (or date),activity,units and one record a line"});
  CHECK(problems(f, "period,activity,units\n", kIncidents) ==
        std::vector<std::string>{"work.csv:1:1: no records after the header: a history needs the work that was done"});
  CHECK(problems(f, "period,activity,unit\n0,tweet,5\n", kIncidents) ==
        std::vector<std::string>{
            "work.csv:1:17: unknown column 'unit' (did you mean 'units'?); the columns are period (or date),activity,units",
            "work.csv:1:1: the header has no column 'units'; the columns are period (or date),activity,units"});
  CHECK(problems(f, "period,activity,units\n0,tweet\n1,tweet,5\n", kIncidents) ==
        std::vector<std::string>{"work.csv:2:1: 2 fields, but the header has 3"});
  // Dates: --start is needed, then each date must fall in the history.
  const std::string dated = "date,activity,units\n2024-01-01,tweet,5\n2024-01-15,tweet,5\n";
  CHECK(problems(f, dated, kIncidents) ==
        std::vector<std::string>{"work.csv:1:1: date: the file gives dates: --start YYYY-MM-DD (the first day of period 0) turns them into periods"});
  CHECK(problems(f, dated, "date,activity,loss\n2023-12-31,tweet,5\n2024-02-01,tweet,5\n2024-13-01,tweet,5\n", "",
                 "2024-01-01") ==
        std::vector<std::string>{
            "incidents.csv:2:1: date: 2023-12-31 is before the history's start, --start 2024-01-01",
            "incidents.csv:3:1: date: the period from 2024-01-29 is after the history: work.csv ends with the period from 2024-01-15",
            "incidents.csv:4:1: date: must be a date YYYY-MM-DD, got '2024-13-01'"});
  CHECK(problems(f, kWork, kIncidents, "", "2024-1-1") ==
        std::vector<std::string>{"--start: must be a date YYYY-MM-DD, got '2024-1-1'"});
}

TEST_CASE("a ramp's problems: profiles, people, successes and the work it is part of", "[calibration][history]") {
  Files f;
  const std::string header = "person,profile,period,activity,units,successes\n";
  CHECK(problems(f, kWork, kIncidents,
                 header + "ann,intren,0,tweet,2,1\nann,intern,0,tweet,2,3\nbob,veteran,0,tweet,2,1\n"
                          "bob,intern,1,tweet,1,1\nbob,veteran,0,tweet,1,1\ncy,veteran,0,tweet,4,1\n,veteran,1,tweet,1,1\n") ==
        std::vector<std::string>{
            "ramp.csv:2:5: profile: unknown profile 'intren' (did you mean 'intern'?); the scenario's profiles are veteran, intern",
            "ramp.csv:3:22: successes: 3 successes out of 2 units",
            "ramp.csv:5:5: profile: 'bob' is a veteran at line 4: a person has one profile",
            "ramp.csv:6:1: person: a second row for 'bob' in period 0 on tweet (the first is at line 4)",
            "ramp.csv:7:20: units: ramp.csv now records 6 tweet units in period 0, more than work.csv's 5",
            "ramp.csv:8:1: person: must name the person in 1 to 200 printable characters, got ''"});
  CHECK(problems(f, kWork, kIncidents, header) ==
        std::vector<std::string>{"ramp.csv:1:1: no records after the header: leave out --ramp when there is no learning record"});
}
