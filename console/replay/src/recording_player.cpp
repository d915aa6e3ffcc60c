// The trainer's playback; see recording_player.h.
#include "replay/recording_player.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace frontline::replay {

namespace {
constexpr std::int64_t kFileRate = 48000;  // what the reader gives
constexpr std::int64_t kFrameUs = 20'000;
constexpr std::size_t kOutSamples = telephony::media::kMediaSampleRate / 50;  // 20 ms at the device's rate
constexpr std::int64_t kToleranceFrames = kFileRate / 4;                      // 250 ms

std::int64_t framesOf(std::int64_t us) {
  return us * kFileRate / 1'000'000;
}
}  // namespace

RecordingPlayer::RecordingPlayer(std::unique_ptr<telephony::media::AudioDevice> device) : m_device(std::move(device)) {}

RecordingPlayer::~RecordingPlayer() {
  stop();
}

void RecordingPlayer::start() {
  if (m_thread.joinable()) return;
  m_device->begin();
  m_stop = false;
  m_thread = std::thread([this] { run(); });
}

void RecordingPlayer::stop() {
  if (!m_thread.joinable()) return;
  m_stop = true;
  m_thread.join();
  std::lock_guard lock(m_mutex);
  m_device->end();
}

void RecordingPlayer::run() {
  pthread_setname_np(pthread_self(), "fl-playback");
  auto next = std::chrono::steady_clock::now();
  while (!m_stop) {
    renderFrame();
    next += std::chrono::microseconds(kFrameUs);
    std::this_thread::sleep_until(next);  // absolute deadlines: the pace does not drift
  }
}

std::string RecordingPlayer::load(const std::string& path, std::int64_t startUs) {
  std::lock_guard lock(m_mutex);
  if (path == m_path && m_reader.isOpen()) return {};
  m_path.clear();
  const std::string error = m_reader.open(path);
  if (!error.empty()) return error;
  m_path = path;
  m_startUs = startUs;
  m_frame = 0;
  m_playing = false;
  return {};
}

void RecordingPlayer::unload() {
  std::lock_guard lock(m_mutex);
  m_reader.close();
  m_path.clear();
  m_playing = false;
}

void RecordingPlayer::follow(std::int64_t playheadUs, bool playing, double speed) {
  std::lock_guard lock(m_mutex);
  if (!m_reader.isOpen()) return;
  m_speed = speed;
  const bool wasPlaying = m_playing;
  m_playing = playing && speed <= kMaxAudibleSpeed;
  const std::int64_t wanted = framesOf(playheadUs - m_startUs);
  // While it plays on, the sound keeps its own pace (the playhead moves by the UI's frames)
  // unless they part; otherwise it starts exactly at the playhead.
  if (!m_playing || !wasPlaying || std::llabs(wanted - m_frame) > kToleranceFrames) {
    m_frame = wanted;
    if (m_frame >= 0) m_reader.seek(m_frame);
  }
}

void RecordingPlayer::renderFrame() {
  std::lock_guard lock(m_mutex);
  std::int16_t out[kOutSamples] = {};
  if (m_playing && m_reader.isOpen()) {
    // 20 ms of the device at `speed`: more or fewer of the file's frames, averaged down.
    const auto need = static_cast<std::int64_t>(std::llround(static_cast<double>(framesOf(kFrameUs)) * m_speed));
    if (m_frame < 0) {
      m_frame += need;  // before the recording starts (the call rang): silence
      if (m_frame >= 0) {
        m_frame = 0;
        m_reader.seek(0);
      }
    } else if (m_frame < m_reader.frames()) {
      const int channels = m_reader.channels();
      m_buffer.assign(static_cast<std::size_t>(need * channels), 0);
      const std::size_t got = m_reader.read(m_buffer);
      for (std::size_t o = 0; o < kOutSamples; ++o) {
        const std::size_t from = o * static_cast<std::size_t>(need) / kOutSamples;
        const std::size_t until = std::min<std::size_t>((o + 1) * static_cast<std::size_t>(need) / kOutSamples, got);
        double sum = 0;
        std::size_t count = 0;
        for (std::size_t f = from; f < until; ++f, ++count) {
          for (int c = 0; c < channels; ++c) sum += m_buffer[f * static_cast<std::size_t>(channels) + c];
        }
        // Both channels at their own loudness (a sum, clipped): each speaker as recorded.
        if (count > 0)
          out[o] = static_cast<std::int16_t>(std::clamp(sum / static_cast<double>(count), -32768.0, 32767.0));
      }
      m_frame += need;
    }
  }
  m_device->play(out);
}

std::int64_t RecordingPlayer::positionUs() const {
  std::lock_guard lock(m_mutex);
  return m_startUs + m_frame * 1'000'000 / kFileRate;
}

std::string RecordingPlayer::status() const {
  std::lock_guard lock(m_mutex);
  if (!m_reader.isOpen()) return {};
  const std::string device = " through " + m_device->describe();
  if (!m_playing) {
    return m_speed > kMaxAudibleSpeed ? "sound off above 2x" : "sound paused (" + m_device->describe() + ")";
  }
  char speed[16];
  std::snprintf(speed, sizeof speed, "%gx", m_speed);
  if (m_speed == 1.0) return std::string("sound at 1x") + device;
  return std::string("sound at ") + speed + device + " (plain speed change: the pitch " +
         (m_speed > 1.0 ? "rises" : "falls") + ")";
}

}  // namespace frontline::replay
