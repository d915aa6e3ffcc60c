// The emotion index of a contact in the store (README "Emotion index"): its customer's turns
// read from its events (each email they wrote, their own words only; an email written before
// any reply to the previous one is a chase; each line of a call's transcript they spoke),
// combined (emotion/interaction_feeling.h) into an
// emotion_scored payload carrying the scorer's version and the lexicon's checksum. Used by
// the desk as emails arrive and once its lexicon is loaded, and by `frontline emotion
// rescore` after a lexicon change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emotion/interaction_feeling.h"
#include "emotion/lexicon.h"
#include "emotion/voice_features.h"
#include "store/database.h"
#include "store/event_log.h"

namespace frontline::desk {

// With `voice`, the contact's latest score's voice summary is copied there: a rescore keeps
// the voice turns (its voice moments) and their summary.
std::vector<emotion::Turn> customerTurns(store::Database& db, const emotion::Lexicon& lexicon,
                                         const std::string& interactionId, nlohmann::json* voice = nullptr);

// A call's voice (README "Emotion index"): one turn per speech segment of the customer's
// channel from `startedUs` (the recording's start), arousal only: no words, no valence. And
// what a score keeps of the analysis (segments, talk-over, long silences, the baseline).
std::vector<emotion::Turn> voiceTurns(const emotion::VoiceAnalysis& analysis, std::int64_t startedUs);
nlohmann::json voiceSummary(const emotion::VoiceAnalysis& analysis);

// nullopt when the contact holds no words of the customer's.
std::optional<nlohmann::json> emotionScoredPayload(const emotion::Lexicon& lexicon,
                                                   const std::vector<emotion::Turn>& turns, bool rescore,
                                                   const nlohmann::json& voice = nullptr);

// Contacts with customer words (emails, transcript lines) since `sinceUs` whose latest score is older than their latest
// customer turn (or that have none), or was made by another scorer version or lexicon.
struct DueContacts {
  std::vector<std::string> newWords;        // unscored, or the customer wrote since
  std::vector<std::string> lexiconChanged;  // scored from the same words by another lexicon
  std::size_t size() const { return newWords.size() + lexiconChanged.size(); }
};
DueContacts contactsToScore(store::Database& db, const emotion::Lexicon& lexicon, std::int64_t sinceUs);

struct ScoringResult {
  int scored = 0;        // emotion_scored events written
  int withoutWords = 0;  // contacts looked at with no customer words
};

// Scores each contact and appends its emotion_scored event (in the caller's transaction when
// one is open). `rescore` marks events written because the lexicon changed: they leave a
// trainer's correction standing.
ScoringResult scoreContacts(store::Database& db, store::EventLog& log, const emotion::Lexicon& lexicon,
                            const std::vector<std::string>& interactionIds, std::int64_t nowUs, bool rescore);

// Scores a call again with its recording's voice analysed (its words, if any, as before);
// false when it has neither words nor speech.
bool scoreVoice(store::Database& db, store::EventLog& log, const emotion::Lexicon& lexicon,
                const std::string& interactionId, const emotion::VoiceAnalysis& analysis, std::int64_t startedUs,
                std::int64_t nowUs);

}  // namespace frontline::desk
