#include "output/owned_folder.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "output/folder_marker.hpp"

namespace flowfolio {
namespace fs = std::filesystem;

std::vector<std::string> foreign_entries(const fs::path& folder, const std::string& kind) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(folder, ec);
  if (!fs::exists(status)) return {};
  const std::string name = folder.filename().string();
  if (!fs::is_directory(status)) return {name + " (not a folder)"};
  try {
    return unvouched_entries(folder, kind);
  } catch (const std::exception& e) {
    return {name + " (cannot be read: " + e.what() + ")"};
  }
}

std::string make_hidden_sibling(const fs::path& target, const std::string& infix) {
  const fs::path parent = target.parent_path();
  std::string name = (parent / ("." + target.filename().string() + infix + "XXXXXX")).string();
  if (::mkdtemp(name.data()) == nullptr)
    throw std::runtime_error("cannot write in " + parent.string() + ": " + std::strerror(errno));
  ::chmod(name.c_str(), 0755);
  return name;
}

std::string make_visible_sibling(const std::string& from, const std::string& target,
                                 const std::string& infix) {
  std::string name = target + infix + "XXXXXX";
  if (::mkdtemp(name.data()) == nullptr) return from;
  if (std::rename(from.c_str(), name.c_str()) != 0) {
    ::rmdir(name.c_str());
    return from;
  }
  return name;
}

void remove_owned_folder(const std::string& folder, const std::string& target) {
  const std::optional<FolderMarker> marker = read_marker(folder);
  std::error_code ec;
  if (marker) {
    for (const MarkedFile& f : marker->files) {
      fs::remove(fs::path(folder) / f.name, ec);
      for (const char* side : {"-journal", "-wal", "-shm"})
        fs::remove(fs::path(folder) / (f.name + side), ec);
    }
    fs::remove(fs::path(folder) / kMarkerName, ec);
  }
  if (::rmdir(folder.c_str()) != 0) make_visible_sibling(folder, target, ".old-");
}

}  // namespace flowfolio
