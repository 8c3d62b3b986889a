// Dates of a history turned into the scenario's periods and back (history.hpp,
// docs/calibration.md "Dates").
#include <chrono>
#include <cmath>
#include <cstdio>

#include "flowfolio/calibration/history.hpp"

namespace flowfolio {

namespace {
namespace chr = std::chrono;

std::optional<chr::year_month_day> parse_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const chr::year_month_day date{chr::year(std::stoi(text.substr(0, 4))),
                                 chr::month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                                 chr::day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
  if (!date.ok()) return std::nullopt;
  return date;
}

long days_between(const chr::year_month_day& from, const chr::year_month_day& to) {
  return static_cast<long>((chr::sys_days(to) - chr::sys_days(from)).count());
}

long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// Whole months from `from` to `to`: a month is complete on the same day of the month, or on
// a shorter month's last day.
long months_between(const chr::year_month_day& from, const chr::year_month_day& to) {
  long months = (static_cast<int>(to.year()) - static_cast<int>(from.year())) * 12L +
                static_cast<long>(static_cast<unsigned>(to.month())) - static_cast<long>(static_cast<unsigned>(from.month()));
  const unsigned last = static_cast<unsigned>(chr::year_month_day_last(to.year(), chr::month_day_last(to.month())).day());
  const unsigned due = std::min(static_cast<unsigned>(from.day()), last);
  if (static_cast<unsigned>(to.day()) < due) --months;
  return months;
}

// Days a period lasts when periods are counted in days (not months): weeks, fortnights and
// days exactly, any other count as its share of the mean Gregorian year.
std::optional<long> whole_days_per_period(int periods_per_year) {
  if (periods_per_year == 52) return 7;
  if (periods_per_year == 26) return 14;
  if (periods_per_year == 365) return 1;
  return std::nullopt;
}

constexpr double kDaysPerYear = 365.2425;
}  // namespace

bool is_date(const std::string& date) { return parse_date(date).has_value(); }

std::optional<long> period_of(const std::string& date, const std::string& start, int periods_per_year) {
  const auto day = parse_date(date), first = parse_date(start);
  if (!day || !first) return std::nullopt;
  if (12 % periods_per_year == 0) return floor_div(months_between(*first, *day), 12 / periods_per_year);
  const long days = days_between(*first, *day);
  if (const auto length = whole_days_per_period(periods_per_year)) return floor_div(days, *length);
  return static_cast<long>(std::floor(static_cast<double>(days) * periods_per_year / kDaysPerYear));
}

std::string date_of(long period, const std::string& start, int periods_per_year) {
  const chr::year_month_day first = *parse_date(start);
  chr::year_month_day day = first;
  if (12 % periods_per_year == 0) {
    const chr::year_month month = chr::year_month(first.year(), first.month()) + chr::months(period * (12 / periods_per_year));
    const chr::day last = chr::year_month_day_last(month.year(), chr::month_day_last(month.month())).day();
    day = chr::year_month_day(month.year(), month.month(), std::min(first.day(), last));
  } else {
    const auto length = whole_days_per_period(periods_per_year);
    long days = length ? period * *length
                       : static_cast<long>(std::ceil(static_cast<double>(period) * kDaysPerYear / periods_per_year));
    // The first day whose period is `period`, whatever the rounding did.
    while (!length && std::floor(static_cast<double>(days) * periods_per_year / kDaysPerYear) >= period + 0.0 &&
           std::floor(static_cast<double>(days - 1) * periods_per_year / kDaysPerYear) >= period + 0.0)
      --days;
    while (!length && std::floor(static_cast<double>(days) * periods_per_year / kDaysPerYear) < period + 0.0) ++days;
    day = chr::year_month_day(chr::sys_days(first) + chr::days(days));
  }
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace flowfolio
