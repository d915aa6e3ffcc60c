// RTCP reports; see rtcp.h. Big-endian on the wire; lengths in 32-bit words minus one.
#include "telephony/media/rtcp.h"

#include <algorithm>

namespace frontline::telephony::media {

namespace {
std::uint32_t be32(const std::uint8_t* p) {
  return (static_cast<std::uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}
void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}
constexpr std::uint8_t kSr = 200, kRr = 201, kSdes = 202, kBye = 203;
constexpr std::int64_t kNtpUnixOffsetSeconds = 2208988800LL;  // 1900-01-01 to 1970-01-01

ReportBlock readBlock(const std::uint8_t* p) {
  ReportBlock b;
  b.ssrc = be32(p);
  b.fractionLost = p[4];
  std::int32_t lost = (p[5] << 16) | (p[6] << 8) | p[7];
  if (lost & 0x800000) lost -= 0x1000000;  // sign-extend 24 bits
  b.cumulativeLost = lost;
  b.highestSequence = be32(p + 8);
  b.jitter = be32(p + 12);
  b.lastSenderReport = be32(p + 16);
  b.delaySinceLast = be32(p + 20);
  return b;
}
}  // namespace

std::variant<RtcpCompound, std::string> parseRtcp(std::span<const std::uint8_t> d) {
  RtcpCompound compound;
  std::size_t at = 0;
  if (d.size() < 4) return std::string("shorter than an RTCP header");
  while (at < d.size()) {
    if (d.size() - at < 4) return "a trailing " + std::to_string(d.size() - at) + " bytes after the last packet";
    const std::uint8_t* p = d.data() + at;
    if ((p[0] >> 6) != 2) return "version " + std::to_string(p[0] >> 6) + ", not 2";
    const int count = p[0] & 0x1f;
    const std::uint8_t type = p[1];
    const std::size_t bytes = (static_cast<std::size_t>((p[2] << 8) | p[3]) + 1) * 4;
    if (bytes > d.size() - at) {
      return "packet type " + std::to_string(type) + " says " + std::to_string(bytes) + " bytes, " +
             std::to_string(d.size() - at) + " remain";
    }
    // RFC 3550 wants every datagram to start with SR or RR, but peers send reduced-size
    // packets too (RFC 5506: an SDES, or an APP keep-alive as baresip does): any RTCP type
    // is taken (RFC 5761 4: 192-223), and only its SR and RR are read.
    if (type < 192 || type > 223) return "packet type " + std::to_string(type) + " is not RTCP (192-223)";
    if (type == kSr || type == kRr) {
      const std::size_t fixed = type == kSr ? 28 : 8;
      if (bytes < fixed + 24 * static_cast<std::size_t>(count)) {
        return std::string(type == kSr ? "SR" : "RR") + " with " + std::to_string(count) + " report blocks needs " +
               std::to_string(fixed + 24 * count) + " bytes, has " + std::to_string(bytes);
      }
      RtcpReport r;
      r.senderReport = type == kSr;
      r.ssrc = be32(p + 4);
      if (r.senderReport) {
        r.ntpTime = (static_cast<std::uint64_t>(be32(p + 8)) << 32) | be32(p + 12);
        r.rtpTimestamp = be32(p + 16);
        r.packetCount = be32(p + 20);
        r.octetCount = be32(p + 24);
      }
      for (int i = 0; i < count; ++i) r.blocks.push_back(readBlock(p + fixed + 24 * i));
      compound.reports.push_back(std::move(r));
    } else if (type == kBye) {
      compound.bye = true;
    }
    at += bytes;
  }
  return compound;
}

std::vector<std::uint8_t> writeRtcp(const RtcpReport& report, const std::string& cname, bool bye) {
  std::vector<std::uint8_t> out;
  const std::size_t blocks = std::min<std::size_t>(report.blocks.size(), 31);
  const std::size_t words = (report.senderReport ? 28 : 8) / 4 + 6 * blocks - 1;
  out.push_back(static_cast<std::uint8_t>(0x80 | blocks));
  out.push_back(report.senderReport ? kSr : kRr);
  out.push_back(static_cast<std::uint8_t>(words >> 8));
  out.push_back(static_cast<std::uint8_t>(words));
  put32(out, report.ssrc);
  if (report.senderReport) {
    put32(out, static_cast<std::uint32_t>(report.ntpTime >> 32));
    put32(out, static_cast<std::uint32_t>(report.ntpTime));
    put32(out, report.rtpTimestamp);
    put32(out, report.packetCount);
    put32(out, report.octetCount);
  }
  for (std::size_t i = 0; i < blocks; ++i) {
    const ReportBlock& b = report.blocks[i];
    put32(out, b.ssrc);
    const auto lost = static_cast<std::uint32_t>(std::clamp(b.cumulativeLost, -0x800000, 0x7fffff)) & 0xffffff;
    put32(out, (static_cast<std::uint32_t>(b.fractionLost) << 24) | lost);
    put32(out, b.highestSequence);
    put32(out, b.jitter);
    put32(out, b.lastSenderReport);
    put32(out, b.delaySinceLast);
  }
  // SDES: one chunk, our SSRC and CNAME, ended by a zero item and padded to a word.
  const std::size_t name = std::min<std::size_t>(cname.size(), 255);
  const std::size_t chunk = 4 + 2 + name + 1;
  const std::size_t padded = (chunk + 3) / 4 * 4;
  const std::size_t sdesWords = (4 + padded) / 4 - 1;
  out.push_back(0x81);
  out.push_back(kSdes);
  out.push_back(static_cast<std::uint8_t>(sdesWords >> 8));
  out.push_back(static_cast<std::uint8_t>(sdesWords));
  put32(out, report.ssrc);
  out.push_back(1);  // CNAME
  out.push_back(static_cast<std::uint8_t>(name));
  out.insert(out.end(), cname.begin(), cname.begin() + static_cast<std::ptrdiff_t>(name));
  out.insert(out.end(), padded - (chunk - 1), 0);
  if (bye) {
    out.push_back(0x81);
    out.push_back(kBye);
    out.push_back(0);
    out.push_back(1);
    put32(out, report.ssrc);
  }
  return out;
}

std::uint64_t ntpFromUnixUs(std::int64_t unixUs) {
  const std::uint64_t seconds = static_cast<std::uint64_t>(unixUs / 1000000 + kNtpUnixOffsetSeconds);
  const std::uint64_t fraction = (static_cast<std::uint64_t>(unixUs % 1000000) << 32) / 1000000;
  return (seconds << 32) | fraction;
}

std::optional<double> roundTripMs(const ReportBlock& block, std::uint64_t arrivalNtp) {
  if (block.lastSenderReport == 0) return std::nullopt;
  const std::uint32_t rtt = ntpMiddle(arrivalNtp) - block.lastSenderReport - block.delaySinceLast;
  if (rtt > 0x7fffffffu) return std::nullopt;  // clocks that disagree: no figure rather than a wrong one
  return rtt * 1000.0 / 65536.0;
}

void ReceptionStats::received(std::uint16_t sequence) {
  if (!m_started) {
    m_started = true;
    m_baseSequence = sequence;
    m_maxSequence = sequence;
  } else if (sequenceAfterOrEqual(sequence)) {
    if (sequence < m_maxSequence) m_cycles += 65536;
    m_maxSequence = sequence;
  }
  ++m_received;
}

bool ReceptionStats::sequenceAfterOrEqual(std::uint16_t sequence) const {
  return static_cast<std::uint16_t>(sequence - m_maxSequence) < 0x8000;
}

std::int64_t ReceptionStats::lost() const {
  if (!m_started) return 0;
  const std::uint64_t expected = m_cycles + m_maxSequence - m_baseSequence + 1;
  return static_cast<std::int64_t>(expected) - static_cast<std::int64_t>(m_received);
}

ReportBlock ReceptionStats::block(std::uint32_t ssrc, std::uint32_t jitterUnits, std::uint64_t nowNtp) {
  ReportBlock b;
  b.ssrc = ssrc;
  if (!m_started) return b;
  const std::uint64_t expected = m_cycles + m_maxSequence - m_baseSequence + 1;
  const std::uint64_t expectedInterval = expected - m_expectedPrior;
  const std::uint64_t receivedInterval = m_received - m_receivedPrior;
  m_expectedPrior = expected;
  m_receivedPrior = m_received;
  const std::int64_t lostInterval =
      static_cast<std::int64_t>(expectedInterval) - static_cast<std::int64_t>(receivedInterval);
  b.fractionLost = (expectedInterval == 0 || lostInterval <= 0)
                       ? 0
                       : static_cast<std::uint8_t>(std::min<std::int64_t>(
                             255, (lostInterval << 8) / static_cast<std::int64_t>(expectedInterval)));
  b.cumulativeLost = static_cast<std::int32_t>(std::clamp<std::int64_t>(lost(), -0x800000, 0x7fffff));
  b.highestSequence = m_cycles + m_maxSequence;
  b.jitter = jitterUnits;
  if (m_lastSrArrival != 0) {
    b.lastSenderReport = m_lastSr;
    b.delaySinceLast = ntpMiddle(nowNtp) - ntpMiddle(m_lastSrArrival);
  }
  return b;
}

void ReceptionStats::senderReportArrived(std::uint64_t ntpTime, std::uint64_t arrivalNtp) {
  m_lastSr = ntpMiddle(ntpTime);
  m_lastSrArrival = arrivalNtp;
}

}  // namespace frontline::telephony::media
