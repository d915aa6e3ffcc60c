// DTMF as RFC 4733 telephone-events: the agent presses a key on the call pane's keypad
// (an IVR menu, a payment line) and the caller's side gets the event, not a tone in the
// audio. A digit is an event of 100 ms: one packet per 20 ms frame with the same RTP
// timestamp (where the event began) and a growing duration, the marker bit on the first,
// the end bit on the last, which is sent three times (§2.5.1.4); then 60 ms of audio before
// the next digit. Pure functions and a value type; the media thread owns one sender per call.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

namespace frontline::telephony::media {

// '0'-'9' -> 0-9, '*' -> 10, '#' -> 11, 'A'-'D' -> 12-15 (RFC 4733 §3.2); nullopt otherwise.
std::optional<std::uint8_t> dtmfEventCode(char key);
char dtmfKey(std::uint8_t event);  // the other way; '?' for codes above 15

struct DtmfPayload {
  std::uint8_t event = 0;
  bool end = false;
  std::uint8_t volume = 10;    // -dBm0, 0-63
  std::uint16_t duration = 0;  // in RTP timestamp units since the event began
};

std::vector<std::uint8_t> writeDtmf(const DtmfPayload& p);
// nullopt: not the 4 bytes of an event.
std::optional<DtmfPayload> parseDtmf(std::span<const std::uint8_t> payload);

class DtmfSender {
 public:
  // `clockRate`: the RTP clock of the call's codec, which telephone-event shares (8000 for
  // G.711, 48000 for Opus).
  explicit DtmfSender(int clockRate = 8000) : m_frameTicks(clockRate / 50) {}
  struct Packet {
    DtmfPayload payload;
    std::uint32_t timestamp = 0;  // the event's start
    bool marker = false;
  };
  // Queues a key; false when it is not a DTMF key.
  bool queue(char key);
  // The event packets of the 20 ms frame whose RTP timestamp is `frameTimestamp`, sent
  // instead of its audio; empty: the frame is audio.
  std::vector<Packet> frame(std::uint32_t frameTimestamp);
  bool idle() const { return !m_playing && m_gapFrames == 0 && m_queue.empty(); }

 private:
  int m_frameTicks;  // a 20 ms frame in timestamp units
  std::deque<std::uint8_t> m_queue;
  bool m_playing = false;
  std::uint8_t m_event = 0;
  std::uint32_t m_start = 0;
  int m_framesPlayed = 0;
  int m_gapFrames = 0;
};

}  // namespace frontline::telephony::media
