// extend() on this process's threads alone (internal): what local_runner() does, and
// what every runner's work comes down to on one process.
#pragma once

#include <atomic>
#include <cstdint>

#include "flowfolio/engine/engine.hpp"

namespace flowfolio {

// Adds `more` trials to `results` as extend() promises, simulated here.
void extend_here(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
                 const std::atomic<bool>* stop);

}  // namespace flowfolio
