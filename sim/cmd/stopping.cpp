#include "cmd/stopping.hpp"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "cmd/terminal.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/engine/engine.hpp"

namespace flowfolio::cmd {

std::atomic<bool> g_stop{false};

namespace {
const char* g_interrupted_note = "nothing was written";
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal) {
  g_signal = signal;
  g_stop.store(true, std::memory_order_relaxed);
  std::signal(signal, SIG_DFL);
}
}  // namespace

void catch_signals() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

void phase(const char* name) {
  if (g_stop.load()) throw Interrupted();
  static const char* const fault = std::getenv("FLOWFOLIO_TEST_SIGNAL_IN");
  if (fault == nullptr) return;
  const std::string wanted(fault);
  const auto colon = wanted.find(':');
  if (wanted.substr(0, colon) == name)
    std::raise(colon != std::string::npos && wanted.substr(colon + 1) == "TERM" ? SIGTERM : SIGINT);
}

void when_interrupted(const char* note) { g_interrupted_note = note; }

int exit_status(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const Interrupted&) {
    const int signal = g_signal ? static_cast<int>(g_signal) : SIGINT;
    std::cerr << "flowfolio: " << (signal == SIGTERM ? "terminated" : "interrupted") << "; "
              << g_interrupted_note << "\n";
    return 128 + signal;
  } catch (const InputError& e) {
    const auto& d = e.diagnostics();
    print_diagnostics(d, d.size() > 1 ? std::to_string(d.size()) + " problems found; nothing was run." : "");
    return kExitInvalid;
  } catch (const std::bad_alloc&) {
    std::cerr << "flowfolio: error: the machine ran out of memory (or the process hit its limit, "
                 "e.g. ulimit -v); "
                 "nothing was written. Use fewer trials or threads, or --statistics sketch\n";
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "flowfolio: error: " << printable(e.path1().string()) << ": "
              << printable(e.code().message()) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "flowfolio: error: " << printable(e.what()) << "\n";
  }
  return kExitFailure;
}

}  // namespace flowfolio::cmd
