// Which assumptions the decision analysis moves, and how it sets them (decision.hpp).
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>

#include "flowfolio/studies/decision.hpp"

namespace flowfolio {

namespace {
bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// How a key path's number reads, from what the path names.
InputUnit unit_of(const std::string& path) {
  const std::string last = path.substr(path.rfind('.') + 1);
  if (last == "probability" || last == "attrition_hazard") return InputUnit::kShare;
  if (last == "salary_per_period" || last == "hire_cost" || last == "cost_per_person_per_period" ||
      last == "catastrophe")
    return InputUnit::kMoney;
  // A parameter of a money distribution, unless it is a shape (sigma, lambda, a, b).
  const bool shape = last == "sigma" || last == "lambda" || last == "a" || last == "b";
  for (const char* money : {".value", ".cost", ".severity", ".unmet_cost"}) {
    const std::string key = money;
    if (!shape && (path.find(key + ".") != std::string::npos || ends_with(path, key)))
      return InputUnit::kMoney;
  }
  return InputUnit::kNumber;
}

double number_or_nan(const std::string& text) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() ? x : std::nan("");
}

// A distribution moved by a factor: money when the scenario gives a plain number.
DecisionInput scaled_input(DecisionInput::Kind kind, std::size_t item, std::string name, std::string path,
                           const Distribution& d, double low, double high, InputUnit plain) {
  DecisionInput input{.kind = kind, .item = item, .name = std::move(name), .paths = {std::move(path)}};
  if (d.is_fixed()) {
    const double x = d.mean();
    input.unit = plain;
    input.base = x;
    input.low = low * x;
    input.high = high * x;
  } else {
    input.unit = InputUnit::kMultiplier;
    input.base = 1;
    input.low = low;
    input.high = high;
  }
  return input;
}

void automatic_inputs(const Scenario& s, std::vector<DecisionInput>& inputs) {
  using Kind = DecisionInput::Kind;
  for (std::size_t a = 0; a < s.activities.size(); ++a) {
    const Activity& act = s.activities[a];
    // An activity no strategy has demand for: none of its numbers can matter.
    bool worked = false;
    for (const Strategy& strategy : s.strategies) worked = worked || strategy.rate(s.activities, a) > 0;
    if (!worked) continue;
    const std::string at = "activities." + act.name;
    if (act.incident_probability > 0) {
      const double p = act.incident_probability;
      inputs.push_back({.kind = Kind::kIncidentProbability, .item = a, .name = act.name + " incident probability",
                        .paths = {at + ".incident.probability"}, .unit = InputUnit::kShare,
                        .base = p, .low = 0.5 * p, .high = std::min(1.0, 2 * p)});
      if (!(inputs.back().high > inputs.back().low)) inputs.pop_back();  // p = 1: nowhere to go
    }
    if (!(act.severity.is_fixed() && act.severity.mean() == 0))
      inputs.push_back(scaled_input(Kind::kSeverity, a, act.name + " incident severity", at + ".incident.severity",
                                    act.severity, 0.5, 2, InputUnit::kMoney));
    if (!(act.value.is_fixed() && act.value.mean() == 0))
      inputs.push_back(scaled_input(Kind::kValue, a, act.name + " value", at + ".value", act.value, 0.75, 1.25,
                                    InputUnit::kMoney));
    if (act.units_per_period > 0) {
      const double r = act.units_per_period;
      inputs.push_back({.kind = Kind::kDemand, .item = a, .name = act.name + " demand",
                        .paths = {at + ".units_per_period"}, .unit = InputUnit::kNumber,
                        .base = r, .low = 0.5 * r, .high = 1.5 * r});
    }
  }
  for (std::size_t p = 0; p < s.profiles.size(); ++p) {
    const Profile& pr = s.profiles[p];
    const Distribution& eta = pr.learning_rate;
    if (eta.mean() > 0)
      inputs.push_back(scaled_input(Kind::kLearningRate, p, pr.name + " learning rate",
                                    "profiles." + pr.name + ".learning_rate", eta, 0.5, 1.5,
                                    InputUnit::kNumber));
  }
}
}  // namespace

std::vector<DecisionInput> decision_inputs(const Scenario& scenario) {
  std::vector<DecisionInput> inputs;
  const std::vector<ScenarioInput>& block = scenario.sensitivity.inputs;
  for (std::size_t i = 0; i < block.size(); ++i) {
    const ScenarioInput& in = block[i];
    inputs.push_back({.kind = DecisionInput::Kind::kKeyPaths, .item = i, .name = in.name, .paths = in.paths,
                      .unit = unit_of(in.paths.front()), .base = number_or_nan(in.base),
                      .low = in.low, .high = in.high});
  }
  if (inputs.empty()) automatic_inputs(scenario, inputs);
  return inputs;
}

Scenario with_decision_input(Scenario s, const DecisionInput& input, double value) {
  assert(input.kind != DecisionInput::Kind::kKeyPaths && value > 0);
  // A factor on the distribution as written, or the plain number itself.
  const auto scaled = [&](const Distribution& d) {
    return input.unit == InputUnit::kMultiplier ? d.scaled(value) : Distribution::fixed(value);
  };
  switch (input.kind) {
    case DecisionInput::Kind::kIncidentProbability:
      s.activities[input.item].incident_probability = std::min(1.0, value);
      break;
    case DecisionInput::Kind::kSeverity:
      s.activities[input.item].severity = scaled(s.activities[input.item].severity);
      break;
    case DecisionInput::Kind::kValue:
      s.activities[input.item].value = scaled(s.activities[input.item].value);
      break;
    case DecisionInput::Kind::kDemand:
      s.activities[input.item].units_per_period = value;
      break;
    case DecisionInput::Kind::kLearningRate:
      s.profiles[input.item].learning_rate = scaled(s.profiles[input.item].learning_rate);
      break;
    case DecisionInput::Kind::kKeyPaths:
      break;
  }
  return s;
}

}  // namespace flowfolio
