#include "core/file_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "flowfolio/core/error.hpp"

namespace flowfolio {

namespace {

// Closes a descriptor when it goes out of scope.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

FileProblem problem_of_errno(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return FileProblem::kMissing;
    case EACCES:
    case EPERM:
      return FileProblem::kDenied;
    case EISDIR:
      return FileProblem::kDirectory;
    default:
      return FileProblem::kFailed;
  }
}

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}


}  // namespace

std::string mebibytes(std::size_t bytes) {
  char buffer[32];
  const double mib = static_cast<double>(bytes) / (1 << 20);
  std::snprintf(buffer, sizeof buffer, mib == static_cast<double>(bytes >> 20) ? "%.0f MiB" : "%.1f MiB", mib);
  return buffer;
}

FileText read_file(const std::string& path, std::size_t limit) {
  FileText out;
  // O_NONBLOCK: opening a FIFO with no writer must not wait for one.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  struct stat info {};
  if (file.fd < 0 || ::fstat(file.fd, &info) != 0) {
    out.problem = problem_of_errno(errno);
    out.reason = std::strerror(errno);
    return out;
  }
  if (S_ISDIR(info.st_mode)) {
    out.problem = FileProblem::kDirectory;
    return out;
  }
  if (!S_ISREG(info.st_mode)) {
    out.problem = FileProblem::kNotRegular;
    out.reason = kind_of(info.st_mode);
    return out;
  }
  if (static_cast<std::size_t>(info.st_size) > limit) {
    out.problem = FileProblem::kTooLarge;
    return out;
  }
  out.text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      out.problem = FileProblem::kFailed;
      out.reason = std::strerror(errno);
      out.text.clear();
      return out;
    }
    if (got == 0) break;
    if (out.text.size() + static_cast<std::size_t>(got) > limit) {  // it grew while read
      out.problem = FileProblem::kTooLarge;
      out.text.clear();
      return out;
    }
    out.text.append(buffer, static_cast<std::size_t>(got));
  }
  return out;
}

std::optional<std::string> read_file_text(const std::string& path, std::size_t limit) {
  FileText file = read_file(path, limit);
  if (file.problem != FileProblem::kNone) return std::nullopt;
  return std::move(file.text);
}

std::string read_input_file(const std::string& path, std::size_t limit, const std::string& what) {
  FileText file = read_file(path, limit);
  std::string message;
  switch (file.problem) {
    case FileProblem::kNone:
      return std::move(file.text);
    case FileProblem::kMissing:
      message = "no such file";
      break;
    case FileProblem::kDenied:
      message = "cannot be read: " + file.reason;
      break;
    case FileProblem::kDirectory:
      message = "is a directory, not a " + what;
      break;
    case FileProblem::kNotRegular:
      message = "is " + file.reason + ", not a regular file; give a " + what;
      break;
    case FileProblem::kTooLarge:
      message =
          "is over " + mebibytes(limit) + "; a " + what + " may be at most " + mebibytes(limit);
      break;
    case FileProblem::kFailed:
      message = "cannot be read: " + file.reason;
      break;
  }
  throw InputError({Diagnostic{.file = path, .message = message}});
}

}  // namespace flowfolio
