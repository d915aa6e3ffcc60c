// Ogg Opus recordings; see ogg_opus.h. The two header packets (RFC 7845 §5): OpusHead
// (channel count, pre-skip, input rate, mapping family 0) and OpusTags, each on a page of
// its own; then one Opus packet per 20 ms frame, its granule position the 48 kHz sample
// count decoded so far.
#include "telephony/media/ogg_opus.h"

#include <fcntl.h>
#include <ogg/ogg.h>
#include <openssl/evp.h>
#include <opus/opus.h>
#include <opus/opusfile.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

namespace frontline::telephony::media {

namespace {
void put16(std::vector<unsigned char>& out, std::uint16_t v) {
  out.push_back(static_cast<unsigned char>(v));
  out.push_back(static_cast<unsigned char>(v >> 8));
}
void put32(std::vector<unsigned char>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
constexpr int kFrameMs = 20;
constexpr int kMaxPacket = 1500;
}  // namespace

struct OggOpusWriter::OggStream {
  ogg_stream_state state{};
};

OggOpusWriter::OggOpusWriter() : m_ogg(std::make_unique<OggStream>()) {}

OggOpusWriter::~OggOpusWriter() {
  close();
}

std::string OggOpusWriter::open(const std::string& path, int sampleRate, int channels) {
  close();
  m_path = path;
  m_error.clear();
  int error = 0;
  m_encoder = opus_encoder_create(sampleRate, channels, OPUS_APPLICATION_VOIP, &error);
  if (m_encoder == nullptr)
    return path + ": the Opus encoder refused " + std::to_string(sampleRate) + " Hz: " + opus_strerror(error);
  opus_encoder_ctl(m_encoder, OPUS_SET_BITRATE(channels * 16000));
  opus_int32 lookahead = 0;
  opus_encoder_ctl(m_encoder, OPUS_GET_LOOKAHEAD(&lookahead));
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || (m_file = ::fdopen(fd, "wb")) == nullptr) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    opus_encoder_destroy(m_encoder);
    m_encoder = nullptr;
    return path + ": cannot be written: " + why;
  }
  m_sampleRate = sampleRate;
  m_channels = channels;
  m_preSkip = static_cast<int>(lookahead) * (48000 / sampleRate);
  m_frames = 0;
  m_packetNo = 0;
  std::random_device rd;
  ogg_stream_init(&m_ogg->state, static_cast<int>(rd() & 0x7fffffff));

  std::vector<unsigned char> head = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, static_cast<unsigned char>(channels)};
  put16(head, static_cast<std::uint16_t>(m_preSkip));
  put32(head, static_cast<std::uint32_t>(sampleRate));
  put16(head, 0);     // output gain
  head.push_back(0);  // mapping family 0: mono or stereo, no table
  std::vector<unsigned char> tags = {'O', 'p', 'u', 's', 'T', 'a', 'g', 's'};
  const std::string vendor = opus_get_version_string();
  put32(tags, static_cast<std::uint32_t>(vendor.size()));
  tags.insert(tags.end(), vendor.begin(), vendor.end());
  const std::string comment = "ENCODER=Frontline call recorder (customer left, agent right)";
  put32(tags, 1);
  put32(tags, static_cast<std::uint32_t>(comment.size()));
  tags.insert(tags.end(), comment.begin(), comment.end());
  for (auto* packet : {&head, &tags}) {
    ogg_packet p{};
    p.packet = packet->data();
    p.bytes = static_cast<long>(packet->size());
    p.b_o_s = packet == &head;
    p.granulepos = 0;
    p.packetno = m_packetNo++;
    ogg_stream_packetin(&m_ogg->state, &p);
    writePages(true);  // each header on a page of its own
  }
  return m_error.empty() ? std::string() : m_error;
}

void OggOpusWriter::write(std::span<const std::int16_t> interleaved) {
  if (m_file == nullptr) return;
  const int samples = m_sampleRate * kFrameMs / 1000;
  if (interleaved.size() != static_cast<std::size_t>(samples * m_channels)) return;
  std::array<unsigned char, kMaxPacket> packet{};
  const opus_int32 bytes = opus_encode(m_encoder, interleaved.data(), samples, packet.data(), kMaxPacket);
  if (bytes < 0) {
    if (m_error.empty()) m_error = m_path + ": Opus encoding failed: " + opus_strerror(bytes);
    return;
  }
  ++m_frames;
  ogg_packet p{};
  p.packet = packet.data();
  p.bytes = bytes;
  p.granulepos = m_frames * 48 * kFrameMs;
  p.packetno = m_packetNo++;
  ogg_stream_packetin(&m_ogg->state, &p);
  writePages(m_frames % 50 == 0);  // about a second a page at most
}

void OggOpusWriter::writePages(bool flush) {
  ogg_page page;
  while (flush ? ogg_stream_flush(&m_ogg->state, &page) : ogg_stream_pageout(&m_ogg->state, &page)) {
    if (std::fwrite(page.header, 1, static_cast<std::size_t>(page.header_len), m_file) !=
            static_cast<std::size_t>(page.header_len) ||
        std::fwrite(page.body, 1, static_cast<std::size_t>(page.body_len), m_file) !=
            static_cast<std::size_t>(page.body_len)) {
      if (m_error.empty()) m_error = m_path + ": writing failed: " + std::strerror(errno);
    }
  }
  if (flush) std::fflush(m_file);
}

void OggOpusWriter::close() {
  if (m_file == nullptr) return;
  // The last packet ends the stream: an empty frame of silence marked end-of-stream.
  std::vector<std::int16_t> silence(static_cast<std::size_t>(m_sampleRate * kFrameMs / 1000 * m_channels));
  std::array<unsigned char, kMaxPacket> packet{};
  const opus_int32 bytes =
      opus_encode(m_encoder, silence.data(), m_sampleRate * kFrameMs / 1000, packet.data(), kMaxPacket);
  ogg_packet p{};
  p.packet = packet.data();
  p.bytes = bytes > 0 ? bytes : 0;
  p.e_o_s = 1;
  // Granule: the frames written plus the encoder's delay, so every frame spoken plays.
  p.granulepos = m_frames * 48 * kFrameMs + m_preSkip;
  p.packetno = m_packetNo++;
  ogg_stream_packetin(&m_ogg->state, &p);
  writePages(true);
  if (::fsync(fileno(m_file)) != 0 && m_error.empty()) m_error = m_path + ": fsync failed: " + std::strerror(errno);
  std::fclose(m_file);
  m_file = nullptr;
  ogg_stream_clear(&m_ogg->state);
  opus_encoder_destroy(m_encoder);
  m_encoder = nullptr;
}

OggOpusReader::~OggOpusReader() {
  close();
}

std::string OggOpusReader::open(const std::string& path) {
  close();
  int error = 0;
  m_file = op_open_file(path.c_str(), &error);
  if (!m_file) return path + ": not an Ogg Opus file we can read (opusfile error " + std::to_string(error) + ")";
  m_channels = op_channel_count(m_file, -1);
  m_frames = std::max<std::int64_t>(0, op_pcm_total(m_file, -1));
  return {};
}

void OggOpusReader::close() {
  if (m_file) op_free(m_file);
  m_file = nullptr;
}

bool OggOpusReader::seek(std::int64_t frame) {
  if (!m_file) return false;
  return op_pcm_seek(m_file, std::clamp<std::int64_t>(frame, 0, m_frames)) == 0;
}

std::size_t OggOpusReader::read(std::span<std::int16_t> interleaved) {
  std::size_t frames = 0;
  const auto want = interleaved.size() / static_cast<std::size_t>(m_channels);
  while (m_file && frames < want) {
    const int n = op_read(m_file, interleaved.data() + frames * static_cast<std::size_t>(m_channels),
                          static_cast<int>((want - frames) * static_cast<std::size_t>(m_channels)), nullptr);
    if (n <= 0) break;  // the end, or a damaged page: what came before is played
    frames += static_cast<std::size_t>(n);
  }
  return frames;
}

std::string readOggOpusBlocks(const std::string& path, const OggOpusBlock& block) {
  int error = 0;
  std::unique_ptr<OggOpusFile, decltype(&op_free)> file(op_open_file(path.c_str(), &error), &op_free);
  if (!file) return path + ": not an Ogg Opus file we can read (opusfile error " + std::to_string(error) + ")";
  const int channels = op_channel_count(file.get(), -1);
  std::vector<opus_int16> buffer(static_cast<std::size_t>(5760 * channels));
  std::int64_t frames = 0;
  for (;;) {
    const int n = op_read(file.get(), buffer.data(), static_cast<int>(buffer.size()), nullptr);
    if (n == 0) break;
    if (n < 0) {
      return path + ": damaged at sample " + std::to_string(frames) + " (opusfile error " + std::to_string(n) + ")";
    }
    block(std::span<const std::int16_t>(buffer.data(), static_cast<std::size_t>(n * channels)), channels);
    frames += n;
  }
  return {};
}

std::variant<WavAudio, std::string> readOggOpus(const std::string& path) {
  WavAudio audio;
  audio.sampleRate = 48000;
  const std::string error = readOggOpusBlocks(path, [&](std::span<const std::int16_t> samples, int channels) {
    audio.channels = channels;
    audio.samples.insert(audio.samples.end(), samples.begin(), samples.end());
  });
  if (!error.empty()) return error;
  return audio;
}

std::string sha256OfFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return {};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::array<unsigned char, 65536> chunk{};
  std::size_t n = 0;
  while ((n = std::fread(chunk.data(), 1, chunk.size(), f)) > 0) EVP_DigestUpdate(ctx.get(), chunk.data(), n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return {};
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest.data(), &length);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace frontline::telephony::media
