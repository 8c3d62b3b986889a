// The sweep file reader: typed values, variant names, grid size, variant keys.
#include "flowfolio/studies/sweep.hpp"

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace flowfolio {
namespace {
namespace fs = std::filesystem;

// A scratch folder holding the tiny scenario as base.yaml and `sweep` as sweep.yaml.
struct SweepFolder {
  fs::path dir;
  explicit SweepFolder(const std::string& sweep, const std::string& base = testing::tiny_scenario()) {
    dir = fs::temp_directory_path() / ("flowfolio-sweep-test-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(counter()++));
    fs::create_directories(dir);
    write("base.yaml", base);
    write("sweep.yaml", sweep);
  }
  ~SweepFolder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
  std::string file(const std::string& name) const { return (dir / name).string(); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

std::string messages(const std::string& sweep_file) {
  try {
    read_sweep_file(sweep_file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("sweep values keep their YAML type: no second reading as text", "[sweep]") {
  const SweepFolder f("base: base.yaml\ngrid:\n  description: [\"a # b\", \"c: d\", \"x=1\"]\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  REQUIRE(sweep.variants.size() == 3);
  CHECK(sweep.variants[0].name == "description=a # b");
  CHECK(read_scenario_file(sweep.base, sweep.variants[0].settings).description == "a # b");
  CHECK(read_scenario_file(sweep.base, sweep.variants[1].settings).description == "c: d");
  CHECK(read_scenario_file(sweep.base, sweep.variants[2].settings).description == "x=1");
}

TEST_CASE("a quoted number in a sweep stays a string, as in a scenario file", "[sweep]") {
  const SweepFolder f("base: base.yaml\nvariants:\n  - name: quoted\n    set: {model.flow_width: \"0.2\"}\n");
  const std::string m = messages(f.file("sweep.yaml"));
  CHECK_THAT(m, Catch::Contains("in variant 'quoted'"));
  CHECK_THAT(m, Catch::Contains("expected a number, got the string '0.2'"));
  const SweepFolder plain("base: base.yaml\nvariants:\n  - name: plain\n    set: {model.flow_width: 0.2}\n");
  const Sweep sweep = read_sweep_file(plain.file("sweep.yaml"));
  CHECK(read_scenario_file(sweep.base, sweep.variants[0].settings).model.flow_width == 0.2);
}

TEST_CASE("a grid is counted before it is expanded", "[sweep]") {
  std::string grid = "base: base.yaml\ngrid:\n";
  for (int axis = 0; axis < 10; ++axis)
    grid += "  a" + std::to_string(axis) + ": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n";
  const SweepFolder f(grid);
  const std::string m = messages(f.file("sweep.yaml"));
  CHECK_THAT(m, Catch::Contains("sweep.yaml:3:3: grid: the grid makes 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10"));
  CHECK_THAT(m, Catch::Contains("a sweep may have at most 10000"));
}

TEST_CASE("variant names with control characters are refused where they are written", "[sweep]") {
  const SweepFolder f("base: base.yaml\nvariants:\n  - name: \"a\\nb\"\n  - name: \"c\\0d\"\n");
  CHECK_THAT(messages(f.file("sweep.yaml")),
             Catch::Contains("sweep.yaml:3:11: variants[0].name: a variant name may not hold control character 0x0A"));
  const SweepFolder g("base: base.yaml\ngrid:\n  description: [\"x\\ty\"]\n");
  CHECK_THAT(messages(g.file("sweep.yaml")), Catch::Contains("control character 0x09"));
}

TEST_CASE("a variant's resolved text covers every file of its extends: chain", "[sweep]") {
  const SweepFolder f("base: child.yaml\nvariants:\n  - name: one\n");
  f.write("child.yaml", "extends: base.yaml\ndescription: child\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  const std::string before = resolved_scenario_text(sweep.base, sweep.variants[0].settings);
  f.write("base.yaml", testing::replace(testing::tiny_scenario(), "value: 100", "value: 200"));
  CHECK(resolved_scenario_text(sweep.base, sweep.variants[0].settings) != before);
}

}  // namespace flowfolio
