// The emotion index on the desk thread (desk_worker.h): the lexicon loaded beside it, the
// contacts due a score scored once it is there, then each email as it is recorded.
#include <pthread.h>

#include <algorithm>
#include <utility>

#include "desk/emotion_scoring.h"
#include "desk_worker.h"

namespace frontline::desk {

void Desk::Worker::loadEmotionLexicon() {
  m_emotionLoader = std::thread([this] {
    pthread_setname_np(pthread_self(), "fl-emotion");
    EmotionLexiconLoaded loaded;
    try {
      loaded.lexicon = std::make_shared<const emotion::Lexicon>(emotion::loadLexicon(options().emotionSources));
    } catch (const std::exception& e) {
      loaded.error = e.what();
    }
    m_desk.post(std::move(loaded));
  });
}

void Desk::Worker::handle(const EmotionLexiconLoaded& c, DeskSnapshot& next) {
  if (!c.lexicon) {
    next.emotion = "off: " + c.error;
    next.emotionFailed = true;
    return;
  }
  m_lexicon = c.lexicon;
  next.emotionFailed = false;
  if (!m_db) return;
  const auto due = contactsToScore(*m_db, *m_lexicon, now() - options().emotionCatchUpUs);
  store::Transaction tx(*m_db);
  scoreEmotion(due.newWords, next);
  scoreEmotion(due.lexiconChanged, next, true);
  tx.commit();
  for (const auto& waiting : std::exchange(m_voiceWaiting, {})) handle(waiting, next);
  next.emotion = "on (scorer " + std::to_string(emotion::kScorerVersion) + ", lexicon " +
                 m_lexicon->checksum.substr(0, 12) +
                 (due.size() == 0 ? "" : "; " + std::to_string(due.size()) + " contacts scored at start") + ")";
}

void Desk::Worker::analyseVoice(const std::vector<Command>& batch, std::size_t from, std::size_t to,
                                const std::vector<telephony::DeliveryResult>& results) {
  if (!m_voice) return;
  for (std::size_t k = from; k < to; ++k) {
    const auto* sip = std::get_if<telephony::SipCallEvent>(&std::get<RecordContact>(batch[k]).contact);
    if (!sip || sip->kind != telephony::SipCallEvent::Kind::Recorded || !sip->recording) continue;
    if (!results[k - from].ok || results[k - from].interactionId.empty()) continue;
    if (!sip->recording->error.empty() || sip->recording->path.empty()) continue;
    m_voice->add({results[k - from].interactionId, sip->recording->path, sip->recording->startedUs});
  }
}

void Desk::Worker::handle(const VoiceAnalysed& c, DeskSnapshot& next) {
  if (!c.analysis) {
    next.lastError = "the customer's voice could not be analysed: " + c.error;
    return;
  }
  if (!m_lexicon) {
    // Still loading: scored once it is there. Off (it failed to load): nothing will score
    // it, so nothing is kept (`frontline emotion rescore` does not analyse voices again).
    if (next.emotionFailed) return;
    if (m_voiceWaiting.size() >= kVoiceWaitingMax) m_voiceWaiting.erase(m_voiceWaiting.begin());
    m_voiceWaiting.push_back(c);
    return;
  }
  requireStore();
  inEmotionSavepoint(next, "a call's voice could not be scored: ", [&] {
    scoreVoice(*m_db, *m_log, *m_lexicon, c.interactionId, *c.analysis, c.startedUs, now());
  });
  if (next.pop && next.pop->interactionId == c.interactionId) {
    next.pop->emotion = store::contactEmotion(*m_db, c.interactionId);  // the call in wrap-up
    reloadCustomer(next);
  }
}

void Desk::Worker::inEmotionSavepoint(DeskSnapshot& next, const char* failure, const std::function<void()>& work) {
  // A savepoint of its own: a score that cannot be written takes nothing else with it.
  m_db->exec("SAVEPOINT emotion");
  try {
    work();
    m_db->exec("RELEASE emotion");
  } catch (const std::exception& e) {
    m_db->exec("ROLLBACK TO emotion");
    m_db->exec("RELEASE emotion");
    m_log->resync();
    next.emotion = failure + std::string(e.what());
    next.emotionFailed = true;
  }
}

void Desk::Worker::scoreEmotion(const std::vector<std::string>& ids, DeskSnapshot& next, bool rescore) {
  if (!m_lexicon || ids.empty()) return;
  inEmotionSavepoint(
      next, "a contact could not be scored: ", [&] { scoreContacts(*m_db, *m_log, *m_lexicon, ids, now(), rescore); });
  if (next.pop && std::find(ids.begin(), ids.end(), next.pop->interactionId) != ids.end()) {
    next.pop->emotion = store::contactEmotion(*m_db, next.pop->interactionId);
    reloadCustomer(next);  // the card's feeling and history take this contact's new index
  }
}

}  // namespace frontline::desk
