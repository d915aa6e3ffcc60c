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
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>

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

class CtiConnection : public std::enable_shared_from_this<CtiConnection> {
 public:
  CtiConnection(tcp::socket socket, asio::ip::address peer, const ListenerSettings& settings, PeerLimiter& limiter,
                ContactSink& sink, LogFunction& log)
      : m_socket(std::move(socket)),
        m_peer(std::move(peer)),
        m_idle(m_socket.get_executor()),
        m_settings(settings),
        m_parser(settings.limits.http),
        m_limiter(limiter),
        m_sink(sink),
        m_log(log) {}
  ~CtiConnection() { m_limiter.release(m_peer); }

  void start() { read(); }

 private:
  void read() {
    if (m_closing || m_busy) return;
    if (auto request = m_parser.next()) return handle(std::move(*request));  // pipelined
    if (m_parser.error()) return refuse(m_parser.error()->status, m_parser.error()->message);
    m_idle.expires_after(m_settings.limits.http.idleTimeout);
    m_idle.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (!ec) self->close();
    });
    m_socket.async_read_some(asio::buffer(m_buffer), [self = shared_from_this()](const asio::error_code& ec,
                                                                                 std::size_t n) {
      self->m_idle.cancel();
      if (ec) return self->close();
      if (auto request = self->m_parser.next(std::string_view(self->m_buffer.data(), n))) {
        return self->handle(std::move(*request));
      }
      if (self->m_parser.error()) return self->refuse(self->m_parser.error()->status, self->m_parser.error()->message);
      self->read();
    });
  }

  void refuse(int status, const std::string& message) {
    m_log("cti " + m_peer.to_string() + ": " + std::to_string(status) + " " + escapeForLog(message));
    m_closing = true;
    send(response(status, errorBody(message), false));
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
    m_sink.deliver(std::move(event), [self = shared_from_this(), executor, keepAlive](DeliveryResult result) {
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
    if (!keepAlive) m_closing = true;
    send(response(status, body, keepAlive, extraHeaders));
    read();
  }

  void send(std::string bytes) {
    m_queue.push_back(std::move(bytes));
    if (!m_writing) writeNext();
  }

  void writeNext() {
    if (m_queue.empty()) {
      if (m_closing) close();
      return;
    }
    m_writing = true;
    asio::async_write(m_socket, asio::buffer(m_queue.front()),
                      [self = shared_from_this()](const asio::error_code& ec, std::size_t) {
                        self->m_writing = false;
                        self->m_queue.pop_front();
                        if (ec) return self->close();
                        self->writeNext();
                      });
  }

  void close() {
    m_closing = true;
    asio::error_code ignored;
    m_idle.cancel();
    m_socket.shutdown(tcp::socket::shutdown_both, ignored);
    m_socket.close(ignored);
  }

  tcp::socket m_socket;
  asio::ip::address m_peer;
  asio::steady_timer m_idle;
  const ListenerSettings& m_settings;
  HttpRequestParser m_parser;
  PeerLimiter& m_limiter;
  ContactSink& m_sink;
  LogFunction& m_log;
  std::array<char, 8192> m_buffer{};
  std::deque<std::string> m_queue;
  bool m_writing = false;
  bool m_closing = false;
  bool m_busy = false;  // an event is with the desk; the next request waits
  int m_requests = 0;
};

}  // namespace

CtiServer::CtiServer(asio::io_context& io, const ListenerEndpoint& endpoint, const ListenerSettings& settings,
                     PeerLimiter& limiter, ContactSink& sink, LogFunction& log)
    : m_endpoint(endpoint), m_settings(settings), m_limiter(limiter), m_sink(sink), m_log(log), m_acceptor(io) {}

void CtiServer::start() {
  tcp::endpoint ep(m_endpoint.address.host, m_endpoint.address.port);
  m_acceptor.open(ep.protocol());
  m_acceptor.set_option(tcp::acceptor::reuse_address(true));
  m_acceptor.bind(ep);
  m_acceptor.listen();
  m_endpoint.address.port = m_acceptor.local_endpoint().port();
  accept();
}

std::string CtiServer::describe() const { return "CTI http://" + m_endpoint.address.toString() + "/api/v1/cti/"; }

void CtiServer::accept() {
  m_acceptor.async_accept([this](const asio::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      asio::error_code peerError;
      auto remote = socket.remote_endpoint(peerError);
      if (!peerError) {
        const auto peer = remote.address();
        asio::error_code ignored;
        if (!allowed(m_endpoint.allow, peer)) {
          m_log("cti " + peer.to_string() + ": refused, not in the allow list");
          asio::write(socket, asio::buffer(response(403, errorBody("forbidden"), false)), ignored);
        } else if (!m_limiter.admit(peer)) {
          m_log("cti " + peer.to_string() + ": refused, too many connections");
          asio::write(socket, asio::buffer(response(503, errorBody("too many connections"), false)), ignored);
        } else {
          std::make_shared<CtiConnection>(std::move(socket), peer, m_settings, m_limiter, m_sink, m_log)->start();
        }
      }
    }
    accept();
  });
}

}  // namespace frontline::telephony
