// How the emotion index reads on every workspace (README "Emotion index"): a word for the
// index, its sign, a colour from red through grey to green, the evidence words, and the
// reminder that it is an estimate, never a score of the agent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emotion/interaction_feeling.h"
#include "store/contact_emotion.h"
#include "views/view.h"

namespace frontline::views {

inline constexpr const char* kFeelingIsEstimate =
    "An estimate from the customer's own words (and voice when recorded), -100 (upset) to +100 "
    "(delighted). It guides; it never scores the agent.";

std::string feelingWord(int index);  // "upset", "unhappy", "neutral", "pleased", "delighted"
using emotion::signedIndex;
std::string feelingLabel(int index);  // "unhappy -42"
// "getting worse (-30)", "getting better (+25)", "" when steady (under 15 points).
std::string trendWords(int trend);
// "\"refund\" -, \"not happy\" - (negated)": the strongest words first, at most `count`.
std::string evidenceWords(const std::vector<emotion::Evidence>& evidence, std::size_t count = 6);

// A recorded call's voice (arousal against the caller's first seconds): "calm", "tense" or
// "agitated"; the line the agent and the trainer read; what it means.
std::string arousalWord(float arousal);
std::string voiceLine(float arousal, const store::VoiceSummary& voice);
inline constexpr const char* kVoiceExplained =
    "From the customer's channel of the recording: loudness, pitch and speaking rate of each stretch of "
    "speech against the caller's own first ten seconds, and talking over the agent. A voice says how "
    "stirred the caller was, not whether they were pleased.";

struct Rgb {
  float r, g, b;
};
Rgb feelingColour(int index);
unsigned feelingColourU32(int index);  // ImU32, opaque
void feelingText(ViewContext& ctx, int index, const std::string& line);

}  // namespace frontline::views
