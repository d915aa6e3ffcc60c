// A contact's emotion index from its events; see contact_emotion.h.
#include "store/contact_emotion.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace frontline::store {
namespace {

using Json = nlohmann::json;

int intField(const Json& j, const char* key, int fallback = 0) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? static_cast<int>(it->get<std::int64_t>()) : fallback;
}
float floatField(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<float>() : 0.0f;
}
std::string textField(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The estimate of one emotion_scored payload; a rescore keeps the correction standing.
void applyScore(ContactEmotion& out, const Json& p, std::int64_t tsUs) {
  const bool rescore = p.value("rescore", false);
  out.enough = p.value("enough", false) && p.contains("index") && p["index"].is_number_integer();
  out.index = out.enough ? intField(p, "index") : 0;
  out.trend = intField(p, "trend");
  out.confidence = floatField(p, "confidence");
  out.arousal = floatField(p, "arousal");
  out.turns = intField(p, "turns");
  out.scoredUs = tsUs;
  out.evidence.clear();
  if (const auto e = p.find("evidence"); e != p.end() && e->is_array()) {
    for (const auto& item : *e) {
      if (!item.is_object()) continue;
      out.evidence.push_back({textField(item, "words"), floatField(item, "value"), item.value("negated", false)});
    }
  }
  out.moments.clear();
  if (const auto m = p.find("moments"); m != p.end() && m->is_array()) {
    for (const auto& item : *m) {
      if (!item.is_object()) continue;
      const auto at = item.find("at_us");
      out.moments.push_back({at != item.end() && at->is_number_integer() ? at->get<std::int64_t>() : 0,
                             intField(item, "index"), floatField(item, "arousal"), textField(item, "source")});
    }
  }
  out.voice.reset();
  if (const auto v = p.find("voice"); v != p.end() && v->is_object()) {
    out.voice = VoiceSummary{intField(*v, "segments"), floatField(*v, "speech_s"), floatField(*v, "talk_over_s"),
                             intField(*v, "long_silences")};
  }
  if (!rescore) out.correction.reset();  // the customer wrote again: a fresh estimate
}

}  // namespace

void applyToEmotion(std::optional<ContactEmotion>& out, const InteractionEvent& e) {
  if (e.kind != EventKind::EmotionScored && e.kind != EventKind::EmotionCorrected) return;
  const Json p = Json::parse(e.payloadJson, nullptr, false);
  if (!p.is_object()) return;
  if (e.kind == EventKind::EmotionScored) {
    if (!out) out.emplace();
    applyScore(*out, p, e.tsUs);
  } else if (out && p.contains("index") && p["index"].is_number_integer()) {
    const auto was = p.find("was");
    out->correction = EmotionCorrection{
        std::clamp(intField(p, "index"), -100, 100),
        was != p.end() && was->is_number_integer() ? std::optional<int>(was->get<int>()) : std::nullopt,
        textField(p, "note"), textField(p, "by_name"), e.tsUs};
  }
}

std::optional<ContactEmotion> contactEmotion(Database& db, const std::string& interactionId, std::int64_t untilUs) {
  std::optional<ContactEmotion> out;
  for (const auto& e : interactionEvents(db, interactionId, untilUs)) applyToEmotion(out, e);
  return out;
}

std::vector<FeelingTurn> feelingTurns(const std::vector<EmotionMoment>& all, int points) {
  std::vector<EmotionMoment> moments;
  for (const auto& m : all)
    if (m.source != "voice") moments.push_back(m);
  std::vector<FeelingTurn> turns;
  auto side = [](int index) { return index > 10 ? 1 : index < -10 ? -1 : 0; };
  for (std::size_t i = 1; i < moments.size(); ++i) {
    const int before = moments[i - 1].index, now = moments[i].index;
    const bool crossed = side(before) != 0 && side(now) != 0 && side(before) != side(now);
    if (std::abs(now - before) >= points || crossed) turns.push_back({moments[i], before});
  }
  return turns;
}

}  // namespace frontline::store
