// ResultFolder and the authorship rule: flowfolio replaces only folders and files it wrote.
#include "flowfolio/output/result_folder.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "flowfolio/core/error.hpp"

namespace fs = std::filesystem;
using flowfolio::InputError;
using flowfolio::ResultFolder;

namespace {

// A fresh empty folder for one test case, removed at its end.
struct Scratch {
  fs::path root;
  Scratch() {
    root = fs::temp_directory_path() / ("flowfolio_result_folder_" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~Scratch() { fs::remove_all(root); }
};

void put(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string text_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_results(const std::string& target, const std::string& summary) {
  ResultFolder folder(target);
  folder.write("summary.json", summary);
  folder.commit();
}

}  // namespace

TEST_CASE("SHA-256 of a file, read in pieces", "[result_folder]") {
  Scratch s;
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  put(s.root / "abc", "abc");
  CHECK(flowfolio::file_sha256((s.root / "abc").string()) == abc);
  const std::string big((3 << 20) + 5, 'x');  // more than one piece
  put(s.root / "big", big);
  CHECK(flowfolio::file_sha256((s.root / "big").string()) ==
        "a76c39813c8098f2675f62c44590c7b65cda2c909c4b43377c5eea796a9b8414");
}

TEST_CASE("a committed folder holds its files and a marker that lists them", "[result_folder]") {
  Scratch s;
  ResultFolder folder((s.root / "res").string());
  folder.write("summary.json", "{}");
  folder.write("trials.csv", "a\n1\n");
  CHECK(folder.files() == std::vector<std::string>{"summary.json", "trials.csv"});
  folder.commit();
  CHECK(text_of(s.root / "res/summary.json") == "{}");
  const std::string marker = text_of(s.root / "res/.flowfolio.json");
  CHECK(marker.find("\"summary.json\"") != std::string::npos);
  CHECK(marker.find("\"trials.csv\"") != std::string::npos);
  // SHA-256 of "a\n1\n"
  CHECK(marker.find("309b0e45a73d3fc5325e2b6ed0a01ef8b9cde6b05a5633c1f893f970d52bfddc") !=
        std::string::npos);
  // Nothing of flowfolio's is left beside it: no staging folder, no lock.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(s.root)) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("a folder flowfolio wrote is replaced whole", "[result_folder]") {
  Scratch s;
  const std::string target = (s.root / "res").string();
  {
    ResultFolder first(target);
    first.write("summary.json", "old");
    first.write("report.html", "old report");
    first.commit();
  }
  write_results(target, "new");
  CHECK(text_of(s.root / "res/summary.json") == "new");
  CHECK_FALSE(fs::exists(s.root / "res/report.html"));
}

TEST_CASE("a symlink followed by .. means the kernel's folder for the check and the write",
          "[result_folder]") {
  Scratch s;
  // root/link -> root/deep/inner, so root/link/../res is root/deep/res to the kernel,
  // and root/res lexically.
  fs::create_directories(s.root / "deep/inner");
  fs::create_directory_symlink(s.root / "deep/inner", s.root / "link");
  fs::create_directories(s.root / "res");
  put(s.root / "res/notes.txt", "the user's");
  const std::string target = (s.root / "link/../res").string();
  CHECK(flowfolio::resolve_output_path(target, "--out") == (s.root / "deep/res").string());
  write_results(target, "{}");
  CHECK(text_of(s.root / "deep/res/summary.json") == "{}");
  CHECK(text_of(s.root / "res/notes.txt") == "the user's");
  // Where the kernel's folder is the user's, the run is refused before it starts.
  put(s.root / "deep/res/mine.txt", "also the user's");
  CHECK_THROWS_AS(ResultFolder(target), InputError);
  CHECK(text_of(s.root / "deep/res/mine.txt") == "also the user's");
}

TEST_CASE(".. after a folder that does not exist is refused", "[result_folder]") {
  Scratch s;
  CHECK_THROWS_WITH(flowfolio::resolve_output_path((s.root / "missing/../res").string(), "--out"),
                    Catch::Contains("'..' after") && Catch::Contains("which does not exist"));
}

TEST_CASE("a folder holding only the user's scenario.yaml or store is the user's",
          "[result_folder]") {
  Scratch s;
  for (const std::string name : {"scenario.yaml", "store.sqlite", "summary.json"}) {
    const fs::path dir = s.root / ("mine-" + name);
    fs::create_directories(dir);
    put(dir / name, "# my scenario\nextends: base.yaml\n");
    CHECK_THROWS_WITH(ResultFolder(dir.string()),
                      Catch::Contains("holds files flowfolio did not write (" + name + ")") &&
                          Catch::Contains("it has no .flowfolio.json"));
    CHECK(text_of(dir / name) == "# my scenario\nextends: base.yaml\n");
  }
}

TEST_CASE("a result file the user changed, or a file they added, keeps the folder theirs",
          "[result_folder]") {
  Scratch s;
  const std::string target = (s.root / "res").string();
  write_results(target, "{}");
  put(s.root / "res/summary.json", "{\"edited\": true}");
  CHECK_THROWS_WITH(ResultFolder(target), Catch::Contains("summary.json (changed)"));
  write_results((s.root / "res2").string(), "{}");
  put(s.root / "res2/notes.txt", "mine");
  CHECK_THROWS_WITH(ResultFolder((s.root / "res2").string()), Catch::Contains("(notes.txt)"));
}

TEST_CASE("a file saved into the folder during the run stops the commit, and nothing is lost",
          "[result_folder]") {
  Scratch s;
  const std::string target = (s.root / "res").string();
  write_results(target, "old");
  ResultFolder folder(target);  // checked: the folder is flowfolio's
  folder.write("summary.json", "new");
  put(s.root / "res/notes.txt", "saved while the run was going");
  try {
    folder.commit();
    FAIL("the commit replaced a folder holding the user's file");
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    CHECK(message.find("notes.txt appeared in the folder during the run") != std::string::npos);
    const std::string aside = message.substr(message.find("the new results are in ") + 23);
    CHECK(text_of(fs::path(aside) / "summary.json") == "new");
  }
  CHECK(text_of(s.root / "res/notes.txt") == "saved while the run was going");
  CHECK(text_of(s.root / "res/summary.json") == "old");
}

TEST_CASE("a second run into a folder another run is writing is refused at once",
          "[result_folder]") {
  Scratch s;
  const std::string target = (s.root / "new").string();
  ResultFolder first(target);
  first.prepare();
  ResultFolder second(target);
  CHECK_THROWS_WITH(second.prepare(),
                    Catch::Contains("another flowfolio run (pid " + std::to_string(::getpid()) +
                                    ") is writing this folder"));
  first.write("summary.json", "first");
  first.commit();
  CHECK(text_of(s.root / "new/summary.json") == "first");
  // The lock goes with the run that held it.
  ResultFolder third(target);
  CHECK_NOTHROW(third.prepare());
}

TEST_CASE("results of a flowfolio without markers are refused, with what to do",
          "[result_folder]") {
  Scratch s;
  fs::create_directories(s.root / "old");
  for (const char* name :
       {"summary.json", "paired.json", "trials.csv", "series.csv", "manifest.json"})
    put(s.root / "old" / name, "x");
  CHECK_THROWS_WITH(
      ResultFolder((s.root / "old").string()),
      Catch::Contains(
          "results from older flowfolio versions have none: move or delete them yourself"));
}

TEST_CASE("report files: replaced only when flowfolio wrote them", "[result_folder]") {
  Scratch s;
  const auto is_report = [](const std::string& text) { return text.rfind("REPORT", 0) == 0; };
  put(s.root / "page.html", "<p>my page</p>");
  CHECK_THROWS_AS(flowfolio::write_owned_file((s.root / "page.html").string(), "--output",
                                              "REPORT new", is_report),
                  InputError);
  CHECK(text_of(s.root / "page.html") == "<p>my page</p>");
  put(s.root / "old.html", "REPORT old");
  flowfolio::write_owned_file((s.root / "old.html").string(), "--output", "REPORT new", is_report);
  CHECK(text_of(s.root / "old.html") == "REPORT new");
  // Into a result folder: its marker then vouches for the report, so the next run replaces it.
  write_results((s.root / "res").string(), "{}");
  flowfolio::write_owned_file((s.root / "res/report.html").string(), "report", "REPORT", is_report);
  CHECK_NOTHROW(write_results((s.root / "res").string(), "{}"));
}

TEST_CASE("a sweep's folder is its own: created and marked, resumed, or refused",
          "[result_folder]") {
  Scratch s;
  const std::string dir = (s.root / "sweep").string();
  {
    flowfolio::WorkFolder folder(dir, "--out", "sweep", {"store.sqlite"});
    put(folder.path("store.sqlite"), "db");
    folder.write("results.csv", "a\n");
  }
  put(s.root / "sweep/store.sqlite", "db grown");  // in place: still the sweep's
  CHECK_NOTHROW(flowfolio::WorkFolder(dir, "--out", "sweep", {"store.sqlite"}));
  put(s.root / "sweep/results.csv", "edited by the user\n");
  CHECK_THROWS_WITH(flowfolio::WorkFolder(dir, "--out", "sweep", {"store.sqlite"}),
                    Catch::Contains("results.csv (changed)"));
  fs::create_directories(s.root / "mine");
  put(s.root / "mine/results.csv", "the user's");
  CHECK_THROWS_AS(
      flowfolio::WorkFolder((s.root / "mine").string(), "--out", "sweep", {"store.sqlite"}),
      InputError);
  CHECK(text_of(s.root / "mine/results.csv") == "the user's");
}
