// The emotion index on the desk (desk/emotion_scoring.h, README "Emotion index"): an email
// scored in the commit that records it, the customer writing again scored afresh, quoted
// text not theirs, a lexicon that cannot be loaded shown and nothing lost, and a rescore
// after a lexicon change that leaves a trainer's correction standing.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "desk/emotion_scoring.h"
#include "desk_rig.h"
#include "store/contact_emotion.h"
#include "store/customer_view.h"
#include "store/emotion_corrections.h"
#include "store/event_log.h"
#include "telephony/media/wav_file.h"

using namespace frontline;
using Json = nlohmann::json;

namespace {

telephony::ReceivedEmail email(const test::DeskRig& rig, const std::string& id, const std::string& body,
                               const std::string& inReplyTo = {}) {
  telephony::ReceivedEmail e;
  e.protocol = "smtp";
  e.fromAddress = rig.email;
  e.fromName = "Customer";
  e.subject = "My heater";
  e.messageId = id;
  e.inReplyTo = inReplyTo;
  e.bodyText = body;
  e.receivedUs = rig.nowUs.load();
  return e;
}

bool emotionOn(const desk::DeskSnapshot& s) {
  return s.emotion.rfind("on", 0) == 0 || s.emotionFailed;
}

Json latestScore(store::Database& db, const std::string& interactionId) {
  return Json::parse(
      db.queryText("SELECT payload_json FROM interaction_events WHERE kind = 'emotion_scored' AND "
                   "interaction_id = '" +
                   interactionId + "' ORDER BY ts_us DESC, seq DESC LIMIT 1"));
}

}  // namespace

TEST_CASE("an email is scored as it is recorded; writing again is scored afresh, how it ended weighing most",
          "[emotion][desk]") {
  test::DeskRig rig([](desk::DeskOptions& o) { o.scoreEmotion = true; });
  const auto loaded = rig.when(emotionOn);
  REQUIRE_FALSE(loaded->emotionFailed);
  CHECK_THAT(loaded->emotion, Catch::StartsWith("on (scorer 1, lexicon "));

  const auto first = rig.deliver(
      email(rig, "m1@customer.test", "This is unacceptable, the heater is broken again and nobody called me back."));
  REQUIRE(first.ok);
  auto db = store::Database::open(rig.path);
  const std::string id = first.interactionId;
  CHECK(db.queryInt("SELECT emotion_index FROM interactions WHERE id = '" + id + "'") < 0);
  CHECK(db.queryText("SELECT emotion_by FROM interactions WHERE id = '" + id + "'") == "estimate");
  Json score = latestScore(db, id);
  CHECK(score["version"] == 1);
  CHECK(score["lexicon"].get<std::string>().size() == 64);
  CHECK(score["enough"] == true);
  CHECK(score["turns"] == 1);
  CHECK(score["evidence"].dump().find("unacceptable") != std::string::npos);

  rig.nowUs += 3'600'000'000;
  REQUIRE(rig.deliver(email(rig, "m2@customer.test",
                            "Thank you so much, the engineer fixed it, I'm very happy now.\n\nOn Monday you wrote:\n"
                            "> We are sorry, this is terrible and unacceptable.\n",
                            "m1@customer.test"))
              .ok);
  CHECK(db.queryInt("SELECT emotion_index FROM interactions WHERE id = '" + id + "'") > 0);
  score = latestScore(db, id);
  CHECK(score["turns"] == 2);
  CHECK(score["trend"].get<int>() > 50);
  CHECK(score["sources"]["email"] == 2);
  CHECK(score["moments"].size() == 2);
  CHECK(score["moments"][1]["index"].get<int>() > 0);  // the quoted complaint is not the customer's now
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_scored' AND interaction_id = '" +
                    id + "'") == 2);

  // What the screens read: the latest score with its words and moments, and the feeling turning.
  const auto shown = store::contactEmotion(db, id);
  REQUIRE(shown);
  CHECK(shown->shown() == score["index"].get<int>());
  CHECK(shown->moments.size() == 2);
  CHECK(shown->moments[0].index < 0);
  CHECK(shown->moments[1].source == "email");
  CHECK_FALSE(shown->evidence.empty());
  CHECK(store::feelingTurns(shown->moments).size() == 1);
  const auto before = store::contactEmotion(db, id, rig.nowUs.load() - 1);  // a replay before the second email
  REQUIRE(before);
  CHECK(before->moments.size() == 1);
  CHECK(before->index < 0);

  // The agent who takes the email sees its score; the customer card shows how they have felt.
  rig.run(desk::SetAgentState{desk::AgentState::Available, ""});
  const auto taken = rig.run(desk::TakeEmail{id});
  REQUIRE(taken->pop);
  REQUIRE(taken->pop->emotion);
  CHECK(taken->pop->emotion->index == shown->index);
  REQUIRE(taken->pop->view);
  const auto& feeling = taken->pop->view->feeling;
  CHECK(feeling.known);
  CHECK(feeling.contacts >= 1);
  CHECK(feeling.last == shown->index);
  const auto& history = taken->pop->view->history;
  const auto row = std::find_if(history.begin(), history.end(), [&](const auto& h) { return h.interactionId == id; });
  REQUIRE(row != history.end());
  CHECK(row->emotionIndex == shown->index);
  CHECK(row->emotionBy == "estimate");

  const auto plain = rig.deliver(email(rig, "m3@customer.test", "What time do you open on Sunday?"));
  score = latestScore(db, plain.interactionId);
  CHECK(score["enough"] == false);
  CHECK(score["index"].is_null());
  CHECK(db.queryText("SELECT COALESCE(emotion_index, 'none') FROM interactions WHERE id = '" + plain.interactionId +
                     "'") == "none");
}

TEST_CASE("a lexicon that cannot be loaded turns the index off where the agent looks; emails are still recorded",
          "[emotion][desk]") {
  test::DeskRig rig([](desk::DeskOptions& o) {
    o.scoreEmotion = true;
    o.emotionSources.published = "/nonexistent/lexicons";
  });
  const auto off = rig.when(emotionOn);
  CHECK(off->emotionFailed);
  CHECK_THAT(off->emotion, Catch::StartsWith("off: /nonexistent/lexicons/node_modules/vader-sentiment") &&
                               Catch::Contains("install_lexicons"));
  const auto r = rig.deliver(email(rig, "m1@customer.test", "Still broken, I want a refund."));
  CHECK(r.ok);
  auto db = store::Database::open(rig.path);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'email_received' AND interaction_id = '" +
                    r.interactionId + "'") == 1);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_scored'") == 0);
}

TEST_CASE("after a lexicon change the contacts it scored are due again; a trainer's correction stands",
          "[emotion][desk][rescore]") {
  test::DeskRig rig;  // no scoring on the desk: the test scores by hand
  auto db = store::Database::open(rig.path);
  store::migrate(db);
  const auto r = rig.deliver(email(rig, "m1@customer.test", "The refund came, thank you."));
  REQUIRE(r.ok);
  const emotion::Lexicon before = emotion::loadLexicon({});
  store::EventLog log(db, "agent-03:rescore");
  auto due = desk::contactsToScore(db, before, 0);
  CHECK(std::find(due.newWords.begin(), due.newWords.end(), r.interactionId) != due.newWords.end());
  desk::scoreContacts(db, log, before, due.newWords, rig.nowUs.load(), false);
  CHECK(desk::contactsToScore(db, before, 0).size() == 0);  // nothing is due twice

  // A trainer says the customer was delighted.
  store::InteractionEvent corrected;
  corrected.interactionId = r.interactionId;
  corrected.tsUs = rig.nowUs.load() + 1;
  corrected.kind = store::EventKind::EmotionCorrected;
  corrected.payloadJson = R"({"index": 90, "was": 40, "note": "delighted on the phone", "by_name": "Tess"})";
  log.append(corrected);
  CHECK(db.queryInt("SELECT emotion_index FROM interactions WHERE id = '" + r.interactionId + "'") == 90);

  // Our words change: "refund" now weighs on its own.
  test::TempDir words;
  for (const auto& f :
       std::filesystem::directory_iterator(std::filesystem::path(FRONTLINE_SOURCE_DIR) / "assets/emotion")) {
    std::filesystem::copy(f.path(), words.path() / f.path().filename());
  }
  std::ofstream(words.path() / "en-words.tsv", std::ios::app) << "came\t1.5\n";
  emotion::LexiconSources changed;
  changed.ownWords = words.path();
  const emotion::Lexicon after = emotion::loadLexicon(changed);
  REQUIRE(after.checksum != before.checksum);
  due = desk::contactsToScore(db, after, 0);
  REQUIRE(due.lexiconChanged.size() >= 1);
  CHECK(std::find(due.lexiconChanged.begin(), due.lexiconChanged.end(), r.interactionId) != due.lexiconChanged.end());
  desk::scoreContacts(db, log, after, due.lexiconChanged, rig.nowUs.load() + 2, true);
  const Json score = latestScore(db, r.interactionId);
  CHECK(score["lexicon"] == after.checksum);
  CHECK(score["rescore"] == true);
  CHECK(db.queryInt("SELECT emotion_index FROM interactions WHERE id = '" + r.interactionId + "'") == 90);
  CHECK(db.queryText("SELECT emotion_by FROM interactions WHERE id = '" + r.interactionId + "'") == "trainer");
  const auto shown = store::contactEmotion(db, r.interactionId);
  REQUIRE(shown);
  REQUIRE(shown->correction);
  CHECK(shown->shown() == 90);
  CHECK(shown->correction->byName == "Tess");
  CHECK(shown->correction->was == 40);
}

TEST_CASE("the feeling turns where a turn moves 30 points or crosses neutral", "[emotion]") {
  using M = store::EmotionMoment;
  const std::vector<M> moments{
      {1, -20, 0, "email"}, {2, -30, 0, "email"}, {3, 5, 0, "email"}, {4, 20, 0, "email"}, {5, 60, 0, "email"}};
  const auto turns = store::feelingTurns(moments);
  REQUIRE(turns.size() == 2);
  CHECK(turns[0].moment.atUs == 3);  // -30 to +5: 35 points
  CHECK(turns[0].from == -30);
  CHECK(turns[1].moment.atUs == 5);  // +20 to +60: 40 points
  CHECK(store::feelingTurns({{1, -20, 0, "transcript"}, {2, 15, 0, "transcript"}}).size() == 1);  // crossed neutral
  CHECK(store::feelingTurns({{1, -5, 0, "email"}, {2, 12, 0, "email"}}).empty());
  CHECK(store::feelingTurns({{1, -40, 0, "email"}, {2, 0, 0.9f, "voice"}, {3, -45, 0, "email"}}).empty());  // no words
}

TEST_CASE(
    "a trainer corrects a contact's feeling: a note is required, the estimate is kept beside it, and the "
    "corrections are reported",
    "[emotion][desk][trainer]") {
  test::DeskRig rig([](desk::DeskOptions& o) { o.scoreEmotion = true; });
  REQUIRE_FALSE(rig.when(emotionOn)->emotionFailed);
  const auto r = rig.deliver(email(rig, "m1@customer.test", "Third time I write. Still broken, I want a refund!"));
  REQUIRE(r.ok);
  auto db = store::Database::open(rig.path);
  const auto estimate = store::contactEmotion(db, r.interactionId);
  REQUIRE(estimate);
  REQUIRE(estimate->shown());
  CHECK(*estimate->shown() < 0);

  CHECK_THAT(rig.run(desk::CorrectEmotion{r.interactionId, 20, "  "})->lastError, Catch::Contains("note"));
  CHECK_THAT(rig.run(desk::CorrectEmotion{r.interactionId, 101, "x"})->lastError, Catch::Contains("-100 to +100"));
  CHECK_THAT(rig.run(desk::CorrectEmotion{"no-such", 0, "x"})->lastError, Catch::Contains("no contact"));
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_corrected'") == 0);

  rig.nowUs += 1'000'000;
  rig.run(desk::CorrectEmotion{r.interactionId, -90, "Shouting on the phone as well"});
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_corrected'") == 1);
  const auto corrected = store::contactEmotion(db, r.interactionId);
  REQUIRE(corrected->correction);
  CHECK(corrected->correction->index == -90);
  CHECK(corrected->correction->was == estimate->shown());
  CHECK(corrected->index == estimate->index);  // the estimate stays beside it
  CHECK(db.queryInt("SELECT emotion_index FROM interactions WHERE id = '" + r.interactionId + "'") == -90);

  const auto rows = store::emotionCorrections(db, 0);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].interactionId == r.interactionId);
  CHECK(rows[0].channel == "email");
  CHECK(rows[0].note == "Shouting on the phone as well");
  CHECK(store::emotionCorrections(db, rig.nowUs.load() + 1).empty());  // --since after it
  const auto summary = store::summarise({{0, "a", "email", "", "T", -40, -90, ""},
                                         {0, "b", "email", "", "T", 30, -20, ""},
                                         {0, "c", "", "", "T", {}, 5, ""}});
  CHECK(summary.corrections == 3);
  CHECK(summary.withEstimate == 2);
  CHECK(summary.meanDifference == Approx(50.0));
  CHECK(summary.wrongSide == 1);
}

TEST_CASE("two writers of one origin (a rescore beside the running console) keep its sequence without gaps",
          "[emotion][rescore]") {
  test::TempDir dir;
  auto a = store::Database::open(dir.file("s.db"));
  store::migrate(a);
  auto b = store::Database::open(dir.file("s.db"));
  store::EventLog first(a, "agent-01"), second(b, "agent-01");
  auto event = [](std::int64_t ts) {
    store::InteractionEvent e;
    e.interactionId = "i-1";
    e.tsUs = ts;
    e.kind = store::EventKind::Note;
    e.payloadJson = R"({"text": "x"})";
    return e;
  };
  CHECK(first.append(event(1)).seq == 1);
  CHECK(second.append(event(2)).seq == 2);
  CHECK(first.append(event(3)).seq == 3);
  CHECK(a.queryInt("SELECT COUNT(*) FROM interaction_events WHERE origin = 'agent-01'") == 3);
}

TEST_CASE(
    "a recorded call's customer voice is analysed off the desk thread and scored: arousal, no index without "
    "words; a rescore keeps it",
    "[emotion][desk][voice]") {
  test::DeskRig rig([](desk::DeskOptions& o) { o.scoreEmotion = true; });
  REQUIRE_FALSE(rig.when(emotionOn)->emotionFailed);
  // A call's recording: the customer calm for ten seconds (their baseline), quiet for four,
  // then louder, higher and faster; the agent silent. Customer left, agent right, 8 kHz.
  const std::string path = rig.dir.file("call.wav");
  {
    telephony::media::WavWriter wav;
    REQUIRE(wav.open(path, 8000, 2).empty());
    std::vector<std::int16_t> samples;
    auto speak = [&](double seconds, double hz, double syllables, double level) {
      for (int i = 0; i < static_cast<int>(seconds * 8000); ++i) {
        const double t = i / 8000.0;
        const double envelope = level * (0.55 + 0.45 * std::sin(2 * M_PI * syllables * t));
        samples.push_back(static_cast<std::int16_t>(32767 * envelope * std::sin(2 * M_PI * hz * t)));
        samples.push_back(0);
      }
    };
    speak(10, 150, 4, 0.08);
    speak(4, 150, 4, 0);
    speak(10, 280, 7, 0.5);
    wav.write(samples);
    wav.close();
  }
  REQUIRE(rig.call(telephony::SipCallEvent::Kind::Offered, "v1").ok);
  telephony::SipCallEvent recorded;
  recorded.kind = telephony::SipCallEvent::Kind::Recorded;
  recorded.callId = "v1";
  recorded.callerUser = rig.phone;
  recorded.receivedUs = rig.nowUs.load();
  telephony::media::RecordingResult r;
  r.path = path;
  r.startedUs = rig.nowUs.load();
  r.durationMs = 24'000;
  recorded.recording = r;
  const auto delivered = rig.deliver(recorded);
  REQUIRE(delivered.ok);
  const std::string id = delivered.interactionId;
  auto db = store::Database::open(rig.path);
  // The voice thread's result arrives as a command: wait for the desk to have scored it.
  const auto scored = rig.when([&](const desk::DeskSnapshot&) {
    return db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_scored' AND interaction_id = '" +
                       id + "'") > 0;
  });
  REQUIRE(scored);
  const auto e = store::contactEmotion(db, id);
  REQUIRE(e);
  CHECK_FALSE(e->enough);  // a voice gives arousal, never valence
  CHECK_FALSE(e->shown());
  REQUIRE(e->voice);
  CHECK(e->voice->segments == 2);
  CHECK(e->voice->longSilences == 1);
  REQUIRE(e->moments.size() == 2);
  CHECK(e->moments[0].source == "voice");
  CHECK(e->moments[0].atUs == r.startedUs);
  CHECK(e->moments[0].arousal < 0.2f);
  CHECK(e->moments[1].arousal > 0.8f);
  CHECK(e->arousal > 0.5f);                        // end-weighted: it ended agitated
  CHECK(store::feelingTurns(e->moments).empty());  // no words, no turn of feeling
  // The card's history has the call's voice without an index (the agent reads "agitated").
  const auto card = store::loadCustomerViewById(
      db, db.queryInt("SELECT customer_id FROM interactions WHERE id = '" + id + "'"), rig.nowUs.load());
  REQUIRE(card);
  const auto call = std::find_if(card->history.begin(), card->history.end(),
                                 [&](const store::HistoryEntry& h) { return h.interactionId == id; });
  REQUIRE(call != card->history.end());
  CHECK_FALSE(call->emotionIndex);
  CHECK(call->emotionArousalX100 > 50);

  // A rescore after a lexicon change keeps the voice it cannot analyse again.
  store::EventLog log(db, "agent-03");
  const emotion::Lexicon lexicon = emotion::loadLexicon({});
  desk::scoreContacts(db, log, lexicon, {id}, rig.nowUs.load() + 1, true);
  const auto again = store::contactEmotion(db, id);
  REQUIRE(again->voice);
  CHECK(again->moments.size() == 2);
  CHECK(again->arousal == Approx(e->arousal));
}

namespace {

telephony::CtiEvent transcriptLine(const test::DeskRig& rig, const std::string& callId, const std::string& speaker,
                                   const std::string& text) {
  telephony::CtiEvent e;
  e.kind = telephony::CtiEvent::Kind::Transcript;
  e.callId = callId;
  e.speaker = speaker;
  e.text = text;
  e.receivedUs = rig.nowUs.load();
  return e;
}

}  // namespace

TEST_CASE(
    "a call's transcript gives it words: the customer's lines are scored as they arrive, the agent reads them in the "
    "pop, the agent's lines are not scored",
    "[emotion][desk][transcript]") {
  test::DeskRig rig([](desk::DeskOptions& o) { o.scoreEmotion = true; });
  REQUIRE_FALSE(rig.when(emotionOn)->emotionFailed);
  rig.call(telephony::SipCallEvent::Kind::Offered, "tr-1;from-tag=77");  // our listener's key for the call
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  rig.run(desk::AnswerCall{id});

  // The PBX's speech-to-text names the call by its SIP Call-ID.
  rig.nowUs += 5'000'000;
  auto r = rig.deliver(transcriptLine(rig, "tr-1", "agent", "Thank you for calling, this is wonderful support."));
  REQUIRE(r.ok);
  CHECK(r.interactionId == id);
  auto db = store::Database::open(rig.path);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'emotion_scored' AND interaction_id = '" +
                    id + "'") == 0);  // the agent's words are not the customer's feeling
  rig.nowUs += 5'000'000;
  REQUIRE(rig.deliver(transcriptLine(rig, "tr-1", "customer",
                                     "This is ridiculous, the heater is broken again and I have waited all week!"))
              .ok);
  rig.nowUs += 5'000'000;
  REQUIRE(rig.deliver(transcriptLine(rig, "tr-1", "customer", "我非常不满意，太失望了")).ok);

  Json score = latestScore(db, id);
  CHECK(score["enough"] == true);
  CHECK(score["index"].get<int>() < -30);
  CHECK(score["sources"] == Json{{"transcript", 2}});
  CHECK(score["evidence"].dump().find("broken") != std::string::npos);
  CHECK(db.queryInt("SELECT emotion_index FROM interactions WHERE id = '" + id + "'") < -30);

  // The agent reads what was said, and how the customer feels, on the call.
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->transcript.size() == 3; });
  REQUIRE(s->pop->transcript.size() == 3);
  CHECK_FALSE(s->pop->transcript[0].customer);
  CHECK(s->pop->transcript[1].customer);
  CHECK(s->pop->transcript[2].text == "我非常不满意，太失望了");
  REQUIRE(s->pop->emotion);
  REQUIRE(s->pop->emotion->shown());
  CHECK(*s->pop->emotion->shown() < -30);
  CHECK(s->pop->emotion->moments.size() == 2);
  CHECK(s->pop->emotion->moments[0].source == "transcript");
  // The customer card beside it takes the call's index at once.
  REQUIRE(s->pop->view);
  CHECK(s->pop->view->feeling.known);
  CHECK(s->pop->view->feeling.last < -30);

  // The call getting better at its end: the end weighs most.
  rig.nowUs += 5'000'000;
  REQUIRE(rig.deliver(transcriptLine(rig, "tr-1", "customer", "Oh that's great, thank you so much, that really helps!"))
              .ok);
  CHECK(latestScore(db, id)["trend"].get<int>() > 0);

  // A line of a call never seen is refused (the webhook answers 404), and recorded nowhere;
  // nor is a Call-ID that only begins like a known one.
  const auto lines = db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'transcript_line'");
  const auto contacts = db.queryInt("SELECT COUNT(*) FROM interactions");
  for (const char* unknownCall : {"pbx-unknown", "tr-", "tr-1;from"}) {
    const auto orphan = rig.deliver(transcriptLine(rig, unknownCall, "customer", "Hello? Is anyone there?"));
    CHECK_FALSE(orphan.ok);
    CHECK(orphan.unknownCall);
    CHECK_THAT(orphan.error, Catch::Contains(unknownCall) && Catch::Contains("post its newCall first"));
  }
  CHECK(db.queryInt("SELECT COUNT(*) FROM interaction_events WHERE kind = 'transcript_line'") == lines);
  CHECK(db.queryInt("SELECT COUNT(*) FROM interactions") == contacts);
  CHECK(rig.when([](const desk::DeskSnapshot&) { return true; })->lastError.empty());  // the PBX's to fix
}

TEST_CASE("a rescore reads a call's transcript as it reads emails, and a PBX's call is found by its CTI id",
          "[emotion][desk][transcript]") {
  test::DeskRig rig;  // no scoring on the desk: the rescore does it
  telephony::CtiEvent call;
  call.kind = telephony::CtiEvent::Kind::NewCall;
  call.from = rig.phone;
  call.to = "support";
  call.callId = "pbx-9";
  call.receivedUs = rig.nowUs.load();
  const auto offered = rig.deliver(call);
  REQUIRE(offered.ok);
  REQUIRE(rig.deliver(transcriptLine(rig, "pbx-9", "customer", "Thanks, you have been really helpful, I am delighted."))
              .interactionId == offered.interactionId);
  auto db = store::Database::open(rig.path);
  store::EventLog log(db, "agent-03");
  const emotion::Lexicon lexicon = emotion::loadLexicon({});
  const auto due = desk::contactsToScore(db, lexicon, call.receivedUs);  // the rig's own emails before it
  REQUIRE(due.newWords == std::vector<std::string>{offered.interactionId});
  CHECK(desk::scoreContacts(db, log, lexicon, due.newWords, rig.nowUs.load(), false).scored == 1);
  CHECK(db.queryInt("SELECT emotion_index FROM interactions WHERE id = '" + offered.interactionId + "'") > 30);
  CHECK(desk::contactsToScore(db, lexicon, call.receivedUs).size() == 0);
}
