// The what-if page over HTTP (docs/what-if.md): cpp-httplib serving the page, its script and
// style, GET /api/inputs and POST /api/run from one WhatIf session, and nothing else.
//
// Safety: it listens on 127.0.0.1 unless told another host; a request whose Host header is
// not this server's address (DNS rebinding) or whose Origin is another site is refused
// with 403; request bodies are at most kMaxRequestBytes; every error is a JSON object
// {"error": "..."} with a 4xx status (5xx only for a failure of flowfolio's own); no path
// of a request reaches the file system.
#pragma once

#include <memory>
#include <string>

#include "server/what_if.hpp"

namespace flowfolio::server {

inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;
inline constexpr int kDefaultPort = 8050;

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = kDefaultPort;  // 0: any free port (port() says which)
};

class WhatIfServer {
 public:
  // Binds the address; throws InputError when it cannot ("127.0.0.1:8050 is in use...").
  // `session` must outlive the server.
  WhatIfServer(WhatIf& session, const ServeOptions& options);
  ~WhatIfServer();

  int port() const;             // the port bound
  std::string address() const;  // "http://127.0.0.1:8050/"

  // Answers requests until stop(). Call once.
  void serve();
  // Stops serve() and the simulation under way. Thread-safe; not for signal handlers.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flowfolio::server
