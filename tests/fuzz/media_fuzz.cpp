// Fuzz target: the media path's parsers of a peer's bytes. Each input is read as an RTP
// datagram, as an RTCP compound packet (a parsed report is written back and must parse
// again to the same blocks), as a payload for each codec we decode (G.711, Opus), and as an
// SDP offer; a parsed offer is negotiated, answered, and the answer read back (it must
// parse: we wrote it).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <variant>

#include "telephony/media/rtcp.h"
#include "telephony/media/rtp_packet.h"
#include "telephony/media/sdp.h"
#include "telephony/media/voice_codec.h"

using namespace frontline::telephony::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto rtp = parseRtp(std::span<const std::uint8_t>(data, size));
  if (const auto* p = std::get_if<RtpPacketView>(&rtp)) (void)writeRtp(p->header, p->payload);
  (void)looksLikeRtcp(std::span<const std::uint8_t>(data, size));
  const auto rtcp = parseRtcp(std::span<const std::uint8_t>(data, size));
  if (const auto* c = std::get_if<RtcpCompound>(&rtcp); c && !c->reports.empty()) {
    const RtcpReport& first = c->reports.front();
    const auto again = parseRtcp(writeRtcp(first, "fuzz", c->bye));
    const auto* back = std::get_if<RtcpCompound>(&again);
    if (!back || back->reports.size() != 1 ||
        back->reports[0].blocks.size() != std::min<std::size_t>(first.blocks.size(), 31)) {
      std::abort();
    }
  }
  static const auto pcmu = makeVoiceCodec(Codec{0, "PCMU", 8000, 1, ""});
  static const auto opus = makeVoiceCodec(Codec{111, "opus", 48000, 2, ""});
  const auto ulaw = pcmu->decode(std::span<const std::uint8_t>(data, size));
  if (std::get<std::vector<std::int16_t>>(ulaw).size() != size) std::abort();  // a sample a byte
  const auto decoded = opus->decode(std::span<const std::uint8_t>(data, size));
  if (const auto* s = std::get_if<std::vector<std::int16_t>>(&decoded); s && s->size() > 8000 * 120 / 1000)
    std::abort();  // more than 120 ms, the most an Opus packet holds
  const auto sdp = parseAudioStream(std::string_view(reinterpret_cast<const char*>(data), size));
  if (const auto* offer = std::get_if<AudioStream>(&sdp)) {
    if (const auto n = negotiate(*offer, {"PCMU", "PCMA", "opus"})) {
      const auto answer = buildAnswer(*n, "192.0.2.1", 40000, 1, 1);
      if (!std::holds_alternative<AudioStream>(parseAudioStream(answer))) std::abort();
    }
  }
  return 0;
}
