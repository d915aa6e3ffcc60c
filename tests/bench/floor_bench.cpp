// floor_bench: prints the supervisor analytics' figures (not a test).
//   fold       the analytics worker's cost per new event (goal <= 100 us), beside the cost
//              of appending that event to the store in the same run (the baseline): a
//              writer appends whole calls (offered, answered, ended, wrapped) and agent
//              state changes in small transactions while the worker folds them; median of 3
//   recompute  a full recompute of the floor over the newest N interactions of a store
//              (goal: 1,000,000 in <= 2 s), beside a plain SQL GROUP BY over the same rows
//              (the baseline); median of 5
//   agent      an agent's console pushing N state changes, one every --every-ms, to
//              --central (the supervisor latency benchmark's other end)
//   make       writes a store of N contacts over 30 days in time order (a busy site's month)
// Usage: floor_bench fold --dir DIR [--events N]
//        floor_bench make --db STORE [--interactions N]
//        floor_bench recompute --db STORE [--interactions N]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "floor/analytics_worker.h"
#include "floor/floor_model.h"
#include "floor/floor_reads.h"
#include "store/event_log.h"
#include "store/migrations.h"
#include "sync/central_connection.h"
#include "sync/sync_engine.h"

using namespace frontline;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::int64_t nowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

long rssKb() {
  FILE* f = std::fopen("/proc/self/status", "r");
  long kb = 0;
  char line[256];
  while (f && std::fgets(line, sizeof line, f))
    if (std::strncmp(line, "VmRSS:", 6) == 0) kb = std::atol(line + 6);
  if (f) std::fclose(f);
  return kb;
}

int fold(const std::string& dir, std::int64_t events) {
  std::vector<double> foldUs, appendUs, singleUs;
  for (int run = 0; run < 3; ++run) {
    const std::string path = dir + "/floor-fold.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto db = store::Database::open(path, {.durability = store::Durability::Normal});
    store::migrate(db);
    store::EventLog log(db, "agent-bench");
    floor::AnalyticsOptions options;
    options.storePath = path;
    options.origin = "supervisor-bench";
    options.pollUs = 20'000;
    floor::AnalyticsWorker worker(options);
    while (worker.snapshot()->ready == false) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const std::int64_t t0 = nowUs();
    std::int64_t appended = 0;
    double appendSeconds = 0;
    for (std::int64_t i = 0; appended < events; ++i) {
      const std::string id = "c" + std::to_string(run) + "-" + std::to_string(i);
      const std::int64_t t = t0 + i * 1000;
      const auto start = Clock::now();
      log.append({store::InteractionEvent{"", 0, id, t, store::EventKind::Offered, "",
                                          R"({"channel":"voice","direction":"in","address":"+4420","queue":"sales"})"},
                  store::InteractionEvent{"", 0, id, t + 100, store::EventKind::Answered, "agent-bench", "{}"},
                  store::InteractionEvent{"", 0, "", t + 100, store::EventKind::AgentState, "agent-bench",
                                          R"({"state":"on_contact","reason":""})"},
                  store::InteractionEvent{"", 0, id, t + 500, store::EventKind::Ended, "agent-bench", "{}"},
                  store::InteractionEvent{"", 0, id, t + 900, store::EventKind::Wrapped, "agent-bench", "{}"},
                  store::InteractionEvent{"", 0, "", t + 900, store::EventKind::AgentState, "agent-bench",
                                          R"({"state":"available","reason":""})"}});
      appendSeconds += std::chrono::duration<double>(Clock::now() - start).count();
      appended += 6;
    }
    while (worker.stats().eventsFolded < appended) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto stats = worker.stats();
    foldUs.push_back(static_cast<double>(stats.foldNs) / 1000.0 / static_cast<double>(stats.eventsFolded));
    appendUs.push_back(appendSeconds * 1e6 / static_cast<double>(appended));
    // Live: one event at a time, each folded in a round of its own (reading event_heads,
    // the event and the rows it touched).
    const auto before = worker.stats();
    for (int k = 0; k < 300; ++k) {
      const std::string id = "t" + std::to_string(run) + "-" + std::to_string(k);
      log.append(store::InteractionEvent{"", 0, id, nowUs(), store::EventKind::Offered, "",
                                         R"({"channel":"voice","direction":"in","address":"+4420","queue":"sales"})"});
      worker.wake();
      while (worker.stats().eventsFolded < before.eventsFolded + k + 1) std::this_thread::yield();
    }
    const auto after = worker.stats();
    singleUs.push_back(static_cast<double>(after.foldNs - before.foldNs) / 1000.0 /
                       static_cast<double>(after.eventsFolded - before.eventsFolded));
    std::printf(
        "  run %d: %lld events in bursts, %.1f us/event; one at a time %.1f us/event; appending %.1f us/event\n",
        run + 1, static_cast<long long>(stats.eventsFolded), foldUs.back(), singleUs.back(), appendUs.back());
  }
  std::printf(
      "analytics fold (median of 3; goal <= 100 us per new event): %.1f us per event one at a time, %.1f us "
      "in bursts; appending an event costs %.1f us (fold one at a time / append = %.2f)\n",
      median(singleUs), median(foldUs), median(appendUs), median(singleUs) / median(appendUs));
  return 0;
}

int recompute(const std::string& path, std::int64_t interactions) {
  {
    // A store from an older build gets the floor's schema first (timed: it is what an
    // upgrade costs on a store of this size).
    auto rw = store::Database::open(path, {.create = false});
    const auto start = Clock::now();
    store::migrate(rw);
    const double took = std::chrono::duration<double>(Clock::now() - start).count();
    if (took > 0.5) std::printf("migrated %s to the current schema in %.1f s\n", path.c_str(), took);
  }
  store::OpenOptions ro;
  ro.readOnly = true;
  ro.create = false;
  auto db = store::Database::open(path, ro);
  store::Statement& s = db.cached("SELECT offered_us FROM interactions ORDER BY offered_us DESC LIMIT 1 OFFSET ?");
  s.bind(1, interactions - 1);
  const std::int64_t from = s.step() ? s.int64(0) : 0;
  s.reset();
  const std::int64_t to = INT64_MAX;
  const std::int64_t count =
      db.queryInt(("SELECT COUNT(*) FROM interactions WHERE offered_us >= " + std::to_string(from)).c_str());
  const std::int64_t days = (nowUs() - from) / floor::kDayUs;
  std::printf("recompute over the newest %lld interactions of %s (offered over the last %lld days)\n",
              static_cast<long long>(count), path.c_str(), static_cast<long long>(days));
  std::vector<double> full, plain;
  const long rssBefore = rssKb();
  long rssPeak = 0;
  for (int run = 0; run < 5; ++run) {
    const auto start = Clock::now();
    {
      // As `frontline report` does: every contact streamed into the counts, none kept.
      floor::FloorModel model(floor::FloorSettings{}, from, from, false);
      floor::forEachContactOffered(db, from, to, [&](const store::InteractionRow& row) { model.upsertContact(row); });
      const auto snapshot = model.snapshot(nowUs(), {});
      if (snapshot.queues.empty()) std::printf("  (no queue figures?)\n");
      rssPeak = std::max(rssPeak, rssKb());
    }
    full.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    const auto plainStart = Clock::now();
    store::Statement& g = db.cached(
        "SELECT queue, channel, COUNT(*), SUM(answered_us IS NOT NULL), SUM(answered_us - offered_us), "
        "SUM(wrapped_us - answered_us), SUM(outcome = 'cancelled') FROM interactions WHERE offered_us >= ? "
        "GROUP BY queue, channel");
    g.bind(1, from);
    std::int64_t rows = 0;
    while (g.step()) ++rows;
    g.reset();
    plain.push_back(std::chrono::duration<double>(Clock::now() - plainStart).count());
    std::printf("  run %d: floor %.2f s, plain GROUP BY %.2f s\n", run + 1, full.back(), plain.back());
  }
  std::printf(
      "full recompute: %.2f s for %lld interactions (median of 5; goal <= 2 s for 1,000,000), plain SQL "
      "GROUP BY over the same rows %.2f s (ratio %.1f); resident memory while folding +%ld MiB\n",
      median(full), static_cast<long long>(count), median(plain), median(full) / median(plain),
      (rssPeak - rssBefore) / 1024);
  return 0;
}

// A store as a busy site's supervisor console holds it after `days` days: `n` contacts
// recorded in time order (as consoles record them), across three queues and two channels,
// with outcomes, waits and handle times; written straight into the projection the floor
// reads.
int make(const std::string& path, std::int64_t n, std::int64_t days) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto db = store::Database::open(path, {.durability = store::Durability::Off});
  store::migrate(db);
  const std::int64_t end = nowUs();
  const std::int64_t step = days * floor::kDayUs / n;
  const auto start = Clock::now();
  db.exec("BEGIN");
  store::Statement& s = db.cached(
      "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?1 - 1) "
      "INSERT INTO interactions (id, customer_id, channel, direction, address, display_name, subject, agent_id, "
      "status, outcome, offered_us, answered_us, ended_us, wrapped_us, wait_us, talk_us, acw_us, disposition, note, "
      "satisfaction_expected, satisfaction_perceived, last_event_us, external_id, queue) "
      "SELECT printf('bench-%09d', i), CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + (i * 7919) % 200000 END, "
      "CASE WHEN i % 4 = 0 THEN 'email' ELSE 'voice' END, 'in', '+4420794600' || (i % 1000), '', '', "
      "printf('agent-%02d', 1 + i % 100), 'wrapped', CASE WHEN i % 20 = 0 THEN 'cancelled' ELSE 'answered' END, "
      "?2 + i * ?3, CASE WHEN i % 20 = 0 THEN NULL ELSE ?2 + i * ?3 + (i % 40) * 1000000 END, "
      "?2 + i * ?3 + 200000000, CASE WHEN i % 20 = 0 THEN NULL ELSE ?2 + i * ?3 + 230000000 END, "
      "NULL, NULL, NULL, 'resolved', '', NULL, NULL, ?2 + i * ?3 + 230000000, '', "
      "CASE i % 3 WHEN 0 THEN 'sales' WHEN 1 THEN 'support' ELSE 'billing' END FROM k");
  s.bind(1, n).bind(2, end - days * floor::kDayUs).bind(3, step);
  s.run();
  db.exec("COMMIT");
  std::printf("wrote %lld contacts over %lld days to %s in %.1f s\n", static_cast<long long>(n),
              static_cast<long long>(days), path.c_str(), std::chrono::duration<double>(Clock::now() - start).count());
  return 0;
}

// An agent's console for the latency benchmark: `changes` state changes, one every
// `everyMs`, each pushed to the central store as soon as it is committed (as a console
// does after its commits); the supervisor's console records when it first draws each.
int agent(const std::string& path, const std::string& centralUrl, std::int64_t changes, int everyMs) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto db = store::Database::open(path);
  store::migrate(db);
  store::EventLog log(db, "agent-01");
  auto central = sync::connectCentral(centralUrl);
  sync::SyncEngine engine(db, *central, "agent-01");
  const char* states[] = {"available", "not_ready"};
  for (std::int64_t i = 0; i < changes; ++i) {
    log.append(store::InteractionEvent{"", 0, "", nowUs(), store::EventKind::AgentState, "agent-01",
                                       std::string(R"({"state":")") + states[i % 2] + R"(","reason":""})"});
    while (engine.pushBatch() > 0) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(everyMs));  // the agent's pace, not synchronisation
  }
  std::printf("agent: %lld state changes pushed\n", static_cast<long long>(changes));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: floor_bench fold --dir DIR [--events N] | recompute --db STORE [--interactions N]\n");
    return 2;
  }
  const std::string mode = argv[1];
  std::string dir = ".", db, central;
  int everyMs = 250;
  std::int64_t events = 60'000, interactions = 1'000'000;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--dir") dir = argv[i + 1];
    if (key == "--db") db = argv[i + 1];
    if (key == "--events") events = std::atoll(argv[i + 1]);
    if (key == "--interactions" || key == "--changes") interactions = std::atoll(argv[i + 1]);
    if (key == "--central") central = argv[i + 1];
    if (key == "--every-ms") everyMs = std::atoi(argv[i + 1]);
  }
  if (mode == "fold") return fold(dir, events);
  if (mode == "agent" && !db.empty()) return agent(db, central, interactions, everyMs);
  if (mode == "make" && !db.empty()) return make(db, interactions, 30);
  if (mode == "recompute" && !db.empty()) return recompute(db, interactions);
  std::fprintf(stderr, "floor_bench: unknown mode or missing --db\n");
  return 2;
}
