// A recorded call's customer voice; see voice_analysis.h.
#include "desk/voice_analysis.h"

#include <pthread.h>

#include <span>
#include <vector>

#include "telephony/media/ogg_opus.h"
#include "telephony/media/wav_file.h"

namespace frontline::desk {
namespace {

// Takes interleaved 16-bit blocks at any rate down to kVoiceRate, a channel at a time, by
// averaging each group of samples (the rates a recording has are multiples of 8,000).
class Downmix {
 public:
  explicit Downmix(int rate) : m_step(std::max(1, rate / kVoiceRate)) {}
  void add(std::span<const std::int16_t> interleaved, int channels) {
    for (std::size_t i = 0; i + static_cast<std::size_t>(channels) <= interleaved.size();
         i += static_cast<std::size_t>(channels)) {
      m_sum[0] += interleaved[i];
      m_sum[1] += channels > 1 ? interleaved[i + 1] : 0;
      if (++m_count < m_step) continue;
      for (int c = 0; c < 2; ++c) {
        m_out[c].push_back(static_cast<float>(m_sum[c] / m_step / 32768.0));
        m_sum[c] = 0;
      }
      m_count = 0;
    }
  }
  const std::vector<float>& customer() const { return m_out[0]; }
  const std::vector<float>& agent() const { return m_out[1]; }

 private:
  int m_step;
  int m_count = 0;
  double m_sum[2] = {0, 0};
  std::vector<float> m_out[2];
};

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::variant<emotion::VoiceAnalysis, std::string> analyseRecording(const std::string& path) {
  if (endsWith(path, ".wav")) {
    auto wav = telephony::media::readWav(path);
    if (auto* error = std::get_if<std::string>(&wav)) return *error;
    const auto& audio = std::get<telephony::media::WavAudio>(wav);
    if (audio.sampleRate % kVoiceRate != 0) {
      return path + ": " + std::to_string(audio.sampleRate) + " Hz is not a multiple of 8000 Hz";
    }
    Downmix mix(audio.sampleRate);
    mix.add(audio.samples, audio.channels);
    return emotion::analyseVoice(mix.customer(), mix.agent(), kVoiceRate);
  }
  Downmix mix(48000);
  const std::string error = telephony::media::readOggOpusBlocks(
      path, [&](std::span<const std::int16_t> interleaved, int channels) { mix.add(interleaved, channels); });
  if (!error.empty()) return error;
  return emotion::analyseVoice(mix.customer(), mix.agent(), kVoiceRate);
}

VoiceAnalyser::VoiceAnalyser(Done done) : m_done(std::move(done)), m_thread([this] { run(); }) {}

VoiceAnalyser::~VoiceAnalyser() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void VoiceAnalyser::add(Job job) {
  {
    std::lock_guard lock(m_mutex);
    m_jobs.push_back(std::move(job));
  }
  m_wake.notify_one();
}

void VoiceAnalyser::run() {
  pthread_setname_np(pthread_self(), "fl-voice");
  for (;;) {
    Job job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
      if (m_stop) return;
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    auto result = analyseRecording(job.path);
    m_done(job, std::move(result));
  }
}

}  // namespace frontline::desk
