// The what-if session: the page's inputs, its requests checked, and one rerun at a time,
// the newest request stopping an older one (what_if.hpp).
#include "server/what_if.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "flowfolio/core/error.hpp"
#include "flowfolio/stats/run_plan.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "studies/study.hpp"

namespace flowfolio::server {

namespace {
using nlohmann::json;

WhatIfInput keyed(DecisionInput input, double step) {
  std::string key = input.paths.front();
  return {.key = std::move(key), .input = std::move(input), .step = step};
}

// The optimize block's decisions as the report reads sensitivity inputs: decision_inputs()
// on a copy whose sensitivity block holds them gives each its unit and the scenario's value.
std::vector<DecisionInput> decisions_as_inputs(const Scenario& scenario) {
  if (scenario.optimize.decisions.empty()) return {};
  Scenario copy = scenario;
  copy.sensitivity.inputs = scenario.optimize.decisions;
  return decision_inputs(copy);
}

std::string known_keys(const std::vector<WhatIfInput>& inputs) {
  std::string known;
  for (const WhatIfInput& in : inputs) known += (known.empty() ? "" : ", ") + in.key;
  return known;
}

std::size_t input_position(const std::vector<WhatIfInput>& inputs, const std::string& key) {
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].key == key) return i;
  throw RequestError("settings: unknown input '" + key + "'; the inputs are " + known_keys(inputs));
}

double setting_value(const WhatIfInput& in, const json& value) {
  const std::string what = "settings." + in.key + " (" + in.input.name + ")";
  if (!value.is_number()) throw RequestError(what + ": " + value.dump() + " is not a number");
  const double x = value.get<double>();
  if (!(x >= in.input.low && x <= in.input.high))
    throw RequestError(what + ": " + study::number_short(x) + " is outside its range " +
                       study::number_short(in.input.low) + " to " + study::number_short(in.input.high));
  return x;
}

// A whole number from `low` to `high`, for trials and seed.
std::uint64_t whole(const json& value, const std::string& what, std::uint64_t low, std::uint64_t high) {
  // nlohmann reads a number without sign, fraction or exponent as unsigned.
  if (!value.is_number_unsigned()) throw RequestError(what + ": " + value.dump() + " is not a whole number");
  const std::uint64_t n = value.get<std::uint64_t>();
  if (n < low) throw RequestError(what + ": " + value.dump() + " is less than " + std::to_string(low));
  if (n > high)
    throw RequestError(what + ": " + value.dump() + " is more than a what-if rerun runs (at most " +
                       std::to_string(high) + "; the command line runs any number)");
  return n;
}

// A strategy's name, as the page's "measured against" choice sends it.
std::size_t baseline_position(const Scenario& scenario, const json& value) {
  std::string names;
  for (std::size_t s = 0; s < scenario.strategies.size(); ++s) {
    if (value.is_string() && value.get<std::string>() == scenario.strategies[s].name) return s;
    names += (s == 0 ? "" : ", ") + scenario.strategies[s].name;
  }
  throw RequestError("baseline: " + value.dump() + " is not a strategy of the scenario; the strategies are " +
                     names);
}
}  // namespace

std::vector<WhatIfInput> what_if_inputs(const Scenario& scenario, const std::string& resolved_yaml) {
  std::vector<WhatIfInput> inputs;
  if (scenario.sensitivity.inputs.empty()) {
    inputs = default_inputs(resolved_yaml);
  } else {
    for (DecisionInput& in : decision_inputs(scenario)) inputs.push_back(keyed(std::move(in), 0));
  }
  const std::vector<ScenarioInput>& decisions = scenario.optimize.decisions;
  std::vector<DecisionInput> as_inputs = decisions_as_inputs(scenario);
  for (std::size_t d = 0; d < as_inputs.size(); ++d) {
    const std::string& key = as_inputs[d].paths.front();
    const auto same = std::find_if(inputs.begin(), inputs.end(), [&](const WhatIfInput& in) { return in.key == key; });
    if (same == inputs.end()) {
      inputs.push_back(keyed(std::move(as_inputs[d]), decisions[d].step));
    } else if (same->factors.empty()) {
      // One slider per key path, over both blocks' ranges together.
      same->input.low = std::min(same->input.low, as_inputs[d].low);
      same->input.high = std::max(same->input.high, as_inputs[d].high);
    }
  }
  return inputs;
}

WhatIf::WhatIf(std::string text, std::string file)
    : text_(std::move(text)), file_(std::move(file)), resolved_(resolved_scenario_text(text_, file_, {})),
      base_(read_scenario_text(text_, file_)), inputs_(what_if_inputs(base_, resolved_)) {}

WhatIfRequest WhatIf::parse_request(const std::string& body) const {
  const json request = json::parse(body, nullptr, false);
  if (request.is_discarded()) throw RequestError("the request is not valid JSON");
  if (!request.is_object()) throw RequestError("the request must be a JSON object");
  WhatIfRequest parsed{.trials = kDefaultTrials, .seed = base_.seed};
  for (const auto& [field, value] : request.items()) {
    if (field == "trials") {
      parsed.trials = whole(value, "trials", 1, kMaxTrials);
    } else if (field == "seed") {
      parsed.seed = whole(value, "seed", 0, std::numeric_limits<std::uint64_t>::max());
    } else if (field == "baseline") {
      parsed.baseline = baseline_position(base_, value);
    } else if (field == "settings") {
      if (!value.is_object()) throw RequestError("settings must be an object of input keys and numbers");
      for (const auto& [key, x] : value.items()) {
        const std::size_t i = input_position(inputs_, key);
        parsed.settings.emplace_back(i, setting_value(inputs_[i], x));
      }
    } else {
      throw RequestError("unknown field '" + field + "'; a request has settings, trials, seed and baseline");
    }
  }
  std::sort(parsed.settings.begin(), parsed.settings.end());
  return parsed;
}

std::vector<std::string> WhatIf::overrides(const WhatIfRequest& request) const {
  std::vector<std::string> out;
  for (const auto& [i, x] : request.settings) {
    const WhatIfInput& in = inputs_[i];
    for (std::size_t p = 0; p < in.input.paths.size(); ++p)
      out.push_back(in.input.paths[p] + "=" + study::number_text(in.factors.empty() ? x : x * in.factors[p]));
  }
  return out;
}

Scenario WhatIf::scenario_with(const WhatIfRequest& request) const {
  const std::vector<std::string> settings = overrides(request);
  return settings.empty() ? base_ : read_scenario_text(text_, file_, settings);
}

std::string WhatIf::answer(const WhatIfRequest& request) {
  const Scenario scenario = scenario_with(request);
  // Exact statistics: the recommendation pairs every trial. Refused as the CLI refuses it.
  plan_run(scenario, {.trials = request.trials, .statistics = StatisticsChoice::kExact});
  std::uint64_t mine = 0;
  {
    const std::lock_guard lock(state_);
    mine = ++generation_;
    if (running_ != nullptr) running_->store(true);
  }
  std::atomic<bool> stop{false};
  const std::lock_guard one_at_a_time(run_);
  {
    const std::lock_guard lock(state_);
    if (generation_ != mine) throw Superseded();  // a newer request came while this one waited
    running_ = &stop;
  }
  struct Unregister {
    WhatIf& session;
    ~Unregister() {
      const std::lock_guard lock(session.state_);
      session.running_ = nullptr;
    }
  } unregister{*this};
  RunResults results;
  try {
    results = run(scenario, {.trials = request.trials, .seed = request.seed, .stop = &stop});
  } catch (const Interrupted&) {
    throw Superseded();
  }
  return what_if_answer_json(scenario, results, inputs_, request);
}

void WhatIf::cancel() {
  const std::lock_guard lock(state_);
  ++generation_;
  if (running_ != nullptr) running_->store(true);
}

}  // namespace flowfolio::server
