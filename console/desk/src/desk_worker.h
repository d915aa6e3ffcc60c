// The desk thread's side of the Desk: the store connection, the working copy of the next
// snapshot, and one handler per Command. Handlers throw StoreError with a sentence for
// the agent when a command cannot be carried out; the loop puts it on the status line.
//
// Files: desk_worker.cpp (loop, publication, contacts from the listeners, queue and pop,
// agent state, notes, wrap-up), call_actions.cpp, email_actions.cpp,
// complaint_actions.cpp, customer_actions.cpp.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "desk/contact_recorder.h"
#include "desk/desk.h"
#include "desk/uuid.h"
#include "desk/voice_analysis.h"
#include "durable_acks.h"
#include "outbox.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/projections.h"

namespace frontline::desk {

class Desk::Worker {
 public:
  explicit Worker(Desk& desk);
  void run();

  // Commands (one overload per alternative of Command).
  void handle(const RefreshSummary& c, DeskSnapshot& next);
  void handle(const SummaryCounted& c, DeskSnapshot& next);
  void handle(const LookUpCustomer& c, DeskSnapshot& next);
  void handle(const OpenCustomer& c, DeskSnapshot& next);
  void handle(RecordContact& c, DeskSnapshot& next);
  void handle(const AnswerCall& c, DeskSnapshot& next);
  void handle(const DeclineCall& c, DeskSnapshot& next);
  void handle(const HangUpCall& c, DeskSnapshot& next);
  void handle(const DialCall& c, DeskSnapshot& next);
  void handle(const HoldCall& c, DeskSnapshot& next);
  void handle(const TransferCall& c, DeskSnapshot& next);
  void handle(const ConsultCall& c, DeskSnapshot& next);
  void loadConsult(ContactPop& pop);
  void handle(const CompleteTransfer& c, DeskSnapshot& next);
  void handle(const EndConsult& c, DeskSnapshot& next);
  void handle(const PauseRecording& c, DeskSnapshot& next);
  void handle(const MuteCall& c, DeskSnapshot& next);
  void handle(const SendDtmf& c, DeskSnapshot& next);
  void handle(const TakeEmail& c, DeskSnapshot& next);
  void handle(const SendReply& c, DeskSnapshot& next);
  void handle(const CloseEmail& c, DeskSnapshot& next);
  void handle(const ReplyRelayed& c, DeskSnapshot& next);
  void handle(const OpenComplaint& c, DeskSnapshot& next);
  void handle(const RespondComplaint& c, DeskSnapshot& next);
  void handle(const ResolveComplaint& c, DeskSnapshot& next);
  void handle(const RecordSatisfaction& c, DeskSnapshot& next);
  void handle(const LinkCustomer& c, DeskSnapshot& next);
  void handle(const CreateCustomer& c, DeskSnapshot& next);
  void handle(const SetAgentState& c, DeskSnapshot& next);
  void handle(const FinishWrapUp& c, DeskSnapshot& next);
  void handle(const SaveNote& c, DeskSnapshot& next);
  void handle(const LinesDown& c, DeskSnapshot& next);
  void handle(const CheckTimers& c, DeskSnapshot& next);
  void handle(const ScheduleCallback& c, DeskSnapshot& next);
  void handle(const CompleteCallback& c, DeskSnapshot& next);
  void handle(const RefreshCallbacks& c, DeskSnapshot& next);
  void handle(const ReassignComplaint& c, DeskSnapshot& next);
  void handle(const ReprioritiseComplaint& c, DeskSnapshot& next);
  void handle(const EscalateComplaint& c, DeskSnapshot& next);
  void handle(const RequestAgentState& c, DeskSnapshot& next);
  void handle(const AcknowledgeAlert& c, DeskSnapshot& next);
  void handle(const AnnotateContact& c, DeskSnapshot& next);
  void handle(const CorrectEmotion& c, DeskSnapshot& next);
  void handle(const SubmitEvaluation& c, DeskSnapshot& next);
  void handle(const RecordUnmask& c, DeskSnapshot& next);
  void handle(const AcknowledgeEvaluation& c, DeskSnapshot& next);
  void handle(const EmotionLexiconLoaded& c, DeskSnapshot& next);
  void handle(const VoiceAnalysed& c, DeskSnapshot& next);
  // The emotion index (emotion_actions.cpp): the lexicon is loaded on fl-emotion, then the
  // contacts `ids` are scored in the open transaction; a failure is shown, never the
  // contact's loss.
  void loadEmotionLexicon();
  void scoreEmotion(const std::vector<std::string>& ids, DeskSnapshot& next, bool rescore = false);
  // Runs `work` in the savepoint "emotion"; a failure rolls back only it and is shown as
  // `failure` and the reason.
  void inEmotionSavepoint(DeskSnapshot& next, const char* failure, const std::function<void()>& work);
  std::shared_ptr<const emotion::Lexicon> m_lexicon;
  std::thread m_emotionLoader;
  // Recorded calls' voices, analysed on fl-voice; those analysed before the lexicon was
  // loaded wait for it.
  void analyseVoice(const std::vector<Command>& batch, std::size_t from, std::size_t to,
                    const std::vector<telephony::DeliveryResult>& results);
  std::unique_ptr<VoiceAnalyser> m_voice;
  // Calls analysed while the lexicon loads, scored once it is there. Beyond the cap the
  // oldest is dropped: only a lexicon still loading after hundreds of calls reaches it.
  static constexpr std::size_t kVoiceWaitingMax = 256;
  std::vector<VoiceAnalysed> m_voiceWaiting;
  // This agent's evaluations (trainer_actions.cpp).
  std::vector<EvaluationNote> loadEvaluations();
  // A supervisor's request addressed to this agent, not yet obeyed: carried out when no
  // contact is in hand (supervisor_actions.cpp).
  void obeyRequest(DeskSnapshot& next);
  std::string lastObeyedRequest();
  std::string m_obeyedRequest;  // "origin:seq" of the last request obeyed

 private:
  static constexpr std::size_t kMaxGroup = 256;

  // The store's summary (counts over every table, the revenue share) takes seconds on a
  // large store: it is counted on a thread of its own (fl-summary) with its own read
  // connection, so that neither the listeners' start nor any contact waits for it; the
  // result comes back as SummaryCounted. One count at a time; joined when run() ends.
  void countSummary();
  std::thread m_summaryThread;
  std::unique_ptr<DurableAcks> m_acks;  // null until the store is open
  std::atomic<bool> m_summaryCounting{false};

  std::int64_t now() const { return m_desk.m_options.clock(); }
  const DeskOptions& options() const { return m_desk.m_options; }
  std::shared_ptr<const DeskSnapshot> publish(DeskSnapshot next);
  void requireStore() const;
  // Appends one event by this agent on `interactionId`; `payload` is a JSON object.
  void append(const std::string& interactionId, store::EventKind kind, const std::string& payload);
  // The interaction, or a StoreError naming it.
  store::InteractionRow interaction(const std::string& id);
  // The contact in hand, or a StoreError saying there is none.
  const ContactPop& contactInHand(const DeskSnapshot& next) const;

  // Contacts from the listeners, in group commits.
  void recordGroup(std::vector<Command>& batch, std::size_t from, std::size_t to, DeskSnapshot& next);
  void showRecorded(const std::vector<Command>& batch, std::size_t from, std::size_t to,
                    const std::vector<telephony::DeliveryResult>& results, DeskSnapshot& next);
  static std::string describe(const telephony::ContactEvent& contact);

  // The queue and the pop.
  void enqueue(const std::string& interactionId, DeskSnapshot& next);
  void refreshQueue(DeskSnapshot& next);
  static void dropFromQueue(const std::string& interactionId, DeskSnapshot& next);
  static bool queuedBefore(const QueuedContact& a, const QueuedContact& b);
  ContactPop buildPop(const store::InteractionRow& row);
  // The customer's words in the pop, read again: an email's conversation or a call's
  // transcript, and the contact's emotion index.
  void loadWords(ContactPop& pop);
  void refreshPop(DeskSnapshot& next);  // the pop follows its interaction (and the agent its call)
  // An agent with nothing in hand sees the first ringing call (or `offered`, a call just
  // offered, before it is queued).
  void choosePop(DeskSnapshot& next, const std::string& offered = {});
  void reloadCustomer(DeskSnapshot& next);  // after a complaint, satisfaction or link changed it

  // On start: closes, as events, what a previous run left open (see recovery.cpp).
  void recoverUnfinished(DeskSnapshot& next);
  void loadMissed(DeskSnapshot& next);
  // Why a call offered now must get 486 (agent not available, all lines ringing); empty: it may ring.
  std::string busyReason(const DeskSnapshot& next, int ringingInGroup) const;
  void finishWrapUp(const std::string& disposition, bool timedOut, DeskSnapshot& next);
  // How long the desk thread may sleep before a timer is due (the wrap-up limit).
  std::optional<std::chrono::microseconds> timerWait() const;
  // recordings.retention_days: deletes the recordings past it, once a day (recording_retention.h).
  void sweepRecordings(DeskSnapshot& next);
  std::int64_t m_nextSweepUs = 0;  // when the next recording sweep is due (0: at the first chance)

  std::vector<Code> loadCodes(const char* sql);
  void moveAgent(AgentState to, std::string reason, DeskSnapshot& next, const std::string& request = {});

  // Call actions: recorded first, then the network is told.
  template <typename Act>
  void callAction(const std::string& interactionId, store::EventKind kind, const char* payload,
                  std::initializer_list<const char*> fromStatuses, Act act);

  Desk& m_desk;
  std::unique_ptr<store::Database> m_db;
  std::unique_ptr<store::EventLog> m_log;
  std::unique_ptr<ContactRecorder> m_recorder;
  std::unique_ptr<Outbox> m_outbox;  // replies waiting for the relay (email_actions.cpp)
  // Hands every due reply of the outbox to the relay (email_actions.cpp).
  void sendDueReplies(DeskSnapshot& next);
  std::shared_ptr<const DeskSnapshot> m_current;
  UuidGenerator m_ids;
};

}  // namespace frontline::desk
