// The memory a process may use: free memory, the cgroup's limit, whichever binds.
#include "flowfolio/core/memory.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "flowfolio/core/error.hpp"
#include "test_support.hpp"

using namespace flowfolio;
namespace fs = std::filesystem;

namespace {
// A fake root with /proc and /sys files of the given contents.
struct FakeRoot {
  fs::path root = fs::temp_directory_path() / ("flowfolio-memory-" + std::to_string(::getpid()));
  FakeRoot() { fs::remove_all(root); }
  ~FakeRoot() { fs::remove_all(root); }
  void file(const std::string& relative, const std::string& text) const {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative) << text;
  }
};
}  // namespace

TEST_CASE("usable memory: the least of free memory and the cgroup's limits", "[memory]") {
  FakeRoot fake;
  fake.file("proc/meminfo", "MemTotal:       24000000 kB\nMemAvailable:    8388608 kB\n");
  SECTION("free memory alone") {
    const MemoryLimit limit = usable_memory_under(fake.root.string());
    CHECK(limit.bytes == 8388608.0 * 1024);
    CHECK(limit.source == "free memory");
  }
  SECTION("a cgroup v2 limit below it binds, less what the group uses") {
    fake.file("proc/self/cgroup", "0::/job/42\n");
    fake.file("sys/fs/cgroup/job/42/memory.max", "2147483648\n");
    fake.file("sys/fs/cgroup/job/42/memory.current", "1073741824\n");
    const MemoryLimit limit = usable_memory_under(fake.root.string());
    CHECK(limit.bytes == 1073741824.0);
    CHECK(limit.source == "the cgroup's memory.max");
  }
  SECTION("memory.max of 'max' is no limit") {
    fake.file("proc/self/cgroup", "0::/\n");
    fake.file("sys/fs/cgroup/memory.max", "max\n");
    CHECK(usable_memory_under(fake.root.string()).source == "free memory");
  }
  SECTION("a cgroup v1 limit") {
    fake.file("sys/fs/cgroup/memory/memory.limit_in_bytes", "536870912\n");
    fake.file("sys/fs/cgroup/memory/memory.usage_in_bytes", "0\n");
    const MemoryLimit limit = usable_memory_under(fake.root.string());
    CHECK(limit.bytes == 536870912.0);
    CHECK(limit.source == "the cgroup's memory limit");
  }
  SECTION("nothing known") {
    FakeRoot empty;
    empty.file("proc/nothing", "");
    CHECK(usable_memory_under(empty.root.string()).bytes == 0);
  }
}

TEST_CASE("require_memory refuses in a sentence, and says nothing when it fits", "[memory]") {
  CHECK_NOTHROW(require_memory(1024, "a tiny run", "no advice"));
  CHECK_THROWS_WITH(
      require_memory(1e18, "a huge run", "use fewer trials"),
      Catch::Matches("a huge run would need about [0-9.]+ GiB of memory, and [0-9.]+ [GM]iB is "
                     "allowed \\(.*\\); use fewer trials"));
  CHECK(gibibytes(1.5 * (1 << 30)) == "1.5 GiB");
  CHECK(gibibytes(300.0 * (1 << 20)) == "300 MiB");
}
