// `frontline recording check FILE [--wav OUT.wav]`: reads a call recording back (every
// page, every packet) and prints its length, channels and SHA-256, the checksum to compare
// with the call's `recorded` event; --wav writes it as a 48 kHz stereo WAV (customer left,
// agent right) for any audio tool. Exit 1, naming the file, when it cannot be read.
#pragma once

#include <string>

namespace frontline::app {

int runRecordingCheck(const std::string& path, const std::string& wavOut);

}  // namespace frontline::app
