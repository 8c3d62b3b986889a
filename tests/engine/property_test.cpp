// Random valid scenarios, extreme values included, checked for numerical safety (no NaN
// or infinity anywhere in the results) and for the laws of the model. The scenarios are
// drawn from keyed streams, so every case is the same on every run; a failure names the
// case and prints its YAML.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "flowfolio/core/random.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

using namespace flowfolio;

namespace {
class Dice {
 public:
  explicit Dice(std::uint64_t c) : stream_(0xF10F, c, StreamKind::kMarket, 9, 0, 0, 0) {}
  double uniform(double lo, double hi) { return lo + (hi - lo) * stream_.uniform(); }
  int whole(int lo, int hi) { return lo + static_cast<int>(stream_.uniform() * (hi - lo + 1)); }
  bool chance(double p) { return stream_.uniform() < p; }
  // Usually an ordinary value, sometimes one of the extremes.
  double pick(double lo, double hi, std::initializer_list<double> extremes) {
    if (chance(0.3)) {
      const int k = whole(0, static_cast<int>(extremes.size()) - 1);
      return *(extremes.begin() + k);
    }
    return uniform(lo, hi);
  }

 private:
  Stream stream_;
};

std::string num(double x) {
  std::ostringstream out;
  out.precision(17);
  out << x;
  return out.str();
}

// Money, losses: any family, bounded at 0, some heavy-tailed.
std::string money(Dice& d, double scale) {
  switch (d.whole(0, 6)) {
    case 0: return num(d.pick(0, scale, {0}));
    case 1: return "{lognormal: {median: " + num(d.uniform(1, scale)) + ", sigma: " + num(d.pick(0, 3, {0, 10})) + "}}";
    case 2: return "{lognormal: {p5: " + num(scale / 100) + ", p95: " + num(scale) + "}}";
    case 3: { const double lo = d.uniform(0, scale), hi = lo + d.uniform(0, scale);
              return "{pert: [" + num(lo) + ", " + num((lo + hi) / 2) + ", " + num(hi) + "]}"; }
    case 4: return "{normal: {mean: " + num(scale) + ", sd: " + num(d.uniform(0, scale)) + "}, clip: [0, " + num(3 * scale) + "]}";
    case 5: return "{discrete: {values: [0, " + num(scale) + "], weights: [" + num(d.uniform(0, 1)) + ", 1]}}";
    default: return "{uniform: [0, " + num(scale) + "]}";
  }
}

std::string skill(Dice& d) {
  switch (d.whole(0, 3)) {
    case 0: return num(d.pick(0, 1, {0, 1}));
    case 1: return "{normal: {mean: " + num(d.uniform(0, 1)) + ", sd: 0.5}}";  // clipped when drawn
    case 2: return "{beta: {a: " + num(d.pick(0.2, 5, {0.001})) + ", b: " + num(d.pick(0.2, 5, {0.001})) + "}}";
    default: return "{triangular: [0, " + num(d.uniform(0, 1)) + ", 1]}";
  }
}

std::string random_scenario(std::uint64_t c, bool discounted) {
  Dice d(c);
  const int activities = d.whole(1, 4), profiles = d.whole(1, 3);
  std::string y = "name: random-" + std::to_string(c) + "\nhorizon: " + std::to_string(d.whole(1, 40)) +
                  "\nperiods_per_year: " + std::to_string(d.chance(0.5) ? 52 : 12) +
                  "\ndiscount_rate: " + num(discounted ? d.pick(-0.5, 0.5, {-0.9, 0}) : 0) + "\n";
  y += "model: {success_max: " + num(d.pick(0, 1, {0, 1})) + ", success_slope: " + num(d.pick(0, 30, {0, 1000})) +
       ", flow_width: " + num(d.pick(0, 0.3, {0})) + ", learning_width: " + num(d.pick(0.01, 1, {1e-9})) +
       ", burnout_recovery: " + num(d.pick(0, 1, {0, 1})) + ", attrition_per_burnout: " + num(d.pick(0, 0.1, {0, 1})) +
       ", replacement_lag: " + std::to_string(d.whole(0, 8)) + ", catastrophe: " + num(d.pick(1, 1e6, {1e-9})) +
       ", incident_slope: " + num(d.pick(0, 10, {0, 100})) + "}\nactivities:\n";
  for (int a = 0; a < activities; ++a) {
    y += "  - name: a" + std::to_string(a) + "\n    challenge: {online: " + num(d.pick(0, 1, {0, 1})) +
         ", domain: " + num(d.pick(0, 1, {0, 1})) + "}\n    hours_per_unit: " + num(d.pick(0.1, 10, {0.01, 40})) +
         "\n    units_per_period: " + num(d.pick(0, 12, {0, 0.5, 0.58})) + "\n    value: " + money(d, 1000) +
         "\n    cost: " + money(d, 100) + "\n    unmet_cost: " + money(d, 100) +
         "\n    volatility: " + num(d.pick(0, 1, {0, 5})) + "\n    incident: {probability: " +
         num(d.pick(0, 0.01, {0, 1})) + ", severity: " + money(d, 1e6) + "}\n";
  }
  y += "profiles:\n";
  for (int p = 0; p < profiles; ++p) {
    y += "  - name: p" + std::to_string(p) + "\n    online: " + skill(d) + "\n    domain: " + skill(d) +
         "\n    salary_per_period: " + num(d.pick(0, 1000, {0})) + "\n    hours_per_period: " +
         num(d.pick(0.5, 40, {0.001})) + "\n    learning_rate: " + num(d.pick(0, 0.05, {0, 10})) +
         "\n    resistance: " + num(d.pick(0, 1, {0, 1})) + "\n    attrition_hazard: " +
         num(d.pick(0, 0.05, {0, 1})) + "\n    hire_cost: " + num(d.pick(0, 1e4, {0})) +
         "\n    replace: " + (d.chance(0.8) ? "true" : "false") + "\n";
  }
  y += "staff:\n";
  for (int p = 0; p < profiles; ++p)
    y += "  - {profile: p" + std::to_string(p) + ", count: " + std::to_string(d.whole(0, 5)) + "}\n";
  y += "strategies:\n";
  const int strategies = d.whole(1, 3);
  for (int s = 0; s < strategies; ++s) {
    y += "  - name: s" + std::to_string(s) + "\n";
    const std::string who = "p" + std::to_string(d.whole(0, profiles - 1));
    if (d.chance(0.5)) y += "    hire: [{profile: " + who + ", count: " + std::to_string(d.whole(0, 3)) + ", at: " + std::to_string(d.whole(0, 10)) + "}]\n";
    if (d.chance(0.5))
      y += "    train: [{who: " + who + ", from: 0, to: " + std::to_string(d.whole(0, 50)) +
           ", hours_per_period: " + num(d.pick(0, 10, {0, 100})) + ", cost_per_person_per_period: " +
           num(d.uniform(0, 50)) + ", gain: {online: " + num(d.pick(0, 0.05, {0, 1})) + "}}]\n";
    if (profiles >= 2 && d.chance(0.4))
      y += "    mentor: {mentee: p0, mentor: p1, hours_per_period: " + num(d.pick(0, 4, {0, 100})) +
           ", rate: " + num(d.pick(0, 0.05, {0, 5})) + "}\n";
    if (d.chance(0.5)) {
      y += "    assign: {policy: flow, stretch: " + num(d.pick(-0.5, 1, {-1, 0})) + "}\n";
    } else if (d.chance(0.5)) {
      y += "    assign: {policy: static, roles: {a0: [" + (d.chance(0.3) ? "" : who) + "]}}\n";
    }
    if (d.chance(0.3)) y += "    demand: {a0: " + num(d.pick(0, 20, {0})) + "}\n";
    if (d.chance(0.2)) y += "    release: [p0]\n";
  }
  return y;
}

// Every number in a JSON document is finite; NaN and infinities become null in JSON.
void require_finite(const nlohmann::json& j, const std::string& where) {
  if (j.is_null()) FAIL("null (a NaN or infinity) at " << where);
  if (j.is_number()) REQUIRE(std::isfinite(j.get<double>()));
  if (j.is_object()) for (const auto& [k, v] : j.items()) require_finite(v, where + "." + k);
  if (j.is_array()) for (std::size_t i = 0; i < j.size(); ++i) require_finite(j[i], where + "[" + std::to_string(i) + "]");
}
}  // namespace

TEST_CASE("random valid scenarios: no NaN or infinity, and the laws hold", "[property]") {
  for (std::uint64_t c = 0; c < 400; ++c) {
    const bool discounted = c % 2 == 1;
    const std::string yaml = random_scenario(c, discounted);
    INFO("case " << c << ":\n" << yaml);
    Scenario s;
    REQUIRE_NOTHROW(s = read_scenario_text(yaml, "random.yaml"));
    const RunResults r = run(s, {.trials = 12, .seed = c, .threads = 1});
    ReportOptions options = ReportOptions::from(s);
    options.loss_thresholds = {0, 1e6};
    require_finite(nlohmann::json::parse(summary_json(s, r, options)), "summary");
    require_finite(nlohmann::json::parse(paired_json(s, r, options)), "paired");
    for (std::size_t k = 0; k < r.strategies.size(); ++k) {
      double demand = 0;
      for (std::size_t a = 0; a < s.activities.size(); ++a)
        demand += std::floor(s.horizon * s.strategies[k].rate(s.activities, a) + 1e-9);
      for (std::uint64_t n = 0; n < r.trials; ++n) {
        const auto m = [&](Metric x) { return r.strategies[k].per_trial[index(x)][n]; };
        for (std::size_t x = 0; x < kMetricCount; ++x) REQUIRE(std::isfinite(r.strategies[k].per_trial[x][n]));
        CHECK(m(Metric::kUnitsDone) + m(Metric::kUnitsSkipped) == demand);
        if (m(Metric::kUnitsDone) > 0)
          CHECK(m(Metric::kFlowShare) + m(Metric::kAnxietyShare) + m(Metric::kBoredomShare) == Approx(1));
        CHECK(m(Metric::kCatastrophes) <= m(Metric::kIncidents));
        CHECK(m(Metric::kOnlineFinal) >= 0);
        CHECK(m(Metric::kOnlineFinal) <= 1);
        if (!discounted) {
          const double flows = m(Metric::kValue) - m(Metric::kCost) - m(Metric::kIncidentLoss);
          CHECK(m(Metric::kNpv) == Approx(flows).epsilon(1e-9).margin(1e-6));
        }
      }
    }
  }
}
