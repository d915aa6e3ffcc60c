// CTI webhook connections; see cti_server.h. Network thread only.
//
// Replies: 200 {} once the event is committed; 200 {"action":"reject","reason":"busy"}
// for a blocked caller; 401 wrong token (compared in constant time); 404 wrong path;
// 405 wrong method; 400 bad body (JSON error naming the field); 413/431 over the limits;
// 503 when the desk could not record the event (the PBX may retry).
#include "cti/cti_server.h"

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <array>
#include <memory>
#include <nlohmann/json.hpp>

#include "tcp_connection.h"
#include "telephony/cti/cti_event_parser.h"
#include "telephony/cti/http_request.h"
#include "telephony/log_escape.h"
#include "wall_clock.h"

namespace frontline::telephony {
namespace {

using asio::ip::tcp;
constexpr std::string_view kPrefix = "/api/v1/cti/";

std::string response(int status, std::string_view body, bool keepAlive, std::string_view extraHeaders = {}) {
  const char* reason = status == 200   ? "OK"
                       : status == 400 ? "Bad Request"
                       : status == 403 ? "Forbidden"
                       : status == 401 ? "Unauthorized"
                       : status == 404 ? "Not Found"
                       : status == 405 ? "Method Not Allowed"
                       : status == 413 ? "Payload Too Large"
                       : status == 431 ? "Request Header Fields Too Large"
                       : status == 503 ? "Service Unavailable"
                                       : "Error";
  std::string r = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
  r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  r += extraHeaders;
  r += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  r += body;
  return r;
}

std::string errorBody(std::string_view message) {
  return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class CtiConnection : public TcpConnection {
 public:
  CtiConnection(tcp::socket socket, asio::ip::address peer, const ListenerSettings& settings, PeerLimiter& limiter,
                ContactSink& sink, LogFunction& log)
      : TcpConnection(std::move(socket), std::move(peer), limiter),
        m_idle(m_socket.get_executor()),
        m_settings(settings),
        m_parser(settings.limits.http),
        m_sink(sink),
        m_log(log) {}

  void start() { read(); }

 private:
  void read() {
    if (closing() || m_busy) return;
    if (auto request = m_parser.next()) return handle(std::move(*request));  // pipelined
    if (m_parser.error()) return refuse(m_parser.error()->status, m_parser.error()->message);
    m_idle.expires_after(m_settings.limits.http.idleTimeout);
    m_idle.async_wait([self = self<CtiConnection>()](const asio::error_code& ec) {
      if (!ec) self->close();
    });
    m_socket.async_read_some(asio::buffer(m_buffer),
                             [self = self<CtiConnection>()](const asio::error_code& ec, std::size_t n) {
                               self->m_idle.cancel();
                               if (ec) return self->close();
                               if (auto request = self->m_parser.next(std::string_view(self->m_buffer.data(), n))) {
                                 return self->handle(std::move(*request));
                               }
                               if (self->m_parser.error())
                                 return self->refuse(self->m_parser.error()->status, self->m_parser.error()->message);
                               self->read();
                             });
  }

  void refuse(int status, const std::string& message) {
    m_log("cti " + m_peer.to_string() + ": " + std::to_string(status) + " " + escapeForLog(message));
    send(response(status, errorBody(message), false));
    closeAfterWrites();
  }

  void handle(HttpRequest request) {
    const bool keepAlive = request.keepAlive && ++m_requests < m_settings.limits.http.maxRequestsPerConnection;
    std::string_view target(request.target);
    target = target.substr(0, target.find('?'));
    if (target.substr(0, kPrefix.size()) != kPrefix || target.size() == kPrefix.size() ||
        target.find('/', kPrefix.size()) != std::string_view::npos) {
      return reply(404, errorBody("no such endpoint; POST /api/v1/cti/{token}"), keepAlive);
    }
    if (request.method != "POST") return reply(405, errorBody("use POST"), keepAlive, "Allow: POST\r\n");
    const std::string_view token = target.substr(kPrefix.size());
    if (m_settings.ctiToken.empty() || !constantTimeEquals(token, m_settings.ctiToken)) {
      m_log("cti " + m_peer.to_string() + ": 401 wrong token");
      return reply(401, errorBody("wrong token"), keepAlive);
    }
    const std::string* contentType = request.header("content-type");
    auto parsed = parseCtiEvent(contentType ? *contentType : std::string(), request.body);
    if (auto* error = std::get_if<std::string>(&parsed)) {
      m_log("cti " + m_peer.to_string() + ": 400 " + *error + " in " + escapeForLog(request.body));
      return reply(400, errorBody(*error), keepAlive);
    }
    CtiEvent event = std::get<CtiEvent>(std::move(parsed));
    event.peer = m_peer.to_string();
    event.receivedUs = nowUs();
    m_busy = true;
    auto executor = m_socket.get_executor();
    m_sink.deliver(std::move(event), [self = self<CtiConnection>(), executor, keepAlive](DeliveryResult result) {
      asio::post(executor, [self, keepAlive, result = std::move(result)] {
        self->m_busy = false;
        if (!result.ok) return self->reply(503, errorBody("not recorded: " + result.error), keepAlive);
        if (result.reject) {
          return self->reply(200, nlohmann::json{{"action", "reject"}, {"reason", result.rejectReason}}.dump(),
                             keepAlive);
        }
        self->reply(200, "{}", keepAlive);
      });
    });
  }

  void reply(int status, const std::string& body, bool keepAlive, std::string_view extraHeaders = {}) {
    send(response(status, body, keepAlive, extraHeaders));
    if (!keepAlive) return closeAfterWrites();
    read();
  }

  void close() override {
    m_idle.cancel();
    TcpConnection::close();
  }

  asio::steady_timer m_idle;
  const ListenerSettings& m_settings;
  HttpRequestParser m_parser;
  ContactSink& m_sink;
  LogFunction& m_log;
  std::array<char, 8192> m_buffer{};
  bool m_busy = false;  // an event is with the desk; the next request waits
  int m_requests = 0;
};

}  // namespace

CtiServer::CtiServer(asio::io_context& io, const ListenerEndpoint& endpoint, const ListenerSettings& settings,
                     PeerLimiter& limiter, ContactSink& sink, LogFunction& log)
    : m_endpoint(endpoint), m_settings(settings), m_limiter(limiter), m_sink(sink), m_log(log), m_acceptor(io) {}

void CtiServer::start() {
  m_endpoint.address.port = listenOn(m_acceptor, m_endpoint.address);
  accept();
}

std::string CtiServer::describe() const {
  return "CTI http://" + m_endpoint.address.toString() + "/api/v1/cti/";
}

void CtiServer::accept() {
  acceptLoop(m_acceptor,
             {"cti", m_endpoint.allow, response(403, errorBody("forbidden"), false),
              response(503, errorBody("too many connections"), false)},
             m_limiter, m_log, [this](tcp::socket socket, asio::ip::address peer) {
               std::make_shared<CtiConnection>(std::move(socket), std::move(peer), m_settings, m_limiter, m_sink, m_log)
                   ->start();
             });
}

}  // namespace frontline::telephony
