// summary.json and the console table.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "flowfolio/output/output.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "test_support.hpp"

using namespace flowfolio;

TEST_CASE("money is formatted for people", "[output]") {
  CHECK(format_money(1234567.891) == "1.23M");
  CHECK(format_money(-45600) == "-45.6k");
  CHECK(format_money(950) == "950");
  CHECK(format_money(-0.2) == "0");
  CHECK(format_money(2.5e9) == "2.50B");
  CHECK(format_money(12345678) == "12.3M");
}

TEST_CASE("summary.json holds every metric of section 7 with the statistics of section 8", "[output]") {
  const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  const RunResults r = run(s, {.trials = 100, .seed = 5, .threads = 2});
  const auto j = nlohmann::json::parse(summary_json(s, r));
  CHECK(j["scenario"] == "seed-default");
  CHECK(j["seed"] == 5);
  CHECK(j["trials"] == 100);
  REQUIRE(j["strategies"].size() == 5);
  for (const auto& strategy : j["strategies"]) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const std::string name(metric_name(static_cast<Metric>(m)));
      INFO(name);
      REQUIRE(strategy["metrics"].contains(name));
      for (const char* stat : {"mean", "sd", "se", "min", "max", "p5", "p25", "p50", "p75", "p95"})
        CHECK(strategy["metrics"][name][stat].is_number());
    }
    for (const char* stat : {"var95", "cvar95", "p_loss"}) CHECK(strategy["metrics"]["npv"][stat].is_number());
    CHECK(strategy["series"]["cumulative_discounted_cash_flow"].size() == 104);
  }
  REQUIRE(j["comparisons"].size() == 4);
  CHECK(j["comparisons"][0]["baseline"] == "status_quo");
  CHECK(j["run"]["streams"] == "common");
  // Beyond section 8: quantile intervals, tail risk at the scenario's levels.
  const auto& npv = j["strategies"][0]["metrics"]["npv"];
  CHECK(npv["ci95"]["p5"][0] <= npv["p5"]);
  CHECK(npv["ci95"]["p5"][1] >= npv["p5"]);
  REQUIRE(npv["tail"].size() == 3);
  CHECK(npv["tail"][1]["level"] == 0.95);
  CHECK(npv["tail"][1]["var"] == npv["var95"]);
  CHECK(npv["tail"][1]["cvar"] == npv["cvar95"]);
  CHECK(npv["tail"][2]["cvar"] >= npv["tail"][0]["cvar"]);  // deeper tails lose more
  const std::string table = summary_table(s, r);
  CHECK(table.find("train_staff") != std::string::npos);
  CHECK(table.find("CVaR95") != std::string::npos);
}

TEST_CASE("files are written whole, replacing what was there", "[output]") {
  const auto dir = std::filesystem::temp_directory_path() / "flowfolio_output_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "a.json").string();
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "second");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  CHECK(files == 1);  // no temporary left behind
  CHECK_THROWS_WITH(write_file_atomically("/nonexistent-dir/x.json", "x"),
                    Catch::Contains("cannot write in /nonexistent-dir"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("exceedance probabilities for the scenario's loss thresholds", "[output]") {
  Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  s.risk.loss_thresholds = {0, 1e6};
  const RunResults r = run(s, {.trials = 128, .seed = 5, .threads = 2});
  const auto j = nlohmann::json::parse(summary_json(s, r));
  const auto& e = j["strategies"][0]["exceedance"];
  REQUIRE(e.size() == 2);
  // P(-npv >= 0) counts npv <= 0; P(incident loss >= 0) is 1.
  const auto npv = r.strategies[0].metric(Metric::kNpv);
  const double at_or_below_zero =
      static_cast<double>(std::count_if(npv.begin(), npv.end(), [](double v) { return v <= 0; })) / 128;
  CHECK(e[0]["net_loss"]["p"] == Approx(at_or_below_zero));
  CHECK(e[0]["incident_loss"]["p"] == 1);
  CHECK(e[0]["incident_loss"]["se"] == 0);
  CHECK(e[1]["net_loss"]["p"] <= e[0]["net_loss"]["p"]);
}

TEST_CASE("trials.csv and series.csv hold every trial and period", "[output]") {
  const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  const RunResults r = run(s, {.trials = 70, .seed = 5, .threads = 2});
  const std::string trials = trials_csv(r);
  CHECK(std::count(trials.begin(), trials.end(), '\n') == 5 * 70 + 1);
  CHECK(trials.rfind("strategy,trial,npv,value,cost,incident_loss,", 0) == 0);
  // Numbers read back exactly.
  const std::string first_row = trials.substr(trials.find('\n') + 1, trials.find('\n', trials.find('\n') + 1) - trials.find('\n') - 1);
  const std::string npv_text = first_row.substr(first_row.find(',', first_row.find(',') + 1) + 1);
  CHECK(std::stod(npv_text.substr(0, npv_text.find(','))) == r.strategies[0].per_trial[0][0]);
  const std::string series = series_csv(r);
  CHECK(std::count(series.begin(), series.end(), '\n') == 5 * 104 + 1);
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(1e20) == "1e+20");
}
