// Long work from Python: simulated on a worker thread with the GIL released, while the
// calling thread answers Ctrl-C and shows progress. Internal to the Python module.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <cstddef>
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

// Progress counted by a worker thread and shown by the thread holding the GIL: a Python
// callable taking (done, total), called only when the count moved.
class ProgressRelay {
 public:
  explicit ProgressRelay(pybind11::object callback) : callback_(std::move(callback)) {}
  // For the worker: thread-safe, no GIL.
  void count(std::size_t done, std::size_t total) {
    total_ = total;
    done_ = done;
  }
  std::function<void(std::size_t, std::size_t)> counter() {
    return [this](std::size_t done, std::size_t total) { count(done, total); };
  }
  // For run_interruptibly's tick: calls the callback with the GIL held.
  void show();

 private:
  pybind11::object callback_;
  std::atomic<std::size_t> done_{0}, total_{0};
  std::size_t shown_ = static_cast<std::size_t>(-1);
};

}  // namespace flowfolio::python
