// Peers that send the CTI webhook wrong tokens (someone guessing the path's secret): the
// first `limits.wrongTokensFree` wrong tokens in a window get their 401 at once; further
// ones are slowed (the 401 waits a second more each time, up to 5 s); after
// `limits.wrongTokensBeforeRefusal` the peer is refused outright with 429 Too Many Requests
// for `limits.refusalPeriod`, whatever token it sends. Every refusal is counted. A right
// token clears the peer's count. Network thread only; at most kMaxPeers peers are
// tracked (the oldest record goes first).
#pragma once

#include <asio/ip/address.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>

#include "telephony/limits.h"

namespace frontline::telephony {

class TokenGuard {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kMaxPeers = 4096;
  static constexpr std::chrono::seconds kWindow{600};  // wrong tokens count for this long

  explicit TokenGuard(const HttpLimits& limits) : m_limits(limits) {}

  // While the peer is refused: how long it still is (for Retry-After), and the request is
  // counted as refused; zero when it may be served.
  std::chrono::seconds refuse(const asio::ip::address& peer, Clock::time_point now) {
    const auto it = m_peers.find(peer);
    if (it == m_peers.end() || it->second.refusedUntil <= now) return std::chrono::seconds(0);
    ++m_refusals;
    return std::chrono::ceil<std::chrono::seconds>(it->second.refusedUntil - now);
  }

  // A wrong token from `peer`: how long its 401 waits (zero at first).
  std::chrono::milliseconds wrongToken(const asio::ip::address& peer, Clock::time_point now) {
    if (m_peers.size() >= kMaxPeers && m_peers.count(peer) == 0) forgetOldest();
    Peer& p = m_peers[peer];
    if (p.firstWrong == Clock::time_point() || now - p.firstWrong > kWindow) p = Peer{now, 0, {}};
    ++p.wrong;
    if (p.wrong >= m_limits.wrongTokensBeforeRefusal) {
      p.refusedUntil = now + m_limits.refusalPeriod;
      p.wrong = 0;
      p.firstWrong = Clock::time_point();
    }
    const int over = p.wrong - m_limits.wrongTokensFree;
    return over > 0 ? std::chrono::milliseconds(1000 * std::min(over, 5)) : std::chrono::milliseconds(0);
  }

  void rightToken(const asio::ip::address& peer) {
    const auto it = m_peers.find(peer);
    if (it != m_peers.end() && it->second.refusedUntil == Clock::time_point()) m_peers.erase(it);
  }

  std::uint64_t refusals() const { return m_refusals; }

 private:
  struct Peer {
    Clock::time_point firstWrong;
    int wrong = 0;
    Clock::time_point refusedUntil;
  };

  void forgetOldest() {
    auto oldest = m_peers.begin();
    for (auto it = m_peers.begin(); it != m_peers.end(); ++it) {
      if (std::max(it->second.firstWrong, it->second.refusedUntil) <
          std::max(oldest->second.firstWrong, oldest->second.refusedUntil)) {
        oldest = it;
      }
    }
    if (oldest != m_peers.end()) m_peers.erase(oldest);
  }

  const HttpLimits& m_limits;
  std::map<asio::ip::address, Peer> m_peers;
  std::uint64_t m_refusals = 0;
};

}  // namespace frontline::telephony
