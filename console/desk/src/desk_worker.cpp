// The desk thread's loop, contacts from the listeners, the queue and the pop, the agent's
// state, notes and wrap-up; see desk_worker.h.
#include "desk_worker.h"
#include "desk/format.h"
#include "recording_retention.h"

#include <nlohmann/json.hpp>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

#include "store/address.h"
#include "store/customer_view.h"
#include "store/email_thread.h"
#include "store/migrations.h"
#include "store/sla.h"

namespace frontline::desk {

using Json = nlohmann::json;

Desk::Worker::Worker(Desk& desk) : m_desk(desk) {}

void Desk::Worker::run() {
  DeskSnapshot next;
  next.storePath = options().storePath;
  next.relay = options().relayName;
  try {
    // Commits write the WAL without waiting for the disk; DurableAcks fsyncs it and only
    // then acknowledges (durable_acks.h). It also checkpoints, so this connection does not.
    store::OpenOptions writer;
    writer.durability = store::Durability::Normal;
    m_db = std::make_unique<store::Database>(store::Database::open(options().storePath, writer));
    if (options().storePath != ":memory:") m_db->exec("PRAGMA wal_autocheckpoint = 0");
    store::migrate(*m_db);
    m_acks = std::make_unique<DurableAcks>(options().storePath);
    m_log = std::make_unique<store::EventLog>(*m_db, options().origin);
    m_recorder = std::make_unique<ContactRecorder>(*m_db, *m_log, options().defaultPhoneRegion, options().clock,
                                                   options().autoAnswer, options().queueAliases);
    m_outbox = std::make_unique<Outbox>(*m_db, options().outboxFirstRetryUs);
    m_outbox->recover();
    next.outbox = m_outbox->status();
    next.storeReady = true;
    next.agentId = options().origin;
    next.agentName = options().agentName;
    next.notReadyReasons = loadCodes("SELECT code, label FROM not_ready_reasons ORDER BY sort_order, code");
    next.dispositions = loadCodes("SELECT code, label FROM dispositions ORDER BY sort_order, code");
    next.complaintCategories = loadCodes("SELECT code, label FROM complaint_categories ORDER BY sort_order, code");
    next.slaPolicies = store::loadSlaPolicies(*m_db);
    recoverUnfinished(next);
    // Emails nobody has opened are still waiting after a restart.
    for (const auto& row : store::loadWaitingEmails(*m_db)) enqueue(row.id, next);
    loadMissed(next);
    next.callbacks = store::loadOpenCallbacks(*m_db, options().origin);
    next.evaluations = loadEvaluations();
    if (options().takesContacts) {
      m_obeyedRequest = lastObeyedRequest();
      moveAgent(AgentState::Available, "", next);  // logging in
      obeyRequest(next);
    }
  } catch (const std::exception& e) {
    // A store that could not be opened or upgraded is closed again: nothing may count,
    // read or write it, and the reason stays the one the agent sees.
    next.lastError = e.what();
    next.storeReady = false;
    m_outbox.reset();
    m_recorder.reset();
    m_log.reset();
    m_acks.reset();
    m_db.reset();
  }
  if (m_db && options().scoreEmotion) next.emotion = "loading its lexicon";
  m_current = publish(std::move(next));
  if (m_db) countSummary();
  if (m_db && options().scoreEmotion) {
    loadEmotionLexicon();
    m_voice = std::make_unique<VoiceAnalyser>([this](const VoiceAnalyser::Job& job, auto result) {
      VoiceAnalysed done{job.interactionId, job.startedUs, nullptr, ""};
      if (auto* a = std::get_if<emotion::VoiceAnalysis>(&result)) {
        done.analysis = std::make_shared<const emotion::VoiceAnalysis>(std::move(*a));
      } else {
        done.error = std::get<std::string>(result);
      }
      m_desk.post(std::move(done));
    });
  }

  // Everything queued is handled in one go and published once. Consecutive contacts
  // from the listeners share one transaction (group commit): one fsync for many, and
  // none of them is acknowledged before that commit.
  for (auto batch = m_desk.nextCommands(timerWait()); !batch.empty(); batch = m_desk.nextCommands(timerWait())) {
    const bool quiet = std::all_of(batch.begin(), batch.end(), [](const Command& c) {
      return std::holds_alternative<CheckTimers>(c) || std::holds_alternative<RefreshCallbacks>(c);
    });
    if (quiet) {
      // A timer's wake-up or the sync's nudge: publish only when it changed something (an
      // idle console stays idle).
      DeskSnapshot updated = *m_current;
      try {
        for (auto& c : batch) std::visit([&](auto& command) { handle(command, updated); }, c);
      } catch (const std::exception& e) {
        updated.lastError = e.what();
      }
      updated.handled += batch.size();
      const bool changed = updated.agent != m_current->agent || updated.lastError != m_current->lastError ||
                           updated.callbacks != m_current->callbacks ||
                           updated.pendingRequest != m_current->pendingRequest ||
                           updated.evaluations != m_current->evaluations || updated.outbox != m_current->outbox ||
                           updated.recordingSweep != m_current->recordingSweep;
      if (changed) {
        m_current = publish(std::move(updated));
        if (m_acks) m_acks->afterCommit({});
      } else {
        // Nothing to show; the count of handled commands still moves (Desk::post's tickets).
        auto same = std::make_shared<DeskSnapshot>(*m_current);
        same->handled = updated.handled;
        m_current = same;
        m_desk.publishQuietly(m_current);
      }
      continue;
    }
    DeskSnapshot updated = *m_current;
    for (std::size_t i = 0; i < batch.size();) {
      if (std::holds_alternative<RecordContact>(batch[i])) {
        std::size_t end = i;
        while (end < batch.size() && end - i < kMaxGroup && std::holds_alternative<RecordContact>(batch[end])) ++end;
        recordGroup(batch, i, end, updated);
        updated.handled += end - i;
        i = end;
        continue;
      }
      try {
        std::visit([&](auto& c) { handle(c, updated); }, batch[i]);
      } catch (const std::exception& e) {
        updated.lastError = e.what();
      }
      ++updated.handled;
      ++i;
    }
    m_current = publish(std::move(updated));
    if (m_acks) m_acks->afterCommit({});  // an agent's actions: on disk promptly too
  }
  m_acks.reset();  // syncs and acknowledges what is still waiting
  if (m_summaryThread.joinable()) m_summaryThread.join();
  if (m_emotionLoader.joinable()) m_emotionLoader.join();
  m_voice.reset();  // finishes the recording in hand; its result is not scored
}

std::shared_ptr<const DeskSnapshot> Desk::Worker::publish(DeskSnapshot next) {
  next.version = m_current ? m_current->version + 1 : 1;
  next.publishedUs = now();
  auto shared = std::make_shared<const DeskSnapshot>(std::move(next));
  m_desk.publish(shared);
  return shared;
}

void Desk::Worker::requireStore() const {
  if (!m_db) throw store::StoreError("the store is not open: " + m_current->lastError);
}

void Desk::Worker::append(const std::string& interactionId, store::EventKind kind, const std::string& payload) {
  m_log->append(store::InteractionEvent{"", 0, interactionId, now(), kind, options().origin, payload});
}

store::InteractionRow Desk::Worker::interaction(const std::string& id) {
  requireStore();
  auto row = store::loadInteraction(*m_db, id);
  if (!row) throw store::StoreError("no interaction " + id);
  return *row;
}

const ContactPop& Desk::Worker::contactInHand(const DeskSnapshot& next) const {
  requireStore();
  if (!next.pop || next.pop->status == ContactStatus::Wrapped) throw store::StoreError("there is no contact in hand");
  return *next.pop;
}

void Desk::Worker::handle(const RefreshSummary&, DeskSnapshot&) {
  requireStore();
  countSummary();
}

void Desk::Worker::handle(const SummaryCounted& c, DeskSnapshot& next) {
  if (!c.error.empty()) throw store::StoreError("the store's summary could not be counted: " + c.error);
  next.summary = c.summary;
}

void Desk::Worker::countSummary() {
  if (options().storePath == ":memory:") {  // another connection would see another database
    m_desk.post(SummaryCounted{store::loadStoreSummary(*m_db, now()), {}});
    return;
  }
  if (m_summaryCounting.exchange(true)) return;  // one count at a time
  if (m_summaryThread.joinable()) m_summaryThread.join();
  m_summaryThread = std::thread([this, path = options().storePath, at = now()] {
    pthread_setname_np(pthread_self(), "fl-summary");
    // Seconds of counting on a large store: at the lowest priority, so that on a busy
    // machine it takes a core only when no contact wants it (measured: counting beside
    // 500 SIP calls/s took the wire-to-view p99 from 5 ms to 40-261 ms).
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19);
    SummaryCounted counted;
    try {
      store::OpenOptions readOnly;
      readOnly.readOnly = true;
      auto db = store::Database::open(path, readOnly);
      counted.summary = store::loadStoreSummary(db, at);
    } catch (const std::exception& e) {
      counted.error = e.what();
    }
    m_summaryCounting = false;
    m_desk.post(std::move(counted));
  });
}

void Desk::Worker::handle(RecordContact&, DeskSnapshot&) {}  // recorded in groups by recordGroup()

void Desk::Worker::recordGroup(std::vector<Command>& batch, std::size_t from, std::size_t to, DeskSnapshot& next) {
  std::vector<telephony::DeliveryResult> results(to - from);
  bool sawCall = false;  // a call's event: the missed list may have changed
  if (!m_recorder) {
    for (auto& r : results) r.error = "the store is not open";
  } else {
    try {
      store::Transaction tx(*m_db);
      int ringingInGroup = 0;  // offered in this group, not yet in the queue
      for (std::size_t k = from; k < to; ++k) {
        // A savepoint per contact: one that fails leaves nothing behind and takes no
        // other contact of the group with it.
        m_db->exec("SAVEPOINT contact");
        const auto& contact = std::get<RecordContact>(batch[k]).contact;
        results[k - from] = m_recorder->record(contact, busyReason(next, ringingInGroup));
        const auto* sip = std::get_if<telephony::SipCallEvent>(&contact);
        if (sip && sip->kind == telephony::SipCallEvent::Kind::Offered && results[k - from].ok &&
            !results[k - from].reject) {
          ++ringingInGroup;
        }
        sawCall = sawCall || !std::holds_alternative<telephony::ReceivedEmail>(contact);
        if (!results[k - from].ok) m_db->exec("ROLLBACK TO contact");
        m_db->exec("RELEASE contact");
      }
      // The customers' words just received (an email, a line of a call's transcript) are
      // scored in the same commit.
      std::vector<std::string> withWords;
      for (std::size_t k = from; k < to; ++k) {
        if (results[k - from].ok && !results[k - from].interactionId.empty() &&
            carriesCustomerWords(std::get<RecordContact>(batch[k]).contact)) {
          withWords.push_back(results[k - from].interactionId);
        }
      }
      std::sort(withWords.begin(), withWords.end());
      withWords.erase(std::unique(withWords.begin(), withWords.end()), withWords.end());
      if (!withWords.empty()) scoreEmotion(withWords, next);
      // The screen pop needs no durability: build it from the open transaction and show
      // it now, while the commit (the fsync) runs. Acknowledgements wait for the commit.
      showRecorded(batch, from, to, results, next);
      tx.commit();
      analyseVoice(batch, from, to, results);
    } catch (const std::exception& e) {
      for (auto& r : results) {
        r = telephony::DeliveryResult{};
        r.error = e.what();
      }
      m_log->resync();
      next.pop.reset();  // what was shown was never recorded
      next.queue = m_current->queue;
    }
  }
  // What was committed is acknowledged once it is on disk, by DurableAcks' thread; what
  // failed is answered at once.
  std::vector<DurableAcks::Ack> acks;
  for (std::size_t k = from; k < to; ++k) {
    auto& c = std::get<RecordContact>(batch[k]);
    auto& result = results[k - from];
    next.lastContact = describe(c.contact);
    const bool ok = result.ok;
    if (!ok && !result.unknownCall) next.lastError = "contact not recorded: " + result.error;  // the PBX's to fix
    if (ok && m_acks) {
      acks.push_back([done = std::move(c.done), result = std::move(result)](const std::string& error) mutable {
        if (!error.empty()) {
          result = telephony::DeliveryResult{};
          result.error = error;
        }
        done(std::move(result));
      });
    } else {
      c.done(std::move(result));
    }
    if (ok) ++next.contactsRecorded;
  }
  if (!acks.empty()) m_acks->afterCommit(std::move(acks));
  try {
    refreshQueue(next);
    refreshPop(next);
    choosePop(next);
    if (sawCall) {
      loadMissed(next);
      next.callbacks = store::loadOpenCallbacks(*m_db, options().origin);  // a call out may have settled one
    }
  } catch (const std::exception& e) {
    next.lastError = e.what();  // the contacts are recorded; only the picture is stale until the next change
  }
}

// Offered calls and new emails join the queue; a ringing call pops for an agent with
// nothing in hand. Published at once (before the commit) when a call was offered.
void Desk::Worker::showRecorded(const std::vector<Command>& batch, std::size_t from, std::size_t to,
                                const std::vector<telephony::DeliveryResult>& results, DeskSnapshot& next) {
  std::vector<std::int64_t> receivedNs;
  std::int64_t latestOfferNs = 0;
  for (std::size_t k = from; k < to; ++k) {
    const auto& result = results[k - from];
    if (!result.ok || result.reject || result.interactionId.empty()) continue;
    const auto& contact = std::get<RecordContact>(batch[k]).contact;
    if (const auto* sip = std::get_if<telephony::SipCallEvent>(&contact)) {
      if (sip->kind != telephony::SipCallEvent::Kind::Offered) continue;
      if (result.answerNow) {
        // Answered by desk.auto_answer: no queue; the pop shows the newest call.
        if (auto row = store::loadInteraction(*m_db, result.interactionId)) {
          next.pop = buildPop(*row);
          next.pop->receivedSteadyNs = sip->receivedSteadyNs;
        }
      } else {
        choosePop(next, result.interactionId);  // first the pop, whose view the queue entry reuses
        enqueue(result.interactionId, next);
      }
      receivedNs.push_back(sip->receivedSteadyNs);
      latestOfferNs = sip->receivedSteadyNs;
    } else if (std::holds_alternative<telephony::ReceivedEmail>(contact)) {
      enqueue(result.interactionId, next);
      if (next.pop && next.pop->interactionId == result.interactionId) {  // a follow-up to the email in hand
        loadWords(*next.pop);
      }
    } else if (const auto* cti = std::get_if<telephony::CtiEvent>(&contact);
               cti && cti->kind == telephony::CtiEvent::Kind::Transcript && next.pop &&
               next.pop->interactionId == result.interactionId) {
      loadWords(*next.pop);  // a line of the call in hand: the agent reads it as it is said
    }
  }
  if (receivedNs.empty()) return;
  choosePop(next);
  if (next.pop && next.pop->channel == Channel::Voice && next.pop->status == ContactStatus::Ringing &&
      !next.pop->receivedSteadyNs) {
    next.pop->receivedSteadyNs = latestOfferNs;
  }
  m_current = publish(next);
  const auto shownNs =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::lock_guard lock(m_desk.m_samplesMutex);
  for (auto ns : receivedNs) m_desk.m_wireToView.push_back((shownNs - ns) / 1000);
}

std::string Desk::Worker::describe(const telephony::ContactEvent& contact) {
  return std::visit(
      [](const auto& e) -> std::string {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, telephony::ReceivedEmail>) {
          return "email from " + e.fromAddress;
        } else if constexpr (std::is_same_v<T, telephony::CtiEvent>) {
          if (e.kind == telephony::CtiEvent::Kind::Transcript) return "a line of call " + e.callId + "'s transcript";
          return "call " + e.from + " -> " + e.to;
        } else {
          using Kind = telephony::SipCallEvent::Kind;
          if (e.kind == Kind::Recorded) return std::string("a SIP call's recording");
          if (e.kind == Kind::Quality) return std::string("a SIP call's quality");
          if (e.kind == Kind::Transferred) return "a SIP call transferred to " + e.transferTarget;
          if (e.kind == Kind::TransferFailed) return "a SIP call's transfer to " + e.transferTarget + " failed";
          if (e.kind == Kind::Alerting) return "the call to " + e.calledUser + " rings";
          if (e.kind == Kind::Connected) return "the call to " + e.calledUser + " was answered";
          if (e.kind == Kind::Unanswered) return "the call to " + e.calledUser + " was not answered";
          return "SIP call from " + (e.callerUser.empty() ? std::string("anonymous") : e.callerUser);
        }
      },
      contact);
}

// --- The queue and the pop -------------------------------------------------------------

void Desk::Worker::enqueue(const std::string& interactionId, DeskSnapshot& next) {
  const auto already = [&](const QueuedContact& q) { return q.interactionId == interactionId; };
  if (std::any_of(next.queue.begin(), next.queue.end(), already)) return;
  const bool popped = next.pop && next.pop->interactionId == interactionId;
  if (popped && next.pop->status != ContactStatus::Ringing) return;
  const auto row = store::loadInteraction(*m_db, interactionId);
  if (!row || (row->status != "offered" && row->status != "ringing")) return;
  QueuedContact q;
  q.interactionId = row->id;
  q.channel = fromStoreChannel(row->channel);
  q.address = row->address;
  q.name = row->displayName;
  q.subject = row->subject;
  q.offeredUs = row->offeredUs;
  if (row->channel == "email") q.dueUs = row->offeredUs + options().emailResponseUs;
  if (popped && next.pop->view) {
    q.known = true;
    q.name = next.pop->view->profile.displayName;
    q.quadrant = std::string(store::quadrantName(next.pop->view->insight.quadrant));
  } else if (row->customerId) {
    store::ViewLimits small{.history = 0, .orders = 0};
    if (auto view = store::loadCustomerViewById(*m_db, *row->customerId, now(), options().insight, small)) {
      q.known = true;
      q.name = view->profile.displayName;
      q.quadrant = std::string(store::quadrantName(view->insight.quadrant));
    }
  }
  // In order, after any equal entry: arrival order among equals.
  const auto at = std::upper_bound(next.queue.begin(), next.queue.end(), q, queuedBefore);
  next.queue.insert(at, std::move(q));
}

// Drops the calls that no longer ring (answered, cancelled, declined, missed). Emails
// leave the queue only when this agent takes one (dropFromQueue), so they are not re-read:
// a queue of thousands of emails costs nothing per contact.
void Desk::Worker::refreshQueue(DeskSnapshot& next) {
  if (!m_db) return;
  std::erase_if(next.queue, [&](const QueuedContact& q) {
    if (q.channel == Channel::Email) return false;
    const auto row = store::loadInteraction(*m_db, q.interactionId);
    return !row || (row->status != "offered" && row->status != "ringing");
  });
}

void Desk::Worker::dropFromQueue(const std::string& interactionId, DeskSnapshot& next) {
  std::erase_if(next.queue, [&](const QueuedContact& q) { return q.interactionId == interactionId; });
}

// Ringing calls first, oldest first, then emails by due time.
bool Desk::Worker::queuedBefore(const QueuedContact& a, const QueuedContact& b) {
  const bool aCall = a.channel != Channel::Email;
  const bool bCall = b.channel != Channel::Email;
  if (aCall != bCall) return aCall;
  return aCall ? a.offeredUs < b.offeredUs : a.dueUs < b.dueUs;
}

ContactPop Desk::Worker::buildPop(const store::InteractionRow& row) {
  ContactPop pop;
  setPopIdentity(pop, row, options().emailResponseUs);
  if (row.customerId) {
    pop.view = store::loadCustomerViewById(*m_db, *row.customerId, now(), options().insight, options().viewLimits);
  }
  loadWords(pop);
  return pop;
}

void Desk::Worker::loadWords(ContactPop& pop) {
  if (pop.channel == Channel::Email) {
    pop.thread = store::loadEmailThread(*m_db, pop.interactionId);
  } else {
    pop.transcript = store::loadTranscript(*m_db, pop.interactionId);
  }
  pop.emotion = store::contactEmotion(*m_db, pop.interactionId);
}

void Desk::Worker::refreshPop(DeskSnapshot& next) {
  if (!next.pop || !m_db) return;
  const auto row = store::loadInteraction(*m_db, next.pop->interactionId);
  if (!row) return;
  setPopProgress(*next.pop, *row);
  if (row->outcome == "not_reached" && next.pop->notReached.empty()) {
    store::Statement& s = m_db->cached(
        "SELECT COALESCE(json_extract(payload_json, '$.status'), 0), COALESCE(json_extract(payload_json, '$.reason'), "
        "'') "
        "FROM interaction_events WHERE interaction_id = ? AND kind = 'not_reached' LIMIT 1");
    s.bind(1, row->id);
    if (s.step()) next.pop->notReached = (s.int64(0) ? std::to_string(s.int64(0)) + " " : std::string()) + s.text(1);
    s.reset();
  }
  if (row->channel == "voice") {
    // The caller's call ended (they hung up) while the agent consulted: the consultation
    // ends with it (the agent would otherwise be left talking on a call no button shows).
    if (const std::string consult = m_recorder ? m_recorder->consultOf(row->id) : std::string();
        row->endedUs && !consult.empty()) {
      append(row->id, store::EventKind::ConsultEnded, R"({"cause":"the caller's call ended"})");
      m_recorder->dropConsult(consult);
      if (auto* control = m_desk.m_callControl.load()) control->hangUpCall(consult);
    }
    loadConsult(*next.pop);
  }
  if (next.agent.state == AgentState::OnContact && row->endedUs) moveAgent(AgentState::WrapUp, "", next);
}

// The call's consultation (attended transfer), folded from its consult_* events.
void Desk::Worker::loadConsult(ContactPop& pop) {
  pop.consultTo.clear();
  pop.consultCall.clear();
  pop.consultState.clear();
  pop.consultEnded.clear();
  store::Statement& s = m_db->cached(
      "SELECT kind, COALESCE(json_extract(payload_json, '$.to'), ''), COALESCE(json_extract(payload_json, "
      "'$.cause'), ''), COALESCE(json_extract(payload_json, '$.status'), 0), "
      "COALESCE(json_extract(payload_json, '$.reason'), ''), COALESCE(json_extract(payload_json, '$.call'), '') "
      "FROM interaction_events "
      "WHERE interaction_id = ? AND kind IN ('consult_started', 'consult_answered', 'consult_ended') "
      "ORDER BY ts_us, seq");
  s.bind(1, pop.interactionId);
  while (s.step()) {
    const std::string kind = s.text(0);
    if (kind == "consult_started") {
      pop.consultTo = s.text(1);
      pop.consultCall = s.text(5);
      pop.consultState = "calling";
      pop.consultEnded.clear();
    } else if (kind == "consult_answered") {
      pop.consultState = "connected";
    } else {
      pop.consultState = "ended";
      pop.consultEnded = s.text(2);
      const std::int64_t status = s.int64(3);
      const std::string reason = s.text(4);
      if (status || !reason.empty()) {
        pop.consultEnded += ": " + (status ? std::to_string(status) + (reason.empty() ? "" : " ") : "") + reason;
      }
    }
  }
  s.reset();
  // Under way in the store but not on the network: the console restarted meanwhile.
  if ((pop.consultState == "calling" || pop.consultState == "connected") && m_recorder &&
      m_recorder->consultOf(pop.interactionId).empty()) {
    pop.consultState = "ended";
    pop.consultEnded = "the console restarted";
  }
}

void Desk::Worker::choosePop(DeskSnapshot& next, const std::string& offered) {
  if (!m_db) return;
  const bool inHand = next.agent.state == AgentState::OnContact || next.agent.state == AgentState::WrapUp;
  if (next.pop && (inHand || next.pop->status == ContactStatus::Ringing)) return;
  std::string id = offered;
  for (const auto& q : next.queue) {
    if (!id.empty()) break;
    if (q.channel != Channel::Email) id = q.interactionId;
  }
  if (id.empty()) return;
  if (auto row = store::loadInteraction(*m_db, id)) {
    next.pop = buildPop(*row);
    refreshPop(next);
  }
}

void Desk::Worker::reloadCustomer(DeskSnapshot& next) {
  if (!next.pop) return;
  const auto row = store::loadInteraction(*m_db, next.pop->interactionId);
  if (row && row->customerId) {
    next.pop->view =
        store::loadCustomerViewById(*m_db, *row->customerId, now(), options().insight, options().viewLimits);
  }
}

// --- Agent state, notes, wrap-up ----------------------------------------------------------

std::vector<Code> Desk::Worker::loadCodes(const char* sql) {
  std::vector<Code> codes;
  store::Statement& s = m_db->cached(sql);
  while (s.step()) codes.push_back({s.text(0), s.text(1)});
  return codes;
}

// Records the agent's move as an event; refuses a move the state machine does not allow.
void Desk::Worker::moveAgent(AgentState to, std::string reason, DeskSnapshot& next, const std::string& request) {
  auto moved = desk::moveAgent(next.agent, to, std::move(reason), now());
  if (!moved) {
    throw store::StoreError(std::string("cannot go from ") + std::string(displayName(next.agent.state)) + " to " +
                            std::string(displayName(to)));
  }
  Json payload = {{"state", toString(moved->state)}, {"reason", moved->reason}};
  if (!request.empty()) payload["request"] = request;  // a supervisor's request, carried out
  m_log->append(store::InteractionEvent{"", 0, "", moved->sinceUs, store::EventKind::AgentState, options().origin,
                                        payload.dump(-1, ' ', false, Json::error_handler_t::replace)});
  next.agent = *moved;
  if (moved->state == AgentState::WrapUp && options().wrapUpLimitUs > 0) {
    next.wrapUpDeadlineUs = moved->sinceUs + options().wrapUpLimitUs;
  } else if (moved->state != AgentState::WrapUp) {
    next.wrapUpDeadlineUs = 0;
  }
}

void Desk::Worker::handle(const SetAgentState& c, DeskSnapshot& next) {
  requireStore();
  if (c.state == AgentState::Available && !next.linesDown.empty()) {
    throw store::StoreError("you cannot become available: calls cannot reach this console (" + next.linesDown + ")");
  }
  moveAgent(c.state, c.reason, next);
  choosePop(next);
}

void Desk::Worker::handle(const SaveNote& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  if (row.status == "wrapped") throw store::StoreError("the contact is wrapped up; its note is closed");
  if (row.note == c.text) return;
  const Json payload = {{"text", c.text}};
  append(c.interactionId, store::EventKind::Note, payload.dump(-1, ' ', false, Json::error_handler_t::replace));
  if (next.pop && next.pop->interactionId == c.interactionId) next.pop->note = c.text;
}

void Desk::Worker::handle(const FinishWrapUp& c, DeskSnapshot& next) {
  requireStore();
  finishWrapUp(c.disposition, false, next);
}

void Desk::Worker::finishWrapUp(const std::string& disposition, bool timedOut, DeskSnapshot& next) {
  if (next.agent.state != AgentState::WrapUp) throw store::StoreError("there is no wrap-up to finish");
  const bool known = std::any_of(next.dispositions.begin(), next.dispositions.end(),
                                 [&](const Code& d) { return d.code == disposition; });
  if (!known) throw store::StoreError("choose a disposition before finishing the wrap-up");
  if (next.pop) {
    Json payload = {{"code", disposition}};
    if (timedOut) payload["timed_out"] = true;
    m_log->append({store::InteractionEvent{"", 0, next.pop->interactionId, now(), store::EventKind::Disposition,
                                           options().origin, payload.dump()},
                   store::InteractionEvent{"", 0, next.pop->interactionId, now(), store::EventKind::Wrapped,
                                           options().origin, "{}"}});
    next.pop.reset();
  }
  next.wrapUpDeadlineUs = 0;
  moveAgent(next.linesDown.empty() ? AgentState::Available : AgentState::NotReady,
            next.linesDown.empty() ? "" : kLinesDownReason, next);
  obeyRequest(next);
  refreshQueue(next);
  choosePop(next);
}

void Desk::Worker::handle(const LinesDown& c, DeskSnapshot& next) {
  next.linesDown = c.reason;
  if (m_log && next.agent.state == AgentState::Available) moveAgent(AgentState::NotReady, kLinesDownReason, next);
}

void Desk::Worker::handle(const CheckTimers&, DeskSnapshot& next) {
  if (m_outbox) sendDueReplies(next);
  if (m_log && options().recordingRetentionDays > 0 && now() >= m_nextSweepUs) sweepRecordings(next);
  if (next.agent.state != AgentState::WrapUp || next.wrapUpDeadlineUs == 0 || now() < next.wrapUpDeadlineUs) return;
  std::string code = options().wrapUpDefault;
  if (code.empty() && !next.dispositions.empty()) code = next.dispositions.front().code;
  finishWrapUp(code, true, next);
}

std::optional<std::chrono::microseconds> Desk::Worker::timerWait() const {
  if (!m_current) return std::nullopt;
  // The next deadline: the recording sweep, the wrap-up limit, an outbox retry.
  std::optional<std::int64_t> due;
  if (options().recordingRetentionDays > 0 && m_log) due = m_nextSweepUs;
  if (m_current->wrapUpDeadlineUs != 0 && m_current->agent.state == AgentState::WrapUp) {
    due = due ? std::min(*due, m_current->wrapUpDeadlineUs) : m_current->wrapUpDeadlineUs;
  }
  if (m_current->outbox.nextAttemptUs != 0) {
    // Without a relay yet (it is attached after the desk starts) a due reply waits for it.
    const std::int64_t retry =
        std::max(m_current->outbox.nextAttemptUs, m_desk.m_mailSender.load() ? 0 : now() + 5'000'000);
    due = due ? std::min(*due, retry) : retry;
  }
  if (!due) return std::nullopt;
  return std::chrono::microseconds(std::max<std::int64_t>(*due - now(), 0) + 1000);
}

std::string Desk::Worker::busyReason(const DeskSnapshot& next, int ringingInGroup) const {
  if (!offeredCalls(next.agent)) return "agent not available";
  const auto ringing = std::count_if(next.queue.begin(), next.queue.end(),
                                     [](const QueuedContact& q) { return q.channel != Channel::Email; });
  if (ringing + ringingInGroup >= options().maxRinging) return "all lines ringing";
  return {};
}

// Once a day (the first a minute after the store opens, not to slow the start): the
// recordings older than recordings.retention_days go, and each call whose recording went
// gets a recording_deleted event (the trainer's replay then says the audio is gone). What
// could not be deleted is the status line's error until the next sweep.
void Desk::Worker::sweepRecordings(DeskSnapshot& next) {
  constexpr std::int64_t kDayUs = 86'400'000'000LL;
  if (m_nextSweepUs == 0) {
    m_nextSweepUs = now() + 60'000'000;
    return;
  }
  m_nextSweepUs = now() + kDayUs;
  const int days = options().recordingRetentionDays;
  const auto sweep = desk::sweepRecordings(*m_db, options().origin, options().recordingsPath, now() - days * kDayUs);
  std::vector<store::InteractionEvent> events;
  int files = 0;
  for (const auto& r : sweep.swept) {
    if (!r.missing) ++files;
    if (r.interactionId.empty()) continue;
    nlohmann::json payload = {{"path", r.path}, {"bytes", r.bytes}, {"reason", "retention"}, {"retention_days", days}};
    if (r.missing) payload["missing"] = true;
    events.push_back(
        {"", 0, r.interactionId, now(), store::EventKind::RecordingDeleted, options().origin, payload.dump()});
  }
  if (!events.empty()) m_log->append(std::move(events));
  char freed[32];
  std::snprintf(freed, sizeof freed, "%.1f MB", static_cast<double>(sweep.bytes) / 1e6);
  next.recordingSweep = "kept " + std::to_string(days) + " days; swept " + formatDateTime(now()) + ": " +
                        std::to_string(files) + (files == 1 ? " file" : " files") + " deleted, " + freed + " freed";
  if (!sweep.errors.empty()) {
    next.lastError = "recordings.retention_days: " + sweep.errors.front() +
                     (sweep.errors.size() > 1 ? " (and " + std::to_string(sweep.errors.size() - 1) + " more)" : "");
  }
}

}  // namespace frontline::desk
