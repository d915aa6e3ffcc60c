// The agent's headset with the voice processing a softphone needs: WebRTC's audio
// processing module (libwebrtc-audio-processing) between the device and the calls. Echo
// cancellation takes the caller's voice, played on the agent's speaker or open headset,
// out of what the microphone hears (else the caller hears themselves a moment later);
// noise suppression lowers a steady room noise (fans, the floor's murmur); automatic
// gain keeps a quiet or a loud agent near the same level; a high-pass filter drops hum.
// Only the agent's side is processed: the caller's audio is played and recorded as it came.
// Wraps any AudioDevice (`audio.device = "pulse"` gets it unless audio.voice_processing
// is false). Media thread only, like the device it wraps.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "telephony/media/audio_device.h"

namespace webrtc {
class AudioProcessing;
class AudioFrame;
}  // namespace webrtc

namespace frontline::telephony::media {

struct VoiceProcessing {
  bool echoCancellation = true;
  bool noiseSuppression = true;
  bool gainControl = true;
  // How long from our playing a frame to its echo reaching the microphone, as a first
  // guess; the canceller finds the true delay itself (delay-agnostic mode).
  int echoDelayMs = 80;
};

class VoiceProcessingDevice : public AudioDevice {
 public:
  VoiceProcessingDevice(std::unique_ptr<AudioDevice> inner, VoiceProcessing settings);
  ~VoiceProcessingDevice() override;
  void begin() override;
  void end() override;
  void capture(std::span<std::int16_t> samples) override;
  void play(std::span<const std::int16_t> samples) override;
  std::string describe() const override;
  std::string problem() const override;
  // How much the echo canceller takes off the echo (ERLE, dB), once it has measured it.
  std::optional<double> echoReductionDb() const;

 private:
  std::unique_ptr<AudioDevice> m_inner;
  VoiceProcessing m_settings;
  std::unique_ptr<webrtc::AudioProcessing> m_apm;
  std::unique_ptr<webrtc::AudioFrame> m_frame;  // 10 ms at a time (the module's unit), reused
  std::atomic<const char*> m_problem{nullptr};  // the module refused to start or a frame: said on the call pane
};

}  // namespace frontline::telephony::media
