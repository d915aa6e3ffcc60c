// sync_bench: prints the central sync's figures against a PostgreSQL server (not a test).
//   1. push throughput (events/s) of a 100,000-event backlog, median of 3 runs on a fresh
//      central schema each, beside a ceiling measured in the same run: the same rows
//      loaded with plain COPY into a table with central_events' keys and indexes (goal:
//      push >= 0.6 x COPY), and into a bare table; with the CPU the client and the
//      server process used during the push
//   2. a floor: 50 consoles pushing after every commit at once (events/s, commit-to-central
//      latency, consoles waiting for the revision lock)
//   3. catch-up time for one busy hour of one console (a contact a minute: 60 calls of
//      4 events and the agent's 120 state changes), median of 3
//   4. pull time for 1,000,000 customers with an address each into an empty local store
// Usage: sync_bench --pg-url postgresql://user@127.0.0.1:PORT/db [--events N] [--customers N] [--batch N]
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "store/event_log.h"
#include "store/migrations.h"
#include "sync/central_schema.h"
#include "sync/reference_pull.h"
#include "sync/sync_engine.h"

using namespace frontline;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void freshCentral(const std::string& url) {
  auto c = sync::connectCentral(url);
  c->exec(
      "DROP TABLE IF EXISTS central_schema, central_events, interactions, complaints, agent_states, customers, "
      "customer_addresses, orders, sla_policies, dispositions, not_ready_reasons, complaint_categories, "
      "copy_baseline CASCADE");
  sync::initCentral(*c);
}

// A local store holding `calls` whole calls (4 events each) and `states` agent state changes.
std::string localStore(const std::string& path, std::int64_t calls, std::int64_t states) {
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  auto db = store::Database::open(path);
  store::migrate(db);
  store::EventLog log(db, "bench");
  const std::int64_t t0 = 1'780'000'000'000'000;
  store::Transaction tx(db);
  for (std::int64_t i = 0; i < calls; ++i) {
    const std::string id = "call-" + std::to_string(i);
    const std::int64_t t = t0 + i * 60'000'000;
    log.append({store::InteractionEvent{"", 0, id, t, store::EventKind::Offered, "bench",
                                        R"({"channel":"voice","direction":"in","address":"+442079460000"})"},
                store::InteractionEvent{"", 0, id, t + 5'000'000, store::EventKind::Answered, "bench", "{}"},
                store::InteractionEvent{"", 0, id, t + 50'000'000, store::EventKind::Ended, "bench", "{}"},
                store::InteractionEvent{"", 0, id, t + 58'000'000, store::EventKind::Wrapped, "bench",
                                        R"({"disposition":"resolved"})"}});
  }
  for (std::int64_t i = 0; i < states; ++i) {
    log.append(store::InteractionEvent{"", 0, "", t0 + i * 30'000'000, store::EventKind::AgentState, "bench",
                                       i % 2 ? R"({"state":"available"})" : R"({"state":"wrap_up"})"});
  }
  tx.commit();
  return path;
}

// CPU seconds the calling thread has used.
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// CPU seconds (user and system) process `pid` has used, from /proc; -1 when it is not on
// this machine.
double processCpuSeconds(const std::string& pid) {
  FILE* f = std::fopen(("/proc/" + pid + "/stat").c_str(), "r");
  if (!f) return -1;
  char text[1024] = {};
  const std::size_t n = std::fread(text, 1, sizeof text - 1, f);
  std::fclose(f);
  text[n] = 0;
  const char* afterName = std::strrchr(text, ')');  // the command name may hold spaces
  unsigned long long user = 0;
  unsigned long long system = 0;
  if (!afterName ||
      std::sscanf(afterName + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &user, &system) != 2) {
    return -1;
  }
  return static_cast<double>(user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The ceiling: the same event rows with COPY, no revision logic, no projections: into a
// table with central_events' own keys and indexes (`keyed`, the honest ceiling), or into a
// bare table without any.
double copyBaseline(const std::string& url, const std::string& localPath, bool keyed) {
  auto db = store::Database::open(localPath);
  std::string data;
  auto& s = db.cached(
      "SELECT origin, seq, COALESCE(interaction_id, ''), ts_us, kind, agent_id, payload_json FROM interaction_events");
  std::int64_t revision = 0;
  while (s.step()) {
    std::string payload = s.text(6);
    std::string escaped;
    for (char c : payload) escaped += c == '\\' ? std::string("\\\\") : std::string(1, c);
    data += std::to_string(++revision) + "\t" + s.text(0) + "\t" + s.text(1) + "\t" + s.text(2) + "\t\t" + s.text(3) +
            "\t" + s.text(4) + "\t" + s.text(5) + "\t" + escaped + "\n";
  }
  PGconn* conn = PQconnectdb(url.c_str());
  PQclear(PQexec(conn, keyed ? "CREATE TABLE copy_baseline (LIKE central_events INCLUDING ALL)"
                             : "CREATE TABLE copy_baseline (revision BIGINT, origin TEXT, seq BIGINT, interaction_id "
                               "TEXT, complaint_id TEXT, ts_us BIGINT, kind TEXT, agent_id TEXT, payload_json TEXT)"));
  const auto start = Clock::now();
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQexec(conn,
                 "COPY copy_baseline (revision, origin, seq, interaction_id, complaint_id, ts_us, kind, agent_id, "
                 "payload_json) FROM STDIN"));
  PQputCopyData(conn, data.data(), static_cast<int>(data.size()));
  PQputCopyEnd(conn, nullptr);
  PGresult* copied = PQgetResult(conn);
  if (PQresultStatus(copied) != PGRES_COMMAND_OK || std::atoll(PQcmdTuples(copied)) != revision) {
    std::fprintf(stderr, "the COPY baseline failed: %s\n", PQresultErrorMessage(copied));
    std::exit(1);
  }
  PQclear(copied);
  PQclear(PQexec(conn, "COMMIT"));
  const double elapsed = seconds(start, Clock::now());
  PQclear(PQexec(conn, "DROP TABLE copy_baseline"));
  PQfinish(conn);
  return elapsed;
}

// `consoles` consoles, one origin and one local store each, each committing a contact's
// events one at a time (offered, answered, ended, wrapped, and the agent's state) and pushing
// after every commit, all at once against one server for `durationS`. Prints the aggregate
// events/s, the time from the local commit to the central commit (p50, p99), and how many
// consoles were waiting for the revision lock, sampled from pg_stat_activity every 20 ms.
void floorOfConsoles(const std::string& url, int consoles, double durationS) {
  freshCentral(url);
  struct Seat {
    std::string path;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::EventLog> log;
    std::unique_ptr<sync::CentralConnection> central;
    std::unique_ptr<sync::SyncEngine> engine;
    std::vector<double> latencies;
    std::int64_t events = 0;
  };
  std::vector<Seat> seats(static_cast<std::size_t>(consoles));
  for (int i = 0; i < consoles; ++i) {
    Seat& s = seats[static_cast<std::size_t>(i)];
    const std::string origin = "floor-" + std::to_string(i);
    s.path = "/tmp/frontline-sync-floor-" + std::to_string(i) + ".db";
    std::remove(s.path.c_str());
    std::remove((s.path + "-wal").c_str());
    s.db = std::make_unique<store::Database>(store::Database::open(s.path));
    store::migrate(*s.db);
    s.db->exec("PRAGMA synchronous = OFF");  // the local disk is not what is measured here
    s.log = std::make_unique<store::EventLog>(*s.db, origin);
    s.central = sync::connectCentral(url);
    s.engine = std::make_unique<sync::SyncEngine>(*s.db, *s.central, origin);
  }
  std::atomic<bool> stop{false};
  std::atomic<std::int64_t> samples{0}, waiting{0}, active{0};
  std::thread sampler([&] {
    PGconn* conn = PQconnectdb(url.c_str());
    while (!stop) {
      PGresult* r = PQexec(conn,
                           "SELECT COUNT(*) FILTER (WHERE wait_event = 'advisory'), COUNT(*) FILTER (WHERE state = "
                           "'active' OR wait_event = 'advisory') FROM pg_stat_activity WHERE application_name = "
                           "'frontline'");
      if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        waiting += std::atoll(PQgetvalue(r, 0, 0));
        active += std::atoll(PQgetvalue(r, 0, 1));
        ++samples;
      }
      PQclear(r);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a sampling period, not a synchronisation
    }
    PQfinish(conn);
  });
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(durationS);
  std::vector<std::thread> threads;
  for (int i = 0; i < consoles; ++i) {
    threads.emplace_back([&, i] {
      Seat& s = seats[static_cast<std::size_t>(i)];
      const store::EventKind kinds[] = {store::EventKind::Offered, store::EventKind::Answered, store::EventKind::Ended,
                                        store::EventKind::Wrapped, store::EventKind::AgentState};
      for (std::int64_t n = 0; Clock::now() < deadline; ++n) {
        const auto kind = kinds[n % 5];
        const std::string id =
            kind == store::EventKind::AgentState ? "" : "c-" + std::to_string(i) + "-" + std::to_string(n / 5);
        const char* payload = kind == store::EventKind::Offered
                                  ? R"({"channel":"voice","direction":"in","address":"+442079460000"})"
                                  : (kind == store::EventKind::AgentState ? R"({"state":"available"})" : "{}");
        s.log->append(store::InteractionEvent{"", 0, id, 1'780'000'000'000'000 + n * 1'000'000, kind,
                                              "agent-" + std::to_string(i), payload});
        const auto committed = Clock::now();
        s.events += s.engine->pushBatch();
        s.latencies.push_back(seconds(committed, Clock::now()));
      }
    });
  }
  for (auto& t : threads) t.join();
  const double elapsed = seconds(start, Clock::now());
  stop = true;
  sampler.join();
  std::vector<double> all;
  std::int64_t events = 0;
  for (auto& s : seats) {
    all.insert(all.end(), s.latencies.begin(), s.latencies.end());
    events += s.events;
  }
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0
                       : all[std::min(all.size() - 1, static_cast<std::size_t>(p * static_cast<double>(all.size())))];
  };
  std::printf(
      "floor of %d consoles pushing after every commit for %.0f s: %.0f events/s in all; local commit -> central "
      "commit p50 %.1f ms, p99 %.1f ms\n",
      consoles, elapsed, static_cast<double>(events) / elapsed, pct(0.5) * 1000, pct(0.99) * 1000);
  const double n = static_cast<double>(std::max<std::int64_t>(1, samples));
  std::printf(
      "  advisory locks (per contact, complaint and agent on PostgreSQL): on average %.1f of the %.1f consoles busy at "
      "the server were waiting for one (%lld samples)\n",
      static_cast<double>(waiting) / n, static_cast<double>(active) / n, static_cast<long long>(samples.load()));
  for (auto& s : seats) {
    s.engine.reset();
    s.central.reset();
    s.log.reset();
    s.db.reset();
    std::remove(s.path.c_str());
    std::remove((s.path + "-wal").c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  std::int64_t events = 100'000;
  std::int64_t customers = 1'000'000;
  int batch = 5000;
  int consoles = 50;
  double floorSeconds = 15;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--pg-url")) url = argv[i + 1];
    if (!std::strcmp(argv[i], "--events")) events = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--customers")) customers = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--batch")) batch = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--consoles")) consoles = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--floor-seconds")) floorSeconds = std::atof(argv[i + 1]);
  }
  if (url.empty()) {
    std::fprintf(stderr, "usage: sync_bench --pg-url postgresql://... [--events N] [--customers N]\n");
    return 2;
  }
  const std::string local = "/tmp/frontline-sync-bench.db";

  // 1. Push vs COPY.
  std::vector<double> push, copy, bare, clientCpu, serverCpu;
  for (int round = 0; round < 3; ++round) {
    freshCentral(url);
    localStore(local, events / 4, 0);
    auto db = store::Database::open(local);
    auto central = sync::connectCentral(url);
    sync::SyncOptions options;
    options.batchSize = batch;
    sync::SyncEngine engine(db, *central, "bench", options);
    // Where a push's time goes: the client's own CPU, and the server process's (when the
    // server runs on this machine); the rest is waiting (commits, round trips).
    const std::string serverPid = central->query("SELECT pg_backend_pid()").at(0).at(0).value_or("");
    const double server0 = processCpuSeconds(serverPid);
    const double client0 = threadCpuSeconds();
    const auto start = Clock::now();
    while (engine.pushBatch() > 0) {
    }
    push.push_back(seconds(start, Clock::now()));
    clientCpu.push_back(threadCpuSeconds() - client0);
    if (server0 >= 0) serverCpu.push_back(processCpuSeconds(serverPid) - server0);
    copy.push_back(copyBaseline(url, local, true));
    bare.push_back(copyBaseline(url, local, false));
  }
  const double pushRate = static_cast<double>(events) / median(push);
  const double copyRate = static_cast<double>(events) / median(copy);
  std::printf("push of a %lld-event backlog: median %.2f s = %.0f events/s (batches of %d, projections folded)\n",
              static_cast<long long>(events), median(push), pushRate, batch);
  std::printf("  of which CPU: client (this process) median %.2f s", median(clientCpu));
  if (!serverCpu.empty()) std::printf(", server process median %.2f s", median(serverCpu));
  std::printf("\n");
  const double bareRate = static_cast<double>(events) / median(bare);
  std::printf(
      "ceiling, plain COPY of the same rows into a table with central_events' keys and indexes: median %.2f s = %.0f "
      "events/s; push / COPY = %.2f (goal >= 0.6)\n",
      median(copy), copyRate, pushRate / copyRate);
  std::printf(
      "plain COPY into a bare table (no keys, no indexes): median %.2f s = %.0f events/s; push / bare COPY = %.2f\n",
      median(bare), bareRate, pushRate / bareRate);

  // 2. A floor: many consoles pushing after every commit.
  floorOfConsoles(url, consoles, floorSeconds);

  // 3. One busy hour.
  std::vector<double> hour;
  for (int round = 0; round < 3; ++round) {
    freshCentral(url);
    localStore(local, 60, 120);
    auto db = store::Database::open(local);
    auto central = sync::connectCentral(url);
    sync::SyncEngine engine(db, *central, "bench");
    const auto start = Clock::now();
    engine.syncOnce();
    hour.push_back(seconds(start, Clock::now()));
  }
  std::printf("catch-up of one busy hour (60 calls, 120 state changes = 360 events): median %.1f ms\n",
              median(hour) * 1000);

  // 4. Pull of 1,000,000 customers.
  freshCentral(url);
  {
    auto c = sync::connectCentral(url);
    const std::string n = std::to_string(customers);
    c->exec(
        "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us, revision) "
        "SELECT i, 'Customer ' || i, 'Customer ' || i, 'GB', 'en-GB', 0, 1 FROM generate_series(1, " +
        n + ") i");
    c->exec(
        "INSERT INTO customer_addresses (id, customer_id, kind, value, label, revision) SELECT i, i, 'phone', "
        "'+4479' || lpad(i::text, 8, '0'), 'mobile', 1 FROM generate_series(1, " +
        n + ") i");
  }
  std::remove(local.c_str());
  std::remove((local + "-wal").c_str());
  auto db = store::Database::open(local);
  store::migrate(db);
  auto central = sync::connectCentral(url);
  const auto start = Clock::now();
  const auto rows = sync::pullReferenceData(db, *central);
  const double pullSeconds = seconds(start, Clock::now());
  std::printf(
      "pull of %lld customers and their addresses (%lld rows) into an empty local store: %.1f s = %.0f rows/s\n",
      static_cast<long long>(customers), static_cast<long long>(rows), pullSeconds,
      static_cast<double>(rows) / pullSeconds);
  std::remove(local.c_str());
  return 0;
}
