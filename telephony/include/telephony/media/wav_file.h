// WAV files of 16-bit PCM (RIFF/WAVE, the format sox and every recorder writes): read
// whole for the file audio device's input, written as a stream for its output. A file
// that is not what we can read gives an error naming the file and what is wrong, never
// an exception. Any thread; one writer per file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace frontline::telephony::media {

struct WavAudio {
  int sampleRate = 8000;
  int channels = 1;
  std::vector<std::int16_t> samples;  // interleaved when channels > 1
};

// The file's audio, or "in.wav: 44100 Hz stereo, ...: not ..." naming the file.
std::variant<WavAudio, std::string> readWav(const std::string& path);

// Writes samples as they come; the header's sizes are right after every flush() and at
// close(), so a file cut off by a crash still plays up to the last flush.
class WavWriter {
 public:
  WavWriter() = default;
  ~WavWriter();
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;

  // Creates (or truncates) the file with `mode` permissions; "" or an error message.
  std::string open(const std::string& path, int sampleRate, int channels, unsigned mode = 0644);
  void write(std::span<const std::int16_t> interleaved);
  void flush();
  void close();
  bool isOpen() const { return m_file != nullptr; }

 private:
  void writeHeader();
  std::FILE* m_file = nullptr;
  int m_sampleRate = 8000;
  int m_channels = 1;
  std::uint64_t m_dataBytes = 0;
};

}  // namespace frontline::telephony::media
