// `frontline audio devices`; see audio_command.h.
#include "app/audio_command.h"

#include <cstdio>

#include "telephony/media/audio_endpoints.h"

namespace frontline::app {

int runAudioDevices() {
  using telephony::media::AudioEndpoint;
  const auto endpoints = telephony::media::listAudioEndpoints();
  if (!endpoints.error.empty()) {
    std::fprintf(stderr, "frontline audio devices: %s (is a PulseAudio or PipeWire server running for this user?)\n",
                 endpoints.error.c_str());
    return 1;
  }
  const auto list = [](const char* heading, const std::vector<AudioEndpoint>& all, const std::string& defaultName) {
    std::printf("%s:\n", heading);
    if (all.empty()) std::printf("  (none)\n");
    for (const AudioEndpoint& e : all) {
      std::printf("  %s%s\n      %s%s\n", e.name == defaultName ? "* " : "  ", e.name.c_str(), e.description.c_str(),
                  e.monitor ? " (hears a speaker: not a microphone)" : "");
    }
  };
  list("Speakers (sinks)", endpoints.outputs, endpoints.defaultOutput);
  list("Microphones (sources)", endpoints.inputs, endpoints.defaultInput);
  std::printf(
      "\n* the server's default. In the configuration:\n  [audio]\n  device = \"%s\"   # the defaults\n"
      "  device = \"pulse:SPEAKER,MICROPHONE\"   # by name, from the lists above\n",
      telephony::media::pulseDeviceSpec("", "").c_str());
  return 0;
}

}  // namespace frontline::app
