// The scenario reader: defaults, the shipped scenarios, and every validation rule with
// its message (file:line:col: key.path: message), all problems reported at once.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "flowfolio/yaml/scenario_reader.hpp"
#include "test_support.hpp"

using namespace flowfolio;
using flowfolio::testing::parse;
using flowfolio::testing::tiny_scenario;

using flowfolio::testing::replace;

namespace {

// The diagnostics of an invalid scenario.
std::vector<Diagnostic> problems(const std::string& yaml) {
  try {
    parse(yaml);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  FAIL("the scenario was accepted");
  return {};
}

// The one diagnostic whose path is `path`.
Diagnostic problem_at(const std::string& yaml, const std::string& path) {
  for (const Diagnostic& d : problems(yaml))
    if (d.path == path) return d;
  std::string all;
  for (const Diagnostic& d : problems(yaml)) all += d.to_string() + "\n";
  FAIL("no problem at " << path << "; got:\n" << all);
  return {};
}

const std::string kStrategyBlock = "strategies:\n  - name: base\n";
std::string with_strategies(const std::string& strategies) {
  return replace(tiny_scenario(), kStrategyBlock, "strategies:\n" + strategies);
}
}  // namespace

TEST_CASE("defaults of MODEL.md section 2", "[scenario]") {
  const Scenario s = parse(replace(tiny_scenario(), "periods_per_year: 1\ntrials: 10\nseed: 7\n", ""));
  CHECK(s.periods_per_year == 52);
  CHECK(s.trials == 10000);
  CHECK(s.seed == 0);
  CHECK(s.discount_rate == 0);
  CHECK(s.currency.empty());
  CHECK(s.model.flow_width == 0.10);
  CHECK(s.model.replacement_lag == 6);
  CHECK(s.model.catastrophe == 1e6);
  const Activity& a = s.activities[0];
  CHECK(a.cost.mean() == 10);
  CHECK(a.incident_probability == 0);
  CHECK(a.unmet_cost.is_fixed());
  CHECK(a.unmet_cost.mean() == 0);
  const Profile& p = s.profiles[0];
  CHECK(p.replace);
  CHECK(p.attrition_hazard == 0);
  CHECK(p.learning_rate.mean() == 0);
  const Strategy& st = s.strategies[0];
  CHECK(st.policy == AssignPolicy::kStatic);
  CHECK(st.stretch == 0.15);
}

TEST_CASE("the shipped scenarios are valid", "[scenario]") {
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("scenarios"))) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path());
    CHECK_NOTHROW(read_scenario_file(entry.path().string()));
  }
  const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  CHECK(s.activities.size() == 4);
  CHECK(s.activities[0].name == "pharma_campaign");
  CHECK(s.strategies.size() == 5);
  CHECK(s.correlations.size() == 6);
  CHECK(s.horizon == 104);
  CHECK(s.discount_rate == 0.08);
}

TEST_CASE("unknown keys are errors with a suggestion", "[scenario][messages]") {
  const std::string yaml = replace(tiny_scenario(), "hours_per_unit: 2", "hours_per_unt: 2");
  const Diagnostic d = problem_at(yaml, "activities.work.hours_per_unt");
  CHECK(d.to_string().rfind("test.yaml:10:5: activities.work.hours_per_unt: unknown key "
                            "'hours_per_unt' (did you mean 'hours_per_unit'?)", 0) == 0);
  // The required key it replaced is reported too, in the same round.
  CHECK(problem_at(yaml, "activities.work.hours_per_unit").message ==
        "missing required key 'hours_per_unit'");
}

TEST_CASE("wrong types say what was expected and what came", "[scenario][messages]") {
  const Diagnostic d = problem_at(replace(tiny_scenario(), "horizon: 4", "horizon: four"), "horizon");
  CHECK(d.to_string() == "test.yaml:2:10: horizon: expected a number, got 'four'");
  CHECK(problem_at(replace(tiny_scenario(), "horizon: 4", "horizon: \"4\""), "horizon").message ==
        "expected a number, got the string '4'");
  CHECK(problem_at(replace(tiny_scenario(), "value: 100", "value: [100]"), "activities.work.value")
            .message == "expected a number or a distribution ({uniform, triangular, pert, normal, "
                        "lognormal, beta, discrete}: ...), got a list");
  CHECK(problem_at(replace(tiny_scenario(), "value: 100", "value:"), "activities.work.value")
            .message.find("expected a number or a distribution") == 0);
  CHECK(problem_at(replace(tiny_scenario(), "trials: 10", "trials: 1e20"), "trials").message ==
        "the number 1e20 is absurdly large; numbers in a scenario are at most 1e15 in size");
  CHECK(problem_at(replace(tiny_scenario(), "trials: 10", "trials: 2000000000"), "trials").message ==
        "at most 1000000000 trials, got 2000000000");
}

TEST_CASE("NaN, infinities and out-of-range numbers are refused", "[scenario][messages]") {
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: .nan"), "activities.work.cost").message ==
        "NaN and infinities are not allowed; give a finite number");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: -.inf"), "activities.work.cost")
            .message.find("NaN and infinities") == 0);
  CHECK(problem_at(replace(tiny_scenario(), "online: 0.5, domain", "online: 1.5, domain"),
                   "activities.work.challenge.online")
            .message == "must be in [0, 1], got 1.5");
  CHECK(problem_at(replace(tiny_scenario(), "hours_per_unit: 2", "hours_per_unit: 0"),
                   "activities.work.hours_per_unit")
            .message == "must be above 0, got 0");
  CHECK(problem_at(replace(tiny_scenario(), "horizon: 4", "horizon: 2.5"), "horizon").message ==
        "must be a whole number of 1 or more, got 2.5");
  CHECK(problem_at(replace(tiny_scenario(), "horizon: 4", "horizon: 0"), "horizon").message ==
        "must be a whole number of 1 or more, got 0");
  CHECK(problem_at(replace(tiny_scenario(), "seed: 7", "discount_rate: -1\nseed: 7"), "discount_rate")
            .message == "must be above -1, got -1");
  CHECK(problem_at(replace(tiny_scenario(), "salary_per_period: 50", "salary_per_period: -5"),
                   "profiles.worker.salary_per_period")
            .message == "must be 0 or more, got -5");
}

TEST_CASE("YAML 1.2 numbers such as 1e6 are numbers", "[scenario]") {
  const Scenario s = parse(replace(tiny_scenario(), "value: 100", "value: 1e6"));
  CHECK(s.activities[0].value.mean() == 1e6);
  const Scenario big_seed = parse(replace(tiny_scenario(), "seed: 7", "seed: 18446744073709551615"));
  CHECK(big_seed.seed == 18446744073709551615ull);
}

TEST_CASE("distribution rules of section 10", "[scenario][messages]") {
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {pert: [5, 3, 9]}"),
                   "activities.work.cost.pert")
            .message == "must be ordered [lo, mode, hi] with lo <= mode <= hi, got [5, 3, 9]");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {triangular: [1, 2]}"),
                   "activities.work.cost.triangular")
            .message == "expected a list of 3 numbers, got a list of 2");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {lognormal: {p5: 9, p95: 3}}"),
                   "activities.work.cost.lognormal")
            .message == "p5 must not exceed p95");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {uniform: [1, 2], normal: {mean: 1, sd: 1}}"),
                   "activities.work.cost")
            .message == "exactly one distribution family per value, got uniform, normal");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {beta: {a: 0, b: 1}}"),
                   "activities.work.cost.beta.a")
            .message == "must be above 0, got 0");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {discrete: {values: [1, 2], weights: [1]}}"),
                   "activities.work.cost.discrete.weights")
            .message == "expected as many weights as values (2)");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {discrete: {values: [1, 2], weights: [0, 0]}}"),
                   "activities.work.cost.discrete.weights")
            .message == "the weights must not all be 0");
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {uniform: [1, 2], lambda: 3}"),
                   "activities.work.cost.lambda")
            .message == "'lambda' belongs to pert only");
  // Money whose draws could fall below 0.
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {normal: {mean: 10, sd: 2}}"),
                   "activities.work.cost")
            .message.find("draws could fall below 0") == 0);
  CHECK_NOTHROW(parse(replace(tiny_scenario(), "cost: 10", "cost: {normal: {mean: 10, sd: 2}, clip: [0, 50]}")));
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {discrete: {values: [-1, 2], weights: [0, 1]}}"),
                   "activities.work.cost")
            .message.find("draws could fall below 0 (its lowest value is -1)") == 0);
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: {uniform: [1, 2], clip: [3, 2]}"),
                   "activities.work.cost.clip")
            .message == "must be [lo, hi] with lo <= hi");
}

TEST_CASE("an incident probability above 0 needs a severity", "[scenario][messages]") {
  CHECK(problem_at(replace(tiny_scenario(), "cost: 10", "cost: 10\n    incident: {probability: 0.1}"),
                   "activities.work.incident.severity")
            .message.find("missing required key 'severity'") == 0);
}

TEST_CASE("names must exist and be unique", "[scenario][messages]") {
  CHECK(problem_at(replace(tiny_scenario(), "{profile: worker, count: 1}", "{profile: wroker, count: 1}"),
                   "staff[0].profile")
            .message == "unknown profile 'wroker' (did you mean 'worker'?); known: worker");
  const std::string dup = replace(tiny_scenario(), "strategies:\n  - name: base\n",
                                  "strategies:\n  - name: base\n  - name: base\n");
  CHECK(problem_at(dup, "strategies.base.name").message ==
        "duplicate name 'base' (first defined on line 23); names must be unique");
  const std::string refs = with_strategies(
      "  - name: s\n"
      "    hire: [{profile: nobody, count: 1}]\n"
      "    train: [{who: nobody, hours_per_period: 1}]\n"
      "    mentor: {mentee: nobody, mentor: worker, hours_per_period: 1, rate: 0.1}\n"
      "    assign: {policy: static, roles: {nowork: [worker], work: [nobody]}}\n"
      "    demand: {nowork: 2}\n"
      "    release: [nobody]\n");
  const auto all = problems(refs);
  CHECK(all.size() == 7);  // every unknown name at once
  CHECK(problem_at(refs, "strategies.s.hire[0].profile").message.find("unknown profile 'nobody'") == 0);
  CHECK(problem_at(refs, "strategies.s.train[0].who").message.find("unknown profile 'nobody'") == 0);
  CHECK(problem_at(refs, "strategies.s.mentor.mentee").message.find("unknown profile") == 0);
  CHECK(problem_at(refs, "strategies.s.assign.roles").message.find("unknown activity 'nowork'") == 0);
  CHECK(problem_at(refs, "strategies.s.assign.roles.work[0]").message.find("unknown profile") == 0);
  CHECK(problem_at(refs, "strategies.s.demand").message.find("unknown activity 'nowork'") == 0);
  CHECK(problem_at(refs, "strategies.s.release[0]").message.find("unknown profile") == 0);
}

TEST_CASE("strategy rules", "[scenario][messages]") {
  CHECK(problem_at(with_strategies("  - name: s\n    assign: {policy: flow, roles: {work: [worker]}}\n"),
                   "strategies.s.assign.roles")
            .message == "'roles' belongs to the static policy only");
  CHECK(problem_at(with_strategies("  - name: s\n    assign: {policy: static, stretch: 0.2}\n"),
                   "strategies.s.assign.stretch")
            .message == "'stretch' belongs to the flow policy only");
  CHECK(problem_at(with_strategies("  - name: s\n    assign: {policy: flw}\n"), "strategies.s.assign.policy")
            .message == "unknown policy 'flw' (did you mean 'flow'?); expected static or flow");
  CHECK(problem_at(with_strategies("  - name: s\n    mentor: {mentee: worker, mentor: worker, "
                                   "hours_per_period: 1, rate: 0.1}\n"),
                   "strategies.s.mentor.mentor")
            .message == "a profile cannot mentor itself: mentee and mentor must differ");
  CHECK(problem_at(with_strategies("  - name: s\n    train: [{who: worker, from: 5, to: 2, "
                                   "hours_per_period: 1}]\n"),
                   "strategies.s.train[0].from")
            .message == "'from' (5) must not be after 'to' (2)");
  CHECK(problem_at(with_strategies("  - name: s\n    mentor: {mentee: worker}\n"), "strategies.s.mentor.rate")
            .message == "missing required key 'rate'");
}

TEST_CASE("correlation rules of section 4.3", "[scenario][messages]") {
  std::string three = replace(tiny_scenario(), "profiles:",
                              "  - name: b\n    challenge: {online: 0, domain: 0}\n    hours_per_unit: 1\n"
                              "    units_per_period: 0\n    value: 0\n"
                              "  - name: c\n    challenge: {online: 0, domain: 0}\n    hours_per_unit: 1\n"
                              "    units_per_period: 0\n    value: 0\nprofiles:");
  const auto with = [&](const std::string& corr) { return replace(three, "profiles:", corr + "profiles:"); };
  CHECK(problem_at(with("correlation:\n  - {between: [work, work], rho: 0.5}\n"), "correlation[0].between")
            .message == "an activity cannot be correlated with itself ('work')");
  CHECK(problem_at(with("correlation:\n  - {between: [work, b], rho: 0.5}\n  - {between: [b, work], rho: 0.2}\n"),
                   "correlation[1].between")
            .message == "the pair b/work is listed twice (first as correlation[0])");
  CHECK(problem_at(with("correlation:\n  - {between: [work, tweet], rho: 0.5}\n"), "correlation[0].between[1]")
            .message == "unknown activity 'tweet'; known: work, b, c");
  CHECK(problem_at(with("correlation:\n  - {between: [work, b], rho: 1}\n"), "correlation[0].rho").message ==
        "must be strictly between -1 and 1, got 1");
  const Diagnostic pd = problem_at(
      with("correlation:\n  - {between: [work, b], rho: 0.9}\n  - {between: [b, c], rho: 0.9}\n"
           "  - {between: [work, c], rho: -0.9}\n"),
      "correlation");
  CHECK(pd.message.find("the correlation matrix is not positive definite") == 0);
  CHECK(pd.message.find("work/b") != std::string::npos);
  CHECK(pd.message.find("work/c") != std::string::npos);
  CHECK_NOTHROW(parse(with("correlation:\n  - {between: [work, b], rho: 0.5}\n  - {between: [b, c], rho: 0.5}\n")));
}

TEST_CASE("every problem is reported at once, with lines and columns", "[scenario][messages]") {
  std::string yaml = replace(tiny_scenario(), "horizon: 4", "horizon: -4");
  yaml = replace(yaml, "salary_per_period: 50", "salary: 50");
  yaml = replace(yaml, "units_per_period: 3", "units_per_period: many");
  const auto all = problems(yaml);
  REQUIRE(all.size() == 4);  // horizon, unknown salary, missing salary_per_period, units
  CHECK(all[0].to_string() == "test.yaml:2:10: horizon: must be a whole number of 1 or more, got -4");
  CHECK(all[1].line == 11);  // units_per_period: many
  CHECK(all[1].column == 23);
}

TEST_CASE("broken YAML, empty files and missing files", "[scenario][messages]") {
  try {
    parse("name: x\nactivities: [1, 2\nhorizon: 3\n");
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].line == 3);
    CHECK(e.diagnostics()[0].message.find("YAML syntax error") == 0);
  }
  CHECK_THROWS_WITH(parse("  \n"), Catch::Contains("the file is empty"));
  CHECK_THROWS_WITH(read_scenario_file("/nonexistent/x.yaml"), "/nonexistent/x.yaml: no such file");
  CHECK_THROWS_WITH(read_scenario_file("/tmp"), "/tmp: is a directory, not a scenario file");
  CHECK_THROWS_WITH(parse("- a\n- b\n"), Catch::Contains("expected a map"));
}

TEST_CASE("the risk block: levels and loss thresholds", "[scenario]") {
  const Scenario defaults = parse(tiny_scenario());
  CHECK(defaults.risk.levels == std::vector<double>{0.90, 0.95, 0.99});
  CHECK(defaults.risk.loss_thresholds.empty());
  const Scenario s = parse(tiny_scenario() + "risk: {levels: [0.8], loss_thresholds: [1000, 1e6]}\n");
  CHECK(s.risk.levels == std::vector<double>{0.8});
  CHECK(s.risk.loss_thresholds == std::vector<double>{1000, 1e6});
  CHECK(problem_at(tiny_scenario() + "risk: {levels: [1]}\n", "risk.levels[0]").message ==
        "must be strictly between 0 and 1, got 1");
  CHECK(problem_at(tiny_scenario() + "risk: {loss_thresholds: [-5]}\n", "risk.loss_thresholds[0]").message ==
        "must be 0 or more, got -5");
  CHECK(problem_at(tiny_scenario() + "risk: {levls: [0.9]}\n", "risk.levls").message.find(
            "unknown key 'levls' (did you mean 'levels'?)") == 0);
}

TEST_CASE("plain words: a title, labels and the report block", "[scenario]") {
  const Scenario defaults = parse(tiny_scenario());
  CHECK(defaults.title.empty());
  CHECK(shown_name(defaults.strategies[0]) == "base");
  CHECK(defaults.report.prefer == Preference::kTailRisk);
  CHECK_FALSE(defaults.report.what_if_trials.has_value());
  std::string yaml = replace(tiny_scenario(), "name: tiny\n", "name: tiny\ntitle: Who should do the work?\n");
  yaml = replace(yaml, "  - name: work\n", "  - name: work\n    label: the weekly post\n");
  yaml = replace(yaml, "  - name: worker\n", "  - name: worker\n    label: a veteran\n");
  yaml = replace(yaml, "  - name: base\n", "  - name: base\n    label: today's team\n");
  const Scenario s = parse(yaml + "report: {prefer: mean_npv, what_if_trials: 0}\n");
  CHECK(s.title == "Who should do the work?");
  CHECK(shown_name(s.activities[0]) == "the weekly post");
  CHECK(shown_name(s.profiles[0]) == "a veteran");
  CHECK(shown_name(s.strategies[0]) == "today's team");
  CHECK(s.strategies[0].name == "base");  // the name stays the identifier
  CHECK(s.report.prefer == Preference::kMeanNpv);
  CHECK(s.report.what_if_trials == 0u);
  CHECK(problem_at(tiny_scenario() + "report: {prefer: mean}\n", "report.prefer").message.find(
            "unknown preference 'mean'") == 0);
  CHECK(problem_at(tiny_scenario() + "report: {prefr: mean_npv}\n", "report.prefr").message.find(
            "unknown key 'prefr' (did you mean 'prefer'?)") == 0);
  CHECK(problem_at(tiny_scenario() + "title: \"\"\n", "title").message.find("empty") != std::string::npos);
  CHECK(problem_at(with_strategies("  - name: base\n    label: [a]\n"), "strategies.base.label").message.find(
            "expected") == 0);
}

TEST_CASE("hostile input is refused in bounded time and memory", "[scenario][messages][hostile]") {
  // Billion laughs: nine levels of ten aliases would be 10^9 values once expanded.
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 10; ++level) {
    bomb += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(level - 1);
    bomb += "]\n";
  }
  // Refused at the alias that takes the count past the budget: a5's first *a4 (the keys
  // and a0 to a4 hold 123466 values, and *a4 adds 111111 more).
  CHECK_THROWS_WITH(parse(bomb),
                    Catch::StartsWith("test.yaml:6:10: the document holds more than 200000 values "
                                      "once its aliases are expanded"));
  // An alias inside its own anchor (found by the fuzzer: it overflowed the stack).
  CHECK_THROWS_WITH(
      parse("a: &a [ *a]\nc:\n"),
      "test.yaml:1:9: this alias refers to the collection it is inside, which makes the document "
      "infinite; write the value out instead");
  // Nesting beyond yaml-cpp's depth guard.
  CHECK_THROWS_WITH(parse(std::string(5000, '[') + std::string(5000, ']')),
                    Catch::Contains("nested too deeply"));
  // Too large.
  CHECK_THROWS_WITH(parse(std::string(17 << 20, ' ') + "x"), "test.yaml: is 17.0 MiB; a scenario file may be at most 16 MiB");
  // A second document is refused where it starts, not ignored; so is anything after `...`.
  const std::string one = testing::tiny_scenario();
  const std::string second_line = std::to_string(std::count(one.begin(), one.end(), '\n') + 1);
  CHECK_THROWS_WITH(
      parse(one + "---\nname: other\n"),
      Catch::StartsWith("test.yaml:" + second_line + ":1: a second YAML document starts here"));
  CHECK_THROWS_WITH(parse(testing::tiny_scenario() + "...\n[unclosed\n"),
                    Catch::Contains("YAML syntax error"));
  // Not UTF-8, and control characters.
  CHECK_THROWS_WITH(parse("name: caf\xe9\nhorizon: 1\n"),
                    "test.yaml:1:10: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8");
  CHECK_THROWS_WITH(parse(std::string("name: x\n\x01") + "horizon: 1\n"),
                    "test.yaml:2:1: control character 0x01 is not allowed in YAML; is this a text file?");
  CHECK_NOTHROW(parse(testing::tiny_scenario() + "description: caf\xc3\xa9 \xe2\x82\xac\n"));  // UTF-8 is fine
}

TEST_CASE("absurd numbers are refused", "[scenario][messages]") {
  CHECK(problem_at(replace(tiny_scenario(), "value: 100", "value: 1e300"), "activities.work.value").message ==
        "the number 1e300 is absurdly large; numbers in a scenario are at most 1e15 in size");
  CHECK(problem_at(replace(tiny_scenario(), "value: 100", "value: {lognormal: {median: 100, sigma: 40}}"),
                   "activities.work.value.lognormal.sigma")
            .message == "a sigma of 40 is absurd; at most 10");
  CHECK(problem_at(replace(tiny_scenario(), "value: 100", "value: {lognormal: {p5: 1, p95: 1e15}}"),
                   "activities.work.value.lognormal")
            .message.find("means a sigma of 10.4") != std::string::npos);
  CHECK(problem_at(replace(replace(tiny_scenario(), "horizon: 4", "horizon: 1000"), "seed: 7",
                           "seed: 7\ndiscount_rate: -0.99"),
                   "discount_rate")
            .message.find("multiplies the last cash flow by more than 1e12") != std::string::npos);
  CHECK(problem_at(replace(tiny_scenario(), "units_per_period: 3", "units_per_period: 3e9"),
                   "activities.work.units_per_period")
            .message == "is absurdly large (3e9); at most 1000000 units a period");
  CHECK(problem_at(replace(tiny_scenario(), "horizon: 4", "horizon: 200000000"), "horizon").message ==
        "is absurdly large (200000000); at most 100000000");
}

TEST_CASE("a strategy that can never staff an activity is a warning", "[scenario][messages]") {
  const std::string yaml = replace(tiny_scenario(), "strategies:\n  - name: base\n",
                                   "strategies:\n  - name: base\n  - name: nobody\n    "
                                   "assign: {policy: static, roles: {work: []}}\n  - name: released\n"
                                   "    release: [worker]\n");
  const Scenario s = parse(yaml);
  REQUIRE(s.warnings.size() == 2);
  CHECK(s.warnings[0].to_string() ==
        "test.yaml:24:5: strategies.nobody: warning: nobody can ever take a unit of 'work' (no one "
        "this strategy has is both allowed to by its roles and given the 2 hours a unit needs): every "
        "unit will be skipped and pay its unmet cost");
  CHECK(s.warnings[1].path == "strategies.released");
  CHECK(parse(tiny_scenario()).warnings.empty());
  // Too few hours for a unit is the same.
  CHECK(parse(replace(tiny_scenario(), "hours_per_unit: 2", "hours_per_unit: 20")).warnings.size() == 1);
}

TEST_CASE("set overrides one value by key path, items by name", "[scenario][set]") {
  const std::string yaml = tiny_scenario();
  const Scenario s = read_scenario_text(yaml, "test.yaml",
                                        {"activities.work.incident={probability: 0.5, severity: 7}",
                                         "model.flow_width=0.2", "horizon=9", "profiles.worker.hours_per_period=12"});
  CHECK(s.activities[0].incident_probability == 0.5);
  CHECK(s.activities[0].severity.mean() == 7);
  CHECK(s.model.flow_width == 0.2);
  CHECK(s.horizon == 9);
  CHECK(s.profiles[0].hours_per_period == 12);
  // A key that is not there yet is added, and validated like any other.
  CHECK(read_scenario_text(yaml, "test.yaml", {"discount_rate=0.05"}).discount_rate == 0.05);
}

TEST_CASE("set: problems name the argument", "[scenario][set][messages]") {
  const auto message = [](const std::vector<std::string>& overrides) {
    try {
      read_scenario_text(tiny_scenario(), "test.yaml", overrides);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(message({"activities.wrok.cost=1"}) ==
        "--set activities.wrok.cost=1: no item named 'wrok' in activities (known: work)");
  CHECK(message({"nonsense.x=1"}) == "--set nonsense.x=1: no key 'nonsense' in the scenario");
  CHECK(message({"horizon"}) == "--set horizon: write it as key.path=value, e.g. model.flow_width=0.2");
  CHECK(message({"activities.work=1"}) == "--set activities.work=1: replace a field of 'work', not the whole item");
  CHECK(message({"horizon.x=1"}) == "--set horizon.x=1: horizon is a value, not a map or list");
  CHECK(message({"horizon=[1"}).find("--set horizon=[1: the value is not valid YAML") == 0);
  // Unnamed list items by position.
  CHECK(message({"strategies.base.hire.0.count=1"}) == "--set strategies.base.hire.0.count=1: strategies.base has no key 'hire'");
  CHECK(message({"staff.0.count=-1"}) == "--set staff.0.count=-1: staff[0].count: must be a whole number of 0 or more, got -1");
  CHECK(message({"staff.4.count=1"}) == "--set staff.4.count=1: staff has 1 items");
  // Validation of an overridden value points at the argument, not at a line.
  CHECK(message({"activities.work.challenge.online=2"}) ==
        "--set activities.work.challenge.online=2: activities.work.challenge.online: must be in [0, 1], got 2");
  CHECK(message({"model.flow_widht=0.1"}).find("--set model.flow_widht=0.1: model.flow_widht: unknown key "
                                                "'flow_widht' (did you mean 'flow_width'?)") == 0);
}

TEST_CASE("extends: a scenario gives only what differs", "[scenario][extends]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "flowfolio_extends_test";
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  write("base.yaml", tiny_scenario());
  const std::string child = write("child.yaml",
                                  "extends: base.yaml\nname: child\nactivities:\n  - name: work\n    cost: 25\n"
                                  "  - {name: extra, challenge: {online: 0, domain: 0}, hours_per_unit: 1,\n"
                                  "     units_per_period: 1, value: 5}\n");
  const Scenario s = read_scenario_file(child);
  CHECK(s.name == "child");
  REQUIRE(s.activities.size() == 2);                  // merged by name, the new one added
  CHECK(s.activities[0].cost.mean() == 25);           // changed
  CHECK(s.activities[0].value.mean() == 100);         // kept from the base
  CHECK(s.activities[0].hours_per_unit == 2);
  CHECK(s.activities[1].name == "extra");
  CHECK(s.horizon == 4);
  // A problem points at the file and line the value came from.
  const std::string bad_child = write("bad-child.yaml", "extends: base.yaml\nactivities:\n  - name: work\n    cost: -1\n");
  CHECK_THROWS_WITH(read_scenario_file(bad_child),
                    bad_child + ":4:11: activities.work.cost: must be 0 or more, got -1");
  write("bad-base.yaml", replace(tiny_scenario(), "horizon: 4", "horizon: -4"));
  const std::string kid = write("kid.yaml", "extends: bad-base.yaml\nname: kid\n");
  CHECK_THROWS_WITH(read_scenario_file(kid), (dir / "bad-base.yaml").string() +
                                                 ":2:10: horizon: must be a whole number of 1 or more, got -4");
  // Cycles and missing parents.
  write("a.yaml", "extends: b.yaml\n");
  write("b.yaml", "extends: a.yaml\n");
  CHECK_THROWS_WITH(read_scenario_file((dir / "a.yaml").string()), Catch::Contains("extends makes a cycle"));
  const std::string orphan = write("orphan.yaml", "extends: nowhere.yaml\nname: x\n");
  CHECK_THROWS_WITH(read_scenario_file(orphan), Catch::Contains("nowhere.yaml: no such file"));
  // The resolved text reads back as the same scenario.
  const std::string resolved = resolved_scenario_text(child);
  CHECK(read_scenario_text(resolved, "resolved.yaml").activities.size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("extends: a distribution of another form, and a list outside the entities, replace the base's",
          "[scenario][extends]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "flowfolio_extends_replace_test";
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  std::string base = replace(tiny_scenario(), "    value: 100\n", "    value: {lognormal: {p5: 50, p95: 200}}\n");
  base = replace(base, "    cost: 10\n", "    cost: {pert: [5, 10, 20]}\n");
  base += "sensitivity:\n  trials: 50\n  inputs:\n"
          "    - {name: hours, path: activities.work.hours_per_unit, range: [1, 3]}\n"
          "    - {name: cost, path: activities.work.cost.pert.1, range: [6, 19]}\n";
  write("base.yaml", base);
  const std::string child = write("child.yaml",
                                  "extends: base.yaml\nactivities:\n  - name: work\n"
                                  "    value: {lognormal: {median: 120, sigma: 0.5}}\n"
                                  "    cost: {triangular: [5, 10, 20]}\n"
                                  "sensitivity:\n  inputs:\n"
                                  "    - {name: value, path: activities.work.value.lognormal.median, range: [60, 240]}\n");
  const Scenario s = read_scenario_file(child);
  // Another parametrisation of the lognormal, another family: the extending file's, whole.
  CHECK(s.activities[0].value.quantile(0.5) == Approx(120));
  CHECK(s.activities[0].cost.mean() == Approx((5 + 10 + 20) / 3.0));
  // The study's inputs are one list of the extending file's: the base's two are gone,
  // while the rest of the block (trials) still merges key by key.
  REQUIRE(s.sensitivity.inputs.size() == 1);
  CHECK(s.sensitivity.inputs[0].name == "value");
  CHECK(s.sensitivity.trials == 50);
  // A lognormal of the same form still merges key by key.
  const std::string same = write("same.yaml",
                                 "extends: child.yaml\nactivities:\n  - name: work\n    value: {lognormal: {median: 150}}\n");
  const Scenario t = read_scenario_file(same);
  CHECK(t.activities[0].value.quantile(0.5) == Approx(150));
  CHECK(t.activities[0].value.quantile(0.95) == Approx(150 * std::exp(0.5 * 1.6448536269514722)));
  fs::remove_all(dir);
}

TEST_CASE("hostile values: --set, names, text and sizes", "[scenario][hostile]") {
  const auto message = [](const std::string& yaml, const std::vector<std::string>& overrides = {}) {
    try {
      read_scenario_text(yaml, "test.yaml", overrides);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  // An alias bomb given through --set is counted like one in a file, and located.
  std::string bomb = "[&a0 [x, x, x, x, x, x, x, x, x, x]";
  for (int level = 1; level < 9; ++level) {
    bomb += ", &a" + std::to_string(level) + " [";
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(level - 1);
    bomb += "]";
  }
  bomb += "]";
  const std::string refused = message(tiny_scenario(), {"description=" + bomb});
  CHECK(refused.find("--set description=[&a0") == 0);
  CHECK(refused.find(": at column ") != std::string::npos);
  CHECK(refused.find(" of the value: the document holds more than 200000 values") !=
        std::string::npos);
  // Thousands of small values each within the budget are still counted together.
  std::vector<std::string> many;
  std::string hundred_k = "[";
  for (int i = 0; i < 60'000; ++i) hundred_k += i ? ",1" : "1";
  hundred_k += "]";
  for (int k = 0; k < 4; ++k)
    many.push_back("activities.work.note" + std::to_string(k) + "=" + hundred_k);
  CHECK(message(tiny_scenario(), many)
            .find("with this value the scenario holds more than 200000 values") !=
        std::string::npos);
  // Invalid UTF-8 through --set is refused before anything runs.
  CHECK(message(tiny_scenario(), {"name=caf\xe9"}) ==
        "--set: column 9: the argument is not valid UTF-8 (byte 0xE9); save it as UTF-8");
  // Control characters from YAML escapes never reach the terminal: refused in text,
  // and echoed as escapes in messages.
  CHECK(message(replace(tiny_scenario(), "name: tiny", "name: \"t\\e[2Jx\"")) ==
        "test.yaml:1:7: name: the text holds control character 0x1B (from an escape such as \\e or "
        "\\x1b); such "
        "characters would reach the terminal");
  CHECK(message(replace(tiny_scenario(), "name: base", "name: \"two\\nlines\"")) ==
        "test.yaml:23:11: strategies.two\\x0Alines.name: a name must be one line, with no tab or "
        "line break");
  CHECK(message(replace(tiny_scenario(), "seed: 7", "seed: 7\n\"bogus\\e\": 1"))
            .find("unknown key 'bogus\\x1B'") != std::string::npos);
  // Sizes: people across many hire entries, too many activities, a horizon past the cap.
  std::string hires = "\n    hire:";
  for (int k = 0; k < 3; ++k) hires += "\n      - {profile: worker, count: 40000}";
  CHECK(
      message(replace(tiny_scenario(), "  - name: base", "  - name: base" + hires)) ==
      "test.yaml:23:5: strategies.base.hire: 120001 people in all with the staff; at most 100000");
  std::string activities = "activities:";
  for (int a = 0; a < 1001; ++a)
    activities += "\n  - {name: a" + std::to_string(a) +
                  ", challenge: {online: 0.5, domain: 0.5}, hours_per_unit: 1, "
                  "units_per_period: 1, value: 1}";
  const std::string wide = replace(tiny_scenario(),
                                   tiny_scenario().substr(tiny_scenario().find("activities:"),
                                                          tiny_scenario().find("profiles:") -
                                                              tiny_scenario().find("activities:")),
                                   activities + "\n");
  CHECK(message(wide).find("activities: holds 1001 entries; at most 1000") != std::string::npos);
  CHECK(message(replace(tiny_scenario(), "horizon: 4", "horizon: 200000")) ==
        "test.yaml:2:10: horizon: at most 100000 periods, got 200000");
}
