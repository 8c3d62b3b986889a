// Shared helpers of the tests.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "flowfolio/yaml/scenario_reader.hpp"

namespace flowfolio::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(FLOWFOLIO_SOURCE_DIR) + "/" + relative;
}

// A small valid scenario; tests append or replace text to make the case they need.
// One activity worked in flow by one person of fixed skill, everything else off.
inline std::string tiny_scenario(const std::string& extra_model = "") {
  return R"(name: tiny
horizon: 4
periods_per_year: 1
trials: 10
seed: 7
model: {success_max: 1, success_slope: 1000)" + extra_model + R"(}
activities:
  - name: work
    challenge: {online: 0.5, domain: 0.5}
    hours_per_unit: 2
    units_per_period: 3
    value: 100
    cost: 10
profiles:
  - name: worker
    online: 0.5
    domain: 0.5
    salary_per_period: 50
    hours_per_period: 10
staff:
  - {profile: worker, count: 1}
strategies:
  - name: base
)";
}

// `text` with the first `from` replaced by `to`; `from` must be there.
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

inline Scenario parse(const std::string& yaml) { return read_scenario_text(yaml, "test.yaml"); }

}  // namespace flowfolio::testing
