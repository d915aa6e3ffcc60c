// Recording retention (recordings.retention_days): the calls' recordings older than the
// cutoff are deleted from recordings.path. Internal to the desk, which runs the sweep once
// a day and records, on each call whose recording went, a recording_deleted event.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace frontline::desk {

struct SweptRecording {
  std::string interactionId;  // empty: a file no recorded event of this console names
  std::string path;
  std::int64_t bytes = 0;
  bool missing = false;  // the event named it but the file was already gone
};

struct RetentionSweep {
  std::vector<SweptRecording> swept;
  std::int64_t bytes = 0;           // freed
  std::vector<std::string> errors;  // "cannot delete PATH: reason"
};

// Deletes what is older than `cutoffUs` under `root`: first the files this console's
// `recorded` events (origin `origin`) name, each once (a call with a recording_deleted
// event is done), then any other *.opus file whose modification time is older (a recording
// whose event was never written). Never touches a path outside `root`.
RetentionSweep sweepRecordings(store::Database& db, const std::string& origin, const std::string& root,
                               std::int64_t cutoffUs);

}  // namespace frontline::desk
