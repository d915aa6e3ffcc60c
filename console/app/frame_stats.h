// Measurements of the console's own frames, for the console benchmark: how long each frame
// took to build and draw (with how many history rows the pop held), and for each SIP call
// the time from the INVITE's bytes arriving to the end of the first frame that showed its
// pop. Written to a text file when the window closes, one sample a line:
//   frame_us 812 history 100000
//   invite_to_frame_us 1530
//   floor_event_to_frame_us 412000   (supervisors: an agent's event to the first frame showing it)
// Thread: UI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace frontline::app {

class FrameStats {
 public:
  explicit FrameStats(std::string path) : m_path(std::move(path)) {}
  ~FrameStats();  // writes the file (when a path was given)
  FrameStats(const FrameStats&) = delete;
  FrameStats& operator=(const FrameStats&) = delete;

  bool enabled() const { return !m_path.empty(); }
  void frame(std::int64_t us, std::size_t historyRows);
  // The first frame showing interaction `id`'s pop ended `us` after its INVITE arrived.
  void popShown(const std::string& id, std::int64_t us);
  // A supervisor's frame ended at `frameEndUs` (wall clock) showing a floor whose newest
  // event was recorded at `lastEventUs` (the recording console's wall clock): the first
  // frame for each new event is a sample.
  void floorShown(std::int64_t lastEventUs, std::int64_t frameEndUs);

 private:
  std::string m_path;
  std::vector<std::pair<std::int64_t, std::size_t>> m_frames;
  std::vector<std::int64_t> m_inviteToFrame;
  std::string m_lastPop;
  std::vector<std::int64_t> m_floorEventToFrame;
  std::int64_t m_lastFloorEventUs = 0;
};

}  // namespace frontline::app
