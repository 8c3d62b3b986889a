// The name of a sensitivity output for people, shared by sensitivity.json and the table
// (internal).
#pragma once

#include <string>

#include "flowfolio/studies/sensitivity.hpp"

namespace flowfolio::study {

inline std::string output_label(const SensitivityOutputResult& out) {
  if (out.kind == "npv_difference") return "npv of " + out.strategy + " minus " + out.versus;
  if (out.kind == "mean_npv") return "mean npv of " + out.strategy;
  if (out.kind == "cvar95") return "CVaR95 of " + out.strategy;
  return "P(loss) of " + out.strategy;
}

}  // namespace flowfolio::study
