// The sweep file reader: every problem at once with where it is, "did you mean", typed
// values, variant names, the grid cap, and each variant's scenario read once and kept.
#include "flowfolio/yaml/sweep_file.hpp"

#include "yaml/sweep_folder.hpp"

namespace flowfolio {
using testing::problems;
using testing::SweepFolder;

TEST_CASE("a sweep file's problems are reported together, each with file:line:col and key path",
          "[sweep]") {
  const SweepFolder f(
      "base: base.yaml\n"
      "trials: 0\n"
      "seed: -1\n"
      "variants:\n"
      "  - name: a\n"
      "  - name: a\n"
      "  - name: b\n"
      "    set: [1]\n"
      "  - {set: {model.flow_width: 0.2}}\n");
  CHECK(problems(f) ==
        std::vector<std::string>{
            "sweep.yaml:2:9: trials: must be a whole number of 1 or more",
            "sweep.yaml:3:7: seed: '-1' is not a whole number written in decimal digits",
            "sweep.yaml:6:11: variants[1].name: duplicate variant name 'a'",
            "sweep.yaml:8:10: variants[2].set: expected a map of key.path: value, got a list",
            "sweep.yaml:9:5: variants[3].name: missing required key 'name'",
        });
}

TEST_CASE("a misspelt key in a sweep file gets a suggestion", "[sweep]") {
  const SweepFolder f("bsae: base.yaml\ngrid: {model.flow_width: [0.1]}\n");
  CHECK(problems(f) ==
        std::vector<std::string>{
            "sweep.yaml:1:1: bsae: unknown key 'bsae' (did you mean 'base'?); allowed here: base, "
            "description, "
            "trials, seed, grid, variants, baseline, pairs, break_even, robustness",
            "sweep.yaml:1:1: base: missing required key 'base' (the scenario to vary)",
        });
  const SweepFolder g(
      "base: base.yaml\nvariants:\n  - name: a\n    sett: {model.flow_width: 0.2}\n");
  CHECK(problems(g) ==
        std::vector<std::string>{"sweep.yaml:4:5: variants[0].sett: unknown key 'sett' (did you "
                                 "mean 'set'?); allowed here: name, set"});
}

TEST_CASE("a grid's problems are all found before anything is expanded", "[sweep]") {
  const SweepFolder f("base: base.yaml\ngrid:\n  model.flow_width: []\n  horizon: 3\n  [a]: [1]\n");
  CHECK(
      problems(f) ==
      std::vector<std::string>{
          "sweep.yaml:5:3: grid: a key must be a key path, got a list",
          "sweep.yaml:3:21: grid.model.flow_width: expected a non-empty list of values, or a range {from, to, steps, "
          "log}, got a list",
          "sweep.yaml:4:12: grid.horizon: expected a non-empty list of values, or a range {from, to, steps, log}, got "
          "'3'",
      });
}

TEST_CASE("sweep values keep their YAML type: no second reading as text", "[sweep]") {
  const SweepFolder f("base: base.yaml\ngrid:\n  description: [\"a # b\", \"c: d\", \"x=1\"]\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  REQUIRE(sweep.variants.size() == 3);
  CHECK(sweep.variants[0].name == "description=a # b");
  CHECK(sweep.variants[0].scenario.description == "a # b");
  CHECK(sweep.variants[1].scenario.description == "c: d");
  CHECK(sweep.variants[2].scenario.description == "x=1");
}

TEST_CASE("a map or a list in a sweep stays a map or a list", "[sweep]") {
  const SweepFolder f(
      "base: base.yaml\n"
      "variants:\n"
      "  - name: wide\n"
      "    set:\n"
      "      activities.work.value: {uniform: [50, 150]}\n"
      "      staff: [{profile: worker, count: 2}]\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  REQUIRE(sweep.variants.size() == 1);
  const SweepVariant& v = sweep.variants[0];
  REQUIRE(v.settings.size() == 2);
  CHECK(v.settings[0].text() == "{uniform: [50, 150]}");
  CHECK(v.scenario.activities[0].value.describe() == Distribution::uniform(50, 150).describe());
  CHECK(v.settings[1].text() == "[{profile: worker, count: 2}]");
  REQUIRE(v.scenario.staff.size() == 1);
  CHECK(v.scenario.staff[0].count == 2);
}

TEST_CASE("a quoted number in a sweep stays a string, as in a scenario file", "[sweep]") {
  const SweepFolder f(
      "base: base.yaml\nvariants:\n  - name: quoted\n    set: {model.flow_width: \"0.2\"}\n");
  CHECK(problems(f) == std::vector<std::string>{
                           "--set model.flow_width=0.2: model.flow_width: in variant 'quoted': "
                           "expected a number, got the string '0.2'"});
  const SweepFolder plain(
      "base: base.yaml\nvariants:\n  - name: plain\n    set: {model.flow_width: 0.2}\n");
  CHECK(read_sweep_file(plain.file("sweep.yaml")).variants[0].scenario.model.flow_width == 0.2);
}

TEST_CASE("a variant that makes the base invalid is named in every problem it has", "[sweep]") {
  const SweepFolder f("base: base.yaml\ngrid:\n  model.flow_width: [0.1, -1]\n  horizon: [0, 2]\n");
  CHECK(problems(f) == std::vector<std::string>{
                           "--set horizon=0: horizon: in variant 'model.flow_width=0.1, "
                           "horizon=0': must be a whole number of 1 "
                           "or more, got 0",
                           "--set horizon=0: horizon: in variant 'model.flow_width=-1, horizon=0': "
                           "must be a whole number of 1 or "
                           "more, got 0",
                           "--set model.flow_width=-1: model.flow_width: in variant "
                           "'model.flow_width=-1, horizon=0': must be 0 "
                           "or more, got -1",
                           "--set model.flow_width=-1: model.flow_width: in variant "
                           "'model.flow_width=-1, horizon=2': must be 0 "
                           "or more, got -1",
                       });
}

TEST_CASE("a base scenario invalid by itself is reported once, not once a variant", "[sweep]") {
  const SweepFolder f("base: base.yaml\ngrid:\n  model.flow_width: [0.1, 0.2, 0.3]\n",
                      testing::replace(testing::tiny_scenario(), "horizon: 4", "horizon: -4"));
  CHECK(problems(f) == std::vector<std::string>{
                           "base.yaml:2:10: horizon: must be a whole number of 1 or more, got -4"});
}

TEST_CASE("a grid is counted before it is expanded", "[sweep]") {
  std::string grid = "base: base.yaml\ngrid:\n";
  for (int axis = 0; axis < 10; ++axis)
    grid += "  a" + std::to_string(axis) + ": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n";
  CHECK(problems(SweepFolder(grid)) ==
        std::vector<std::string>{
            "sweep.yaml:3:3: grid: the grid makes 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 "
            "x 10 (more than 10000) variants; a sweep may have at most 10000"});
  // Refused as soon as the count passes the limit, whatever the order of the axes.
  const auto values = [](int n) {
    std::string list = "[0";
    for (int i = 1; i < n; ++i) list += ", " + std::to_string(i);
    return list + "]";
  };
  const std::string over = "base: base.yaml\ngrid:\n  b: " + values(2) + "\n  c: " + values(51) +
                           "\n  a: " + values(100) + "\n";
  CHECK(problems(SweepFolder(over)) ==
        std::vector<std::string>{
            "sweep.yaml:3:3: grid: the grid makes 2 x 51 x 100 (more than 10000) variants; a "
            "sweep may have at most 10000"});
}

TEST_CASE("variant names with control characters are refused where they are written", "[sweep]") {
  const SweepFolder f("base: base.yaml\nvariants:\n  - name: \"a\\nb\"\n  - name: \"c\\0d\"\n");
  CHECK(problems(f) ==
        std::vector<std::string>{
            "sweep.yaml:3:11: variants[0].name: a variant name may not hold control character 0x0A",
            "sweep.yaml:4:11: variants[1].name: a variant name may not hold control character 0x00",
        });
  const SweepFolder g("base: base.yaml\ngrid:\n  description: [\"x\\ty\"]\n");
  CHECK(
      problems(g) ==
      std::vector<std::string>{
          "sweep.yaml:3:17: grid.description[0]: a variant name may not hold control character 0x09"});
}

TEST_CASE("each variant keeps the scenario and resolved text it was checked with", "[sweep]") {
  const SweepFolder f(
      "base: child.yaml\nvariants:\n  - name: one\n    set: {model.flow_width: 0.3}\n");
  f.write("child.yaml", "extends: base.yaml\ndescription: child\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  const SweepVariant& v = sweep.variants[0];
  CHECK(v.scenario.description == "child");
  CHECK(v.scenario.model.flow_width == 0.3);
  CHECK(v.resolved == resolved_scenario_text(sweep.base, v.settings));
  // The resolved text covers every file of the extends: chain, so a variant's store key
  // changes when a file it extends does.
  f.write("base.yaml", testing::replace(testing::tiny_scenario(), "value: 100", "value: 200"));
  CHECK(resolved_scenario_text(sweep.base, v.settings) != v.resolved);
}

}  // namespace flowfolio
