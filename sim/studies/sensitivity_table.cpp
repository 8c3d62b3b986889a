// The sensitivity analysis as text for the terminal.
#include "flowfolio/studies/sensitivity.hpp"

#include <cmath>
#include <cstdio>

#include "flowfolio/output/output.hpp"
#include "studies/sensitivity_label.hpp"
#include "studies/study.hpp"

namespace flowfolio {

using study::output_label;

std::string sensitivity_table(const Scenario& scenario, const SensitivityResults& results) {
  const SensitivitySpec& spec = results.spec;
  std::string out;
  char line[400];
  for (const SensitivityOutputResult& o : results.outputs) {
    const bool share = o.kind == "p_loss";
    const auto value = [&](double x) {
      if (!share) return format_money(x);
      std::snprintf(line, sizeof line, "%.1f%%", 100 * x);
      return std::string(line);
    };
    out += "\n" + output_label(o) + ": " + value(o.base) + " (se " + value(o.base_se) + ")" +
           (share ? "" : " " + scenario.currency) + " at the scenario's values\n";
    std::snprintf(line, sizeof line, "  %-36s %21s %21s %19s", "input", "range",
                  "at low -> at high", "swing");
    out += line;
    if (results.sobol) out += "   first order [95%]      total [95%]";
    out += "\n";
    // In the tornado's order when there is one, else the inputs' own.
    std::vector<std::size_t> order;
    for (const TornadoBar& bar : o.tornado) order.push_back(bar.input);
    if (order.empty())
      for (std::size_t i = 0; i < spec.inputs.size(); ++i) order.push_back(i);
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t i = order[k];
      const ScenarioInput& input = spec.inputs[i];
      const std::string range =
          study::number_short(input.low) + " .. " + study::number_short(input.high);
      std::string ends = "", swing = "";
      if (!o.tornado.empty()) {
        ends = value(o.tornado[k].at_low) + " -> " + value(o.tornado[k].at_high);
        swing = (o.tornado[k].swing >= 0 ? "+" : "") + value(o.tornado[k].swing);
        if (o.tornado[k].swing_se > 0) swing += " +- " + value(o.tornado[k].swing_se);
      }
      std::snprintf(line, sizeof line, "  %-36s %21s %21s %19s", input.name.substr(0, 36).c_str(),
                    range.c_str(), ends.c_str(), swing.c_str());
      out += line;
      if (results.sobol) {
        const SobolIndices& si = o.sobol;
        std::snprintf(line, sizeof line, "   %5.2f [%5.2f, %5.2f]  %5.2f [%5.2f, %5.2f]",
                      si.first[i], si.first_lo[i], si.first_hi[i], si.total[i], si.total_lo[i],
                      si.total_hi[i]);
        out += line;
      }
      out += "\n";
    }
    if (results.sobol) {
      std::snprintf(line, sizeof line, "  noise share %.1f%%%s\n", 100 * o.noise_share,
                    o.warning.empty() ? "" : ("; " + o.warning).c_str());
      out += line;
    }
  }
  return out;
}

}  // namespace flowfolio
