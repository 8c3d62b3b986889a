// Sobol indices against functions whose indices are known in closed form. Tolerances are
// 4 bootstrap standard errors of each estimate (fixed seeds), plus a small floor for
// indices whose true value is 0, where the bootstrap spread is itself tiny.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/studies/sensitivity.hpp"
#include "engine/splitting_runner.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "test_support.hpp"

using namespace flowfolio;

TEST_CASE("Ishigami function: published indices", "[sensitivity]") {
  // f = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1, x_i uniform on [-pi, pi]:
  // S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
  const auto ishigami = [](std::span<const double> u) {
    const double pi = std::numbers::pi;
    const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
    return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
  };
  const SobolIndices s = sobol_indices(3, 20000, ishigami, 2026, 200);
  const double first[] = {0.3139, 0.4424, 0.0}, total[] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    INFO("input " << i + 1 << ": S " << s.first[i] << " +- " << s.first_se[i] << ", ST " << s.total[i] << " +- "
                  << s.total_se[i]);
    CHECK(std::abs(s.first[i] - first[i]) < 4 * s.first_se[i] + 0.005);
    CHECK(std::abs(s.total[i] - total[i]) < 4 * s.total_se[i] + 0.005);
    CHECK(s.first_lo[i] <= s.first[i]);
    CHECK(s.first_hi[i] >= s.first[i]);
  }
  CHECK(s.evaluations == 20000 * 5);
}

TEST_CASE("Sobol g-function: closed-form indices", "[sensitivity]") {
  // g = prod (|4 x_i - 2| + a_i) / (1 + a_i), x_i uniform on [0, 1]. V_i = 1 / (3 (1 + a_i)^2),
  // V = prod (1 + V_i) - 1, S_i = V_i / V, ST_i = V_i prod_{j != i} (1 + V_j) / V.
  const double a[] = {0, 1, 4.5, 9};
  const auto g = [&](std::span<const double> u) {
    double product = 1;
    for (int i = 0; i < 4; ++i) product *= (std::abs(4 * u[i] - 2) + a[i]) / (1 + a[i]);
    return product;
  };
  double v[4], all = 1;
  for (int i = 0; i < 4; ++i) {
    v[i] = 1 / (3 * (1 + a[i]) * (1 + a[i]));
    all *= 1 + v[i];
  }
  const double total_variance = all - 1;
  const SobolIndices s = sobol_indices(4, 20000, g, 7, 200);
  for (int i = 0; i < 4; ++i) {
    const double first = v[i] / total_variance;
    const double total = v[i] * (all / (1 + v[i])) / total_variance;
    INFO("input " << i + 1 << ": S " << s.first[i] << " vs " << first << ", ST " << s.total[i] << " vs " << total);
    CHECK(std::abs(s.first[i] - first) < 4 * s.first_se[i] + 0.005);
    CHECK(std::abs(s.total[i] - total) < 4 * s.total_se[i] + 0.005);
  }
  CHECK(s.variance == Approx(total_variance).epsilon(0.05));
}

TEST_CASE("Sobol indices are a pure function of the seed", "[sensitivity]") {
  const auto linear = [](std::span<const double> u) { return u[0] + 2 * u[1]; };
  const SobolIndices a = sobol_indices(2, 500, linear, 3, 50), b = sobol_indices(2, 500, linear, 3, 50);
  CHECK(a.first == b.first);
  CHECK(a.total_hi == b.total_hi);
  // Additive: first = total = c_i^2 / sum c_j^2 = (0.2, 0.8).
  const SobolIndices c = sobol_indices(2, 20000, linear, 5, 100);
  CHECK(std::abs(c.first[0] - 0.2) < 4 * c.first_se[0] + 0.005);
  CHECK(std::abs(c.total[1] - 0.8) < 4 * c.total_se[1] + 0.005);
}

TEST_CASE("Distribution quantile inverts the cdf", "[sensitivity][distribution]") {
  const Distribution families[] = {
      Distribution::uniform(2, 5),          Distribution::triangular(0, 1, 4),
      Distribution::pert(5000, 15000, 60000), Distribution::normal(3, 2),
      Distribution::lognormal(1, 0.5),      Distribution::beta(2, 5, 0, 10)};
  for (const Distribution& d : families) {
    INFO(d.describe());
    for (double u : {0.01, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999}) {
      const double x = d.quantile(u);
      CHECK(d.cdf(x) == Approx(u).margin(1e-9));
    }
    CHECK(d.quantile(0.2) < d.quantile(0.8));
  }
  CHECK(Distribution::uniform(2, 5).quantile(0) == 2);
  CHECK(Distribution::uniform(2, 5).quantile(1) == 5);
  CHECK(Distribution::normal(0, 1).clipped(-1, 1).quantile(0.001) == -1);
  CHECK(std::isfinite(Distribution::normal(0, 1).quantile(0)));
  CHECK(Distribution::fixed(4).quantile(0.3) == 4);
  const Distribution coin = Distribution::discrete({10, 20, 30}, {1, 1, 2});
  CHECK(coin.quantile(0.1) == 10);
  CHECK(coin.quantile(0.25) == 10);
  CHECK(coin.quantile(0.26) == 20);
  CHECK(coin.quantile(0.9) == 30);
}

TEST_CASE("Saltelli design: A, B and A with one column from B", "[sensitivity]") {
  const SaltelliDesign design = saltelli_design(3, 16, 99);
  REQUIRE(design.size() == 16 * 5);
  for (std::size_t r = 0; r < design.n; ++r) {
    const auto a = design.point(r * 5), b = design.point(r * 5 + 1);
    for (std::size_t i = 0; i < 3; ++i) {
      const auto ab = design.point(r * 5 + 2 + i);
      for (std::size_t j = 0; j < 3; ++j) CHECK(ab[j] == (j == i ? b[j] : a[j]));
      CHECK(a[i] >= 0);
      CHECK(a[i] < 1);
      CHECK(a[i] != b[i]);
    }
  }
  // A pure function of the seed; another seed shifts every point.
  CHECK(saltelli_design(3, 16, 99).points == design.points);
  CHECK(saltelli_design(3, 16, 100).points != design.points);
}

namespace {
// A tiny scenario with two strategies and a sensitivity block: the activity's value
// moves npv linearly (on common random numbers); the idle strategy's training gain
// cannot move anything `base` does.
std::string scenario_with_block(const std::string& block) {
  return testing::tiny_scenario() + R"(  - name: idle
    train:
      - {who: worker, from: 0, to: 2, hours_per_period: 1, cost_per_person_per_period: 5, gain: {online: 0.01}}
sensitivity:
)" + block;
}

const std::string kLinearBlock = R"(  trials: 64
  samples: 32
  bootstrap: 50
  strategies: [base]
  inputs:
    - {name: value, path: activities.work.value, range: [50, 150]}
    - {name: gain, path: strategies.idle.train.0.gain.online, range: [0, 0.05]}
)";
}  // namespace

TEST_CASE("Sensitivity block: read with bases, ends and defaults", "[sensitivity][scenario]") {
  const Scenario s = testing::parse(scenario_with_block(R"(  differences: [[idle, base]]
  inputs:
    - {path: activities.work.value, range: [50, 150]}
    - name: skill
      path: [profiles.worker.online, profiles.worker.domain]
      distribution: {uniform: [0.4, 0.6]}
    - {path: model.flow_width, distribution: {triangular: [0.05, 0.1, 0.25]}, range: [0.05, 0.2]}
)"));
  const SensitivitySpec& spec = s.sensitivity;
  REQUIRE(spec.inputs.size() == 3);
  CHECK(spec.inputs[0].name == "activities.work.value");
  CHECK(spec.inputs[0].base == "100");
  CHECK(spec.inputs[0].low == 50);
  CHECK(spec.inputs[0].distribution.describe() == "uniform(50, 150)");
  CHECK(spec.inputs[1].paths == std::vector<std::string>{"profiles.worker.online", "profiles.worker.domain"});
  CHECK(spec.inputs[1].low == Approx(0.41));   // the distribution's 5% and 95% quantiles
  CHECK(spec.inputs[1].high == Approx(0.59));
  CHECK(spec.inputs[2].base == "default");     // flow_width is not in the file
  CHECK(spec.inputs[2].high == 0.2);           // the range wins for the tornado
  CHECK(spec.inputs[2].where.line > 0);
  CHECK(spec.differences == std::vector<std::pair<int, int>>{{1, 0}});
  CHECK(spec.trials == 1000);
  CHECK(spec.outputs.size() == 3);
}

TEST_CASE("Sensitivity block: problems point at the input", "[sensitivity][scenario]") {
  const auto problems = [](const std::string& block) {
    try {
      testing::parse(scenario_with_block(block));
    } catch (const InputError& e) {
      std::string all;
      for (const Diagnostic& d : e.diagnostics()) all += d.to_string() + "\n";
      return all;
    }
    return std::string("no error");
  };
  CHECK_THAT(problems("  inputs:\n    - {path: activities.wrok.value, range: [1, 2]}\n"),
             Catch::Contains("sensitivity.inputs[0].path: the key path activities.wrok.value does not lead to a "
                             "value: no item named 'wrok' in activities (known: work)"));
  CHECK_THAT(problems("  inputs:\n    - {path: activities.work.value, range: [2, 1]}\n"),
             Catch::Contains("test.yaml:29:44: sensitivity.inputs[0].range: must be [low, high] with low < high"));
  CHECK_THAT(problems("  inputs:\n    - {path: activities.work.value}\n"),
             Catch::Contains("give a range [low, high], a distribution, or both"));
  CHECK_THAT(problems("  inputs:\n    - {path: activities.work.value, range: [1, 2]}\n    - {path: "
                      "activities.work.value, range: [1, 3]}\n"),
             Catch::Contains("sets activities.work.value, which input 'activities.work.value' sets too"));
  CHECK_THAT(problems("  differences: [[base, base]]\n  inputs: [{path: activities.work.cost, range: [1, 2]}]\n"),
             Catch::Contains("a strategy compared with itself"));
  CHECK_THAT(problems("  outputs: [mean_npv, var99]\n  inputs: [{path: activities.work.cost, range: [1, 2]}]\n"),
             Catch::Contains("unknown output 'var99'"));
  CHECK_THAT(problems("  inputs: [{path: sensitivity.trials, range: [1, 2]}]\n"),
             Catch::Contains("'sensitivity.trials' is not an input of the simulation"));
  CHECK_THAT(problems("  inputs: [{path: activities.work.cost, distribution: 3}]\n"),
             Catch::Contains("a fixed value has no uncertainty to explain"));
}

TEST_CASE("Sensitivity analysis: a linear input, an idle input, and common random numbers", "[sensitivity]") {
  const std::string text = scenario_with_block(kLinearBlock);
  const Scenario scenario = read_scenario_text(text, "test.yaml");
  const SensitivityResults r = run_sensitivity(text, "test.yaml", {.seed = 5, .threads = 2});
  REQUIRE(r.outputs.size() == 3);  // base's mean npv, CVaR95, P(loss)
  const SensitivityOutputResult& mean = r.outputs[0];
  CHECK(mean.kind == "mean_npv");
  CHECK(mean.strategy == "base");
  CHECK(r.evaluations == 1 + 2 * 2 + 32 * 4);

  // The base equals a plain run of the whole scenario (both strategies) on the same seed:
  // simulating only the strategies an analysis needs changes nothing.
  const RunResults full = run(scenario, {.trials = 64, .seed = 5, .threads = 1});
  CHECK(mean.base == mean_and_error(full.strategies[0].metric(Metric::kNpv)).mean);

  // The value's effect on npv is linear on common random numbers, so the base sits on the
  // line through the tornado's ends (value 100 is halfway from 50 to 150).
  REQUIRE(mean.tornado.size() == 2);
  const TornadoBar& value = mean.tornado[0];
  CHECK(value.input == 0);
  CHECK(mean.base == Approx((value.at_low + value.at_high) / 2).epsilon(1e-12));
  CHECK(value.swing > 0);
  // The idle strategy's training cannot move base: swing and total index exactly 0.
  const TornadoBar& gain = mean.tornado[1];
  CHECK(gain.input == 1);
  CHECK(gain.swing == 0);
  CHECK(mean.sobol.total[1] == 0);
  // All the variance is the value's: first and total index 1 up to the estimator's error
  // (4 bootstrap standard errors, plus 0.02 for the design's finite size).
  CHECK(std::abs(mean.sobol.total[0] - 1) < 4 * mean.sobol.total_se[0] + 0.02);
  CHECK(std::abs(mean.sobol.first[0] - 1) < 4 * mean.sobol.first_se[0] + 0.02);
  // Every evaluation saw the same luck, and 64 trials of noise are small against a
  // +-50% value: the noise share is well under the warning line.
  CHECK(mean.noise_share < kNoiseShareWarning);
  CHECK(mean.warning.empty());

  // Reproducible whatever the thread count, and whoever runs the evaluations in what order.
  const SensitivityResults one = run_sensitivity(text, "test.yaml", {.seed = 5, .threads = 1});
  CHECK(sensitivity_json(scenario, one) == sensitivity_json(scenario, r));
  testing::SplittingRunner runner;
  const SensitivityResults shared = run_sensitivity(text, "test.yaml", {.seed = 5, .threads = 1, .runner = &runner});
  CHECK(sensitivity_json(scenario, shared) == sensitivity_json(scenario, r));
  CHECK(runner.jobs == 1 + 2 * 2 + 32 * 4);
  CHECK(runner.extends == 0);  // each evaluation runs whole, on the local runner
}

TEST_CASE("Sensitivity analysis: differences, one strategy, one method", "[sensitivity]") {
  const std::string text = scenario_with_block(R"(  trials: 32
  samples: 8
  differences: [[idle, base]]
  inputs:
    - {name: value, path: activities.work.value, range: [50, 150]}
)");
  const SensitivityResults both = run_sensitivity(text, "test.yaml", {.seed = 1, .threads = 1, .tornado = true, .sobol = false});
  REQUIRE(both.outputs.size() == 7);  // 3 per strategy, then the difference
  CHECK(both.outputs[6].kind == "npv_difference");
  CHECK(both.outputs[6].strategy == "idle");
  CHECK(both.outputs[6].versus == "base");
  CHECK(both.outputs[6].base == Approx(both.outputs[3].base - both.outputs[0].base));
  CHECK(both.outputs[6].sobol.first.empty());
  const SensitivityResults only = run_sensitivity(text, "test.yaml", {.seed = 1, .threads = 1, .only_strategy = 0});
  REQUIRE(only.outputs.size() == 4);  // base's three and the difference it is in
  CHECK(only.outputs[0].base == both.outputs[0].base);
  CHECK(only.outputs[3].base == both.outputs[6].base);
}

TEST_CASE("Sensitivity analysis: a range that breaks the scenario is refused before anything runs",
          "[sensitivity]") {
  const std::string text = scenario_with_block(R"(  inputs:
    - {name: skill, path: profiles.worker.online, range: [0.5, 1.5]}
)");
  try {
    run_sensitivity(text, "test.yaml", {.seed = 1});
    FAIL("no error");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const std::string message = e.diagnostics()[0].to_string();
    CHECK_THAT(message, Catch::StartsWith("test.yaml:29:7: sensitivity.inputs[0]: the value 1.5 makes the scenario invalid"));
    CHECK_THAT(message, Catch::Contains("profiles.worker.online"));
  }
  CHECK_THROWS_AS(run_sensitivity(testing::tiny_scenario(), "test.yaml", {}), InputError);
}

TEST_CASE("Sensitivity analysis: an output no input moves is said to be so, not called noisy", "[sensitivity]") {
  const std::string text = scenario_with_block(R"(  trials: 32
  samples: 8
  strategies: [base]
  outputs: [mean_npv]
  inputs:
    - {name: gain, path: strategies.idle.train.0.gain.online, range: [0, 0.05]}
)");
  const SensitivityResults r = run_sensitivity(text, "test.yaml", {.seed = 2, .threads = 1});
  REQUIRE(r.outputs.size() == 1);
  CHECK(r.outputs[0].noise_share == 0);
  CHECK_THAT(r.outputs[0].warning, Catch::StartsWith("no input moves this output"));
}

TEST_CASE("Key paths: a value shared through a YAML alias is not set behind the user's back",
          "[sensitivity][scenario]") {
  std::string text = testing::replace(testing::tiny_scenario(), "    cost: 10\n",
                                      "    cost: &money {uniform: [5, 15]}\n    unmet_cost: *money\n");
  CHECK_NOTHROW(read_scenario_text(text, "test.yaml"));
  try {
    read_scenario_text(text, "test.yaml", {"activities.work.cost.uniform.1=20"});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("activities.work.cost is shared through a YAML alias"));
  }
  // Paths set together that hold different values have no single base.
  const Scenario s = testing::parse(text + R"(  - name: two
sensitivity:
  inputs:
    - {path: [activities.work.value, activities.work.hours_per_unit], range: [1, 2]}
)");
  CHECK(s.sensitivity.inputs[0].base == "differs by path");
}
