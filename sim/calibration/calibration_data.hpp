// The calibration as one JSON document: calibration.json, and the data the calibration page
// draws from (calibration_json.cpp). Internal to the library.
#pragma once

#include <nlohmann/json.hpp>

#include "flowfolio/calibration/calibration.hpp"

namespace flowfolio {

nlohmann::ordered_json calibration_document(const Scenario& scenario, const Calibration& calibration);

}  // namespace flowfolio
