// libFuzzer target: --set arguments (one a line) applied to a small valid scenario must
// give a valid Scenario or an InputError, never a crash, a hang, another exception or
// undefined behaviour; whatever the values hold (aliases, documents, bytes).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "flowfolio/yaml/scenario_reader.hpp"
#include "fuzz_scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  for (std::size_t start = 0; start <= text.size() && overrides.size() < 64;) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    overrides.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  try {
    const flowfolio::Scenario s = flowfolio::read_scenario_text(flowfolio::fuzz::kBaseScenario, "fuzz.yaml", overrides);
    (void)s;
  } catch (const flowfolio::InputError& e) {
    if (e.diagnostics().empty()) __builtin_trap();  // an error must say what is wrong
  }
  return 0;
}
