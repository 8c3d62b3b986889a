// The frontier search as text for the terminal: the fronts and the recommendation.
#include "flowfolio/studies/frontier.hpp"

#include <algorithm>
#include <cstdio>

#include "flowfolio/core/format.hpp"
#include "flowfolio/output/output.hpp"
#include "studies/frontier_text.hpp"

namespace flowfolio {

using study::decision_text;
using study::risk_name;
using study::risk_text;

std::string frontier_table(const Scenario& scenario, const FrontierResults& results) {
  const OptimizeSpec& spec = results.spec;
  std::string out;
  char line[512];
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    std::vector<const FrontierPoint*> front;
    for (const FrontierPoint& p : results.points)
      if (p.strategy == s && (p.on_front || p.current)) front.push_back(&p);
    std::sort(front.begin(), front.end(),
              [](const FrontierPoint* a, const FrontierPoint* b) { return a->risk < b->risk; });
    out +=
        "\n" + results.strategies[s] + ": front of mean npv against " + risk_name(spec.risk) + "\n";
    std::snprintf(line, sizeof line, "  %12s %10s %12s %9s %9s %7s  %s\n", "mean npv", "se",
                  risk_name(spec.risk).c_str(), "feasible", "P(meets)", "trials", "decisions");
    out += line;
    // Decisions that give the same outcome (demand beyond the hours, say) share a row.
    for (std::size_t k = 0; k < front.size();) {
      std::size_t same = k + 1;
      while (same < front.size() && front[same]->mean_npv == front[k]->mean_npv &&
             front[same]->risk == front[k]->risk)
        ++same;
      const auto shown =
          std::min_element(front.begin() + k, front.begin() + same,
                           [](auto a, auto b) { return a->candidate < b->candidate; });
      const FrontierPoint* p = *shown;
      std::string note = p->current ? "  (the scenario as written)" : "";
      if (same - k > 1)
        note += "  and " + std::to_string(same - k - 1) + " more with the same outcome";
      std::snprintf(line, sizeof line, "  %12s %10s %12s %9s %9s %7llu  %s%s\n",
                    format_money(p->mean_npv).c_str(), format_money(p->mean_npv_se).c_str(),
                    (risk_text(spec.risk, p->risk) + (p->thin_tail && spec.risk == RiskMeasure::kCvar95 ? "*" : "")).c_str(),
                    p->feasible ? "yes" : "no", percent(p->p_meets).c_str(),
                    static_cast<unsigned long long>(p->trials),
                    decision_text(spec, results.decisions[p->candidate]).c_str(), note.c_str());
      out += line;
      k = same;
    }
  }
  (void)scenario;
  if (spec.risk == RiskMeasure::kCvar95)
    out += "\n* CVaR95 on too few trials in the worst 5% to judge, or one future carries much of it.\n";
  const FrontierScreening& sc = results.screening;
  if (sc.stages > 0)
    out += "Screening gave " + std::to_string(sc.points) + " close points " + std::to_string(sc.used) +
           " more trials in " + std::to_string(sc.stages) + " stages (OCBA-CO): P(the best is the best) " +
           percent(sc.sure_before) + " before, " + percent(sc.sure_after) + " after.\n";
  return out + "\n" + results.recommendation + "\n";
}

}  // namespace flowfolio
