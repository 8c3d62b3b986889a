// The marker that says which files of a folder flowfolio wrote (docs/output-format.md,
// "What flowfolio replaces"). Internal to the library.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace flowfolio {

// The marker's file name inside a folder flowfolio wrote.
inline constexpr const char* kMarkerName = ".flowfolio.json";

struct MarkedFile {
  std::string name;
  std::uint64_t bytes = 0;
  std::string sha256;     // empty for a file flowfolio changes in place (a sweep's store)
  bool in_place = false;  // then neither bytes nor sha256 is checked, only that it is a file
};

struct FolderMarker {
  std::string kind;    // "results" (a run's folder) or "sweep"
  std::string run_id;  // the first 16 hex digits of the SHA-256 of the file list
  std::string version;
  std::vector<MarkedFile> files;
};

// The marker of `folder`; nullopt when it has none, or one flowfolio cannot read.
std::optional<FolderMarker> read_marker(const std::filesystem::path& folder);

// One file of `folder` as it is now: its size and SHA-256, or only its name when `in_place`.
MarkedFile describe_file(const std::filesystem::path& folder, const std::string& name,
                         bool in_place = false);

// Writes the marker of `folder` (sorted by name, with its run id) last and atomically.
FolderMarker write_marker(const std::filesystem::path& folder, const std::string& kind,
                          std::vector<MarkedFile> files);

// `marker`'s entry for `name`, or nullptr.
const MarkedFile* find_file(const FolderMarker& marker, const std::string& name);

// Whether `file` of `folder` is still as flowfolio left it.
bool unchanged(const std::filesystem::path& folder, const MarkedFile& file);

// The entries of `folder` its marker does not vouch for: every name it does not list
// (SQLite's -journal, -wal and -shm files count as their in-place store's), and every
// listed file whose size or SHA-256 changed ("name (changed)"). Every entry when the
// folder has no marker, or one of another kind. Sorted.
std::vector<std::string> unvouched_entries(const std::filesystem::path& folder,
                                           const std::string& kind);

// "a, b, c, d, e, ..." for a message.
std::string name_list(const std::vector<std::string>& names);

}  // namespace flowfolio
