// libFuzzer target: a history's three files (any bytes, split at lines holding only "%%")
// read against a small scenario must give a History or an InputError that says what is
// wrong, never a crash, a hang, another exception or undefined behaviour; and a history
// that reads must calibrate. An odd first byte also gives --start, so dates are read too.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "flowfolio/calibration/calibration.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace {

// Two activities with incidents and two profiles: every column has something to name.
const char* const kScenario = R"(name: fuzz
horizon: 4
activities:
  - {name: post, challenge: {online: 0.5, domain: 0.3}, hours_per_unit: 1, units_per_period: 3, value: 10,
     incident: {probability: 0.01, severity: {lognormal: {median: 100, sigma: 1}}}}
  - {name: campaign, challenge: {online: 0.7, domain: 0.9}, hours_per_unit: 4, units_per_period: 1, value: 100,
     incident: {probability: 0.001, severity: 1000}}
profiles:
  - {name: veteran, online: 0.3, domain: 0.8, salary_per_period: 50, hours_per_period: 10, learning_rate: 0.01}
  - {name: intern, online: {pert: [0.5, 0.7, 0.9]}, domain: 0.1, salary_per_period: 50, hours_per_period: 10}
staff: [{profile: veteran, count: 2}]
strategies:
  - name: base
    hire: [{profile: intern, count: 1}]
)";

// A folder of its own for the three files, made once per process.
const std::string& folder() {
  static const std::string path = [] {
    char name[] = "/tmp/history_fuzz.XXXXXX";
    if (::mkdtemp(name) == nullptr) std::abort();
    return std::string(name);
  }();
  return path;
}

std::string write(const std::string& name, const std::string& text) {
  const std::string path = folder() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const flowfolio::Scenario scenario = flowfolio::read_scenario_text(kScenario, "fuzz.yaml");
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string parts[3];
  std::size_t part = 0, at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    if (line == "%%" && part < 2) ++part;
    else parts[part] += line + (end < text.size() ? "\n" : "");
    at = end + 1;
  }
  const flowfolio::HistoryFiles files{.work = write("work.csv", parts[0]), .incidents = write("incidents.csv", parts[1]),
                                     .ramp = part == 2 ? write("ramp.csv", parts[2]) : "",
                                     .start = size > 0 && (data[0] & 1) ? "2024-01-01" : ""};
  try {
    const flowfolio::History history = flowfolio::read_history(scenario, files);
    if (history.periods > 200) return 0;  // a long history calibrates slowly, not wrongly
    const flowfolio::Calibration c = flowfolio::calibrate(scenario, history, {.trials = 3, .seed = 1});
    (void)flowfolio::calibrated_yaml(scenario, c, "/fuzz.yaml");
    (void)flowfolio::calibration_json(scenario, c);
  } catch (const flowfolio::InputError& e) {
    if (e.diagnostics().empty()) __builtin_trap();  // an error must say what is wrong
  }
  return 0;
}
