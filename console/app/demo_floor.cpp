// The simulated floor; see demo_floor.h.
#include "app/demo_floor.h"

#include <pthread.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "desk/call_quality_event.h"
#include "desk/uuid.h"
#include "emotion/lexicon.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/migrations.h"
#include "sync/central_connection.h"
#include "sync/sync_engine.h"

namespace frontline::app {
namespace {

using Json = nlohmann::json;
using store::EventKind;

constexpr std::int64_t kSecond = 1'000'000;

std::int64_t nowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Customer {
  std::int64_t id = 0;
  std::string name;
  std::string phone;
  std::string email;
};

// One simulated console: its store, its log and its push.
struct Console {
  std::string origin;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::EventLog> log;
  std::unique_ptr<sync::SyncEngine> sync;
  bool dirty = false;

  void append(const std::string& interaction, EventKind kind, const Json& payload, const std::string& agent,
              std::int64_t at = 0) {
    log->append(store::InteractionEvent{"", 0, interaction, at ? at : nowUs(), kind, agent, payload.dump()});
    dirty = true;
  }
};

struct Waiting {
  std::string id;
  std::string channel;
  std::optional<Customer> customer;
  std::int64_t offeredUs = 0;
  std::int64_t patienceUs = 0;  // a caller hangs up after this
};

struct Agent {
  Console console;
  std::string state = "logged_out";
  std::int64_t untilUs = 0;  // the current talk, wrap-up or break ends then
  std::string contact;
  std::optional<Customer> customer;
  std::string channel;
  std::optional<telephony::media::QualityScore> sound;  // a call's, as its console would score it
};

struct OpenComplaint {
  std::string id;
  std::string interaction;
  bool responded = false;
  std::int64_t respondAtUs = 0;  // the owner gets to it then
  std::int64_t resolveAtUs = 0;
  std::string owner;
};

}  // namespace

DemoFloor::DemoFloor(DemoFloorOptions options) : m_options(std::move(options)), m_thread([this] { run(); }) {}

DemoFloor::~DemoFloor() {
  m_stop = true;
  m_thread.join();
}

void DemoFloor::run() {
  pthread_setname_np(pthread_self(), "fl-demo-floor");
  std::mt19937 random(m_options.seed ^ static_cast<std::uint32_t>(nowUs()));
  auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(random); };
  auto chance = [&](double p) { return uniform(0, 1) < p; };
  auto seconds = [&](double a, double b) { return static_cast<std::int64_t>(uniform(a, b) * kSecond); };
  try {
    std::filesystem::create_directories(m_options.dir);
    auto central = sync::connectCentral(m_options.centralUrl);
    std::vector<Customer> customers;
    {
      store::OpenOptions ro;
      ro.readOnly = true;
      auto db = store::Database::open(m_options.customersFrom, ro);
      store::Statement& s = db.cached(
          "SELECT c.id, c.display_name, (SELECT value FROM customer_addresses a WHERE a.customer_id = c.id AND "
          "a.kind = 'phone' LIMIT 1), (SELECT value FROM customer_addresses a WHERE a.customer_id = c.id AND "
          "a.kind = 'email' LIMIT 1) FROM customers c ORDER BY c.id LIMIT 3000");
      while (s.step()) customers.push_back({s.int64(0), s.text(1), s.text(2), s.text(3)});
    }
    auto openConsole = [&](const std::string& origin) {
      Console c;
      c.origin = origin;
      c.db = std::make_unique<store::Database>(store::Database::open(m_options.dir + "/" + origin + ".db"));
      store::migrate(*c.db);
      c.log = std::make_unique<store::EventLog>(*c.db, origin);
      c.sync = std::make_unique<sync::SyncEngine>(*c.db, *central, origin);
      return c;
    };
    Console pbx = openConsole("demo-pbx");
    std::vector<Agent> agents;
    for (int i = m_options.firstAgent; i < m_options.firstAgent + m_options.agents; ++i) {
      Agent a;
      a.console = openConsole((i < 10 ? "agent-0" : "agent-") + std::to_string(i));
      agents.push_back(std::move(a));
    }
    // A previous run's unfinished contacts are closed: a restarted floor starts clean.
    for (Console* c : [&] {
           std::vector<Console*> all{&pbx};
           for (auto& a : agents) all.push_back(&a.console);
           return all;
         }()) {
      // Closed at their last known moment, so the stop does not count as handling time.
      store::Statement& s = c->db->cached(
          "SELECT id, answered_us IS NULL, ended_us IS NULL, last_event_us FROM interactions WHERE wrapped_us IS NULL");
      std::vector<std::tuple<std::string, bool, bool, std::int64_t>> unfinished;
      while (s.step()) unfinished.emplace_back(s.text(0), s.int64(1) != 0, s.int64(2) != 0, s.int64(3) + 1);
      s.reset();
      for (const auto& [id, unanswered, unended, at] : unfinished) {
        if (unanswered && unended) c->append(id, EventKind::Missed, {{"cause", "demo restarted"}}, "", at);
        if (!unanswered && unended) c->append(id, EventKind::Ended, {{"cause", "demo restarted"}}, c->origin, at);
        if (!unanswered) c->append(id, EventKind::Wrapped, {{"disposition", "resolved"}}, c->origin, at);
      }
    }
    desk::UuidGenerator ids;
    const std::vector<std::string> queues = {"sales", "support", "billing"};
    const std::vector<std::string> categories = {"delivery", "billing", "product_fault", "service", "returns"};
    const std::vector<std::string> reasons = {"Break", "Lunch", "Coaching", "Meeting"};
    std::deque<Waiting> waiting;
    std::vector<OpenComplaint> complaints;
    for (auto& a : agents) {
      a.state = chance(0.85) ? "available" : "not_ready";
      a.untilUs = nowUs() + seconds(30, 240);
      a.console.append("", EventKind::AgentState,
                       {{"state", a.state}, {"reason", a.state == "not_ready" ? "Break" : ""}}, a.console.origin);
    }
    const auto start = std::chrono::steady_clock::now();
    std::int64_t tick = 0;
    while (!m_stop) {
      const std::int64_t now = nowUs();
      ++tick;
      // Arrivals: Poisson, with a slow swell so that the queues fill and drain.
      const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60.0;
      const double rate = m_options.contactsPerMinute * (1.0 + 0.5 * std::sin(minutes * 2.0 * M_PI / 6.0));
      const int arrivals = std::poisson_distribution<int>(rate / 240.0)(random);  // per 250 ms
      for (int k = 0; k < arrivals; ++k) {
        Waiting w;
        w.id = ids.next();
        w.channel = chance(0.75) ? "voice" : "email";
        if (chance(0.85) && !customers.empty()) w.customer = customers[random() % customers.size()];
        w.offeredUs = now;
        w.patienceUs = w.channel == "voice" ? seconds(3, 120) : INT64_MAX / 2;
        Json offered = {{"channel", w.channel},
                        {"direction", "in"},
                        {"address", w.customer ? (w.channel == "voice" ? w.customer->phone : w.customer->email)
                                               : std::string("+441632960") + std::to_string(random() % 900 + 100)},
                        {"display_name", w.customer ? w.customer->name : ""},
                        {"subject", w.channel == "email" ? "Question about my order" : ""},
                        {"queue", queues[random() % queues.size()]}};
        if (w.customer) offered["customer_id"] = w.customer->id;
        pbx.append(w.id, EventKind::Offered, offered, "");
        if (w.channel == "voice") pbx.append(w.id, EventKind::Ringing, Json::object(), "");
        waiting.push_back(std::move(w));
      }
      // Callers who give up.
      for (auto it = waiting.begin(); it != waiting.end();) {
        if (it->channel == "voice" && now - it->offeredUs > it->patienceUs) {
          pbx.append(it->id, EventKind::Cancelled, {{"cause", "caller hung up"}}, "");
          it = waiting.erase(it);
        } else {
          ++it;
        }
      }
      for (auto& a : agents) {
        Console& c = a.console;
        if (a.state == "available") {
          // A complaint due for a response comes first, then the oldest call, then email.
          auto due = std::find_if(complaints.begin(), complaints.end(), [&](const OpenComplaint& k) {
            return k.owner == c.origin && now >= (k.responded ? k.resolveAtUs : k.respondAtUs);
          });
          if (due != complaints.end()) {
            c.append(due->interaction, due->responded ? EventKind::ComplaintResolved : EventKind::ComplaintResponded,
                     {{"complaint_id", due->id}}, c.origin);
            if (due->responded) {
              complaints.erase(due);
            } else {
              due->responded = true;
            }
            continue;
          }
          auto next =
              std::find_if(waiting.begin(), waiting.end(), [](const Waiting& w) { return w.channel == "voice"; });
          if (next == waiting.end()) next = waiting.begin();
          // A call rings a few seconds before it is answered; an email waits a little longer.
          if (next != waiting.end() && now - next->offeredUs > (next->channel == "voice" ? 3 : 20) * kSecond &&
              chance(0.3)) {
            a.contact = next->id;
            a.customer = next->customer;
            a.channel = next->channel;
            waiting.erase(next);
            c.append(a.contact, EventKind::Answered, Json::object(), c.origin);
            if (a.channel == "voice") {
              // How the call sounds (README "Call quality"): mostly clean, now and then a lossy line.
              a.sound = telephony::media::rateCall(chance(0.15) ? uniform(4, 12) : uniform(0, 1.5), uniform(50, 120));
              a.sound->jitterMs = uniform(2, 25);
              c.append(a.contact, EventKind::CallQuality,
                       Json::parse(desk::callQualityPayload({"", "PCMU/8000", *a.sound, false, std::nullopt})), "");
              if (chance(0.4)) {
                // The PBX's transcript scored on the agent's console (README "Emotion index"):
                // the floor's caller feelings, now and then one upset enough for an alert.
                const int index = static_cast<int>(uniform(-85, 70));
                c.append(a.contact, EventKind::EmotionScored,
                         {{"version", emotion::kScorerVersion},
                          {"lexicon", "demo-floor"},
                          {"enough", true},
                          {"index", index},
                          {"trend", 0},
                          {"confidence", 0.6},
                          {"arousal", index < -50 ? 0.7 : 0.3},
                          {"turns", 3},
                          {"sources", {{"transcript", 3}}},
                          {"evidence", Json::array()},
                          {"moments", Json::array()}},
                         c.origin);
              }
            }
            a.state = "on_contact";
            a.untilUs = now + (a.channel == "voice" ? seconds(20, 150) : seconds(30, 100));
            c.append("", EventKind::AgentState, {{"state", a.state}, {"reason", ""}}, c.origin);
            if (a.customer && chance(0.12)) {
              // Demo due times: minutes, not hours, so that the board moves while you watch.
              OpenComplaint k{ids.next(), a.contact, false, 0, 0, c.origin};
              const std::int64_t responseDue = now + seconds(60, 300);
              k.respondAtUs = now + seconds(40, 420);
              k.resolveAtUs = k.respondAtUs + seconds(120, 600);
              const char* priorities[] = {"urgent", "high", "normal"};
              c.append(a.contact, EventKind::ComplaintOpened,
                       {{"complaint_id", k.id},
                        {"customer_id", a.customer->id},
                        {"category", categories[random() % categories.size()]},
                        {"priority", priorities[random() % 3]},
                        {"summary", "Demo complaint from " + a.customer->name},
                        {"response_due_us", responseDue},
                        {"resolution_due_us", responseDue + seconds(600, 1800)}},
                       c.origin);
              complaints.push_back(std::move(k));
            }
          } else if (chance(0.0015)) {
            a.state = "not_ready";
            a.untilUs = now + seconds(60, 600);
            c.append("", EventKind::AgentState, {{"state", a.state}, {"reason", reasons[random() % reasons.size()]}},
                     c.origin);
          }
        } else if (now >= a.untilUs) {
          if (a.state == "on_contact") {
            c.append(a.contact, EventKind::Ended, {{"cause", a.channel == "voice" ? "caller hung up" : "replied"}},
                     c.origin);
            if (a.sound) {
              c.append(a.contact, EventKind::CallQuality,
                       Json::parse(desk::callQualityPayload({"", "PCMU/8000", *a.sound, true, a.sound})), "");
              a.sound.reset();
            }
            a.state = "wrap_up";
            a.untilUs = now + seconds(5, 60);
            c.append("", EventKind::AgentState, {{"state", a.state}, {"reason", ""}}, c.origin);
          } else if (a.state == "wrap_up") {
            c.append(a.contact, EventKind::Wrapped, {{"disposition", "resolved"}}, c.origin);
            a.state = "available";
            c.append("", EventKind::AgentState, {{"state", a.state}, {"reason", ""}}, c.origin);
          } else if (a.state == "not_ready") {
            a.state = "available";
            c.append("", EventKind::AgentState, {{"state", a.state}, {"reason", ""}}, c.origin);
          }
        }
      }
      // Push what changed, as consoles do right after their commits.
      auto push = [&](Console& c) {
        if (!c.dirty) return;
        c.dirty = false;
        while (c.sync->pushBatch() > 0) {
        }
      };
      try {
        push(pbx);
        for (auto& a : agents) push(a.console);
      } catch (const std::exception& e) {
        if (tick % 40 == 1) spdlog::warn("demo floor: push failed: {}", e.what());
        pbx.dirty = true;
        for (auto& a : agents) a.console.dirty = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));  // the simulation's clock tick
    }
  } catch (const std::exception& e) {
    spdlog::error("demo floor stopped: {}", e.what());
  }
}

}  // namespace frontline::app
