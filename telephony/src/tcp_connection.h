// What every TCP connection of the listeners shares: ordered writes (bytes queued while
// a write is in flight go out after it), closing once the queue has drained, and the
// connection's slot in the PeerLimiter, released when the connection is destroyed.
// Internal to telephony; network thread only.
#pragma once

#include <asio/ip/tcp.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "peer_limiter.h"
#include "peer_log.h"
#include "telephony/listeners.h"

namespace frontline::telephony {

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
 public:
  TcpConnection(asio::ip::tcp::socket socket, asio::ip::address peer, PeerLimiter& limiter);
  virtual ~TcpConnection();
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  void send(std::string bytes);

 protected:
  // Close as soon as everything queued has been written.
  void closeAfterWrites();
  // Close now; derived classes cancel their timers and call this.
  virtual void close();
  bool closing() const { return m_closing; }
  template <typename Derived>
  std::shared_ptr<Derived> self() {
    return std::static_pointer_cast<Derived>(shared_from_this());
  }

  asio::ip::tcp::socket m_socket;
  asio::ip::address m_peer;

 private:
  void writeNext();

  PeerLimiter& m_limiter;
  std::deque<std::string> m_queue;
  bool m_writing = false;
  bool m_closing = false;
};

// Opens, binds and listens; returns the port actually bound (the kernel's choice for 0).
std::uint16_t listenOn(asio::ip::tcp::acceptor& acceptor, const ListenAddress& address);

// How a listener turns peers away before they speak: `name` prefixes the log lines
// ("smtp", "cti", "sip tcp"); the replies (possibly empty) are written before closing.
struct AcceptPolicy {
  std::string name;
  std::vector<CidrBlock> allow;
  std::string deniedReply;  // outside the allow list
  std::string busyReply;    // over the connection limits
};

// Accepts on `acceptor` until it is closed: each admitted peer (in the allow list and
// within the limits, its slot counted) is handed to `start`.
void acceptLoop(asio::ip::tcp::acceptor& acceptor, AcceptPolicy policy, PeerLimiter& limiter, PeerLog& log,
                std::function<void(asio::ip::tcp::socket, asio::ip::address)> start);

}  // namespace frontline::telephony
