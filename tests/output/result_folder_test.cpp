// Reading a result folder back (read_result_folder): names as written, trials checked.
#include <filesystem>
#include <fstream>

#include "flowfolio/output/output.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "test_support.hpp"

namespace flowfolio {
namespace {
namespace fs = std::filesystem;

// A result folder of the tiny scenario whose strategies are named `names`.
struct FolderOnDisk {
  fs::path dir;
  explicit FolderOnDisk(const std::vector<std::string>& names, std::uint64_t trials = 5) {
    static int n = 0;
    dir = fs::temp_directory_path() / ("flowfolio-result-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::create_directories(dir);
    std::string yaml = testing::tiny_scenario();
    yaml = yaml.substr(0, yaml.find("  - name: base"));
    for (const std::string& name : names) yaml += "  - name: \"" + name + "\"\n";
    write("scenario.yaml", yaml);
    const Scenario s = read_scenario_file((dir / "scenario.yaml").string());
    const RunResults r = run(s, {.trials = trials, .seed = 3, .threads = 1});
    write("trials.csv", trials_csv(r));
    write("series.csv", series_csv(r));
    write("summary.json", summary_json(s, r, ReportOptions::from(s)));
    Manifest m{.seed = 3, .trials = trials};
    write("manifest.json", manifest_json(m));
  }
  ~FolderOnDisk() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
  std::string read(const std::string& name) const {
    std::ifstream in(dir / name);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  std::string error() const {
    try {
      read_result_folder(dir.string());
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
};
}  // namespace

TEST_CASE("names read back unchanged: quotes, commas and formula characters", "[report][csv]") {
  const std::vector<std::string> names = {"+plus", "=SUM(A1)", "-minus", "@at", "'quote", "a,\\\"b\\\""};
  const FolderOnDisk f(names);
  const std::string trials = f.read("trials.csv");
  CHECK_THAT(trials, Catch::Contains("\n\"'=SUM(A1)\",0,"));
  CHECK_THAT(trials, Catch::Contains("\n\"'-minus\",0,"));
  CHECK_THAT(trials, Catch::Contains("\n\"''quote\",0,"));
  CHECK_THAT(f.read("series.csv"), Catch::Contains("\n\"'@at\",0,"));
  // Numbers stay numbers: no number cell is quoted or prefixed.
  CHECK_THAT(trials, Catch::Contains("\",0,1120,1440,320,"));
  const ReportInputs in = read_result_folder(f.dir.string());
  REQUIRE(in.results.strategies.size() == 6);
  CHECK(in.results.strategies[0].name == "+plus");
  CHECK(in.results.strategies[1].name == "=SUM(A1)");
  CHECK(in.results.strategies[4].name == "'quote");
  CHECK(in.results.strategies[5].name == "a,\"b\"");
  CHECK(in.series.size() == 6 * 4);
}

TEST_CASE("a result folder with a duplicated or a missing trial row is refused", "[report][csv]") {
  const FolderOnDisk f({"a", "b"}, 3);
  const std::string trials = f.read("trials.csv");
  const std::string row = trials.substr(trials.find("\na,1,") + 1, trials.find('\n', trials.find("\na,1,") + 1) - trials.find("\na,1,"));
  f.write("trials.csv", testing::replace(trials, "a,2,", row + "a,2,"));
  CHECK_THAT(f.error(), Catch::Contains("trials.csv:4: strategy 'a', trial 1 appears twice (also on line 3)"));
  f.write("trials.csv", testing::replace(trials, row, ""));
  CHECK_THAT(f.error(), Catch::Contains("trials.csv: strategy 'a' has no row for trial 1 (the manifest promises 3 trials)"));
}

namespace {
// `csv` with the last `count` fields of every line cut off: a file as an older flowfolio
// wrote it. Requires: no quoted commas.
std::string without_last_fields(const std::string& csv, std::size_t count) {
  std::string out;
  std::size_t start = 0;
  while (start < csv.size()) {
    const std::size_t end = csv.find('\n', start);
    std::string line = csv.substr(start, end - start);
    for (std::size_t k = 0; k < count; ++k) line.erase(line.rfind(','));
    out += line + "\n";
    start = end + 1;
  }
  return out;
}
}  // namespace

TEST_CASE("a folder written before the cash figures is still read, without them", "[report][csv]") {
  // The tiny world: 360 earned, 80 spent, 280 a period, the same in every trial.
  const FolderOnDisk f({"a", "b"}, 3);
  const ReportInputs now = read_result_folder(f.dir.string());
  CHECK(now.cash_figures);
  CHECK(now.results.strategies[0].metric(Metric::kCashNeeded)[0] == 0);  // never below 0
  CHECK(now.results.strategies[0].metric(Metric::kWorstYear)[0] == Approx(280));
  REQUIRE(now.series.size() == 2 * 4);
  CHECK(now.series[3].money.value == Approx(360));
  CHECK(now.series[3].money.cost == Approx(80));
  CHECK(now.series[3].money.cash_flow == Approx(280));

  // trials.csv and series.csv as written before: MODEL.md's metrics, no money columns.
  f.write("trials.csv", without_last_fields(f.read("trials.csv"), kMetricCount - kModelMetricCount));
  const ReportInputs old_trials = read_result_folder(f.dir.string());
  CHECK_FALSE(old_trials.cash_figures);
  f.write("series.csv", without_last_fields(f.read("series.csv"), 4));
  const ReportInputs old = read_result_folder(f.dir.string());
  CHECK_FALSE(old.cash_figures);
  for (std::size_t k = 0; k < 2; ++k) {
    for (std::size_t m = 0; m < kModelMetricCount; ++m)
      CHECK(old.results.strategies[k].per_trial[m] == now.results.strategies[k].per_trial[m]);
    CHECK(old.results.strategies[k].metric(Metric::kWorstYear)[0] == 0);
  }
  REQUIRE(old.series.size() == now.series.size());
  for (std::size_t i = 0; i < old.series.size(); ++i) {
    CHECK(old.series[i].mean == now.series[i].mean);
    CHECK(old.series[i].zone_share == now.series[i].zone_share);
    CHECK(old.series[i].money.value == 0);
    CHECK(old.series[i].money.cash_flow == 0);
  }

  // Every row as wide as the header says.
  const std::string trials = f.read("trials.csv");
  f.write("trials.csv", testing::replace(trials, "\nb,0,", "\nb,0,1,"));
  CHECK_THAT(f.error(), Catch::Contains("trials.csv:5: a row has 18 fields, expected 17"));
  f.write("trials.csv", trials);
  const std::string series = f.read("series.csv");
  f.write("series.csv", testing::replace(series, "\nb,0,", "\nb,0,1,"));
  CHECK_THAT(f.error(), Catch::Contains("series.csv:6: a row has 12 fields, expected 11"));
}

TEST_CASE("a tampered manifest is refused before anything is allocated from it", "[report]") {
  const FolderOnDisk f({"a"}, 3);
  const std::string manifest = f.read("manifest.json");
  f.write("manifest.json", testing::replace(manifest, "\"trials\": 3", "\"trials\": 1000000000000"));
  CHECK_THAT(f.error(), Catch::Contains("strategy 'a' has no row for trial 3 (the manifest promises 1000000000000 trials)"));
  f.write("manifest.json", testing::replace(manifest, "\"trials\": 3", "\"trials\": \"three\""));
  CHECK_THAT(f.error(), Catch::Contains("manifest.json: trials: expected a whole number of 0 or more, got \"three\""));
  f.write("manifest.json", manifest);
  const std::string summary = f.read("summary.json");
  f.write("summary.json", testing::replace(summary, "\"name\": \"a\"", "\"name\": 7"));
  CHECK_THAT(f.error(), Catch::Contains("summary.json: strategies[0].name: expected a string"));
}

TEST_CASE("a report is known as flowfolio's only while nobody has edited it", "[report]") {
  const FolderOnDisk f({"base", "other"});
  const std::string html = report_html(read_result_folder(f.dir.string()));
  CHECK(is_report_html(html));
  std::string edited = html;
  edited[edited.find("<h1>") + 4] ^= 1;  // one character of the title, head and seal kept
  CHECK_FALSE(is_report_html(edited));
  CHECK_FALSE(is_report_html(html.substr(0, html.size() - 10)));
  CHECK_FALSE(is_report_html("<html><body>my own page</body></html>"));
}

}  // namespace flowfolio
