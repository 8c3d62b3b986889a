// The small valid scenario that the --set and sweep fuzz targets vary.
#pragma once

namespace flowfolio::fuzz {

inline const char* const kBaseScenario = R"(name: fuzz
horizon: 4
activities:
  - {name: work, challenge: {online: 0.5, domain: 0.5}, hours_per_unit: 2, units_per_period: 3, value: 100}
profiles:
  - {name: worker, online: 0.5, domain: 0.5, salary_per_period: 50, hours_per_period: 10}
staff: [{profile: worker, count: 1}]
strategies:
  - name: base
    hire: [{profile: worker, count: 1, at: 1}]
  - name: more
    hire: [{profile: worker, count: 2, at: 1}]
)";

}  // namespace flowfolio::fuzz
