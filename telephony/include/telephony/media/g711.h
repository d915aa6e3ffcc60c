// G.711 (ITU-T G.711): 16-bit linear samples to and from 8-bit µ-law (PCMU, payload type
// 0) and A-law (PCMA, payload type 8), the codecs every SIP phone and PBX offers. Our own
// code from the recommendation's segment tables; pure functions, any thread.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace frontline::telephony::media {

std::uint8_t linearToUlaw(std::int16_t sample);
std::int16_t ulawToLinear(std::uint8_t code);
std::uint8_t linearToAlaw(std::int16_t sample);
std::int16_t alawToLinear(std::uint8_t code);

enum class G711Law { Ulaw, Alaw };

// A packet's payload from samples, and back (one byte per sample at 8,000 Hz).
std::vector<std::uint8_t> encodeG711(G711Law law, std::span<const std::int16_t> samples);
std::vector<std::int16_t> decodeG711(G711Law law, std::span<const std::uint8_t> payload);

}  // namespace frontline::telephony::media
