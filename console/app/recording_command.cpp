// `frontline recording check`; see recording_command.h.
#include "app/recording_command.h"

#include <cstdio>
#include <variant>

#include "telephony/media/ogg_opus.h"
#include "telephony/media/wav_file.h"

namespace frontline::app {

int runRecordingCheck(const std::string& path, const std::string& wavOut) {
  namespace media = telephony::media;
  auto decoded = media::readOggOpus(path);
  if (auto* error = std::get_if<std::string>(&decoded)) {
    std::fprintf(stderr, "frontline: recording check: %s\n", error->c_str());
    return 1;
  }
  const auto& audio = std::get<media::WavAudio>(decoded);
  const double seconds = static_cast<double>(audio.samples.size()) / audio.channels / audio.sampleRate;
  std::printf("%s: Ogg Opus, %d channels%s, %.2f s, sha256 %s\n", path.c_str(), audio.channels,
              audio.channels == 2 ? " (customer left, agent right)" : "", seconds, media::sha256OfFile(path).c_str());
  if (wavOut.empty()) return 0;
  media::WavWriter out;
  if (std::string error = out.open(wavOut, audio.sampleRate, audio.channels); !error.empty()) {
    std::fprintf(stderr, "frontline: recording check: %s\n", error.c_str());
    return 1;
  }
  out.write(audio.samples);
  out.close();
  std::printf("wrote %s (%d Hz, %d channels)\n", wavOut.c_str(), audio.sampleRate, audio.channels);
  return 0;
}

}  // namespace frontline::app
