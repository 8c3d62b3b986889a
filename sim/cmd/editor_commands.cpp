// flowfolio schema and flowfolio init (docs/editors.md): the files' JSON Schemas, and a
// starter scenario with its schema beside it, so an editor checks it as it is typed.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "cmd/commands.hpp"
#include "cmd/stopping.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/yaml/json_schema.hpp"

namespace flowfolio::cmd {

// The shipped examples, compiled in from scenarios/ (cmake/embed_text.cmake).
std::string_view example_seed_default();
std::string_view example_b2b_software();
std::string_view example_hospital_system();

namespace {
namespace fs = std::filesystem;

std::string_view example_text(const std::string& name) {
  if (name == "b2b-software") return example_b2b_software();
  if (name == "hospital-system") return example_hospital_system();
  return example_seed_default();
}

// The example's first line when it points an editor at the shipped schema: init points at
// the copy it writes instead.
std::string_view without_schema_line(std::string_view text) {
  if (text.rfind("# yaml-language-server:", 0) == 0) text.remove_prefix(std::min(text.size(), text.find('\n') + 1));
  return text;
}

// On a terminal, the example chosen by number; elsewhere (a script, a pipe) the default.
std::string chosen_example() {
  const std::vector<std::string> names = example_names();
  if (isatty(STDIN_FILENO) == 0 || isatty(STDERR_FILENO) == 0) {
    std::cerr << "flowfolio: starting from the example seed-default (--example chooses another)\n";
    return names.front();
  }
  std::cerr << "Which example should the scenario start from?\n"
               "  1  seed-default     six veteran marketers, tweets to a pharma campaign, five strategies\n"
               "  2  b2b-software     a B2B software firm with no regulated work\n"
               "  3  hospital-system  a hospital system's communications, privacy and misinformation risk\n"
               "Number [1]: ";
  std::string answer;
  std::getline(std::cin, answer);
  if (answer == "2" || answer == "3") return names[static_cast<std::size_t>(answer[0] - '1')];
  if (!answer.empty() && answer != "1") throw InputError("init: answer 1, 2 or 3, got '" + printable(answer) + "'");
  return names.front();
}

const char* const kStarterHeader =
    "# yaml-language-server: $schema=scenario.schema.json\n"
    "# A flowfolio scenario, started by `flowfolio init` from the shipped example \"%s\".\n"
    "# How a scenario is laid out (every key: flowfolio's docs/scenario-format.md):\n"
    "#   activities  the work, in priority order: the skill it takes (online and domain, 0 to 1),\n"
    "#               hours a unit, units a period, the value and cost of a unit, its incidents;\n"
    "#   profiles    kinds of people: their skills, pay, hours, how they learn and how often they leave;\n"
    "#   staff       the people the organisation has today;\n"
    "#   strategies  the options compared: whom each hires, trains and mentors, and how it hands out work.\n"
    "# An uncertain number is a distribution: {pert: [lo, mode, hi]}, {lognormal: {p5: .., p95: ..}}, ...\n"
    "# An editor with a YAML language server completes and checks this file from scenario.schema.json.\n"
    "# Check it: flowfolio validate scenario.yaml      Run it: flowfolio run scenario.yaml --report\n"
    "#\n";

// Writes `content` to `path` only if nothing is there, whole or not at all: a hidden file
// beside it, then a hard link to the name, which fails rather than replace.
void write_new_file(const fs::path& path, const std::string& content) {
  const fs::path staged = path.parent_path() / ("." + path.filename().string() + ".init-" + std::to_string(::getpid()));
  std::FILE* out = std::fopen(staged.c_str(), "wx");
  if (out == nullptr) throw std::runtime_error("cannot write " + staged.string());
  const bool written = std::fwrite(content.data(), 1, content.size(), out) == content.size();
  if (std::fclose(out) != 0 || !written) {
    fs::remove(staged);
    throw std::runtime_error("cannot write " + path.string());
  }
  const int linked = ::link(staged.c_str(), path.c_str());
  fs::remove(staged);
  if (linked != 0)
    throw InputError(path.string() + ": exists already; flowfolio init writes only new files, so nothing of yours is "
                                     "replaced: choose another folder");
}
}  // namespace

std::vector<std::string> example_names() { return {"seed-default", "b2b-software", "hospital-system"}; }

int command_schema(const SchemaArguments& args) {
  std::cout << (args.sweep ? sweep_json_schema() : scenario_json_schema());
  return 0;
}

int command_init(const InitArguments& args) {
  const fs::path dir(args.dir);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw InputError(args.dir + ": is not a folder; flowfolio init writes scenario.yaml into a folder");
  const fs::path scenario = dir / "scenario.yaml", schema = dir / "scenario.schema.json";
  for (const fs::path& p : {scenario, schema})
    if (fs::exists(fs::symlink_status(p, ec)))
      throw InputError(p.string() + ": exists already; flowfolio init writes only new files, so nothing of yours is "
                                    "replaced: choose another folder");
  const std::string example = args.example.empty() ? chosen_example() : args.example;
  phase("write");
  fs::create_directories(dir);
  std::string header(std::strlen(kStarterHeader) + example.size(), '\0');
  header.resize(static_cast<std::size_t>(std::snprintf(header.data(), header.size() + 1, kStarterHeader, example.c_str())));
  write_new_file(schema, scenario_json_schema());
  try {
    write_new_file(scenario, header + std::string(without_schema_line(example_text(example))));
  } catch (...) {
    fs::remove(schema, ec);  // this run's own file: the pair appears whole or not at all
    throw;
  }
  std::cout << "wrote " << scenario.string() << " (from the example " << example << ") and " << schema.string()
            << "\nnext: flowfolio validate " << scenario.string() << "; flowfolio run " << scenario.string()
            << " --report\n";
  return 0;
}

}  // namespace flowfolio::cmd
