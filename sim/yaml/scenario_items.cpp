// The named lists of a scenario (activities, profiles), headcounts (staff and hires)
// and the correlations between activities' markets.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "yaml/scenario_schema.hpp"

namespace flowfolio {

namespace {
constexpr double kLargestVolatility = 5;
}  // namespace

Activity ScenarioSchema::activity(const YAML::Node& node, const std::string& path) {
  Activity a;
  const MapView m = map(node, path, "activity");
  if (!m.ok_) return a;
  if (const auto* n = m.get("name")) a.name = name(*n, child(path, "name")).value_or("");
  if (const auto* l = m.get("label")) a.label = name(*l, child(path, "label")).value_or("");
  read_text(m, "description", path, a.description);
  if (const auto* c = m.get("challenge")) {
    const std::string cpath = child(path, "challenge");
    const MapView cm = map(*c, cpath, "challenge");
    read_number(cm, "online", cpath, Range::kUnit, a.challenge.online);
    read_number(cm, "domain", cpath, Range::kUnit, a.challenge.domain);
  }
  read_number(m, "hours_per_unit", path, Range::kPositive, a.hours_per_unit);
  read_number(m, "units_per_period", path, Range::kNonNegative, a.units_per_period);
  if (a.units_per_period > kMostUnits) {
    error(*m.get("units_per_period"), child(path, "units_per_period"),
          "is absurdly large (" + m.get("units_per_period")->Scalar() +
              "); at most 1000000 units a period");
    a.units_per_period = 0;
  }
  if (const auto* v = m.get("value")) a.value = distribution(*v, child(path, "value"), true);
  if (const auto* v = m.get("cost")) a.cost = distribution(*v, child(path, "cost"), true);
  if (const auto* v = m.get("unmet_cost"))
    a.unmet_cost = distribution(*v, child(path, "unmet_cost"), true);
  read_number(m, "volatility", path, Range::kNonNegative, a.volatility);
  if (a.volatility > kLargestVolatility) {
    error(*m.get("volatility"), child(path, "volatility"),
          "a volatility of " + m.get("volatility")->Scalar() +
              " is absurd (it multiplies value by up to e^" + format_ratio(8 * a.volatility) +
              "); at most 5");
    a.volatility = 0;
  }
  if (const auto* inc = m.get("incident")) {
    const std::string ipath = child(path, "incident");
    const MapView im = map(*inc, ipath, "incident");
    read_number(im, "probability", ipath, Range::kUnit, a.incident_probability);
    if (const auto* s = im.get("severity")) {
      a.severity = distribution(*s, child(ipath, "severity"), true);
    } else if (im.ok_ && a.incident_probability > 0) {
      error(*inc, child(ipath, "severity"),
            "missing required key 'severity': the incident probability is above 0");
    }
  }
  return a;
}

Profile ScenarioSchema::profile(const YAML::Node& node, const std::string& path) {
  Profile p;
  const MapView m = map(node, path, "profile");
  if (!m.ok_) return p;
  if (const auto* n = m.get("name")) p.name = name(*n, child(path, "name")).value_or("");
  if (const auto* l = m.get("label")) p.label = name(*l, child(path, "label")).value_or("");
  read_text(m, "description", path, p.description);
  // Skills, eta and rho may be distributions; a plain number must already be in range.
  const auto ranged = [&](const char* key, Range range, Distribution& out) {
    const auto* v = m.get(key);
    if (!v) return;
    if (v->IsScalar()) {
      if (auto x = number(*v, child(path, key), range)) out = Distribution::fixed(*x);
    } else {
      out = distribution(*v, child(path, key), false);
    }
  };
  ranged("online", Range::kUnit, p.online);
  ranged("domain", Range::kUnit, p.domain);
  ranged("learning_rate", Range::kNonNegative, p.learning_rate);
  ranged("resistance", Range::kUnit, p.resistance);
  read_number(m, "salary_per_period", path, Range::kNonNegative, p.salary_per_period);
  read_number(m, "hours_per_period", path, Range::kPositive, p.hours_per_period);
  read_number(m, "attrition_hazard", path, Range::kUnit, p.attrition_hazard);
  read_number(m, "hire_cost", path, Range::kNonNegative, p.hire_cost);
  if (const auto* r = m.get("replace"))
    p.replace = boolean(*r, child(path, "replace")).value_or(true);
  return p;
}

std::vector<Headcount> ScenarioSchema::headcounts(const YAML::Node* node, const std::string& path,
                                                  bool allow_at) {
  std::vector<Headcount> out;
  if (!node) return out;
  if (!node->IsSequence()) {
    error(*node, path,
          "expected a list of {profile, count" + std::string(allow_at ? ", at}" : "}") + ", got " +
              describe_kind(*node));
    return out;
  }
  for (std::size_t i = 0; i < node->size(); ++i) {
    const std::string ipath = item(path, i);
    const MapView m = map((*node)[i], ipath, path == "staff" ? "staff" : "hire");
    Headcount h;
    if (const auto* p = m.get("profile"))
      h.profile = lookup(*p, child(ipath, "profile"), profile_names_, "profile");
    read_whole(m, "count", ipath, 0, h.count);
    if (h.count > kMostPeople) {
      error(*m.get("count"), child(ipath, "count"),
            "is absurdly large (" + m.get("count")->Scalar() + "); at most 100000 people in all");
      h.count = 0;
    }
    read_whole(m, "at", ipath, 0, h.at);
    if (m.ok_ && h.profile >= 0) out.push_back(h);
  }
  return out;
}

std::vector<Correlation> ScenarioSchema::correlations(const YAML::Node* node) {
  std::vector<Correlation> out;
  if (!node) return out;
  const std::string path = "correlation";
  if (!node->IsSequence()) {
    error(*node, path, "expected a list of {between: [a, b], rho}, got " + describe_kind(*node));
    return out;
  }
  std::map<std::pair<int, int>, std::size_t> seen;
  for (std::size_t i = 0; i < node->size(); ++i) {
    const std::string ipath = item(path, i);
    const MapView m = map((*node)[i], ipath, "correlation");
    if (!m.ok_ || !m.has("between") || !m.has("rho")) continue;
    const YAML::Node& between = *m.get("between");
    const std::string bpath = child(ipath, "between");
    if (!between.IsSequence() || between.size() != 2) {
      error(between, bpath, "expected a list of two activity names");
      continue;
    }
    const int a = lookup(between[0], item(bpath, 0), activity_names_, "activity");
    const int b = lookup(between[1], item(bpath, 1), activity_names_, "activity");
    const auto rho = number(*m.get("rho"), child(ipath, "rho"), Range::kOpenUnitSymmetric);
    if (a < 0 || b < 0 || !rho) continue;
    if (a == b) {
      error(between, bpath,
            "an activity cannot be correlated with itself ('" + activity_names_[a] + "')");
      continue;
    }
    const auto key = std::minmax(a, b);
    if (seen.count(key)) {
      error(between, bpath,
            "the pair " + activity_names_[a] + "/" + activity_names_[b] +
                " is listed twice (first as correlation[" + std::to_string(seen[key]) + "])");
      continue;
    }
    seen[key] = i;
    out.push_back({a, b, *rho});
  }
  check_positive_definite(*node, out);
  return out;
}

void ScenarioSchema::check_positive_definite(const YAML::Node& at,
                                             const std::vector<Correlation>& pairs) {
  const int n = static_cast<int>(activity_names_.size());
  if (pairs.empty() || n == 0) return;
  Eigen::MatrixXd c = Eigen::MatrixXd::Identity(n, n);
  for (const auto& p : pairs) c(p.first, p.second) = c(p.second, p.first) = p.rho;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(c);
  const double smallest = eigen.eigenvalues()(0);
  if (smallest > 1e-10) return;
  // The eigenvector of the smallest eigenvalue shows which activities conflict.
  const Eigen::VectorXd v = eigen.eigenvectors().col(0);
  std::string involved;
  for (const auto& p : pairs) {
    if (std::abs(v(p.first)) > 0.1 && std::abs(v(p.second)) > 0.1)
      involved += (involved.empty() ? "" : ", ") + activity_names_[p.first] + "/" +
                  activity_names_[p.second] + " (" + format_ratio(p.rho) + ")";
  }
  std::ostringstream msg;
  msg << "the correlation matrix is not positive definite (smallest eigenvalue " << smallest
      << "); these pairs cannot hold together: " << involved
      << "; change these correlations so that they can hold together";
  error(at, "correlation", msg.str());
}

}  // namespace flowfolio
