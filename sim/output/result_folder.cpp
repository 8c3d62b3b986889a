// Reading a result folder back (report.hpp, read_result_folder): the manifest, the
// scenario as the run saw it, every trial's metrics and the per-period series, each
// checked against the others before anything is allocated from their numbers.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/file_text.hpp"
#include "core/whole_number.hpp"
#include "flowfolio/core/memory.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/output/run_folder.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "output/csv.hpp"

namespace flowfolio {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::string read_text(const fs::path& path) {
  return read_input_file(path.string(), kNoSizeLimit, "file of a flowfolio result folder");
}

// Reading trials.csv holds its text, its parsed records (about three times the text) and
// then the results (no more than the rows it holds, checked against the manifest before
// they are allocated): measured against what the process may use before it is read.
void require_memory_to_read(const fs::path& trials) {
  std::error_code ec;
  const double text = static_cast<double>(fs::file_size(trials, ec));
  if (ec) return;  // read_text() says why
  require_memory(5 * text, "reading " + trials.string(), "write the report where the run was made, with run --report");
}
json read_json(const fs::path& path) {
  json doc = json::parse(read_text(path), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw InputError(path.string() + ": not a JSON object");
  return doc;
}

// `doc[key]` as a T, or `fallback` when absent; a value of another type is an error
// naming the file and the key.
template <class T>
T value_at(const json& doc, const std::string& key, const T& fallback, const std::string& file) {
  if (!doc.contains(key) || doc[key].is_null()) return fallback;
  try {
    return doc[key].get<T>();
  } catch (const json::exception&) {
    const char* kind = std::is_same_v<T, std::string> ? "a string"
                       : std::is_floating_point_v<T>  ? "a number"
                                                      : "a whole number of 0 or more";
    throw InputError(file + ": " + key + ": expected " + kind + ", got " + doc[key].dump().substr(0, 40));
  }
}

std::vector<std::string> string_list(const json& doc, const std::string& key, const std::string& file) {
  std::vector<std::string> out;
  if (!doc.contains(key)) return out;
  if (!doc[key].is_array()) throw InputError(file + ": " + key + ": expected a list of strings");
  for (std::size_t i = 0; i < doc[key].size(); ++i) {
    if (!doc[key][i].is_string())
      throw InputError(file + ": " + key + "[" + std::to_string(i) + "]: expected a string");
    out.push_back(doc[key][i].get<std::string>());
  }
  return out;
}

Manifest read_manifest(const fs::path& path) {
  const json doc = read_json(path);
  const std::string file = path.string();
  Manifest m;
  m.command_line = value_at<std::string>(doc, "command_line", "", file);
  m.scenario_file = value_at<std::string>(doc, "scenario_file", "", file);
  m.scenario_sha256 = value_at<std::string>(doc, "scenario_sha256", "", file);
  m.start_time = value_at<std::string>(doc, "start_time", "", file);
  m.end_time = value_at<std::string>(doc, "end_time", "", file);
  m.seed = value_at<std::uint64_t>(doc, "seed", 0, file);
  m.trials = value_at<std::uint64_t>(doc, "trials", 0, file);
  m.threads = value_at<unsigned>(doc, "threads", 0, file);
  m.independent_streams = value_at<std::string>(doc, "streams", "common", file) == "independent";
  m.precision = value_at<double>(doc, "precision", 0.0, file);
  m.stop_reason = value_at<std::string>(doc, "stop_reason", "", file);
  m.overrides = string_list(doc, "overrides", file);
  m.files = string_list(doc, "files", file);
  if (m.trials == 0) throw InputError(file + ": trials: expected a whole number of 1 or more");
  return m;
}

std::size_t strategy_position(const Scenario& s, const std::string& name, const std::string& where) {
  for (std::size_t k = 0; k < s.strategies.size(); ++k)
    if (s.strategies[k].name == name) return k;
  throw InputError(where + ": strategy '" + name + "' is not in the folder's scenario.yaml");
}

double number(const std::string& text, const std::string& where) {
  std::size_t used = 0;
  try {
    const double x = std::stod(text, &used);
    if (used == text.size()) return x;
  } catch (const std::exception&) {
  }
  throw InputError(where + ": '" + text.substr(0, 40) + "' is not a number");
}

std::uint64_t whole(const std::string& text, const std::string& where) {
  const WholeNumber n = parse_whole_number(text);
  if (!n.value) throw InputError(where + ": " + n.problem);
  return *n.value;
}

// One data row of trials.csv, checked.
struct TrialRow {
  std::size_t strategy = 0;
  std::uint64_t trial = 0;
  std::size_t line = 0;
  std::array<double, kMetricCount> metrics{};
};

// A trials.csv written before the metrics beyond MODEL.md 1.1 has only its metrics: those
// read as 0 (`metrics` tells how many the file holds).
std::vector<TrialRow> trial_rows(const std::string& text, const std::string& file, const Scenario& s,
                                 std::uint64_t trials, std::size_t& metrics) {
  const std::vector<CsvRecord> records = read_csv(text, file);
  const bool older = !records.empty() && records[0].fields.size() == 2 + kModelMetricCount;
  metrics = older ? kModelMetricCount : kMetricCount;
  std::vector<TrialRow> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& r = records[i];
    const std::string where = file + ":" + std::to_string(r.line);
    if (r.fields.size() != 2 + metrics)
      throw InputError(where + ": a row has " + std::to_string(r.fields.size()) + " fields, expected " +
                       std::to_string(2 + metrics));
    TrialRow row{.strategy = strategy_position(s, r.fields[0], where), .trial = whole(r.fields[1], where), .line = r.line};
    if (row.trial >= trials)
      throw InputError(where + ": trial " + r.fields[1] + " is beyond the manifest's " + std::to_string(trials) + " trials");
    for (std::size_t x = 0; x < metrics; ++x) row.metrics[x] = number(r.fields[2 + x], where);
    rows.push_back(row);
  }
  return rows;
}

// Every strategy has every trial exactly once.
void check_complete(std::vector<TrialRow>& rows, const std::string& file, const Scenario& s, std::uint64_t trials) {
  std::stable_sort(rows.begin(), rows.end(), [](const TrialRow& a, const TrialRow& b) {
    return a.strategy != b.strategy ? a.strategy < b.strategy : a.trial < b.trial;
  });
  std::size_t at = 0;
  for (std::size_t k = 0; k < s.strategies.size(); ++k) {
    const std::string& name = s.strategies[k].name;
    for (std::uint64_t n = 0; n < trials; ++n, ++at) {
      if (at >= rows.size() || rows[at].strategy != k || rows[at].trial != n)
        throw InputError(file + ": strategy '" + name + "' has no row for trial " + std::to_string(n) +
                         " (the manifest promises " + std::to_string(trials) + " trials)");
      if (at + 1 < rows.size() && rows[at + 1].strategy == k && rows[at + 1].trial == n)
        throw InputError(file + ":" + std::to_string(std::max(rows[at].line, rows[at + 1].line)) + ": strategy '" +
                         name + "', trial " + std::to_string(n) + " appears twice (also on line " +
                         std::to_string(std::min(rows[at].line, rows[at + 1].line)) + ")");
    }
  }
}

RunResults read_trials(const fs::path& path, const Scenario& s, const Manifest& m, bool& cash_figures) {
  const std::string file = path.string();
  require_memory_to_read(path);
  std::size_t metrics = 0;
  std::vector<TrialRow> rows = trial_rows(read_text(path), file, s, m.trials, metrics);
  cash_figures = metrics == kMetricCount;
  // Checked before allocating: the manifest's count is the rows', not a number to trust.
  check_complete(rows, file, s, m.trials);
  RunResults r = empty_results(s, m.seed, m.independent_streams);
  r.trials = m.trials;
  for (auto& sr : r.strategies)
    for (auto& column : sr.per_trial) column.assign(m.trials, 0.0);
  for (const TrialRow& row : rows)
    for (std::size_t x = 0; x < kMetricCount; ++x) r.strategies[row.strategy].per_trial[x][row.trial] = row.metrics[x];
  return r;
}

// A series.csv written before the per-period money has 11 fields a row, not 15: its money
// is absent and reads as 0 (`money` tells whether the file holds it).
std::vector<SeriesRow> read_series(const fs::path& path, const Scenario& s, bool& money) {
  const std::string file = path.string();
  const std::vector<CsvRecord> records = read_csv(read_text(path), file);
  money = records.empty() || records[0].fields.size() != 11;
  const std::size_t width = money ? 15 : 11;
  std::vector<SeriesRow> series;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const std::vector<std::string>& f = records[i].fields;
    const std::string where = file + ":" + std::to_string(records[i].line);
    if (f.size() != width)
      throw InputError(where + ": a row has " + std::to_string(f.size()) + " fields, expected " + std::to_string(width));
    const std::uint64_t period = whole(f[1], where);
    if (period >= static_cast<std::uint64_t>(s.horizon))
      throw InputError(where + ": period " + f[1] + " is beyond the scenario's horizon");
    SeriesRow row{.strategy = strategy_position(s, f[0], where), .period = static_cast<int>(period), .mean = number(f[2], where)};
    for (std::size_t q = 0; q < 5; ++q) row.quantiles[q] = static_cast<float>(number(f[3 + q], where));
    for (std::size_t z = 0; z < 3; ++z) row.zone_share[z] = number(f[8 + z], where);
    if (money) {
      row.money = {.value = number(f[11], where), .cost = number(f[12], where),
                   .incident_loss = number(f[13], where), .cash_flow = number(f[14], where)};
    }
    series.push_back(row);
  }
  return series;
}

// summary.json, when the folder has one, tells of the same run as the trials.
void check_summary(const fs::path& path, const RunResults& r) {
  if (!fs::exists(path)) return;
  const json doc = read_json(path);
  const std::string file = path.string();
  if (value_at<std::uint64_t>(doc, "trials", r.trials, file) != r.trials)
    throw InputError(file + ": trials: " + doc["trials"].dump() + ", but trials.csv holds " + std::to_string(r.trials));
  if (!doc.contains("strategies") || !doc["strategies"].is_array() || doc["strategies"].size() != r.strategies.size())
    throw InputError(file + ": strategies: expected a list of the " + std::to_string(r.strategies.size()) +
                     " strategies of scenario.yaml");
  for (std::size_t k = 0; k < r.strategies.size(); ++k) {
    const std::string at = "strategies[" + std::to_string(k) + "]";
    const json& entry = doc["strategies"][k];
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
      throw InputError(file + ": " + at + ".name: expected a string");
    if (entry["name"].get<std::string>() != r.strategies[k].name)
      throw InputError(file + ": " + at + ".name: '" + entry["name"].get<std::string>() + "', but scenario.yaml has '" +
                       r.strategies[k].name + "'");
    const json mean = entry.value("metrics", json::object()).value("npv", json::object()).value("mean", json());
    if (!mean.is_number()) throw InputError(file + ": " + at + ".metrics.npv.mean: expected a number");
    const Summary x = summarize(r.strategies[k].metric(Metric::kNpv));
    if (std::abs(mean.get<double>() - x.mean) > 1e-6 * (std::abs(x.mean) + x.sd + 1))
      throw InputError(file + ": " + at + ".metrics.npv.mean: " + mean.dump() + ", but the trials in trials.csv average " +
                       format_number(x.mean));
  }
}
}  // namespace

ReportInputs read_result_folder(const std::string& folder) {
  const fs::path dir(folder);
  if (!fs::is_directory(dir)) throw InputError(folder + ": no such result folder");
  ReportInputs in;
  in.manifest = read_manifest(dir / run_files::kManifest);
  const Manifest& m = in.manifest;
  // The scenario as the run saw it: the saved file with the run's --set overrides.
  in.scenario = read_scenario_file((dir / run_files::kScenario).string(), m.overrides);
  in.options = ReportOptions::from(in.scenario);
  in.options.stop_reason = m.stop_reason;
  in.results = read_trials(dir / run_files::kTrials, in.scenario, m, in.cash_figures);
  check_summary(dir / run_files::kSummary, in.results);
  bool money = true;
  in.series = read_series(dir / run_files::kSeries, in.scenario, money);
  in.cash_figures = in.cash_figures && money;
  if (fs::exists(dir / run_files::kSensitivity)) in.sensitivity = read_text(dir / run_files::kSensitivity);
  if (fs::exists(dir / run_files::kFrontier)) in.frontier = read_text(dir / run_files::kFrontier);
  if (fs::exists(dir / run_files::kDecision)) in.decision = read_text(dir / run_files::kDecision);
  return in;
}

}  // namespace flowfolio
