// CTI webhook connections; see cti_server.h. Network thread only.
//
// Replies: 200 {} once the event is committed; 200 {"action":"reject","reason":"busy"}
// for a blocked caller; 401 wrong token (compared in constant time); 404 wrong path, and
// a transcript line of no known call; 405 wrong method; 400 bad body (JSON error naming
// the field); 413/431 over the limits; 503 when the desk could not record the event (the PBX may retry); 408 when a
// request is not complete within limits.http.requestDeadline of its first byte (a body trickled at a byte a second
// cannot hold a slot); 429 to a peer refused for guessing tokens (token_guard.h), whose 401s were slowed first.
#include "cti/cti_server.h"

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <array>
#include <memory>
#include <nlohmann/json.hpp>

#include "cti/token_guard.h"
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
                       : status == 408 ? "Request Timeout"
                       : status == 413 ? "Payload Too Large"
                       : status == 429 ? "Too Many Requests"
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
                TokenGuard& guard, ContactSink& sink, PeerLog& log)
      : TcpConnection(std::move(socket), std::move(peer), limiter),
        m_idle(m_socket.get_executor()),
        m_deadline(m_socket.get_executor()),
        m_guard(guard),
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
                               self->armDeadline();
                               self->read();
                             });
  }

  // Armed by the first bytes of a request, cleared when it is complete.
  void armDeadline() {
    if (m_deadlineArmed) return;
    m_deadlineArmed = true;
    m_deadline.expires_after(m_settings.limits.http.requestDeadline);
    m_deadline.async_wait([self = self<CtiConnection>()](const asio::error_code& ec) {
      if (ec || self->closing()) return;
      self->refuse(408, "the request was not complete within " +
                            std::to_string(self->m_settings.limits.http.requestDeadline.count()) + " s");
    });
  }

  void refuse(int status, const std::string& message) {
    m_log(m_peer, "cti " + m_peer.to_string() + ": " + std::to_string(status) + " " + escapeForLog(message));
    send(response(status, errorBody(message), false));
    closeAfterWrites();
  }

  void handle(HttpRequest request) {
    m_deadlineArmed = false;
    m_deadline.cancel();
    const bool keepAlive = request.keepAlive && ++m_requests < m_settings.limits.http.maxRequestsPerConnection;
    const auto now = TokenGuard::Clock::now();
    if (const auto wait = m_guard.refuse(m_peer, now); wait.count() > 0) {
      m_log(m_peer, "cti " + m_peer.to_string() + ": 429 refused after too many wrong tokens (" +
                        std::to_string(m_guard.refusals()) + " refusals since start)");
      return reply(429, errorBody("too many wrong tokens; try again later"), false,
                   "Retry-After: " + std::to_string(wait.count()) + "\r\n");
    }
    std::string_view target(request.target);
    target = target.substr(0, target.find('?'));
    if (target.substr(0, kPrefix.size()) != kPrefix || target.size() == kPrefix.size() ||
        target.find('/', kPrefix.size()) != std::string_view::npos) {
      return reply(404, errorBody("no such endpoint; POST /api/v1/cti/{token}"), keepAlive);
    }
    if (request.method != "POST") return reply(405, errorBody("use POST"), keepAlive, "Allow: POST\r\n");
    const std::string_view token = target.substr(kPrefix.size());
    if (m_settings.ctiToken.empty() || !constantTimeEquals(token, m_settings.ctiToken)) {
      const auto delay = m_guard.wrongToken(m_peer, now);
      m_log(m_peer, "cti " + m_peer.to_string() + ": 401 wrong token" +
                        (delay.count() > 0 ? " (answered " + std::to_string(delay.count()) + " ms late)" : ""));
      if (delay.count() == 0) return reply(401, errorBody("wrong token"), keepAlive);
      m_busy = true;  // read nothing more meanwhile
      m_deadline.expires_after(delay);
      m_deadline.async_wait([self = self<CtiConnection>(), keepAlive](const asio::error_code& ec) {
        self->m_busy = false;
        if (!ec && !self->closing()) self->reply(401, errorBody("wrong token"), keepAlive);
      });
      return;
    }
    m_guard.rightToken(m_peer);
    const std::string* contentType = request.header("content-type");
    auto parsed = parseCtiEvent(contentType ? *contentType : std::string(), request.body);
    if (auto* error = std::get_if<std::string>(&parsed)) {
      m_log(m_peer, "cti " + m_peer.to_string() + ": 400 " + *error + " in " + escapeForLog(request.body));
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
        if (result.unknownCall) return self->reply(404, errorBody(result.error), keepAlive);
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
    m_deadline.cancel();
    TcpConnection::close();
  }

  asio::steady_timer m_idle;
  asio::steady_timer m_deadline;  // the request deadline, or a slowed 401
  bool m_deadlineArmed = false;
  TokenGuard& m_guard;
  const ListenerSettings& m_settings;
  HttpRequestParser m_parser;
  ContactSink& m_sink;
  PeerLog& m_log;
  std::array<char, 8192> m_buffer{};
  bool m_busy = false;  // an event is with the desk; the next request waits
  int m_requests = 0;
};

}  // namespace

CtiServer::CtiServer(asio::io_context& io, const ListenerEndpoint& endpoint, const ListenerSettings& settings,
                     PeerLimiter& limiter, ContactSink& sink, PeerLog& log)
    : m_endpoint(endpoint),
      m_settings(settings),
      m_limiter(limiter),
      m_guard(settings.limits.http),
      m_sink(sink),
      m_log(log),
      m_acceptor(io) {}

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
               std::make_shared<CtiConnection>(std::move(socket), std::move(peer), m_settings, m_limiter, m_guard,
                                               m_sink, m_log)
                   ->start();
             });
}

}  // namespace frontline::telephony
