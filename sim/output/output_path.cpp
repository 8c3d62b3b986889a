// resolve_output_path(): one answer to "which folder does the user mean", so the check,
// the staging folder and the rename cannot disagree (a symlink followed by `..`).
#include <filesystem>
#include <system_error>

#include "flowfolio/core/error.hpp"
#include "flowfolio/output/result_folder.hpp"

namespace flowfolio {
namespace fs = std::filesystem;

std::string resolve_output_path(const std::string& path, const std::string& option) {
  if (path.empty()) throw InputError(option + ": the path is empty");
  fs::path resolved = fs::current_path().root_path();
  fs::path missing;  // the components after the longest existing prefix
  const fs::path absolute = fs::absolute(path);
  for (auto it = std::next(absolute.begin()); it != absolute.end(); ++it) {
    const fs::path& part = *it;
    if (part.empty()) continue;  // a trailing slash
    if (!missing.empty()) {
      if (part == "." || part == "..")
        throw InputError(option + " " + path + ": '" + part.string() + "' after " +
                         (resolved / missing).string() +
                         ", which does not exist; name the folder without it");
      missing /= part;
      continue;
    }
    if (part == ".") continue;
    if (part == "..") {
      resolved = resolved.parent_path();  // `resolved` holds no symlink: its parent is the kernel's
      continue;
    }
    std::error_code ec;
    const fs::path next = resolved / part;
    if (fs::exists(fs::symlink_status(next, ec)) && fs::exists(next, ec)) {
      resolved = fs::canonical(next, ec);
      if (ec)
        throw InputError(option + " " + path + ": cannot resolve " + next.string() + ": " +
                         ec.message());
    } else {
      missing = part;  // also a dangling symlink or a file in the way: creating it says why
    }
  }
  if (!missing.empty()) resolved /= missing;
  if (resolved == resolved.root_path())
    throw InputError(option + " " + path + ": is the root folder");
  return resolved.string();
}

}  // namespace flowfolio
