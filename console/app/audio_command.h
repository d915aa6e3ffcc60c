// `frontline audio devices`: the speakers and microphones the sound server (PulseAudio, or
// PipeWire's PulseAudio server) offers this user, each with the audio.device line that
// chooses it, so a headset can be configured without guessing its name. The agent's
// Headset menu offers the same list. Exit 1 when there is no sound server.
#pragma once

namespace frontline::app {

int runAudioDevices();

}  // namespace frontline::app
