// WorkFolder (a sweep's folder, written in place) and write_owned_file (`report -o FILE`):
// the same authorship rule as ResultFolder for the other places flowfolio writes.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "core/file_text.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "output/folder_lock.hpp"
#include "output/folder_marker.hpp"
#include "output/owned_folder.hpp"

namespace flowfolio {
namespace fs = std::filesystem;

namespace {

void create_parent(const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    throw std::runtime_error("cannot create " + target.parent_path().string() + ": " +
                             ec.message());
}

// A regular file's bytes, up to 256 MiB (a report is a few MiB): enough to tell what wrote it.
std::string content_of(const std::string& path) {
  return read_file_text(path, std::size_t{256} << 20).value_or("");
}

// The marker's entries with `file` in place of its old entry.
std::vector<MarkedFile> with_file(const FolderMarker& marker, MarkedFile file) {
  std::vector<MarkedFile> files;
  for (const MarkedFile& f : marker.files)
    if (f.name != file.name) files.push_back(f);
  files.push_back(std::move(file));
  return files;
}

}  // namespace

WorkFolder::WorkFolder(std::string target, std::string option, std::string kind,
                       std::vector<std::string> in_place)
    : resolved_(resolve_output_path(target, option)),
      kind_(std::move(kind)),
      in_place_(std::move(in_place)) {
  const std::string named = option + " " + target;
  const fs::path folder(resolved_);
  create_parent(folder);
  lock_ = std::make_unique<FolderLock>(folder, named);
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(folder, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw InputError(named + ": exists and is not a folder");
  if (fs::exists(status) && !fs::is_empty(folder, ec)) {
    const std::vector<std::string> foreign = foreign_entries(folder, kind_);
    if (foreign.empty()) return;
    throw InputError(
        named + ": holds files flowfolio did not write (" + name_list(foreign) +
        "); flowfolio writes into a folder of its own, so choose a new or empty folder, "
        "or move these out");
  }
  created_ = !fs::exists(status);
  fs::create_directories(folder, ec);
  if (ec) throw std::runtime_error("cannot create " + resolved_ + ": " + ec.message());
  std::vector<MarkedFile> files;
  for (const std::string& name : in_place_) files.push_back(describe_file(folder, name, true));
  write_marker(folder, kind_, files);
}

WorkFolder::~WorkFolder() = default;

void WorkFolder::abandon() {
  std::error_code ec;
  const fs::path folder(resolved_);
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().filename() != kMarkerName) return;  // something was written: it stays
  fs::remove(folder / kMarkerName, ec);
  if (created_) fs::remove(folder, ec);
}

std::string WorkFolder::path(const std::string& name) const {
  return (fs::path(resolved_) / name).string();
}

void WorkFolder::write(const std::string& name, const std::string& content) {
  const std::optional<FolderMarker> marker = read_marker(resolved_);
  // Checked again now: a file edited since flowfolio wrote it is the user's.
  const MarkedFile* listed = marker ? find_file(*marker, name) : nullptr;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path(name), ec)) && !(listed && unchanged(resolved_, *listed))) {
    throw std::runtime_error(path(name) + " changed since flowfolio wrote it, so it is left as it is; move it "
                             "away and run the same command again to write it anew (the store keeps every "
                             "result, so nothing is simulated again)");
  }
  write_file_atomically(path(name), content);
  write_marker(resolved_, kind_,
               with_file(marker.value_or(FolderMarker{}), describe_file(resolved_, name)));
}

void write_owned_file(const std::string& path, const std::string& option,
                      const std::string& content,
                      const std::function<bool(const std::string& existing)>& is_ours) {
  const std::string named = option + " " + path;
  const fs::path file(resolve_output_path(path, option));
  const fs::path folder = file.parent_path();
  const std::string name = file.filename().string();
  const std::optional<FolderMarker> marker = read_marker(folder);
  // A folder flowfolio wrote is locked while its marker is rewritten, as a run locks it.
  std::unique_ptr<FolderLock> lock = marker ? std::make_unique<FolderLock>(folder, named) : nullptr;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(file, ec);
  if (fs::exists(status)) {
    const MarkedFile* listed = marker ? find_file(*marker, name) : nullptr;
    const bool ours = fs::is_regular_file(status) &&
                      (listed ? unchanged(folder, *listed) : is_ours(content_of(file.string())));
    if (!ours)
      throw InputError(
          named + ": exists and flowfolio did not write it" +
          (listed ? " (it changed since)" : "") +
          "; flowfolio does not replace it: choose another file name, or move it away");
  }
  write_file_atomically(file.string(), content);
  if (marker) write_marker(folder, marker->kind, with_file(*marker, describe_file(folder, name)));
}

}  // namespace flowfolio
