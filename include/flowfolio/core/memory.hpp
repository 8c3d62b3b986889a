// How much memory this process may still use, and the refusal when a plan needs more.
//
// Every command estimates its memory from the input before it allocates (engine.hpp's
// estimate_run for runs; the sweep and report readers for theirs) and asks here whether
// it fits. The answer honours the machine's free memory and the process's own limits.
#pragma once

#include <string>

namespace flowfolio {

struct MemoryLimit {
  double bytes = 0;    // what may still be allocated; 0 when nothing is known
  std::string source;  // which limit binds: "free memory", "ulimit -v" or "the cgroup's memory.max"
};

// The least of: MemAvailable (/proc/meminfo), the address-space limit (RLIMIT_AS, as
// `ulimit -v` sets it) less the address space already mapped, and the cgroup's
// memory.max (v2) or memory.limit_in_bytes (v1) less its current use.
MemoryLimit usable_memory();
// The same, reading /proc and /sys below `root` (a test's folder, or a container's root
// mounted elsewhere); the address-space limit is always this process's own.
MemoryLimit usable_memory_under(const std::string& root);

// "1.5 GiB", or "300 MiB" below 1 GiB
std::string gibibytes(double bytes);

// Throws InputError "<what> would need about X of memory, and Y is allowed (<source>);
// <advice>" when `needed` is over 80% of usable_memory(). Does nothing when the limit
// is unknown.
void require_memory(double needed, const std::string& what, const std::string& advice);

}  // namespace flowfolio
