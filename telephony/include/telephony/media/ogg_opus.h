// Call recordings as Ogg Opus files (RFC 7845): stereo, the customer on the left and the
// agent on the right, encoded with libopus as it is spoken (20 ms frames), paged with
// libogg, read back with libopusfile (export to WAV, the trainer's playback). Pages are
// flushed about every second, so a console that dies mid-call leaves a file that plays up
// to the last second. One writer per file; any thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <variant>

#include "telephony/media/wav_file.h"

#include <functional>
#include <memory>

struct OpusEncoder;
struct OggOpusFile;

namespace frontline::telephony::media {

class OggOpusWriter {
 public:
  OggOpusWriter();
  ~OggOpusWriter();
  OggOpusWriter(const OggOpusWriter&) = delete;
  OggOpusWriter& operator=(const OggOpusWriter&) = delete;

  // Creates the file (mode 0600: it holds a customer's voice) for `channels` channels of
  // `sampleRate` audio (8000, 12000, 16000, 24000 or 48000); "" or why not, naming the file.
  std::string open(const std::string& path, int sampleRate, int channels);
  // One 20 ms frame, interleaved (sampleRate / 50 samples per channel).
  void write(std::span<const std::int16_t> interleaved);
  void close();
  bool isOpen() const { return m_file != nullptr; }
  std::int64_t durationMs() const { return m_frames * 20; }
  const std::string& error() const { return m_error; }  // the first write that failed

 private:
  void writePages(bool flush);
  std::FILE* m_file = nullptr;
  OpusEncoder* m_encoder = nullptr;
  struct OggStream;  // libogg's stream state
  std::unique_ptr<OggStream> m_ogg;
  int m_sampleRate = 8000;
  int m_channels = 1;
  int m_preSkip = 0;  // 48 kHz samples
  std::int64_t m_frames = 0;
  std::int64_t m_packetNo = 0;
  std::string m_error;
  std::string m_path;
};

// A recording read from any point (the trainer's playback): 48,000 Hz, interleaved.
class OggOpusReader {
 public:
  OggOpusReader() = default;
  ~OggOpusReader();
  OggOpusReader(const OggOpusReader&) = delete;
  OggOpusReader& operator=(const OggOpusReader&) = delete;
  // "" or why not, naming the file.
  std::string open(const std::string& path);
  void close();
  bool isOpen() const { return m_file != nullptr; }
  int channels() const { return m_channels; }
  std::int64_t frames() const { return m_frames; }  // the whole file's length, 48 kHz frames
  // Moves to `frame` (clamped to the file); false when the file cannot seek.
  bool seek(std::int64_t frame);
  // Fills `interleaved` from the current frame on; how many frames it gave (0 at the end).
  std::size_t read(std::span<std::int16_t> interleaved);

 private:
  OggOpusFile* m_file = nullptr;
  int m_channels = 1;
  std::int64_t m_frames = 0;
};

// The file decoded at 48,000 Hz block after block (interleaved, `channels` a frame), so a
// long call is read without holding it all; "" or why not, naming the file.
using OggOpusBlock = std::function<void(std::span<const std::int16_t> interleaved, int channels)>;
std::string readOggOpusBlocks(const std::string& path, const OggOpusBlock& block);
// The whole file decoded at 48,000 Hz with its channels, or why not, naming the file.
std::variant<WavAudio, std::string> readOggOpus(const std::string& path);

// SHA-256 of a file, lowercase hex; "" when it cannot be read.
std::string sha256OfFile(const std::string& path);

}  // namespace frontline::telephony::media
