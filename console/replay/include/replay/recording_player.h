// The trainer hears the call: the recording played through `audio.device` in step with
// the replay's playhead. It follows the playhead (a scrub or a jump to an event moves the
// sound with it), plays and pauses with the replay, and changes speed plainly: at 0.5x and
// 2x the pitch goes down and up (no time-stretching; the replay says so); above 2x it is
// silent. Both channels are heard together (customer and agent), at the device's rate.
// A thread of its own renders a 20 ms frame on absolute deadlines; the UI only calls
// follow(). Without ImGui.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "telephony/media/audio_device.h"
#include "telephony/media/ogg_opus.h"

namespace frontline::replay {

inline constexpr double kMaxAudibleSpeed = 2.0;

class RecordingPlayer {
 public:
  explicit RecordingPlayer(std::unique_ptr<telephony::media::AudioDevice> device);
  ~RecordingPlayer();
  RecordingPlayer(const RecordingPlayer&) = delete;
  RecordingPlayer& operator=(const RecordingPlayer&) = delete;

  void start();  // the playback thread
  void stop();

  // The recording to play and the wall-clock time of its first sample ("" or why not).
  // The same file again changes nothing.
  std::string load(const std::string& path, std::int64_t startUs);
  void unload();
  // The replay's state, every frame it draws: the playhead (wall clock), whether it plays
  // and how fast. The sound moves to the playhead when it strays more than 250 ms.
  void follow(std::int64_t playheadUs, bool playing, double speed);
  // What the trainer hears, in words ("plays at 1x through file:..."); "" with no recording.
  std::string status() const;
  // One 20 ms frame to the device: what the thread does every 20 ms (tests call it).
  void renderFrame();
  // Where the sound is, as a wall-clock time.
  std::int64_t positionUs() const;

 private:
  void run();
  mutable std::mutex m_mutex;
  std::unique_ptr<telephony::media::AudioDevice> m_device;
  telephony::media::OggOpusReader m_reader;
  std::string m_path;
  std::int64_t m_startUs = 0;
  std::int64_t m_frame = 0;  // the next 48 kHz frame of the file (negative: before it starts)
  bool m_playing = false;
  double m_speed = 1.0;
  std::vector<std::int16_t> m_buffer;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
};

}  // namespace frontline::replay
