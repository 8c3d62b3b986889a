// Reading a whole file into memory: the one helper the reader, the report, the sweeps
// and the program share. Internal to flowfolio, not part of the public API.
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace flowfolio {

// The file's bytes, or nothing when it cannot be opened.
inline std::optional<std::string> read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace flowfolio
