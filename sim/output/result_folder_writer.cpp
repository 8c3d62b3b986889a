// ResultFolder: a run's results, staged beside the target and exchanged into its place
// only while the old folder holds nothing but what flowfolio wrote there.
#include "flowfolio/output/result_folder.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>  // renameat2, RENAME_EXCHANGE, RENAME_NOREPLACE (glibc >= 2.28)
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "flowfolio/core/error.hpp"
#include "output/folder_lock.hpp"
#include "output/folder_marker.hpp"
#include "output/owned_folder.hpp"

namespace flowfolio {
namespace fs = std::filesystem;

ResultFolder::ResultFolder(std::string target, std::string option)
    : target_(std::move(target)),
      option_(std::move(option)),
      resolved_(resolve_output_path(target_, option_)) {
  check();
}

ResultFolder::~ResultFolder() {
  if (!committed_ && !staging_.empty()) {
    std::error_code ec;
    fs::remove_all(staging_, ec);  // a folder of ours, made by mkdtemp
  }
}

void ResultFolder::check() const {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(resolved_, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw InputError(option_ + " " + target_ + ": exists and is not a folder");
  const std::vector<std::string> foreign = foreign_entries(resolved_, "results");
  if (foreign.empty()) return;
  const bool marked = read_marker(resolved_).has_value();
  throw InputError(
      option_ + " " + target_ + ": holds files flowfolio did not write (" + name_list(foreign) +
      "); results replace a folder whole, so choose a new or empty folder, or move these out" +
      (marked ? ""
              : std::string(" (it has no ") + kMarkerName +
                    ", the mark of a folder flowfolio wrote; results from "
                    "older flowfolio versions have none: move or delete them yourself)"));
}

void ResultFolder::prepare() {
  if (!staging_.empty()) return;
  const fs::path target(resolved_);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    throw std::runtime_error("cannot create " + target.parent_path().string() + ": " +
                             ec.message());
  lock_ = std::make_unique<FolderLock>(target, option_ + " " + target_);
  check();  // again, now that no other run can change it
  staging_ = make_hidden_sibling(target, ".tmp-");
}

std::string ResultFolder::staged_path(const std::string& name) {
  prepare();
  if (std::find(files_.begin(), files_.end(), name) == files_.end()) files_.push_back(name);
  return staging_ + "/" + name;
}

std::vector<std::string> ResultFolder::files() const {
  std::vector<std::string> sorted = files_;
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

void ResultFolder::write(const std::string& name, const std::string& content) {
  write(name, [&](const TextSink& sink) { sink(content); });
}

void ResultFolder::write(const std::string& name,
                         const std::function<void(const TextSink&)>& produce) {
  const std::string path = staged_path(name);
  try {
    write_file_atomically(path, produce);
  } catch (const Interrupted&) {
    throw;
  } catch (const std::runtime_error& e) {
    // Name the file the user asked for, not the hidden staging copy.
    std::string reason = e.what();
    const auto colon = reason.rfind(": ");
    throw std::runtime_error("cannot write " + (fs::path(target_) / name).string() +
                             (colon == std::string::npos ? "" : reason.substr(colon)));
  }
}

void ResultFolder::commit() {
  prepare();
  std::vector<MarkedFile> written;
  for (const auto& entry : fs::directory_iterator(staging_))
    written.push_back(describe_file(staging_, entry.path().filename().string()));
  write_marker(staging_, "results", written);  // last: what is there is what was written
  const std::vector<std::string> foreign = foreign_entries(resolved_, "results");
  if (!foreign.empty()) keep_new_results_aside(foreign);
  exchange();
  committed_ = true;
  lock_.reset();
}

// Into place: a plain rename when the target is absent, else an atomic exchange and a check
// of the old folder, now at the staging path, which is swapped back if it holds anything
// that appeared since the last check.
void ResultFolder::exchange() {
  const char* from = staging_.c_str();
  const char* to = resolved_.c_str();
  if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return;
  if (errno == EINVAL || errno == ENOSYS) return move_old_aside_first();  // no flags, or no call
  if (errno != EEXIST && errno != ENOTEMPTY)
    throw std::runtime_error("cannot move results into " + target_ + ": " + std::strerror(errno));
  if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) != 0) {
    if (errno == EINVAL || errno == ENOSYS) return move_old_aside_first();
    throw std::runtime_error("cannot move results into " + target_ + ": " + std::strerror(errno));
  }
  const std::vector<std::string> foreign = foreign_entries(staging_, "results");
  if (foreign.empty()) {
    remove_owned_folder(staging_, resolved_);
    return;
  }
  if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) != 0) {
    const std::string old = staging_;
    staging_.clear();  // it holds the user's files now: never removed
    throw std::runtime_error(
        "cannot put " + target_ + " back after finding files flowfolio did not write (" +
        name_list(foreign) + "): it is at " + old + ", and " + target_ + " holds the new results");
  }
  keep_new_results_aside(foreign);
}

// For filesystems without renameat2's flags: the old folder moves aside, is checked there,
// and comes back when it holds anything flowfolio did not write.
void ResultFolder::move_old_aside_first() {
  const std::string aside = staging_ + ".old";
  const bool existed = std::rename(resolved_.c_str(), aside.c_str()) == 0;
  if (existed) {
    const std::vector<std::string> foreign = foreign_entries(aside, "results");
    if (!foreign.empty()) {
      put_back(aside);
      keep_new_results_aside(foreign);
    }
  }
  if (std::rename(staging_.c_str(), resolved_.c_str()) != 0) {
    const int saved = errno;
    if (existed) put_back(aside);
    throw std::runtime_error("cannot move results into " + target_ + ": " + std::strerror(saved));
  }
  if (existed) remove_owned_folder(aside, resolved_);
}

// The old folder, moved aside, back in its place; when even that fails, the error names
// where it is, so the user's folder is never lost from sight.
void ResultFolder::put_back(const std::string& aside) const {
  if (std::rename(aside.c_str(), resolved_.c_str()) == 0) return;
  throw std::runtime_error("cannot move " + target_ + " back from " + aside + ", where flowfolio had moved it to "
                           "put the new results in its place: " + std::strerror(errno) + "; it is whole there");
}

void ResultFolder::keep_new_results_aside(const std::vector<std::string>& foreign) {
  const std::string aside = make_visible_sibling(staging_, resolved_, ".new-");
  staging_.clear();
  throw std::runtime_error(
      option_ + " " + target_ + ": " + name_list(foreign) +
      " appeared in the folder during the run, and flowfolio did not write it; the "
      "folder is left as it was, and the new results are in " +
      aside);
}

}  // namespace flowfolio
