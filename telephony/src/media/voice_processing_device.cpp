// Voice processing around the agent's headset; see voice_processing_device.h.
//
// The module takes 10 ms pieces: each of our 20 ms frames is two. The caller's frame goes
// to the module (its "reverse stream") just before the device plays it, the microphone's
// frame through the module just after the device captured it, in that order every frame
// time, so the canceller always has the far end before the echo of it.
#include "media/voice_processing_device.h"

#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

#include <algorithm>
#include <cstring>

namespace frontline::telephony::media {
namespace {

constexpr std::size_t kPiece = kMediaSampleRate / 100;  // 10 ms

void fill(webrtc::AudioFrame& f, std::span<const std::int16_t> samples) {
  f.UpdateFrame(0, 0, samples.data(), samples.size(), kMediaSampleRate, webrtc::AudioFrame::kNormalSpeech,
                webrtc::AudioFrame::kVadUnknown, 1);
}

}  // namespace

VoiceProcessingDevice::VoiceProcessingDevice(std::unique_ptr<AudioDevice> inner, VoiceProcessing settings)
    : m_inner(std::move(inner)), m_settings(settings), m_frame(std::make_unique<webrtc::AudioFrame>()) {
  webrtc::Config config;
  config.Set<webrtc::DelayAgnostic>(new webrtc::DelayAgnostic(true));
  config.Set<webrtc::ExtendedFilter>(new webrtc::ExtendedFilter(true));
  config.Set<webrtc::ExperimentalAgc>(new webrtc::ExperimentalAgc(false));  // digital gain, not a mixer's
  m_apm.reset(webrtc::AudioProcessing::Create(config));
  if (!m_apm) {
    m_problem = "voice processing could not start; the microphone is sent as it is";
    return;
  }
  m_apm->Initialize(kMediaSampleRate, kMediaSampleRate, kMediaSampleRate, webrtc::AudioProcessing::kMono,
                    webrtc::AudioProcessing::kMono, webrtc::AudioProcessing::kMono);
  m_apm->high_pass_filter()->Enable(true);
  if (m_settings.echoCancellation) {
    m_apm->echo_cancellation()->enable_drift_compensation(false);
    // Moderate: agents talk over callers; high suppression took 16 dB off the agent's voice
    // while the caller spoke (moderate: 9 dB, 6.5 dB with the gain control), for little
    // more echo taken off once the canceller has converged.
    m_apm->echo_cancellation()->set_suppression_level(webrtc::EchoCancellation::kModerateSuppression);
    m_apm->echo_cancellation()->enable_metrics(true);
    m_apm->echo_cancellation()->Enable(true);
  }
  if (m_settings.noiseSuppression) {
    m_apm->noise_suppression()->set_level(webrtc::NoiseSuppression::kModerate);
    m_apm->noise_suppression()->Enable(true);
  }
  if (m_settings.gainControl) {
    m_apm->gain_control()->set_mode(webrtc::GainControl::kAdaptiveDigital);
    m_apm->gain_control()->set_target_level_dbfs(6);  // -6 dBFS: loud, never clipped
    m_apm->gain_control()->set_compression_gain_db(9);
    m_apm->gain_control()->enable_limiter(true);
    m_apm->gain_control()->Enable(true);
  }
}

VoiceProcessingDevice::~VoiceProcessingDevice() = default;

void VoiceProcessingDevice::begin() {
  m_inner->begin();
}

void VoiceProcessingDevice::end() {
  m_inner->end();
}

void VoiceProcessingDevice::play(std::span<const std::int16_t> samples) {
  if (m_apm) {
    for (std::size_t at = 0; at + kPiece <= samples.size(); at += kPiece) {
      fill(*m_frame, samples.subspan(at, kPiece));
      if (m_apm->ProcessReverseStream(m_frame.get()) != webrtc::AudioProcessing::kNoError) {
        m_problem = "voice processing refused the caller's audio";
      }
    }
  }
  m_inner->play(samples);
}

void VoiceProcessingDevice::capture(std::span<std::int16_t> samples) {
  m_inner->capture(samples);
  if (!m_apm) return;
  for (std::size_t at = 0; at + kPiece <= samples.size(); at += kPiece) {
    fill(*m_frame, samples.subspan(at, kPiece));
    m_apm->set_stream_delay_ms(m_settings.echoDelayMs);
    if (m_apm->ProcessStream(m_frame.get()) != webrtc::AudioProcessing::kNoError) {
      m_problem = "voice processing refused the microphone's audio; it is sent as it is";
      continue;
    }
    std::memcpy(samples.data() + at, m_frame->data_, kPiece * sizeof(std::int16_t));
  }
}

std::string VoiceProcessingDevice::describe() const {
  std::string what;
  if (m_settings.echoCancellation) what += ", echo cancelled";
  if (m_settings.noiseSuppression) what += ", noise suppressed";
  if (m_settings.gainControl) what += ", gain controlled";
  return m_inner->describe() + what;
}

std::string VoiceProcessingDevice::problem() const {
  const std::string inner = m_inner->problem();
  const char* ours = m_problem.load();
  return inner.empty() && ours ? std::string(ours) : inner;
}

std::optional<double> VoiceProcessingDevice::echoReductionDb() const {
  if (!m_apm || !m_settings.echoCancellation) return std::nullopt;
  webrtc::EchoCancellation::Metrics metrics;
  if (m_apm->echo_cancellation()->GetMetrics(&metrics) != webrtc::AudioProcessing::kNoError) return std::nullopt;
  if (metrics.echo_return_loss_enhancement.instant <= -100) return std::nullopt;
  return metrics.echo_return_loss_enhancement.average;
}

}  // namespace frontline::telephony::media
