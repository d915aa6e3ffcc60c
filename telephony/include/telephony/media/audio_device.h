// The agent's headset as the media thread sees it: one frame of the agent's voice to send
// and one frame of the caller's to play, every frame time, as 16-bit samples at
// kMediaSampleRate, mono. Chosen by `audio.device`:
//   "null"                 silence in, nothing out (serve mode, a recording server);
//   "pulse", "pulse:SINK,SOURCE"
//                          the agent's headset through PulseAudio (or PipeWire's PulseAudio
//                          server): the default output and input, or the ones named;
//   "file:IN.wav,OUT.wav"  the agent "speaks" IN.wav (8,000 Hz mono 16-bit PCM) from the
//                          start of each call, then silence; what they hear is written
//                          to OUT.wav (either name may be left empty). For tests and
//                          machines without a sound card.
// Media thread only (after opening).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace frontline::telephony::media {

constexpr int kMediaSampleRate = 8000;

class AudioDevice {
 public:
  virtual ~AudioDevice() = default;
  // A call takes the device (the input starts again from its beginning).
  virtual void begin() {}
  // The call leaves it.
  virtual void end() {}
  // The agent's voice: fills `samples` (silence when there is nothing to say).
  virtual void capture(std::span<std::int16_t> samples) = 0;
  // What the agent hears.
  virtual void play(std::span<const std::int16_t> samples) = 0;
  // "null", "file:in.wav,out.wav": for the status line and the log.
  virtual std::string describe() const = 0;
  // What went wrong with the device since it opened (the sound server went away), for the
  // call pane; empty while it works. Any thread.
  virtual std::string problem() const { return {}; }
};

// The device `spec` names, or an error naming the spec (and the file) and what is wrong.
std::variant<std::unique_ptr<AudioDevice>, std::string> openAudioDevice(std::string_view spec);

}  // namespace frontline::telephony::media
