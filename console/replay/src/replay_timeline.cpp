// The replay's fold; see replay_timeline.h.
#include "replay/replay_timeline.h"

#include <algorithm>
#include <cstdio>

namespace frontline::replay {
namespace {

using store::EventKind;

bool foldsInteraction(const store::InteractionEvent& e) {
  return store::projectionTargetOf(e.kind) == store::ProjectionTarget::Interaction;
}

// The part of the contact a status belongs to (nullopt: none, e.g. after wrap-up).
std::optional<Band::Kind> bandOf(const store::InteractionRow& row) {
  if (row.status == "offered" || row.status == "ringing") return Band::Kind::Ringing;
  if (row.status == "connected") return Band::Kind::Talk;
  if (row.status == "held") return Band::Kind::Hold;
  if (row.status == "ended" && row.outcome == "answered") return Band::Kind::WrapUp;
  return std::nullopt;
}

}  // namespace

std::string markerLabel(EventKind kind) {
  switch (kind) {
    case EventKind::EmailReceived:
      return "email in";
    case EventKind::EmailSent:
      return "email out";
    case EventKind::Held:
      return "hold";
    case EventKind::Resumed:
      return "resumed";
    case EventKind::ComplaintOpened:
      return "complaint opened";
    case EventKind::ComplaintResponded:
      return "complaint responded";
    case EventKind::ComplaintResolved:
      return "complaint resolved";
    case EventKind::CustomerLinked:
      return "customer linked";
    case EventKind::Recorded:
      return "recording";
    case EventKind::RecordingPaused:
      return "recording paused";
    case EventKind::RecordingResumed:
      return "recording resumed";
    case EventKind::DtmfSent:
      return "keypad";
    case EventKind::Muted:
      return "muted";
    case EventKind::Unmuted:
      return "unmuted";
    case EventKind::RecordingDeleted:
      return "recording deleted";
    case EventKind::TransferRequested:
      return "transfer asked";
    case EventKind::Transferred:
      return "transferred";
    case EventKind::TransferFailed:
      return "transfer failed";
    case EventKind::NotReached:
      return "not reached";
    case EventKind::ConsultStarted:
      return "consultation";
    case EventKind::ConsultAnswered:
      return "consultation answered";
    case EventKind::ConsultEnded:
      return "consultation ended";
    case EventKind::TranscriptLine:
      return "a line said";
    default:
      return std::string(store::toString(kind));
  }
}

ReplayTimeline::ReplayTimeline(std::shared_ptr<const ReplayCase> c) : m_case(std::move(c)) {
  store::InteractionRow row;
  m_checkpoints.push_back(row);
  std::optional<Band::Kind> band;
  std::int64_t bandFrom = 0;
  const auto& events = m_case->events;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (foldsInteraction(e)) store::applyToInteraction(row, e);
    if (auto message = store::emailMessageOf(e)) {
      m_messages.push_back(std::move(*message));
      m_messageEvent.push_back(i);
    }
    if (auto line = store::transcriptLineOf(e)) {
      m_lines.push_back(std::move(*line));
      m_lineEvent.push_back(i);
    }
    if ((i + 1) % kCheckpointEvery == 0) m_checkpoints.push_back(row);
    // A call's lines are not marked one by one: where the feeling turns in them is.
    if (e.kind != EventKind::Ringing && e.kind != EventKind::TranscriptLine)
      m_markers.push_back({e.tsUs, e.kind, markerLabel(e.kind), std::nullopt});
    const auto now = bandOf(row);
    if (now != band) {
      if (band) m_bands.push_back({*band, bandFrom, e.tsUs});
      band = now;
      bandFrom = e.tsUs;
    }
  }
  if (band) m_bands.push_back({*band, bandFrom, m_case->endUs});
  for (const auto& e : m_case->emotionEvents) store::applyToEmotion(m_emotion, e);
  if (m_emotion && m_emotion->shown()) {
    for (const auto& turn : store::feelingTurns(m_emotion->moments)) {
      const int to = turn.moment.index;
      const std::int64_t at = std::clamp(turn.moment.atUs, m_case->startUs, m_case->endUs);
      m_markers.push_back({at, EventKind::EmotionScored,
                           "feeling " + std::string(to < turn.from ? "down" : "up") + " " +
                               emotion::signedIndex(turn.from) + " to " + emotion::signedIndex(to),
                           to});
    }
  }
  if (m_emotion) {
    // Where the caller's voice became agitated (arousal 0.6 or more) or calm again (under 0.3).
    bool agitated = false;
    for (const auto& m : m_emotion->moments) {
      if (m.source != "voice") continue;
      const std::int64_t at = std::clamp(m.atUs, m_case->startUs, m_case->endUs);
      char value[16];
      std::snprintf(value, sizeof value, "%.2f", static_cast<double>(m.arousal));
      if (!agitated && m.arousal >= 0.6f) {
        m_markers.push_back({at, EventKind::EmotionScored, std::string("voice agitated ") + value, -60});
        agitated = true;
      } else if (agitated && m.arousal < 0.3f) {
        m_markers.push_back({at, EventKind::EmotionScored, std::string("voice calm again ") + value, 40});
        agitated = false;
      }
    }
  }
  std::stable_sort(m_markers.begin(), m_markers.end(),
                   [](const Marker& a, const Marker& b) { return a.atUs < b.atUs; });
}

std::size_t ReplayTimeline::eventsAt(std::int64_t t) const {
  const auto& events = m_case->events;
  t = std::clamp(t, m_case->startUs, m_case->endUs);
  return static_cast<std::size_t>(
      std::upper_bound(events.begin(), events.end(), t, [](std::int64_t v, const auto& e) { return v < e.tsUs; }) -
      events.begin());
}

ReplayFrame ReplayTimeline::at(std::int64_t t) const {
  const ReplayCase& c = *m_case;
  t = std::clamp(t, c.startUs, c.endUs);
  const auto& events = c.events;
  const std::size_t n = eventsAt(t);
  const std::size_t base = n / kCheckpointEvery;
  store::InteractionRow row = m_checkpoints[std::min(base, m_checkpoints.size() - 1)];
  for (std::size_t i = std::min(base, m_checkpoints.size() - 1) * kCheckpointEvery; i < n; ++i) {
    if (foldsInteraction(events[i])) store::applyToInteraction(row, events[i]);
  }
  ReplayFrame frame;
  frame.eventsApplied = n;
  desk::DeskSnapshot& s = frame.snapshot;
  s.storeReady = true;
  s.publishedUs = t;
  s.agentId = c.agentId;
  s.agentName = c.agentId;
  s.dispositions = c.dispositions;
  s.notReadyReasons = c.notReadyReasons;
  s.complaintCategories = c.complaintCategories;
  s.slaPolicies = c.slaPolicies;
  // The desk records the agent's state change right after the contact's event that caused
  // it (answered -> on contact, ended -> wrap-up), in the same command: a change up to
  // kAgentLagUs after t counts as made, so that a step to an event shows the agent as the
  // event left them; but never one after the contact's next event, which caused it instead
  // (a hold, a resume and a hang-up within half a second: at the hold the agent is not yet
  // in wrap-up).
  const std::int64_t limit = std::min(t + kAgentLagUs, n < events.size() ? events[n].tsUs - 1 : t + kAgentLagUs);
  store::AgentStateRow agent;
  for (const auto& e : c.agentEvents) {
    if (e.tsUs > limit) break;
    store::applyToAgentState(agent, e);
  }
  if (auto state = desk::agentStateFromString(agent.state)) s.agent = {*state, agent.reason, agent.sinceUs};
  if (row.id.empty()) return frame;
  desk::ContactPop pop;  // as the live desk builds it (desk::setPopIdentity, setPopProgress)
  desk::setPopIdentity(pop, row, c.emailResponseUs);
  desk::setPopProgress(pop, row);
  if (row.customerId) {
    if (const auto* view = c.customerAt(*row.customerId, t)) pop.view = *view;
  }
  for (std::size_t k = 0; k < m_messages.size() && m_messageEvent[k] < n; ++k) pop.thread.push_back(m_messages[k]);
  for (std::size_t k = 0; k < m_lines.size() && m_lineEvent[k] < n; ++k) pop.transcript.push_back(m_lines[k]);
  for (const auto& e : c.emotionEvents) {
    if (e.tsUs <= t) store::applyToEmotion(pop.emotion, e);
  }
  s.pop = std::move(pop);
  return frame;
}

std::int64_t ReplayTimeline::nextEvent(std::int64_t t) const {
  for (const auto& m : m_markers) {
    if (m.atUs > t) return m.atUs;
  }
  return t;
}

std::int64_t ReplayTimeline::previousEvent(std::int64_t t) const {
  for (auto it = m_markers.rbegin(); it != m_markers.rend(); ++it) {
    if (it->atUs < t) return it->atUs;
  }
  return t;
}

}  // namespace frontline::replay
