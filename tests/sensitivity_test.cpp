// Sobol indices against functions whose indices are known in closed form. Tolerances are
// 4 bootstrap standard errors of each estimate (fixed seeds), plus a small floor for
// indices whose true value is 0, where the bootstrap spread is itself tiny.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "flowfolio/sensitivity.hpp"

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
