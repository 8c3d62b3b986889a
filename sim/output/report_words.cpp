// The words and numbers every part of the report shares.
#include "flowfolio/core/format.hpp"
#include "output/report_parts.hpp"

namespace flowfolio::page {

std::string period_word(int periods_per_year) {
  switch (periods_per_year) {
    case 52:
      return "week";
    case 12:
      return "month";
    case 4:
      return "quarter";
    case 1:
      return "year";
    default:
      return "period";
  }
}

std::string money(double x, const std::string& currency) {
  return format_money(x) + (currency.empty() ? "" : " " + currency);
}

}  // namespace flowfolio::page
