#include "cmd/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace flowfolio::cmd {

namespace {
ErrorFormat g_format = ErrorFormat::kText;

// "file:line:col: " (what Diagnostic::to_string() writes before the key path), or "".
std::string location(const Diagnostic& d) {
  Diagnostic where = d;
  where.path.clear();
  where.message.clear();
  where.severity = Diagnostic::Severity::kError;
  return where.to_string();
}
}  // namespace

void set_error_format(ErrorFormat format) { g_format = format; }
ErrorFormat error_format() { return g_format; }

bool cursor_on_stderr() {
  const char* term = std::getenv("TERM");
  return isatty(STDERR_FILENO) != 0 && (term == nullptr || std::strcmp(term, "dumb") != 0);
}

bool colour_on_stderr() {
  const char* no_colour = std::getenv("NO_COLOR");
  return cursor_on_stderr() && (no_colour == nullptr || *no_colour == '\0');
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, const std::string& summary) {
  if (diagnostics.empty()) return;
  if (g_format == ErrorFormat::kJson) {
    std::cerr << diagnostics_json(diagnostics) << "\n";
    return;
  }
  const bool colour = colour_on_stderr();
  for (const Diagnostic& d : diagnostics) {
    const std::string text = d.to_string(), where = location(d);
    if (!colour || where.empty() || text.rfind(where, 0) != 0) {
      std::cerr << text << "\n";
      continue;
    }
    const char* tint = d.severity == Diagnostic::Severity::kWarning ? "\033[1;33m" : "\033[1;31m";
    std::cerr << tint << where << "\033[0m" << text.substr(where.size()) << "\n";
  }
  if (!summary.empty()) std::cerr << summary << "\n";
}

}  // namespace flowfolio::cmd
