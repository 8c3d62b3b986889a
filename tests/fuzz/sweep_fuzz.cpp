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

#include "flowfolio/error.hpp"
#include "flowfolio/sweep.hpp"

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
  - name: more
    hire: [{profile: worker, count: 1, at: 1}]
)";

// A folder of its own holding base.yaml, made once per process.
const std::string& folder() {
  static const std::string path = [] {
    char name[] = "/tmp/sweep_fuzz.XXXXXX";
    if (::mkdtemp(name) == nullptr) std::abort();
    std::ofstream(std::string(name) + "/base.yaml") << kBase;
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
