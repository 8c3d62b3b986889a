// A sweep store as tidy CSV (sweep.hpp): one row per variant, strategy and metric (or
// pair and metric), each axis its own column with numbers kept numbers.
#include <charconv>
#include <filesystem>
#include <map>
#include <set>

#include "flowfolio/core/error.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "output/csv.hpp"
#include "studies/store.hpp"

namespace flowfolio {

namespace {

// The shortest text that reads back as the same double.
std::string number_cell(double x) {
  char buffer[40];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

// A stored value as a CSV cell: a number as a number, text as text, null as nothing.
std::string cell(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL: return "";
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: return number_cell(sqlite3_column_double(s, i));
    default: return csv_text(text_column(s, i));
  }
}

// A legacy store's parameter, kept as text: a number when it reads as one.
std::string legacy_cell(const std::string& text) {
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  return ec == std::errc() && end == text.data() + text.size() ? number_cell(x) : csv_text(text);
}

// Every variant's point on the axes: the columns in order of first appearance, and each
// (run, variant)'s cells. A store from before axes were recorded gives its key paths.
struct Points {
  std::vector<std::string> columns;
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> cells;

  void add(const std::string& run, const std::string& variant, const std::string& column, std::string value) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    cells[{run, variant}][column] = std::move(value);
  }
  std::string row(const std::string& run, const std::string& variant) const {
    std::string out;
    const auto it = cells.find({run, variant});
    for (const std::string& c : columns) {
      out += ',';
      if (it == cells.end()) continue;
      if (const auto v = it->second.find(c); v != it->second.end()) out += v->second;
    }
    return out;
  }
};

Points read_points(Store& store, const std::set<std::string>& taken) {
  Points p;
  const auto column = [&](const std::string& name) { return taken.count(name) ? name + " (axis)" : name; };
  store.run("SELECT axis FROM axes ORDER BY run_id, position", {},
            [&](sqlite3_stmt* s) { p.add("", "", column(text_column(s, 0)), ""); });
  p.cells.clear();
  store.run("SELECT run_id, variant, axis, value FROM axis_values ORDER BY rowid", {}, [&](sqlite3_stmt* s) {
    p.add(text_column(s, 0), text_column(s, 1), column(text_column(s, 2)), cell(s, 3));
  });
  store.run("SELECT run_id, variant, key_path, value FROM parameters WHERE run_id NOT IN (SELECT run_id FROM axes) "
            "ORDER BY rowid",
            {}, [&](sqlite3_stmt* s) {
              p.add(text_column(s, 0), text_column(s, 1), column(text_column(s, 2)), legacy_cell(text_column(s, 3)));
            });
  return p;
}

// The table's rows joined to their variants' positions and points, in variant order.
// `fixed` are the table's columns after run_id and variant; `numbers_from` the first of
// them that is a number.
std::string export_table(const std::string& path, const char* table, const std::vector<std::string>& fixed,
                         int numbers_from) {
  if (!std::filesystem::exists(path)) throw InputError(path + ": no such store");
  Store store(path);
  const Points points = read_points(store, std::set<std::string>(fixed.begin(), fixed.end()));
  std::string out = "run_id,variant,position";
  for (const std::string& c : points.columns) out += "," + csv_text(c);
  std::string select;
  for (const std::string& c : fixed) {
    out += "," + c;
    select += ", t." + c;
  }
  out += '\n';
  store.run("SELECT t.run_id, t.variant, v.position" + select + " FROM " + table +
                " t JOIN variants v ON v.run_id = t.run_id AND v.variant = t.variant ORDER BY t.run_id, v.position, "
                "t.rowid",
            {}, [&](sqlite3_stmt* s) {
              const std::string run = text_column(s, 0), variant = text_column(s, 1);
              out += csv_text(run) + "," + csv_text(variant) + "," + std::to_string(sqlite3_column_int64(s, 2));
              out += points.row(run, variant);
              for (int i = 0; i < static_cast<int>(fixed.size()); ++i) {
                out += ',';
                out += i < numbers_from ? csv_text(text_column(s, 3 + i)) : cell(s, 3 + i);
              }
              out += '\n';
            });
  return out;
}

}  // namespace

std::string results_csv(const std::string& store) {
  return export_table(store, "results",
                      {"strategy", "metric", "mean", "sd", "se", "min", "max", "p5", "p25", "p50", "p75", "p95",
                       "var95", "cvar95", "p_loss"},
                      2);
}

std::string paired_csv(const std::string& store) {
  return export_table(store, "paired",
                      {"strategy", "baseline", "metric", "mean", "se", "lo95", "hi95", "p_beats", "p_tie"}, 3);
}

}  // namespace flowfolio
