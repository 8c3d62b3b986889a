// A scratch folder with a base scenario and a sweep file, and the problems reading that
// sweep file reports: for the sweep file's tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "flowfolio/yaml/sweep_file.hpp"
#include "test_support.hpp"

namespace flowfolio::testing {
namespace fs = std::filesystem;

// A scratch folder holding the tiny scenario as base.yaml and `sweep` as sweep.yaml.
struct SweepFolder {
  fs::path dir;
  explicit SweepFolder(const std::string& sweep,
                       const std::string& base = tiny_scenario()) {
    dir = fs::temp_directory_path() / ("flowfolio-sweep-file-test-" + std::to_string(::getpid()) +
                                       "-" + std::to_string(counter()++));
    fs::create_directories(dir);
    write("base.yaml", base);
    write("sweep.yaml", sweep);
  }
  ~SweepFolder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
  }
  std::string file(const std::string& name) const { return (dir / name).string(); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

// The diagnostics read_sweep_file throws, each as "file:line:col: key.path: message", with
// the folder taken out of the file names.
inline std::vector<std::string> problems(const SweepFolder& f, const SweepCommandLine& command_line = {}) {
  try {
    read_sweep_file(f.file("sweep.yaml"), command_line);
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics()) {
      std::string line = d.to_string();
      const std::string dir = f.dir.string() + "/";
      for (auto at = line.find(dir); at != std::string::npos; at = line.find(dir))
        line.erase(at, dir.size());
      out.push_back(line);
    }
    return out;
  }
  return {};
}
}  // namespace flowfolio::testing
