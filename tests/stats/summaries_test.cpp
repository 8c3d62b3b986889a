// Runs kept as summaries (summaries.hpp) against the same run kept whole: the exact
// statistics agree to rounding, the sketched ones within the bound sketch.hpp proves,
// and the bytes do not depend on threads or on how the trials were cut.
#include "flowfolio/stats/summaries.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "flowfolio/output/output.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "engine/splitting_runner.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "test_support.hpp"

using namespace flowfolio;

namespace {

const Scenario& default_scenario() {
  static const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  return s;
}

// sketch.hpp's bound for the interpolated quantile p of `values`.
double quantile_bound(std::span<const double> values, double p) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const auto i = static_cast<std::size_t>(std::floor((sorted.size() - 1) * p));
  const double bracket = std::max(std::abs(sorted[i]), std::abs(sorted[std::min(i + 1, sorted.size() - 1)]));
  return kSketchAccuracy * bracket * (1 + 1e-12) + kSketchZero;
}

// sketch.hpp's scale for the tail mean at p: the mean of |x| over x_(0) .. x_(i).
double tail_magnitude(std::span<const double> values, double p) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const auto i = static_cast<std::size_t>(std::floor((sorted.size() - 1) * p));
  double sum = 0;
  for (std::size_t k = 0; k <= i; ++k) sum += std::abs(sorted[k]);
  return sum / static_cast<double>(i + 1);
}

}  // namespace

TEST_CASE("summarized statistics match the exact ones within their bounds", "[summaries]") {
  const Scenario& s = default_scenario();
  const RunOptions options{.trials = 1500, .seed = 9, .threads = 2};
  const RunResults exact = run(s, options);
  const RunResults summarized = run_summarized(s, options, 0, {{2, 4}});
  REQUIRE(summarized.summaries);
  CHECK(summarized.trials == exact.trials);
  CHECK(summarized.strategies[0].per_trial[0].empty());
  CHECK(summarized.random_blocks == exact.random_blocks);
  // The series are kept as run() keeps them: the same bytes.
  CHECK(series_csv(summarized) == series_csv(exact));
  for (std::size_t k = 0; k < s.strategies.size(); ++k) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const auto metric = static_cast<Metric>(m);
      const auto values = exact.strategies[k].metric(metric);
      const Summary e = summarize(values), a = metric_summary(summarized, k, metric);
      INFO(s.strategies[k].name << " " << metric_name(metric));
      CHECK(a.mean == Approx(e.mean).epsilon(1e-12).margin(1e-9));
      CHECK(a.sd == Approx(e.sd).epsilon(1e-10).margin(1e-9));
      CHECK(a.min == e.min);
      CHECK(a.max == e.max);
      CHECK(std::abs(a.p5 - e.p5) <= quantile_bound(values, 0.05));
      CHECK(std::abs(a.p50 - e.p50) <= quantile_bound(values, 0.50));
      CHECK(std::abs(a.p95 - e.p95) <= quantile_bound(values, 0.95));
    }
    const auto npv = exact.strategies[k].metric(Metric::kNpv);
    const TailRisk e = tail_risk(npv);
    const TailRisk a = metric_tail(summarized, k, Metric::kNpv);
    CHECK(a.p_loss == e.p_loss);  // counted exactly
    CHECK(std::abs(a.var95 - e.var95) <= quantile_bound(npv, 0.05));
    CHECK(std::abs(a.cvar95 - e.cvar95) <= kSketchAccuracy * tail_magnitude(npv, 0.05) * (1 + 1e-12) + kSketchZero);
  }
  // Paired differences are exact: counts equal, moments to rounding; the named pair is kept.
  for (const auto& [k, b] : {std::pair<std::size_t, std::size_t>{1, 0}, {3, 0}, {2, 4}}) {
    for (Metric metric : kPairedMetrics) {
      const PairedDifference e = metric_difference(exact, k, b, metric);
      const PairedDifference a = metric_difference(summarized, k, b, metric);
      CHECK(a.p_better == e.p_better);
      CHECK(a.p_tie == e.p_tie);
      CHECK(a.p_worse == e.p_worse);
      CHECK(a.mean == Approx(e.mean).epsilon(1e-12).margin(1e-9));
      CHECK(a.se == Approx(e.se).epsilon(1e-10).margin(1e-9));
    }
  }
  CHECK_THROWS_AS(metric_difference(summarized, 2, 3, Metric::kNpv), std::logic_error);
  const ReportOptions report = ReportOptions::from(s);
  CHECK(compare(s, summarized, 2, 0).sentence == compare(s, exact, 2, 0).sentence);
  CHECK(summary_json(s, summarized, report).find("\"method\": \"sketch\"") != std::string::npos);
}

TEST_CASE("summarized runs are the same bytes on any threads and any cut", "[summaries][reproducible]") {
  const Scenario& s = default_scenario();
  const ReportOptions report = ReportOptions::from(s);
  const RunResults one = run_summarized(s, {.trials = 700, .seed = 4, .threads = 1}, 0, {});
  const RunResults three = run_summarized(s, {.trials = 700, .seed = 4, .threads = 3}, 0, {});
  // As a cluster job of three ranks cuts them (cluster.hpp): uneven spans of whole blocks.
  testing::SplittingRunner cut;
  const RunResults spans = run_summarized(s, {.trials = 700, .seed = 4, .runner = &cut}, 0, {});
  CHECK(cut.span_requests == 1);
  const std::string json = summary_json(s, one, report);
  CHECK(json == summary_json(s, three, report));
  CHECK(json == summary_json(s, spans, report));
  CHECK(paired_json(s, one, report) == paired_json(s, spans, report));
  CHECK(series_csv(one) == series_csv(spans));
}
