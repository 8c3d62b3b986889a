// The verdict box, the report's first screen: what to do, how much better than the
// baseline and how sure, how bad a bad future gets, and what would change the answer.
#include <cmath>
#include <string>

#include "flowfolio/core/format.hpp"
#include "flowfolio/output/verdict.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

namespace {
// The sentence with every strategy's name in bold. The sentence is escaped whole and the
// names put in after, so no scenario text (names, currency) ever reaches the page raw:
// names travel as control characters, which scenario text cannot hold.
std::string bold_sentence(const ReportInputs& in, const Headline& headline) {
  const Scenario& s = in.scenario;
  const std::string marked = recommendation_sentence(
      s, in.results, headline.recommendation, headline.baseline,
      [](std::size_t k) { return "\x01" + std::to_string(k) + "\x02"; });
  std::string text = escape_html(marked), out;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const std::size_t end = text[at] == '\x01' ? text.find('\x02', at) : std::string::npos;
    if (end == std::string::npos) {
      out += text[at];
      continue;
    }
    out += "<b>" + shown(s, std::stoul(text.substr(at + 1, end - at - 1))) + "</b>";
    at = end;
  }
  return out;
}

void figure(std::ostringstream& h, const char* id, const std::string& key, const std::string& value,
            const std::string& detail) {
  h << "<div class=\"figure\" id=\"" << id << "\"><div class=\"k\">" << key << "</div>"
    << (value.empty() ? "" : "<div class=\"v\">" + value + "</div>") << "<div class=\"d\">" << detail
    << "</div></div>\n";
}

// How much better than the baseline, and how sure: the paired gain and its interval, and
// the share of futures in which the recommended strategy does better.
void better_figure(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const std::string& cur = s.currency;
  const Recommendation& rec = hl.recommendation;
  if (rec.strategy == hl.baseline) {
    figure(h, "figure-better", "Nothing does better than " + shown(s, hl.baseline), "",
           "on average over " + horizon_words(s) + ", on the same simulated futures");
    return;
  }
  const PairedDifference d = metric_difference(in.results, rec.strategy, hl.baseline, Metric::kNpv);
  figure(h, "figure-better", "Better than " + shown(s, hl.baseline), escape_html(signed_money(d.mean, cur)),
         "npv over " + horizon_words(s) + ", on average; better in " + percent(d.p_better) +
             " of futures. 95% interval " + escape_html(format_money(d.lo95) + " to " + format_money(d.hi95)) +
             " (simulation precision).");
}

// How bad a bad future gets for the recommended strategy: the npv 1 future in 20 falls
// below, and the average of those worst futures.
void bad_future_figure(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const Figures& f = hl.figures[hl.recommendation.strategy];
  figure(h, "figure-bad", "A bad future", escape_html(signed_money(f.npv.p5, s.currency)),
         "npv over " + horizon_words(s) + " that 1 future in 20 falls below (P5). Those worst 5% average " +
             escape_html(signed_money(-f.tail.cvar95, s.currency)) + "; the chance of losing money is " +
             percent(f.tail.p_loss, 1) + ".");
}
// How bad a bad year gets: the worst single year's net cash flow that 1 future in 20
// falls below.
void bad_year_figure(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const double p5 = metric_summary(in.results, hl.recommendation.strategy, Metric::kWorstYear).p5;
  figure(h, "figure-bad-year", "A bad year", escape_html(signed_money(p5, s.currency)),
         p5 < 0 ? "In 1 future in 20 the worst year's cash flow is a loss of at least this much (P5, undiscounted)."
                : "Even in 1 future in 20, the worst year still brings in this much cash (P5, undiscounted).");
}

// The cash the recommended strategy needs before it pays for itself, and when it does.
void cash_figure(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const std::size_t R = hl.recommendation.strategy;
  const Summary cash = metric_summary(in.results, R, Metric::kCashNeeded);
  const Summary payback = metric_summary(in.results, R, Metric::kPaybackPeriod);
  const double never = metric_share(in.results, R, Metric::kPaybackPeriod, s.horizon + 1, false);
  const std::string unit = period_word(s.periods_per_year);
  const std::string when = payback.p50 > s.horizon ? "It does not pay back within " + horizon_words(s) + " in most futures"
                           : payback.p50 <= 0      ? "It pays its way from the start in most futures"
                                                   : "It pays back by " + unit + " " +
                                                         std::to_string(static_cast<int>(std::ceil(payback.p50))) +
                                                         " in a typical future";
  figure(h, "figure-cash", "Cash needed", escape_html(money(cash.p50, s.currency)),
         "before it pays for itself, in a typical future; 1 future in 20 needs more than " +
             escape_html(money(cash.p95, s.currency)) + ". " + escape_html(when) + "; never within " +
             escape_html(horizon_words(s)) + " in " + percent(never, 1) + ".");
}
}  // namespace

void headline_section(std::ostringstream& h, const ReportInputs& in, const Headline& hl,
                      const std::string& what_would_change) {
  h << "<section class=\"verdict\" id=\"verdict\">\n<p class=\"lead\">" << bold_sentence(in, hl)
    << "</p>\n<div class=\"figures\">\n";
  better_figure(h, in, hl);
  bad_future_figure(h, in, hl);
  if (in.cash_figures) {
    bad_year_figure(h, in, hl);
    cash_figure(h, in, hl);
  }
  figure(h, "figure-change", "What would change the answer", "",
         what_would_change.empty() ? "Not measured for this page (report.what_if_trials is 0)."
                                   : escape_html(what_would_change));
  h << "</div>\n<p class=\"note\">Intervals and &plusmn; figures measure the simulation's precision only: how "
       "much the numbers would move with more simulated futures. They do not say how right the scenario's "
       "assumptions are; &ldquo;What would change the answer&rdquo; does.</p>\n</section>\n";
}

}  // namespace flowfolio::page
