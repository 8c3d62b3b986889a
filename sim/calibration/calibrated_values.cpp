// The values a calibration sets (calibrated_values.hpp).
#include "calibration/calibrated_values.hpp"

#include <algorithm>

namespace flowfolio {

const IncidentRateFit* rate_of(const Calibration& c, std::size_t a) {
  const auto at = std::find_if(c.incident_rates.begin(), c.incident_rates.end(),
                               [&](const IncidentRateFit& f) { return f.activity == a; });
  return at == c.incident_rates.end() ? nullptr : &*at;
}

const SeverityFit* fitted_severity_of(const Calibration& c, std::size_t a) {
  const auto at = std::find_if(c.severities.begin(), c.severities.end(), [&](const SeverityFit& f) {
    return f.activity == a && f.method != SeverityMethod::kKept;
  });
  return at == c.severities.end() ? nullptr : &*at;
}

bool learning_written(const LearningFit& f) { return f.resistance_mean < 1; }

namespace {
std::string count(long n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

std::vector<CalibratedValue> calibrated_values(const Scenario& s, const Calibration& c) {
  std::vector<CalibratedValue> values;
  for (std::size_t a = 0; a < s.activities.size(); ++a) {
    const std::string& shown = shown_name(s.activities[a]);
    const std::string path = "activities." + s.activities[a].name + ".incident.";
    if (const IncidentRateFit* f = rate_of(c, a))
      values.push_back({shown + " incident probability", path + "probability", f->mean, f->interval.lo, f->interval.hi,
                        count(f->incidents, "incident", "incidents") + " in " + count(f->units, "unit", "units")});
    if (const SeverityFit* f = fitted_severity_of(c, a))
      values.push_back({shown + " loss per incident (median)", path + "severity.lognormal.median", f->median,
                        f->median_interval.lo, f->median_interval.hi,
                        count(static_cast<long>(f->losses.size()), "loss", "losses") +
                            (f->method == SeverityMethod::kPooledShape ? ", the spread pooled" : ""),
                        true});
  }
  for (const LearningFit& f : c.learning) {
    if (!learning_written(f)) continue;
    const std::string& name = s.profiles[f.profile].name;
    // The typical person's theta interval as eta's median: over 1 - rho, and a lognormal's
    // median below its mean by the same factor as the estimate's.
    const double scale = f.rate > 0 ? f.eta_median / f.rate : 1 / (1 - f.resistance_mean);
    // A lognormal's median must stay above 0: an interval from 0 starts at a thousandth.
    const double low = f.eta_sigma > 0 && f.rate_interval.lo <= 0 ? f.eta_median / 1000 : f.rate_interval.lo * scale;
    values.push_back({shown_name(s.profiles[f.profile]) + " learning rate",
                      "profiles." + name + ".learning_rate" + (f.eta_sigma > 0 ? ".lognormal.median" : ""), f.eta_median,
                      low, f.rate_interval.hi * scale,
                      count(static_cast<long>(f.people.size()), "person", "people") + " in the ramp"});
  }
  return values;
}

}  // namespace flowfolio
