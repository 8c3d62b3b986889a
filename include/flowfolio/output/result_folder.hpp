// Where flowfolio writes what the user names: a run's result folder, a sweep's folder and a
// report file. flowfolio replaces only what it wrote itself; everything else at a path is
// the user's (docs/output-format.md, "What flowfolio replaces").
//
// A folder flowfolio wrote holds a marker, `.flowfolio.json`: the kind of folder, a run id,
// the program's version and every file it wrote with its size and SHA-256. A folder is
// flowfolio's to replace only when its marker is valid and vouches for every entry in it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "flowfolio/output/output.hpp"

namespace flowfolio {

// The path the kernel means by `path`, made absolute: the longest existing prefix with its
// symlinks and `..` resolved as the kernel resolves them, then the missing components.
// Throws InputError, naming `option`, for `..` or `.` after a missing component and for
// the root folder. Every later check and write uses this one answer.
std::string resolve_output_path(const std::string& path, const std::string& option);

// SHA-256 of a file's bytes as lower-case hex, read in pieces (std::runtime_error when the
// file cannot be read).
std::string file_sha256(const std::string& path);

class FolderLock;

// A folder of results written as one: every file goes into a fresh hidden folder beside
// the target, then commit() writes the marker and puts that folder in the target's place
// in one atomic exchange, so a reader never sees old and new files mixed and a failure
// leaves the old results whole.
//
// The target must be absent, empty, or a folder flowfolio wrote that holds nothing else;
// anything else is the user's. The constructor checks it (InputError, before any work);
// prepare() takes the folder's lock (InputError at once when another run holds it) and
// checks again; commit() checks the old folder once more after the exchange and swaps it
// back when anything foreign appeared during the run, leaving the new results in a
// visible sibling folder it names (std::runtime_error). Destroying an uncommitted folder
// removes what it wrote and releases the lock.
class ResultFolder {
 public:
  // `option` names the path in messages ("--out").
  explicit ResultFolder(std::string target, std::string option = "--out");
  ~ResultFolder();
  ResultFolder(const ResultFolder&) = delete;
  ResultFolder& operator=(const ResultFolder&) = delete;

  // Locks the folder and creates the hidden staging folder now, so that a busy folder or
  // an unwritable place fails before any work is done. Writes call it otherwise.
  void prepare();

  void write(const std::string& name, const std::string& content);
  void write(const std::string& name, const std::function<void(const TextSink&)>& produce);
  // The staged path of `name`, for a file another library writes itself (a SQLite store).
  std::string staged_path(const std::string& name);
  // The names written or handed out so far, sorted: what manifest.json lists.
  std::vector<std::string> files() const;
  // Puts the new results in place of the old ones. Throws std::runtime_error on failure,
  // leaving the target as it was.
  void commit();

  const std::string& target() const { return target_; }      // as the user named it
  const std::string& resolved() const { return resolved_; }  // what is written

 private:
  std::string target_, option_, resolved_;
  std::string staging_;  // empty until prepared
  std::vector<std::string> files_;
  std::unique_ptr<FolderLock> lock_;
  bool committed_ = false;
  void check() const;
  void exchange();
  void move_old_aside_first();
  void put_back(const std::string& aside) const;
  [[noreturn]] void keep_new_results_aside(const std::vector<std::string>& foreign);
};

// A folder flowfolio writes in place, run after run (a sweep's store.sqlite and
// results.csv): created with its marker when absent or empty, otherwise accepted only with
// a marker of the same kind that vouches for every entry (InputError). Locked while it
// exists. `in_place` names files that change in place and are checked by kind only.
class WorkFolder {
 public:
  WorkFolder(std::string target, std::string option, std::string kind,
             std::vector<std::string> in_place);
  ~WorkFolder();
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;

  // Takes back what the constructor made (the marker, and the folder when it was absent)
  // while nothing else has been written: for a command refused before it began.
  void abandon();
  // The path of `name` in the folder.
  std::string path(const std::string& name) const;
  // Writes `name` whole or not at all, then records it in the marker.
  void write(const std::string& name, const std::string& content);

 private:
  std::string resolved_, kind_;
  std::vector<std::string> in_place_, written_;
  std::unique_ptr<FolderLock> lock_;
  bool created_ = false;
};

// Writes one file where the user names it (`report -o FILE`), whole or not at all. An
// existing file there is replaced only when its folder's marker lists it unchanged or
// `is_ours` recognises its bytes; anything else is refused (InputError, naming `option`).
// When the file's folder is one flowfolio wrote, its marker then lists the new file.
void write_owned_file(const std::string& path, const std::string& option,
                      const std::string& content,
                      const std::function<bool(const std::string& existing)>& is_ours);

}  // namespace flowfolio
