#include <benchmark/benchmark.h>

#include <cmath>

#include "flowfolio/core/distribution.hpp"
#include "flowfolio/core/portable_math.hpp"

namespace {
void draw(benchmark::State& state, const flowfolio::Distribution& d) {
  flowfolio::Stream s = flowfolio::market_stream(1, 2, 3);
  for (auto _ : state) benchmark::DoNotOptimize(d.sample(s));
  state.SetItemsProcessed(state.iterations());
}
}  // namespace

BENCHMARK_CAPTURE(draw, fixed, flowfolio::Distribution::fixed(1));
BENCHMARK_CAPTURE(draw, uniform, flowfolio::Distribution::uniform(0, 1));
BENCHMARK_CAPTURE(draw, triangular, flowfolio::Distribution::triangular(0, 1, 3));
BENCHMARK_CAPTURE(draw, pert, flowfolio::Distribution::pert(5000, 15000, 60000));
BENCHMARK_CAPTURE(draw, normal, flowfolio::Distribution::normal(0, 1));
BENCHMARK_CAPTURE(draw, lognormal, flowfolio::Distribution::lognormal_interval(20, 400));
BENCHMARK_CAPTURE(draw, beta, flowfolio::Distribution::beta(2, 5));
BENCHMARK_CAPTURE(draw, discrete, flowfolio::Distribution::discrete({1, 2, 3, 4}, {1, 2, 3, 4}));

// The kernels of a unit's value and cost draws by inversion (engine draw_luck).
namespace {
void invert(benchmark::State& state, const flowfolio::Distribution& d) {
  std::uint64_t word = 0x9E3779B97F4A7C15ull;
  for (auto _ : state) {
    word = word * 6364136223846793005ull + 1442695040888963407ull;
    benchmark::DoNotOptimize(d.invert(flowfolio::open_uniform_from(word)));
  }
  state.SetItemsProcessed(state.iterations());
}

// exp and log, fdlibm's (portable_math.hpp) against the C library's.
void math(benchmark::State& state, double (*f)(double), double lo, double hi) {
  double x = lo;
  const double step = (hi - lo) / 1000.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f(x));
    x = x + step > hi ? lo : x + step;
  }
  state.SetItemsProcessed(state.iterations());
}
double libc_exp(double x) { return std::exp(x); }
double libc_log(double x) { return std::log(x); }
}  // namespace

BENCHMARK_CAPTURE(invert, normal, flowfolio::Distribution::normal(0, 1));
BENCHMARK_CAPTURE(invert, lognormal, flowfolio::Distribution::lognormal_interval(20, 400));
BENCHMARK_CAPTURE(invert, triangular, flowfolio::Distribution::triangular(0, 1, 3));
BENCHMARK_CAPTURE(math, portable_exp, flowfolio::portable_exp, -5.0, 5.0);
BENCHMARK_CAPTURE(math, libc_exp, libc_exp, -5.0, 5.0);
BENCHMARK_CAPTURE(math, portable_log, flowfolio::portable_log, 1e-3, 1e3);
BENCHMARK_CAPTURE(math, libc_log, libc_log, 1e-3, 1e3);
