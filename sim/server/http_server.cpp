// The what-if page over HTTP with cpp-httplib (http_server.hpp).
#include "server/http_server.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "flowfolio/core/error.hpp"
#include "server/page_assets.hpp"

namespace flowfolio::server {

namespace {
void send_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(json_text(nlohmann::json{{"error", message}}), "application/json");
}

// What the page is told for any status the routes did not answer themselves.
std::string status_message(int status) {
  switch (status) {
    case 404:
      return "nothing is served here: the page is at / and its API at /api/inputs and /api/run";
    case 413:
      return "the request is larger than " + std::to_string(kMaxRequestBytes / 1024) + " KiB";
    case 400:
      return "the request is not valid HTTP";
    default:
      return "the request was refused (HTTP status " + std::to_string(status) + ")";
  }
}

void send_text(httplib::Response& res, std::string_view text, const char* type) {
  res.set_content(std::string(text), type);
}
}  // namespace

struct WhatIfServer::Impl {
  WhatIf& session;
  ServeOptions options;
  httplib::Server http;
  int port = 0;

  // The Host and Origin values a request from the page itself carries.
  bool own_host(const std::string& host) const {
    const std::string p = ":" + std::to_string(port);
    return host == "127.0.0.1" + p || host == "localhost" + p || host == options.host + p;
  }
  bool own_origin(const std::string& origin) const {
    return origin.rfind("http://", 0) == 0 && own_host(origin.substr(7));
  }

  httplib::Server::HandlerResponse check(const httplib::Request& req, httplib::Response& res) const {
    // A page of another site reaching this server through a name it controls (DNS
    // rebinding) sends that name as Host; a form or fetch of another site sends its Origin.
    if (!own_host(req.get_header_value("Host"))) {
      send_error(res, 403, "the Host header must be 127.0.0.1:" + std::to_string(port) + " or localhost:" +
                               std::to_string(port));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Origin") && !own_origin(req.get_header_value("Origin"))) {
      send_error(res, 403, "requests from other sites are refused");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void run(const httplib::Request& req, httplib::Response& res) {
    // JSON only: another site's page cannot send it without a preflight, which is not answered.
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
      return send_error(res, 415, "the request must be JSON (Content-Type: application/json)");
    try {
      res.set_content(session.answer(req.body), "application/json");
    } catch (const RequestError& e) {
      send_error(res, 400, e.what());
    } catch (const InputError& e) {
      send_error(res, 400, e.what());
    } catch (const Superseded& e) {
      send_error(res, 409, e.what());
    }
  }

  // The scenario as the page set it, as a YAML file to save (WhatIf::download_yaml).
  void download(const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
      return send_error(res, 415, "the request must be JSON (Content-Type: application/json)");
    try {
      const WhatIfRequest request = session.parse_request(req.body);
      session.scenario_with(request);  // an invalid setting is refused here, not in the file
      res.set_content(session.download_yaml(request), "application/yaml; charset=utf-8");
    } catch (const RequestError& e) {
      send_error(res, 400, e.what());
    } catch (const InputError& e) {
      send_error(res, 400, e.what());
    }
  }

  void routes() {
    http.set_payload_max_length(kMaxRequestBytes);
    http.set_default_headers({{"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"}});
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return check(req, res); });
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      send_text(res, what_if_html(), "text/html; charset=utf-8");
    });
    http.Get("/what_if.js", [](const httplib::Request&, httplib::Response& res) {
      send_text(res, what_if_script(), "text/javascript; charset=utf-8");
    });
    http.Get("/what_if.css", [](const httplib::Request&, httplib::Response& res) {
      send_text(res, what_if_css(), "text/css; charset=utf-8");
    });
    http.Get("/api/inputs", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(session.inputs_json(), "application/json");
    });
    http.Post("/api/run", [this](const httplib::Request& req, httplib::Response& res) { run(req, res); });
    http.Post("/api/scenario", [this](const httplib::Request& req, httplib::Response& res) { download(req, res); });
    // Browsers ask for an icon whatever the page says; "no content" keeps their console quiet.
    http.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    // Statuses the routes did not set a body for (404, 413, 400 for a bad request line).
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          send_error(res, res.status, status_message(res.status));
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr failure) {
      std::string what = "unknown failure";
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      send_error(res, 500, "flowfolio failed: " + what);
    });
  }
};

WhatIfServer::WhatIfServer(WhatIf& session, const ServeOptions& options)
    : impl_(new Impl{.session = session, .options = options}) {
  impl_->routes();
  const std::string where = options.host + ":" + std::to_string(options.port);
  if (options.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(options.host);
    if (impl_->port < 0) throw InputError("--host " + options.host + ": cannot listen there");
  } else if (impl_->http.bind_to_port(options.host, options.port)) {
    impl_->port = options.port;
  } else {
    throw InputError(where + ": cannot listen there (is the port in use? --port chooses another)");
  }
}

WhatIfServer::~WhatIfServer() = default;

int WhatIfServer::port() const { return impl_->port; }

std::string WhatIfServer::address() const {
  return "http://" + impl_->options.host + ":" + std::to_string(impl_->port) + "/";
}

void WhatIfServer::serve() { impl_->http.listen_after_bind(); }

void WhatIfServer::stop() {
  impl_->session.cancel();
  impl_->http.stop();
}

}  // namespace flowfolio::server
