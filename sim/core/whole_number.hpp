// Whole numbers written in decimal digits, as the command line, sweep files and result
// folders take them: nothing else is one (no sign, no 0x, no exponent, no trailing text),
// and nothing past 2^64 - 1 is clamped into range. Internal to flowfolio.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowfolio {

// The number, or what is wrong with `text` in a phrase: "'12abc' is not a whole number
// written in decimal digits", "'99999999999999999999' is larger than 18446744073709551615
// (2^64 - 1)".
struct WholeNumber {
  std::optional<std::uint64_t> value;
  std::string problem;
};

inline WholeNumber parse_whole_number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string quoted = "'" + std::string(text.substr(0, 40)) + "'";
  if (text.empty() || error == std::errc::invalid_argument || end != text.data() + text.size())
    return {std::nullopt, quoted + " is not a whole number written in decimal digits"};
  if (error == std::errc::result_out_of_range)
    return {std::nullopt, quoted + " is larger than 18446744073709551615 (2^64 - 1)"};
  return {value, ""};
}

}  // namespace flowfolio
