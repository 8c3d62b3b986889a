#include "core/encoding.hpp"

#include <cstdio>

#include "flowfolio/core/error.hpp"

namespace flowfolio {

namespace {

// The length of the UTF-8 character that starts at text[i], or 0 when the bytes there
// are not one (RFC 3629 section 4: no overlong forms, no surrogates, nothing past U+10FFFF).
std::size_t character_length(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = byte(0);
  if (c < 0x80) return 1;
  // The first continuation byte's range depends on the lead byte; the rest are 80..BF.
  unsigned char low = 0x80, high = 0xBF;
  std::size_t length = 0;
  if (c >= 0xC2 && c <= 0xDF) length = 2;
  else if (c >= 0xE0 && c <= 0xEF) length = 3, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4) length = 4, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (i + length > text.size() || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(k) >> 6) != 0x2) return 0;
  return length;
}

}  // namespace

EncodingProblem check_encoding(const std::string& text, const std::string& format) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = character_length(text, i);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", c);
    if (length == 0)
      return {line, column, std::string("not valid UTF-8 (byte ") + hex + "); save it as UTF-8"};
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      return {line, column,
              std::string("control character ") + hex + " is not allowed in " + format +
                  "; is this a text file?"};
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return {};
}

void require_text(const std::string& text, const std::string& file, const std::string& format) {
  const EncodingProblem bad = check_encoding(text, format);
  if (bad.line == 0) return;
  const bool utf8 = bad.message.rfind("not valid", 0) == 0;
  throw InputError({Diagnostic{.file = file,
                               .line = bad.line,
                               .column = bad.column,
                               .message = (utf8 ? "the file is " : "") + bad.message}});
}

}  // namespace flowfolio
