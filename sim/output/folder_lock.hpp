// The lock that keeps two flowfolio runs from writing one output folder at once.
// Internal to the library.
#pragma once

#include <filesystem>
#include <string>

namespace flowfolio {

// An exclusive flock() on the hidden file `.NAME.flowfolio-lock` beside the folder `target`
// (which need not exist; its parent must). The file holds the holder's pid. Throws
// InputError at once, starting with `named` (the option and the path as the user gave
// them) and naming the other run's pid, when another process holds it. Releasing removes
// the file.
class FolderLock {
 public:
  FolderLock(const std::filesystem::path& target, const std::string& named);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace flowfolio
