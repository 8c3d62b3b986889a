#include "flowfolio/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "flowfolio/statistics.hpp"

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

std::string format_money(double amount) {
  const double a = std::abs(amount);
  char buffer[64];
  const char* sign = amount < 0 && a >= 0.5 ? "-" : "";
  if (a < 1e3) {
    std::snprintf(buffer, sizeof buffer, "%s%.0f", sign, a);
  } else if (a < 1e6) {
    std::snprintf(buffer, sizeof buffer, "%s%.*fk", sign, a < 1e4 ? 2 : 1, a / 1e3);
  } else if (a < 1e9) {
    std::snprintf(buffer, sizeof buffer, "%s%.*fM", sign, a < 1e7 ? 2 : 1, a / 1e6);
  } else {
    std::snprintf(buffer, sizeof buffer, "%s%.2fB", sign, a / 1e9);
  }
  return buffer;
}

std::string summary_json(const Scenario& scenario, const RunResults& results) {
  ordered_json strategies = ordered_json::array();
  for (std::size_t s = 0; s < results.strategies.size(); ++s) {
    const StrategyResults& r = results.strategies[s];
    ordered_json metrics = ordered_json::object();
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const auto metric = static_cast<Metric>(m);
      ordered_json stats = summary_object(summarize(r.metric(metric)));
      if (metric == Metric::kNpv) {
        const TailRisk tail = tail_risk(r.metric(metric));
        stats["var95"] = tail.var95;
        stats["cvar95"] = tail.cvar95;
        stats["p_loss"] = tail.p_loss;
      }
      metrics[std::string(metric_name(metric))] = stats;
    }
    ordered_json flow = ordered_json::array(), anxiety = ordered_json::array(),
                 boredom = ordered_json::array();
    for (const auto& share : r.mean_zone_share) {
      flow.push_back(share[0]);
      anxiety.push_back(share[1]);
      boredom.push_back(share[2]);
    }
    strategies.push_back({{"name", r.name},
                          {"description", scenario.strategies[s].description},
                          {"metrics", metrics},
                          {"series",
                           {{"cumulative_discounted_cash_flow", r.mean_cumulative_discounted},
                            {"flow_share", flow},
                            {"anxiety_share", anxiety},
                            {"boredom_share", boredom}}}});
  }
  ordered_json comparisons = ordered_json::array();
  const StrategyResults& baseline = results.strategies.front();
  for (std::size_t s = 1; s < results.strategies.size(); ++s) {
    const PairedDifference d =
        paired_difference(baseline.metric(Metric::kNpv), results.strategies[s].metric(Metric::kNpv));
    comparisons.push_back({{"strategy", results.strategies[s].name},
                           {"baseline", baseline.name},
                           {"metric", "npv"},
                           {"mean", d.mean},
                           {"se", d.se},
                           {"lo95", d.lo95},
                           {"hi95", d.hi95},
                           {"p_better", d.p_better},
                           {"p_tie", d.p_tie}});
  }
  const ordered_json root = {{"scenario", scenario.name},
                             {"seed", results.seed},
                             {"trials", results.trials},
                             {"model_version", "1.1"},
                             {"currency", scenario.currency},
                             {"horizon", scenario.horizon},
                             {"periods_per_year", scenario.periods_per_year},
                             {"strategies", strategies},
                             {"comparisons", comparisons}};
  return root.dump(1) + "\n";
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
  for (const auto& r : results.strategies) {
    const Summary npv = summarize(r.metric(Metric::kNpv));
    const TailRisk tail = tail_risk(r.metric(Metric::kNpv));
    const Summary loss = summarize(r.metric(Metric::kIncidentLoss));
    const Summary flow = summarize(r.metric(Metric::kFlowShare));
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
                        const std::vector<TrialOutcome>& outcomes) {
  std::ostringstream out;
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    out << "trial " << trial << ", strategy " << scenario.strategies[s].name << "\n";
    out << "period active done skipped incidents leavers      value       cost       loss  "
           "cash_flow cum_discounted flow_h anx_h bored_h online domain burnout\n";
    for (const PeriodTrace& p : outcomes[s].trace) {
      char line[320];
      std::snprintf(line, sizeof line,
                    "%6d %6d %4d %7d %9d %7d %10.2f %10.2f %10.2f %10.2f %14.2f %6.2f %5.2f %7.2f "
                    "%6.3f %6.3f %7.3f\n",
                    p.period, p.active, p.units_done, p.units_skipped, p.incidents, p.departures,
                    p.value, p.cost, p.incident_loss, p.cash_flow, p.cumulative_discounted,
                    p.hours_flow, p.hours_anxiety, p.hours_boredom, p.mean_online, p.mean_domain,
                    p.mean_burnout);
      out << line;
    }
    out << "\n";
  }
  return out.str();
}

void write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp_name = ".";
  temp_name += target.filename().string();
  temp_name += ".tmp-XXXXXX";
  std::string temp = (folder / temp_name).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) throw std::runtime_error("cannot write in " + folder.string() + ": " + std::strerror(errno));
  const auto fail = [&](const std::string& what) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error(what + " " + path + ": " + std::strerror(saved));
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) fail("cannot flush");
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
