// The trainer's replay: the fold at t, the customer as of t, masking, scoring and
// calibration, the search, and an exported case read back with no other store.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>

#include "replay/evaluation.h"
#include "replay/masking.h"
#include "replay/replay_case.h"
#include "replay/replay_timeline.h"
#include "replay/trainer_worker.h"
#include "store/customer_view.h"
#include "store/event_log.h"
#include "store/interaction_search.h"
#include "test_support.h"

using namespace frontline;
using store::EventKind;

namespace {

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kDay = store::kMicrosPerDay;
const std::int64_t t0 = test::kTestNowUs;  // the call is offered then

// Ann Smith (7) calls: ringing 5 s, answered, a note typed in three steps, held 10 s, a
// complaint opened and the call ended at 60 s, wrapped at 80 s. An order is placed at
// 30 s (during the call); an earlier contact of hers ends after the call started.
store::Database callStore() {
  auto db = test::migratedMemoryStore();
  db.exec("INSERT INTO exchange_rates VALUES ('EUR', 1.0)");
  db.cached(
        "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us, notes) "
        "VALUES (7, 'Ann Smith', 'Smith, Ann', 'GB', 'en-GB', ?, 'Prefers calls after 17:00 on +44 7700 900123')")
      .bind(1, t0 - 1000 * kDay)
      .run();
  db.exec(
      "INSERT INTO customer_addresses (customer_id, kind, value, label) VALUES "
      "(7, 'phone', '+442079460958', 'work'), (7, 'email', 'ann.smith@example.com', '')");
  auto order = [&](const char* number, std::int64_t at) {
    db.cached(
          "INSERT INTO orders (customer_id, number, ordered_us, status, items_json, total_minor, currency) "
          "VALUES (7, ?, ?, 'placed', '[]', 1000, 'EUR')")
        .bind(1, number)
        .bind(2, at)
        .run();
  };
  order("FL-OLD", t0 - 50 * kDay);
  order("FL-DURING", t0 + 30 * kSecond);
  store::EventLog log(db, "agent-01");
  auto add = [&](const char* id, std::int64_t at, EventKind kind, std::string payload = "{}",
                 std::string agent = "agent-01") {
    log.append({"", 0, id, at, kind, agent, std::move(payload)});
  };
  add("", t0 - 600 * kSecond, EventKind::AgentState, R"({"state":"available","reason":""})");
  add("earlier", t0 - 100 * kSecond, EventKind::Offered,
      R"({"channel":"email","direction":"in","address":"ann.smith@example.com","customer_id":7,"subject":"Kettle"})");
  add("call", t0, EventKind::Offered,
      R"({"channel":"voice","direction":"in","address":"+442079460958","display_name":"ANN SMITH","customer_id":7})",
      "");
  add("call", t0, EventKind::Ringing, "{}", "");
  add("call", t0 + 5 * kSecond, EventKind::Answered);
  add("", t0 + 5 * kSecond, EventKind::AgentState, R"({"state":"on_contact","reason":""})");
  add("call", t0 + 10 * kSecond, EventKind::Note, R"({"text":"Ann says"})");
  add("call", t0 + 12 * kSecond, EventKind::Note, R"({"text":"Ann says the kettle"})");
  add("call", t0 + 14 * kSecond, EventKind::Note, R"({"text":"Ann says the kettle leaks; card 4111 1111 1111 1111"})");
  add("call", t0 + 20 * kSecond, EventKind::Held);
  add("call", t0 + 30 * kSecond, EventKind::Resumed);
  add("call", t0 + 40 * kSecond, EventKind::ComplaintOpened,
      R"({"complaint_id":"k1","customer_id":7,"category":"product","priority":"high","summary":"Kettle leaks",)"
      R"("response_due_us":)" +
          std::to_string(t0 + kDay) + R"(,"resolution_due_us":)" + std::to_string(t0 + 5 * kDay) + "}");
  add("earlier", t0 + 45 * kSecond, EventKind::Ended);  // the earlier contact changes after the call began
  add("call", t0 + 60 * kSecond, EventKind::Ended);
  add("", t0 + 60 * kSecond, EventKind::AgentState, R"({"state":"wrap_up","reason":""})");
  add("call", t0 + 80 * kSecond, EventKind::Disposition, R"({"code":"resolved"})");
  add("call", t0 + 80 * kSecond, EventKind::Wrapped);
  add("", t0 + 80 * kSecond, EventKind::AgentState, R"({"state":"available","reason":""})");
  add("call", t0 + 200 * kSecond, EventKind::Annotated, R"({"text":"good greeting","at_us":1})", "trainer-01");
  return db;
}

std::shared_ptr<const replay::ReplayCase> loadCase(store::Database& db, bool unmasked = true) {
  return std::make_shared<const replay::ReplayCase>(replay::loadReplayCase(db, "call", {}, unmasked));
}

replay::Answer ans(std::optional<int> value, std::string comment = {}, std::optional<std::int64_t> at = {}) {
  replay::Answer a;
  a.value = value;
  a.comment = std::move(comment);
  a.atUs = at;
  return a;
}

std::string fileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("replay: the fold at t is the desk the agent had then", "[replay]") {
  auto db = callStore();
  const replay::ReplayTimeline timeline(loadCase(db));
  const auto& c = timeline.replayCase();
  CHECK(c.events.size() == 12);  // the annotation is not part of the contact
  CHECK(c.startUs == t0);
  CHECK(c.endUs == t0 + 80 * kSecond);

  auto ringing = timeline.at(t0 + 2 * kSecond).snapshot;
  REQUIRE(ringing.pop);
  CHECK(ringing.pop->status == desk::ContactStatus::Ringing);
  CHECK(ringing.agent.state == desk::AgentState::Available);
  CHECK(ringing.pop->note.empty());

  auto typing = timeline.at(t0 + 12 * kSecond).snapshot;
  CHECK(typing.pop->status == desk::ContactStatus::Connected);
  CHECK(typing.pop->note == "Ann says the kettle");  // as it was typed
  CHECK(typing.agent.state == desk::AgentState::OnContact);
  CHECK(typing.pop->answeredUs == t0 + 5 * kSecond);

  CHECK(timeline.at(t0 + 25 * kSecond).snapshot.pop->status == desk::ContactStatus::Held);
  auto wrap = timeline.at(t0 + 70 * kSecond).snapshot;
  CHECK(wrap.pop->status == desk::ContactStatus::Ended);
  CHECK(wrap.agent.state == desk::AgentState::WrapUp);
  CHECK(timeline.at(t0 + 999 * kSecond).snapshot.pop->status == desk::ContactStatus::Wrapped);  // clamped to the end
  CHECK(timeline.at(0).eventsApplied == 2);  // clamped to the start: offered and ringing

  // Markers and bands.
  CHECK(timeline.nextEvent(t0) == t0 + 5 * kSecond);
  CHECK(timeline.previousEvent(t0 + 20 * kSecond) == t0 + 14 * kSecond);
  std::vector<replay::Band::Kind> kinds;
  for (const auto& b : timeline.bands()) kinds.push_back(b.kind);
  using K = replay::Band::Kind;
  CHECK(kinds == std::vector<K>{K::Ringing, K::Talk, K::Hold, K::Talk, K::WrapUp});
  CHECK(timeline.bands()[2].fromUs == t0 + 20 * kSecond);
  CHECK(timeline.bands()[2].toUs == t0 + 30 * kSecond);
}

TEST_CASE("replay: a hold, a resume and a hang-up within half a second: at the hold the agent is not in wrap-up",
          "[replay]") {
  auto db = test::migratedMemoryStore();
  store::EventLog log(db, "agent-01");
  auto add = [&](const char* id, std::int64_t at, EventKind kind, std::string payload = "{}") {
    log.append({"", 0, id, at, kind, "agent-01", std::move(payload)});
  };
  add("call", t0, EventKind::Offered, R"({"channel":"voice","direction":"in","address":"+442079460958"})");
  add("call", t0 + kSecond, EventKind::Answered);
  add("", t0 + kSecond + 50, EventKind::AgentState, R"({"state":"on_contact","reason":""})");
  add("call", t0 + 2 * kSecond, EventKind::Held);
  add("call", t0 + 2 * kSecond + 150'000, EventKind::Resumed);
  add("call", t0 + 2 * kSecond + 300'000, EventKind::Ended);
  add("", t0 + 2 * kSecond + 300'050, EventKind::AgentState, R"({"state":"wrap_up","reason":""})");
  const replay::ReplayTimeline timeline(loadCase(db));
  // Stepping to the answer shows the agent on the contact (their state change came 50 us later).
  CHECK(timeline.at(t0 + kSecond).snapshot.agent.state == desk::AgentState::OnContact);
  const auto held = timeline.at(t0 + 2 * kSecond).snapshot;
  CHECK(held.pop->status == desk::ContactStatus::Held);
  CHECK(held.agent.state == desk::AgentState::OnContact);  // the wrap-up came with the hang-up, after the resume
  CHECK(timeline.at(t0 + 2 * kSecond + 150'000).snapshot.agent.state == desk::AgentState::OnContact);
  CHECK(timeline.at(t0 + 2 * kSecond + 300'000).snapshot.agent.state == desk::AgentState::WrapUp);
}

TEST_CASE("replay: the customer's feeling over the contact: where it turns, and a correction after the wrap-up",
          "[replay][emotion]") {
  auto db = callStore();
  store::EventLog log(db, "agent-01");
  auto moment = [](std::int64_t at, int index, double arousal, const char* source) {
    return nlohmann::json{{"at_us", at}, {"index", index}, {"arousal", arousal}, {"source", source}};
  };
  const std::string moments =
      nlohmann::json::array(
          {moment(t0 + 5 * kSecond, 0, 0.2, "voice"), moment(t0 + 10 * kSecond, -40, 0.5, "transcript"),
           moment(t0 + 20 * kSecond, 0, 0.8, "voice"), moment(t0 + 30 * kSecond, 20, 0.2, "transcript"),
           moment(t0 + 40 * kSecond, 0, 0.1, "voice")})
          .dump();
  log.append({"", 0, "call", t0 + 61 * kSecond, EventKind::EmotionScored, "agent-01",
              R"({"version":1,"lexicon":"x","enough":true,"index":5,"trend":60,"confidence":0.6,"arousal":0.3,)"
              R"("turns":2,"evidence":[{"words":"leaks","value":-1.5,"negated":false}],"moments":)" +
                  moments + "}"});
  store::EventLog trainer(db, "trainer-01");
  trainer.append({"", 0, "call", t0 + 500 * kSecond, EventKind::EmotionCorrected, "",
                  R"({"index":30,"was":5,"note":"relieved at the end","by_name":"Tess"})"});
  const replay::ReplayTimeline timeline(loadCase(db));
  CHECK(timeline.replayCase().endUs == t0 + 80 * kSecond);  // the correction does not stretch the contact
  REQUIRE(timeline.emotion());
  CHECK(timeline.emotion()->shown() == 30);
  CHECK(timeline.emotion()->correction->byName == "Tess");
  const auto turn = std::find_if(timeline.markers().begin(), timeline.markers().end(),
                                 [](const replay::Marker& m) { return m.feeling.has_value(); });
  REQUIRE(turn != timeline.markers().end());
  CHECK(turn->atUs == t0 + 20 * kSecond);
  CHECK(turn->label == "voice agitated 0.80");  // the caller's voice, at 20 s
  std::vector<std::string> labels;
  for (const auto& m : timeline.markers())
    if (m.feeling) labels.push_back(m.label);
  CHECK(labels == std::vector<std::string>{"voice agitated 0.80", "feeling up -40 to +20", "voice calm again 0.10"});
  CHECK(std::is_sorted(timeline.markers().begin(), timeline.markers().end(),
                       [](const replay::Marker& a, const replay::Marker& b) { return a.atUs < b.atUs; }));
}

TEST_CASE("replay: a call's transcript as the agent read it at t, masked; no marker per line", "[replay][transcript]") {
  auto db = callStore();
  store::EventLog log(db, "agent-01");
  log.append({"", 0, "call", t0 + 12 * kSecond, EventKind::TranscriptLine, "",
              R"({"speaker":"customer","text":"My card is 4111 1111 1111 1111 and my kettle leaks"})"});
  log.append({"", 0, "call", t0 + 14 * kSecond, EventKind::TranscriptLine, "agent-01",
              R"({"speaker":"agent","text":"I am sorry to hear that"})"});
  const auto markers = [](const replay::ReplayTimeline& t) {
    return std::count_if(t.markers().begin(), t.markers().end(),
                         [](const replay::Marker& m) { return m.kind == EventKind::TranscriptLine; });
  };
  const replay::ReplayTimeline masked(loadCase(db, false));
  CHECK(masked.at(t0 + 11 * kSecond).snapshot.pop->transcript.empty());
  const auto one = masked.at(t0 + 12 * kSecond).snapshot.pop->transcript;
  REQUIRE(one.size() == 1);
  CHECK(one[0].customer);
  CHECK(one[0].text == "My card is #### #### #### #### and my kettle leaks");
  const auto both = masked.at(t0 + 15 * kSecond).snapshot.pop->transcript;
  REQUIRE(both.size() == 2);
  CHECK_FALSE(both[1].customer);
  CHECK(markers(masked) == 0);
  const replay::ReplayTimeline plain(loadCase(db));
  CHECK(plain.at(t0 + 15 * kSecond).snapshot.pop->transcript[0].text.find("4111") != std::string::npos);
}

TEST_CASE("replay: the customer as of t", "[replay]") {
  auto db = callStore();
  // The desk loads the card at the pop and at the complaint: before the order of 30 s,
  // then after it.
  const replay::ReplayTimeline timeline(loadCase(db));
  auto atPop = timeline.at(t0 + 20 * kSecond).snapshot;
  REQUIRE(atPop.pop->view);
  const auto& v = *atPop.pop->view;
  REQUIRE(v.orders.size() == 1);  // FL-DURING was placed after t
  CHECK(v.orders[0].number == "FL-OLD");
  CHECK(v.openComplaints.empty());
  // Its own history row is the call as it was then (offered, nothing more); the earlier
  // email is still open then (it ended at 45 s).
  REQUIRE(v.history.size() == 2);
  CHECK(v.history[0].interactionId == "call");
  CHECK(v.history[0].outcome == "open");
  CHECK(v.history[1].outcome == "open");

  auto afterComplaint = timeline.at(t0 + 50 * kSecond).snapshot;
  const auto& w = *afterComplaint.pop->view;
  CHECK(w.orders.size() == 2);
  REQUIRE(w.openComplaints.size() == 1);
  CHECK(w.openComplaints[0].summary == "Kettle leaks");

  // Directly: as of a moment, and the live view agreeing with "as of the end of time".
  auto early = store::loadCustomerViewAsOf(db, 7, t0 - kSecond);
  REQUIRE(early);
  CHECK(early->history.size() == 1);  // the call was not offered yet
  CHECK(early->purchases.contactCount == 1);
  auto live = store::loadCustomerViewById(db, 7, t0 + 100 * kSecond);
  auto asOfNow = store::loadCustomerViewAsOf(db, 7, t0 + 100 * kSecond);
  CHECK(live->history.size() == asOfNow->history.size());
  CHECK(live->openComplaints.size() == asOfNow->openComplaints.size());
  CHECK(live->orders.size() == asOfNow->orders.size());
}

TEST_CASE("replay: masking hides names, addresses, numbers and postcodes", "[replay][masking]") {
  replay::Masker m;
  CHECK(m.addPerson("Ann Smith", {"Smith, Ann"}) == "Customer A");
  CHECK(m.addPerson("王伟", {"Wang Wei"}) == "Customer B");
  CHECK(m.addPerson("Ann Smith") == "Customer A");
  CHECK(m.name("ann smith") == "Customer A");
  CHECK(m.name("Someone Else") == "Customer ?");
  CHECK(m.text("Hello Ann, this is about ANN SMITH's kettle") == "Hello Customer A, this is about Customer A's kettle");
  CHECK(m.text("Annual fee") == "Annual fee");  // whole words only
  CHECK(m.text("我是王伟，电话") == "我是Customer B，电话");
  CHECK(m.text("Mr Wang Wei called") == "Mr Customer B called");
  // Phones in many written forms, and card numbers.
  for (const char* phone : {"+44 20 7946 0958", "+442079460958", "(020) 7946-0958", "020-7946-0958", "0049.30.1234567",
                            "+1 (415) 555-0100", "+86 138 1234 5678", "07700 900123"}) {
    const std::string masked = m.text(std::string("call me on ") + phone + " please");
    INFO(phone << " -> " << masked);
    CHECK(masked.find_first_of("0123456789") == std::string::npos);
    CHECK(masked.rfind("call me on ", 0) == 0);
  }
  CHECK(m.text("card 4111 1111 1111 1111 exp") == "card #### #### #### #### exp");
  CHECK(m.text("account 12345678") == "account ########");
  CHECK(m.text("zip 90210, flat 4") == "zip #####, flat 4");
  CHECK(m.text("order FL-2031 of 2026-12-01, 2 items at 19.99") == "order FL-2031 of 2026-12-01, 2 items at 19.99");
  CHECK(m.text("at 13:45:10 for 3 minutes") == "at 13:45:10 for 3 minutes");
  // Emails and postcodes.
  CHECK(m.text("write to ann.smith+kettle@example.co.uk.") == "write to [email].");
  CHECK(m.text("user@localhost is not an address") == "user@localhost is not an address");
  CHECK(m.text("10 Downing St, London SW1A 2AA, UK") == "10 Downing St, London [postcode], UK");
  CHECK(m.text("M1 1AE and EC1A 1BB") == "[postcode] and [postcode]");
  // Multi-byte text around a mask stays UTF-8 and whole.
  CHECK(m.text("电话：13812345678。") == "电话：###########。");
}

TEST_CASE("replay: a masked case shows no name, email or number of the store", "[replay][masking]") {
  auto db = callStore();
  const replay::ReplayTimeline timeline(loadCase(db, /*unmasked=*/false));
  CHECK(timeline.replayCase().masked);
  std::string all;
  for (std::int64_t t = t0; t <= t0 + 80 * kSecond; t += kSecond) {
    const auto s = timeline.at(t).snapshot;
    all += s.pop->callerAddress + "|" + s.pop->callerName + "|" + s.pop->note + "|";
    if (s.pop->view) {
      const auto& v = *s.pop->view;
      all += v.profile.displayName + "|" + v.profile.sortName + "|" + v.profile.notes + "|";
      for (const auto& a : v.addresses) all += a.address.value + "|";
      for (const auto& h : v.history) all += h.subject + h.note + "|";
    }
  }
  CHECK(all.find("Customer A") != std::string::npos);
  for (const char* secret :
       {"Ann", "Smith", "ANN SMITH", "+44", "7946", "ann.smith", "example.com", "4111", "900123"}) {
    INFO(secret);
    CHECK(all.find(secret) == std::string::npos);
  }
  CHECK(std::regex_search(all, std::regex(R"(\+\d{7,})")) == false);
}

TEST_CASE("replay: scoring with weights, N/A and critical items", "[replay][evaluation]") {
  replay::Form form;
  form.id = "calls";
  form.version = 3;
  form.sections = {
      {"Opening", 1.0, {{"greet", "Greets", 1.0, 0, false, false}, {"id", "Checks identity", 2.0, 0, true, true}}},
      {"Handling", 2.0, {{"tone", "Tone", 1.0, 5, false, false}, {"hold", "Asks before hold", 1.0, 0, true, false}}}};
  using A = replay::Answer;
  std::map<std::string, A> answers{{"greet", ans(1)}, {"id", ans(1)}, {"tone", ans(4)}, {"hold", ans(std::nullopt)}};
  auto s = replay::score(form, answers);
  // greet 1*1*1 + id 1*2*1 + tone 2*1*0.75 = 4.5 over weights 1 + 2 + 2 = 5; hold N/A.
  REQUIRE(s.percent);
  CHECK(*s.percent == Approx(90.0));
  CHECK(s.complete);
  CHECK_FALSE(s.failed);

  answers["id"] = ans(0);  // the critical item fails the whole evaluation
  s = replay::score(form, answers);
  CHECK(s.failed);
  CHECK(*s.percent == 0.0);
  CHECK(*s.raw == Approx(100.0 * 2.5 / 5.0));
  CHECK(s.failedItems == std::vector<std::string>{"Checks identity"});

  answers.erase("tone");
  CHECK_FALSE(replay::score(form, answers).complete);
  answers = {{"greet", ans(std::nullopt)}};  // N/A where it is not allowed: unanswered
  CHECK_FALSE(replay::score(form, answers).percent);

  // Frozen with the evaluation: a payload carries the form and gives the same score.
  replay::Evaluation e;
  e.evaluationId = "ev1";
  e.agentId = "agent-01";
  e.form = form;
  e.answers = {{"greet", ans(1, "warm", t0)}, {"id", ans(1)}, {"tone", ans(5)}};
  e.result = replay::score(form, e.answers);
  const auto back = replay::evaluationFromPayload(replay::payloadOf(e).dump(), "call", "trainer-01", t0);
  REQUIRE(back);
  CHECK(back->form.version == 3);
  CHECK(back->answers.at("greet").atUs == t0);
  CHECK(back->answers.at("greet").comment == "warm");
  CHECK(*back->result.percent == Approx(*e.result.percent));
  CHECK_FALSE(replay::evaluationFromPayload("{\"evaluation_id\":\"x\"}", "call", "t", 0));
}

TEST_CASE("replay: calibration spreads and distances", "[replay][evaluation]") {
  replay::Form form;
  form.id = "calls";
  form.sections = {{"All", 1.0, {{"a", "A", 1.0, 5, false, false}, {"b", "B", 1.0, 0, false, false}}}};
  auto ev = [&](const char* who, int a, int b) {
    replay::Evaluation e;
    e.evaluator = who;
    e.form = form;
    e.answers = {{"a", ans(a)}, {"b", ans(b)}};
    e.result = replay::score(form, e.answers);
    return e;
  };
  replay::Form other = form;
  other.version = 2;
  auto stray = ev("t4", 1, 0);
  stray.form = other;  // another version: left out
  const auto c = replay::calibrate({ev("t1", 5, 1), ev("t2", 3, 1), ev("t3", 1, 1), stray});
  CHECK(c.evaluations == 3);
  REQUIRE(c.questions.size() == 2);
  CHECK(c.questions[0].mean == Approx(50.0));
  CHECK(c.questions[0].min == 0.0);
  CHECK(c.questions[0].max == 100.0);
  CHECK(c.questions[0].stddev == Approx(40.8248).epsilon(0.001));
  CHECK(c.questions[1].stddev == 0.0);
  REQUIRE(c.meanScore);
  CHECK(*c.meanScore == Approx(75.0));  // 100, 75, 50
  REQUIRE(c.evaluators.size() == 3);
  CHECK(c.evaluators[0].scoreDistance == Approx(25.0));
  CHECK(c.evaluators[1].scoreDistance == Approx(0.0));
  CHECK(c.evaluators[0].questionDistance == Approx(25.0));  // (50 + 0) / 2
}

TEST_CASE("replay: forms are read from files, with errors naming file, line and key", "[replay][evaluation]") {
  test::TempDir dir;
  const std::string good = dir.file("good.toml");
  std::ofstream(good) << "id = \"calls\"\nversion = 2\ntitle = \"Calls\"\n[[sections]]\ntitle = \"Opening\"\n"
                         "[[sections.questions]]\nid = \"greet\"\ntext = \"Greets\"\nscale = \"yes_no\"\n"
                         "critical = true\n[[sections.questions]]\nid = \"tone\"\ntext = \"Tone\"\nscale = \"4\"\n"
                         "weight = 2\nnot_applicable = true\n";
  const auto form = replay::loadForm(good);
  CHECK(form.version == 2);
  REQUIRE(form.sections.at(0).questions.size() == 2);
  CHECK(form.sections[0].questions[0].critical);
  CHECK(form.sections[0].questions[1].points == 4);
  CHECK(form.sections[0].questions[1].allowNa);
  const std::string bad = dir.file("bad.toml");
  std::ofstream(bad) << "id = \"x\"\nversion = 1\ntitle = \"X\"\n[[sections]]\ntitle = \"S\"\n"
                        "[[sections.questions]]\nid = \"q\"\ntext = \"Q\"\nscale = \"7\"\n";
  CHECK_THROWS_WITH(replay::loadForm(bad), Catch::Contains("bad.toml:9") && Catch::Contains("scale"));
  std::vector<std::string> errors;
  const auto forms = replay::loadForms(dir.path().string(), errors);
  CHECK(forms.size() == 1);
  REQUIRE(errors.size() == 1);
  // The shipped demo forms load.
  errors.clear();
  CHECK(replay::loadForms(std::string(FRONTLINE_SOURCE_DIR) + "/assets/forms", errors).size() >= 2);
  CHECK(errors.empty());
}

TEST_CASE("replay: the search filters, sorts and pages past contacts", "[replay][search]") {
  auto db = callStore();
  store::InteractionFilter all;
  auto page = store::searchInteractions(db, all, store::InteractionSort::NewestFirst, 0, 1);
  REQUIRE(page.hits.size() == 1);
  CHECK(page.hits[0].id == "call");
  CHECK(page.hits[0].customerName == "Ann Smith");
  CHECK(page.hits[0].complaint);
  CHECK(page.more);
  page = store::searchInteractions(db, all, store::InteractionSort::NewestFirst, 1, 1);
  REQUIRE(page.hits.size() == 1);
  CHECK(page.hits[0].id == "earlier");
  CHECK_FALSE(page.more);
  CHECK(store::searchInteractions(db, all, store::InteractionSort::OldestFirst, 0).hits.front().id == "earlier");

  auto only = [&](store::InteractionFilter f) {
    std::vector<std::string> ids;
    for (const auto& h : store::searchInteractions(db, f, store::InteractionSort::NewestFirst, 0).hits)
      ids.push_back(h.id);
    return ids;
  };
  store::InteractionFilter f;
  f.channel = "email";
  CHECK(only(f) == std::vector<std::string>{"earlier"});
  f = {};
  f.complaintOpened = true;
  CHECK(only(f) == std::vector<std::string>{"call"});
  f = {};
  f.disposition = "resolved";
  CHECK(only(f) == std::vector<std::string>{"call"});
  f = {};
  f.agentId = "agent-01";
  f.outcome = "answered";
  CHECK(only(f) == std::vector<std::string>{"call"});
  f = {};
  f.minHandleUs = 70 * kSecond;  // talk 55 s + wrap-up 20 s
  CHECK(only(f) == std::vector<std::string>{"call"});
  f.minHandleUs = 76 * kSecond;
  CHECK(only(f).empty());
  f = {};
  f.slaMissed = true;  // answered after 5 s: within 20 s
  CHECK(only(f).empty());
  f.voiceSlaUs = 3 * kSecond;
  CHECK(only(f) == std::vector<std::string>{"call"});
  f = {};
  f.fromUs = t0;
  CHECK(only(f) == std::vector<std::string>{"call"});
  f = {};
  f.customerIds = {8};
  CHECK(only(f).empty());
}

TEST_CASE("replay: an exported case opens with no other store and holds nothing unmasked", "[replay][export]") {
  auto db = callStore();
  test::TempDir dir;
  // A file store, as the console has (the export attaches it by path).
  db.exec("VACUUM INTO '" + dir.file("source.db") + "'");
  auto source = store::Database::open(dir.file("source.db"));
  const std::string out = dir.file("case.frontline");
  const auto summary = replay::exportCase(source, "call", out, {});
  CHECK(summary.events >= 12);
  CHECK(summary.historyContacts == 1);
  CHECK(summary.orders == 2);

  const std::string bytes = fileText(out);
  for (const char* secret : {"Ann", "Smith", "ANN SMITH", "+442079460958", "7946", "ann.smith", "example.com", "4111",
                             "900123", "trainer-01"}) {
    INFO(secret);
    CHECK(bytes.find(secret) == std::string::npos);
  }
  CHECK(bytes.find("Customer A") != std::string::npos);

  auto caseStore = store::Database::open(out, store::OpenOptions{true, false});
  CHECK(replay::caseInteraction(caseStore) == "call");
  const replay::ReplayTimeline fromFile(
      std::make_shared<const replay::ReplayCase>(replay::loadReplayCase(caseStore, "call", {}, true)));
  const replay::ReplayTimeline fromStore(loadCase(source, false));
  CHECK(fromFile.replayCase().masked);
  CHECK(fromFile.replayCase().fromCaseFile);
  for (std::int64_t t : {t0 + 2 * kSecond, t0 + 12 * kSecond, t0 + 50 * kSecond, t0 + 70 * kSecond}) {
    INFO(t - t0);
    const auto a = fromFile.at(t).snapshot;
    const auto b = fromStore.at(t).snapshot;
    REQUIRE(a.pop);
    CHECK(a.pop->status == b.pop->status);
    CHECK(a.pop->note == b.pop->note);
    CHECK(a.pop->callerAddress == b.pop->callerAddress);
    CHECK(a.agent == b.agent);
    REQUIRE(a.pop->view);
    CHECK(a.pop->view->profile.displayName == "Customer A");
    CHECK(a.pop->view->orders.size() == b.pop->view->orders.size());
    CHECK(a.pop->view->openComplaints.size() == b.pop->view->openComplaints.size());
    CHECK(a.pop->view->history.size() == b.pop->view->history.size());
  }
}

TEST_CASE("replay: the trainer's worker searches, opens masked, and a contact in progress grows", "[replay][worker]") {
  test::TempDir dir;
  const std::string path = dir.file("store.db");
  {
    auto db = callStore();
    db.exec("VACUUM INTO '" + path + "'");
  }
  auto db = store::Database::open(path);
  store::EventLog log(db, "agent-02");
  log.append({"", 0, "live", t0 + 500 * kSecond, EventKind::Offered, "",
              R"({"channel":"voice","direction":"in","address":"+442079460958","customer_id":7})"});
  log.append({"", 0, "live", t0 + 505 * kSecond, EventKind::Answered, "agent-02", "{}"});

  std::mutex m;
  std::condition_variable cv;
  replay::TrainerOptions options;
  options.storePath = path;
  options.trainerId = "trainer-01";
  options.pollUs = 20'000;
  replay::TrainerWorker worker(options, [&] {
    std::lock_guard lock(m);  // no wake-up lost between a check and the wait
    cv.notify_all();
  });
  auto waitFor = [&](const char* what, auto ok) {
    std::unique_lock lock(m);
    const bool met = cv.wait_for(lock, std::chrono::seconds(10), [&] { return ok(*worker.snapshot()); });
    INFO("waited for " << what);
    REQUIRE(met);
  };
  replay::SearchRequest request;
  request.customerText = "+44 20 7946 0958";  // the customer's phone: all her contacts
  worker.search(request);
  waitFor("the search", [](const replay::TrainerSnapshot& s) {
    return s.search.customerText == "+44 20 7946 0958" && s.page.hits.size() == 3;
  });
  worker.open("live");
  waitFor("the replay", [](const replay::TrainerSnapshot& s) {
    return s.timeline && s.timeline->replayCase().interactionId == "live";
  });
  const auto first = worker.snapshot();
  CHECK(first->timeline->replayCase().masked);
  CHECK(first->timeline->replayCase().events.size() == 2);
  // The call ends while it is open: the replay grows by itself.
  log.append({"", 0, "live", t0 + 560 * kSecond, EventKind::Ended, "agent-02", "{}"});
  waitFor("the replay to grow",
          [](const replay::TrainerSnapshot& s) { return s.timeline && s.timeline->replayCase().events.size() == 3; });
  CHECK_FALSE(worker.snapshot()->unmasked);
  worker.open("live", true);  // the options do not allow unmasking: still masked
  waitFor("the replay again", [&](const replay::TrainerSnapshot& s) { return s.version > first->version + 1; });
  CHECK(worker.snapshot()->timeline->replayCase().masked);
}
