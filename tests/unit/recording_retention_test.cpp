// recordings.retention_days: the desk's daily sweep deletes the recordings older than the
// retention (those its recorded events name, and stray .opus files by their age), tells
// each call with a recording_deleted event, keeps everything newer or outside
// recordings.path, and does each call once.
#include <catch2/catch.hpp>

#include <sys/time.h>

#include <filesystem>
#include <fstream>

#include "desk_rig.h"
#include "store/event_log.h"

using namespace frontline;
using namespace frontline::test;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kDayUs = 86'400'000'000LL;

void writeFile(const fs::path& p, std::size_t bytes, std::int64_t modifiedUs = 0) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << std::string(bytes, 'x');
  if (modifiedUs) {
    const timeval t[2] = {{modifiedUs / 1'000'000, 0}, {modifiedUs / 1'000'000, 0}};
    REQUIRE(::utimes(p.c_str(), t) == 0);
  }
}

}  // namespace

TEST_CASE("recordings past recordings.retention_days go once a day, each call told once", "[desk][recording]") {
  TempDir files;
  const fs::path root = files.file("recordings");
  const fs::path oldRecording = root / "2026-04-01" / "101010-1.opus";
  const fs::path newRecording = root / "2026-05-31" / "101010-2.opus";
  const fs::path strayOld = root / "2026-04-02" / "090000-3.opus";
  const fs::path strayNew = root / "2026-05-31" / "090000-4.opus";
  const fs::path outside = files.file("elsewhere.opus");
  const std::int64_t now = kTestNowUs;
  writeFile(oldRecording, 1000);
  writeFile(newRecording, 2000);
  writeFile(strayOld, 300, now - 40 * kDayUs);
  writeFile(strayNew, 400, now - 1 * kDayUs);
  writeFile(outside, 500);
  std::vector<std::string> calls;
  DeskRig rig([&](desk::DeskOptions& o) {
    o.recordingsPath = root.string();
    o.recordingRetentionDays = 30;
    auto db = store::Database::open(o.storePath);
    auto& s = db.cached("SELECT id FROM interactions WHERE channel = 'voice' ORDER BY id LIMIT 4");
    while (s.step()) calls.push_back(s.text(0));
    s.reset();
    REQUIRE(calls.size() == 4);
    store::EventLog log(db, o.origin);
    auto recorded = [&](const std::string& call, std::int64_t at, const fs::path& path) {
      const std::string payload = R"({"path":")" + path.string() + R"(","format":"ogg/opus"})";
      log.append(store::InteractionEvent{"", 0, call, at, store::EventKind::Recorded, o.origin, payload});
    };
    recorded(calls[0], now - 40 * kDayUs, oldRecording);
    recorded(calls[1], now - 1 * kDayUs, newRecording);
    recorded(calls[2], now - 45 * kDayUs, root / "2026-03-27" / "gone.opus");  // deleted by hand already
    recorded(calls[3], now - 50 * kDayUs, outside);                            // not under recordings.path
  });

  rig.run(desk::CheckTimers{});  // the store just opened: the first sweep is a minute away
  CHECK(fs::exists(oldRecording));
  rig.nowUs += 61'000'000;
  auto s = rig.run(desk::CheckTimers{});
  CHECK_FALSE(fs::exists(oldRecording));
  CHECK_FALSE(fs::exists(strayOld));
  CHECK_FALSE(fs::exists(root / "2026-04-01"));  // its day folder, left empty
  CHECK(fs::exists(newRecording));
  CHECK(fs::exists(strayNew));
  CHECK(fs::exists(outside));
  CHECK_THAT(s->recordingSweep, Catch::Contains("kept 30 days") && Catch::Contains("2 files deleted"));
  CHECK(s->lastError.empty());

  const auto deleted = [&rig] {
    auto db = store::Database::open(rig.path);
    return db.queryText(
        "SELECT group_concat(interaction_id || ' ' || json_extract(payload_json, '$.bytes') || ' ' || "
        "COALESCE(json_extract(payload_json, '$.missing'), 0), ', ') FROM (SELECT * FROM interaction_events WHERE "
        "kind = 'recording_deleted' ORDER BY seq)");
  };
  const std::string expected = calls[0] + " 1000 0, " + calls[2] + " 0 1";
  CHECK(deleted() == expected);

  // Later that day: nothing is due. A day later: nothing new to delete, no event again.
  rig.nowUs += 3600'000'000LL;
  rig.run(desk::CheckTimers{});
  rig.nowUs += kDayUs;
  s = rig.run(desk::CheckTimers{});
  CHECK_THAT(s->recordingSweep, Catch::Contains("0 files deleted"));
  CHECK(deleted() == expected);
  CHECK(fs::exists(newRecording));
}
