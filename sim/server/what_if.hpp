// The what-if page's API as plain functions, no HTTP (issue 19; docs/what-if.md): the
// scenario's inputs with their ranges, and a rerun of the scenario with some of them set,
// answered as JSON. The HTTP server (http_server.hpp) only moves bytes to and from here.
//
// Every rerun uses the base scenario's seed unless the request names another, so a change's
// effect is measured on the same futures as the base answer (common random numbers).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/studies/decision.hpp"

namespace flowfolio::server {

// One input the page offers a slider for. `key` names it in requests: its first key path.
// The scenario's `sensitivity:` inputs, then its `optimize:` decisions not already among
// them; with no sensitivity block, default_inputs() come first instead. Every input is a
// plain number set at key paths, as `--set` sets it.
struct WhatIfInput {
  std::string key;
  DecisionInput input;   // name, key paths, unit, the scenario's value, range
  double step = 0;       // an optimize decision's step; 0: any value in the range
  // Per key path, the factor its number is of the slider's (a lognormal's median moves
  // its p5 and p95 alike). Empty: each path takes the slider's value.
  std::vector<double> factors;
};

// A request the page should not have sent (malformed JSON, an unknown input, a value out of
// range, too many trials): the message names what is wrong, for a 400 answer.
struct RequestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The request was overtaken by a newer one before or while it ran; its answer is not wanted.
struct Superseded : std::runtime_error {
  Superseded() : std::runtime_error("a newer request replaced this one") {}
};

// The trials one request may ask for: enough for a refined answer, few enough that a slider
// never waits on a run of minutes. A request without "trials" gets kDefaultTrials.
inline constexpr std::uint64_t kMaxTrials = 100000;
inline constexpr std::uint64_t kDefaultTrials = 2000;

struct WhatIfRequest {
  std::vector<std::pair<std::size_t, double>> settings;  // (input position, value), by position
  std::uint64_t trials = kDefaultTrials;
  std::uint64_t seed = 0;
  std::size_t baseline = 0;  // the strategy the others are measured against, by position
};

// One page's session: the base scenario, its inputs, and the one simulation it runs at a
// time. Thread-safe: the server calls answer() from several threads; a newer call stops an
// older one's simulation, which then throws Superseded.
class WhatIf {
 public:
  // The scenario `text` read from `file` (which anchors its `extends:`). Throws InputError
  // as read_scenario_text does.
  WhatIf(std::string text, std::string file);

  const Scenario& scenario() const { return base_; }
  const std::vector<WhatIfInput>& inputs() const { return inputs_; }

  // The request's settings as `--set` arguments, "key.path=number", one per key path.
  std::vector<std::string> overrides(const WhatIfRequest& request) const;

  // POST /api/scenario (scenario_download.cpp): a YAML scenario that `extends:` the
  // original by its absolute path and sets exactly the request's key paths, for the
  // command line. A key path through a list of unnamed items (a strategy's `train`)
  // carries that list whole, as the scenario resolves it, since `extends:` replaces such
  // lists rather than merging them.
  std::string download_yaml(const WhatIfRequest& request) const;

  // GET /api/inputs: the scenario's name and title, its strategies, the baseline, the seed,
  // and every input (key, name, paths, unit, base, low, high, step). docs/what-if.md.
  std::string inputs_json() const;

  // The request's JSON, {"settings": {"key": number, ...}, "trials": N, "seed": S,
  // "baseline": "strategy"}, checked. Every key and field is optional; the baseline is the
  // scenario's first strategy unless named, as on the command line. Throws RequestError
  // naming the first problem.
  WhatIfRequest parse_request(const std::string& body) const;

  // The scenario with the request's settings. Throws InputError when a setting makes the
  // scenario invalid, naming the setting as `--set` problems are named.
  Scenario scenario_with(const WhatIfRequest& request) const;

  // POST /api/run: runs the request and answers (docs/what-if.md). Throws RequestError,
  // InputError (an invalid setting, or a run that would not fit in memory, as plan_run()
  // refuses it on the command line) or Superseded.
  std::string answer(const WhatIfRequest& request);
  std::string answer(const std::string& body) { return answer(parse_request(body)); }

  // Stops the simulation under way, if any (it throws Superseded). For shutting down; not
  // for signal handlers (it takes a lock).
  void cancel();

 private:
  std::string text_, file_;
  std::string resolved_;  // the scenario's extends chain resolved, one YAML document
  Scenario base_;
  std::vector<WhatIfInput> inputs_;

  std::mutex state_;                        // guards generation_ and running_
  std::uint64_t generation_ = 0;            // the newest request's number
  std::atomic<bool>* running_ = nullptr;    // the stop flag of the simulation under way
  std::mutex run_;                          // one simulation at a time
};

// The inputs of the page for `scenario`, whose resolved YAML text is `resolved_yaml`.
std::vector<WhatIfInput> what_if_inputs(const Scenario& scenario, const std::string& resolved_yaml);

// The inputs for a scenario without a `sensitivity:` block (default_inputs.cpp): each
// activity's demand (x0.5 to x2), incident probability (x0.25 to x4, at most 1) and
// incident severity median (x0.5 to x2; a plain amount, or a lognormal's `median`, or its
// p5 and p95 moved together), each training course's hours and gains (x0.5 to x2; a
// course written alike in several strategies is one input), each hire's count (1 to
// 2n + 1, whole). Numbers the YAML gives as distributions are left out.
std::vector<WhatIfInput> default_inputs(const std::string& resolved_yaml);

// The answer to a rerun (what_if_json.cpp): per strategy mean npv with its standard
// error, P5, CVaR95 and P(loss); every strategy's paired npv difference against the
// request's baseline with its 95% interval; the recommendation and its sentence, by the
// report's rule with that baseline. Requires: every trial of `results` kept, the request's
// baseline valid.
std::string what_if_answer_json(const Scenario& scenario, const RunResults& results,
                                const std::vector<WhatIfInput>& inputs, const WhatIfRequest& request);

}  // namespace flowfolio::server
