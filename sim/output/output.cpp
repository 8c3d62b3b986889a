#include "flowfolio/output/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/json_text.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "output/csv.hpp"

namespace flowfolio {

namespace {
using nlohmann::ordered_json;

ordered_json summary_object(const Summary& s) {
  return {{"mean", s.mean}, {"sd", s.sd},   {"se", s.se},   {"min", s.min},
          {"max", s.max},   {"p5", s.p5},   {"p25", s.p25}, {"p50", s.p50},
          {"p75", s.p75},   {"p95", s.p95}};
}

std::string fixed(double x, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

std::string pad(const std::string& s, std::size_t width, bool left = false) {
  if (s.size() >= width) return s;
  const std::string fill(width - s.size(), ' ');
  return left ? s + fill : fill + s;
}
}  // namespace

ReportOptions ReportOptions::from(const Scenario& scenario) {
  ReportOptions options;
  options.levels = scenario.risk.levels;
  options.loss_thresholds = scenario.risk.loss_thresholds;
  return options;
}

namespace {
const char* const kQuantileNames[] = {"p5", "p25", "p50", "p75", "p95"};
constexpr double kQuantiles[] = {0.05, 0.25, 0.50, 0.75, 0.95};

// The statistics of one metric: section 8's, and a 95% interval for each quantile.
ordered_json metric_object(std::span<const double> values, std::vector<double>& sorted) {
  ordered_json stats = summary_object(summarize(values));
  sorted.assign(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  ordered_json intervals = ordered_json::object();
  for (std::size_t q = 0; q < 5; ++q) {
    const QuantileInterval ci = quantile_interval(sorted, kQuantiles[q]);
    intervals[kQuantileNames[q]] = {ci.lo, ci.hi};
  }
  stats["ci95"] = intervals;
  return stats;
}

// The same from a summarized run's sketch (summaries.hpp).
ordered_json summarized_metric_object(const RunResults& results, std::size_t strategy, Metric metric) {
  ordered_json stats = summary_object(metric_summary(results, strategy, metric));
  ordered_json intervals = ordered_json::object();
  for (std::size_t q = 0; q < 5; ++q) {
    const QuantileInterval ci = metric_interval(results, strategy, metric, kQuantiles[q]);
    intervals[kQuantileNames[q]] = {ci.lo, ci.hi};
  }
  stats["ci95"] = intervals;
  return stats;
}

// The share p of trials, with its standard error sqrt(p (1 - p) / n).
ordered_json share_object(double p, std::size_t n) {
  return {{"p", p}, {"se", std::sqrt(p * (1 - p) / static_cast<double>(n))}};
}

ordered_json paired_object(const PairedDifference& d) {
  return {{"mean", d.mean},        {"se", d.se},       {"lo95", d.lo95},         {"hi95", d.hi95},
          {"p_higher", d.p_better}, {"p_tie", d.p_tie}, {"p_lower", d.p_worse}};
}

ordered_json comparison_object(const Comparison& c, const RunResults& results) {
  ordered_json metrics = ordered_json::object();
  for (const MetricComparison& m : c.metrics) {
    ordered_json o = paired_object(m.difference);
    o["better"] = m.higher_is_better ? "higher" : "lower";
    o["p_beats"] = m.p_beats;
    metrics[std::string(metric_name(m.metric))] = o;
  }
  return {{"strategy", results.strategies[c.strategy].name},
          {"baseline", results.strategies[c.baseline].name},
          {"sentence", c.sentence},
          {"metrics", metrics}};
}

// The comparisons of a report: every strategy against the baseline, then named pairs.
std::vector<Comparison> comparisons(const Scenario& scenario, const RunResults& results,
                                    const ReportOptions& options) {
  std::vector<Comparison> out;
  for (std::size_t s = 0; s < results.strategies.size(); ++s)
    if (s != options.baseline) out.push_back(compare(scenario, results, s, options.baseline));
  for (const auto& [s, b] : options.pairs) out.push_back(compare(scenario, results, s, b));
  return out;
}

ordered_json run_object(const RunResults& results, const ReportOptions& options) {
  ordered_json run = {{"trials", results.trials},
                      {"streams", results.independent_streams ? "independent" : "common"}};
  if (!options.stop_reason.empty()) run["stop_reason"] = options.stop_reason;
  if (results.summaries) {
    run["statistics"] = {
        {"method", "sketch"},
        {"relative_accuracy", results.summaries->relative_accuracy},
        {"bound",
         "mean, sd, se, min, max, P(npv < 0) and paired differences are exact; every quantile, "
         "its interval ends and VaR are within relative_accuracy of the exact value (of the larger "
         "magnitude of the two order statistics it lies between); CVaR within relative_accuracy of "
         "the tail's mean magnitude; exceedance shares may count values within relative_accuracy of "
         "the threshold on either side (docs/output-format.md)"}};
  }
  return run;
}
}  // namespace

std::string summary_json(const Scenario& scenario, const RunResults& results) {
  return summary_json(scenario, results, ReportOptions::from(scenario));
}

std::string summary_json(const Scenario& scenario, const RunResults& results,
                         const ReportOptions& options) {
  ordered_json strategies = ordered_json::array();
  std::vector<double> sorted;
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    const StrategyResults& r = results.strategies[s];
    ordered_json metrics = ordered_json::object();
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const auto metric = static_cast<Metric>(m);
      ordered_json stats = results.summaries ? summarized_metric_object(results, s, metric)
                                             : metric_object(r.metric(metric), sorted);
      const auto tail_at = [&](double level) {
        return results.summaries ? metric_tail(results, s, metric, level) : tail_risk_sorted(sorted, level);
      };
      if (metric == Metric::kNpv) {
        const TailRisk tail = tail_at(0.95);
        stats["var95"] = tail.var95;
        stats["cvar95"] = tail.cvar95;
        stats["p_loss"] = tail.p_loss;
        ordered_json levels = ordered_json::array();
        for (double level : options.levels) {
          const TailRisk t = tail_at(level);
          levels.push_back({{"level", level}, {"var", t.var95}, {"cvar", t.cvar95}});
        }
        stats["tail"] = levels;
      }
      metrics[std::string(metric_name(metric))] = stats;
    }
    ordered_json exceedances = ordered_json::array();
    if (!options.loss_thresholds.empty() && results.summaries) {
      for (double x : options.loss_thresholds) {
        exceedances.push_back(
            {{"threshold", x},
             {"net_loss", share_object(metric_share(results, s, Metric::kNpv, -x, true), results.trials)},
             {"incident_loss",
              share_object(metric_share(results, s, Metric::kIncidentLoss, x, false), results.trials)}});
      }
    } else if (!options.loss_thresholds.empty()) {
      std::vector<double> net_loss(r.metric(Metric::kNpv).begin(), r.metric(Metric::kNpv).end());
      for (double& v : net_loss) v = -v;
      for (double x : options.loss_thresholds) {
        exceedances.push_back(
            {{"threshold", x},
             {"net_loss", share_object(exceedance(net_loss, x), net_loss.size())},
             {"incident_loss",
              share_object(exceedance(r.metric(Metric::kIncidentLoss), x), net_loss.size())}});
      }
    }
    ordered_json flow = ordered_json::array(), anxiety = ordered_json::array(),
                 boredom = ordered_json::array();
    for (const auto& share : r.mean_zone_share) {
      flow.push_back(share[0]);
      anxiety.push_back(share[1]);
      boredom.push_back(share[2]);
    }
    ordered_json value = ordered_json::array(), cost = ordered_json::array(),
                 incident_loss = ordered_json::array(), cash_flow = ordered_json::array();
    for (const PeriodMoney& money : r.mean_money) {
      value.push_back(money.value);
      cost.push_back(money.cost);
      incident_loss.push_back(money.incident_loss);
      cash_flow.push_back(money.cash_flow);
    }
    ordered_json entry = {{"name", r.name},
                          {"description", scenario.strategies[s].description},
                          {"metrics", metrics}};
    if (!options.loss_thresholds.empty()) entry["exceedance"] = exceedances;
    entry["series"] = {{"cumulative_discounted_cash_flow", r.mean_cumulative_discounted},
                       {"flow_share", flow},
                       {"anxiety_share", anxiety},
                       {"boredom_share", boredom},
                       {"value", value},
                       {"cost", cost},
                       {"incident_loss", incident_loss},
                       {"cash_flow", cash_flow}};
    strategies.push_back(entry);
  }
  ordered_json paired = ordered_json::array();
  const StrategyResults& baseline = results.strategies[options.baseline];
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    if (s == options.baseline) continue;
    ordered_json o = {{"strategy", results.strategies[s].name},
                      {"baseline", baseline.name},
                      {"metric", "npv"}};
    o.update(paired_object(metric_difference(results, s, options.baseline, Metric::kNpv)));
    paired.push_back(o);
  }
  const ordered_json root = {{"scenario", scenario.name},
                             {"seed", results.seed},
                             {"trials", results.trials},
                             {"model_version", kModelVersion},
                             {"currency", scenario.currency},
                             {"horizon", scenario.horizon},
                             {"periods_per_year", scenario.periods_per_year},
                             {"run", run_object(results, options)},
                             {"strategies", strategies},
                             {"comparisons", paired}};
  return json_text(root, 1) + "\n";
}

std::string paired_json(const Scenario& scenario, const RunResults& results,
                        const ReportOptions& options) {
  ordered_json list = ordered_json::array();
  for (const Comparison& c : comparisons(scenario, results, options))
    list.push_back(comparison_object(c, results));
  const ordered_json root = {{"scenario", scenario.name},
                             {"seed", results.seed},
                             {"trials", results.trials},
                             {"currency", scenario.currency},
                             {"run", run_object(results, options)},
                             {"baseline", results.strategies[options.baseline].name},
                             {"comparisons", list}};
  return json_text(root, 1) + "\n";
}

void trials_csv(const RunResults& results, const TextSink& sink) {
  std::string line = "strategy,trial";
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    line += ',';
    line += metric_name(static_cast<Metric>(m));
  }
  line += '\n';
  sink(line);
  for (const StrategyResults& r : results.strategies) {
    const std::string name = csv_text(r.name);
    for (std::uint64_t n = 0; n < results.trials; ++n) {
      line = name;
      line += ',';
      line += std::to_string(n);
      for (std::size_t m = 0; m < kMetricCount; ++m) {
        line += ',';
        line += format_number(r.per_trial[m][n]);
      }
      line += '\n';
      sink(line);
    }
  }
}

std::string trials_csv(const RunResults& results) {
  std::string out;
  trials_csv(results, [&](std::string_view piece) { out.append(piece); });
  return out;
}

std::vector<SeriesRow> series_rows(const RunResults& results) {
  std::vector<SeriesRow> rows;
  const std::uint64_t kept = std::min(results.trials, kSeriesQuantileTrials);
  std::vector<double> column(kept);
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    const StrategyResults& r = results.strategies[s];
    const std::size_t T = r.mean_cumulative_discounted.size();
    for (std::size_t t = 0; t < T; ++t) {
      for (std::uint64_t n = 0; n < kept; ++n) column[n] = r.cumulative_discounted[n * T + t];
      std::sort(column.begin(), column.end());
      SeriesRow row{.strategy = s, .period = static_cast<int>(t), .mean = r.mean_cumulative_discounted[t]};
      // The trials' values are single precision, so the quantiles are too.
      for (std::size_t q = 0; q < 5; ++q)
        row.quantiles[q] = static_cast<float>(quantile_sorted(column, kQuantiles[q]));
      row.zone_share = r.mean_zone_share[t];
      row.money = r.mean_money[t];
      rows.push_back(row);
    }
  }
  return rows;
}

std::string series_csv(const RunResults& results) {
  std::string out =
      "strategy,period,cumulative_discounted_mean,cumulative_discounted_p5,"
      "cumulative_discounted_p25,cumulative_discounted_p50,cumulative_discounted_p75,"
      "cumulative_discounted_p95,flow_share,anxiety_share,boredom_share,"
      "mean_value,mean_cost,mean_incident_loss,mean_cash_flow\n";
  for (const SeriesRow& row : series_rows(results)) {
    out += csv_text(results.strategies[row.strategy].name) + "," + std::to_string(row.period) + "," +
           format_number(row.mean);
    for (float q : row.quantiles) out += "," + format_number(q);
    for (double z : row.zone_share) out += "," + format_number(z);
    for (double x : {row.money.value, row.money.cost, row.money.incident_loss, row.money.cash_flow})
      out += "," + format_number(x);
    out += '\n';
  }
  return out;
}

std::string iso_time(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string manifest_json(const Manifest& m) {
  ordered_json root = {{"flowfolio_version", FLOWFOLIO_VERSION},
                       {"model_version", kModelVersion},
                       {"command_line", m.command_line},
                       {"scenario_file", m.scenario_file},
                       {"scenario_sha256", m.scenario_sha256},
                       {"seed", m.seed},
                       {"trials", m.trials},
                       {"threads", m.threads},
                       {"streams", m.independent_streams ? "independent" : "common"}};
  if (m.precision > 0) root["precision"] = m.precision;
  if (!m.stop_reason.empty()) root["stop_reason"] = m.stop_reason;
  root["overrides"] = m.overrides;
  root["start_time"] = m.start_time;
  root["end_time"] = m.end_time;
  root["files"] = m.files;
  return json_text(root, 1) + "\n";
}

std::string comparison_table(const Scenario& scenario, const RunResults& results,
                             const ReportOptions& options) {
  const std::vector<Comparison> list = comparisons(scenario, results, options);
  std::ostringstream out;
  out << scenario.name << ": " << results.trials << " trials, seed " << results.seed << ", "
      << (results.independent_streams ? "independent streams (no pairing)"
                                      : "common random numbers")
      << "\n\n";
  for (const Comparison& c : list) out << "- " << c.sentence << "\n";
  std::size_t width = 17;  // "paired difference"
  for (const Comparison& c : list)
    width = std::max(width, results.strategies[c.strategy].name.size() +
                                results.strategies[c.baseline].name.size() + 3);
  out << "\n" << pad("paired difference", width, true) << "  " << pad("npv mean", 10) << "  "
      << pad("se", 9) << "  " << pad("95% interval", 21) << "  " << pad("P(beats)", 8) << "  "
      << pad("incident loss", 13) << "  " << pad("P(lower)", 8) << "  " << pad("catastrophes", 12)
      << "\n";
  for (const Comparison& c : list) {
    const PairedDifference& npv = c.metrics[0].difference;
    out << pad(results.strategies[c.strategy].name + " - " + results.strategies[c.baseline].name,
               width, true)
        << "  " << pad(format_money(npv.mean), 10) << "  " << pad(format_money(npv.se), 9) << "  "
        << pad(format_money(npv.lo95) + " to " + format_money(npv.hi95), 21) << "  "
        << pad(fixed(100 * c.metrics[0].p_beats, 1) + "%", 8) << "  "
        << pad(format_money(c.metrics[1].difference.mean), 13) << "  "
        << pad(fixed(100 * c.metrics[1].p_beats, 1) + "%", 8) << "  "
        << pad(fixed(c.metrics[2].difference.mean, 3), 12) << "\n";
  }
  if (!options.stop_reason.empty()) out << "\n" << options.stop_reason << "\n";
  return out.str();
}

std::string summary_table(const Scenario& scenario, const RunResults& results) {
  const std::string unit = scenario.currency.empty() ? "" : " (" + scenario.currency + ")";
  std::size_t name_width = 8;
  for (const auto& r : results.strategies) name_width = std::max(name_width, r.name.size());
  std::ostringstream out;
  out << scenario.name << ": " << results.trials << " trials, seed " << results.seed
      << ", money in " << (scenario.currency.empty() ? "the scenario's currency" : scenario.currency)
      << "\n\n";
  const std::vector<std::pair<std::string, std::size_t>> columns = {
      {"mean npv", 10}, {"P5 npv", 10}, {"CVaR95", 10}, {"P(npv<0)", 9},
      {"incident loss", 14}, {"flow share", 11}, {"se(mean npv)", 13}};
  out << pad("strategy", name_width, true);
  for (const auto& [title, width] : columns) out << "  " << pad(title, width);
  out << "\n" << std::string(name_width, '-');
  for (const auto& [title, width] : columns) out << "  " << std::string(width, '-');
  out << "\n";
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    const StrategyResults& r = results.strategies[s];
    const Summary npv = metric_summary(results, s, Metric::kNpv);
    const TailRisk tail = metric_tail(results, s, Metric::kNpv);
    const Summary loss = metric_summary(results, s, Metric::kIncidentLoss);
    const Summary flow = metric_summary(results, s, Metric::kFlowShare);
    const std::vector<std::string> cells = {
        format_money(npv.mean), format_money(npv.p5),         format_money(tail.cvar95),
        fixed(100 * tail.p_loss, 1) + "%", format_money(loss.mean), fixed(100 * flow.mean, 1) + "%",
        format_money(npv.se)};
    out << pad(r.name, name_width, true);
    for (std::size_t c = 0; c < cells.size(); ++c) out << "  " << pad(cells[c], columns[c].second);
    out << "\n";
  }
  out << "\nnpv: net present value over " << scenario.horizon << " periods" << unit
      << "; CVaR95: mean loss in the worst 5% of futures (positive = loss).\n";
  return out.str();
}

std::string trace_table(const Scenario& scenario, std::uint64_t trial,
                        const std::vector<TrialOutcome>& outcomes, int only_strategy) {
  const double w = scenario.model.flow_width;
  std::ostringstream out;
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    if (only_strategy >= 0 && s != static_cast<std::size_t>(only_strategy)) continue;
    out << "trial " << trial << ", strategy " << scenario.strategies[s].name << "\n";
    for (const PeriodTrace& p : outcomes[s].trace) {
      char line[400];
      std::snprintf(line, sizeof line,
                    "period %d: %d active, %d units done, %d skipped, %d incidents, %d left; "
                    "value %s, cost %s, incident loss %s, cash flow %s, cumulative discounted %s; "
                    "hours in flow %.2f, anxiety %.2f, boredom %.2f\n",
                    p.period, p.active, p.units_done, p.units_skipped, p.incidents, p.departures,
                    format_money(p.value).c_str(), format_money(p.cost).c_str(),
                    format_money(p.incident_loss).c_str(), format_money(p.cash_flow).c_str(),
                    format_money(p.cumulative_discounted).c_str(), p.hours_flow, p.hours_anxiety,
                    p.hours_boredom);
      out << line;
      for (const PersonTrace& person : p.people) {
        const char* zone = person.units == 0 ? "-"
                           : std::abs(person.mean_delta) <= w
                               ? "flow"
                               : (person.mean_delta > w ? "anxiety" : "boredom");
        std::snprintf(line, sizeof line,
                      "  slot %2d %-12s gen %d: %5.2f h free (training %.2f, mentoring %.2f); "
                      "%3d units in %5.2f h, %3d succeeded, %d incidents; balance %+.3f (%s); "
                      "skill online %.3f domain %.3f; burnout %.3f%s\n",
                      person.slot, scenario.profiles[person.profile].name.c_str(),
                      person.generation, person.hours_available, person.training_hours,
                      person.mentoring_hours, person.units, person.hours_worked, person.successes,
                      person.incidents, person.mean_delta, zone, person.online, person.domain,
                      person.burnout, person.left ? "; leaves" : "");
        out << line;
      }
    }
    out << "\n";
  }
  return out.str();
}

void write_file_atomically(const std::string& path, const std::string& content) {
  write_file_atomically(path, [&](const TextSink& sink) { sink(content); });
}

void write_file_atomically(const std::string& path,
                           const std::function<void(const TextSink&)>& produce) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp_name = ".";
  temp_name += target.filename().string();
  temp_name += ".tmp-XXXXXX";
  std::string temp = (folder / temp_name).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) throw std::runtime_error("cannot write in " + folder.string() + ": " + std::strerror(errno));
  const auto fail = [&](const std::string& what, int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error(what + " " + path + ": " + std::strerror(error));
  };
  const auto write_all = [&](std::string_view text) {
    while (!text.empty()) {
      const ssize_t n = ::write(fd, text.data(), text.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        fail("cannot write", errno);
      }
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  };
  // Text arrives in pieces; it goes to the file in large writes.
  std::string buffer;
  buffer.reserve(1 << 20);
  try {
    produce([&](std::string_view piece) {
      buffer.append(piece);
      if (buffer.size() >= (1 << 20)) {
        write_all(buffer);
        buffer.clear();
      }
    });
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  write_all(buffer);
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) fail("cannot flush", errno);
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot close " + path + ": " + std::strerror(saved));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot rename into " + path + ": " + std::strerror(saved));
  }
}

}  // namespace flowfolio
