// Every statement the code runs while a contact arrives and its pop is built must search
// an index: a scan is invisible on a small store and stops the desk on a large one (found
// by the telephony benchmark). The statements are captured from the connection as the
// real code prepares them (sqlite3_trace_v2), not copied here by hand, and each is then
// explained.
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include "store/call_transcript.h"

#include <filesystem>
#include <set>

#include "desk/contact_recorder.h"
#include "desk/emotion_scoring.h"
#include "floor/floor_reads.h"
#include "store/contact_lookup.h"
#include "store/customer_feeling.h"
#include "store/customer_search.h"
#include "store/customer_view.h"
#include "store/demo_data.h"
#include "store/email_thread.h"
#include "store/event_log.h"
#include "store/event_reads.h"
#include "store/projections.h"
#include "test_support.h"

using namespace frontline;

namespace {

// The SQL text of every statement run on the connection while a capture is installed.
struct Capture {
  std::set<std::string> statements;
};

int onTrace(unsigned kind, void* context, void* statement, void*) {
  if (kind == SQLITE_TRACE_STMT) {
    if (const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement))) {
      static_cast<Capture*>(context)->statements.insert(sql);
    }
  }
  return 0;
}

// SQLite's plan for `sql`, one line per step.
std::string planOf(store::Database& db, const std::string& sql) {
  store::Statement s(db.handle(), "EXPLAIN QUERY PLAN " + sql);
  std::string plan;
  while (s.step()) plan += s.text(3) + "\n";
  return plan;
}

// The tables that grow with the business; a full scan of any of them is a defect.
constexpr const char* kLargeTables[] = {"customers",          "customer_addresses", "orders",         "interactions",
                                        "interaction_events", "complaints",         "email_messages", "customer_names"};

// 300 demo customers, with the statistics a real store has (the planner's choices depend
// on them).
void writeAnalyzedDemoData(store::Database& db) {
  test::writeDemoCustomers(db, 300);
  db.exec("ANALYZE");
}

}  // namespace

TEST_CASE("every statement of a contact's arrival and its pop searches an index, never scans", "[store][plan]") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("plan.db"));
  store::migrate(db);
  writeAnalyzedDemoData(db);
  const std::string phone = db.queryText("SELECT value FROM customer_addresses WHERE kind = 'phone' LIMIT 1");
  const std::string email = db.queryText("SELECT value FROM customer_addresses WHERE kind = 'email' LIMIT 1");

  Capture capture;
  sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, onTrace, &capture);
  {
    store::EventLog log(db, "plan-console");
    desk::ContactRecorder recorder(db, log, "GB", [] { return test::kTestNowUs; });
    telephony::SipCallEvent call;
    call.kind = telephony::SipCallEvent::Kind::Offered;
    call.callId = "plan-call;from-tag=1";  // as our SIP listener keys a call
    call.callerUser = phone;
    REQUIRE(recorder.record(call).ok);
    telephony::CtiEvent line;  // a line of the call's transcript, by its SIP Call-ID
    line.kind = telephony::CtiEvent::Kind::Transcript;
    line.callId = "plan-call";  // as the PBX knows it
    line.speaker = "customer";
    line.text = "It is broken";
    const auto said = recorder.record(line);
    REQUIRE(said.ok);
    call.kind = telephony::SipCallEvent::Kind::Ended;
    REQUIRE(recorder.record(call).ok);
    CHECK(store::loadTranscript(db, said.interactionId).size() == 1);
    telephony::ReceivedEmail mail;
    mail.protocol = "smtp";
    mail.fromAddress = email;
    mail.messageId = "plan@example.com";
    mail.subject = "Plan";
    mail.bodyText = "Hello";
    const auto recorded = recorder.record(mail);
    REQUIRE(recorded.ok);
    const auto customer = store::findCustomerId(db, {store::ContactAddress::Kind::Phone, phone});
    REQUIRE(customer);
    REQUIRE(store::loadCustomerViewById(db, *customer, test::kTestNowUs, {}, {}));
    // The emotion index: the email scored as the desk scores it, and the contacts due a score.
    static const emotion::Lexicon lexicon = emotion::loadLexicon({});
    REQUIRE(desk::scoreContacts(db, log, lexicon, {recorded.interactionId}, test::kTestNowUs, false).scored == 1);
    const auto due = desk::contactsToScore(db, lexicon, test::kTestNowUs - 30LL * 86'400'000'000);
    CHECK(due.newWords.size() >= 1);  // the demo's emails
    // The customer's feeling (the card, the floor as a contact is scored) and the feeling by day.
    store::customerFeeling(db, *customer, test::kTestNowUs);
    floor::feelingDays(db, test::kTestNowUs, 29);
    store::loadEmailThread(db, recorded.interactionId);
    store::loadInteraction(db, recorded.interactionId);
    store::loadWaitingEmails(db);
    store::searchCustomers(db, "jansen", "GB");
    store::searchCustomers(db, phone, "GB");
  }
  sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);

  int explained = 0;
  for (const auto& sql : capture.statements) {
    if (sql.rfind("SELECT", 0) != 0 && sql.rfind("WITH", 0) != 0) continue;  // writes go by primary key
    INFO(sql);
    const std::string plan = planOf(db, sql);
    INFO(plan);
    ++explained;
    // A plan step "SCAN t" reads the whole of t (or of an index of it); an FTS5 MATCH
    // shows as "SCAN t VIRTUAL TABLE INDEX ..." and is an index lookup.
    std::size_t from = 0;
    while (from < plan.size()) {
      const auto end = plan.find('\n', from);
      const std::string step = plan.substr(from, end - from);
      from = end + 1;
      for (const char* table : kLargeTables) {
        const std::string scan = std::string("SCAN ") + table;
        const bool scans = step.rfind(scan, 0) == 0 && (step.size() == scan.size() || step[scan.size()] == ' ') &&
                           step.find("VIRTUAL TABLE INDEX") == std::string::npos;
        CHECK_FALSE(scans);
      }
    }
  }
  CHECK(explained >= 10);  // the capture saw the real statements
}

TEST_CASE("a complaint's events are read through their own index", "[store][plan]") {
  auto db = test::migratedMemoryStore();
  writeAnalyzedDemoData(db);
  const std::string complaint = db.queryText("SELECT id FROM complaints LIMIT 1");
  Capture capture;
  sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, onTrace, &capture);
  const auto events = store::complaintEvents(db, complaint, store::kEndOfTime);
  sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
  CHECK(events.size() >= 1);
  REQUIRE(capture.statements.size() == 1);
  const std::string plan = planOf(db, *capture.statements.begin());
  INFO(plan);
  // The partial index is used only while the query repeats its condition word for word.
  CHECK(plan.find("USING INDEX interaction_events_by_complaint") != std::string::npos);
}
