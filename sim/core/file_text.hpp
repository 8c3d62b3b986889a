// Reading a whole file into memory: the one helper the reader, the report, the sweeps
// and the program share. Internal to flowfolio, not part of the public API.
//
// Only regular files are read: a FIFO, a device (/dev/zero) or a socket is refused
// without blocking, and the size cap holds while reading, so a file that grows or lies
// about its size cannot exhaust memory.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>

namespace flowfolio {

inline constexpr std::size_t kNoSizeLimit = std::numeric_limits<std::size_t>::max();

// Why a file could not be read; kNone when it was.
enum class FileProblem { kNone, kMissing, kDenied, kDirectory, kNotRegular, kTooLarge, kFailed };

struct FileText {
  std::string text;
  FileProblem problem = FileProblem::kNone;
  std::string reason;  // the system's words for kDenied and kFailed
};

// Reads the regular file at `path`, at most `limit` bytes (past that: kTooLarge).
FileText read_file(const std::string& path, std::size_t limit = kNoSizeLimit);

// A size for messages: "16 MiB" when whole, else "17.0 MiB".
std::string mebibytes(std::size_t bytes);

// The file's bytes, or nothing when read_file() finds a problem.
std::optional<std::string> read_file_text(const std::string& path,
                                          std::size_t limit = kNoSizeLimit);

// The file's bytes; otherwise an InputError naming the file and what is wrong, e.g.
// "scenario.yaml: is a FIFO, not a regular file". `what` names the kind of file for the
// messages ("scenario file", "sweep file"), and the limit is stated in MiB.
std::string read_input_file(const std::string& path, std::size_t limit, const std::string& what);

}  // namespace flowfolio
