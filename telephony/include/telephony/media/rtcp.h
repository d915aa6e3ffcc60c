// RTCP (RFC 3550 §6): the sender and receiver reports that tell each side of a call how
// the other hears it (loss, jitter, the round trip), read from untrusted datagrams and
// written for sending, and the receiver-side statistics a report block carries (A.3, A.8).
// Pure functions and a value type; the media thread owns one ReceptionStats per call.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace frontline::telephony::media {

struct ReportBlock {
  std::uint32_t ssrc = 0;              // the source this block reports on
  std::uint8_t fractionLost = 0;       // since the previous report, out of 256
  std::int32_t cumulativeLost = 0;     // 24-bit signed on the wire
  std::uint32_t highestSequence = 0;   // extended
  std::uint32_t jitter = 0;            // in RTP timestamp units
  std::uint32_t lastSenderReport = 0;  // LSR: middle 32 bits of the NTP time of the last SR received
  std::uint32_t delaySinceLast = 0;    // DLSR: in 1/65536 s
};

struct RtcpReport {
  bool senderReport = false;  // SR (with sender info) or RR
  std::uint32_t ssrc = 0;
  std::uint64_t ntpTime = 0;  // SR only: 32.32 fixed point seconds since 1900
  std::uint32_t rtpTimestamp = 0;
  std::uint32_t packetCount = 0;
  std::uint32_t octetCount = 0;
  std::vector<ReportBlock> blocks;  // at most 31
};

struct RtcpCompound {
  std::vector<RtcpReport> reports;
  bool bye = false;  // a BYE packet was in the compound
};

// The reports in a compound packet (SDES, APP and unknown types are skipped), or what is
// wrong with the datagram.
std::variant<RtcpCompound, std::string> parseRtcp(std::span<const std::uint8_t> datagram);

// A compound packet: the report, then SDES with our CNAME (RFC 3550 §6.1), then BYE when
// `bye` (the call is ending).
std::vector<std::uint8_t> writeRtcp(const RtcpReport& report, const std::string& cname, bool bye = false);

// NTP time (32.32) from Unix microseconds, and the middle 32 bits an LSR carries.
std::uint64_t ntpFromUnixUs(std::int64_t unixUs);
inline std::uint32_t ntpMiddle(std::uint64_t ntp) {
  return static_cast<std::uint32_t>(ntp >> 16);
}

// The round trip from a report block about our stream (RFC 3550 §6.4.1): arrival time
// minus LSR minus DLSR, in milliseconds; nullopt when the peer has not had an SR from us.
std::optional<double> roundTripMs(const ReportBlock& block, std::uint64_t arrivalNtp);

// What we have received from one source, for our report blocks (RFC 3550 A.1, A.3).
class ReceptionStats {
 public:
  // A packet that passed parsing: its sequence number, counted once.
  void received(std::uint16_t sequence);
  // A block about `ssrc` since the previous call (fraction lost over that interval),
  // with LSR/DLSR from the last SR we had from it.
  ReportBlock block(std::uint32_t ssrc, std::uint32_t jitterUnits, std::uint64_t nowNtp);
  void senderReportArrived(std::uint64_t ntpTime, std::uint64_t arrivalNtp);
  std::uint64_t packets() const { return m_received; }
  std::int64_t lost() const;  // expected minus received (duplicates can make it negative)

 private:
  bool sequenceAfterOrEqual(std::uint16_t sequence) const;
  bool m_started = false;
  std::uint32_t m_baseSequence = 0;
  std::uint32_t m_cycles = 0;  // wraps of the 16-bit sequence, times 65,536
  std::uint16_t m_maxSequence = 0;
  std::uint64_t m_received = 0;
  std::uint64_t m_expectedPrior = 0;
  std::uint64_t m_receivedPrior = 0;
  std::uint32_t m_lastSr = 0;
  std::uint64_t m_lastSrArrival = 0;
};

}  // namespace frontline::telephony::media
