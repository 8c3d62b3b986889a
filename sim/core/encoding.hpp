// Whether a text is text: the one check every reader of user files and arguments makes
// (the scenario's and sweep's YAML, `--set`, the history's and a result folder's CSV).
// Internal to the library.
#pragma once

#include <string>

namespace flowfolio {

// The first byte of `text` that is not valid UTF-8, or is a control character no text
// format here allows (anything below 0x20 but tab, newline and carriage return): its
// 1-based line and column and a sentence naming `format` ("YAML", "CSV"); line 0 when
// the text is clean.
struct EncodingProblem {
  int line = 0, column = 0;
  std::string message;
};
EncodingProblem check_encoding(const std::string& text, const std::string& format = "YAML");

// check_encoding for the whole text of `file`: throws InputError located at file:line:col,
// e.g. "w.csv:3:1: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8".
void require_text(const std::string& text, const std::string& file, const std::string& format);

}  // namespace flowfolio
