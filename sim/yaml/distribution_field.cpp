// Distribution fields (MODEL.md section 10): a number, or exactly one family with its
// parameters, an optional pert lambda and an optional clip.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "flowfolio/core/portable_math.hpp"
#include "yaml/fields.hpp"

namespace flowfolio {

namespace {

// A lognormal sigma above this puts its far tail beyond any money (e^(10 * 8.5) = 1e37).
constexpr double kLargestSigma = 10;

}  // namespace

const Keys kDistributionFamilies = {"uniform", "triangular", "pert", "normal", "lognormal", "beta", "discrete"};

std::optional<Distribution> Fields::ordered_three(const YAML::Node& node, const std::string& path,
                                                  bool pert, const YAML::Node* lambda_node) {
  const auto v = numbers(node, path, 3);
  if (!v) return std::nullopt;
  const double lo = (*v)[0], mode = (*v)[1], hi = (*v)[2];
  if (!(lo <= mode && mode <= hi)) {
    error(node, path,
          "must be ordered [lo, mode, hi] with lo <= mode <= hi, got [" + node[0].Scalar() + ", " +
              node[1].Scalar() + ", " + node[2].Scalar() + "]");
    return std::nullopt;
  }
  if (!pert) return Distribution::triangular(lo, mode, hi);
  double lambda = 4;
  if (lambda_node) {
    const auto l =
        number(*lambda_node, child(path.substr(0, path.rfind('.')), "lambda"), Range::kNonNegative);
    if (!l) return std::nullopt;
    lambda = *l;
  }
  return Distribution::pert(lo, mode, hi, lambda);
}

std::optional<Distribution> Fields::distribution_family(const std::string& family,
                                                        const YAML::Node& node,
                                                        const std::string& path,
                                                        const YAML::Node* lambda,
                                                        std::vector<double>& raw) {
  if (family == "uniform") {
    const auto v = numbers(node, path, 2);
    if (!v) return std::nullopt;
    if ((*v)[0] > (*v)[1]) {
      error(node, path, "must be [lo, hi] with lo <= hi");
      return std::nullopt;
    }
    raw = *v;
    return Distribution::uniform((*v)[0], (*v)[1]);
  }
  if (family == "triangular" || family == "pert") {
    return ordered_three(node, path, family == "pert", lambda);
  }
  if (family == "normal") return normal(node, path);
  if (family == "lognormal") return lognormal(node, path);
  if (family == "beta") return beta(node, path, raw);
  if (family == "discrete") return discrete(node, path, raw);
  return std::nullopt;
}

std::optional<Distribution> Fields::normal(const YAML::Node& node, const std::string& path) {
  const MapView m = map(node, path, {"mean", "sd"}, {"mean", "sd"});
  if (!m.ok_ || !m.has("mean") || !m.has("sd")) return std::nullopt;
  const auto mean = number(*m.get("mean"), child(path, "mean"));
  const auto sd = number(*m.get("sd"), child(path, "sd"), Range::kNonNegative);
  if (!mean || !sd) return std::nullopt;
  return Distribution::normal(*mean, *sd);
}

std::optional<Distribution> Fields::lognormal(const YAML::Node& node, const std::string& path) {
  if (node.IsMap() && (node["p5"] || node["p95"]) && (node["median"] || node["sigma"])) {
    error(node, path, "give either {median, sigma} or {p5, p95}, not a mix");
    return std::nullopt;
  }
  if (node.IsMap() && (node["p5"] || node["p95"])) {
    const MapView m = map(node, path, {"p5", "p95"}, {"p5", "p95"});
    if (!m.ok_ || !m.has("p5") || !m.has("p95")) return std::nullopt;
    const auto p5 = number(*m.get("p5"), child(path, "p5"), Range::kPositive);
    const auto p95 = number(*m.get("p95"), child(path, "p95"), Range::kPositive);
    if (!p5 || !p95) return std::nullopt;
    if (*p5 > *p95) {
      error(node, path, "p5 must not exceed p95");
      return std::nullopt;
    }
    const double sigma = (portable_log(*p95) - portable_log(*p5)) / (2 * 1.6448536269514722);
    if (sigma > kLargestSigma) {
      error(node, path,
            "p95 / p5 = " + format_ratio(*p95 / *p5) + " means a sigma of " +
                std::to_string(sigma).substr(0, 5) + "; at most 10 (p95 / p5 up to about 1.9e14)");
      return std::nullopt;
    }
    return Distribution::lognormal_interval(*p5, *p95);
  }
  const MapView m = map(node, path, {"median", "sigma"}, {"median", "sigma"});
  if (!m.ok_ || !m.has("median") || !m.has("sigma")) return std::nullopt;
  const auto median = number(*m.get("median"), child(path, "median"), Range::kPositive);
  const auto sigma = number(*m.get("sigma"), child(path, "sigma"), Range::kNonNegative);
  if (!median || !sigma) return std::nullopt;
  if (*sigma > kLargestSigma) {
    error(*m.get("sigma"), child(path, "sigma"),
          "a sigma of " + m.get("sigma")->Scalar() + " is absurd; at most 10");
    return std::nullopt;
  }
  return Distribution::lognormal(portable_log(*median), *sigma);
}

std::optional<Distribution> Fields::beta(const YAML::Node& node, const std::string& path,
                                         std::vector<double>& raw) {
  const MapView m = map(node, path, {"a", "b", "range"}, {"a", "b"});
  if (!m.ok_ || !m.has("a") || !m.has("b")) return std::nullopt;
  const auto a = number(*m.get("a"), child(path, "a"), Range::kPositive);
  const auto b = number(*m.get("b"), child(path, "b"), Range::kPositive);
  std::vector<double> range = {0, 1};
  if (const auto* r = m.get("range")) {
    const auto v = numbers(*r, child(path, "range"), 2);
    if (!v) return std::nullopt;
    if ((*v)[0] > (*v)[1]) {
      error(*r, child(path, "range"), "must be [lo, hi] with lo <= hi");
      return std::nullopt;
    }
    range = *v;
  }
  if (!a || !b) return std::nullopt;
  raw = range;
  return Distribution::beta(*a, *b, range[0], range[1]);
}

std::optional<Distribution> Fields::discrete(const YAML::Node& node, const std::string& path,
                                             std::vector<double>& raw) {
  const MapView m = map(node, path, {"values", "weights"}, {"values"});
  if (!m.ok_ || !m.has("values")) return std::nullopt;
  const YAML::Node& values_node = *m.get("values");
  if (!values_node.IsSequence() || values_node.size() == 0) {
    error(values_node, child(path, "values"), "expected a non-empty list of numbers");
    return std::nullopt;
  }
  const auto values = numbers(values_node, child(path, "values"), values_node.size());
  if (!values) return std::nullopt;
  std::vector<double> weights;
  if (const auto* w = m.get("weights")) {
    if (!w->IsSequence() || w->size() != values->size()) {
      error(*w, child(path, "weights"),
            "expected as many weights as values (" + std::to_string(values->size()) + ")");
      return std::nullopt;
    }
    const auto ws = numbers(*w, child(path, "weights"), w->size());
    if (!ws) return std::nullopt;
    double total = 0;
    for (std::size_t i = 0; i < ws->size(); ++i) {
      if ((*ws)[i] < 0) {
        error((*w)[i], item(child(path, "weights"), i), "a weight must be 0 or more");
        return std::nullopt;
      }
      total += (*ws)[i];
    }
    if (total <= 0) {
      error(*w, child(path, "weights"), "the weights must not all be 0");
      return std::nullopt;
    }
    weights = *ws;
  }
  raw = *values;
  return Distribution::discrete(*values, weights);
}

// Money and losses must be 0 or more: the family's raw values (or its support) must not
// reach below 0 unless a clip at 0 or above bounds the draws. False after an error.
bool Fields::check_nonnegative(const YAML::Node& node, const std::string& path,
                               const Distribution& d, const std::vector<double>& raw) {
  const double lowest = raw.empty() ? d.support_min() : *std::min_element(raw.begin(), raw.end());
  if (lowest < 0 || !std::isfinite(lowest)) {
    std::ostringstream why;
    if (std::isfinite(lowest)) {
      why << "its lowest value is " << lowest;
    } else {
      why << d.describe() << " is unbounded below";
    }
    error(node, path,
          "draws could fall below 0 (" + why.str() +
              "); money and losses must be 0 or more: use a family bounded at 0 or add "
              "'clip: [0, hi]'");
    return false;
  }
  return true;
}

Distribution Fields::distribution(const YAML::Node& node, const std::string& path,
                                  bool nonnegative) {
  if (node.IsScalar()) {
    const auto v = number(node, path);
    if (!v) return {};
    if (nonnegative && *v < 0) {
      error(node, path, "must be 0 or more, got " + node.Scalar());
      return {};
    }
    return Distribution::fixed(*v);
  }
  Keys allowed = kDistributionFamilies;
  allowed.push_back("lambda");
  allowed.push_back("clip");
  if (!node.IsMap()) {
    error(node, path,
          "expected a number or a distribution ({" + join(kDistributionFamilies) + "}: ...), got " +
              describe_kind(node));
    return {};
  }
  const MapView m = map(node, path, allowed, {});
  if (!m.ok_) return {};
  Keys present;
  for (const auto& f : kDistributionFamilies)
    if (m.has(f)) present.push_back(f);
  if (present.size() != 1) {
    error(node, path,
          present.empty() ? "expected a number or exactly one of " + join(kDistributionFamilies)
                          : "exactly one distribution family per value, got " + join(present));
    return {};
  }
  const std::string& family = present[0];
  const YAML::Node* lambda = m.get("lambda");
  if (lambda && family != "pert") {
    error(*lambda, child(path, "lambda"), "'lambda' belongs to pert only");
  }
  std::vector<double> raw;
  auto d = distribution_family(family, *m.get(family), child(path, family),
                               family == "pert" ? lambda : nullptr, raw);
  if (!d) return {};
  bool clipped_below_zero = false;
  if (const auto* clip = m.get("clip")) {
    const auto v = numbers(*clip, child(path, "clip"), 2);
    if (!v) return {};
    if ((*v)[0] > (*v)[1]) {
      error(*clip, child(path, "clip"), "must be [lo, hi] with lo <= hi");
      return {};
    }
    d = d->clipped((*v)[0], (*v)[1]);
    clipped_below_zero = (*v)[0] >= 0;
  }
  if (nonnegative && !clipped_below_zero && !check_nonnegative(node, path, *d, raw)) return {};
  return *d;
}

}  // namespace flowfolio
