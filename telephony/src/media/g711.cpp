// G.711 µ-law and A-law; see g711.h.
//
// Both laws cut the magnitude into eight segments, each twice as wide as the one below,
// and keep four bits of mantissa within a segment: a code is sign, segment (3 bits) and
// mantissa (4 bits). µ-law adds a bias of 132 so that the segments start at powers of two
// and inverts every bit; A-law works on 13 bits, has a linear first segment, and inverts
// the even bits (XOR 0x55).
#include "telephony/media/g711.h"

#include <cstdlib>

namespace frontline::telephony::media {
namespace {

constexpr int kUlawBias = 0x84;   // 132
constexpr int kUlawClip = 32635;  // the largest magnitude that still fits after the bias
constexpr int kAlawEvenBits = 0x55;

// The segment of a biased µ-law magnitude (0x84 ... 0x7FFF): the position of its highest
// set bit above bit 7.
int ulawSegment(int biased) {
  int segment = 0;
  for (int top = biased >> 8; top != 0; top >>= 1) ++segment;
  return segment;
}

}  // namespace

std::uint8_t linearToUlaw(std::int16_t sample) {
  // Negative samples by their one's complement (-1 -> 0), as the ITU's reference code
  // does: both signs get the same levels.
  const bool negative = sample < 0;
  int magnitude = negative ? ~static_cast<int>(sample) : sample;
  if (magnitude > kUlawClip) magnitude = kUlawClip;
  magnitude += kUlawBias;
  const int segment = ulawSegment(magnitude);
  const int mantissa = (magnitude >> (segment + 3)) & 0x0F;
  const int code = (negative ? 0x80 : 0x00) | (segment << 4) | mantissa;
  return static_cast<std::uint8_t>(~code);
}

std::int16_t ulawToLinear(std::uint8_t code) {
  const int bits = ~code & 0xFF;
  const int segment = (bits >> 4) & 0x07;
  const int mantissa = bits & 0x0F;
  const int magnitude = (((mantissa << 3) + kUlawBias) << segment) - kUlawBias;
  return static_cast<std::int16_t>((bits & 0x80) ? -magnitude : magnitude);
}

std::uint8_t linearToAlaw(std::int16_t sample) {
  // 13-bit magnitude; negative values are one's complement (-1 -> 0), so both signs have
  // the same number of levels.
  int value = sample >> 3;
  const bool negative = value < 0;
  if (negative) value = -value - 1;
  int segment = 0;  // segment k holds values below 32 << k
  while (segment < 8 && value >= (0x20 << segment)) ++segment;
  int code = 0;
  if (segment >= 8) {
    code = 0x7F;  // clipped to the largest code
  } else {
    const int mantissa = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
    code = (segment << 4) | mantissa;
  }
  if (!negative) code |= 0x80;
  return static_cast<std::uint8_t>(code ^ kAlawEvenBits);
}

std::int16_t alawToLinear(std::uint8_t code) {
  const int bits = code ^ kAlawEvenBits;
  const int segment = (bits >> 4) & 0x07;
  int magnitude = (bits & 0x0F) << 4;
  // The middle of the step: +8 in the linear first segment, +0x108 (the segment's start
  // plus half a step) above it, scaled by the segment.
  magnitude += segment == 0 ? 8 : 0x108;
  if (segment > 1) magnitude <<= segment - 1;
  return static_cast<std::int16_t>((bits & 0x80) ? magnitude : -magnitude);
}

std::vector<std::uint8_t> encodeG711(G711Law law, std::span<const std::int16_t> samples) {
  std::vector<std::uint8_t> out;
  out.reserve(samples.size());
  for (std::int16_t s : samples) out.push_back(law == G711Law::Ulaw ? linearToUlaw(s) : linearToAlaw(s));
  return out;
}

std::vector<std::int16_t> decodeG711(G711Law law, std::span<const std::uint8_t> payload) {
  std::vector<std::int16_t> out;
  out.reserve(payload.size());
  for (std::uint8_t c : payload) out.push_back(law == G711Law::Ulaw ? ulawToLinear(c) : alawToLinear(c));
  return out;
}

}  // namespace frontline::telephony::media
