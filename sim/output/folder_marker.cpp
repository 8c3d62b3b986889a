#include "output/folder_marker.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/digest.hpp"
#include "core/file_text.hpp"
#include "core/json_text.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/output/result_folder.hpp"

namespace flowfolio {
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

constexpr std::size_t kMarkerLimit = 16 << 20;  // a marker lists a few files: larger is not one

std::string run_id_of(const std::vector<MarkedFile>& files) {
  std::string list;
  for (const MarkedFile& f : files) list += f.name + " " + f.sha256 + "\n";
  return sha256_hex(list).substr(0, 16);
}

// The listed in-place store a SQLite side file (store.sqlite-journal) belongs to.
const MarkedFile* listed(const FolderMarker& marker, const std::string& name) {
  for (const MarkedFile& f : marker.files) {
    if (f.name == name) return &f;
    for (const char* side : {"-journal", "-wal", "-shm"})
      if (f.in_place && name == f.name + side) return &f;
  }
  return nullptr;
}

}  // namespace

bool unchanged(const fs::path& folder, const MarkedFile& file) {
  std::error_code ec;
  const fs::path path = folder / file.name;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return false;
  if (file.in_place) return true;
  if (fs::file_size(path, ec) != file.bytes || ec) return false;
  return file_sha256(path.string()) == file.sha256;
}

const MarkedFile* find_file(const FolderMarker& marker, const std::string& name) {
  for (const MarkedFile& f : marker.files)
    if (f.name == name) return &f;
  return nullptr;
}

MarkedFile describe_file(const fs::path& folder, const std::string& name, bool in_place) {
  if (in_place) return {.name = name, .in_place = true};
  const std::string path = (folder / name).string();
  return {.name = name, .bytes = fs::file_size(path), .sha256 = file_sha256(path)};
}

std::optional<FolderMarker> read_marker(const fs::path& folder) {
  const std::optional<std::string> text =
      read_file_text((folder / kMarkerName).string(), kMarkerLimit);
  if (!text) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    FolderMarker m{
        .kind = j.at("kind"), .run_id = j.at("run_id"), .version = j.at("flowfolio_version")};
    for (const auto& f : j.at("files")) {
      const std::string name = f.at("name");
      if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
        return std::nullopt;
      m.files.push_back({.name = name,
                         .bytes = f.value("bytes", std::uint64_t{0}),
                         .sha256 = f.value("sha256", ""),
                         .in_place = f.value("in_place", false)});
    }
    return m;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

FolderMarker write_marker(const fs::path& folder, const std::string& kind,
                          std::vector<MarkedFile> files) {
  FolderMarker marker{.kind = kind, .version = FLOWFOLIO_VERSION, .files = std::move(files)};
  std::sort(marker.files.begin(), marker.files.end(),
            [](const MarkedFile& a, const MarkedFile& b) { return a.name < b.name; });
  marker.run_id = run_id_of(marker.files);
  ordered_json entries = ordered_json::array();
  for (const MarkedFile& f : marker.files) {
    entries.push_back(
        f.in_place ? ordered_json{{"name", f.name}, {"in_place", true}}
                   : ordered_json{{"name", f.name}, {"bytes", f.bytes}, {"sha256", f.sha256}});
  }
  const ordered_json root = {{"written_by", "flowfolio"},
                             {"kind", kind},
                             {"run_id", marker.run_id},
                             {"flowfolio_version", marker.version},
                             {"files", entries}};
  write_file_atomically((folder / kMarkerName).string(), json_text(root, 2) + "\n");
  return marker;
}

std::vector<std::string> unvouched_entries(const fs::path& folder, const std::string& kind) {
  std::optional<FolderMarker> marker = read_marker(folder);
  if (marker && marker->kind != kind) marker.reset();
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (marker && name == kMarkerName) continue;
    const MarkedFile* file = marker ? listed(*marker, name) : nullptr;
    if (!file)
      out.push_back(name);
    else if (file->name == name && !unchanged(folder, *file))
      out.push_back(name + " (changed)");
  }
  if (ec) throw InputError(folder.string() + ": cannot be read: " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

std::string name_list(const std::vector<std::string>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) list += (i ? ", " : "") + names[i];
  if (names.size() > 5) list += ", ...";
  return list;
}

}  // namespace flowfolio
