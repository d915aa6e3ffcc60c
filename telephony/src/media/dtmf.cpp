// RFC 4733 DTMF events; see dtmf.h.
#include "telephony/media/dtmf.h"

namespace frontline::telephony::media {

namespace {
constexpr int kEventFrames = 5;  // 100 ms a digit
constexpr int kGapFrames = 3;    // 60 ms between digits
constexpr int kEndCopies = 3;
}  // namespace

std::optional<std::uint8_t> dtmfEventCode(char key) {
  if (key >= '0' && key <= '9') return static_cast<std::uint8_t>(key - '0');
  if (key == '*') return 10;
  if (key == '#') return 11;
  if (key >= 'A' && key <= 'D') return static_cast<std::uint8_t>(12 + key - 'A');
  if (key >= 'a' && key <= 'd') return static_cast<std::uint8_t>(12 + key - 'a');
  return std::nullopt;
}

char dtmfKey(std::uint8_t event) {
  static const char* keys = "0123456789*#ABCD";
  return event < 16 ? keys[event] : '?';
}

std::vector<std::uint8_t> writeDtmf(const DtmfPayload& p) {
  return {p.event, static_cast<std::uint8_t>((p.end ? 0x80 : 0) | (p.volume & 0x3f)),
          static_cast<std::uint8_t>(p.duration >> 8), static_cast<std::uint8_t>(p.duration)};
}

std::optional<DtmfPayload> parseDtmf(std::span<const std::uint8_t> payload) {
  if (payload.size() != 4) return std::nullopt;
  DtmfPayload p;
  p.event = payload[0];
  p.end = (payload[1] & 0x80) != 0;
  p.volume = payload[1] & 0x3f;
  p.duration = static_cast<std::uint16_t>((payload[2] << 8) | payload[3]);
  return p;
}

bool DtmfSender::queue(char key) {
  const auto code = dtmfEventCode(key);
  if (!code) return false;
  m_queue.push_back(*code);
  return true;
}

std::vector<DtmfSender::Packet> DtmfSender::frame(std::uint32_t frameTimestamp) {
  if (!m_playing) {
    if (m_gapFrames > 0) {
      --m_gapFrames;
      return {};
    }
    if (m_queue.empty()) return {};
    m_playing = true;
    m_event = m_queue.front();
    m_queue.pop_front();
    m_start = frameTimestamp;
    m_framesPlayed = 0;
  }
  ++m_framesPlayed;
  Packet p;
  p.timestamp = m_start;
  p.marker = m_framesPlayed == 1;
  p.payload.event = m_event;
  p.payload.duration = static_cast<std::uint16_t>(m_framesPlayed * m_frameTicks);
  if (m_framesPlayed < kEventFrames) return {p};
  p.payload.end = true;
  m_playing = false;
  m_gapFrames = kGapFrames;
  return std::vector<Packet>(kEndCopies, p);
}

}  // namespace frontline::telephony::media
