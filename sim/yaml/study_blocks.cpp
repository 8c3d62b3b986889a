// The study blocks of a scenario: `sensitivity:` (docs/sensitivity.md) and `optimize:`
// (docs/frontier.md), each a list of inputs or decisions at key paths of the scenario.
#include "yaml/study_blocks.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "yaml/key_path.hpp"

namespace flowfolio {

namespace {
// The value a key path holds, as the scenario writes it: "default" when it is not given.
std::string value_as_written(const YAML::Node& old) {
  if (!old || old.IsNull()) return "default";
  if (old.IsScalar()) return old.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << old;
  return out.c_str();
}
}  // namespace

// The `sensitivity:` block (docs/sensitivity.md).
void StudyBlocks::sensitivity(const YAML::Node& node, const YAML::Node& root,
                              const Keys& strategy_names, SensitivitySpec& spec) {
  const std::string path = "sensitivity";
  const MapView m =
      f_.map(node, path, "sensitivity");
  if (!m.ok_) return;
  f_.read_count(m, path, "trials", 2, kMaxTrials, spec.trials);
  f_.read_count(m, path, "samples", 2, 1'000'000, spec.samples);
  f_.read_count(m, path, "bootstrap", 2, 100'000, spec.bootstrap);

  const auto list = [&](const char* key) { return f_.list_of(m, path, key); };
  if (const auto* outputs = list("outputs")) {
    spec.outputs.clear();
    const Keys known = {"mean_npv", "cvar95", "p_loss"};
    for (std::size_t i = 0; i < outputs->size(); ++i) {
      const int k = f_.lookup((*outputs)[i], item(child(path, "outputs"), i), known, "output");
      if (k < 0) continue;
      const auto output = static_cast<SensitivityOutput>(k);
      if (std::find(spec.outputs.begin(), spec.outputs.end(), output) != spec.outputs.end()) {
        f_.error((*outputs)[i], item(child(path, "outputs"), i),
                 "'" + known[k] + "' is listed twice");
      } else {
        spec.outputs.push_back(output);
      }
    }
    if (outputs->size() == 0)
      f_.error(*outputs, child(path, "outputs"), "give at least one of " + join(known));
  }
  if (const auto* strategies = list("strategies"))
    spec.strategies = strategy_list(*strategies, child(path, "strategies"), strategy_names);
  if (const auto* differences = list("differences")) {
    for (std::size_t i = 0; i < differences->size(); ++i) {
      const YAML::Node pair = (*differences)[i];
      const std::string p = item(child(path, "differences"), i);
      if (!pair.IsSequence() || pair.size() != 2) {
        f_.error(pair, p,
                 "expected a pair [a, b] of strategies (the mean npv difference a - b), got " +
                     describe_kind(pair));
        continue;
      }
      const int a = f_.lookup(pair[0], item(p, 0), strategy_names, "strategy");
      const int b = f_.lookup(pair[1], item(p, 1), strategy_names, "strategy");
      if (a >= 0 && a == b) f_.error(pair, p, "a strategy compared with itself");
      if (a >= 0 && b >= 0 && a != b) spec.differences.emplace_back(a, b);
    }
  }
  spec.inputs = scenario_inputs(list("inputs"), child(path, "inputs"), root, false);
}

std::vector<int> StudyBlocks::strategy_list(const YAML::Node& node, const std::string& path,
                                            const Keys& strategy_names) {
  std::vector<int> out;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const int k = f_.lookup(node[i], item(path, i), strategy_names, "strategy");
    if (k < 0) continue;
    if (std::find(out.begin(), out.end(), k) != out.end()) {
      f_.error(node[i], item(path, i), "'" + strategy_names[k] + "' is listed twice");
    } else {
      out.push_back(k);
    }
  }
  return out;
}

// A list of inputs (sensitivity) or decisions (optimize): each a number at key paths.
std::vector<ScenarioInput> StudyBlocks::scenario_inputs(const YAML::Node* inputs,
                                                        const std::string& path,
                                                        const YAML::Node& root, bool decision) {
  std::vector<ScenarioInput> out;
  if (!inputs) return out;
  if (inputs->size() == 0)
    f_.error(*inputs, path, decision ? "give at least one decision" : "give at least one input");
  if (inputs->size() > 100) {
    f_.error(*inputs, path, std::to_string(inputs->size()) + " entries; at most 100");
    return out;
  }
  std::map<std::string, std::string> owner;  // key path -> the input that sets it
  for (std::size_t i = 0; i < inputs->size(); ++i) {
    const YAML::Node entry = (*inputs)[i];
    auto input = scenario_input(entry, item(path, i), root, decision);
    if (!input) continue;
    for (const std::string& key_path : input->paths) {
      if (const auto it = owner.find(key_path); it != owner.end()) {
        f_.error(entry, input->where.path,
                 "sets " + key_path + ", which input '" + it->second + "' sets too");
      }
      owner.emplace(key_path, input->name);
    }
    out.push_back(std::move(*input));
  }
  return out;
}

// The `optimize:` block (docs/frontier.md).
void StudyBlocks::optimize(const YAML::Node& node, const YAML::Node& root,
                           const Keys& strategy_names, OptimizeSpec& spec) {
  const std::string path = "optimize";
  const MapView m = f_.map(node, path, "optimize");
  if (!m.ok_) return;
  f_.read_count(m, path, "trials", 2, kMaxTrials, spec.trials);
  f_.read_count(m, path, "candidates", 1, 100'000, spec.candidates);
  f_.read_count(m, path, "refine", 0, 20, spec.refine);
  if (m.get("screening_trials")) {
    std::uint64_t budget = 0;
    f_.read_count(m, path, "screening_trials", 0, kMaxTrials, budget);
    spec.screening_trials = budget;
  }
  f_.read_count(m, path, "confirm_trials", 0, kMaxTrials, spec.confirm_trials);
  f_.read_count(m, path, "confirm_max_trials", 1, kMaxTrials, spec.confirm_max_trials);
  f_.read_count(m, path, "confirm_candidates", 1, 100, spec.confirm_candidates);
  if (const auto* v = m.get("confirm_seed")) spec.confirm_seed = f_.whole(*v, child(path, "confirm_seed"), 0);
  if (spec.confirm_max_trials < spec.confirm_trials)
    spec.confirm_max_trials = spec.confirm_trials;  // the floor wins: a cap below it is no cap
  if (const auto* o = m.get("objective"))
    f_.lookup(*o, child(path, "objective"), {"mean_npv"}, "objective");
  if (const auto* r = m.get("risk")) {
    const int k = f_.lookup(*r, child(path, "risk"), {"cvar95", "p_loss"}, "risk measure");
    if (k >= 0) spec.risk = static_cast<RiskMeasure>(k);
  }
  if (const auto* c = m.get("constraints")) {
    const std::string cpath = child(path, "constraints");
    const MapView cm = f_.map(*c, cpath, "constraints");
    if (const auto* v = cm.get("cvar95")) spec.max_cvar95 = f_.number(*v, child(cpath, "cvar95"));
    if (const auto* v = cm.get("p_loss"))
      spec.max_p_loss = f_.number(*v, child(cpath, "p_loss"), Range::kUnit);
    if (const auto* v = cm.get("cost"))
      spec.max_cost = f_.number(*v, child(cpath, "cost"), Range::kNonNegative);
  }
  if (const auto* strategies = f_.list_of(m, path, "strategies"))
    spec.strategies = strategy_list(*strategies, child(path, "strategies"), strategy_names);
  spec.decisions =
      scenario_inputs(f_.list_of(m, path, "decisions"), child(path, "decisions"), root, true);
}

std::optional<ScenarioInput> StudyBlocks::scenario_input(const YAML::Node& node,
                                                         const std::string& path,
                                                         const YAML::Node& root, bool decision) {
  const MapView m = f_.map(node, path, decision ? "decision" : "sensitivity_input");
  if (!m.ok_) return std::nullopt;
  ScenarioInput input;
  input.where = f_.locate(node, path, "");
  const std::size_t errors = f_.diagnostics().size();
  read_paths(*m.get("path"), child(path, "path"), root, input);
  input.name = input.paths.empty() ? "" : input.paths.front();
  if (const auto* n = m.get("name"))
    input.name = f_.name(*n, child(path, "name")).value_or(input.name);
  const auto* range = m.get("range");
  const auto* distribution_node = m.get("distribution");
  if (range) {
    if (const auto v = f_.numbers(*range, child(path, "range"), 2)) {
      if (!((*v)[0] < (*v)[1])) {
        f_.error(*range, child(path, "range"), "must be [low, high] with low < high");
      } else {
        input.low = (*v)[0];
        input.high = (*v)[1];
        input.distribution = Distribution::uniform(input.low, input.high);
      }
    }
  }
  if (distribution_node) {
    input.distribution = f_.distribution(*distribution_node, child(path, "distribution"), false);
    if (input.distribution.is_fixed()) {
      f_.error(*distribution_node, child(path, "distribution"),
               "a fixed value has no uncertainty to explain");
    } else if (!range) {
      // The tornado moves the input across the central 90% of its distribution.
      input.low = input.distribution.quantile(0.05);
      input.high = input.distribution.quantile(0.95);
      if (!(input.low < input.high)) {
        f_.error(*distribution_node, child(path, "distribution"),
                 "its 5% and 95% quantiles are equal; give a range for the tornado");
      }
    }
  }
  if (const auto* step = m.get("step")) {
    const auto v = f_.number(*step, child(path, "step"), Range::kPositive);
    if (v && range && input.high > input.low && *v > input.high - input.low) {
      f_.error(*step, child(path, "step"), "is wider than the range");
    } else if (v) {
      input.step = *v;
    }
  }
  if (!decision && !range && !distribution_node)
    f_.error(node, path,
             "give a range [low, high], a distribution, or both (the range is the tornado's)");
  if (f_.diagnostics().size() != errors) return std::nullopt;
  return input;
}

// The input's key paths (one, or a list set together), each checked to lead to a value
// of the scenario, and its base: the value the scenario holds there, as written.
void StudyBlocks::read_paths(const YAML::Node& paths, const std::string& path,
                             const YAML::Node& root, ScenarioInput& input) {
  std::vector<std::pair<YAML::Node, std::string>> given;  // (node, key path)
  if (paths.IsSequence() && paths.size() > 0) {
    for (std::size_t k = 0; k < paths.size(); ++k) given.emplace_back(paths[k], item(path, k));
  } else {
    given.emplace_back(paths, path);
  }
  for (const auto& [at, p] : given) {
    const auto key_path = f_.text(at, p);
    if (!key_path) continue;
    if (key_path->rfind("sensitivity", 0) == 0 || key_path->rfind("optimize", 0) == 0 ||
        *key_path == "name") {
      f_.error(at, p, "'" + *key_path + "' is not an input of the simulation");
      continue;
    }
    try {
      const YAML::Node old = value_at_key_path(root, *key_path);
      const std::string base = value_as_written(old);
      // Paths set together may hold different values as written: no single base then.
      if (input.paths.empty())
        input.base = base;
      else if (base != input.base)
        input.base = "differs by path";
      input.paths.push_back(*key_path);
    } catch (const std::invalid_argument& e) {
      f_.error(at, p, "the key path " + *key_path + " does not lead to a value: " + e.what());
    }
  }
}

}  // namespace flowfolio
