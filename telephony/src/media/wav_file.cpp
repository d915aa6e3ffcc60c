// WAV reading and writing; see wav_file.h. Little-endian RIFF chunks: "fmt " (format 1,
// PCM, or 0xFFFE, extensible, with PCM inside) and "data"; other chunks are skipped.
#include "telephony/media/wav_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>
#include <iterator>

namespace frontline::telephony::media {

namespace {
std::uint32_t le32(const unsigned char* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t le16(const unsigned char* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
void put32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
void put16(unsigned char* p, std::uint16_t v) {
  p[0] = static_cast<unsigned char>(v);
  p[1] = static_cast<unsigned char>(v >> 8);
}
}  // namespace

std::variant<WavAudio, std::string> readWav(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot be opened: " + std::strerror(errno);
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 || std::memcmp(bytes.data() + 8, "WAVE", 4) != 0) {
    return path + ": not a WAV file (no RIFF/WAVE header)";
  }
  WavAudio audio;
  bool haveFormat = false;
  std::size_t at = 12;
  while (at + 8 <= bytes.size()) {
    const unsigned char* chunk = bytes.data() + at;
    const std::uint32_t size = le32(chunk + 4);
    const std::size_t body = at + 8;
    const std::size_t available = bytes.size() - body;
    if (std::memcmp(chunk, "fmt ", 4) == 0) {
      if (size < 16 || available < 16) return path + ": the fmt chunk is cut short";
      const std::uint16_t format = le16(chunk + 8);
      audio.channels = le16(chunk + 10);
      audio.sampleRate = static_cast<int>(le32(chunk + 12));
      const std::uint16_t bits = le16(chunk + 22);
      if ((format != 1 && format != 0xFFFE) || bits != 16) {
        return path + ": format " + std::to_string(format) + " with " + std::to_string(bits) +
               "-bit samples; only 16-bit PCM is read (sox FILE -b 16 -e signed-integer OUT.wav)";
      }
      if (audio.channels < 1 || audio.channels > 8 || audio.sampleRate < 1000 || audio.sampleRate > 192000) {
        return path + ": " + std::to_string(audio.channels) + " channels at " + std::to_string(audio.sampleRate) +
               " Hz is not a sound we can play";
      }
      haveFormat = true;
    } else if (std::memcmp(chunk, "data", 4) == 0) {
      if (!haveFormat) return path + ": the data chunk comes before the fmt chunk";
      // A writer that never went back to fill in the size (a stream) leaves 0 or ~0: take the rest.
      const std::size_t length = (size == 0 || size > available) ? available : size;
      audio.samples.resize(length / 2);
      for (std::size_t i = 0; i < audio.samples.size(); ++i) {
        audio.samples[i] = static_cast<std::int16_t>(le16(bytes.data() + body + 2 * i));
      }
      audio.samples.resize(audio.samples.size() - audio.samples.size() % audio.channels);
      return audio;
    }
    if (size > available) break;
    at = body + size + (size & 1);
  }
  return path + (haveFormat ? ": no data chunk" : ": no fmt chunk");
}

WavWriter::~WavWriter() {
  close();
}

std::string WavWriter::open(const std::string& path, int sampleRate, int channels, unsigned mode) {
  close();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return path + ": cannot be written: " + std::strerror(errno);
  m_file = ::fdopen(fd, "wb");
  if (m_file == nullptr) {
    ::close(fd);
    return path + ": cannot be written: " + std::strerror(errno);
  }
  m_sampleRate = sampleRate;
  m_channels = channels;
  m_dataBytes = 0;
  writeHeader();
  return {};
}

void WavWriter::writeHeader() {
  std::array<unsigned char, 44> h{};
  const auto data = static_cast<std::uint32_t>(std::min<std::uint64_t>(m_dataBytes, 0xFFFFFFFFu - 36));
  std::memcpy(h.data(), "RIFF", 4);
  put32(h.data() + 4, 36 + data);
  std::memcpy(h.data() + 8, "WAVEfmt ", 8);
  put32(h.data() + 16, 16);
  put16(h.data() + 20, 1);
  put16(h.data() + 22, static_cast<std::uint16_t>(m_channels));
  put32(h.data() + 24, static_cast<std::uint32_t>(m_sampleRate));
  put32(h.data() + 28, static_cast<std::uint32_t>(m_sampleRate * m_channels * 2));
  put16(h.data() + 32, static_cast<std::uint16_t>(m_channels * 2));
  put16(h.data() + 34, 16);
  std::memcpy(h.data() + 36, "data", 4);
  put32(h.data() + 40, data);
  std::fseek(m_file, 0, SEEK_SET);
  std::fwrite(h.data(), 1, h.size(), m_file);
  std::fseek(m_file, 0, SEEK_END);
}

void WavWriter::write(std::span<const std::int16_t> interleaved) {
  if (m_file == nullptr) return;
  std::vector<unsigned char> bytes(interleaved.size() * 2);
  for (std::size_t i = 0; i < interleaved.size(); ++i)
    put16(bytes.data() + 2 * i, static_cast<std::uint16_t>(interleaved[i]));
  m_dataBytes += std::fwrite(bytes.data(), 1, bytes.size(), m_file);
}

void WavWriter::flush() {
  if (m_file == nullptr) return;
  writeHeader();
  std::fflush(m_file);
}

void WavWriter::close() {
  if (m_file == nullptr) return;
  flush();
  std::fclose(m_file);
  m_file = nullptr;
}

}  // namespace frontline::telephony::media
