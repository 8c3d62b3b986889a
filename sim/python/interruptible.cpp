// run_interruptibly(): the worker thread, the polling loop and the way out on Ctrl-C.
#include "python/interruptible.hpp"

#include <pybind11/pybind11.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace py = pybind11;

namespace flowfolio::python {

namespace {

// A thread that runs one job at a time and waits for the next, kept between calls: the
// engine's per-thread workspace (thread_local) stays warm from one run to the next, as it
// does for a C++ caller's own thread, instead of being made again for every run.
class Worker {
 public:
  Worker() : thread_([this] { serve(); }) {}
  ~Worker() {
    {
      std::lock_guard lock(mutex_);
      quit_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

  // Starts `job`. Requires: the worker is idle.
  void start(std::function<void()> job) {
    {
      std::lock_guard lock(mutex_);
      job_ = std::move(job);
      done_ = false;
    }
    wake_.notify_all();
  }

  // Waits up to `period` for the job to end; true when it has.
  bool wait_for(std::chrono::milliseconds period) {
    std::unique_lock lock(mutex_);
    return finished_.wait_for(lock, period, [this] { return done_; });
  }

 private:
  void serve() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return quit_ || job_; });
        if (quit_) return;
        job = std::move(job_);
        job_ = nullptr;
      }
      job();  // catches its own exceptions
      std::lock_guard lock(mutex_);
      done_ = true;
      finished_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_, finished_;
  std::function<void()> job_;
  bool done_ = false, quit_ = false;
  std::thread thread_;  // last: it starts once everything above exists
};

// Idle workers, lent to one call at a time (several Python threads may run at once).
class Workers {
 public:
  std::unique_ptr<Worker> take() {
    std::lock_guard lock(mutex_);
    if (idle_.empty()) return std::make_unique<Worker>();
    std::unique_ptr<Worker> worker = std::move(idle_.back());
    idle_.pop_back();
    return worker;
  }
  void give_back(std::unique_ptr<Worker> worker) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(worker));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<Worker>> idle_;
};

Workers& workers() {
  static Workers* pool = new Workers();  // never destroyed: idle threads end with the process
  return *pool;
}

}  // namespace

void run_interruptibly(const std::function<void(const std::atomic<bool>& stop)>& work,
                       const std::function<void()>& tick) {
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::unique_ptr<Worker> worker = workers().take();
  worker->start([&] {
    try {
      work(stop);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  // Waits for the job without the GIL, every tenth of a second answering signals and
  // showing progress; whatever ends the wait stops the job first.
  try {
    for (bool done = false; !done;) {
      {
        py::gil_scoped_release release;
        done = worker->wait_for(std::chrono::milliseconds(100));
      }
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (tick) tick();
    }
  } catch (...) {
    stop = true;
    {
      py::gil_scoped_release release;
      while (!worker->wait_for(std::chrono::milliseconds(100))) {
      }
    }
    workers().give_back(std::move(worker));
    throw;
  }
  workers().give_back(std::move(worker));
  if (failure) std::rethrow_exception(failure);
}

void ProgressRelay::show() {
  const std::size_t done = done_, total = total_;
  if (callback_.is_none() || total == 0 || done == shown_) return;
  shown_ = done;
  callback_(done, total);
}

}  // namespace flowfolio::python
