// Numbers as people and files read them: one home for the table, the sentence, the
// report and the result files, so every layer formats the same number the same way.
#pragma once

#include <string>

namespace flowfolio {

// The model's version, written in summary.json, manifest.json, the report and --help.
// It changes when the same scenario and seed would give other results (MODEL.md).
inline constexpr const char* kModelVersion = "1.1";

// A number in the shortest form that reads back to the same double ("0.1", "1e+20").
std::string format_number(double value);
std::string format_number(float value);

// `value` rounded to `digits` significant digits (correctly rounded, so the same on every
// machine), as a number and as its shortest text, in plain decimals from 1e-4 to 1e15:
// (0.000412345, 3) -> "0.000412", (0.0005, 3) -> "0.0005", (1234567, 3) -> "1230000",
// (0.0000367, 3) -> "3.67e-05". The text reads back as the rounded number.
double round_significant(double value, int digits);
std::string format_significant(double value, int digits);

// Money for people: 1234567.8 -> "1.23M", -45600 -> "-45.6k", 950 -> "950".
std::string format_money(double amount);

// A share as a percentage with `digits` decimals: 0.873 -> "87%", (0.873, 1) -> "87.3%".
std::string percent(double share, int digits = 0);

}  // namespace flowfolio
