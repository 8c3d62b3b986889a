#include "flowfolio/core/format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace flowfolio {

std::string format_number(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

std::string format_number(float value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

double round_significant(double value, int digits) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, digits - 1);
  double rounded = value;
  if (ec == std::errc()) std::from_chars(buffer, end, rounded);
  return rounded;
}

std::string format_significant(double value, int digits) {
  const double rounded = round_significant(value, digits);
  const double size = std::fabs(rounded);
  // Plain decimals where a person reads them at a glance, the exponent form beyond.
  const auto form = size == 0 || (size >= 1e-4 && size < 1e15) ? std::chars_format::fixed : std::chars_format::scientific;
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, rounded, form);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

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

std::string percent(double share, int digits) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f%%", digits, 100 * share);
  return buffer;
}

}  // namespace flowfolio
