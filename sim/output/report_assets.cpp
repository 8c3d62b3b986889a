// Where the report's chart libraries are: found from the program's own path (or the Python
// module's), so that a prefix can be installed anywhere and moved (report.hpp,
// report_assets_folder).
#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "flowfolio/output/report.hpp"

namespace flowfolio {

namespace {
namespace fs = std::filesystem;

// The folder of the running program; empty where /proc is not mounted.
fs::path program_folder() {
  std::error_code ec;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : program.parent_path();
}

// The folder of the file holding this code when it is not the program: the Python
// module's shared object, whose package keeps the assets beside it.
fs::path module_folder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&module_folder), &info) == 0 || !info.dli_fname) return {};
  std::error_code ec;
  const fs::path file = fs::canonical(info.dli_fname, ec);
  return ec ? fs::path() : file.parent_path();
}
}  // namespace

std::string report_assets_folder() {
  if (const char* env = std::getenv("FLOWFOLIO_REPORT_ASSETS"); env && *env) return env;
  const fs::path folder = program_folder();
  // FLOWFOLIO_INSTALLED_ASSETS is relative to the installed bin folder, as CMake's
  // install directories place them ("../share/flowfolio/report").
  const fs::path installed = (folder / FLOWFOLIO_INSTALLED_ASSETS).lexically_normal();
  const fs::path built = folder / "report-assets";
  std::error_code ec;
  if (fs::exists(installed / "vega.min.js", ec)) return installed.string();
  if (fs::exists(built / "vega.min.js", ec)) return built.string();
  const fs::path beside_module = module_folder() / "report-assets";
  if (fs::exists(beside_module / "vega.min.js", ec)) return beside_module.string();
  // None holds them: name the one this program's layout expects, for the message.
  return (folder.filename() == "bin" ? installed : built).string();
}

}  // namespace flowfolio
