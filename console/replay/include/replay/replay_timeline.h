// The replay's fold: the desk as the agent saw it at playhead t, rebuilt from a case's
// events (DESIGN.md "Replay is a fold"). The result is a DeskSnapshot the live views draw.
// Seeking is cheap at any t: the interaction's fold is checkpointed every 64 events, the
// email thread is a prefix of the case's messages (a call's transcript of its lines), the customer card was loaded with
// the case (tests/bench: seek in 5,000 events).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "desk/desk_snapshot.h"
#include "replay/replay_case.h"
#include "store/projections.h"

namespace frontline::replay {

// A mark on the timeline: one event the trainer can step to.
struct Marker {
  std::int64_t atUs = 0;
  store::EventKind kind = store::EventKind::Offered;
  std::string label;           // "answered", "note", "email in", "complaint opened", ...
  std::optional<int> feeling;  // where the customer's feeling turns (kind EmotionScored): to this index
};

// A stretch of the contact: ringing, talk, hold, wrap-up.
struct Band {
  enum class Kind { Ringing, Talk, Hold, WrapUp };
  Kind kind = Kind::Ringing;
  std::int64_t fromUs = 0, toUs = 0;
};

struct ReplayFrame {
  desk::DeskSnapshot snapshot;  // pop, agent state, codes
  std::size_t eventsApplied = 0;
};

class ReplayTimeline {
 public:
  explicit ReplayTimeline(std::shared_ptr<const ReplayCase> c);

  // The desk at `t` (clamped to the case), with every event at or before t applied.
  ReplayFrame at(std::int64_t t) const;
  // How many of the contact's events are at or before t (what at(t) applies); cheap.
  std::size_t eventsAt(std::int64_t t) const;
  const ReplayCase& replayCase() const { return *m_case; }
  const std::vector<Marker>& markers() const { return m_markers; }
  const std::vector<Band>& bands() const { return m_bands; }
  // How the customer felt over the whole contact, with any rescore or trainer's correction
  // since (none: no words of theirs). The feeling's turns are among the markers.
  const std::optional<store::ContactEmotion>& emotion() const { return m_emotion; }
  // The next / previous event time strictly after / before t (t itself when none).
  std::int64_t nextEvent(std::int64_t t) const;
  std::int64_t previousEvent(std::int64_t t) const;

 private:
  static constexpr std::size_t kCheckpointEvery = 64;
  static constexpr std::int64_t kAgentLagUs = 500'000;
  std::shared_ptr<const ReplayCase> m_case;
  std::vector<store::InteractionRow> m_checkpoints;  // the row after events [0, k * 64)
  std::vector<store::EmailMessageRow> m_messages;    // in the order they arrived
  std::vector<std::size_t> m_messageEvent;           // the event index of each message
  std::vector<store::TranscriptLine> m_lines;        // a call's transcript, in order
  std::vector<std::size_t> m_lineEvent;              // the event index of each line
  std::vector<Marker> m_markers;
  std::vector<Band> m_bands;
  std::optional<store::ContactEmotion> m_emotion;
};

// The label of an event kind on the timeline ("email in", "complaint opened").
std::string markerLabel(store::EventKind kind);

}  // namespace frontline::replay
