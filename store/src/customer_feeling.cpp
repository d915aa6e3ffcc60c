// A customer's feeling from their scored contacts; see customer_feeling.h.
#include "store/customer_feeling.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/projections.h"

namespace frontline::store {

emotion::CustomerFeeling customerFeeling(Database& db, std::int64_t customerId, std::int64_t nowUs,
                                         std::int64_t cutoffUs) {
  // The condition of interactions_feeling_by_customer (schema 15).
  Statement& s = db.cached(
      "SELECT id, offered_us, emotion_index, last_event_us FROM interactions "
      "WHERE customer_id = ?1 AND offered_us <= ?2 AND offered_us > ?3 AND emotion_index IS NOT NULL "
      "ORDER BY offered_us DESC LIMIT ?4");
  s.bind(1, customerId).bind(2, cutoffUs).bind(3, nowUs - kFeelingYearsUs).bind(4, kFeelingContacts);
  std::vector<emotion::ScoredContact> contacts;
  std::vector<std::pair<std::string, std::int64_t>> changedLater;
  while (s.step()) {
    if (s.int64(3) > cutoffUs) {
      changedLater.emplace_back(s.text(0), s.int64(1));
    } else {
      contacts.push_back({s.int64(1), static_cast<int>(s.int64(2))});
    }
  }
  for (const auto& [id, offeredUs] : changedLater) {
    const InteractionRow row = interactionAsOf(db, id, cutoffUs);
    if (row.customerId == customerId && row.emotionIndex)
      contacts.push_back({offeredUs, static_cast<int>(*row.emotionIndex)});
  }
  return emotion::customerFeeling(contacts, nowUs);
}

FeelingMap customerFeelings(Database& db, std::int64_t nowUs) {
  // The condition of interactions_feeling_by_customer (schema 15).
  Statement& s = db.cached(
      "SELECT customer_id, offered_us, emotion_index FROM interactions "
      "WHERE customer_id IS NOT NULL AND offered_us > ? AND emotion_index IS NOT NULL ORDER BY customer_id");
  s.bind(1, nowUs - kFeelingYearsUs);
  FeelingMap out;
  std::vector<emotion::ScoredContact> contacts;
  std::optional<std::int64_t> customer;
  auto flush = [&] {
    if (customer && !contacts.empty()) out.emplace(*customer, emotion::customerFeeling(contacts, nowUs));
    contacts.clear();
  };
  while (s.step()) {
    if (customer != s.int64(0)) {
      flush();
      customer = s.int64(0);
    }
    contacts.push_back({s.int64(1), static_cast<int>(s.int64(2))});
  }
  flush();
  s.reset();
  return out;
}

}  // namespace frontline::store
