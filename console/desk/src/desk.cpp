// The desk thread: command loop, store ownership and snapshot publication; see desk.h.
#include "desk/desk.h"

#include "desk/contact_recorder.h"
#include "store/address.h"
#include "store/customer_view.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/migrations.h"
#include "store/projections.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace frontline::desk {

// Everything that lives on the desk thread: the store connection and the working copy
// of the next snapshot.
class Desk::Worker {
 public:
  explicit Worker(Desk& desk) : m_desk(desk) {}

  void run() {
    DeskSnapshot next;
    next.storePath = m_desk.m_options.storePath;
    try {
      m_db = std::make_unique<store::Database>(store::Database::open(m_desk.m_options.storePath));
      store::migrate(*m_db);
      m_log = std::make_unique<store::EventLog>(*m_db, m_desk.m_options.origin);
      m_recorder = std::make_unique<ContactRecorder>(*m_db, *m_log, m_desk.m_options.defaultPhoneRegion,
                                                     m_desk.m_options.clock, m_desk.m_options.autoAnswer);
      next.storeReady = true;
      next.summary = store::loadStoreSummary(*m_db, now());
      next.agentId = m_desk.m_options.origin;
      next.notReadyReasons = loadCodes("SELECT code, label FROM not_ready_reasons ORDER BY sort_order, code");
      next.dispositions = loadCodes("SELECT code, label FROM dispositions ORDER BY sort_order, code");
      moveAgent(AgentState::Available, "", next);  // logging in
    } catch (const std::exception& e) {
      next.lastError = e.what();
    }
    m_current = publish(std::move(next));

    // Everything queued is handled in one go and published once. Consecutive contacts
    // from the listeners share one transaction (group commit): one fsync for many, and
    // none of them is acknowledged before that commit.
    for (auto batch = m_desk.nextCommands(); !batch.empty(); batch = m_desk.nextCommands()) {
      DeskSnapshot updated = *m_current;
      for (std::size_t i = 0; i < batch.size();) {
        if (std::holds_alternative<RecordContact>(batch[i])) {
          std::size_t end = i;
          while (end < batch.size() && end - i < kMaxGroup && std::holds_alternative<RecordContact>(batch[end])) ++end;
          recordGroup(batch, i, end, updated);
          i = end;
          continue;
        }
        try {
          std::visit([&](auto& c) { handle(c, updated); }, batch[i]);
        } catch (const std::exception& e) {
          updated.lastError = e.what();
        }
        ++i;
      }
      m_current = publish(std::move(updated));
    }
  }

 private:
  std::int64_t now() const { return m_desk.m_options.clock(); }

  std::shared_ptr<const DeskSnapshot> publish(DeskSnapshot next) {
    next.version = m_current ? m_current->version + 1 : 1;
    next.publishedUs = now();
    auto shared = std::make_shared<const DeskSnapshot>(std::move(next));
    m_desk.publish(shared);
    return shared;
  }

  void requireStore() const {
    if (!m_db) throw store::StoreError("the store is not open: " + m_current->lastError);
  }

  void handle(const RefreshSummary&, DeskSnapshot& next) {
    requireStore();
    next.summary = store::loadStoreSummary(*m_db, now());
  }

  void handle(const LookUpCustomer& c, DeskSnapshot& next) {
    requireStore();
    CustomerLookup lookup;
    lookup.query = c.text;
    auto address = store::normaliseAddress(c.text, m_desk.m_options.defaultPhoneRegion);
    if (!address) {
      lookup.error = "not a phone number or email address";
    } else {
      lookup.normalised = address->value;
      lookup.view = store::loadCustomerView(*m_db, *address, now(), m_desk.m_options.insight);
    }
    next.lookup = std::move(lookup);
  }

  static constexpr std::size_t kMaxGroup = 256;

  void handle(RecordContact&, DeskSnapshot&) {}  // recorded in groups by recordGroup()

  void recordGroup(std::vector<Command>& batch, std::size_t from, std::size_t to, DeskSnapshot& next) {
    std::vector<telephony::DeliveryResult> results(to - from);
    if (!m_recorder) {
      for (auto& r : results) r.error = "the store is not open";
    } else {
      try {
        store::Transaction tx(*m_db);
        for (std::size_t k = from; k < to; ++k) {
          // A savepoint per contact: one that fails leaves nothing behind and takes no
          // other contact of the group with it.
          m_db->exec("SAVEPOINT contact");
          results[k - from] = m_recorder->record(std::get<RecordContact>(batch[k]).contact, offeredCalls(next.agent));
          if (!results[k - from].ok) m_db->exec("ROLLBACK TO contact");
          m_db->exec("RELEASE contact");
        }
        // The screen pop needs no durability: build it from the open transaction and show
        // it now, while the commit (the fsync) runs. Acknowledgements wait for the commit.
        popOfferedCalls(batch, from, to, results, next);
        tx.commit();
      } catch (const std::exception& e) {
        for (auto& r : results) {
          r = telephony::DeliveryResult{};
          r.error = e.what();
        }
        m_log->resync();
        next.pop.reset();  // what was shown was never recorded
      }
    }
    for (std::size_t k = from; k < to; ++k) {
      auto& c = std::get<RecordContact>(batch[k]);
      auto& result = results[k - from];
      next.lastContact = describe(c.contact);
      const bool ok = result.ok;
      if (!ok) next.lastError = "contact not recorded: " + result.error;
      c.done(std::move(result));  // the listener acknowledges now
      if (ok) ++next.contactsRecorded;
    }
    refreshPop(next);
  }

  std::vector<Code> loadCodes(const char* sql) {
    std::vector<Code> codes;
    store::Statement& s = m_db->cached(sql);
    while (s.step()) codes.push_back({s.text(0), s.text(1)});
    return codes;
  }

  // Records the agent's move as an event; refuses a move the state machine does not allow.
  void moveAgent(AgentState to, std::string reason, DeskSnapshot& next) {
    auto moved = desk::moveAgent(next.agent, to, std::move(reason), now());
    if (!moved) {
      throw store::StoreError(std::string("cannot go from ") + std::string(displayName(next.agent.state)) + " to " +
                              std::string(displayName(to)));
    }
    m_log->append(store::InteractionEvent{
        "", 0, "", moved->sinceUs, store::EventKind::AgentState, m_desk.m_options.origin,
        "{\"state\":\"" + std::string(toString(moved->state)) + "\",\"reason\":\"" + moved->reason + "\"}"});
    next.agent = *moved;
  }

  // The pop follows its interaction: ringing, connected, ended; the agent's state follows
  // the call (a call that ends while the agent is on it starts the wrap-up).
  void refreshPop(DeskSnapshot& next) {
    if (!next.pop || !m_db) return;
    const auto row = store::loadInteraction(*m_db, next.pop->interactionId);
    if (!row) return;
    next.pop->status = row->status == "offered" ? "ringing" : row->status;
    next.pop->outcome = row->outcome;
    next.pop->offeredUs = row->offeredUs;
    next.pop->answeredUs = row->answeredUs;
    next.pop->endedUs = row->endedUs;
    next.pop->note = row->note;
    if (next.agent.state == AgentState::OnContact && row->endedUs) moveAgent(AgentState::WrapUp, "", next);
  }

  void handle(const SaveNote& c, DeskSnapshot& next) {
    requireStore();
    const auto row = store::loadInteraction(*m_db, c.interactionId);
    if (!row) throw store::StoreError("no interaction " + c.interactionId);
    if (row->status == "wrapped") throw store::StoreError("the contact is wrapped up; its note is closed");
    if (row->note == c.text) return;
    nlohmann::json payload = {{"text", c.text}};
    m_log->append(store::InteractionEvent{"", 0, c.interactionId, now(), store::EventKind::Note,
                                          m_desk.m_options.origin,
                                          payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
    if (next.pop && next.pop->interactionId == c.interactionId) next.pop->note = c.text;
  }

  void handle(const SetAgentState& c, DeskSnapshot& next) {
    requireStore();
    moveAgent(c.state, c.reason, next);
  }

  void handle(const FinishWrapUp& c, DeskSnapshot& next) {
    requireStore();
    if (next.agent.state != AgentState::WrapUp) throw store::StoreError("there is no wrap-up to finish");
    const bool known = std::any_of(next.dispositions.begin(), next.dispositions.end(),
                                   [&](const Code& d) { return d.code == c.disposition; });
    if (!known) throw store::StoreError("choose a disposition before finishing the wrap-up");
    if (next.pop) {
      const std::string payload = "{\"code\":\"" + c.disposition + "\"}";
      m_log->append({store::InteractionEvent{"", 0, next.pop->interactionId, now(), store::EventKind::Disposition,
                                             m_desk.m_options.origin, payload},
                     store::InteractionEvent{"", 0, next.pop->interactionId, now(), store::EventKind::Wrapped,
                                             m_desk.m_options.origin, "{}"}});
      next.pop.reset();
    }
    moveAgent(AgentState::Available, "", next);
  }

  void popOfferedCalls(const std::vector<Command>& batch, std::size_t from, std::size_t to,
                       const std::vector<telephony::DeliveryResult>& results, DeskSnapshot& next) {
    std::vector<std::int64_t> receivedNs;
    for (std::size_t k = from; k < to; ++k) {
      const auto& result = results[k - from];
      const auto* sip = std::get_if<telephony::SipCallEvent>(&std::get<RecordContact>(batch[k]).contact);
      if (!sip || !result.ok || result.reject || sip->kind != telephony::SipCallEvent::Kind::Offered) continue;
      popCall(*sip, result.interactionId, next);
      receivedNs.push_back(sip->receivedSteadyNs);
    }
    if (receivedNs.empty()) return;
    m_current = publish(next);
    const auto shownNs =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    std::lock_guard lock(m_desk.m_samplesMutex);
    for (auto ns : receivedNs) m_desk.m_wireToView.push_back((shownNs - ns) / 1000);
  }

  static std::string describe(const telephony::ContactEvent& contact) {
    return std::visit(
        [](const auto& e) -> std::string {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, telephony::ReceivedEmail>) {
            return "email from " + e.fromAddress;
          } else if constexpr (std::is_same_v<T, telephony::CtiEvent>) {
            return "call " + e.from + " -> " + e.to;
          } else {
            return "SIP call from " + (e.callerUser.empty() ? std::string("anonymous") : e.callerUser);
          }
        },
        contact);
  }

  // Agent actions on a call: the event is recorded first, then the network is told.
  void handle(const AnswerCall& c, DeskSnapshot& next) {
    if (!offeredCalls(next.agent)) throw store::StoreError("answer needs an available agent");
    callAction(c.interactionId, store::EventKind::Answered, "{}", {"offered", "ringing"},
               [](telephony::CallControl& cc, const std::string& id) { cc.answerCall(id); });
    moveAgent(AgentState::OnContact, "", next);
    refreshPop(next);
  }
  void handle(const DeclineCall& c, DeskSnapshot& next) {
    callAction(c.interactionId, store::EventKind::Declined, R"({"reason":"agent declined"})", {"offered", "ringing"},
               [](telephony::CallControl& cc, const std::string& id) { cc.declineCall(id); });
    if (next.pop && next.pop->interactionId == c.interactionId) next.pop.reset();
  }
  void handle(const HangUpCall& c, DeskSnapshot& next) {
    callAction(c.interactionId, store::EventKind::Ended, R"({"cause":"agent hung up"})", {"connected", "held"},
               [](telephony::CallControl& cc, const std::string& id) { cc.hangUpCall(id); });
    refreshPop(next);
  }

  template <typename Act>
  void callAction(const std::string& interactionId, store::EventKind kind, const char* payload,
                  std::initializer_list<const char*> fromStatuses, Act act) {
    requireStore();
    const auto row = store::loadInteraction(*m_db, interactionId);
    if (!row) throw store::StoreError("no interaction " + interactionId);
    if (std::find(fromStatuses.begin(), fromStatuses.end(), row->status) == fromStatuses.end()) {
      throw store::StoreError("the call is " + row->status + ", it cannot be " + std::string(store::toString(kind)));
    }
    m_log->append(store::InteractionEvent{"", 0, interactionId, now(), kind, m_desk.m_options.origin, payload});
    constexpr std::string_view kSip = "sip:";
    if (row->externalId.rfind(kSip, 0) == 0) {
      if (auto* control = m_desk.m_callControl.load()) act(*control, row->externalId.substr(kSip.size()));
    }
  }

  void popCall(const telephony::SipCallEvent& sip, const std::string& interactionId, DeskSnapshot& next) {
    CallPop pop;
    pop.interactionId = interactionId;
    pop.callerName = sip.callerName;
    const bool anonymous = sip.callerUser.empty() || sip.callerUser == "anonymous";
    const auto phone =
        anonymous ? std::nullopt : store::normalisePhone(sip.callerUser, m_desk.m_options.defaultPhoneRegion);
    pop.callerAddress = anonymous ? "anonymous" : phone.value_or(sip.callerUser);
    if (phone) {
      pop.view =
          store::loadCustomerView(*m_db, {store::ContactAddress::Kind::Phone, *phone}, now(), m_desk.m_options.insight);
    }
    next.pop = std::move(pop);
  }

  Desk& m_desk;
  std::unique_ptr<store::Database> m_db;
  std::unique_ptr<store::EventLog> m_log;
  std::unique_ptr<ContactRecorder> m_recorder;
  std::shared_ptr<const DeskSnapshot> m_current;
};

Desk::Desk(DeskOptions options) : m_options(std::move(options)) {
  m_snapshot = std::make_shared<const DeskSnapshot>();
  m_thread = std::thread([this] { Worker(*this).run(); });
}

Desk::~Desk() {
  {
    std::lock_guard lock(m_queueMutex);
    m_stopping = true;
  }
  m_queueChanged.notify_all();
  m_thread.join();
}

std::vector<std::int64_t> Desk::wireToViewSamples() const {
  std::lock_guard lock(m_samplesMutex);
  return m_wireToView;
}

void Desk::deliver(telephony::ContactEvent event, telephony::DeliveryCallback done) {
  post(RecordContact{std::move(event), std::move(done)});
}

void Desk::post(Command command) {
  {
    std::lock_guard lock(m_queueMutex);
    m_queue.push_back(std::move(command));
  }
  m_queueChanged.notify_one();
}

std::vector<Command> Desk::nextCommands() {
  std::unique_lock lock(m_queueMutex);
  m_queueChanged.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
  std::vector<Command> batch;
  // When stopping, what is already queued is still handled (a caller's BYE or CANCEL was
  // answered on the network before it reached the store); only then does the loop end.
  if (m_stopping && m_queue.empty()) return batch;
  batch.reserve(m_queue.size());
  for (auto& c : m_queue) batch.push_back(std::move(c));
  m_queue.clear();
  return batch;
}

std::shared_ptr<const DeskSnapshot> Desk::snapshot() const {
  std::lock_guard lock(m_snapshotMutex);
  return m_snapshot;
}

std::shared_ptr<const DeskSnapshot> Desk::waitFor(const std::function<bool(const DeskSnapshot&)>& ready,
                                                  std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_snapshotMutex);
  m_snapshotChanged.wait_for(lock, timeout, [&] { return ready(*m_snapshot); });
  return m_snapshot;
}

void Desk::publish(std::shared_ptr<const DeskSnapshot> next) {
  {
    std::lock_guard lock(m_snapshotMutex);
    m_snapshot = std::move(next);
  }
  m_snapshotChanged.notify_all();
  if (m_options.onPublish) m_options.onPublish();
}

}  // namespace frontline::desk
