// The values a calibration sets in the scenario, each with its key path, interval and what
// in the history it rests on: calibrated.yaml's `calibration:` and `sensitivity:` blocks
// and the calibration page's table (calibrated_values.cpp). Internal to the library.
#pragma once

#include <vector>

#include "flowfolio/calibration/calibration.hpp"

namespace flowfolio {

// The fits of activity `a`, or null: its incident rate, its severity when fitted (not kept).
const IncidentRateFit* rate_of(const Calibration& c, std::size_t a);
const SeverityFit* fitted_severity_of(const Calibration& c, std::size_t a);
// Whether a profile's learning fit sets its learning rate (not when rho is 1).
bool learning_written(const LearningFit& f);

// In the order calibrated.yaml writes them: per activity its p0 and severity median, then
// per profile its learning rate (eta's median, the interval scaled from theta's).
std::vector<CalibratedValue> calibrated_values(const Scenario& scenario, const Calibration& calibration);

}  // namespace flowfolio
