// sync_bench: prints the central sync's figures against a PostgreSQL server (not a test).
//   1. push throughput (events/s) of a 100,000-event backlog, median of 3 runs on a fresh
//      central schema each, beside a ceiling measured in the same run: the same rows
//      loaded with plain COPY into a bare table (goal: push >= 0.5 x COPY)
//   2. catch-up time for one busy hour of one console (a contact a minute: 60 calls of
//      4 events and the agent's 120 state changes), median of 3
//   3. pull time for 1,000,000 customers with an address each into an empty local store
// Usage: sync_bench --pg-url postgresql://user@127.0.0.1:PORT/db [--events N] [--customers N] [--batch N]
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
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

// The ceiling: the same event rows with COPY into a bare table, no revision logic, no
// projections.
double copyBaseline(const std::string& url, const std::string& localPath) {
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
  PQclear(PQexec(conn,
                 "CREATE TABLE copy_baseline (revision BIGINT, origin TEXT, seq BIGINT, interaction_id TEXT, "
                 "complaint_id TEXT, ts_us BIGINT, kind TEXT, agent_id TEXT, payload_json TEXT)"));
  const auto start = Clock::now();
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQexec(conn, "COPY copy_baseline FROM STDIN"));
  PQputCopyData(conn, data.data(), static_cast<int>(data.size()));
  PQputCopyEnd(conn, nullptr);
  PQclear(PQgetResult(conn));
  PQclear(PQexec(conn, "COMMIT"));
  const double elapsed = seconds(start, Clock::now());
  PQclear(PQexec(conn, "DROP TABLE copy_baseline"));
  PQfinish(conn);
  return elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  std::int64_t events = 100'000;
  std::int64_t customers = 1'000'000;
  int batch = 5000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--pg-url")) url = argv[i + 1];
    if (!std::strcmp(argv[i], "--events")) events = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--customers")) customers = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--batch")) batch = std::atoi(argv[i + 1]);
  }
  if (url.empty()) {
    std::fprintf(stderr, "usage: sync_bench --pg-url postgresql://... [--events N] [--customers N]\n");
    return 2;
  }
  const std::string local = "/tmp/frontline-sync-bench.db";

  // 1. Push vs COPY.
  std::vector<double> push, copy;
  for (int round = 0; round < 3; ++round) {
    freshCentral(url);
    localStore(local, events / 4, 0);
    auto db = store::Database::open(local);
    auto central = sync::connectCentral(url);
    sync::SyncOptions options;
    options.batchSize = batch;
    sync::SyncEngine engine(db, *central, "bench", options);
    const auto start = Clock::now();
    while (engine.pushBatch() > 0) {
    }
    push.push_back(seconds(start, Clock::now()));
    copy.push_back(copyBaseline(url, local));
  }
  const double pushRate = static_cast<double>(events) / median(push);
  const double copyRate = static_cast<double>(events) / median(copy);
  std::printf("push of a %lld-event backlog: median %.2f s = %.0f events/s (batches of %d, projections recomputed)\n",
              static_cast<long long>(events), median(push), pushRate, batch);
  std::printf("ceiling, plain COPY of the same rows: median %.2f s = %.0f events/s; push / COPY = %.2f\n", median(copy),
              copyRate, pushRate / copyRate);

  // 2. One busy hour.
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

  // 3. Pull of 1,000,000 customers.
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
