// The emotion index in words and colour; see feeling_text.h.
#include "views/feeling_text.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace frontline::views {

std::string feelingWord(int index) {
  if (index <= -50) return "upset";
  if (index <= -15) return "unhappy";
  if (index < 15) return "neutral";
  if (index < 50) return "pleased";
  return "delighted";
}

std::string feelingLabel(int index) {
  return feelingWord(index) + " " + signedIndex(index);
}

std::string trendWords(int trend) {
  if (trend <= -emotion::kTrendPoints) return "getting worse (" + signedIndex(trend) + ")";
  if (trend >= emotion::kTrendPoints) return "getting better (" + signedIndex(trend) + ")";
  return "";
}

std::string evidenceWords(const std::vector<emotion::Evidence>& evidence, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < evidence.size() && i < count; ++i) {
    const auto& e = evidence[i];
    out += (out.empty() ? "" : ", ") + std::string("\"") + e.words + "\" " + (e.value < 0 ? "-" : "+") +
           (e.negated ? " (negated)" : "");
  }
  return out;
}

std::string arousalWord(float arousal) {
  return arousal >= 0.6f ? "agitated" : arousal >= 0.3f ? "tense" : "calm";
}

std::string voiceLine(float arousal, const store::VoiceSummary& v) {
  char line[200];
  std::snprintf(line, sizeof line,
                "Voice: %s (arousal %.2f against their first seconds), %d speech segments (%.0f s), talked over "
                "the agent %.1f s, %d silences over 3 s",
                arousalWord(arousal).c_str(), static_cast<double>(arousal), v.segments, v.speechS, v.talkOverS,
                v.longSilences);
  return line;
}

Rgb feelingColour(int index) {
  // Grey at neutral, towards red below and green above, saturating at +-60.
  const float t = std::clamp(static_cast<float>(index) / 60.0f, -1.0f, 1.0f);
  const Rgb grey{0.72f, 0.72f, 0.72f}, red{1.0f, 0.38f, 0.35f}, green{0.40f, 0.85f, 0.45f};
  const Rgb& to = t < 0 ? red : green;
  const float a = std::fabs(t);
  return {grey.r + (to.r - grey.r) * a, grey.g + (to.g - grey.g) * a, grey.b + (to.b - grey.b) * a};
}

unsigned feelingColourU32(int index) {
  const Rgb c = feelingColour(index);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1.0f));
}

void feelingText(ViewContext& ctx, int index, const std::string& line) {
  const Rgb c = feelingColour(index);
  ImGui::PushTextWrapPos(0.0f);
  View::textColored(ctx, c.r, c.g, c.b, line);
  ImGui::PopTextWrapPos();
}

}  // namespace frontline::views
