// The strategies side by side, in two tables, every column with its unit and time frame:
// money and risk, then people and work.
#include <cstdio>
#include <string>

#include "flowfolio/core/format.hpp"
#include "flowfolio/output/verdict.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

namespace {
std::string strategy_cell(const Scenario& s, std::size_t k, const Headline& hl) {
  std::string cell = "<td class=\"l\"><span class=\"swatch\" style=\"background:" +
                     colour(k) + "\"></span>" + shown(s, k);
  if (k == hl.recommendation.strategy) cell += " <span class=\"tag\">recommended</span>";
  if (k == hl.baseline) cell += " <span class=\"tag base\">baseline</span>";
  if (!s.strategies[k].label.empty()) cell += "<br><span class=\"se\">" + escape_html(s.strategies[k].name) + "</span>";
  return cell + "</td>";
}

std::string with_se(const std::string& value, const std::string& se) {
  return "<td>" + value + "<br><span class=\"se\">&plusmn; " + se + "</span></td>";
}

void money_and_risk(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const std::string over = escape_html(horizon_words(s)), cur = escape_html(s.currency.empty() ? "" : " (" + s.currency + ")");
  h << "<h3>Money and risk over " << over << "</h3>\n<table id=\"strategies\"><tr><th class=\"l\">strategy</th>"
    << "<th>npv" << cur << ", average<br><span class=\"se\">&plusmn; simulation precision</span></th>"
    << "<th>npv in a bad future: 1 in 20 fall below (P5)</th>"
    << "<th>npv averaged over the worst 5% of futures (&minus;CVaR95)</th>"
    << "<th>chance of losing money (npv below 0)</th>"
    << "<th>incident losses" << cur << ", average<br><span class=\"se\">&plusmn; simulation precision</span></th>"
    << "<th>chance of an incident costing " << escape_html(format_money(s.model.catastrophe))
    << " or more</th></tr>\n";
  for (std::size_t k = 0; k < hl.figures.size(); ++k) {
    const Figures& f = hl.figures[k];
    h << "<tr>" << strategy_cell(s, k, hl)
      << with_se(escape_html(signed_money(f.npv.mean, "")), escape_html(format_money(f.npv.se)))
      << "<td>" << escape_html(signed_money(f.npv.p5, "")) << "</td><td>"
      << escape_html(signed_money(-f.tail.cvar95, "")) << "</td><td>" << percent(f.tail.p_loss, 1) << "</td>"
      << with_se(escape_html(format_money(f.loss.mean)), escape_html(format_money(f.loss.se))) << "<td>"
      << percent(metric_share(in.results, k, Metric::kCatastrophes, 1, false), 1) << "</td></tr>\n";
  }
  h << "</table>\n<p class=\"note\">npv: net present value, the cash a strategy brings over " << over
    << ", each week's worth discounted to today. The worst 5% of futures can average far below the P5 line: a "
       "few futures with a large incident pull the average down, while the line itself is set by the 1-in-20 "
       "future.</p>\n";
}

void people_and_work(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  const Scenario& s = in.scenario;
  const std::string over = escape_html(horizon_words(s)), unit = period_word(s.periods_per_year);
  h << "<h3>People and work over " << over << "</h3>\n<table id=\"people\"><tr><th class=\"l\">strategy</th>"
    << "<th>" << unit << "s until every activity has someone balanced for it, average</th>"
    << "<th>people who left over " << over << ", replacements included, average</th>"
    << "<th>share of worked hours in flow</th></tr>\n";
  for (std::size_t k = 0; k < hl.figures.size(); ++k) {
    const Figures& f = hl.figures[k];
    char cells[200];
    std::snprintf(cells, sizeof cells, "<td>%.1f</td><td>%.2f</td><td>%s</td>", f.proficiency.mean,
                  f.attrition.mean, percent(f.flow.mean, 1).c_str());
    h << "<tr>" << strategy_cell(s, k, hl) << cells << "</tr>\n";
  }
  h << "</table>\n<p class=\"note\">Balanced: skilled enough for the work without being overwhelmed or bored "
       "(the flow zone; see the glossary). A strategy that never gets there counts the whole horizon.</p>\n";
}
}  // namespace

void strategies_section(std::ostringstream& h, const ReportInputs& in, const Headline& hl) {
  h << "<h2 id=\"strategies-section\">The strategies side by side</h2>\n";
  money_and_risk(h, in, hl);
  people_and_work(h, in, hl);
}

}  // namespace flowfolio::page
