#include "flowfolio/core/memory.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "flowfolio/core/error.hpp"

namespace flowfolio {

namespace {

// The first number after `key` in a file of "key value ..." lines, in bytes (`scale`
// multiplies it), or a negative number when the key is absent.
double keyed_number(const std::string& path, const std::string& key, double scale) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string name;
    double value = 0;
    if (words >> name >> value && name == key) return value * scale;
  }
  return -1;
}

// One number in a file; negative when absent or "max".
double file_number(const std::string& path) {
  std::ifstream in(path);
  double value = -1;
  if (!(in >> value)) return -1;
  return value;
}

// The cgroup this process is in (v2: the "0::" line of /proc/self/cgroup).
std::string cgroup_folder(const std::string& root) {
  std::ifstream in(root + "/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("0::", 0) == 0) return root + "/sys/fs/cgroup" + line.substr(3);
  return root + "/sys/fs/cgroup";
}

void tighten(MemoryLimit& limit, double bytes, const char* source) {
  if (bytes < 0) return;
  if (limit.bytes == 0 || bytes < limit.bytes) limit = {std::max(bytes, 1.0), source};
}

}  // namespace

MemoryLimit usable_memory() { return usable_memory_under(""); }

MemoryLimit usable_memory_under(const std::string& root) {
  MemoryLimit limit;
  tighten(limit, keyed_number(root + "/proc/meminfo", "MemAvailable:", 1024), "free memory");
  rlimit address_space{};
  if (::getrlimit(RLIMIT_AS, &address_space) == 0 && address_space.rlim_cur != RLIM_INFINITY) {
    const double mapped = std::max(0.0, keyed_number(root + "/proc/self/status", "VmSize:", 1024));
    tighten(limit, std::max(0.0, static_cast<double>(address_space.rlim_cur) - mapped),
            "ulimit -v");
  }
  const std::string cgroup = cgroup_folder(root);
  const double v2 = file_number(cgroup + "/memory.max");
  if (v2 > 0)
    tighten(limit, std::max(0.0, v2 - std::max(0.0, file_number(cgroup + "/memory.current"))),
            "the cgroup's memory.max");
  const std::string v1_folder = root + "/sys/fs/cgroup/memory/";
  const double v1 = file_number(v1_folder + "memory.limit_in_bytes");
  if (v1 > 0 && v1 < 1e18) {
    tighten(limit,
            std::max(0.0, v1 - std::max(0.0, file_number(v1_folder + "memory.usage_in_bytes"))),
            "the cgroup's memory limit");
  }
  return limit;
}

std::string gibibytes(double bytes) {
  char buffer[32];
  if (bytes < (1 << 30)) {
    std::snprintf(buffer, sizeof buffer, "%.0f MiB", bytes / (1 << 20));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f GiB", bytes / (1 << 30));
  }
  return buffer;
}

void require_memory(double needed, const std::string& what, const std::string& advice) {
  const MemoryLimit limit = usable_memory();
  if (limit.bytes <= 0 || needed <= 0.8 * limit.bytes) return;
  throw InputError(what + " would need about " + gibibytes(needed) + " of memory, and " +
                   gibibytes(limit.bytes) + " is allowed (" + limit.source + "); " + advice);
}

}  // namespace flowfolio
