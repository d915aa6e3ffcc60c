// Recording retention; see recording_retention.h.
#include "recording_retention.h"

#include <sys/stat.h>

#include <filesystem>
#include <set>
#include <system_error>

namespace frontline::desk {

namespace fs = std::filesystem;

namespace {

// `path` made absolute and normal, and whether it lies under `root` (already normal).
bool under(const fs::path& root, const fs::path& path) {
  const auto rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
}

fs::path normal(const std::string& p) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(p, ec);
  return (ec ? fs::path(p) : absolute).lexically_normal();
}

std::int64_t modifiedUs(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000 + st.st_mtim.tv_nsec / 1000;
}

// Deletes one file; false with the reason in `errors` when it could not be.
bool remove(const fs::path& p, SweptRecording& s, RetentionSweep& out) {
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) {
    s.missing = true;
    return true;
  }
  if (!fs::remove(p, ec) || ec) {
    out.errors.push_back("cannot delete " + p.string() + ": " + (ec ? ec.message() : "it is not there"));
    return false;
  }
  s.bytes = static_cast<std::int64_t>(size);
  out.bytes += s.bytes;
  return true;
}

}  // namespace

RetentionSweep sweepRecordings(store::Database& db, const std::string& origin, const std::string& root,
                               std::int64_t cutoffUs) {
  RetentionSweep out;
  if (root.empty()) return out;
  const fs::path base = normal(root);
  std::set<fs::path> named;  // every path our events name, old or not: never an orphan
  {
    // Through interaction_events_recordings (schema 12): only the recorded events.
    auto& s = db.cached(
        "SELECT e.interaction_id, json_extract(e.payload_json, '$.path'), e.ts_us < ? AND NOT EXISTS (SELECT 1 FROM "
        "interaction_events d WHERE d.interaction_id = e.interaction_id AND d.kind = 'recording_deleted') "
        "FROM interaction_events e WHERE e.kind = 'recorded' AND e.origin = ?");
    s.bind(1, cutoffUs).bind(2, origin);
    std::vector<SweptRecording> due;
    while (s.step()) {
      const std::string path = s.text(1);
      if (path.empty()) continue;
      named.insert(normal(path));
      if (s.int64(2) != 0) due.push_back({s.text(0), path, 0, false});
    }
    s.reset();
    for (auto& r : due) {
      const fs::path p = normal(r.path);
      if (!under(base, p)) continue;  // not ours to delete (recordings.path moved, or another folder)
      if (remove(p, r, out)) out.swept.push_back(std::move(r));
    }
  }
  std::error_code ec;
  std::vector<fs::path> orphans;
  for (auto it = fs::recursive_directory_iterator(base, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path p = it->path().lexically_normal();
    if (it->is_regular_file(ec) && p.extension() == ".opus" && named.count(p) == 0 && modifiedUs(p) < cutoffUs) {
      orphans.push_back(p);
    }
  }
  for (const auto& p : orphans) {
    SweptRecording r{{}, p.string(), 0, false};
    if (remove(p, r, out) && !r.missing) out.swept.push_back(std::move(r));
  }
  // The day folders (YYYY-MM-DD) left empty go too.
  std::vector<fs::path> folders;
  for (auto it = fs::directory_iterator(base, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec)) folders.push_back(it->path());
  }
  for (const auto& f : folders) {
    if (fs::is_empty(f, ec) && !ec) fs::remove(f, ec);
  }
  return out;
}

}  // namespace frontline::desk
