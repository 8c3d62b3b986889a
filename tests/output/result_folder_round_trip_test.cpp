// A run's folder written through the library (write_run_folder) and read back
// (read_result_folder): what is read is what was written.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "flowfolio/output/report.hpp"
#include "flowfolio/output/run_folder.hpp"
#include "test_support.hpp"

namespace flowfolio {
namespace {
namespace fs = std::filesystem;

// A fresh folder holding the tiny scenario with two strategies, removed afterwards.
struct Workspace {
  fs::path dir;
  std::string scenario_text = testing::tiny_scenario() + "  - name: \"other, \\\"quoted\\\"\"\n";
  std::vector<std::string> overrides = {"seed=11"};
  Workspace() {
    static int n = 0;
    dir = fs::temp_directory_path() /
          ("flowfolio-round-trip-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::create_directories(dir);
    std::ofstream(dir / "tiny.yaml") << scenario_text;
  }
  ~Workspace() { fs::remove_all(dir); }
  Scenario scenario() const { return read_scenario_file((dir / "tiny.yaml").string(), overrides); }
  std::string out() const { return (dir / "out").string(); }
};

Manifest manifest_for(const Workspace& w, const RunResults& r) {
  return {.command_line = "flowfolio run tiny.yaml --set seed=11",
          .scenario_file = "tiny.yaml",
          .scenario_sha256 = file_sha256((w.dir / "tiny.yaml").string()),
          .start_time = "2026-01-02T03:04:05Z",
          .end_time = "2026-01-02T03:04:06Z",
          .seed = r.seed,
          .trials = r.trials,
          .threads = r.threads,
          .independent_streams = r.independent_streams,
          .precision = 0.05,
          .stop_reason = "stopped at 9 trials: the cap",
          .overrides = w.overrides};
}

void check_same_manifest(const Manifest& read, const Manifest& written) {
  CHECK(read.command_line == written.command_line);
  CHECK(read.scenario_file == written.scenario_file);
  CHECK(read.scenario_sha256 == written.scenario_sha256);
  CHECK(read.start_time == written.start_time);
  CHECK(read.end_time == written.end_time);
  CHECK(read.seed == written.seed);
  CHECK(read.trials == written.trials);
  CHECK(read.threads == written.threads);
  CHECK(read.independent_streams == written.independent_streams);
  CHECK(read.precision == written.precision);
  CHECK(read.stop_reason == written.stop_reason);
  CHECK(read.overrides == written.overrides);
  CHECK(read.files == written.files);
}

void check_same_series(const std::vector<SeriesRow>& read, const std::vector<SeriesRow>& written) {
  REQUIRE(read.size() == written.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    CHECK(read[i].strategy == written[i].strategy);
    CHECK(read[i].period == written[i].period);
    CHECK(read[i].mean == written[i].mean);  // shortest round-trip text: the same double
    CHECK(read[i].quantiles == written[i].quantiles);
    CHECK(read[i].zone_share == written[i].zone_share);
    CHECK(read[i].money.value == written[i].money.value);
    CHECK(read[i].money.cost == written[i].money.cost);
    CHECK(read[i].money.incident_loss == written[i].money.incident_loss);
    CHECK(read[i].money.cash_flow == written[i].money.cash_flow);
  }
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}
}  // namespace

TEST_CASE("a run's folder reads back as it was written: scenario, results, manifest, options",
          "[output][round-trip]") {
  const Workspace w;
  const Scenario s = w.scenario();
  RunResults results = run(s, {.trials = 9, .seed = s.seed, .threads = 2});
  const RunResults kept = results;
  ReportOptions options = ReportOptions::from(s);
  options.stop_reason = "stopped at 9 trials: the cap";
  ResultFolder folder(w.out());
  RunFolderContent content{.scenario = s,
                           .results = results,
                           .options = options,
                           .manifest = manifest_for(w, results),
                           .scenario_text = w.scenario_text,
                           .report = true};
  write_run_folder(folder, content);

  // The results lent to the report came back whole.
  REQUIRE(results.trials == kept.trials);
  CHECK(results.strategies[1].per_trial == kept.strategies[1].per_trial);
  // The manifest lists every file beside it; the folder holds those, itself and the marker.
  const std::vector<std::string> beside = {run_files::kPaired, run_files::kReport, run_files::kScenario,
                                           run_files::kSeries, run_files::kSummary, run_files::kTrials};
  CHECK(content.manifest.files == beside);
  std::vector<std::string> all = beside;
  all.insert(all.begin(), run_files::kManifest);
  CHECK(folder.files() == all);
  all.insert(all.begin(), ".flowfolio.json");  // the marker (result_folder.hpp)
  CHECK(entries(w.out()) == all);

  const ReportInputs in = read_result_folder(w.out());
  CHECK(in.scenario.name == s.name);
  CHECK(in.scenario.seed == 11);  // the override, applied again to the saved scenario.yaml
  REQUIRE(in.scenario.strategies.size() == 2);
  CHECK(in.scenario.strategies[1].name == "other, \"quoted\"");
  CHECK(in.scenario.horizon == s.horizon);
  REQUIRE(in.results.strategies.size() == kept.strategies.size());
  CHECK(in.results.trials == kept.trials);
  CHECK(in.results.seed == kept.seed);
  for (std::size_t k = 0; k < kept.strategies.size(); ++k) {
    CHECK(in.results.strategies[k].name == kept.strategies[k].name);
    CHECK(in.results.strategies[k].per_trial == kept.strategies[k].per_trial);
  }
  check_same_series(in.series, series_rows(kept));
  check_same_manifest(in.manifest, content.manifest);
  CHECK(in.options.levels == options.levels);
  CHECK(in.options.loss_thresholds == options.loss_thresholds);
  CHECK(in.options.baseline == options.baseline);
  CHECK(in.options.stop_reason == options.stop_reason);
  CHECK(in.sensitivity.empty());
  CHECK(in.frontier.empty());
  // The report a folder gives is the one the run wrote.
  std::ifstream report(fs::path(w.out()) / run_files::kReport);
  const std::string written{std::istreambuf_iterator<char>(report), {}};
  CHECK(is_report_html(written));
}

TEST_CASE("a study's file and store go into the folder and its manifest", "[output][round-trip]") {
  const Workspace w;
  const Scenario s = w.scenario();
  RunResults results = run(s, {.trials = 4, .seed = s.seed, .threads = 1});
  const StudyFiles study{.file = run_files::kSensitivity,
                         .json = "{\"study\": \"made up\"}\n",
                         .record = [](const std::string& store) { std::ofstream(store) << "rows"; }};
  int commits_announced = 0;
  ResultFolder folder(w.out());
  RunFolderContent content{.scenario = s,
                           .results = results,
                           .options = ReportOptions::from(s),
                           .manifest = manifest_for(w, results),
                           .scenario_text = w.scenario_text,
                           .study = &study,
                           .before_commit = [&] { ++commits_announced; }};
  write_run_folder(folder, content);
  CHECK(commits_announced == 1);
  const ReportInputs in = read_result_folder(w.out());
  CHECK(in.sensitivity == study.json);
  CHECK(in.frontier.empty());
  CHECK(in.manifest.files == std::vector<std::string>{run_files::kPaired, run_files::kScenario, run_files::kSensitivity,
                                                      run_files::kSeries, run_files::kStore,
                                                      run_files::kSummary, run_files::kTrials});
}

TEST_CASE("a stop while trials.csv is written leaves no folder behind", "[output][round-trip]") {
  const Workspace w;
  const Scenario s = w.scenario();
  RunResults results = run(s, {.trials = 4, .seed = s.seed, .threads = 1});
  const std::atomic<bool> stop{true};
  {
    ResultFolder folder(w.out());
    RunFolderContent content{.scenario = s,
                             .results = results,
                             .options = ReportOptions::from(s),
                             .manifest = manifest_for(w, results),
                             .scenario_text = w.scenario_text,
                             .stop = &stop};
    CHECK_THROWS_AS(write_run_folder(folder, content), Interrupted);
  }
  CHECK_FALSE(fs::exists(w.out()));
  CHECK(entries(w.dir) == std::vector<std::string>{"tiny.yaml"});  // no staging folder left
}

}  // namespace flowfolio
