// run_interruptibly(): the worker thread, the polling loop and the way out on Ctrl-C.
#include "python/interruptible.hpp"

#include <pybind11/pybind11.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace py = pybind11;

namespace flowfolio::python {

namespace {

// The worker's state, shared with the thread that waits for it.
struct Worker {
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::exception_ptr failure;

  // Waits up to `period` for the work to end; true when it has.
  bool wait_for(std::chrono::milliseconds period) {
    std::unique_lock lock(mutex);
    return finished.wait_for(lock, period, [this] { return done; });
  }
};

}  // namespace

void run_interruptibly(const std::function<void(const std::atomic<bool>& stop)>& work,
                       const std::function<void()>& tick) {
  Worker worker;
  std::thread thread([&] {
    try {
      work(worker.stop);
    } catch (...) {
      worker.failure = std::current_exception();
    }
    std::lock_guard lock(worker.mutex);
    worker.done = true;
    worker.finished.notify_all();
  });
  // Stops the work and waits for it, without the GIL, whatever ends the wait.
  auto stop_and_join = [&] {
    worker.stop = true;
    py::gil_scoped_release release;
    thread.join();
  };
  try {
    for (;;) {
      bool done = false;
      {
        py::gil_scoped_release release;
        done = worker.wait_for(std::chrono::milliseconds(100));
      }
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (tick) tick();
      if (done) break;
    }
  } catch (...) {
    stop_and_join();
    throw;
  }
  {
    py::gil_scoped_release release;
    thread.join();
  }
  if (worker.failure) std::rethrow_exception(worker.failure);
}

void ProgressRelay::show() {
  const std::size_t done = done_, total = total_;
  if (callback_.is_none() || total == 0 || done == shown_) return;
  shown_ = done;
  callback_(done, total);
}

}  // namespace flowfolio::python
