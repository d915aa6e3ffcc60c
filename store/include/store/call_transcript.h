// A call's transcript as the agent and the trainer read it (README "Emotion index"): the
// lines a PBX's speech-to-text posted (CTI event "transcript", transcript_line events),
// in the order they were spoken. Read on the desk thread (the call in hand) and folded by a
// trainer's replay up to its playhead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/event.h"

namespace frontline::store {

struct TranscriptLine {
  std::int64_t atUs = 0;
  bool customer = false;  // else the agent
  std::string text;
};

// The line a transcript_line event holds (nullopt: another kind, or a payload without text).
std::optional<TranscriptLine> transcriptLineOf(const InteractionEvent& event);

// The call's lines, oldest first.
std::vector<TranscriptLine> loadTranscript(Database& db, const std::string& interactionId);

}  // namespace frontline::store
