// Counts open connections in total and per peer address, for ConnectionLimits.
// Thread: network thread only.
#pragma once

#include <asio/ip/address.hpp>

#include <map>
#include <vector>

#include "telephony/limits.h"
#include "telephony/network_address.h"

namespace frontline::telephony {

class PeerLimiter {
 public:
  explicit PeerLimiter(ConnectionLimits limits) : m_limits(limits) {}
  // True (and counted) when the peer may open one more connection.
  bool admit(const asio::ip::address& peer) {
    int& n = m_perPeer[peer];
    if (m_total >= m_limits.total || n >= m_limits.perPeer) {
      if (n == 0) m_perPeer.erase(peer);
      return false;
    }
    ++n;
    ++m_total;
    return true;
  }
  void release(const asio::ip::address& peer) {
    auto it = m_perPeer.find(peer);
    if (it == m_perPeer.end()) return;
    --m_total;
    if (--it->second == 0) m_perPeer.erase(it);
  }

 private:
  ConnectionLimits m_limits;
  int m_total = 0;
  std::map<asio::ip::address, int> m_perPeer;
};

inline bool allowed(const std::vector<CidrBlock>& allow, const asio::ip::address& peer) {
  for (const auto& block : allow) {
    if (block.contains(peer)) return true;
  }
  return false;
}

}  // namespace frontline::telephony
