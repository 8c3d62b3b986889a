// portable_exp and portable_log against the C library's: within one ulp over the ranges
// the model uses and beyond, exact where exactness is promised, and the special values.
#include "flowfolio/core/portable_math.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "flowfolio/core/random.hpp"

using namespace flowfolio;

namespace {
// How many representable doubles lie between a and b (both finite, same sign).
double ulps(double a, double b) {
  if (a == b) return 0;
  return std::abs(a - b) / std::abs(std::nextafter(a, b) - a);
}
}  // namespace

TEST_CASE("portable_exp is within one ulp of std::exp", "[portable_math]") {
  // 200,000 points spread over [-745, 709.78], where exp is finite and not zero, and
  // 100,000 over [-3, 3], where the model's balances live. Both are within about half an
  // ulp of the true value, so they differ by at most one ulp.
  Stream s = unit_stream(1, 2, 3, 4, 5, UnitDraw::kValue);
  double worst = 0;
  for (int i = 0; i < 300000; ++i) {
    const double x = i < 200000 ? -745 + 1454.78 * s.uniform() : -3 + 6 * s.uniform();
    const double expected = std::exp(x);
    if (expected < std::numeric_limits<double>::min()) continue;  // subnormal: absolute error
    worst = std::max(worst, ulps(portable_exp(x), expected));
  }
  CHECK(worst <= 1);
  CHECK(portable_exp(0) == 1);
  CHECK(portable_exp(1e-30) == 1);
  CHECK(portable_exp(710) == std::numeric_limits<double>::infinity());
  CHECK(portable_exp(-746) == 0);
  CHECK(std::isnan(portable_exp(std::numeric_limits<double>::quiet_NaN())));
  CHECK(ulps(portable_exp(709.78), std::exp(709.78)) <= 2);  // k = 1024: scaled in two steps
  CHECK(std::abs(portable_exp(-740) - std::exp(-740)) <= 2 * std::numeric_limits<double>::denorm_min());
}

TEST_CASE("portable_log is within one ulp of std::log", "[portable_math]") {
  Stream s = unit_stream(6, 7, 8, 9, 10, UnitDraw::kValue);
  double worst = 0;
  for (int i = 0; i < 300000; ++i) {
    // Uniform in the exponent from 2^-1074 (subnormal) to 2^1023, and near 1.
    const double x = i < 200000 ? std::ldexp(1 + s.uniform(), static_cast<int>(s.uniform() * 2097) - 1074)
                                : 1 + (s.uniform() - 0.5) * 1e-3;
    worst = std::max(worst, ulps(portable_log(x), std::log(x)));
  }
  CHECK(worst <= 2);
  CHECK(portable_log(1) == 0);
  CHECK(portable_log(0) == -std::numeric_limits<double>::infinity());
  CHECK(std::isnan(portable_log(-1)));
  CHECK(portable_log(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
  CHECK(portable_log(std::numeric_limits<double>::denorm_min()) == Approx(-744.4400719213812).epsilon(1e-15));
  CHECK(portable_pow(1.08, -0.5) == Approx(std::pow(1.08, -0.5)).epsilon(1e-15));
}
