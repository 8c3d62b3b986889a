// summary.json and the console table.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "flowfolio/output.hpp"
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
