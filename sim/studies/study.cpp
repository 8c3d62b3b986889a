#include "studies/study.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "flowfolio/core/random.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/stats/tail_confidence.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio::study {

std::string number_text(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

std::string number_short(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", x);
  return buffer;
}

Scenario scenario_with(const std::string& text, const std::string& file, const std::vector<std::string>& overrides,
                       std::span<const ScenarioInput> inputs, std::span<const double> values,
                       const std::string& what, const Diagnostic& at) {
  std::vector<std::string> settings = overrides;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (std::isnan(values[i])) continue;
    for (const std::string& key_path : inputs[i].paths) settings.push_back(key_path + "=" + number_text(values[i]));
  }
  try {
    return read_scenario_text(text, file, settings);
  } catch (const InputError& e) {
    std::vector<Diagnostic> problems;
    for (const Diagnostic& cause : e.diagnostics()) {
      Diagnostic problem = at;
      problem.message = what + " makes the scenario invalid: " + cause.to_string();
      problems.push_back(std::move(problem));
    }
    throw InputError(std::move(problems));
  }
}

void check_ends(const std::string& text, const std::string& file, const std::vector<std::string>& overrides,
                std::span<const ScenarioInput> inputs, const std::vector<std::vector<double>>& ends) {
  std::vector<Diagnostic> problems;
  std::vector<double> x(inputs.size(), std::nan(""));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (double v : ends[i]) {
      x[i] = v;
      try {
        scenario_with(text, file, overrides, inputs, x, "the value " + number_text(v), inputs[i].where);
      } catch (const InputError& e) {
        problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
        break;  // one value is enough to show what is wrong with this input
      }
    }
    x[i] = std::nan("");
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

void keep_strategies(Scenario& scenario, const std::vector<int>& positions) {
  std::vector<Strategy> kept;
  for (int s : positions) kept.push_back(scenario.strategies[s]);
  scenario.strategies = std::move(kept);
}

std::vector<double> shifted_sobol_points(std::size_t d, std::size_t n, std::uint64_t seed) {
  // The shift's words come from a keyed stream far from any the simulation uses.
  constexpr std::uint64_t kDesign = std::uint64_t{1} << 40;
  boost::random::sobol_engine<std::uint64_t, 64> sequence(d);
  std::vector<std::uint64_t> shift(d);
  Stream shifts(seed, 0, StreamKind::kMarket, 0, kDesign, 0, 0);
  for (std::uint64_t& word : shift) word = shifts();
  std::vector<double> points(n * d);
  for (std::size_t k = 0; k < n * d; ++k)
    points[k] = static_cast<double>((sequence() ^ shift[k % d]) >> 11) * 0x1.0p-53;
  return points;
}

double cvar_standard_error(std::span<const double> sorted, double level) {
  return cvar_estimate(sorted, level).se;
}

}  // namespace flowfolio::study
