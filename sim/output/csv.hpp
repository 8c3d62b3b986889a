// CSV as flowfolio writes and reads it (docs/output-format.md): RFC 4180 records, and
// text cells guarded against formula injection. Internal to the library.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace flowfolio {

// A text cell (a name, never a number): quoted when it holds a comma, a quote or a line
// break, and, when it begins with = + - @ ' or a tab or carriage return, quoted with a
// ' in front (OWASP's advice against formula injection) so that a spreadsheet shows it
// as text. read_csv gives the text back unchanged.
std::string csv_text(const std::string& text);

// One record of a CSV file: its fields, the line it starts on and the column each field
// starts at (both 1-based; a field after a quoted line break counts its column on its own line).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
  std::vector<std::size_t> columns;
};

// Every record of `text` (quoted fields may hold commas, quotes and line breaks); a
// quoted field that begins with ' loses that one '. Throws InputError naming `file` and
// the line (and column) of a byte that is not UTF-8 or a control character, or of a quote
// that is never closed or is followed by more text.
std::vector<CsvRecord> read_csv(const std::string& text, const std::string& file);

}  // namespace flowfolio
