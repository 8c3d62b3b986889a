// calibration.json (calibration.hpp; docs/calibration.md, "calibration.json"): every fit,
// interval and diagnostic, and the curves the calibration page draws.
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "calibration/calibration_data.hpp"
#include "calibration/fits.hpp"
#include "core/json_text.hpp"
#include "flowfolio/core/portable_math.hpp"
#include "flowfolio/calibration/calibration.hpp"

namespace flowfolio {

namespace {
using nlohmann::ordered_json;

ordered_json interval(double estimate, const Interval& i) { return {{"estimate", estimate}, {"p5", i.lo}, {"p95", i.hi}}; }

const char* method_name(SeverityMethod m) {
  switch (m) {
    case SeverityMethod::kOwn: return "own";
    case SeverityMethod::kPooledShape: return "pooled_shape";
    case SeverityMethod::kKept: return "kept";
  }
  return "kept";
}

// p0's densities on a log grid covering them, for the page: the scenario's value as a
// prior (drawn even when the history set it aside) and the posterior.
ordered_json rate_curves(const IncidentRateFit& f) {
  const calibration::RatePosterior posterior({f.prior_a, f.prior_b}, f.incidents, f.units, f.multipliers);
  const calibration::BetaPrior judged = calibration::rate_prior(f.scenario_value);
  const boost::math::beta_distribution<> prior(judged.a, judged.b);
  const double lo = std::max(1e-12, std::min(boost::math::quantile(prior, 0.01), posterior.quantile(0.001)));
  const double hi = std::min(1.0, std::max(boost::math::quantile(prior, 0.99), posterior.quantile(0.999)));
  ordered_json points = ordered_json::array();
  constexpr int kPoints = 80;
  for (int i = 0; i <= kPoints; ++i) {
    const double x = lo * std::pow(hi / lo, static_cast<double>(i) / kPoints);
    // Densities per unit of log p0, so the areas under the curves read right on a log axis.
    const double prior_density = x < 1 ? boost::math::pdf(prior, x) * x : 0;
    points.push_back({{"p0", x}, {"prior", prior_density}, {"posterior", posterior.density(x) * x}});
  }
  return points;
}

ordered_json rate_json(const Scenario& s, const IncidentRateFit& f) {
  return {{"activity", s.activities[f.activity].name},
          {"units", f.units},
          {"incidents", f.incidents},
          {"raw_rate", static_cast<double>(f.incidents) / static_cast<double>(f.units)},
          {"multiplier", {{"mean", f.multiplier}, {"p5", f.multiplier_range.lo}, {"p95", f.multiplier_range.hi},
                          {"futures", f.multipliers.size()}}},
          {"scenario_value", f.scenario_value},
          {"prior", {{"a", f.prior_a}, {"b", f.prior_b}, {"mean", f.prior_a / (f.prior_a + f.prior_b)},
                     {"surprise", f.prior_surprise}, {"set_aside", f.prior_set_aside}}},
          {"p0", {{"mean", f.mean}, {"p5", f.interval.lo}, {"p95", f.interval.hi}}},
          {"note", f.note},
          {"curve", rate_curves(f)}};
}

// The losses against the fitted lognormal, for the page: the empirical distribution and
// the fitted one on a log axis, and the normal QQ plot of the log-losses (Hazen's points).
ordered_json severity_curves(const SeverityFit& f) {
  const double n = static_cast<double>(f.losses.size());
  const boost::math::normal standard;
  ordered_json ecdf = ordered_json::array(), qq = ordered_json::array(), fitted = ordered_json::array();
  for (std::size_t i = 0; i < f.losses.size(); ++i) {
    const double p = (static_cast<double>(i) + 0.5) / n;
    ecdf.push_back({{"loss", f.losses[i]}, {"p", (static_cast<double>(i) + 1) / n}});
    qq.push_back({{"normal", boost::math::quantile(standard, p)}, {"log_loss", portable_log(f.losses[i])}});
  }
  if (f.method != SeverityMethod::kKept) {
    const double lo = std::min(f.losses.front(), portable_exp(f.mu - 3 * f.sigma));
    const double hi = std::max(f.losses.back(), portable_exp(f.mu + 3 * f.sigma));
    constexpr int kPoints = 60;
    for (int i = 0; i <= kPoints; ++i) {
      const double x = lo * std::pow(hi / lo, static_cast<double>(i) / kPoints);
      fitted.push_back({{"loss", x}, {"p", f.sigma > 0 ? boost::math::cdf(standard, (portable_log(x) - f.mu) / f.sigma)
                                                       : (x >= portable_exp(f.mu) ? 1.0 : 0.0)}});
    }
  }
  return {{"ecdf", ecdf}, {"fitted", fitted}, {"qq", qq}};
}

ordered_json severity_json(const Scenario& s, const SeverityFit& f) {
  ordered_json out = {{"activity", s.activities[f.activity].name},
                      {"losses", f.losses},
                      {"method", method_name(f.method)},
                      {"scenario", {{"median", f.scenario_median}, {"p95", f.scenario_p95}}},
                      {"note", f.note}};
  if (f.method != SeverityMethod::kKept) {
    out["mu"] = f.mu;
    out["sigma"] = f.sigma;
    out["degrees_of_freedom"] = f.degrees_of_freedom;
    out["median"] = interval(f.median, f.median_interval);
    out["p95"] = interval(f.p95, f.p95_interval);
  }
  out["anderson_darling"] = f.ad_statistic ? ordered_json{{"statistic", *f.ad_statistic}, {"p_value", *f.ad_p_value}}
                                           : ordered_json();
  if (!f.losses.empty()) out["curve"] = severity_curves(f);
  return out;
}

ordered_json person_json(const Scenario& s, const PersonLearningFit& p) {
  ordered_json curve = ordered_json::array();
  for (const PersonLearningFit::Point& c : p.curve)
    curve.push_back({{"period", c.period}, {"activity", s.activities[c.activity].name}, {"units", c.units},
                     {"successes", c.successes}, {"fitted", c.fitted}});
  return {{"person", p.name},
          {"dimension", p.dimension},
          {"start_skill", p.start_skill},
          {"other_skill", p.other_skill},
          {"rate", interval(p.rate, p.rate_interval)},
          {"capped", p.rate_capped},
          {"records", p.records},
          {"units", p.units},
          {"successes", p.successes},
          {"curve", curve}};
}

ordered_json learning_json(const Scenario& s, const LearningFit& f) {
  ordered_json people = ordered_json::array();
  for (const PersonLearningFit& p : f.people) people.push_back(person_json(s, p));
  return {{"profile", s.profiles[f.profile].name},
          {"rate", interval(f.rate, f.rate_interval)},
          {"between_sd", f.between_sd},
          {"resistance_mean", f.resistance_mean},
          {"scenario_eta", f.scenario_eta},
          {"eta", {{"median", f.eta_median}, {"sigma", f.eta_sigma}}},
          {"note", f.note},
          {"people", people}};
}
}  // namespace

nlohmann::ordered_json calibration_document(const Scenario& s, const Calibration& c) {
  ordered_json rates = ordered_json::array(), severities = ordered_json::array(), learning = ordered_json::array();
  for (const IncidentRateFit& f : c.incident_rates) rates.push_back(rate_json(s, f));
  for (const SeverityFit& f : c.severities) severities.push_back(severity_json(s, f));
  for (const LearningFit& f : c.learning) learning.push_back(learning_json(s, f));
  return {{"scenario", s.name},
          {"as", s.strategies[c.as].name},
          {"periods", c.periods},
          {"start", c.start},
          {"sources", c.sources},
          {"trials", c.trials},
          {"seed", c.seed},
          {"level", kCalibrationLevel},
          {"incident_rates", rates},
          {"severities", severities},
          {"learning", learning},
          {"notes", c.notes}};
}

std::string calibration_json(const Scenario& scenario, const Calibration& calibration) {
  return json_text(calibration_document(scenario, calibration), 2) + "\n";
}

}  // namespace flowfolio
