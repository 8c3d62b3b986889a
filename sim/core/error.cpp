#include "flowfolio/core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "core/json_text.hpp"

namespace flowfolio {

std::string Diagnostic::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file + ":";
    if (line > 0) out += std::to_string(line) + ":" + std::to_string(column) + ":";
    out += " ";
  }
  if (!path.empty()) out += path + ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  out += message;
  return printable(out);
}

std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  const auto position = [](int x) { return x > 0 ? nlohmann::ordered_json(x) : nlohmann::ordered_json(); };
  for (const Diagnostic& d : diagnostics)
    list.push_back({{"file", d.file},
                    {"line", position(d.line)},
                    {"column", d.line > 0 ? position(d.column) : nlohmann::ordered_json()},
                    {"path", d.path},
                    {"message", d.message},
                    {"severity", d.severity == Diagnostic::Severity::kWarning ? "warning" : "error"}});
  return json_text(list);  // invalid UTF-8 in a file name or value is replaced
}

namespace {
// The bytes of the control character at text[i] (1 for C0 and DEL, 2 for C1, which UTF-8
// writes as 0xC2 0x80-0x9F), or 0.
std::size_t control_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x20 || c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (next >= 0x80 && next < 0xA0) return 2;
  }
  return 0;
}
}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (control_length(text, i) == 0) {
      out += text[i];
    } else {
      const std::string name = control_character_name(text, i);
      out += name[0] == 'U' ? "\\u00" + name.substr(4) : "\\x" + name.substr(2);
      i += control_length(text, i) - 1;
    }
  }
  return out;
}

std::size_t find_control_character(std::string_view text, bool lines_allowed) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (lines_allowed && (text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) continue;
    if (control_length(text, i) > 0) return i;
  }
  return std::string_view::npos;
}

std::string control_character_name(std::string_view text, std::size_t at) {
  char name[16];
  if (control_length(text, at) == 2) {
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned char>(text[at + 1]));
  } else {
    std::snprintf(name, sizeof name, "0x%02X", static_cast<unsigned char>(text[at]));
  }
  return name;
}

namespace {
std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(const std::string& message)
    : InputError(std::vector<Diagnostic>{Diagnostic{.message = message}}) {}

}  // namespace flowfolio
