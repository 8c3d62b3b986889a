// libFuzzer target: --set arguments (one a line) applied to a small valid scenario must
// give a valid Scenario or an InputError, never a crash, a hang, another exception or
// undefined behaviour; whatever the values hold (aliases, documents, bytes).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "flowfolio/scenario.hpp"

namespace {
const char* const kBase = R"(name: fuzz
horizon: 4
activities:
  - {name: work, challenge: {online: 0.5, domain: 0.5}, hours_per_unit: 2, units_per_period: 3, value: 100}
profiles:
  - {name: worker, online: 0.5, domain: 0.5, salary_per_period: 50, hours_per_period: 10}
staff: [{profile: worker, count: 1}]
strategies:
  - name: base
    hire: [{profile: worker, count: 1, at: 1}]
)";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  for (std::size_t start = 0; start <= text.size() && overrides.size() < 64;) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    overrides.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  try {
    const flowfolio::Scenario s = flowfolio::read_scenario_text(kBase, "fuzz.yaml", overrides);
    (void)s;
  } catch (const flowfolio::InputError& e) {
    if (e.diagnostics().empty()) __builtin_trap();  // an error must say what is wrong
  }
  return 0;
}
