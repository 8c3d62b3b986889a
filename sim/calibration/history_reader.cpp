// Reading a history's CSV files (history.hpp, docs/calibration.md): each file's header and
// cells checked against the scenario, every problem collected with its file, line,
// column and column name, then the files checked against each other.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include "core/file_text.hpp"
#include "core/words.hpp"
#include "flowfolio/calibration/history.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/format.hpp"
#include "output/csv.hpp"

namespace flowfolio {

namespace {

// A history file is read whole; beyond this it is not a history of communication work.
constexpr std::size_t kMostHistoryBytes = std::size_t{256} << 20;
constexpr long kMostUnits = 1'000'000'000;
constexpr double kLargestLoss = 1e15;

std::string quoted(const std::string& text) { return "'" + printable(text) + "'"; }

// One CSV file of a history: its header checked, its cells read with messages that point
// at them. Problems go to the shared list; a file that cannot be read has no rows.
class HistoryFile {
 public:
  // `columns` in the documented order; "period" also accepts "date".
  HistoryFile(const std::string& path, std::vector<std::string> columns, const std::string& start,
              std::vector<Diagnostic>& problems)
      : path_(path), columns_(std::move(columns)), start_(start), problems_(problems) {
    try {
      std::string text = read_input_file(path, kMostHistoryBytes, "history file");
      if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a spreadsheet's byte order mark
      rows_ = read_csv(text, path);
    } catch (const InputError& e) {
      for (const Diagnostic& d : e.diagnostics()) problems_.push_back(d);
      return;
    }
    if (rows_.empty()) {
      fail(1, 1, "", "the file is empty: expected the header " + expected_header() + " and one record a line");
      ok_ = false;
      return;
    }
    read_header(rows_.front());
    rows_.erase(rows_.begin());
    std::erase_if(rows_, [](const CsvRecord& r) { return r.fields.size() == 1 && r.fields[0].empty(); });
    if (!ok_) rows_.clear();
    for (const CsvRecord& row : rows_)
      if (row.fields.size() != header_.size())
        fail(row.line, 1, "", std::to_string(row.fields.size()) + " fields, but the header has " +
                                  std::to_string(header_.size()));
    std::erase_if(rows_, [&](const CsvRecord& r) { return r.fields.size() != header_.size(); });
  }

  const std::vector<CsvRecord>& rows() const { return rows_; }
  const std::string& path() const { return path_; }
  bool header_ok() const { return ok_; }
  bool dated() const { return dated_; }

  void fail(std::size_t line, std::size_t column, const std::string& name, const std::string& message) {
    problems_.push_back({.file = path_, .line = static_cast<int>(line), .column = static_cast<int>(column),
                         .path = name, .message = message});
  }
  void fail(const CsvRecord& row, const std::string& name, const std::string& message) {
    fail(row.line, row.columns[position(name)], shown(name), message);
  }
  const std::string& text(const CsvRecord& row, const std::string& name) const { return row.fields[position(name)]; }

  // A whole number in [low, high].
  std::optional<long> whole(const CsvRecord& row, const std::string& name, long low, long high) {
    const std::string& t = trimmed(text(row, name));
    long value = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size()) {
      fail(row, name, "must be a whole number of " + std::to_string(low) + " or more, got " + quoted(t));
      return std::nullopt;
    }
    if (value < low || value > high) {
      fail(row, name, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", got " + t);
      return std::nullopt;
    }
    return value;
  }

  // A number above 0 (a loss).
  std::optional<double> positive(const CsvRecord& row, const std::string& name) {
    const std::string& t = trimmed(text(row, name));
    double value = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) {
      fail(row, name, "must be a number above 0, got " + quoted(t));
      return std::nullopt;
    }
    if (!(value > 0) || value > kLargestLoss) {
      fail(row, name, "must be a number above 0 and at most 1e15, got " + t +
                          (value == 0 ? " (an incident without a loss is not one the model counts)" : ""));
      return std::nullopt;
    }
    return value;
  }

  // The period of a row: its `period`, or its `date` counted from the start.
  std::optional<long> period(const CsvRecord& row, int periods_per_year) {
    if (!dated_) return whole(row, "period", 0, kMostHistoryPeriods - 1);
    const std::string& t = trimmed(text(row, "period"));
    if (!is_date(t)) {
      fail(row, "period", "must be a date YYYY-MM-DD, got " + quoted(t));
      return std::nullopt;
    }
    if (start_.empty()) return std::nullopt;  // said once, at the header
    const long p = *period_of(t, start_, periods_per_year);
    if (p < 0) {
      fail(row, "period", t + " is before the history's start, --start " + start_);
      return std::nullopt;
    }
    if (p >= kMostHistoryPeriods) {
      fail(row, "period", t + " is more than " + std::to_string(kMostHistoryPeriods) + " periods after --start " + start_);
      return std::nullopt;
    }
    return p;
  }

  // The position of `name` in `names`, or a message naming the row's value.
  std::optional<std::size_t> named(const CsvRecord& row, const std::string& name, const std::vector<std::string>& names,
                                   const std::string& kind) {
    const std::string& t = trimmed(text(row, name));
    const auto at = std::find(names.begin(), names.end(), t);
    if (at != names.end()) return static_cast<std::size_t>(at - names.begin());
    const std::string kinds = kind == "activity" ? "activities" : kind + "s";
    fail(row, name, "unknown " + kind + " " + quoted(t) + suggestion(t, names) + "; the scenario's " + kinds + " are " +
                        join(names));
    return std::nullopt;
  }

  // "period" or "date", as the header says.
  std::string shown(const std::string& name) const { return name == "period" && dated_ ? "date" : name; }

 private:
  void read_header(const CsvRecord& header) {
    std::vector<std::string> known = columns_;
    known.push_back("date");
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      std::string name = trimmed(header.fields[i]);
      if (name == "date") {
        dated_ = true;
        name = "period";
      }
      if (std::find(columns_.begin(), columns_.end(), name) == columns_.end()) {
        fail(header.line, header.columns[i], "",
             "unknown column " + quoted(header.fields[i]) + suggestion(header.fields[i], known) + "; the columns are " + expected_header());
        ok_ = false;
      } else if (std::find(header_.begin(), header_.end(), name) != header_.end()) {
        fail(header.line, header.columns[i], "", "the column " + quoted(header.fields[i]) + " appears twice");
        ok_ = false;
      }
      header_.push_back(name);
    }
    for (const std::string& c : columns_)
      if (std::find(header_.begin(), header_.end(), c) == header_.end()) {
        fail(header.line, 1, "", "the header has no column '" + (c == "period" ? std::string("period' or 'date") : c) +
                                     "'; the columns are " + expected_header());
        ok_ = false;
      }
    if (ok_ && dated_ && start_.empty()) {
      fail(header.line, header.columns[position("period")], "date",
           "the file gives dates: --start YYYY-MM-DD (the first day of period 0) turns them into periods");
    }
  }

  std::size_t position(const std::string& name) const {
    return static_cast<std::size_t>(std::find(header_.begin(), header_.end(), name) - header_.begin());
  }
  std::string expected_header() const {
    std::string out;
    for (const std::string& c : columns_) out += (out.empty() ? "" : ",") + (c == "period" ? std::string("period (or date)") : c);
    return out;
  }
  static std::string trimmed(const std::string& t) {
    const auto b = t.find_first_not_of(" \t"), e = t.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
  }

  std::string path_;
  std::vector<std::string> columns_, header_;
  std::string start_;
  std::vector<Diagnostic>& problems_;
  std::vector<CsvRecord> rows_;
  bool ok_ = true, dated_ = false;
};

std::vector<std::string> activity_names(const Scenario& s) {
  std::vector<std::string> names;
  for (const Activity& a : s.activities) names.push_back(a.name);
  return names;
}

std::vector<std::string> profile_names(const Scenario& s) {
  std::vector<std::string> names;
  for (const Profile& p : s.profiles) names.push_back(p.name);
  return names;
}

std::string ordinal(long n) {
  const long tens = n % 100, ones = n % 10;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

// Where the history's periods are described in messages: "period 12", or its date.
struct PeriodWords {
  const History& history;
  int periods_per_year;
  std::string operator()(long period) const {
    return history.start.empty() ? "period " + std::to_string(period)
                                 : "the period from " + date_of(period, history.start, periods_per_year);
  }
};

void read_work(HistoryFile& file, const Scenario& s, History& h) {
  const std::size_t A = s.activities.size();
  struct Row {
    long period;
    std::size_t activity;
    long units;
  };
  std::vector<Row> rows;
  for (const CsvRecord& row : file.rows()) {
    const auto period = file.period(row, s.periods_per_year);
    const auto activity = file.named(row, "activity", activity_names(s), "activity");
    const auto units = file.whole(row, "units", 0, kMostUnits);
    if (period && activity && units) rows.push_back({*period, *activity, *units});
  }
  if (file.header_ok() && file.rows().empty())
    file.fail(1, 1, "", "no records after the header: a history needs the work that was done");
  for (const Row& r : rows) h.periods = std::max(h.periods, static_cast<int>(r.period) + 1);
  h.units.assign(static_cast<std::size_t>(h.periods) * A, 0);
  for (const Row& r : rows) h.units[static_cast<std::size_t>(r.period) * A + r.activity] += r.units;
}

// The history's periods are work.csv's: a later file's period must fall among them.
bool within(HistoryFile& file, const CsvRecord& row, long period, const History& h, const PeriodWords& words) {
  if (period < h.periods) return true;
  file.fail(row, "period", words(period) + " is after the history: work.csv ends with " + words(h.periods - 1));
  return false;
}

void read_incidents(HistoryFile& file, const Scenario& s, History& h, const PeriodWords& words) {
  const std::size_t A = s.activities.size();
  std::map<std::pair<long, std::size_t>, long> seen;  // (period, activity) -> incidents so far
  for (const CsvRecord& row : file.rows()) {
    const auto period = file.period(row, s.periods_per_year);
    const auto activity = file.named(row, "activity", activity_names(s), "activity");
    const auto loss = file.positive(row, "loss");
    if (!period || !activity || !within(file, row, *period, h, words)) continue;
    const long k = ++seen[{*period, *activity}];
    const long n = h.units[static_cast<std::size_t>(*period) * A + *activity];
    if (k > n) {
      file.fail(row, "activity", "the " + ordinal(k) + " " + s.activities[*activity].name + " incident in " +
                                     words(*period) + ", but work.csv records " + std::to_string(n) + " unit" +
                                     (n == 1 ? "" : "s") + " of it then: an incident comes from a unit of work");
      continue;
    }
    if (loss) h.incidents.push_back({static_cast<int>(*period), *activity, *loss});
  }
}

void read_ramp(HistoryFile& file, const Scenario& s, History& h, const PeriodWords& words) {
  const std::size_t A = s.activities.size();
  std::map<std::string, std::pair<std::size_t, std::size_t>> people;  // name -> (index, line of first row)
  std::map<std::tuple<std::size_t, long, std::size_t>, std::size_t> rows;  // (person, period, activity) -> line
  std::vector<long> ramp_units(h.units.size(), 0);
  for (const CsvRecord& row : file.rows()) {
    const std::string& name = file.text(row, "person");
    if (name.empty() || name.size() > 200 || find_control_character(name, false) != std::string::npos) {
      file.fail(row, "person", "must name the person in 1 to 200 printable characters, got " + quoted(name));
      continue;
    }
    const auto profile = file.named(row, "profile", profile_names(s), "profile");
    const auto period = file.period(row, s.periods_per_year);
    const auto activity = file.named(row, "activity", activity_names(s), "activity");
    const auto units = file.whole(row, "units", 0, kMostUnits);
    const auto successes = file.whole(row, "successes", 0, kMostUnits);
    if (!profile || !period || !activity || !units || !successes || !within(file, row, *period, h, words)) continue;
    if (*successes > *units) {
      file.fail(row, "successes", std::to_string(*successes) + " successes out of " + std::to_string(*units) + " units");
      continue;
    }
    auto [person, added] = people.try_emplace(name, h.people.size(), row.line);
    if (added) h.people.push_back({name, *profile});
    const std::size_t p = person->second.first;
    if (h.people[p].profile != *profile) {
      file.fail(row, "profile", quoted(name) + " is a " + s.profiles[h.people[p].profile].name + " at line " +
                                    std::to_string(person->second.second) + ": a person has one profile");
      continue;
    }
    const auto [first, fresh] = rows.try_emplace({p, *period, *activity}, row.line);
    if (!fresh) {
      file.fail(row, "person", "a second row for " + quoted(name) + " in " + words(*period) + " on " +
                                   s.activities[*activity].name + " (the first is at line " + std::to_string(first->second) + ")");
      continue;
    }
    const std::size_t cell = static_cast<std::size_t>(*period) * A + *activity;
    ramp_units[cell] += *units;
    if (ramp_units[cell] > h.units[cell]) {
      file.fail(row, "units", "ramp.csv now records " + std::to_string(ramp_units[cell]) + " " + s.activities[*activity].name +
                                  " units in " + words(*period) + ", more than work.csv's " + std::to_string(h.units[cell]));
      continue;
    }
    // A row of no units is checked but says nothing of learning.
    if (*units > 0) h.ramp.push_back({p, static_cast<int>(*period), *activity, static_cast<int>(*units), static_cast<int>(*successes)});
  }
  std::sort(h.ramp.begin(), h.ramp.end(), [](const RampRecord& a, const RampRecord& b) {
    return std::tie(a.person, a.period, a.activity) < std::tie(b.person, b.period, b.activity);
  });
}
}  // namespace

long History::units_of(std::size_t activity) const {
  const std::size_t A = periods > 0 ? units.size() / static_cast<std::size_t>(periods) : 0;
  long n = 0;
  for (std::size_t t = 0; t < static_cast<std::size_t>(periods); ++t) n += units[t * A + activity];
  return n;
}

std::vector<double> History::losses_of(std::size_t activity) const {
  std::vector<double> out;
  for (const IncidentRecord& i : incidents)
    if (i.activity == activity) out.push_back(i.loss);
  return out;
}

History read_history(const Scenario& scenario, const HistoryFiles& files) {
  std::vector<Diagnostic> problems;
  if (!files.start.empty() && !is_date(files.start))
    problems.push_back({.path = "--start", .message = "must be a date YYYY-MM-DD, got " + quoted(files.start)});
  const std::string start = problems.empty() ? files.start : "";
  History h;
  HistoryFile work(files.work, {"period", "activity", "units"}, start, problems);
  read_work(work, scenario, h);
  const PeriodWords words{h, scenario.periods_per_year};
  HistoryFile incidents(files.incidents, {"period", "activity", "loss"}, start, problems);
  if (incidents.dated() || work.dated()) h.start = start;
  if (h.periods > 0) read_incidents(incidents, scenario, h, words);
  h.sources = {files.work, files.incidents};
  if (!files.ramp.empty()) {
    HistoryFile ramp(files.ramp, {"person", "profile", "period", "activity", "units", "successes"}, start, problems);
    if (ramp.header_ok() && ramp.rows().empty())
      ramp.fail(1, 1, "", "no records after the header: leave out --ramp when there is no learning record");
    if (h.periods > 0) read_ramp(ramp, scenario, h, words);
    h.sources.push_back(files.ramp);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return h;
}

}  // namespace flowfolio
