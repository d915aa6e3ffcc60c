// Shared TCP connection plumbing; see tcp_connection.h.
#include "tcp_connection.h"

#include <asio/write.hpp>

namespace frontline::telephony {

TcpConnection::TcpConnection(asio::ip::tcp::socket socket, asio::ip::address peer, PeerLimiter& limiter)
    : m_socket(std::move(socket)), m_peer(std::move(peer)), m_limiter(limiter) {}

TcpConnection::~TcpConnection() {
  m_limiter.release(m_peer);
}

void TcpConnection::send(std::string bytes) {
  m_queue.push_back(std::move(bytes));
  if (!m_writing) writeNext();
}

void TcpConnection::closeAfterWrites() {
  m_closing = true;
  if (!m_writing && m_queue.empty()) close();
}

void TcpConnection::writeNext() {
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

void TcpConnection::close() {
  m_closing = true;
  asio::error_code ignored;
  m_socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  m_socket.close(ignored);
}

std::uint16_t listenOn(asio::ip::tcp::acceptor& acceptor, const ListenAddress& address) {
  asio::ip::tcp::endpoint endpoint(address.host, address.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen();
  return acceptor.local_endpoint().port();
}

namespace {

struct AcceptState {
  asio::ip::tcp::acceptor& acceptor;
  AcceptPolicy policy;
  PeerLimiter& limiter;
  PeerLog& log;
  std::function<void(asio::ip::tcp::socket, asio::ip::address)> start;
};

void acceptNext(const std::shared_ptr<AcceptState>& state) {
  state->acceptor.async_accept([state](const asio::error_code& ec, asio::ip::tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;  // the listener is closing
    asio::error_code peerError;
    const auto remote = socket.remote_endpoint(peerError);
    if (!ec && !peerError) {
      const auto peer = remote.address();
      const auto refuse = [&](const char* why, const std::string& reply) {
        state->log(peer, state->policy.name + " " + peer.to_string() + ": refused, " + why);
        asio::error_code ignored;
        if (!reply.empty()) asio::write(socket, asio::buffer(reply), ignored);
      };
      if (!allowed(state->policy.allow, peer)) {
        refuse("not in the allow list", state->policy.deniedReply);
      } else if (!state->limiter.admit(peer)) {
        refuse("too many connections", state->policy.busyReply);
      } else {
        state->start(std::move(socket), peer);
      }
    }
    acceptNext(state);
  });
}

}  // namespace

void acceptLoop(asio::ip::tcp::acceptor& acceptor, AcceptPolicy policy, PeerLimiter& limiter, PeerLog& log,
                std::function<void(asio::ip::tcp::socket, asio::ip::address)> start) {
  acceptNext(std::make_shared<AcceptState>(AcceptState{acceptor, std::move(policy), limiter, log, std::move(start)}));
}

}  // namespace frontline::telephony
