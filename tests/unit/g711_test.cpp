#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "telephony/media/g711.h"

using namespace frontline::telephony::media;

TEST_CASE("G.711 codes of the recommendation's fixed points", "[media][g711]") {
  CHECK(linearToUlaw(0) == 0xFF);
  CHECK(linearToUlaw(-1) == 0x7F);  // negative zero
  CHECK(ulawToLinear(0xFF) == 0);
  CHECK(ulawToLinear(0x80) == 32124);  // the largest magnitudes
  CHECK(ulawToLinear(0x00) == -32124);
  CHECK(linearToUlaw(32767) == 0x80);
  CHECK(linearToUlaw(-32768) == 0x00);
  // Negative samples by their one's complement, as the ITU's reference code (G.191) does:
  // -4 is coded like 3, not like 4.
  CHECK(linearToUlaw(4) == 0xFE);
  CHECK(linearToUlaw(-4) == 0x7F);
  CHECK(linearToUlaw(-12) == 0x7E);
  CHECK(linearToUlaw(-31612) == 0x01);
  CHECK(linearToAlaw(0) == 0xD5);
  CHECK(linearToAlaw(-1) == 0x55);
  CHECK(alawToLinear(0xD5) == 8);
  CHECK(alawToLinear(0x55) == -8);
  CHECK(alawToLinear(0xAA) == 32256);
  CHECK(alawToLinear(0x2A) == -32256);
  CHECK(linearToAlaw(32767) == 0xAA);
  CHECK(linearToAlaw(-32768) == 0x2A);
}

TEST_CASE("G.711 decodes every code to a value that encodes back to it", "[media][g711]") {
  for (int code = 0; code < 256; ++code) {
    INFO(code);
    const auto c = static_cast<std::uint8_t>(code);
    // µ-law has two zeros (0xFF and 0x7F): both decode to 0, which encodes as 0xFF.
    if (c != 0x7F) CHECK(linearToUlaw(ulawToLinear(c)) == c);
    CHECK(linearToAlaw(alawToLinear(c)) == c);
  }
}

TEST_CASE("G.711 is monotonic and its error grows with the level, as a log law does", "[media][g711]") {
  int previousU = -40000;
  int previousA = -40000;
  for (int s = -32768; s <= 32767; s += 7) {
    const auto sample = static_cast<std::int16_t>(s);
    const int u = ulawToLinear(linearToUlaw(sample));
    const int a = alawToLinear(linearToAlaw(sample));
    CHECK(u >= previousU);
    CHECK(a >= previousA);
    previousU = u;
    previousA = a;
    // Within half a step of the segment the sample falls in (steps double each segment).
    const int magnitude = std::abs(s);
    const int step = magnitude < 256 ? 16 : 16 << static_cast<int>(std::log2(magnitude / 128.0));
    CHECK(std::abs(u - s) <= step);
    CHECK(std::abs(a - s) <= step);
  }
}

TEST_CASE("a 1 kHz tone through G.711 keeps a signal-to-noise ratio above 35 dB", "[media][g711]") {
  std::vector<std::int16_t> tone;
  for (int i = 0; i < 8000; ++i) {
    tone.push_back(static_cast<std::int16_t>(std::lround(10000 * std::sin(2 * M_PI * 1000 * i / 8000.0))));
  }
  for (const G711Law law : {G711Law::Ulaw, G711Law::Alaw}) {
    const auto payload = encodeG711(law, tone);
    REQUIRE(payload.size() == tone.size());
    const auto back = decodeG711(law, payload);
    REQUIRE(back.size() == tone.size());
    double signal = 0;
    double noise = 0;
    for (std::size_t i = 0; i < tone.size(); ++i) {
      signal += static_cast<double>(tone[i]) * tone[i];
      noise += static_cast<double>(back[i] - tone[i]) * (back[i] - tone[i]);
    }
    const double snr = 10 * std::log10(signal / noise);
    INFO("law " << (law == G711Law::Ulaw ? "u" : "A") << ": SNR " << snr << " dB");
    CHECK(snr > 35);
  }
}
