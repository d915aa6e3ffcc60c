// The listeners' log of what peers caused (refusals, protocol errors, dropped datagrams),
// limited per peer address so that a flood cannot fill the disk: in each window (10 s)
// a peer gets at most `linesPerWindow` lines; the rest are counted and summarised in one
// line when the window ends ("12,345 more lines from 127.0.0.2 not logged in the last
// 10 s; the last: sip udp 127.0.0.2: dropped, not in the allow list"). The window timer
// runs only while some peer has lines counted, so an idle listener does not wake up.
// Network thread only. Lines must already be escaped (log_escape.h).
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/address.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "telephony/listeners.h"

namespace frontline::telephony {

class PeerLog {
 public:
  static constexpr int kLinesPerWindow = 20;
  static constexpr std::chrono::seconds kWindow{10};
  static constexpr std::size_t kMaxPeers = 10000;  // per window; beyond, counted together

  PeerLog(asio::io_context& io, LogFunction& log) : m_log(log), m_timer(io) {}

  void operator()(const asio::ip::address& peer, const std::string& line) {
    if (!m_timerRunning) startWindow();
    auto it = m_peers.find(peer);
    if (it == m_peers.end()) {
      if (m_peers.size() >= kMaxPeers) {
        ++m_others.unlogged;
        m_others.last = line;
        return;
      }
      it = m_peers.emplace(peer, Peer{}).first;
    }
    Peer& p = it->second;
    if (p.lines < kLinesPerWindow) {
      ++p.lines;
      m_log(line);
    } else {
      ++p.unlogged;
      p.last = line;
    }
  }

 private:
  struct Peer {
    int lines = 0;
    std::uint64_t unlogged = 0;
    std::string last;  // the last line not logged
  };

  void startWindow() {
    m_timerRunning = true;
    m_timer.expires_after(kWindow);
    m_timer.async_wait([this](const asio::error_code& ec) {
      m_timerRunning = false;
      if (ec) return;
      for (const auto& [peer, p] : m_peers) {
        if (p.unlogged == 0) continue;
        m_log(std::to_string(p.unlogged) + " more lines from " + peer.to_string() + " not logged in the last " +
              std::to_string(kWindow.count()) + " s; the last: " + p.last);
      }
      if (m_others.unlogged > 0) {
        m_log(std::to_string(m_others.unlogged) + " lines from further peers not logged in the last " +
              std::to_string(kWindow.count()) + " s; the last: " + m_others.last);
      }
      m_peers.clear();
      m_others = Peer{};
    });
  }

  LogFunction& m_log;
  asio::steady_timer m_timer;
  bool m_timerRunning = false;
  std::map<asio::ip::address, Peer> m_peers;  // peers heard from in this window
  Peer m_others;                              // beyond kMaxPeers
};

}  // namespace frontline::telephony
