// Input errors: the one error type for a scenario or arguments the user must fix.
//
// Every problem found in a scenario is a Diagnostic that says where (file, line,
// column, key path) and what is wrong. Readers collect all of them before throwing,
// so the user fixes a file in one round. Only the program's main() catches
// InputError, and turns it into exit status 2.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flowfolio {

struct Diagnostic {
  enum class Severity { kError, kWarning };
  std::string file;     // as given by the user; empty for command-line arguments
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string path;     // key path, e.g. "activities.pharma_campaign.value.pert"
  std::string message;  // what is wrong, and what would be right
  Severity severity = Severity::kError;

  // "file:line:col: key.path: message" (parts that are unknown are left out), printable().
  std::string to_string() const;
};

// The diagnostics as one JSON list, for tools (`--errors json`): each an object of "file",
// "line" and "column" (null when unknown), "path", "message" and "severity" ("error" or
// "warning"); the same content as to_string(), the text not made printable (JSON escapes
// control characters itself).
std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics);

// `text` safe to print on a terminal: control characters (C0, DEL, C1) written as \xNN
// or \u00NN, so an escape sequence in a file name or a value cannot reach the terminal.
std::string printable(std::string_view text);

// The position of the first control character of `text` (C0, DEL or C1; tab and line
// breaks are allowed where `lines_allowed`), or npos.
std::size_t find_control_character(std::string_view text, bool lines_allowed);

// The control character at `text[at]` named for a message: "0x1B", or "U+009B" for C1.
std::string control_character_name(std::string_view text, std::size_t at);

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(const std::string& message);  // one diagnostic with no location

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace flowfolio
