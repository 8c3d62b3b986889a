// libFuzzer target: the scenario reader must answer any bytes with a valid Scenario or an
// InputError, never a crash, a hang, another exception or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "flowfolio/yaml/scenario_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const flowfolio::Scenario s = flowfolio::read_scenario_text(text, "fuzz.yaml");
    (void)s;
  } catch (const flowfolio::InputError& e) {
    if (e.diagnostics().empty()) __builtin_trap();  // an error must say what is wrong
  }
  return 0;
}
