// The PulseAudio device; see pulse_device.h.
//
// The media thread must never wait for the sound card, and PulseAudio's simple API blocks:
// so two threads of the device's own do the blocking. The capture thread reads 20 ms at a
// time from the source into a queue that capture() takes a frame from (silence when none
// has come yet); the playback thread writes the frames play() queued to the sink, silence
// when there are none, so the sink's clock paces it. Each queue holds at most 100 ms: a
// sound card's clock that runs faster or slower than the media thread's drops or repeats
// silence there, never grows the delay. The server's own buffer is asked for 60 ms.
#include "pulse_device.h"

#include <pulse/error.h>
#include <pulse/simple.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace frontline::telephony::media {

namespace {

constexpr std::size_t kFrame = kMediaSampleRate / 50;  // 20 ms
constexpr std::size_t kMostQueued = 5 * kFrame;        // 100 ms

class PulseDevice final : public AudioDevice {
 public:
  PulseDevice(std::string spec, pa_simple* out, pa_simple* in) : m_spec(std::move(spec)), m_out(out), m_in(in) {
    m_capture = std::thread([this] { captureLoop(); });
    m_playback = std::thread([this] { playbackLoop(); });
  }
  ~PulseDevice() override {
    m_stop = true;
    m_capture.join();
    m_playback.join();
    pa_simple_free(m_in);
    pa_simple_free(m_out);
  }
  PulseDevice(const PulseDevice&) = delete;
  PulseDevice& operator=(const PulseDevice&) = delete;

  void begin() override {
    std::lock_guard lock(m_mutex);
    m_heard.clear();  // a new call starts from now, not from what was said before it
    m_spoken.clear();
  }

  void capture(std::span<std::int16_t> samples) override {
    std::lock_guard lock(m_mutex);
    const std::size_t n = std::min(samples.size(), m_heard.size());
    std::copy_n(m_heard.begin(), n, samples.begin());
    m_heard.erase(m_heard.begin(), m_heard.begin() + static_cast<std::ptrdiff_t>(n));
    std::fill(samples.begin() + static_cast<std::ptrdiff_t>(n), samples.end(), 0);
  }

  void play(std::span<const std::int16_t> samples) override {
    std::lock_guard lock(m_mutex);
    m_spoken.insert(m_spoken.end(), samples.begin(), samples.end());
    if (m_spoken.size() > kMostQueued) m_spoken.erase(m_spoken.begin(), m_spoken.end() - kMostQueued);
  }

  std::string describe() const override { return m_spec; }

  std::string problem() const override {
    std::lock_guard lock(m_mutex);
    return m_problem;
  }

 private:
  void failed(const char* what, int error) {
    std::lock_guard lock(m_mutex);
    m_problem = m_spec + ": " + what + ": " + pa_strerror(error);
  }

  void captureLoop() {
    std::vector<std::int16_t> frame(kFrame);
    while (!m_stop) {
      int error = 0;
      if (pa_simple_read(m_in, frame.data(), frame.size() * sizeof(std::int16_t), &error) < 0) {
        failed("the microphone stopped", error);
        return;
      }
      std::lock_guard lock(m_mutex);
      m_heard.insert(m_heard.end(), frame.begin(), frame.end());
      if (m_heard.size() > kMostQueued) m_heard.erase(m_heard.begin(), m_heard.end() - kMostQueued);
    }
  }

  void playbackLoop() {
    std::vector<std::int16_t> frame(kFrame);
    while (!m_stop) {
      {
        std::lock_guard lock(m_mutex);
        const std::size_t n = std::min(kFrame, m_spoken.size());
        std::copy_n(m_spoken.begin(), n, frame.begin());
        m_spoken.erase(m_spoken.begin(), m_spoken.begin() + static_cast<std::ptrdiff_t>(n));
        std::fill(frame.begin() + static_cast<std::ptrdiff_t>(n), frame.end(), 0);
      }
      int error = 0;
      if (pa_simple_write(m_out, frame.data(), frame.size() * sizeof(std::int16_t), &error) < 0) {
        failed("the speaker stopped", error);
        return;
      }
    }
  }

  std::string m_spec;
  pa_simple* m_out;
  pa_simple* m_in;
  mutable std::mutex m_mutex;
  std::deque<std::int16_t> m_heard;   // from the microphone, for capture()
  std::deque<std::int16_t> m_spoken;  // from play(), for the speaker
  std::string m_problem;
  std::atomic<bool> m_stop{false};
  std::thread m_capture;
  std::thread m_playback;
};

}  // namespace

std::variant<std::unique_ptr<AudioDevice>, std::string> openPulseDevice(const std::string& spec,
                                                                        const std::string& sink,
                                                                        const std::string& source) {
  const pa_sample_spec format{PA_SAMPLE_S16LE, kMediaSampleRate, 1};
  const auto bytes = [](int ms) { return static_cast<std::uint32_t>(kMediaSampleRate * 2 * ms / 1000); };
  pa_buffer_attr playback{};
  playback.maxlength = static_cast<std::uint32_t>(-1);
  playback.tlength = bytes(60);
  playback.prebuf = static_cast<std::uint32_t>(-1);
  playback.minreq = bytes(20);
  pa_buffer_attr record{};
  record.maxlength = static_cast<std::uint32_t>(-1);
  record.fragsize = bytes(20);
  int error = 0;
  pa_simple* out = pa_simple_new(nullptr, "Frontline", PA_STREAM_PLAYBACK, sink.empty() ? nullptr : sink.c_str(),
                                 "call audio", &format, nullptr, &playback, &error);
  if (!out) {
    return "audio.device \"" + spec + "\": cannot open the speaker" + (sink.empty() ? "" : " '" + sink + "'") + ": " +
           pa_strerror(error) + " (is a PulseAudio or PipeWire server running for this user?)";
  }
  pa_simple* in = pa_simple_new(nullptr, "Frontline", PA_STREAM_RECORD, source.empty() ? nullptr : source.c_str(),
                                "agent's microphone", &format, nullptr, &record, &error);
  if (!in) {
    pa_simple_free(out);
    return "audio.device \"" + spec + "\": cannot open the microphone" + (source.empty() ? "" : " '" + source + "'") +
           ": " + pa_strerror(error);
  }
  return std::unique_ptr<AudioDevice>(std::make_unique<PulseDevice>(spec, out, in));
}

}  // namespace frontline::telephony::media
