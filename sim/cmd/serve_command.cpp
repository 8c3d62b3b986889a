// flowfolio serve FILE: the what-if page (docs/what-if.md) until Ctrl-C.
#include <spawn.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "cmd/commands.hpp"
#include "cmd/stopping.hpp"
#include "cmd/terminal.hpp"
#include "server/http_server.hpp"
#include "yaml/yaml_document.hpp"

extern char** environ;

namespace flowfolio::cmd {

namespace {
// The desktop's browser, left running on its own; a machine without one is told so.
void open_in_browser(const std::string& address) {
  pid_t child = 0;
  char* const argv[] = {const_cast<char*>("xdg-open"), const_cast<char*>(address.c_str()), nullptr};
  if (posix_spawnp(&child, "xdg-open", nullptr, nullptr, argv, environ) != 0)
    std::cerr << "flowfolio: no browser could be opened (xdg-open); open " << address << " yourself\n";
}
}  // namespace

int command_serve(const ServeArguments& args) {
  phase("reading");
  server::WhatIf session(read_yaml_text(args.file), args.file);
  print_diagnostics(session.scenario().warnings);
  server::WhatIfServer http(session, {.host = args.host, .port = args.port});
  std::cout << "flowfolio: the what-if page of " << args.file << " is at " << http.address()
            << "\nCtrl-C stops it." << std::endl;
  if (args.host != "127.0.0.1" && args.host != "localhost")
    std::cerr << "flowfolio: listening on " << args.host << ": other machines may reach the page\n";
  if (args.open) open_in_browser(http.address());
  // The signal handler only sets g_stop; stopping the server takes locks, so it happens here.
  std::atomic<bool> served{false};
  std::thread watcher([&] {
    while (!g_stop.load() && !served.load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    http.stop();
  });
  // Ctrl-C is how a server ends: main() answers it as for any command, "flowfolio:
  // interrupted; ..." and status 130, here with nothing written and the page stopped.
  when_interrupted("the what-if page is stopped, nothing was written");
  http.serve();
  served = true;
  watcher.join();
  return 0;
}

}  // namespace flowfolio::cmd
