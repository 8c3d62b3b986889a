// Helpers for folders flowfolio writes beside, into and in place of the user's. Internal.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace flowfolio {

// The entries of `folder` flowfolio cannot vouch for as its own of `kind` (folder_marker.hpp);
// none when it is absent. A path that is not a folder gives {"NAME (not a folder)"}, one
// that cannot be read {"NAME (cannot be read: why)"}: never throws for what is at the path.
std::vector<std::string> foreign_entries(const std::filesystem::path& folder,
                                         const std::string& kind);

// A new empty folder `.NAME<infix>XXXXXX` beside `target`, mode 0755.
std::string make_hidden_sibling(const std::filesystem::path& target, const std::string& infix);

// Moves the folder `from` to a new visible `TARGET<infix>XXXXXX` and returns where it is
// (still `from` when it could not be moved).
std::string make_visible_sibling(const std::string& from, const std::string& target,
                                 const std::string& infix);

// Removes what the marker of `folder` lists, the marker, then the folder. A folder that is
// not empty then (something appeared in it) is moved to a visible `TARGET.old-XXXXXX`.
void remove_owned_folder(const std::string& folder, const std::string& target);

}  // namespace flowfolio
