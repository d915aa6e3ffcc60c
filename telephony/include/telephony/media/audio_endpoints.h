// The speakers and microphones the agent can choose from: the sinks and sources of the
// PulseAudio (or PipeWire's PulseAudio) server for this user, as its own mixer lists them.
// A headset plugged in after the console started shows up on the next call of
// listAudioEndpoints(). Blocking (it asks the sound server and waits for at most two
// seconds): never call it on the UI, network or media thread.
#pragma once

#include <string>
#include <vector>

namespace frontline::telephony::media {

struct AudioEndpoint {
  std::string name;         // the server's name: "alsa_output.usb-Jabra...analog-stereo", "ear"
  std::string description;  // what the desktop's mixer shows: "Jabra Evolve2 40 Analog Stereo"
  bool monitor = false;     // a source that hears a sink (not a microphone; tests use them)
};

struct AudioEndpoints {
  std::vector<AudioEndpoint> outputs;  // sinks: speakers, earpieces
  std::vector<AudioEndpoint> inputs;   // sources, microphones first, then monitors
  std::string defaultOutput;           // the server's defaults, by name
  std::string defaultInput;
  std::string error;  // no sound server, or it did not answer: why (the lists are then empty)
};

AudioEndpoints listAudioEndpoints();

// The audio.device spec for a speaker and a microphone ("pulse:SINK,SOURCE"); an empty name
// is the server's default ("pulse" when both are).
std::string pulseDeviceSpec(const std::string& output, const std::string& input);

// The speaker and microphone a "pulse..." spec names (empty: the default); false when the
// spec is not a PulseAudio device.
bool parsePulseDeviceSpec(const std::string& spec, std::string& output, std::string& input);

}  // namespace frontline::telephony::media
