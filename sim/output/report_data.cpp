// The charts: the data the page's script draws them from (report.js), and their places
// on the page with a heading and a note each.
#include "flowfolio/stats/comparison.hpp"
#include "output/report_charts.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

std::string colour(std::size_t strategy) {
  // Okabe and Ito's palette: distinguishable with every common colour-vision deficiency.
  static const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                         "#56B4E9", "#D55E00", "#F0E442", "#000000"};
  return kPalette[strategy % 8];
}

json chart_data(const ReportInputs& in, const Headline& headline) {
  const Scenario& s = in.scenario;
  const RunResults& r = in.results;
  const std::size_t S = r.strategies.size();
  const std::vector<Figures>& rows = headline.figures;
  json data;
  data["currency"] = s.currency;
  data["period"] = period_word(s.periods_per_year);
  json names = json::array(), colors = json::array();
  for (std::size_t k = 0; k < S; ++k) {
    names.push_back(r.strategies[k].name);
    colors.push_back(colour(k));
  }
  data["strategies"] = names;
  json labels = json::array();
  for (const Strategy& st : s.strategies) labels.push_back(shown_name(st));
  data["labels"] = labels;  // what the charts show; the names join the rows
  data["colors"] = colors;
  // The spread of npv per strategy: the middle 50% and 90% of futures, median and mean.
  // Quantiles rather than a histogram, so one strategy's long tail cannot squeeze the rest.
  json spread = json::array();
  for (std::size_t k = 0; k < S; ++k) {
    const Summary& n = rows[k].npv;
    spread.push_back({{"strategy", r.strategies[k].name},
                      {"p5", n.p5},
                      {"p25", n.p25},
                      {"p50", n.p50},
                      {"p75", n.p75},
                      {"p95", n.p95},
                      {"mean", n.mean}});
  }
  data["npv_spread"] = spread;
  json fan = json::array(), zones = json::array();
  const char* zone_names[] = {"flow", "anxiety", "boredom"};
  for (const SeriesRow& row : in.series) {
    const std::string& name = r.strategies[row.strategy].name;
    fan.push_back({{"strategy", name},
                   {"period", row.period + 1},
                   {"mean", row.mean},
                   {"p5", row.quantiles[0]},
                   {"p25", row.quantiles[1]},
                   {"p50", row.quantiles[2]},
                   {"p75", row.quantiles[3]},
                   {"p95", row.quantiles[4]}});
    for (int z = 0; z < 3; ++z)
      zones.push_back({{"strategy", name},
                       {"period", row.period + 1},
                       {"zone", zone_names[z]},
                       {"share", row.zone_share[z]}});
  }
  data["fan"] = fan;
  data["zones"] = zones;
  json paired = json::array(), risk = json::array();
  for (std::size_t k = 0; k < S; ++k) {
    risk.push_back({{"strategy", r.strategies[k].name},
                    {"mean", rows[k].npv.mean},
                    {"cvar95", rows[k].tail.cvar95}});
    if (k == in.options.baseline) continue;
    const Comparison c = compare(s, r, k, in.options.baseline);
    const PairedDifference& d = c.metrics[0].difference;
    paired.push_back({{"strategy", r.strategies[k].name},
                      {"mean", d.mean},
                      {"lo", d.lo95},
                      {"hi", d.hi95},
                      {"p_beats", c.metrics[0].p_beats}});
  }
  data["paired"] = paired;
  data["risk"] = risk;
  data["baseline"] = shown_name(s.strategies[in.options.baseline]);
  // The risk chart zooms on the strategies tied with the best (recommendation.hpp).
  data["recommended"] = r.strategies[headline.recommendation.strategy].name;
  data["tied"] = json::array();
  for (std::size_t k : headline.recommendation.tied) data["tied"].push_back(r.strategies[k].name);
  data["loss_exceedance"] = loss_exceedance_data(s, r);

  return data;
}

void charts_section(std::ostringstream& h, const json& data) {
  const auto chart = [&](const char* id, const char* heading, const char* note) {
    h << "<h2>" << heading << "</h2>\n<div class=\"chart\" id=\"" << id
      << "\"></div>\n<p class=\"note\">" << note << "</p>\n";
  };
  chart("chart-npv", "How npv is spread",
        "Per strategy: 90% of futures fall on the line (P5 to P95), half in the bar (P25 to P75); "
        "the tick is the median, the diamond the mean.");
  chart("chart-fan", "Cumulative discounted cash flow over time",
        "Median (line), middle half (dark band) and 90% of futures (light band) of the cumulative "
        "discounted cash flow.");
  chart("chart-paired", "Difference from the baseline, on the same futures",
        "Mean npv difference from the baseline with its 95% interval; the label gives the share of "
        "futures in which the strategy does better.");
  chart("chart-zones", "Where the work happens: anxiety, flow, boredom",
        "Share of worked hours in each zone, averaged over futures. Flow is where work is best and "
        "learning fastest.");
  chart("chart-risk", "Risk against return",
        "Mean npv against CVaR95 (the average loss in the worst 5% of futures). Up and to the left "
        "is better.");
  h << loss_exceedance_html(data["loss_exceedance"]);
}

}  // namespace flowfolio::page
