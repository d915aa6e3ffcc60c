// The media thread; see media_engine.h. One io_context on its own thread: a socket pair
// per call receiving all the time, one 20 ms timer for every call's frames (absolute
// deadlines, so the frame clock does not drift with the handlers' time), RTCP every five
// seconds or so (RFC 3550 §6.2's interval for a two-party call, randomised by half).
#include "telephony/media/media_engine.h"

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>
#include <variant>

#include "media/voice_processing_device.h"
#include "telephony/log_escape.h"
#include "telephony/media/audio_device.h"
#include "telephony/media/dtmf.h"
#include "telephony/media/jitter_buffer.h"
#include "telephony/media/ogg_opus.h"
#include "telephony/media/rtcp.h"
#include "telephony/media/rtp_packet.h"
#include "telephony/media/voice_codec.h"
#include "telephony/media/wav_file.h"

namespace frontline::telephony::media {

using asio::ip::udp;
using namespace std::chrono_literals;

double levelDb(std::span<const std::int16_t> samples) {
  if (samples.empty()) return kSilentDb;
  double sum = 0;
  for (std::int16_t x : samples) sum += double(x) * double(x);
  const double rms = std::sqrt(sum / double(samples.size()));
  return rms < 1.0 ? kSilentDb : std::max(kSilentDb, 20.0 * std::log10(rms / 32768.0));
}

namespace {
constexpr int kFrameMs = 20;
constexpr int kFrameSamples = kMediaSampleRate * kFrameMs / 1000;
constexpr std::int64_t kRelatchSilenceMs = 1000;

std::int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
std::int64_t unixUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
std::uint64_t ntpNow() {
  return ntpFromUnixUs(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}
bool sends(Direction d) {
  return d == Direction::SendRecv || d == Direction::SendOnly;
}

// Music on hold when audio.music_on_hold names no file: a slow arpeggio of soft sine notes (C5 E5 G5 E5, 400 ms each
// with 40 ms fades), about -20 dBFS, from sample `position` on.
void builtInMusicOnHold(std::uint64_t position, std::span<std::int16_t> out) {
  constexpr double kNotes[] = {523.25, 659.25, 783.99, 659.25};
  constexpr int kNoteSamples = kMediaSampleRate * 400 / 1000;
  constexpr int kFade = kMediaSampleRate * 40 / 1000;
  constexpr double kTwoPi = 6.283185307179586;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint64_t n = position + i;
    const int inNote = static_cast<int>(n % kNoteSamples);
    const double freq = kNotes[(n / kNoteSamples) % 4];
    const double envelope = std::min({1.0, inNote / double(kFade), (kNoteSamples - inNote) / double(kFade)});
    out[i] = static_cast<std::int16_t>(3000.0 * envelope * std::sin(kTwoPi * freq * double(n) / kMediaSampleRate));
  }
}
std::string endpointText(const udp::endpoint& e) {
  return e.address().is_v6() ? "[" + e.address().to_string() + "]:" + std::to_string(e.port())
                             : e.address().to_string() + ":" + std::to_string(e.port());
}
}  // namespace

struct CallMedia {
  CallMedia(asio::io_context& io, std::string k) : key(std::move(k)), rtp(io), rtcp(io), jitter(JitterSettings{}) {}
  std::string key;
  std::uint16_t port = 0;
  udp::socket rtp;
  udp::socket rtcp;
  std::optional<Negotiated> media;
  std::unique_ptr<VoiceCodec> codec;  // null: a codec we do not speak (nothing sent or played)
  int clockRate = kMediaSampleRate;   // the codec's RTP clock
  udp::endpoint sendTo;
  udp::endpoint rtcpTo;
  std::optional<udp::endpoint> source;  // where the caller's audio comes from
  std::int64_t lastFromSourceMs = 0;
  std::int64_t startedMs = 0;
  JitterBuffer jitter;
  bool heardFromCaller = false;
  ReceptionStats reception;
  std::optional<std::uint32_t> remoteSsrc;
  std::uint32_t ssrc = 0;
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  bool firstPacket = true;
  std::uint64_t octetsSent = 0;
  std::int64_t nextRtcpMs = 0;
  std::array<std::uint8_t, 2048> rtpBuffer{};
  std::array<std::uint8_t, 2048> rtcpBuffer{};
  udp::endpoint rtpFrom;
  udp::endpoint rtcpFrom;
  bool loggedInvalid = false;
  bool closed = false;
  CallQuality quality;
  std::unique_ptr<OggOpusWriter> recording;
  RecordingResult recorded;
  std::int64_t pausedFrames = 0;
  std::uint64_t musicPosition = 0;  // music on hold: where the tune is
  DtmfSender dtmf;
  QualityWatch watch;
  std::int64_t nextScoreMs = 0;
};

struct MediaEngine::Impl {
  Impl(MediaSettings s, MediaLog l) : settings(std::move(s)), log(std::move(l)), timer(io) {
    std::random_device rd;
    random.seed((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  }

  MediaSettings settings;
  MediaLog log;
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::thread thread;
  asio::steady_timer timer;
  std::chrono::steady_clock::time_point nextTick;
  std::unique_ptr<AudioDevice> device;    // media thread only (after start); swapped under mutex
  std::string deviceKey;                  // the call that has the device
  std::vector<std::int16_t> musicOnHold;  // audio.music_on_hold's samples (empty: the built-in tune)
  std::string deviceSpec;                 // guarded by mutex
  std::string deviceDescription;          // likewise
  std::mt19937_64 random;                 // media thread only (after start)
  RecordingSink recordingSink;
  QualitySink qualitySink;
  bool stopping = false;  // media thread only

  mutable std::mutex mutex;  // guards sessions, usedPorts, nextPort
  std::map<std::string, std::shared_ptr<CallMedia>> sessions;
  std::set<std::uint16_t> usedPorts;
  std::uint16_t nextPort = 0;

  void tick();
  void frame(CallMedia& s, std::int64_t nowMs);
  void receiveRtp(const std::shared_ptr<CallMedia>& s);
  void receiveRtcp(const std::shared_ptr<CallMedia>& s);
  void onRtp(CallMedia& s, std::span<const std::uint8_t> datagram, const udp::endpoint& from);
  void onRtcp(CallMedia& s, std::span<const std::uint8_t> datagram);
  void sendRtcp(CallMedia& s, bool bye);
  void invalid(CallMedia& s, const udp::endpoint& from, const std::string& why);
  void startRecording(CallMedia& s);
  void closeMedia(CallMedia& s);
  bool bindPair(CallMedia& s, std::uint16_t port);
};

MediaEngine::MediaEngine(MediaSettings settings, MediaLog log)
    : m_impl(std::make_unique<Impl>(std::move(settings), std::move(log))) {}

MediaEngine::~MediaEngine() {
  stop();
}

const MediaSettings& MediaEngine::settings() const {
  return m_impl->settings;
}

std::string MediaEngine::deviceName() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->deviceDescription.empty() ? "none" : m_impl->deviceDescription;
}

std::string MediaEngine::deviceSpec() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->deviceSpec;
}

namespace {

// The agent's device as audio.device and audio.voice_processing ask: a headset (a pulse
// device) gets the voice processing, files and the null device are taken as they are.
std::variant<std::unique_ptr<AudioDevice>, std::string> openAgentDevice(const std::string& spec, bool voiceProcessing) {
  auto device = openAudioDevice(spec);
  if (std::holds_alternative<std::string>(device)) return device;
  auto& opened = std::get<std::unique_ptr<AudioDevice>>(device);
  if (voiceProcessing && spec.rfind("pulse", 0) == 0) {
    opened = std::make_unique<VoiceProcessingDevice>(std::move(opened), VoiceProcessing{});
  }
  return device;
}

}  // namespace

std::string MediaEngine::setDevice(const std::string& spec) {
  Impl& d = *m_impl;
  auto opened = openAgentDevice(spec, d.settings.voiceProcessing);
  if (auto* error = std::get_if<std::string>(&opened)) return *error;
  std::unique_ptr<AudioDevice> next = std::move(std::get<std::unique_ptr<AudioDevice>>(opened));
  const std::string description = next->describe();
  const auto swapIn = [&d, &next, &spec, &description] {  // under d.mutex
    if (!d.deviceKey.empty()) {
      d.device->end();
      next->begin();
    }
    std::swap(d.device, next);
    d.deviceSpec = spec;
    d.deviceDescription = description;
  };
  if (!d.thread.joinable()) {
    std::lock_guard lock(d.mutex);
    swapIn();
    return {};
  }
  std::promise<void> swapped;
  asio::post(d.io, [&d, &swapIn, &swapped] {
    {
      std::lock_guard lock(d.mutex);
      swapIn();
    }
    swapped.set_value();
  });
  swapped.get_future().wait();
  next.reset();  // the old device closes here, off the media thread (a headset's threads join)
  return {};
}

void MediaEngine::start() {
  Impl& d = *m_impl;
  if (d.thread.joinable()) return;
  if (d.settings.firstPort % 2 != 0) ++d.settings.firstPort;
  if (d.settings.firstPort == 0 || d.settings.lastPort <= d.settings.firstPort) {
    throw std::runtime_error("sip.rtp_ports " + std::to_string(d.settings.firstPort) + "-" +
                             std::to_string(d.settings.lastPort) + ": not a range of at least one even/odd pair");
  }
  d.nextPort = d.settings.firstPort;
  if (!d.settings.recordingsPath.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(d.settings.recordingsPath, ec);
    if (ec || ::access(d.settings.recordingsPath.c_str(), W_OK) != 0) {
      throw std::runtime_error("recordings.path " + d.settings.recordingsPath + ": cannot be written" +
                               (ec ? ": " + ec.message() : std::string()));
    }
  }
  if (!d.settings.musicOnHold.empty()) {
    auto music = readWav(d.settings.musicOnHold);
    if (auto* error = std::get_if<std::string>(&music)) throw std::runtime_error("audio.music_on_hold: " + *error);
    auto& audio = std::get<WavAudio>(music);
    if (audio.sampleRate != kMediaSampleRate || audio.channels != 1 || audio.samples.empty()) {
      throw std::runtime_error("audio.music_on_hold: " + d.settings.musicOnHold + ": " +
                               std::to_string(audio.sampleRate) + " Hz, " + std::to_string(audio.channels) +
                               " channels, " + std::to_string(audio.samples.size()) +
                               " samples; it must be 8000 Hz mono and not empty (sox IN.wav -r 8000 -c 1 -b 16 " +
                               d.settings.musicOnHold + ")");
    }
    d.musicOnHold = std::move(audio.samples);
  }
  std::lock_guard lock(d.mutex);
  if (!d.device) {  // else chosen with setDevice before the start
    auto device = openAgentDevice(d.settings.device, d.settings.voiceProcessing);
    if (auto* error = std::get_if<std::string>(&device)) throw std::runtime_error(*error);
    d.device = std::move(std::get<std::unique_ptr<AudioDevice>>(device));
    d.deviceSpec = d.settings.device;
    d.deviceDescription = d.device->describe();
  }
  d.work.emplace(asio::make_work_guard(d.io));
  d.nextTick = std::chrono::steady_clock::now();
  d.tick();
  d.thread = std::thread([&d] { d.io.run(); });
}

void MediaEngine::setRecordingSink(RecordingSink sink) {
  m_impl->recordingSink = std::move(sink);
}

void MediaEngine::setQualitySink(QualitySink sink) {
  m_impl->qualitySink = std::move(sink);
}

void MediaEngine::stop() {
  Impl& d = *m_impl;
  if (!d.thread.joinable()) return;
  asio::post(d.io, [&d] {
    std::lock_guard lock(d.mutex);
    for (auto& [key, s] : d.sessions) d.closeMedia(*s);
    d.sessions.clear();
    d.usedPorts.clear();
    if (!d.deviceKey.empty()) d.device->end();
    d.deviceKey.clear();
    d.stopping = true;  // a tick already due (not cancellable any more) must not arm another
    d.timer.cancel();
    d.work.reset();
  });
  d.thread.join();
}

bool MediaEngine::Impl::bindPair(CallMedia& s, std::uint16_t port) {
  asio::error_code ec;
  const auto address = asio::ip::make_address(settings.address, ec);
  if (ec) return false;
  s.rtp.open(address.is_v6() ? udp::v6() : udp::v4(), ec);
  if (!ec) s.rtp.bind(udp::endpoint(address, port), ec);
  if (!ec) s.rtcp.open(address.is_v6() ? udp::v6() : udp::v4(), ec);
  if (!ec) s.rtcp.bind(udp::endpoint(address, static_cast<std::uint16_t>(port + 1)), ec);
  if (ec) {
    asio::error_code ignored;
    s.rtp.close(ignored);
    s.rtcp.close(ignored);
    return false;
  }
  s.port = port;
  return true;
}

std::optional<std::uint16_t> MediaEngine::reserve(const std::string& key) {
  Impl& d = *m_impl;
  auto s = std::make_shared<CallMedia>(d.io, key);
  std::lock_guard lock(d.mutex);
  if (auto it = d.sessions.find(key); it != d.sessions.end()) return it->second->port;
  const int pairs = (d.settings.lastPort - d.settings.firstPort + 1) / 2;
  for (int tried = 0; tried < pairs; ++tried) {
    const std::uint16_t port = d.nextPort;
    d.nextPort = static_cast<std::uint16_t>(port + 2 > d.settings.lastPort - 1 ? d.settings.firstPort : port + 2);
    if (d.usedPorts.count(port) != 0) continue;
    if (!d.bindPair(*s, port)) continue;  // another program has it
    d.usedPorts.insert(port);
    d.sessions[key] = s;
    asio::post(d.io, [&d, s] {
      d.receiveRtp(s);
      d.receiveRtcp(s);
    });
    return port;
  }
  return std::nullopt;
}

void MediaEngine::connect(const std::string& key, const Negotiated& negotiated) {
  Impl& d = *m_impl;
  asio::post(d.io, [&d, key, negotiated] {
    std::lock_guard lock(d.mutex);
    auto it = d.sessions.find(key);
    if (it == d.sessions.end()) return;
    CallMedia& s = *it->second;
    const bool first = !s.media;
    s.media = negotiated;
    const std::string& name = negotiated.codec.name;
    if (first || s.quality.codec != name + "/" + std::to_string(negotiated.codec.clockRate)) {
      // A new codec (the answer, or a re-INVITE that changes it): its clock paces our
      // timestamps, the jitter buffer's and the digits'.
      s.codec = makeVoiceCodec(negotiated.codec);
      s.clockRate = s.codec ? s.codec->clockRate() : negotiated.codec.clockRate;
      s.jitter = JitterBuffer(JitterSettings{s.clockRate, kMediaSampleRate});
      s.heardFromCaller = false;
      s.dtmf = DtmfSender(s.clockRate);
    }
    asio::error_code ec;
    const auto address = asio::ip::make_address(negotiated.remoteAddress, ec);
    if (!ec && !s.source) {
      s.sendTo = udp::endpoint(address, negotiated.remotePort);
      s.rtcpTo = udp::endpoint(address, static_cast<std::uint16_t>(negotiated.remotePort + 1));
    }
    s.quality.codec = name + "/" + std::to_string(negotiated.codec.clockRate);
    s.quality.dtmf = negotiated.telephoneEvent.has_value();
    s.quality.direction = std::string(toString(negotiated.direction));
    s.quality.remote = s.sendTo.port() != 0 ? endpointText(s.sendTo) : "(none)";
    if (first) {
      s.startedMs = steadyMs();
      s.nextScoreMs = s.startedMs + QualityWatch::kEveryMs;
      s.ssrc = static_cast<std::uint32_t>(d.random());
      s.sequence = static_cast<std::uint16_t>(d.random());
      s.timestamp = static_cast<std::uint32_t>(d.random());
      s.nextRtcpMs = s.startedMs + 1000;  // the first report early, so the pane has a round trip soon
      if (!d.deviceKey.empty() && d.deviceKey != key) d.device->end();
      if (d.deviceKey != key) d.device->begin();
      d.deviceKey = key;
      d.startRecording(s);
    } else if (d.deviceKey.empty()) {
      // The headset is free (the call that had it, a consultation, ended): a call taken
      // off hold has it again.
      d.device->begin();
      d.deviceKey = key;
    }
    s.quality.hasDevice = d.deviceKey == key;
  });
}

void MediaEngine::release(const std::string& key) {
  Impl& d = *m_impl;
  asio::post(d.io, [&d, key] {
    std::lock_guard lock(d.mutex);
    auto it = d.sessions.find(key);
    if (it == d.sessions.end()) return;
    auto s = it->second;
    d.sessions.erase(it);
    d.closeMedia(*s);
    d.usedPorts.erase(s->port);
    if (d.deviceKey == key) {
      d.device->end();
      d.deviceKey.clear();
    }
  });
}

void MediaEngine::pauseRecording(const std::string& key, bool paused) {
  Impl& d = *m_impl;
  asio::post(d.io, [&d, key, paused] {
    std::lock_guard lock(d.mutex);
    if (auto it = d.sessions.find(key); it != d.sessions.end()) it->second->quality.recordingPaused = paused;
  });
}

void MediaEngine::mute(const std::string& key, bool muted) {
  Impl& d = *m_impl;
  asio::post(d.io, [&d, key, muted] {
    std::lock_guard lock(d.mutex);
    if (auto it = d.sessions.find(key); it != d.sessions.end()) it->second->quality.muted = muted;
  });
}

void MediaEngine::sendDtmf(const std::string& key, const std::string& digits) {
  Impl& d = *m_impl;
  asio::post(d.io, [&d, key, digits] {
    std::lock_guard lock(d.mutex);
    auto it = d.sessions.find(key);
    if (it == d.sessions.end() || !it->second->media) return;
    CallMedia& s = *it->second;
    if (!s.media->telephoneEvent) {
      d.log("media (call " + escapeForLog(key) + "): DTMF not sent: the caller did not offer telephone-event");
      return;
    }
    for (char k : digits) {
      if (s.dtmf.queue(k)) ++s.quality.dtmfSent;
    }
  });
}

// Media thread, the mutex held: RTCP BYE, the sockets closed, the recording closed and
// reported (its checksum over the file as it now is).
void MediaEngine::Impl::closeMedia(CallMedia& s) {
  if (s.media) sendRtcp(s, true);
  s.closed = true;
  asio::error_code ignored;
  s.rtp.close(ignored);
  s.rtcp.close(ignored);
  if (s.media && qualitySink) {
    if (auto report = s.watch.atEnd(s.key, s.quality)) qualitySink(std::move(*report));
  }
  if (!s.recording) return;
  s.recording->close();
  RecordingResult r = std::move(s.recorded);
  r.durationMs = s.recording->durationMs();
  r.pausedMs = s.pausedFrames * kFrameMs;
  r.quality = s.quality;
  if (r.error.empty()) r.error = s.recording->error();
  std::error_code ec;
  r.bytes = std::filesystem::file_size(r.path, ec);
  r.sha256 = sha256OfFile(r.path);
  if (r.sha256.empty() && r.error.empty()) r.error = r.path + ": cannot be read back for its checksum";
  s.recording.reset();
  if (!r.error.empty()) log("recording of call " + escapeForLog(s.key) + ": " + r.error);
  if (recordingSink) recordingSink(std::move(r));
}

// The file: recordings.path/YYYY-MM-DD/HHMMSS-<our SSRC>.opus (UTC), the folder 0700.
void MediaEngine::Impl::startRecording(CallMedia& s) {
  if (settings.recordingsPath.empty()) return;
  const std::int64_t now = unixUs();
  const std::time_t seconds = static_cast<std::time_t>(now / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char day[16], time[16], ssrc[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", &utc);
  std::strftime(time, sizeof time, "%H%M%S", &utc);
  std::snprintf(ssrc, sizeof ssrc, "%08x", s.ssrc);
  const std::filesystem::path folder = std::filesystem::path(settings.recordingsPath) / day;
  std::error_code ec;
  if (std::filesystem::create_directories(folder, ec)) ::chmod(folder.c_str(), 0700);
  s.recorded = RecordingResult{};
  s.recorded.key = s.key;
  s.recorded.path = (folder / (std::string(time) + "-" + ssrc + ".opus")).string();
  s.recorded.startedUs = now;
  s.recording = std::make_unique<OggOpusWriter>();
  if (std::string error = s.recording->open(s.recorded.path, kMediaSampleRate, 2); !error.empty()) {
    log("recording of call " + escapeForLog(s.key) + ": " + error);
    s.recording.reset();
    return;
  }
  s.quality.recording = true;
}

std::optional<CallQuality> MediaEngine::quality(const std::string& key) const {
  std::lock_guard lock(m_impl->mutex);
  auto it = m_impl->sessions.find(key);
  if (it == m_impl->sessions.end() || !it->second->media) return std::nullopt;
  return it->second->quality;
}

std::size_t MediaEngine::calls() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->sessions.size();
}

void MediaEngine::Impl::tick() {
  nextTick += std::chrono::milliseconds(kFrameMs);
  const auto now = std::chrono::steady_clock::now();
  if (now - nextTick > 200ms) nextTick = now;  // the machine stalled: keep time from now, do not burst
  timer.expires_at(nextTick);
  timer.async_wait([this](const asio::error_code& ec) {
    if (ec || stopping) return;
    const std::int64_t nowMs = steadyMs();
    {
      std::lock_guard lock(mutex);
      for (auto& [key, s] : sessions) {
        if (s->media) frame(*s, nowMs);
      }
    }
    tick();
  });
}

void MediaEngine::Impl::frame(CallMedia& s, std::int64_t nowMs) {
  const bool hasDevice = deviceKey == s.key;
  // The caller's voice to the agent's ear.
  static const std::vector<std::int16_t> silence(kFrameSamples);
  JitterBuffer::Frame heard;
  if (s.heardFromCaller) heard = s.jitter.pop(nowMs);
  const std::vector<std::int16_t>& customer = s.heardFromCaller ? heard.samples : silence;
  if (hasDevice) device->play(customer);
  // The agent's voice to the caller; while the agent holds the call (we only send), the
  // device's input is read and dropped and the caller hears music on hold instead.
  std::array<std::int16_t, kFrameSamples> spoken{};
  if (hasDevice) device->capture(spoken);
  // The meters: a peak falls back 1 dB a frame (50 dB/s), so a word stays visible.
  s.quality.agentLevelDb = std::max(levelDb(spoken), s.quality.agentLevelDb - 1.0);
  s.quality.callerLevelDb = std::max(levelDb(customer), s.quality.callerLevelDb - 1.0);
  if (s.quality.muted) spoken.fill(0);
  if (hasDevice) s.quality.deviceProblem = device->problem();
  if (s.media->direction == Direction::SendOnly) {
    if (musicOnHold.empty()) {
      builtInMusicOnHold(s.musicPosition, spoken);
    } else {
      for (std::size_t i = 0; i < spoken.size(); ++i)
        spoken[i] = musicOnHold[(s.musicPosition + i) % musicOnHold.size()];
    }
    s.musicPosition += kFrameSamples;
  }
  const bool sending = sends(s.media->direction) && s.codec && s.sendTo.port() != 0;
  // A DTMF digit playing: its event packets go instead of this frame's audio.
  const auto events = s.media->telephoneEvent ? s.dtmf.frame(s.timestamp) : std::vector<DtmfSender::Packet>{};
  if (s.recording) {
    // Stereo: the customer left, the agent (what went to the customer) right.
    std::array<std::int16_t, 2 * kFrameSamples> both{};
    if (s.quality.recordingPaused) {
      ++s.pausedFrames;
    } else {
      for (int i = 0; i < kFrameSamples; ++i) {
        both[2 * i] = customer[i];
        both[2 * i + 1] = sending && events.empty() ? spoken[i] : 0;
      }
    }
    s.recording->write(both);
  }
  if (sending && !events.empty()) {
    for (const auto& e : events) {
      RtpHeader h;
      h.payloadType = static_cast<std::uint8_t>(s.media->telephoneEvent->payloadType);
      h.marker = e.marker;
      h.sequence = s.sequence++;
      h.timestamp = e.timestamp;
      h.ssrc = s.ssrc;
      auto datagram = std::make_shared<std::vector<std::uint8_t>>(writeRtp(h, writeDtmf(e.payload)));
      s.rtp.async_send_to(asio::buffer(*datagram), s.sendTo, [datagram](const asio::error_code&, std::size_t) {});
      ++s.quality.packetsSent;
      s.octetsSent += 4;
    }
  } else if (sending) {
    RtpHeader h;
    h.payloadType = static_cast<std::uint8_t>(s.media->codec.payloadType);
    h.marker = s.firstPacket;
    h.sequence = s.sequence++;
    h.timestamp = s.timestamp;
    h.ssrc = s.ssrc;
    const auto payload = s.codec->encode(spoken);
    auto datagram = std::make_shared<std::vector<std::uint8_t>>(writeRtp(h, payload));
    s.rtp.async_send_to(asio::buffer(*datagram), s.sendTo, [datagram](const asio::error_code&, std::size_t) {});
    s.firstPacket = false;
    ++s.quality.packetsSent;
    s.octetsSent += payload.size();
  }
  // The clock runs while we send nothing (RFC 3550 §5.1).
  s.timestamp += static_cast<std::uint32_t>(s.clockRate * kFrameMs / 1000);

  const JitterStats& js = s.jitter.stats();
  s.quality.seconds = static_cast<double>(nowMs - s.startedMs) / 1000.0;
  s.quality.packetsReceived = s.reception.packets();
  s.quality.packetsLost = s.reception.lost();
  s.quality.framesLate = js.late;
  s.quality.framesConcealed = js.lost + js.underruns;
  s.quality.jitterMs = js.jitterMs;
  s.quality.bufferMs = js.targetDelayMs;
  s.quality.hasDevice = hasDevice;
  if (nowMs >= s.nextScoreMs) {
    s.nextScoreMs = nowMs + QualityWatch::kEveryMs;
    if (auto changed = s.watch.sample(s.quality, s.quality.score); changed && qualitySink) {
      qualitySink(QualityReport{s.key, s.quality.codec, *changed, false, std::nullopt});
    }
  }
  if (nowMs >= s.nextRtcpMs) {
    sendRtcp(s, false);
    std::uniform_int_distribution<int> spread(2500, 7500);
    s.nextRtcpMs = nowMs + spread(random);
  }
}

void MediaEngine::Impl::sendRtcp(CallMedia& s, bool bye) {
  if (s.rtcpTo.port() == 0) return;
  const std::uint64_t ntp = ntpNow();
  RtcpReport r;
  r.ssrc = s.ssrc;
  r.senderReport = s.quality.packetsSent > 0;
  r.ntpTime = ntp;
  r.rtpTimestamp = s.timestamp;
  r.packetCount = static_cast<std::uint32_t>(s.quality.packetsSent);
  r.octetCount = static_cast<std::uint32_t>(s.octetsSent);
  if (s.remoteSsrc) {
    const auto jitterUnits = static_cast<std::uint32_t>(s.jitter.stats().jitterMs * s.clockRate / 1000.0);
    r.blocks.push_back(s.reception.block(*s.remoteSsrc, jitterUnits, ntp));
  }
  auto datagram = std::make_shared<std::vector<std::uint8_t>>(writeRtcp(r, "frontline@" + settings.address, bye));
  s.rtcp.async_send_to(asio::buffer(*datagram), s.rtcpTo, [datagram](const asio::error_code&, std::size_t) {});
}

void MediaEngine::Impl::receiveRtp(const std::shared_ptr<CallMedia>& s) {
  s->rtp.async_receive_from(asio::buffer(s->rtpBuffer), s->rtpFrom,
                            [this, s](const asio::error_code& ec, std::size_t n) {
                              if (s->closed || ec == asio::error::operation_aborted) return;
                              // An ICMP "port unreachable" for what we sent (the caller is
                              // not listening yet) comes back as an error here: go on.
                              if (!ec) {
                                std::lock_guard lock(mutex);
                                onRtp(*s, std::span(s->rtpBuffer.data(), n), s->rtpFrom);
                              }
                              receiveRtp(s);
                            });
}

void MediaEngine::Impl::receiveRtcp(const std::shared_ptr<CallMedia>& s) {
  s->rtcp.async_receive_from(asio::buffer(s->rtcpBuffer), s->rtcpFrom,
                             [this, s](const asio::error_code& ec, std::size_t n) {
                               if (s->closed || ec == asio::error::operation_aborted) return;
                               if (!ec) {
                                 std::lock_guard lock(mutex);
                                 s->rtcpTo = s->rtcpFrom;  // symmetric RTCP
                                 onRtcp(*s, std::span(s->rtcpBuffer.data(), n));
                               }
                               receiveRtcp(s);
                             });
}

void MediaEngine::Impl::invalid(CallMedia& s, const udp::endpoint& from, const std::string& why) {
  ++s.quality.invalidPackets;
  if (s.loggedInvalid) return;
  s.loggedInvalid = true;  // once per call: a stream of junk must not flood the log
  log("media " + endpointText(from) + " (call " + escapeForLog(s.key) + "): " + why +
      " (further ones counted, not logged)");
}

void MediaEngine::Impl::onRtp(CallMedia& s, std::span<const std::uint8_t> datagram, const udp::endpoint& from) {
  if (!s.media) return;                                     // not answered yet: nothing negotiated to play
  if (looksLikeRtcp(datagram)) return onRtcp(s, datagram);  // rtcp-mux
  auto parsed = parseRtp(datagram);
  if (auto* error = std::get_if<std::string>(&parsed)) return invalid(s, from, "not RTP: " + *error);
  const RtpPacketView& p = std::get<RtpPacketView>(parsed);
  const bool telephoneEvent = s.media->telephoneEvent && p.header.payloadType == s.media->telephoneEvent->payloadType;
  if (p.header.payloadType != s.media->codec.payloadType && !telephoneEvent) {
    return invalid(s, from,
                   "payload type " + std::to_string(p.header.payloadType) + ", negotiated " +
                       std::to_string(s.media->codec.payloadType));
  }
  const std::int64_t nowMs = steadyMs();
  if (!s.source || (*s.source != from && nowMs - s.lastFromSourceMs > kRelatchSilenceMs)) {
    if (s.source || from != s.sendTo) {
      s.sendTo = from;
      s.quality.latched = true;
      s.quality.remote = endpointText(from);
    }
    s.source = from;
  }
  if (*s.source != from)
    return invalid(s, from, "RTP from a second source while " + endpointText(*s.source) + " sends");
  s.lastFromSourceMs = nowMs;
  s.remoteSsrc = p.header.ssrc;
  s.reception.received(p.header.sequence);
  if (telephoneEvent || !s.codec) return;
  auto decoded = s.codec->decode(p.payload);
  if (auto* error = std::get_if<std::string>(&decoded)) return invalid(s, from, *error);
  const std::vector<std::int16_t>& samples = std::get<std::vector<std::int16_t>>(decoded);
  if (samples.empty() || samples.size() % kFrameSamples != 0) {
    return invalid(s, from, std::to_string(samples.size()) + " samples in a packet; we play 20 ms frames");
  }
  for (std::size_t at = 0; at < samples.size(); at += kFrameSamples) {
    // Our samples are at kMediaSampleRate; the timestamps at the codec's clock.
    const auto offset = static_cast<std::uint32_t>(at * static_cast<std::size_t>(s.clockRate) / kMediaSampleRate);
    s.jitter.push(p.header.timestamp + offset,
                  std::vector<std::int16_t>(samples.begin() + static_cast<std::ptrdiff_t>(at),
                                            samples.begin() + static_cast<std::ptrdiff_t>(at + kFrameSamples)),
                  nowMs);
  }
  s.heardFromCaller = true;
}

void MediaEngine::Impl::onRtcp(CallMedia& s, std::span<const std::uint8_t> datagram) {
  auto parsed = parseRtcp(datagram);
  if (auto* error = std::get_if<std::string>(&parsed)) return invalid(s, s.rtcpFrom, "not RTCP: " + *error);
  const std::uint64_t arrival = ntpNow();
  ++s.quality.rtcpReceived;
  for (const RtcpReport& r : std::get<RtcpCompound>(parsed).reports) {
    if (r.senderReport) s.reception.senderReportArrived(r.ntpTime, arrival);
    for (const ReportBlock& b : r.blocks) {
      if (b.ssrc != s.ssrc) continue;
      s.quality.remoteLossPercent = b.fractionLost * 100.0 / 256.0;
      s.quality.remoteJitterMs = b.jitter * 1000.0 / s.clockRate;
      if (auto rtt = roundTripMs(b, arrival)) s.quality.roundTripMs = *rtt;
    }
  }
}

}  // namespace frontline::telephony::media
