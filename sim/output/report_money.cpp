// Money the way executives track it: what each strategy costs, the cash it needs before
// it pays for itself, when it pays back, and its cash year by year (docs/model.md's cash
// metrics, undiscounted).
#include <algorithm>
#include <cmath>
#include <string>

#include "flowfolio/core/format.hpp"
#include "flowfolio/output/verdict.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

namespace {
// "week 12", "from the start" or "never": a payback period (horizon + 1 is never).
std::string payback_words(double period, const Scenario& s) {
  if (period > s.horizon) return "never";
  if (period <= 0) return "from the start";
  return period_word(s.periods_per_year) + " " + std::to_string(static_cast<int>(std::ceil(period)));
}

struct Year {
  std::string name;
  int from = 0, to = 0;  // periods [from, to)
};

// The horizon cut into years of periods_per_year periods; a last partial year says so.
std::vector<Year> years_of(const Scenario& s) {
  std::vector<Year> years;
  const int n = std::max(1, s.periods_per_year);
  for (int from = 0, k = 1; from < s.horizon; from += n, ++k) {
    const int to = std::min(s.horizon, from + n);
    std::string name = n == 1 ? period_word(1) + " " + std::to_string(k) : "year " + std::to_string(k);
    if (to - from < n) name += " (" + std::to_string(to - from) + " " + period_word(s.periods_per_year) + "s)";
    years.push_back({name, from, to});
  }
  return years;
}

// The mean of one money series of strategy k summed over each year.
std::vector<double> by_year(const std::vector<SeriesRow>& series, std::size_t k, const std::vector<Year>& years,
                            double PeriodMoney::*field) {
  std::vector<double> sums(years.size(), 0.0);
  for (const SeriesRow& row : series) {
    if (row.strategy != k) continue;
    for (std::size_t y = 0; y < years.size(); ++y)
      if (row.period >= years[y].from && row.period < years[y].to) sums[y] += row.money.*field;
  }
  return sums;
}

void cost_and_cash(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const std::string over = escape_html(horizon_words(s)), unit = period_word(s.periods_per_year);
  h << "<table id=\"money\"><tr><th class=\"l\">strategy</th><th>total cost over " << over
    << ", average<br><span class=\"se\">pay, training, hiring, direct and unmet work</span></th>"
    << "<th>incident losses over " << over << ", average</th><th>value earned over " << over << ", average</th>"
    << "<th>cash needed before it pays for itself: typical future (median)</th>"
    << "<th>cash needed: 1 future in 20 needs more (P95)</th><th>pays back by " << unit << " (median)</th>"
    << "<th>futures that never pay back within " << over << "</th></tr>\n";
  for (std::size_t k = 0; k < hl.figures.size(); ++k) {
    const Figures& f = hl.figures[k];
    const Summary cash = metric_summary(in.results, k, Metric::kCashNeeded);
    const Summary payback = metric_summary(in.results, k, Metric::kPaybackPeriod);
    const double never = metric_share(in.results, k, Metric::kPaybackPeriod, s.horizon + 1, false);
    h << "<tr><td class=\"l\">" << shown(s, k) << "</td><td>" << escape_html(format_money(f.cost.mean))
      << "</td><td>" << escape_html(format_money(f.loss.mean)) << "</td><td>" << escape_html(format_money(f.value.mean))
      << "</td><td>" << escape_html(format_money(cash.p50)) << "</td><td>" << escape_html(format_money(cash.p95))
      << "</td><td>" << escape_html(payback_words(payback.p50, s)) << "</td><td>" << percent(never, 1) << "</td></tr>\n";
  }
  h << "</table>\n<p class=\"note\">Money here is cash as it is paid and earned, not discounted. Cash needed: the "
       "deepest the running total of cash falls below zero before the strategy's work pays for itself (0 when "
       "it never falls below). Pays back by: the "
    << unit << " after which the running total stays at or above zero.</p>\n";
}

void year_by_year(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const std::vector<Year> years = years_of(s);
  if (years.size() < 2 || in.series.empty()) return;
  const std::string cur = escape_html(s.currency.empty() ? "" : " (" + s.currency + ")");
  h << "<h3>Year by year: net cash flow" << cur << ", average</h3>\n<table id=\"years\"><tr><th class=\"l\">strategy</th>";
  for (const Year& y : years) h << "<th>" << escape_html(y.name) << "</th>";
  h << "<th>all " << escape_html(horizon_words(s)) << "</th></tr>\n";
  for (std::size_t k = 0; k < hl.figures.size(); ++k) {
    const std::vector<double> net = by_year(in.series, k, years, &PeriodMoney::cash_flow);
    double total = 0;
    h << "<tr><td class=\"l\">" << shown(s, k) << "</td>";
    for (double x : net) h << "<td>" << escape_html(signed_money(x, "")) << "</td>", total += x;
    h << "<td>" << escape_html(signed_money(total, "")) << "</td></tr>\n";
  }
  h << "</table>\n";
  const std::size_t R = hl.recommendation.strategy;
  h << "<table id=\"years-recommended\"><tr><th class=\"l\">" << shown(s, R) << cur << ", average</th>";
  for (const Year& y : years) h << "<th>" << escape_html(y.name) << "</th>";
  h << "</tr>\n";
  const std::pair<const char*, double PeriodMoney::*> lines[] = {{"value earned", &PeriodMoney::value},
                                                                 {"costs", &PeriodMoney::cost},
                                                                 {"incident losses", &PeriodMoney::incident_loss},
                                                                 {"net cash flow", &PeriodMoney::cash_flow}};
  for (const auto& [what, field] : lines) {
    h << "<tr><td class=\"l\">" << what << "</td>";
    for (double x : by_year(in.series, R, years, field)) h << "<td>" << escape_html(format_money(x)) << "</td>";
    h << "</tr>\n";
  }
  h << "</table>\n<p class=\"note\">Averages over the simulated futures; a single year can be far worse (the first "
       "screen gives the worst year of a bad future).</p>\n";
}
}  // namespace

void money_section(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  h << "<h2 id=\"money-section\">Cost, cash and payback</h2>\n";
  cost_and_cash(h, in, hl);
  year_by_year(h, in, hl);
}

}  // namespace flowfolio::page
