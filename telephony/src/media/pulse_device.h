// The agent's headset through PulseAudio (or PipeWire's PulseAudio server): `audio.device =
// "pulse"` for the default output and input, "pulse:SINK,SOURCE" to name them (either may
// be empty: the default). Internal to telephony; opened by openAudioDevice.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "telephony/media/audio_device.h"

namespace frontline::telephony::media {

// The device, or why it cannot be opened (no sound server, no such sink), naming the spec.
std::variant<std::unique_ptr<AudioDevice>, std::string> openPulseDevice(const std::string& spec,
                                                                        const std::string& sink,
                                                                        const std::string& source);

}  // namespace frontline::telephony::media
