// store_bench: prints the local store's figures (not a test; nothing here asserts time).
//   1. demo-data rate (customers/s) building an N-customer store (default 1,000,000)
//   2. CustomerView latency p50/p99 over random lookups, per round and the median of
//      rounds, beside a baseline: the bare indexed address lookup it starts with
//   3. durable event appends/s with synchronous=FULL, one per transaction and batched,
//      beside a baseline: plain INSERTs of the same rows without projection updates
// Usage: store_bench [--customers N] [--dir DIR] [--lookups N] [--rounds N] [--fresh]
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/customer_search.h"
#include "store/customer_view.h"
#include "store/demo_store.h"
#include "store/event_log.h"
#include "store/migrations.h"

using namespace frontline::store;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  std::int64_t customers = 1'000'000;
  std::string dir = ".";
  int lookups = 10'000;
  int rounds = 5;
  bool fresh = false;
};

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

double median(std::vector<double> v) {
  return percentile(std::move(v), 0.5);
}

constexpr std::int64_t kAsOf = 1'780'272'000'000'000LL;  // 2026-06-01, fixed for repeatable stores

std::string buildStore(const Args& a) {
  const std::string path = a.dir + "/bench-" + std::to_string(a.customers) + ".db";
  if (std::filesystem::exists(path) && !a.fresh) {
    std::printf("demo data: reusing %s (pass --fresh to rebuild and measure the rate)\n", path.c_str());
    return path;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  const auto start = Clock::now();
  {
    DemoDataOptions o;
    o.customers = a.customers;
    o.seed = 1;
    o.asOfUs = kAsOf;
    // The build `frontline demo-data` runs (bulk-load order), into the path itself.
    const auto build = buildDemoStore(path, o);
    const auto& report = build.report;
    const double s = seconds(start, Clock::now());
    std::printf(
        "demo data: %lld customers, %lld orders, %lld events in %.1f s = %.0f customers/s (rows %.1f s, indexes "
        "%.1f s, statistics %.1f s; file %.0f MiB)\n",
        static_cast<long long>(report.customers), static_cast<long long>(report.orders),
        static_cast<long long>(report.events), s, static_cast<double>(report.customers) / s, build.rowsSeconds,
        build.indexesSeconds, build.statisticsSeconds,
        static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0));
  }
  return path;
}

void benchCustomerView(const std::string& path, const Args& a) {
  auto db = Database::open(path, {.readOnly = true});
  const std::int64_t maxAddress = db.queryInt("SELECT MAX(id) FROM customer_addresses");
  std::mt19937_64 rng(12345);
  // Sample addresses up front, written as a caller's number or a sender's address would be.
  std::vector<std::string> raw;
  raw.reserve(static_cast<std::size_t>(a.lookups));
  Statement& pick = db.cached("SELECT value FROM customer_addresses WHERE id = ?");
  while (raw.size() < static_cast<std::size_t>(a.lookups)) {
    pick.bind(1, static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(maxAddress)) + 1);
    if (pick.step()) raw.push_back(pick.text(0));
    pick.reset();
  }
  std::vector<double> viewP50, viewP99, baseP50, baseP99;
  std::size_t found = 0;
  for (int round = 0; round < a.rounds; ++round) {
    std::vector<double> view, base;
    view.reserve(raw.size());
    base.reserve(raw.size());
    found = 0;
    for (const auto& text : raw) {
      auto t0 = Clock::now();
      Statement& s = db.cached("SELECT MIN(customer_id) FROM customer_addresses WHERE value = ?");
      s.bind(1, text);
      s.step();
      s.reset();
      auto t1 = Clock::now();
      auto address = normaliseAddress(text, "GB");
      auto v = address ? loadCustomerView(db, *address, kAsOf) : std::nullopt;
      auto t2 = Clock::now();
      found += v ? 1 : 0;
      base.push_back(seconds(t0, t1) * 1e3);
      view.push_back(seconds(t1, t2) * 1e3);
    }
    viewP50.push_back(percentile(view, 0.5));
    viewP99.push_back(percentile(view, 0.99));
    baseP50.push_back(percentile(base, 0.5));
    baseP99.push_back(percentile(base, 0.99));
    std::printf("CustomerView round %d: %zu lookups (%zu found), p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", round + 1,
                raw.size(), found, viewP50.back(), viewP99.back(), percentile(view, 1.0));
  }
  std::printf("CustomerView (normalise + full view) median of %d rounds: p50 %.3f ms, p99 %.3f ms\n", a.rounds,
              median(viewP50), median(viewP99));
  std::printf("  baseline (bare address index lookup): p50 %.3f ms, p99 %.3f ms; view/baseline p50 ratio %.1f\n",
              median(baseP50), median(baseP99), median(viewP50) / median(baseP50));
}

// Customer search by a word of the name, as an agent types it for an unknown caller: a
// whole surname or given name, or its first four letters, each search returning at most
// 20 customers with a phone and an email. Baseline: the bare full-text MATCH.
void benchCustomerSearch(const std::string& path, const Args& a) {
  auto db = Database::open(path, {.readOnly = true});
  const std::int64_t maxId = db.queryInt("SELECT MAX(id) FROM customers");
  std::mt19937_64 rng(777);
  std::vector<std::string> words;
  Statement& pick = db.cached("SELECT sort_name FROM customers WHERE id = ?");
  while (words.size() < 2'000) {
    pick.bind(1, static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(maxId)) + 1);
    if (pick.step()) {
      const std::string name = pick.text(0);
      const auto space = name.find(' ');
      std::string word = rng() % 2 == 0 || space == std::string::npos ? name.substr(0, space) : name.substr(space + 1);
      if (rng() % 2 == 0 && word.size() > 4) word.resize(4);  // typed so far
      for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      words.push_back(word);
    }
    pick.reset();
  }
  std::vector<double> p50s, p99s, baseP50s, baseP99s;
  for (int round = 0; round < a.rounds; ++round) {
    std::vector<double> search, base;
    std::size_t results = 0;
    for (const auto& word : words) {
      auto t0 = Clock::now();
      Statement& m = db.cached("SELECT rowid FROM customer_names WHERE customer_names MATCH ? LIMIT 20");
      m.bind(1, "\"" + word + "\"*");
      while (m.step()) {
      }
      auto t1 = Clock::now();
      results += searchCustomers(db, word, "GB", 20).size();
      auto t2 = Clock::now();
      base.push_back(seconds(t0, t1) * 1e3);
      search.push_back(seconds(t1, t2) * 1e3);
    }
    p50s.push_back(percentile(search, 0.5));
    p99s.push_back(percentile(search, 0.99));
    baseP50s.push_back(percentile(base, 0.5));
    baseP99s.push_back(percentile(base, 0.99));
    std::printf("name search round %d: %zu searches (%zu customers listed), p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                round + 1, words.size(), results, p50s.back(), p99s.back(), percentile(search, 1.0));
  }
  std::printf(
      "customer search by a word of the name (20 results with phone and email) median of %d rounds: "
      "p50 %.3f ms, p99 %.3f ms\n",
      a.rounds, median(p50s), median(p99s));
  std::printf("  baseline (bare FTS5 MATCH, ids only): p50 %.3f ms, p99 %.3f ms; search/baseline p99 ratio %.1f\n",
              median(baseP50s), median(baseP99s), median(p99s) / median(baseP99s));
}

InteractionEvent lifecycleEvent(std::int64_t i) {
  static const char* const kOffered =
      R"({"channel":"voice","direction":"in","address":"+442079460958","display_name":"Bench","subject":""})";
  const std::int64_t call = i / 5;
  const EventKind kinds[5] = {EventKind::Offered, EventKind::Answered, EventKind::Note, EventKind::Ended,
                              EventKind::Wrapped};
  const EventKind kind = kinds[i % 5];
  return InteractionEvent{"",
                          0,
                          "bench-" + std::to_string(call),
                          kAsOf + i * 1000,
                          kind,
                          "agent-01",
                          kind == EventKind::Offered ? kOffered
                          : kind == EventKind::Note  ? R"({"text":"customer asked about delivery"})"
                                                     : "{}"};
}

void benchAppends(const Args& a) {
  const std::string path = a.dir + "/bench-appends.db";
  std::vector<double> single, batched, baseSingle, baseBatched;
  constexpr int kSingle = 2000;
  constexpr int kBatched = 100'000;
  constexpr int kBatch = 1000;
  for (int round = 0; round < a.rounds; ++round) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto db = Database::open(path, {.durability = Durability::Full});
    migrate(db);
    EventLog log(db, "bench");

    auto t0 = Clock::now();
    for (int i = 0; i < kSingle; ++i) log.append(lifecycleEvent(i));
    single.push_back(kSingle / seconds(t0, Clock::now()));

    t0 = Clock::now();
    for (int b = 0; b < kBatched / kBatch; ++b) {
      std::vector<InteractionEvent> batch;
      batch.reserve(kBatch);
      for (int i = 0; i < kBatch; ++i) batch.push_back(lifecycleEvent(kSingle + b * kBatch + i));
      log.append(std::move(batch));
    }
    batched.push_back(kBatched / seconds(t0, Clock::now()));

    // Baseline: the same number of rows, plain INSERT into a bare table, same durability.
    db.exec(
        "CREATE TABLE baseline (origin TEXT, seq INTEGER, interaction_id TEXT, ts_us INTEGER, kind TEXT, "
        "agent_id TEXT, payload_json TEXT, PRIMARY KEY (origin, seq)) WITHOUT ROWID");
    std::int64_t seq = 0;
    auto insert = [&](const InteractionEvent& e) {
      db.cached("INSERT INTO baseline VALUES (?,?,?,?,?,?,?)")
          .bind(1, "bench")
          .bind(2, ++seq)
          .bind(3, e.interactionId)
          .bind(4, e.tsUs)
          .bind(5, toString(e.kind))
          .bind(6, e.agentId)
          .bind(7, e.payloadJson)
          .run();
    };
    t0 = Clock::now();
    for (int i = 0; i < kSingle; ++i) {
      Transaction tx(db);
      insert(lifecycleEvent(i));
      tx.commit();
    }
    baseSingle.push_back(kSingle / seconds(t0, Clock::now()));
    t0 = Clock::now();
    for (int b = 0; b < kBatched / kBatch; ++b) {
      Transaction tx(db);
      for (int i = 0; i < kBatch; ++i) insert(lifecycleEvent(kSingle + b * kBatch + i));
      tx.commit();
    }
    baseBatched.push_back(kBatched / seconds(t0, Clock::now()));
    std::printf("appends round %d: single %.0f/s (baseline %.0f/s), batched x%d %.0f/s (baseline %.0f/s)\n", round + 1,
                single.back(), baseSingle.back(), kBatch, batched.back(), baseBatched.back());
  }
  std::printf("durable appends (synchronous=FULL, WAL) median of %d rounds:\n", a.rounds);
  std::printf("  one event per transaction: %.0f events/s (baseline plain INSERT %.0f/s, ratio %.2f)\n", median(single),
              median(baseSingle), median(single) / median(baseSingle));
  std::printf("  batches of %d:            %.0f events/s (baseline plain INSERT %.0f/s, ratio %.2f)\n", kBatch,
              median(batched), median(baseBatched), median(batched) / median(baseBatched));
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured, even into a file
  Args a;
  for (int i = 1; i < argc; ++i) {
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "store_bench: %s needs a value\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    if (!std::strcmp(argv[i], "--customers")) {
      a.customers = std::atoll(next());
    } else if (!std::strcmp(argv[i], "--dir")) {
      a.dir = next();
    } else if (!std::strcmp(argv[i], "--lookups")) {
      a.lookups = std::atoi(next());
    } else if (!std::strcmp(argv[i], "--rounds")) {
      a.rounds = std::max(1, std::atoi(next()));
    } else if (!std::strcmp(argv[i], "--fresh")) {
      a.fresh = true;
    } else {
      std::fprintf(stderr, "usage: store_bench [--customers N] [--dir DIR] [--lookups N] [--rounds N] [--fresh]\n");
      return 2;
    }
  }
  std::filesystem::create_directories(a.dir);
  try {
    const std::string path = buildStore(a);
    benchCustomerView(path, a);
    benchCustomerSearch(path, a);
    benchAppends(a);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
