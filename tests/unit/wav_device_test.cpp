#include <catch2/catch.hpp>

#include <cstdlib>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "telephony/media/audio_device.h"
#include "telephony/media/wav_file.h"

using namespace frontline::telephony::media;
namespace fs = std::filesystem;

namespace {
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("frontline-wav-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}
std::string errorOf(std::variant<WavAudio, std::string> r) {
  return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : "";
}
}  // namespace

TEST_CASE("a WAV written as a stream reads back, its header right after each flush", "[media][wav]") {
  const std::string path = scratch("out.wav").string();
  WavWriter w;
  REQUIRE(w.open(path, 8000, 2, 0600).empty());
  const std::vector<std::int16_t> first = {1, -1, 32767, -32768};
  w.write(first);
  w.flush();
  auto mid = readWav(path);
  REQUIRE(std::holds_alternative<WavAudio>(mid));
  CHECK(std::get<WavAudio>(mid).samples == first);
  CHECK(std::get<WavAudio>(mid).channels == 2);
  w.write(std::vector<std::int16_t>{5, 6});
  w.close();
  auto done = readWav(path);
  REQUIRE(std::holds_alternative<WavAudio>(done));
  CHECK(std::get<WavAudio>(done).samples == std::vector<std::int16_t>{1, -1, 32767, -32768, 5, 6});
  CHECK(std::get<WavAudio>(done).sampleRate == 8000);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a file that is not 16-bit PCM WAV is refused, naming the file", "[media][wav]") {
  CHECK(errorOf(readWav("/nonexistent/in.wav")).rfind("/nonexistent/in.wav: cannot be opened", 0) == 0);
  const std::string text = scratch("text.wav").string();
  std::ofstream(text) << "hello, not audio";
  CHECK(errorOf(readWav(text)) == text + ": not a WAV file (no RIFF/WAVE header)");
  // 8-bit u-law, as SIPp's rtp_stream reads it.
  const std::string ulaw = scratch("ulaw.wav").string();
  {
    std::ofstream out(ulaw, std::ios::binary);
    const unsigned char header[] = {'R', 'I', 'F', 'F', 40,  0,   0,   0,   'W',  'A',  'V', 'E', 'f',  'm',  't', ' ',
                                    16,  0,   0,   0,   7,   0,   1,   0,   0x40, 0x1f, 0,   0,   0x40, 0x1f, 0,   0,
                                    1,   0,   8,   0,   'd', 'a', 't', 'a', 4,    0,    0,   0,   1,    2,    3,   4};
    out.write(reinterpret_cast<const char*>(header), sizeof header);
  }
  CHECK(errorOf(readWav(ulaw)).find("format 7 with 8-bit samples; only 16-bit PCM") != std::string::npos);
}

TEST_CASE("the file device speaks its input from each call's start and writes what it hears", "[media][wav]") {
  const std::string in = scratch("speak.wav").string();
  const std::string out = scratch("heard.wav").string();
  {
    WavWriter w;
    REQUIRE(w.open(in, 8000, 1).empty());
    std::vector<std::int16_t> ramp(250);
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<std::int16_t>(i + 1);
    w.write(ramp);
  }
  auto opened = openAudioDevice("file:" + in + "," + out);
  REQUIRE(std::holds_alternative<std::unique_ptr<AudioDevice>>(opened));
  auto& device = *std::get<std::unique_ptr<AudioDevice>>(opened);
  CHECK(device.describe() == "file:" + in + "," + out);
  std::vector<std::int16_t> frame(160);
  for (int call = 0; call < 2; ++call) {
    device.begin();
    device.capture(frame);
    CHECK(frame.front() == 1);
    CHECK(frame.back() == 160);
    device.capture(frame);
    CHECK(frame[0] == 161);
    CHECK(frame[89] == 250);
    CHECK(frame[90] == 0);  // the input is over: silence
    device.play(std::vector<std::int16_t>(160, static_cast<std::int16_t>(100 + call)));
    device.end();
  }
  auto heard = readWav(out);
  REQUIRE(std::holds_alternative<WavAudio>(heard));
  CHECK(std::get<WavAudio>(heard).samples == std::vector<std::int16_t>(160, 101));  // the last call's

  auto wrongRate = scratch("44k.wav").string();
  {
    WavWriter w;
    REQUIRE(w.open(wrongRate, 44100, 1).empty());
  }
  auto refused = openAudioDevice("file:" + wrongRate + ",");
  REQUIRE(std::holds_alternative<std::string>(refused));
  CHECK(std::get<std::string>(refused).find(wrongRate + ": 44100 Hz, 1 channels; the file device reads 8000 Hz mono") !=
        std::string::npos);
  CHECK(std::get<std::string>(openAudioDevice("alsa:hw0")).find("not a device we know") != std::string::npos);
  {
    // No sound server where PULSE_SERVER points: refused, saying which device and why.
    const char* before = std::getenv("PULSE_SERVER");
    const std::string saved = before ? before : "";
    ::setenv("PULSE_SERVER", "unix:/nonexistent/frontline-test/native", 1);
    auto noServer = openAudioDevice("pulse:headset,");
    if (before) {
      ::setenv("PULSE_SERVER", saved.c_str(), 1);
    } else {
      ::unsetenv("PULSE_SERVER");
    }
    REQUIRE(std::holds_alternative<std::string>(noServer));
    CHECK_THAT(std::get<std::string>(noServer),
               Catch::StartsWith("audio.device \"pulse:headset,\": cannot open the speaker 'headset': "));
  }
  CHECK(std::get<std::string>(openAudioDevice("file:x.wav")).find("IN.wav,OUT.wav") != std::string::npos);
  CHECK(std::get<std::string>(openAudioDevice("file:,/nonexistent/dir/out.wav")).find("cannot be written") !=
        std::string::npos);
  CHECK(std::holds_alternative<std::unique_ptr<AudioDevice>>(openAudioDevice("null")));
}
