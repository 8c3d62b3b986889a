// The sweep store's tidy exports: each axis its own column, numbers kept numbers, rows in
// the axes' order; the paired table for every requested pair; a store written before
// axes were recorded still exported from its parameters.
#include <sqlite3.h>

#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "output/csv.hpp"
#include "yaml/sweep_folder.hpp"

namespace flowfolio {
using testing::SweepFolder;

namespace {
std::string two_strategies() {
  return testing::tiny_scenario() + "  - name: other\n    demand: {work: 2}\n";
}

std::vector<CsvRecord> rows(const std::string& csv) { return read_csv(csv, "export.csv"); }

void sql(const std::string& store, const char* statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, statement, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}
}  // namespace

TEST_CASE("results.csv: a typed column per axis, in the axes' order", "[sweep][export]") {
  const SweepFolder f(
      "base: base.yaml\ngrid:\n  - {name: price, path: activities.work.value, scale: [2, 0.5]}\n"
      "  - {path: description, values: [b, a]}\n",
      two_strategies());
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  const std::string store = f.file("store.sqlite");
  run_sweep(sweep, {.store = store, .threads = 1});
  const std::vector<CsvRecord> r = rows(results_csv(store));
  REQUIRE(r.size() == 1 + 4 * 2 * kMetricCount);
  CHECK(std::vector<std::string>(r[0].fields.begin(), r[0].fields.begin() + 7) ==
        std::vector<std::string>{"run_id", "variant", "position", "price", "description", "strategy", "metric"});
  // The first axis slowest, as the file wrote its points: 2x before 0.5x, b before a.
  const std::vector<std::string> first = {r[1].fields[1], r[1].fields[2], r[1].fields[3], r[1].fields[4]};
  CHECK(first == std::vector<std::string>{"price=2x, description=b", "0", "2", "b"});
  const CsvRecord& last = r.back();
  CHECK(last.fields[1] == "price=0.5x, description=a");
  CHECK(last.fields[2] == "3");
  CHECK(last.fields[3] == "0.5");
  // Numbers are written plain: a spreadsheet or pandas reads them as numbers.
  const std::string text = results_csv(store);
  CHECK(text.find(",0.5,a,") != std::string::npos);
  CHECK(text.find("\"0.5\"") == std::string::npos);
}

TEST_CASE("paired.csv: every strategy against the baseline, and the named pairs", "[sweep][export]") {
  const SweepFolder f("base: base.yaml\nbaseline: other\npairs: [[base, other]]\ngrid:\n  horizon: [2, 3]\n",
                      two_strategies() + "  - name: third\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  const std::string store = f.file("store.sqlite");
  run_sweep(sweep, {.store = store, .threads = 1});
  const std::vector<CsvRecord> r = rows(paired_csv(store));
  REQUIRE(r[0].fields.size() == 4 + 9);
  CHECK(r[0].fields[3] == "horizon");
  // Per variant: base and third against other (the pair [base, other] is one of them),
  // three metrics each.
  REQUIRE(r.size() == 1 + 2 * 2 * 3);
  CHECK(r[1].fields[4] == "base");
  CHECK(r[1].fields[5] == "other");
  CHECK(r[4].fields[4] == "third");
  CHECK(r[4].fields[5] == "other");
  CHECK(r[1].fields[3] == "2");
}

TEST_CASE("a store written before axes were recorded exports its parameters as columns", "[sweep][export]") {
  const SweepFolder f("base: base.yaml\nvariants:\n  - {name: w, set: {model.flow_width: 0.3, description: x}}\n",
                      two_strategies());
  const std::string store = f.file("store.sqlite");
  run_sweep(read_sweep_file(f.file("sweep.yaml")), {.store = store, .threads = 1});
  const std::string now = results_csv(store);
  sql(store, "DELETE FROM axes; DELETE FROM axis_values;");
  const std::string legacy = results_csv(store);
  CHECK(legacy == now);
  CHECK(rows(legacy)[1].fields[3] == "0.3");
  CHECK(rows(legacy)[1].fields[4] == "x");
}

}  // namespace flowfolio
