// The format table (yaml/format_table.hpp) against the reader: for every map of a scenario,
// an unknown key is refused; for every key of the table, a value outside its range, below
// its minimum, above its most, fractional where it must be whole, or not among its choices
// is refused, naming the key. The readers take their keys from the table, and this holds
// them to its ranges and choices, so the JSON Schema written from it says what the reader does.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "flowfolio/core/error.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "yaml/format_table.hpp"

using namespace flowfolio;

namespace {

// A scenario holding every map the table describes, each once.
const char* const kEverything = R"(name: everything
horizon: 10
trials: 100
model: {flow_width: 0.1}
risk: {levels: [0.9]}
report: {prefer: tail_risk}
activities:
  - name: post
    challenge: {online: 0.5, domain: 0.3}
    hours_per_unit: 1
    units_per_period: 2
    value: 10
    incident: {probability: 0.01, severity: 100}
  - {name: other, challenge: {online: 0.2, domain: 0.2}, hours_per_unit: 1, units_per_period: 1, value: 5}
correlation:
  - {between: [post, other], rho: 0.3}
profiles:
  - {name: worker, online: 0.5, domain: 0.5, salary_per_period: 10, hours_per_period: 20}
  - {name: junior, online: 0.6, domain: 0.1, salary_per_period: 5, hours_per_period: 20}
staff:
  - {profile: worker, count: 2}
strategies:
  - name: hiring
    hire: [{profile: junior, count: 1}]
    train: [{who: worker, hours_per_period: 1, gain: {online: 0.01}}]
  - name: mentoring
    hire: [{profile: junior, count: 1}]
    mentor: {mentee: junior, mentor: worker, hours_per_period: 1, rate: 0.01}
  - name: flowing
    assign: {policy: flow, stretch: 0.2}
sensitivity:
  inputs:
    - {name: value, path: activities.post.value, range: [5, 15]}
optimize:
  decisions:
    - {name: demand, path: activities.post.units_per_period, range: [1, 3]}
  constraints: {p_loss: 0.5}
calibration:
  source: a test
  values:
    - {name: p0, path: activities.post.incident.probability, value: 0.01}
)";

// Where each object of the scenario is, as a key path prefix ("" for the top level).
const std::map<std::string_view, std::string> kWhere = {
    {"scenario", ""},
    {"model", "model."},
    {"risk", "risk."},
    {"report", "report."},
    {"activity", "activities.post."},
    {"challenge", "activities.post.challenge."},
    {"incident", "activities.post.incident."},
    {"correlation", "correlation.0."},
    {"profile", "profiles.worker."},
    {"staff", "staff.0."},
    {"hire", "strategies.hiring.hire.0."},
    {"strategy", "strategies.hiring."},
    {"training", "strategies.hiring.train.0."},
    {"gain", "strategies.hiring.train.0.gain."},
    {"mentoring", "strategies.mentoring.mentor."},
    {"assignment", "strategies.flowing.assign."},
    {"sensitivity", "sensitivity."},
    {"sensitivity_input", "sensitivity.inputs.0."},
    {"optimize", "optimize."},
    {"decision", "optimize.decisions.0."},
    {"constraints", "optimize.constraints."},
    {"calibration", "calibration."},
    {"calibrated_value", "calibration.values.0."},
};

// The maps of a sweep file, tested by tests/yaml/sweep_axes_test.cpp.
const std::set<std::string_view> kSweepFile = {"sweep", "variant", "axis", "axis_points", "range", "break_even"};

// Whether the scenario with `setting` is refused with a problem at `key_path`.
bool refused(const std::string& setting, const std::string& key_path) {
  try {
    read_scenario_text(kEverything, "everything.yaml", {setting});
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics())
      if (d.to_string().find(key_path) != std::string::npos) return true;
    FAIL("--set " << setting << " was refused, but not at " << key_path << ": " << e.what());
  }
  return false;
}

// Values outside a number's range.
std::vector<std::string> outside(Range range) {
  switch (range) {
    case Range::kUnit: return {"-0.5", "1.5"};
    case Range::kPositive: return {"0", "-1"};
    case Range::kNonNegative: return {"-1"};
    case Range::kAboveMinusOne: return {"-1", "-2"};
    case Range::kOpenUnit: return {"0", "1"};
    case Range::kOpenUnitSymmetric: return {"1", "-1"};
    case Range::kAny: return {};
  }
  return {};
}
}  // namespace

TEST_CASE("the format table: the reader takes the scenario as it is", "[format]") {
  CHECK_NOTHROW(read_scenario_text(kEverything, "everything.yaml"));
}

TEST_CASE("the format table: every map of a scenario refuses a key it does not list", "[format]") {
  for (const format::Object& o : format::objects()) {
    if (kSweepFile.count(o.name)) continue;  // sweep files: sweep_axes_test.cpp
    INFO("object " << o.name);
    REQUIRE(kWhere.count(o.name) == 1);  // a new map in the table needs its place here
    const std::string path = kWhere.at(o.name) + "no_such_key";
    CHECK(refused(path + "=1", "no_such_key"));
  }
}

TEST_CASE("the format table: the reader refuses what the table's ranges, minima and choices refuse", "[format]") {
  int checked = 0;
  for (const format::Object& o : format::objects()) {
    if (kSweepFile.count(o.name)) continue;
    for (const format::Key& k : o.keys) {
      const std::string path = kWhere.at(o.name) + std::string(k.name);
      INFO("key " << path);
      std::vector<std::string> bad;
      if (k.kind == format::Kind::kNumber) bad = outside(k.range);
      if (k.kind == format::Kind::kDistribution) bad = outside(k.range);
      if (k.kind == format::Kind::kMoney) bad = {"-1"};
      if (k.kind == format::Kind::kWhole) {
        bad = {"2.5", "'3'"};
        if (k.minimum > 0) bad.push_back(std::to_string(k.minimum - 1));
        if (k.most > 0) bad.push_back(std::to_string(k.most + 1));
      }
      if (k.kind == format::Kind::kChoice) bad = {"not_a_choice"};
      if (k.kind == format::Kind::kBoolean) bad = {"maybe"};
      if (k.kind == format::Kind::kNumbers && k.count > 0) bad = {"[1]"};
      for (const std::string& value : bad) {
        INFO("value " << value);
        CHECK(refused(path + "=" + value, path));
        ++checked;
      }
    }
  }
  CHECK(checked > 100);
}
