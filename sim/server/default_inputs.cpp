// The what-if page's inputs for a scenario without a `sensitivity:` block (what_if.hpp):
// the list, read from the resolved YAML so every input is a plain number at key
// paths, set as `--set` sets it and written as such into a downloaded scenario.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "server/what_if.hpp"

namespace flowfolio::server {

namespace {
using Paths = std::vector<std::string>;

// The number at a YAML node, or NaN (a distribution, a string, nothing).
double number_at(const YAML::Node& node) {
  if (!node || !node.IsScalar()) return std::nan("");
  try {
    return node.as<double>();
  } catch (const YAML::Exception&) {
    return std::nan("");
  }
}

WhatIfInput plain(std::string name, Paths paths, InputUnit unit, double base, double low, double high,
                  double step = 0) {
  std::string key = paths.front();
  return {.key = std::move(key),
          .input = {.name = std::move(name), .paths = std::move(paths), .unit = unit, .base = base,
                    .low = low, .high = high},
          .step = step};
}

std::string label_of(const YAML::Node& item) {
  const YAML::Node label = item["label"];
  return label && label.IsScalar() ? label.Scalar() : item["name"].Scalar();
}

// An incident's severity as one number: the plain amount, or a lognormal's median (given
// as `median`, or through p5 and p95, which then both move by the same factor).
void severity_input(const YAML::Node& severity, const std::string& at, const std::string& label,
                    std::vector<WhatIfInput>& out) {
  const std::string name = label + " incident severity (median)";
  if (const double x = number_at(severity); x > 0) {
    out.push_back(plain(label + " incident severity", {at}, InputUnit::kMoney, x, 0.5 * x, 2 * x));
    return;
  }
  const YAML::Node lognormal = severity.IsMap() ? severity["lognormal"] : YAML::Node();
  if (!lognormal || !lognormal.IsMap()) return;  // other shapes: no single median to move
  if (const double m = number_at(lognormal["median"]); m > 0) {
    out.push_back(plain(name, {at + ".lognormal.median"}, InputUnit::kMoney, m, 0.5 * m, 2 * m));
    return;
  }
  const double p5 = number_at(lognormal["p5"]), p95 = number_at(lognormal["p95"]);
  if (!(p5 > 0 && p95 > p5)) return;
  const double m = std::sqrt(p5 * p95);  // a lognormal's median, from its symmetric percentiles
  WhatIfInput in = plain(name, {at + ".lognormal.p5", at + ".lognormal.p95"}, InputUnit::kMoney, m, 0.5 * m, 2 * m);
  in.factors = {p5 / m, p95 / m};
  out.push_back(std::move(in));
}

void activity_inputs(const YAML::Node& activities, std::vector<WhatIfInput>& out) {
  for (const YAML::Node& act : activities) {
    const std::string at = "activities." + act["name"].Scalar();
    const std::string label = label_of(act);
    if (const double r = number_at(act["units_per_period"]); r > 0)
      out.push_back(plain(label + " demand (units a period)", {at + ".units_per_period"}, InputUnit::kNumber, r,
                          0.5 * r, 2 * r));
    const YAML::Node incident = act["incident"];
    if (!incident || !incident.IsMap()) continue;
    if (const double p = number_at(incident["probability"]); p > 0 && p < 1)
      out.push_back(plain(label + " incident probability", {at + ".incident.probability"}, InputUnit::kShare, p,
                          0.25 * p, std::min(1.0, 4 * p)));
    if (incident["severity"]) severity_input(incident["severity"], at + ".incident.severity", label, out);
  }
}

// One input per training course and number; a course written the same in several
// strategies (same person, weeks, hours and gain) is one input over all of them.
void training_inputs(const YAML::Node& strategies, std::vector<WhatIfInput>& out) {
  struct Course {
    std::string who;
    YAML::Node item;
    Paths at;  // "strategies.S.train.i" per strategy
  };
  std::vector<Course> courses;
  std::map<std::string, std::size_t> seen;  // the course as YAML -> its position
  for (const YAML::Node& s : strategies) {
    const YAML::Node train = s["train"];
    if (!train || !train.IsSequence()) continue;
    for (std::size_t i = 0; i < train.size(); ++i) {
      const std::string at = "strategies." + s["name"].Scalar() + ".train." + std::to_string(i);
      const std::string same = YAML::Dump(train[i]);
      const auto [it, fresh] = seen.emplace(same, courses.size());
      if (fresh) courses.push_back({train[i]["who"] ? train[i]["who"].Scalar() : "?", train[i], {}});
      courses[it->second].at.push_back(at);
    }
  }
  for (const Course& c : courses) {
    const auto paths = [&](const std::string& tail) {
      Paths p;
      for (const std::string& at : c.at) p.push_back(at + tail);
      return p;
    };
    const std::string whose = " (" + c.who + (c.at.size() > 1 ? ", " + std::to_string(c.at.size()) + " strategies" : "") + ")";
    if (const double h = number_at(c.item["hours_per_period"]); h > 0)
      out.push_back(plain("training hours a period" + whose, paths(".hours_per_period"), InputUnit::kNumber, h,
                          0.5 * h, 2 * h));
    const YAML::Node gain = c.item["gain"];
    for (const char* skill : {"online", "domain"})
      if (const double g = gain && gain.IsMap() ? number_at(gain[skill]) : 0.0; g > 0)
        out.push_back(plain("training gain, " + std::string(skill) + " per hour" + whose,
                            paths(".gain." + std::string(skill)), InputUnit::kNumber, g, 0.5 * g, 2 * g));
  }
}

void hire_inputs(const YAML::Node& strategies, std::vector<WhatIfInput>& out) {
  for (const YAML::Node& s : strategies) {
    const YAML::Node hire = s["hire"];
    if (!hire || !hire.IsSequence()) continue;
    for (std::size_t i = 0; i < hire.size(); ++i) {
      const double n = number_at(hire[i]["count"]);
      if (!(n >= 1) || n != std::floor(n)) continue;
      const std::string who = hire[i]["profile"] ? hire[i]["profile"].Scalar() : "people";
      out.push_back(plain(label_of(s) + ": " + who + "s hired",
                          {"strategies." + s["name"].Scalar() + ".hire." + std::to_string(i) + ".count"},
                          InputUnit::kNumber, n, 1, 2 * n + 1, 1));
    }
  }
}
}  // namespace

std::vector<WhatIfInput> default_inputs(const std::string& resolved_yaml) {
  const YAML::Node root = YAML::Load(resolved_yaml);
  std::vector<WhatIfInput> out;
  if (root["activities"] && root["activities"].IsSequence()) activity_inputs(root["activities"], out);
  if (root["strategies"] && root["strategies"].IsSequence()) {
    training_inputs(root["strategies"], out);
    hire_inputs(root["strategies"], out);
  }
  return out;
}

}  // namespace flowfolio::server
