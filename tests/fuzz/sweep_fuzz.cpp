// libFuzzer target: a sweep file (any bytes) over a small valid scenario must be read into
// a Sweep or refused with an InputError, never a crash, a hang, another exception or
// undefined behaviour. Each input is written to a file beside the base scenario, since
// sweep files name their base relative to themselves.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "flowfolio/core/error.hpp"
#include "flowfolio/yaml/sweep_file.hpp"
#include "fuzz_scenario.hpp"

namespace {

// A folder of its own holding base.yaml, made once per process.
const std::string& folder() {
  static const std::string path = [] {
    char name[] = "/tmp/sweep_fuzz.XXXXXX";
    if (::mkdtemp(name) == nullptr) std::abort();
    std::ofstream(std::string(name) + "/base.yaml") << flowfolio::fuzz::kBaseScenario;
    return std::string(name);
  }();
  return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string file = folder() + "/sweep.yaml";
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                static_cast<std::streamsize>(size));
  try {
    const flowfolio::Sweep sweep = flowfolio::read_sweep_file(file);
    (void)sweep;
  } catch (const flowfolio::InputError& e) {
    if (e.diagnostics().empty()) __builtin_trap();  // an error must say what is wrong
  }
  return 0;
}
