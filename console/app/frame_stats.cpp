// Frame measurements; see frame_stats.h.
#include "app/frame_stats.h"

#include <cstdio>

namespace frontline::app {

FrameStats::~FrameStats() {
  if (m_path.empty()) return;
  FILE* f = std::fopen(m_path.c_str(), "w");
  if (!f) {
    std::fprintf(stderr, "frontline: cannot write frame statistics to %s\n", m_path.c_str());
    return;
  }
  for (const auto& [us, rows] : m_frames)
    std::fprintf(f, "frame_us %lld history %zu\n", static_cast<long long>(us), rows);
  for (auto us : m_inviteToFrame) std::fprintf(f, "invite_to_frame_us %lld\n", static_cast<long long>(us));
  for (auto us : m_floorEventToFrame) std::fprintf(f, "floor_event_to_frame_us %lld\n", static_cast<long long>(us));
  std::fclose(f);
}

void FrameStats::frame(std::int64_t us, std::size_t historyRows) {
  if (enabled()) m_frames.emplace_back(us, historyRows);
}

void FrameStats::floorShown(std::int64_t lastEventUs, std::int64_t frameEndUs) {
  if (!enabled() || lastEventUs <= m_lastFloorEventUs) return;
  if (m_lastFloorEventUs != 0) m_floorEventToFrame.push_back(frameEndUs - lastEventUs);  // not the start-up backlog
  m_lastFloorEventUs = lastEventUs;
}

void FrameStats::popShown(const std::string& id, std::int64_t us) {
  if (!enabled() || id == m_lastPop) return;
  m_lastPop = id;
  m_inviteToFrame.push_back(us);
}

}  // namespace frontline::app
