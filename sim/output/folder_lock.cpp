#include "output/folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/file_text.hpp"
#include "flowfolio/core/error.hpp"

namespace flowfolio {

namespace {

// Whether `fd` is still the file at `path`: a holder that finished removes the file, and
// a lock on the removed file would guard nothing.
bool still_linked(int fd, const std::string& path) {
  struct stat open_file {
  }, named{};
  return ::fstat(fd, &open_file) == 0 && ::stat(path.c_str(), &named) == 0 &&
         open_file.st_ino == named.st_ino && open_file.st_dev == named.st_dev;
}

// The pid the holder writes into the lock file just after taking it: waited for a moment,
// for a holder that has only just taken it. Empty when it does not come.
std::string holder_pid(const std::string& path) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const std::string pid = read_file_text(path, 32).value_or("");
    if (!pid.empty()) return pid;
    ::usleep(2000);
  }
  return "";
}

}  // namespace

FolderLock::FolderLock(const std::filesystem::path& target, const std::string& named)
    : path_((target.parent_path() / ("." + target.filename().string() + ".flowfolio-lock"))
                .string()) {
  for (;;) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ < 0)
      throw std::runtime_error("cannot write in " + target.parent_path().string() + ": " +
                               std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int saved = errno;
      ::close(fd_);
      fd_ = -1;
      if (saved != EWOULDBLOCK)
        throw std::runtime_error("cannot lock " + path_ + ": " + std::strerror(saved));
      const std::string pid = holder_pid(path_);
      throw InputError(named + ": another flowfolio run" +
                       (pid.empty() ? "" : " (pid " + pid + ")") +
                       " is writing this folder; wait for it to finish, or choose another folder");
    }
    if (still_linked(fd_, path_)) break;
    ::close(fd_);
  }
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd_, 0) != 0 || ::write(fd_, pid.data(), pid.size()) < 0) {
    // The pid is only for the message; the lock holds without it.
  }
}

FolderLock::~FolderLock() {
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace flowfolio
