// The report's loss exceedance data (output/report_charts.hpp): the points are the
// trials' own exceedance shares, the summaries give the same curve within the sketch's
// accuracy, and a strategy with no loss is named, not drawn.
#include <catch2/catch.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "output/report_charts.hpp"
#include "test_support.hpp"

using namespace flowfolio;
using nlohmann::json;

namespace {
std::vector<json> points_of(const json& data, const std::string& strategy) {
  std::vector<json> out;
  for (const json& p : data["points"])
    if (p["strategy"] == strategy) out.push_back(p);
  return out;
}
}  // namespace

TEST_CASE("the loss exceedance curve is the trials' own share at each loss", "[report]") {
  Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  s.risk.loss_thresholds = {0, 1e5, 1e6};
  const RunResults r = run(s, {.trials = 1000, .seed = 3, .threads = 2});
  const json data = loss_exceedance_data(s, r);
  CHECK(data["thresholds"] == json({0.0, 1e5, 1e6}));
  CHECK(data["horizon"] == "2 years");
  CHECK(data["floor"] == 0.5 / 1000);
  CHECK(data["zero"].empty());
  for (std::size_t k = 0; k < s.strategies.size(); ++k) {
    const auto losses = r.strategies[k].metric(Metric::kIncidentLoss);
    const std::vector<json> points = points_of(data, s.strategies[k].name);
    INFO(s.strategies[k].name);
    // Levels 50%, 20%, ..., 0.1% (at least one trial in 1000 beyond), plus the smallest and
    // the largest loss: at most 11 points, whatever the trials.
    REQUIRE(points.size() >= 3);
    CHECK(points.size() <= 11);
    for (std::size_t i = 0; i < points.size(); ++i) {
      const double x = points[i]["loss"];
      CHECK(x > 0);
      CHECK(points[i]["p"].get<double>() == exceedance(losses, x));
      if (i > 0) CHECK(x > points[i - 1]["loss"].get<double>());
    }
    // The curve starts at the share of futures with any loss and ends at the worst.
    CHECK(points.front()["p"].get<double>() == exceedance(losses, 1e-300));
    CHECK(points.back()["loss"].get<double>() == *std::max_element(losses.begin(), losses.end()));
  }
  REQUIRE(data["shares"].size() == 3 * s.strategies.size());
  for (const json& share : data["shares"]) {
    std::size_t k = 0;
    while (s.strategies[k].name != share["strategy"]) ++k;
    CHECK(share["p"].get<double>() == exceedance(r.strategies[k].metric(Metric::kIncidentLoss), share["threshold"]));
  }
}

TEST_CASE("a summarized run gives the same curve within the sketch's accuracy", "[report]") {
  Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  s.risk.loss_thresholds = {1e6};
  const RunOptions options{.trials = 1000, .seed = 3, .threads = 2};
  const json exact = loss_exceedance_data(s, run(s, options));
  const json sketched = loss_exceedance_data(s, run_summarized(s, options, 0, {}));
  for (const Strategy& strategy : s.strategies) {
    const std::vector<json> a = points_of(exact, strategy.name), b = points_of(sketched, strategy.name);
    INFO(strategy.name);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      // A quantile from the sketch is within its relative accuracy of the exact one
      // (sketch.hpp), and the share there counts the same trials but those within it.
      CHECK(b[i]["loss"].get<double>() == Approx(a[i]["loss"].get<double>()).epsilon(2 * kSketchAccuracy));
      CHECK(b[i]["p"].get<double>() == Approx(a[i]["p"].get<double>()).margin(0.01));
    }
  }
  CHECK(sketched["shares"].size() == exact["shares"].size());
}

TEST_CASE("strategies with no incident loss are named in the note, not drawn", "[report]") {
  const Scenario s = read_scenario_text(testing::tiny_scenario() + "  - name: \"<b>other</b>\"\n", "test.yaml");
  const RunResults r = run(s, {.trials = 50, .seed = 1, .threads = 1});
  const json data = loss_exceedance_data(s, r);
  CHECK(data["points"].empty());
  CHECK(data["zero"] == json({"base", "<b>other</b>"}));
  const std::string html = loss_exceedance_html(data);
  CHECK(html.find("id=\"chart-lec\"") == std::string::npos);
  CHECK(html.find("No incident loss in any future for <b>base</b> and <b>&lt;b&gt;other&lt;/b&gt;</b>, so they have "
                  "no curve.") != std::string::npos);
}
