// The null and file audio devices; see audio_device.h.
#include "telephony/media/audio_device.h"

#include <algorithm>
#include <vector>

#include "pulse_device.h"
#include "telephony/media/audio_endpoints.h"
#include "telephony/media/wav_file.h"

namespace frontline::telephony::media {

namespace {

class NullDevice : public AudioDevice {
 public:
  void capture(std::span<std::int16_t> samples) override { std::fill(samples.begin(), samples.end(), 0); }
  void play(std::span<const std::int16_t>) override {}
  std::string describe() const override { return "null"; }
};

class FileDevice : public AudioDevice {
 public:
  FileDevice(std::string inPath, std::vector<std::int16_t> input, std::string outPath)
      : m_inPath(std::move(inPath)), m_input(std::move(input)), m_outPath(std::move(outPath)) {}

  void begin() override {
    m_position = 0;
    if (!m_outPath.empty()) m_out.open(m_outPath, kMediaSampleRate, 1);
  }
  void end() override { m_out.close(); }

  void capture(std::span<std::int16_t> samples) override {
    const std::size_t n = std::min(samples.size(), m_input.size() - m_position);
    std::copy_n(m_input.begin() + static_cast<std::ptrdiff_t>(m_position), n, samples.begin());
    std::fill(samples.begin() + static_cast<std::ptrdiff_t>(n), samples.end(), 0);
    m_position += n;
  }
  void play(std::span<const std::int16_t> samples) override {
    m_out.write(samples);
    if (++m_framesSinceFlush >= 50) {  // about a second: a reader sees the header right
      m_out.flush();
      m_framesSinceFlush = 0;
    }
  }
  std::string describe() const override { return "file:" + m_inPath + "," + m_outPath; }

 private:
  std::string m_inPath;
  std::vector<std::int16_t> m_input;
  std::size_t m_position = 0;
  std::string m_outPath;
  WavWriter m_out;
  int m_framesSinceFlush = 0;
};

}  // namespace

std::variant<std::unique_ptr<AudioDevice>, std::string> openAudioDevice(std::string_view spec) {
  if (spec.empty() || spec == "null") return std::unique_ptr<AudioDevice>(std::make_unique<NullDevice>());
  if (std::string output, input; parsePulseDeviceSpec(std::string(spec), output, input)) {
    return openPulseDevice(std::string(spec), output, input);
  }
  if (spec.substr(0, 5) != "file:") {
    return "audio.device \"" + std::string(spec) +
           "\": not a device we know (\"null\", \"pulse\", \"pulse:SINK,SOURCE\", \"file:IN.wav,OUT.wav\")";
  }
  const std::string_view files = spec.substr(5);
  const std::size_t comma = files.find(',');
  if (comma == std::string_view::npos) {
    return "audio.device \"" + std::string(spec) + "\": a file device names IN.wav,OUT.wav (either may be empty)";
  }
  const std::string inPath(files.substr(0, comma));
  const std::string outPath(files.substr(comma + 1));
  std::vector<std::int16_t> input;
  if (!inPath.empty()) {
    auto wav = readWav(inPath);
    if (auto* error = std::get_if<std::string>(&wav)) return "audio.device: " + *error;
    auto& audio = std::get<WavAudio>(wav);
    if (audio.sampleRate != kMediaSampleRate || audio.channels != 1) {
      return "audio.device: " + inPath + ": " + std::to_string(audio.sampleRate) + " Hz, " +
             std::to_string(audio.channels) + " channels; the file device reads 8000 Hz mono (sox " + inPath +
             " -r 8000 -c 1 -b 16 in8k.wav)";
    }
    input = std::move(audio.samples);
  }
  if (!outPath.empty()) {
    WavWriter probe;  // fail now, naming the file, rather than on the first call
    if (std::string error = probe.open(outPath, kMediaSampleRate, 1); !error.empty()) return "audio.device: " + error;
  }
  return std::unique_ptr<AudioDevice>(std::make_unique<FileDevice>(inPath, std::move(input), outPath));
}

}  // namespace frontline::telephony::media
