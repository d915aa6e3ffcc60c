// The trainer's benchmark (prints figures; not a test):
// 1. Search: pages of 50 past contacts on the 1,000,000-customer bench store, for a set of
//    trainers' filters (none, an agent, a queue-less channel, missed calls, a complaint
//    opened, an SLA missed, a disposition, dissatisfied customers, a customer by name, a
//    week, the longest handle in a week), pages 1-5 each, several rounds: p50 / p99 per
//    page, against the bare index walk (ids of a page, newest first) in the same run.
// 2. Seek: one contact of 5,000 events (notes typed in steps, holds, emails in and out, a
//    complaint); the desk at 2,000 random playheads (replay::ReplayTimeline::at: fold from
//    the nearest checkpoint, the email thread, the customer card): p50 / p99, against
//    folding every event from the start at each playhead.
//   replay_bench STORE [--rounds N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "replay/replay_case.h"
#include "replay/replay_timeline.h"
#include "store/customer_search.h"
#include "store/event_log.h"
#include "store/interaction_search.h"
#include "store/migrations.h"
#include "store/projections.h"

using namespace frontline;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(
      std::min<double>(static_cast<double>(v.size()) - 1, std::ceil(p / 100.0 * static_cast<double>(v.size())) - 1));
  return v[k];
}

void benchSearch(const std::string& path, int rounds) {
  store::OpenOptions options;
  auto writable = store::Database::open(path, options);
  const auto migrated = store::migrate(writable);  // the bench store may predate schema 8 (its indexes)
  (void)migrated;
  store::OpenOptions ro;
  ro.readOnly = true;
  ro.create = false;
  auto db = store::Database::open(path, ro);
  const std::int64_t newest = db.queryInt("SELECT MAX(offered_us) FROM interactions");
  const std::int64_t week = 7LL * 86'400'000'000;
  std::vector<std::pair<std::string, std::pair<store::InteractionFilter, store::InteractionSort>>> cases;
  auto add = [&](const char* name, store::InteractionFilter f,
                 store::InteractionSort s = store::InteractionSort::NewestFirst) {
    cases.push_back({name, {f, s}});
  };
  store::InteractionFilter f;
  add("everything, newest first", f);
  f = {};
  f.agentId = "agent-07";
  add("one agent", f);
  f = {};
  f.channel = "email";
  add("emails", f);
  f = {};
  f.outcome = "missed";
  add("missed calls", f);
  f = {};
  f.complaintOpened = true;
  add("a complaint opened", f);
  f = {};
  f.slaMissed = true;
  add("SLA missed", f);
  f = {};
  f.disposition = "sale";
  add("disposition sale", f);
  f = {};
  f.satisfaction = "dissatisfied";
  add("dissatisfied", f);
  f = {};
  for (const auto& m : store::searchCustomers(db, "Wang", "GB", 50)) f.customerIds.push_back(m.customerId);
  add("customers named Wang", f);
  f = {};
  f.fromUs = newest - week;
  add("the last week", f);
  add("the last week, longest handle first", f, store::InteractionSort::LongestHandle);
  f = {};
  f.minHandleUs = 10LL * 60'000'000;
  f.channel = "voice";
  add("calls handled 10 minutes or more", f);

  std::vector<double> all, baseline;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& [name, query] : cases) {
      std::vector<double> mine;
      for (int page = 0; page < 5; ++page) {
        const auto t0 = Clock::now();
        const auto result = store::searchInteractions(db, query.first, query.second, page);
        const auto t1 = Clock::now();
        mine.push_back(ms(t0, t1));
        if (round == rounds - 1 && page == 0) {
          std::printf("  %-40s page 1: %zu contacts%s, %.2f ms\n", name.c_str(), result.hits.size(),
                      result.more ? " (more)" : "", ms(t0, t1));
        }
      }
      all.insert(all.end(), mine.begin(), mine.end());
    }
    for (int page = 0; page < 5; ++page) {
      store::Statement& s = db.cached("SELECT id FROM interactions ORDER BY offered_us DESC LIMIT 51 OFFSET ?");
      const auto t0 = Clock::now();
      s.bind(1, static_cast<std::int64_t>(page) * 50);
      while (s.step()) {
      }
      baseline.push_back(ms(t0, Clock::now()));
    }
  }
  const std::int64_t contacts = db.queryInt("SELECT COUNT(*) FROM interactions");
  std::printf("search, %lld contacts, %zu filters x 5 pages x %d rounds: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              static_cast<long long>(contacts), cases.size(), rounds, percentile(all, 50), percentile(all, 99),
              percentile(all, 100));
  std::printf("  baseline (bare index walk, ids of a page newest first): p50 %.3f ms, p99 %.3f ms; p50 ratio %.1f\n",
              percentile(baseline, 50), percentile(baseline, 99), percentile(all, 50) / percentile(baseline, 50));
}

void benchSeek(int rounds) {
  auto db = store::Database::open(":memory:");
  store::migrate(db);
  db.exec("INSERT INTO exchange_rates VALUES ('EUR', 1.0)");
  db.exec(
      "INSERT INTO customers (id, display_name, sort_name, country, language, customer_since_us) "
      "VALUES (1, 'Bench Customer', 'Bench Customer', 'GB', 'en-GB', 0)");
  const std::int64_t t0 = 1'780'272'000'000'000LL;
  for (int i = 0; i < 200; ++i) {
    db.cached(
          "INSERT INTO orders (customer_id, number, ordered_us, status, items_json, total_minor, currency) "
          "VALUES (1, ?, ?, 'delivered', '[]', 1000, 'EUR')")
        .bind(1, "B-" + std::to_string(i))
        .bind(2, static_cast<std::int64_t>(t0 - (200 - i) * 86'400'000'000LL))
        .run();
  }
  store::EventLog log(db, "bench");
  std::vector<store::InteractionEvent> events;
  auto add = [&](std::int64_t at, store::EventKind k, nlohmann::json p) {
    events.push_back({"", 0, "long", at, k, "agent-01", p.dump()});
  };
  add(t0, store::EventKind::Offered,
      {{"channel", "email"}, {"direction", "in"}, {"address", "a@b.example"}, {"customer_id", 1}});
  add(t0 + 1'000'000, store::EventKind::Answered, nlohmann::json::object());
  std::string note;
  for (int i = 2; static_cast<int>(events.size()) < 4998; ++i) {
    const std::int64_t at = t0 + i * 1'000'000LL;
    switch (i % 10) {
      case 0:
        add(at, store::EventKind::EmailReceived,
            {{"message_id", "m" + std::to_string(i)}, {"from", "a@b.example"}, {"body", std::string(400, 'x')}});
        break;
      case 5:
        add(at, store::EventKind::EmailSent,
            {{"message_id", "r" + std::to_string(i)}, {"from", "s@frontline.local"}, {"body", std::string(300, 'y')}});
        break;
      case 7:
        add(at, store::EventKind::Held, nlohmann::json::object());
        add(at + 500'000, store::EventKind::Resumed, nlohmann::json::object());
        break;
      default:
        note += "word ";
        if (note.size() > 2000) note.clear();
        add(at, store::EventKind::Note, {{"text", note}});
    }
  }
  add(t0 + 6'000'000'000LL, store::EventKind::Ended, nlohmann::json::object());
  add(t0 + 6'010'000'000LL, store::EventKind::Wrapped, nlohmann::json::object());
  log.append(events);
  const auto c = std::make_shared<const replay::ReplayCase>(replay::loadReplayCase(db, "long", {}, true));
  const replay::ReplayTimeline timeline(c);
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> pick(c->startUs, c->endUs);
  std::vector<double> seek, scratch;
  std::size_t sink = 0;
  for (int round = 0; round < rounds; ++round) {
    for (int i = 0; i < 400; ++i) {
      const std::int64_t t = pick(rng);
      auto a = Clock::now();
      const auto frame = timeline.at(t);
      auto b = Clock::now();
      seek.push_back(ms(a, b));
      sink += frame.eventsApplied;
      // Baseline: every event folded from the start up to t (no checkpoints).
      a = Clock::now();
      store::InteractionRow row;
      for (const auto& e : c->events) {
        if (e.tsUs > t) break;
        if (store::projectionTargetOf(e.kind) == store::ProjectionTarget::Interaction)
          store::applyToInteraction(row, e);
      }
      b = Clock::now();
      scratch.push_back(ms(a, b));
      sink += row.note.size();
    }
  }
  std::printf("seek in a contact of %zu events (%zu emails, a 200-order card): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
              c->events.size(),
              static_cast<std::size_t>(std::count_if(c->events.begin(), c->events.end(),
                                                     [](const auto& e) {
                                                       return e.kind == store::EventKind::EmailReceived ||
                                                              e.kind == store::EventKind::EmailSent;
                                                     })),
              percentile(seek, 50), percentile(seek, 99), percentile(seek, 100));
  std::printf(
      "  baseline (fold every event from the start, no checkpoints, no card): p50 %.3f ms, p99 %.3f ms; "
      "p99 ratio %.2f  (%zu)\n",
      percentile(scratch, 50), percentile(scratch, 99), percentile(seek, 99) / percentile(scratch, 99), sink % 10);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: replay_bench STORE [--rounds N]\n");
    return 2;
  }
  int rounds = 5;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--rounds") rounds = std::stoi(argv[i + 1]);
  }
  benchSeek(rounds);
  benchSearch(argv[1], rounds);
  return 0;
}
