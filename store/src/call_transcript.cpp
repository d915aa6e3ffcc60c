// A call's transcript; see call_transcript.h.
#include "store/call_transcript.h"

#include <nlohmann/json.hpp>

#include "store/event_reads.h"

namespace frontline::store {

std::optional<TranscriptLine> transcriptLineOf(const InteractionEvent& event) {
  if (event.kind != EventKind::TranscriptLine) return std::nullopt;
  const auto payload = nlohmann::json::parse(event.payloadJson, nullptr, false);
  if (!payload.is_object()) return std::nullopt;
  const auto text = payload.find("text");
  if (text == payload.end() || !text->is_string()) return std::nullopt;
  const auto speaker = payload.find("speaker");
  const bool customer = speaker != payload.end() && speaker->is_string() && speaker->get<std::string>() == "customer";
  return TranscriptLine{event.tsUs, customer, text->get<std::string>()};
}

std::vector<TranscriptLine> loadTranscript(Database& db, const std::string& interactionId) {
  std::vector<TranscriptLine> lines;
  for (const auto& e : interactionEvents(db, interactionId)) {
    if (auto line = transcriptLineOf(e)) lines.push_back(std::move(*line));
  }
  return lines;
}

}  // namespace frontline::store
