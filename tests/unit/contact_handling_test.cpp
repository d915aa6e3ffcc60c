// The agent's handling of contacts on the desk, with a scripted clock: the queue, an
// email from the queue to its reply and wrap-up, hold, decline, complaints with their SLA
// due times, satisfaction, and an unknown caller linked to or created as a customer.
#include <catch2/catch.hpp>

#include <mutex>

#include "desk/desk.h"
#include "desk/src/outbox.h"
#include "desk_rig.h"
#include "store/customer_search.h"
#include "store/projections.h"
#include "store/sla.h"

using namespace frontline;
using desk::AgentState;
using test::DeskRig;

namespace {

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;

// Records what the desk hands to the relay and answers at once, as a relay's 250 would.
class RecordingSender : public telephony::MailSender {
 public:
  void send(telephony::OutgoingEmail email, std::function<void(telephony::SendResult)> done) override {
    {
      std::lock_guard lock(m_mutex);
      m_sent.push_back(email);
    }
    done({true, "250 2.0.0 queued as 1234"});
  }
  std::vector<telephony::OutgoingEmail> sent() {
    std::lock_guard lock(m_mutex);
    return m_sent;
  }

 private:
  std::mutex m_mutex;
  std::vector<telephony::OutgoingEmail> m_sent;
};

}  // namespace

TEST_CASE("the queue lists ringing calls first, then emails by first-response due time", "[desk][queue]") {
  DeskRig rig([](desk::DeskOptions& o) { o.emailResponseUs = 60 * kMinute; });
  rig.mail("m1@example.com", "First");
  rig.nowUs += 5 * kMinute;
  rig.mail("m2@example.com", "Second", "stranger@example.org");
  rig.nowUs += kMinute;
  rig.call(telephony::SipCallEvent::Kind::Offered, "q-call");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.queue.size() == 3; });
  REQUIRE(s->queue.size() == 3);
  CHECK(s->queue[0].channel == desk::Channel::Voice);
  CHECK(s->queue[1].subject == "First");
  CHECK(s->queue[1].dueUs == test::kTestNowUs + 60 * kMinute);
  CHECK(s->queue[1].known);
  CHECK_FALSE(s->queue[1].quadrant.empty());
  CHECK(s->queue[2].subject == "Second");
  CHECK_FALSE(s->queue[2].known);
  CHECK(s->queue[2].name == "Sender");
  // The ringing call pops by itself; the emails wait to be taken.
  REQUIRE(s->pop);
  CHECK(s->pop->channel == desk::Channel::Voice);
  CHECK(s->pop->status == desk::ContactStatus::Ringing);

  // A follow-up in the same thread does not queue the email twice.
  telephony::ReceivedEmail followUp;
  followUp.fromAddress = rig.email;
  followUp.subject = "Re: First";
  followUp.messageId = "m3@example.com";
  followUp.inReplyTo = "m1@example.com";
  followUp.receivedUs = rig.nowUs;
  rig.deliver(followUp);
  s = rig.run(desk::RefreshSummary{});
  CHECK(s->queue.size() == 3);

  // The caller gives up: the call leaves the queue.
  rig.call(telephony::SipCallEvent::Kind::Cancelled, "q-call");
  s = rig.when([](const desk::DeskSnapshot& x) { return x.queue.size() == 2; });
  CHECK(s->queue.front().channel == desk::Channel::Email);
}

TEST_CASE("emails still waiting are in the queue after a restart", "[desk][queue]") {
  DeskRig rig;
  rig.mail("restart@example.com", "Still there?");
  rig.d.reset();
  desk::DeskOptions o;
  o.storePath = rig.path;
  o.origin = "agent-03";
  o.clock = [&rig] { return rig.nowUs.load(); };
  desk::Desk again(o);
  auto s = again.waitFor([](const desk::DeskSnapshot& x) { return x.storeReady; }, std::chrono::seconds(10));
  REQUIRE(s->queue.size() == 1);
  CHECK(s->queue[0].subject == "Still there?");
}

TEST_CASE("an email from the queue to the reply and the wrap-up, with its resolution times", "[desk][email]") {
  RecordingSender sender;
  DeskRig rig([](desk::DeskOptions& o) {
    o.replyFrom = "help@shop.example";
    o.relayName = "relay.example:25";
  });
  rig.d->setMailSender(&sender);
  const auto received = rig.mail("order-q@example.com", "Where is my order?");
  REQUIRE(received.ok);
  const std::string id = received.interactionId;

  rig.run(desk::SetAgentState{AgentState::NotReady, "break"});
  auto s = rig.run(desk::TakeEmail{id});  // not available: refused
  CHECK_THAT(s->lastError, Catch::Contains("available"));
  CHECK(s->queue.size() == 1);
  rig.run(desk::SetAgentState{AgentState::Available, ""});

  rig.nowUs += 3 * kMinute;  // waits 3 min in the queue
  s = rig.run(desk::TakeEmail{id});
  CHECK(s->agent.state == AgentState::OnContact);
  REQUIRE(s->pop);
  CHECK(s->pop->channel == desk::Channel::Email);
  CHECK(s->pop->status == desk::ContactStatus::Connected);
  REQUIRE(s->pop->thread.size() == 1);
  CHECK(s->pop->thread[0].bodyText == "Hello, Where is my order?");
  CHECK(s->pop->view.has_value());
  CHECK(s->queue.empty());

  s = rig.run(desk::SendReply{id, "   "});
  CHECK_THAT(s->lastError, Catch::Contains("empty"));

  rig.nowUs += 4 * kMinute;  // 4 min to write the reply
  rig.run(desk::SendReply{id, "Your parcel left our warehouse today."});
  s = rig.when([](const desk::DeskSnapshot& x) { return x.lastContact.find("relayed") != std::string::npos; });
  CHECK(s->agent.state == AgentState::WrapUp);
  CHECK(s->pop->status == desk::ContactStatus::Ended);
  REQUIRE(s->pop->thread.size() == 2);
  CHECK(s->pop->thread[1].direction == "out");
  CHECK_THAT(s->lastContact, Catch::Contains("250 2.0.0"));

  const auto sent = sender.sent();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].to == rig.email);
  CHECK(sent[0].fromAddress == "help@shop.example");
  CHECK(sent[0].subject == "Re: Where is my order?");
  CHECK(sent[0].inReplyTo == "order-q@example.com");
  CHECK(sent[0].references == std::vector<std::string>{"order-q@example.com"});
  CHECK_THAT(sent[0].messageId, Catch::EndsWith("@shop.example"));

  s = rig.run(desk::SendReply{id, "twice"});  // the email is answered: no second reply in this contact
  CHECK_THAT(s->lastError, Catch::Contains("already answered"));

  rig.nowUs += kMinute;  // 1 min of wrap-up
  s = rig.run(desk::FinishWrapUp{s->dispositions.front().code});
  CHECK(s->agent.state == AgentState::Available);
  rig.d.reset();

  auto db = store::Database::open(rig.path);
  const auto row = store::loadInteraction(db, id);
  REQUIRE(row);
  CHECK(row->status == "wrapped");
  CHECK(row->waitUs() == 3 * kMinute);
  CHECK(row->talkUs() == 4 * kMinute);
  CHECK(row->acwUs() == kMinute);
  auto& replies = db.cached("SELECT COUNT(*) FROM email_messages WHERE direction = 'out' AND interaction_id = ?");
  replies.bind(1, id);
  REQUIRE(replies.step());
  CHECK(replies.int64(0) == 1);
  replies.reset();
  CHECK(store::foldLog(db) == store::loadProjections(db));  // the new event folds like the stored rows
}

TEST_CASE("an email closed without a reply still needs its wrap-up", "[desk][email]") {
  DeskRig rig;
  const auto received = rig.mail("spam@example.com", "You won");
  rig.run(desk::TakeEmail{received.interactionId});
  auto s = rig.run(desk::CloseEmail{received.interactionId});
  CHECK(s->agent.state == AgentState::WrapUp);
  CHECK(s->pop->status == desk::ContactStatus::Ended);
  CHECK(s->pop->thread.size() == 1);
}

TEST_CASE("a blind transfer: asked for, failed (the call goes on), asked again, done (the agent's leg ends)",
          "[desk][call][transfer]") {
  DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "t-1");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  s = rig.run(desk::TransferCall{id, "2001"});  // ringing: not yet
  CHECK_THAT(s->lastError, Catch::Contains("only a connected or held call"));
  rig.run(desk::AnswerCall{id});
  s = rig.run(desk::TransferCall{id, "  "});
  CHECK_THAT(s->lastError, Catch::Contains("type a number"));
  s = rig.run(desk::TransferCall{id, "20 01"});
  CHECK(s->pop->transferTo == "2001");  // spaces typed between digits are dropped
  CHECK(s->pop->transferState == "requested");
  s = rig.run(desk::TransferCall{id, "2002"});
  CHECK_THAT(s->lastError, Catch::Contains("already under way"));

  telephony::SipCallEvent failed;
  failed.kind = telephony::SipCallEvent::Kind::TransferFailed;
  failed.callId = "t-1";
  failed.transferTarget = "sip:2001@pbx.example";
  failed.transferStatus = 486;
  failed.transferReason = "Busy Here";
  failed.receivedUs = rig.nowUs.load();
  CHECK(rig.deliver(failed).ok);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->transferState == "failed"; });
  CHECK(s->pop->transferError == "486 Busy Here");
  CHECK(s->pop->status == desk::ContactStatus::Connected);  // the caller is still with the agent
  CHECK(s->agent.state == AgentState::OnContact);

  rig.run(desk::TransferCall{id, "2002"});
  telephony::SipCallEvent done = failed;
  done.kind = telephony::SipCallEvent::Kind::Transferred;
  done.transferTarget = "sip:2002@pbx.example";
  done.transferStatus = 200;
  done.transferReason = "OK";
  CHECK(rig.deliver(done).ok);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->transferState == "transferred"; });
  CHECK(s->pop->transferTo == "2002");
  CHECK(s->pop->status == desk::ContactStatus::Ended);
  CHECK(s->pop->outcome == "answered");
  CHECK(s->agent.state == AgentState::WrapUp);
  auto db = store::Database::open(rig.path);
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE (kind LIKE "
                     "'transfer%' OR kind = 'ended') AND interaction_id = '" +
                     id + "' ORDER BY seq)") ==
        "transfer_requested transfer_failed transfer_requested transferred ended");
  CHECK_THAT(db.queryText("SELECT payload_json FROM interaction_events WHERE kind = 'ended' AND interaction_id = '" +
                          id + "'"),
             Catch::Contains("\"cause\":\"transferred\""));
}

TEST_CASE("a call the PBX reported through the CTI webhook is not transferred from the console",
          "[desk][call][transfer]") {
  DeskRig rig;
  telephony::CtiEvent cti;
  cti.kind = telephony::CtiEvent::Kind::NewCall;
  cti.from = rig.phone;
  cti.to = "support";
  cti.direction = "in";
  cti.callId = "pbx-77";
  cti.users = {"agent-07"};
  cti.receivedUs = rig.nowUs.load();
  REQUIRE(rig.deliver(cti).ok);
  auto db = store::Database::open(rig.path);
  const std::string id = db.queryText("SELECT id FROM interactions WHERE external_id LIKE '%pbx-77'");
  REQUIRE_FALSE(id.empty());
  auto s = rig.run(desk::TransferCall{id, "2001"});
  CHECK_THAT(s->lastError, Catch::Contains("only a call that came to this console over SIP"));
}

TEST_CASE("hold and resume are recorded; a declined call leaves the pop and the queue", "[desk][call]") {
  DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "h-1");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  s = rig.run(desk::HoldCall{id, true});  // not answered yet
  CHECK_THAT(s->lastError, Catch::Contains("only a connected call"));
  rig.run(desk::AnswerCall{id});
  s = rig.run(desk::HoldCall{id, true});
  CHECK(s->pop->status == desk::ContactStatus::Held);
  s = rig.run(desk::HoldCall{id, false});
  CHECK(s->pop->status == desk::ContactStatus::Connected);
  rig.run(desk::HangUpCall{id});

  rig.run(desk::FinishWrapUp{s->dispositions.front().code});
  rig.call(telephony::SipCallEvent::Kind::Offered, "h-2");
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->status == desk::ContactStatus::Ringing; });
  const std::string declined = s->pop->interactionId;
  s = rig.run(desk::DeclineCall{declined});
  CHECK_FALSE(s->pop);
  CHECK(s->queue.empty());
  rig.d.reset();
  auto db = store::Database::open(rig.path);
  CHECK(store::loadInteraction(db, declined)->outcome == "declined");
  auto& holds =
      db.cached("SELECT COUNT(*) FROM interaction_events WHERE kind IN ('held', 'resumed') AND interaction_id = ?");
  holds.bind(1, id);
  REQUIRE(holds.step());
  CHECK(holds.int64(0) == 2);
  holds.reset();
}

TEST_CASE("a complaint opened on a call gets its due times from the SLA policy; respond, then resolve",
          "[desk][complaint]") {
  DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "k-1");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string call = s->pop->interactionId;
  rig.run(desk::AnswerCall{call});
  const auto before = s->pop->view->openComplaints.size();

  s = rig.run(desk::OpenComplaint{"delivery", "no-such-priority", "Parcel lost"});
  CHECK_THAT(s->lastError, Catch::Contains("no SLA policy"));
  s = rig.run(desk::OpenComplaint{"astrology", "high", "Parcel lost"});
  CHECK_THAT(s->lastError, Catch::Contains("category"));

  const std::int64_t opened = rig.nowUs;
  s = rig.run(desk::OpenComplaint{"delivery", "high", "Parcel lost"});
  REQUIRE(s->pop->view->openComplaints.size() == before + 1);
  const auto it = std::find_if(s->pop->view->openComplaints.begin(), s->pop->view->openComplaints.end(),
                               [](const store::OpenComplaint& c) { return c.summary == "Parcel lost"; });
  REQUIRE(it != s->pop->view->openComplaints.end());
  const std::string complaint = it->id;

  store::SlaPolicy high;
  {
    auto db = store::Database::open(rig.path, {.readOnly = true});
    high = *store::loadSlaPolicy(db, "high");
  }
  CHECK(it->responseDueUs == opened + high.firstResponseUs);
  CHECK(it->resolutionDueUs == opened + high.resolutionUs);
  CHECK(it->status == "open");

  rig.nowUs += 10 * kMinute;
  s = rig.run(desk::RespondComplaint{complaint});
  s = rig.run(desk::RespondComplaint{complaint});  // a second first response: refused
  CHECK_THAT(s->lastError, Catch::Contains("first response"));
  rig.nowUs += 50 * kMinute;
  s = rig.run(desk::ResolveComplaint{complaint});
  CHECK(s->pop->view->openComplaints.size() == before);
  REQUIRE_FALSE(s->pop->view->resolvedComplaints.empty());
  CHECK(s->pop->view->resolvedComplaints.front().id == complaint);
  s = rig.run(desk::ResolveComplaint{complaint});
  CHECK_THAT(s->lastError, Catch::Contains("already resolved"));
  rig.d.reset();

  auto db = store::Database::open(rig.path);
  const auto row = store::loadComplaint(db, complaint);
  REQUIRE(row);
  CHECK(row->status == "resolved");
  CHECK(row->interactionId == call);
  CHECK(*row->firstResponseUs - row->openedUs == 10 * kMinute);
  CHECK(*row->resolvedUs - row->openedUs == 60 * kMinute);
  CHECK(row->ownerAgentId == "agent-03");
}

TEST_CASE("an email reply is the first response to a complaint opened in the conversation", "[desk][complaint]") {
  DeskRig rig;
  const auto received = rig.mail("refund@example.com", "Refund?");
  rig.run(desk::TakeEmail{received.interactionId});
  auto s = rig.run(desk::OpenComplaint{"billing", "normal", "Refund missing"});
  rig.nowUs += 2 * kMinute;
  rig.run(desk::SendReply{received.interactionId, "We are on it."});
  rig.d.reset();
  auto db = store::Database::open(rig.path);
  auto& q = db.cached("SELECT first_response_us - opened_us, status FROM complaints WHERE summary = 'Refund missing'");
  REQUIRE(q.step());
  CHECK(q.int64(0) == 2 * kMinute);
  CHECK(q.text(1) == "responded");
  q.reset();
}

TEST_CASE("complaint SLA states at their thresholds", "[sla]") {
  using store::SlaState;
  // Budget 100 s from t = 0, at risk after 75 %.
  CHECK(store::slaState(0, 100, 0.75, 0) == SlaState::OnTrack);
  CHECK(store::slaState(0, 100, 0.75, 74) == SlaState::OnTrack);
  CHECK(store::slaState(0, 100, 0.75, 75) == SlaState::AtRisk);
  CHECK(store::slaState(0, 100, 0.75, 100) == SlaState::AtRisk);
  CHECK(store::slaState(0, 100, 0.75, 101) == SlaState::Breached);
  CHECK(store::slaState(0, 100, 0.75, 500, 100) == SlaState::Met);
  CHECK(store::slaState(0, 100, 0.75, 500, 101) == SlaState::Missed);
}

TEST_CASE("satisfaction is recorded on the contact in hand as a and b", "[desk][satisfaction]") {
  DeskRig rig;
  auto s = rig.run(desk::RecordSatisfaction{4, 5});  // no contact
  CHECK_THAT(s->lastError, Catch::Contains("no contact in hand"));
  rig.call(telephony::SipCallEvent::Kind::Offered, "s-1");
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  rig.run(desk::AnswerCall{id});
  s = rig.run(desk::RecordSatisfaction{0, 5});
  CHECK_THAT(s->lastError, Catch::Contains("1 to 5"));
  s = rig.run(desk::RecordSatisfaction{4, 5});
  CHECK(s->pop->satisfactionExpected == 4);
  CHECK(s->pop->satisfactionPerceived == 5);
  REQUIRE(s->pop->view->insight.latestSatisfaction);
  CHECK(s->pop->view->insight.latestSatisfaction->c == Approx(1.25));
}

TEST_CASE("an unknown caller is linked to a customer found by order number", "[desk][unknown]") {
  DeskRig rig;
  std::string order;
  std::int64_t customer = 0;
  {
    auto db = store::Database::open(rig.path, {.readOnly = true});
    order = db.queryText("SELECT number FROM orders ORDER BY id LIMIT 1");
    customer = db.queryInt("SELECT customer_id FROM orders ORDER BY id LIMIT 1");
  }
  rig.call(telephony::SipCallEvent::Kind::Offered, "u-1", "+442079460000");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  CHECK_FALSE(s->pop->view);
  const std::string id = s->pop->interactionId;
  rig.run(desk::AnswerCall{id});
  s = rig.run(desk::LookUpCustomer{order});
  REQUIRE(s->lookup);
  REQUIRE(s->lookup->matches.size() == 1);
  CHECK(s->lookup->matches[0].customerId == customer);
  CHECK(s->lookup->matches[0].matchedOn == "order " + order);
  s = rig.run(desk::LinkCustomer{id, customer});
  REQUIRE(s->pop->view);
  CHECK(s->pop->view->profile.id == customer);
  CHECK(s->pop->view->history.front().interactionId == id);  // the call is in their history now
  rig.d.reset();
  auto db = store::Database::open(rig.path);
  CHECK(store::loadInteraction(db, id)->customerId == customer);
}

TEST_CASE("a customer created from an unknown caller's number is known on the next call", "[desk][unknown]") {
  DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "n-1", "02079460001");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  s = rig.run(desk::CreateCustomer{id, "   "});
  CHECK_THAT(s->lastError, Catch::Contains("needs a name"));
  s = rig.run(desk::CreateCustomer{id, "Ada Lovelace"});
  REQUIRE(s->pop->view);
  CHECK(s->pop->view->profile.displayName == "Ada Lovelace");
  REQUIRE(s->pop->view->addresses.size() == 1);
  CHECK(s->pop->view->addresses[0].address.value == "+442079460001");
  s = rig.run(desk::CreateCustomer{id, "Ada again"});
  CHECK_THAT(s->lastError, Catch::Contains("already belongs"));

  rig.run(desk::DeclineCall{id});
  rig.call(telephony::SipCallEvent::Kind::Offered, "n-2", "+44 20 7946 0001");
  s = rig.when([](const desk::DeskSnapshot& x) { return x.pop && x.pop->status == desk::ContactStatus::Ringing; });
  REQUIRE(s->pop->view);
  CHECK(s->pop->view->profile.displayName == "Ada Lovelace");
  CHECK(s->queue.front().known);
}

TEST_CASE("customer search by a name's start in any case, as written, by email and by order", "[store][search]") {
  auto db = test::migratedMemoryStore();
  test::writeDemoCustomers(db, 200);
  const std::string sortName = db.queryText("SELECT sort_name FROM customers WHERE id = 7");
  const std::string displayName = db.queryText("SELECT display_name FROM customers WHERE id = 7");
  std::string lower = sortName.substr(0, 4);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto found = store::searchCustomers(db, lower, "GB");
  CHECK(std::any_of(found.begin(), found.end(), [](const store::CustomerMatch& m) { return m.customerId == 7; }));
  for (const auto& m : found) {  // a word of the name starts with what was typed
    std::string name = " " + m.sortName;
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK((name.find(" " + lower) != std::string::npos || name.find("-" + lower) != std::string::npos));
  }
  found = store::searchCustomers(db, displayName, "GB");
  REQUIRE_FALSE(found.empty());
  CHECK(std::any_of(found.begin(), found.end(), [](const store::CustomerMatch& m) { return m.customerId == 7; }));

  const std::string email = db.queryText("SELECT value FROM customer_addresses WHERE kind = 'email' LIMIT 1");
  std::string shouted = email;
  for (auto& ch : shouted) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  found = store::searchCustomers(db, " " + shouted + " ", "GB");
  REQUIRE_FALSE(found.empty());
  CHECK_THAT(found.front().matchedOn, Catch::StartsWith("email "));

  CHECK(store::searchCustomers(db, "", "GB").empty());
  CHECK(store::searchCustomers(db, "zzzz-nobody", "GB").empty());
  CHECK(store::searchCustomers(db, "a", "GB", 5).size() <= 5);
}

namespace {

// Answers each send with the next scripted result, as a relay would.
class ScriptedRelay : public telephony::MailSender {
 public:
  void answer(telephony::SendResult r) {
    std::lock_guard lock(m_mutex);
    m_answers.push_back(std::move(r));
  }
  void send(telephony::OutgoingEmail email, std::function<void(telephony::SendResult)> done) override {
    telephony::SendResult r{false, "no answer scripted", false};
    {
      std::lock_guard lock(m_mutex);
      m_sent.push_back(email.messageId);
      if (!m_answers.empty()) {
        r = m_answers.front();
        m_answers.erase(m_answers.begin());
      }
    }
    done(r);
  }
  std::vector<std::string> sent() {
    std::lock_guard lock(m_mutex);
    return m_sent;
  }

 private:
  std::mutex m_mutex;
  std::vector<telephony::SendResult> m_answers;
  std::vector<std::string> m_sent;
};

}  // namespace

TEST_CASE("a reply the relay cannot take waits in the outbox, is tried again later, survives a restart",
          "[desk][email]") {
  ScriptedRelay relay;
  auto configure = [](desk::DeskOptions& o) {
    o.replyFrom = "help@shop.example";
    o.relayName = "relay.example:25";
  };
  DeskRig rig(configure);
  rig.d->setMailSender(&relay);
  const std::string id = rig.mail("outbox@example.com", "Refund?").interactionId;
  rig.run(desk::TakeEmail{id});
  relay.answer({false, "cannot connect to relay.example:25: Connection refused", false});
  rig.run(desk::SendReply{id, "Your refund is on its way."});
  auto s = rig.when([](const desk::DeskSnapshot& x) { return !x.outbox.lastError.empty(); });
  CHECK(s->outbox.waiting == 1);
  CHECK(s->outbox.failed == 0);
  CHECK(s->outbox.nextAttemptUs == rig.nowUs + desk::Outbox::kFirstRetryUs);
  CHECK_THAT(s->outbox.lastError, Catch::Contains("Connection refused"));
  CHECK_THAT(s->lastError, Catch::Contains("will be tried again"));
  REQUIRE(relay.sent().size() == 1);
  const std::string messageId = relay.sent()[0];

  // Not due yet: nothing is sent.
  rig.nowUs += 20 * kSecond;
  rig.run(desk::CheckTimers{});
  CHECK(relay.sent().size() == 1);
  // Due: the second try meets a busy relay (4xx) and waits twice as long.
  rig.nowUs += 11 * kSecond;
  relay.answer({false, "end of data: 451 4.3.0 try again later", false});
  rig.run(desk::CheckTimers{});
  s = rig.when([](const desk::DeskSnapshot& x) { return x.outbox.lastError.find("451") != std::string::npos; });
  CHECK(relay.sent().size() == 2);
  CHECK(s->outbox.nextAttemptUs == rig.nowUs + 2 * desk::Outbox::kFirstRetryUs);

  // The console restarts; the reply is still waiting and goes out when due.
  rig.d.reset();
  desk::DeskOptions o;
  o.storePath = rig.path;
  o.origin = "agent-03";
  o.clock = [&rig] { return rig.nowUs.load(); };
  configure(o);
  rig.d = std::make_unique<desk::Desk>(o);
  s = rig.when([](const desk::DeskSnapshot& x) { return x.storeReady; });
  CHECK(s->outbox.waiting == 1);
  rig.d->setMailSender(&relay);
  relay.answer({true, "250 2.0.0 queued", false});
  rig.nowUs += 2 * desk::Outbox::kFirstRetryUs;
  rig.run(desk::CheckTimers{});
  s = rig.when([](const desk::DeskSnapshot& x) { return x.outbox.waiting == 0; });
  CHECK(s->outbox.failed == 0);
  REQUIRE(relay.sent().size() == 3);
  CHECK(relay.sent()[2] == messageId);  // the same message, so its recipient sees it once
  CHECK_THAT(s->lastContact, Catch::Contains("250 2.0.0"));

  // A relay that refuses for good (5xx): failed at once, never tried again.
  rig.run(desk::FinishWrapUp{"resolved"});
  const std::string second = rig.mail("outbox2@example.com", "Broken kettle").interactionId;
  rig.run(desk::TakeEmail{second});
  relay.answer({false, "RCPT TO: 550 5.1.1 no such user", true});
  rig.run(desk::SendReply{second, "We will replace it."});
  s = rig.when([](const desk::DeskSnapshot& x) { return x.outbox.failed == 1; });
  CHECK(s->outbox.waiting == 0);
  CHECK_THAT(s->outbox.lastError, Catch::Contains("550"));
  rig.nowUs += desk::Outbox::kLongestRetryUs;
  rig.run(desk::CheckTimers{});
  CHECK(relay.sent().size() == 4);
}

TEST_CASE("the outbox waits twice as long after each failure, from 30 s to 30 min", "[desk][email]") {
  CHECK(desk::Outbox::retryAfterUs(1) == 30 * kSecond);
  CHECK(desk::Outbox::retryAfterUs(2) == 60 * kSecond);
  CHECK(desk::Outbox::retryAfterUs(3) == 120 * kSecond);
  CHECK(desk::Outbox::retryAfterUs(7) == 30 * kMinute);
  CHECK(desk::Outbox::retryAfterUs(40) == 30 * kMinute);
}

TEST_CASE("mute and unmute are recorded on a connected call, refused on one that has not started or has ended",
          "[desk][call]") {
  DeskRig rig;
  rig.call(telephony::SipCallEvent::Kind::Offered, "m-1");
  auto s = rig.when([](const desk::DeskSnapshot& x) { return x.pop.has_value(); });
  const std::string id = s->pop->interactionId;
  s = rig.run(desk::MuteCall{id, true});  // still ringing
  CHECK_THAT(s->lastError, Catch::Contains("cannot be muted"));
  rig.run(desk::AnswerCall{id});
  rig.run(desk::MuteCall{id, true});
  rig.run(desk::HoldCall{id, true});
  rig.run(desk::MuteCall{id, false});  // held calls too
  rig.run(desk::HangUpCall{id});
  s = rig.run(desk::MuteCall{id, true});
  CHECK_THAT(s->lastError, Catch::Contains("cannot be muted"));
  auto db = store::Database::open(rig.path);
  CHECK(db.queryText("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM interaction_events WHERE kind IN "
                     "('muted', 'unmuted', 'held') AND interaction_id = '" +
                     id + "' ORDER BY seq)") == "muted held unmuted");
  CHECK(store::foldLog(db) == store::loadProjections(db));  // the new kinds fold without changing the rows
}
