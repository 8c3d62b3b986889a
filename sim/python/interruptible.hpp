// Long work from Python: simulated on a worker thread with the GIL released, while the
// calling thread answers Ctrl-C and shows progress. Internal to the Python module.
#pragma once

#include <atomic>
#include <functional>

namespace flowfolio::python {

// Runs `work` on a worker thread and waits for it without holding the GIL. Every tenth
// of a second the calling thread takes the GIL back, checks for signals and calls `tick`
// (progress). A KeyboardInterrupt (or any exception `tick` raises) sets the stop flag
// `work` receives, waits for the work to stop (within a trial) and is raised here: nothing
// the work was making is returned. An exception from `work` is rethrown here.
// Requires: the GIL is held.
void run_interruptibly(const std::function<void(const std::atomic<bool>& stop)>& work,
                       const std::function<void()>& tick = {});

}  // namespace flowfolio::python
