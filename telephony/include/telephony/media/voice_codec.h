// A call's codec as the media thread uses it: 20 ms frames of the agent's voice (16-bit
// mono at kMediaSampleRate) to one RTP payload, and a received payload back to samples at
// that rate. G.711 (PCMU, PCMA: 8,000 Hz on the wire) and Opus (RFC 7587: the RTP clock is
// always 48,000 Hz and the SDP says 2 channels; we encode mono, narrowband, and decode any
// Opus stream, stereo mixed down, at our rate). One object per call, media thread only:
// an Opus encoder and decoder keep state from packet to packet.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "telephony/media/sdp.h"

namespace frontline::telephony::media {

class VoiceCodec {
 public:
  virtual ~VoiceCodec() = default;
  // The RTP timestamp rate: 8000 for G.711, 48000 for Opus.
  virtual int clockRate() const = 0;
  // One frame (kMediaSampleRate * 20 ms samples) to a payload.
  virtual std::vector<std::uint8_t> encode(std::span<const std::int16_t> frame) = 0;
  // A payload to samples at kMediaSampleRate (its whole length, any number of frames), or
  // what is wrong with it.
  virtual std::variant<std::vector<std::int16_t>, std::string> decode(std::span<const std::uint8_t> payload) = 0;
};

// The codecs we take in an offer, the order we prefer them in when we offer.
const std::vector<std::string>& supportedCodecs();

// The codec for what was negotiated; nullptr when it is none we speak (then nothing is
// sent and what comes is counted, not played).
std::unique_ptr<VoiceCodec> makeVoiceCodec(const Codec& negotiated);

}  // namespace frontline::telephony::media
