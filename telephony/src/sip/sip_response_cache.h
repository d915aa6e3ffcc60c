// Non-INVITE server transactions (RFC 3261 17.2.2) after their final response: the
// response to a BYE, CANCEL, OPTIONS or refused request is kept for 64*T1 (timer J) under
// the request's transaction key, so that a retransmitted request gets the same response
// again instead of being handled twice (a BYE resent because our 200 came late would
// otherwise find its dialog gone and get 481). Over TCP timer J is zero: callers keep
// nothing. Network thread only. Bounded by `capacity`: when full, the oldest entry goes
// first (a retransmission after that is handled as a new request, as before timer J).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>

namespace frontline::telephony {

class SipResponseCache {
 public:
  using Clock = std::chrono::steady_clock;

  SipResponseCache(Clock::duration lifetime, std::size_t capacity) : m_lifetime(lifetime), m_capacity(capacity) {}

  // The response sent to the request with this transaction key, if it is still kept.
  const std::string* find(const std::string& key, Clock::time_point now) {
    expire(now);
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
  }

  void remember(const std::string& key, std::string response, Clock::time_point now) {
    expire(now);
    if (m_capacity == 0) return;
    while (m_entries.size() >= m_capacity && !m_order.empty()) {
      m_entries.erase(m_order.front().second);
      m_order.pop_front();
    }
    if (m_entries.insert_or_assign(key, std::move(response)).second) m_order.emplace_back(now + m_lifetime, key);
  }

  std::size_t size() const { return m_entries.size(); }

 private:
  void expire(Clock::time_point now) {
    while (!m_order.empty() && m_order.front().first <= now) {
      m_entries.erase(m_order.front().second);
      m_order.pop_front();
    }
  }

  Clock::duration m_lifetime;
  std::size_t m_capacity;
  std::unordered_map<std::string, std::string> m_entries;         // transaction key -> response bytes
  std::deque<std::pair<Clock::time_point, std::string>> m_order;  // expiry order (insertion order)
};

}  // namespace frontline::telephony
