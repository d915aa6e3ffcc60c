// What the trainer's workspace renders: an immutable picture published by the trainer
// worker (trainer_worker.h), like the desk's DeskSnapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "replay/evaluation.h"
#include "replay/recording_lane.h"
#include "replay/replay_case.h"
#include "replay/replay_timeline.h"
#include "store/interaction_search.h"

namespace frontline::replay {

// A trainer's remark pinned to a moment of a contact (the annotated event).
struct Annotation {
  std::string by;      // the trainer's console id
  std::string byName;  // as they signed it
  std::int64_t writtenUs = 0;
  std::int64_t atUs = 0;  // the moment of the contact it points at
  std::string category;   // good_practice, coaching_point, compliance
  std::string text;
};

inline const char* const kAnnotationCategories[] = {"good_practice", "coaching_point", "compliance"};
std::string categoryLabel(const std::string& category);  // "good practice", ...

struct SearchRequest {
  store::InteractionFilter filter;
  std::string customerText;  // a name, phone or email; resolved to customers by the worker
  store::InteractionSort sort = store::InteractionSort::NewestFirst;
  int page = 0;
};

struct TrainerSnapshot {
  std::uint64_t version = 0;
  std::string trainerId;
  // The search: what was asked, the page found, how long it took.
  SearchRequest search;
  store::InteractionPage page;
  std::string searchError;
  double searchMs = 0;
  bool searched = false;
  // The contact open in the replay (null: none yet).
  std::shared_ptr<const ReplayTimeline> timeline;
  std::shared_ptr<const RecordingLane> recording;  // the call's audio levels (or why there are none)
  std::string openError;
  bool unmasked = false;                // shown unmasked (recorded as an unmasked event)
  std::vector<Annotation> annotations;  // on the open contact, by time
  std::vector<Evaluation> evaluations;  // of the open contact, oldest first
  bool mayUnmask = false;
  std::vector<Form> forms;  // the forms this console can score with
  std::vector<std::string> formErrors;
  std::vector<std::string> agents, queues;  // for the search's choices
  std::vector<desk::Code> dispositions;     // code and label
};

using TrainerSnapshotPtr = std::shared_ptr<const TrainerSnapshot>;

}  // namespace frontline::replay
