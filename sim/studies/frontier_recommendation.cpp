// The frontier's recommendation in words (frontier_text.hpp): from the confirmation run
// when there is one, with the search's own estimate beside it.
#include <cmath>
#include <cstdint>

#include "flowfolio/core/format.hpp"
#include "studies/frontier_text.hpp"

namespace flowfolio::study {

namespace {

// 20000 -> "20,000".
std::string format_count(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string signed_money(double x) { return (x >= 0 ? "+" : "-") + format_money(std::abs(x)); }

// "mentored_mix with pharma assets a week = 0.875, ..."
std::string mix_text(const FrontierResults& r, const FrontierPoint& p) {
  return r.strategies[p.strategy] + " with " + decision_text(r.spec, r.decisions[p.candidate]);
}

// "a CVaR95 of -520k (95% interval -650k to -310k)", or P(loss)'s figure.
std::string risk_figure(const OptimizeSpec& spec, const FrontierPoint& p) {
  std::string out = risk_name(spec.risk) + " of " + risk_text(spec.risk, p.risk);
  if (spec.risk == RiskMeasure::kCvar95)
    out += " (95% interval " + format_money(p.cvar95_lo95) + " to " + format_money(p.cvar95_hi95) + ")";
  return out;
}

bool has_ceiling(const OptimizeSpec& spec) { return spec.max_cvar95 || spec.max_p_loss || spec.max_cost; }

std::string ceiling_words(const OptimizeSpec& spec) {
  if (spec.max_cvar95 && !spec.max_p_loss && !spec.max_cost)
    return "the CVaR95 ceiling of " + format_money(*spec.max_cvar95);
  return "the ceilings";
}

std::string thin_warning(const FrontierPoint& p) {
  return p.thin_tail ? " Caution: CVaR95 rests on few trials in the worst 5% of futures, or one future carries much of "
                       "it; read its figure as a guide, not a verdict."
                     : "";
}

std::string failed_text(const FrontierResults& r, const FrontierConfirmation& c) {
  const std::string outcome =
      c.verdict == FrontierConfirmation::Verdict::kFails ? "failed " + ceiling_words(r.spec) : "could not be shown to meet " + ceiling_words(r.spec);
  return mix_text(r, r.points[c.point]) + " " + outcome + " when confirmed on " + format_count(c.trials) +
         " fresh futures (" + risk_name(r.spec.risk) + " " + risk_text(r.spec.risk, c.estimate.risk) +
         ", P(ceilings hold) " + percent(c.estimate.p_meets, 1) + ")";
}

std::string confirmed_text(const Scenario& scenario, const FrontierResults& r, const FrontierConfirmation& c) {
  const std::string currency = scenario.currency.empty() ? "" : " " + scenario.currency;
  const FrontierPoint& searched = r.points[c.point];
  const FrontierPoint& e = c.estimate;
  std::string out = searched.candidate == 0 ? "The scenario as written is already the best under the constraints: "
                                            : "Recommended: ";
  out += mix_text(r, searched) + ". Confirmed on " + format_count(c.trials) + " fresh futures: expected npv " +
         format_money(e.mean_npv) + currency + " (se " + format_money(e.mean_npv_se) + ") for a " +
         risk_figure(r.spec, e);
  if (has_ceiling(r.spec)) out += "; P(ceilings hold) " + percent(e.p_meets, 1);
  out += ".";
  if (searched.candidate != 0) {
    out += " Against " + r.strategies[searched.strategy] + " as the scenario stands, on the same futures: npv " +
           signed_money(c.gain.mean) + " (95% interval " + format_money(c.gain.lo95) + " to " +
           format_money(c.gain.hi95) + ")";
    if (has_ceiling(r.spec) && c.current.p_meets < 0.5)
      out += "; as it stands it does not meet " + ceiling_words(r.spec) + " (" + risk_name(r.spec.risk) + " " +
             risk_text(r.spec.risk, c.current.risk) + ")";
    out += ".";
  }
  out += " The search had estimated " + format_money(searched.mean_npv) + " and " +
         risk_text(r.spec.risk, searched.risk) + " on " + format_count(searched.trials) + " trials.";
  if (r.spec.risk == RiskMeasure::kCvar95 && e.risk < 0) out += " A negative CVaR95 means even the worst 5% of futures gain.";
  return out + thin_warning(e);
}

// Without a confirmation run (confirm_trials: 0): the search's own figures, said as such.
std::string search_text(const Scenario& scenario, const FrontierResults& r) {
  const std::string currency = scenario.currency.empty() ? "" : " " + scenario.currency;
  const FrontierPoint& b = r.points[*r.best];
  const FrontierPoint& c = r.points[b.strategy];
  const PairedDifference& diff = r.best_against_current;
  std::string out = (b.candidate == 0 ? "The scenario as written is already the best under the constraints: "
                                      : "Best under the constraints: ") +
                    mix_text(r, b) + ": expected npv " + format_money(b.mean_npv) + currency + " (se " +
                    format_money(b.mean_npv_se) + ") for a " + risk_figure(r.spec, b);
  if (has_ceiling(r.spec)) out += "; P(ceilings hold) " + percent(b.p_meets, 1);
  if (b.candidate != 0)
    out += ", against " + format_money(c.mean_npv) + " and " + risk_text(r.spec.risk, c.risk) + " as the scenario stands (npv " +
           signed_money(diff.mean) + ", 95% interval " + format_money(diff.lo95) + " to " + format_money(diff.hi95) +
           ", on the same futures)";
  return out + ". These are the search's own estimates on " + format_count(b.trials) +
         " trials, not confirmed on fresh futures." + thin_warning(b);
}

}  // namespace

std::string frontier_recommendation(const Scenario& scenario, const FrontierResults& r) {
  if (!r.best) return "No candidate meets the constraints; loosen a ceiling or widen a decision's range.";
  if (r.confirmations.empty()) return search_text(scenario, r);
  const FrontierConfirmation& top = r.confirmations.front();
  const std::size_t tries = r.confirmations.size();
  if (!r.confirmed)
    return "No mix is recommended: the search's first choice, " + failed_text(r, top) +
           (tries > 1 ? ", and the " + std::to_string(tries - 1) + " safer mixes tried after it did no better" : "") +
           ". Loosen a ceiling, widen a decision's range, or give the search more trials.";
  const std::string fallback = *r.confirmed == 0 ? ""
                               : "The search's first choice did not hold: " + failed_text(r, top) + "; " +
                                     std::to_string(tries - 1) + " safer mixes were tried after it. ";
  return fallback + confirmed_text(scenario, r, r.confirmations[*r.confirmed]);
}

}  // namespace flowfolio::study
