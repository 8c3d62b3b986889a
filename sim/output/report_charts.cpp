#include "output/report_charts.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <vector>

#include "flowfolio/core/format.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/stats/summaries.hpp"

namespace flowfolio {

namespace {
using nlohmann::json;

// One strategy's incident losses, seen the same way whether the run kept its trials
// (sorted) or only a sketch of them.
struct LossColumn {
  std::uint64_t count = 0;
  std::uint64_t zeros = 0;  // losses at or below 0
  std::function<double(double)> quantile;
  std::function<double(std::uint64_t)> value_at_rank;
  double max = 0;
};

LossColumn loss_column(const RunResults& results, std::size_t strategy, std::vector<double>& sorted) {
  if (results.summaries) {
    const QuantileSketch& sketch =
        results.summaries->metrics[strategy][static_cast<std::size_t>(Metric::kIncidentLoss)].sketch;
    return {.count = sketch.count(),
            .zeros = sketch.count_below(0, true),
            .quantile = [&sketch](double p) { return sketch.quantile(p); },
            .value_at_rank = [&sketch](std::uint64_t k) { return sketch.value_at_rank(k); },
            .max = sketch.max()};
  }
  const auto values = results.strategies[strategy].metric(Metric::kIncidentLoss);
  sorted.assign(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const auto zeros = static_cast<std::uint64_t>(
      std::upper_bound(sorted.begin(), sorted.end(), 0.0) - sorted.begin());
  return {.count = sorted.size(),
          .zeros = zeros,
          .quantile = [&sorted](double p) { return quantile_sorted(sorted, p); },
          .value_at_rank = [&sorted](std::uint64_t k) { return sorted[k]; },
          .max = sorted.empty() ? 0 : sorted.back()};
}

// The exceedance levels the curve is drawn at: 50%, 20%, 10%, 5%, 2%, 1%, 0.5%, ... while
// at least one trial in `trials` lies beyond, so the page stays small at any trial count.
std::vector<double> exceedance_levels(std::uint64_t trials) {
  std::vector<double> levels;
  const double floor = 1.0 / static_cast<double>(std::max<std::uint64_t>(trials, 1));
  for (double decade = 1; decade * 0.1 >= floor * 0.999; decade /= 10)
    for (double step : {0.5, 0.2, 0.1})
      if (decade * step >= floor * 0.999) levels.push_back(decade * step);
  return levels;
}

// The losses the curve passes through, ascending and positive: the smallest positive
// loss, the loss at each exceedance level, and the largest.
std::vector<double> curve_losses(const LossColumn& column) {
  std::vector<double> xs = {column.value_at_rank(column.zeros)};
  for (double level : exceedance_levels(column.count)) xs.push_back(column.quantile(1 - level));
  xs.push_back(column.max);
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  xs.erase(xs.begin(), std::upper_bound(xs.begin(), xs.end(), 0.0));
  return xs;
}

std::string horizon_words(const Scenario& scenario) {
  const double years = static_cast<double>(scenario.horizon) / scenario.periods_per_year;
  const double rounded = std::round(years * 100) / 100;
  return format_number(rounded) + (rounded == 1 ? " year" : " years");
}
}  // namespace

json loss_exceedance_data(const Scenario& scenario, const RunResults& results) {
  json points = json::array(), shares = json::array(), zero = json::array();
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    const std::string& name = results.strategies[s].name;
    std::vector<double> sorted;
    const LossColumn column = loss_column(results, s, sorted);
    if (column.count == 0 || column.zeros == column.count) {
      zero.push_back(name);
      continue;
    }
    // Each point's share is measured at its loss, as summary.json's exceedance is, so a
    // point is exact even where the level fell between two trials.
    for (double x : curve_losses(column))
      points.push_back({{"strategy", name},
                        {"loss", x},
                        {"p", metric_share(results, s, Metric::kIncidentLoss, x, false)}});
    for (double x : scenario.risk.loss_thresholds)
      shares.push_back({{"strategy", name},
                        {"threshold", x},
                        {"p", metric_share(results, s, Metric::kIncidentLoss, x, false)}});
  }
  return {{"points", points},
          {"thresholds", scenario.risk.loss_thresholds},
          {"shares", shares},
          {"zero", zero},
          {"floor", 0.5 / static_cast<double>(std::max<std::uint64_t>(results.trials, 1))},
          {"horizon", horizon_words(scenario)}};
}

std::string loss_exceedance_html(const json& data) {
  std::ostringstream h;
  const std::string horizon = escape_html(data.value("horizon", ""));
  h << "<h2 id=\"loss-exceedance\">How likely a loss of each size is</h2>\n";
  if (!data["points"].empty())
    h << "<div class=\"chart\" id=\"chart-lec\"></div>\n";
  h << "<p class=\"note\">Loss exceedance curve: for each amount x, the share of futures whose "
       "incident losses over "
    << horizon
    << " reach x or more. Both axes are logarithmic, so a tail of one future in a thousand reads "
       "as clearly as one in two.";
  if (!data["thresholds"].empty())
    h << " The dashed lines are the scenario's loss thresholds (risk.loss_thresholds), each "
         "labelled with every strategy's share of futures at or beyond it.";
  const json& zero = data["zero"];
  if (!zero.empty()) {
    h << " No incident loss in any future for ";
    for (std::size_t k = 0; k < zero.size(); ++k)
      h << (k == 0 ? "" : k + 1 == zero.size() ? " and " : ", ") << "<b>"
        << escape_html(zero[k].get<std::string>()) << "</b>";
    h << (zero.size() == 1 ? ", so it has no curve." : ", so they have no curve.");
  }
  h << "</p>\n";
  return h.str();
}

}  // namespace flowfolio
