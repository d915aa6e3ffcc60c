// Appends interaction events for one origin (this console) and updates the projections
// they change in the same transaction: after a commit the log and the projections agree.
//
// Thread: owned by the desk thread, the local store's writer. Each append reads the
// origin's last sequence number again inside its (immediate) write transaction, so a
// command-line tool may append for the same origin while the console runs (`frontline
// emotion rescore`): the numbers stay 1, 2, 3 ... without gaps or repeats.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/event.h"

namespace frontline::store {

class EventLog {
 public:
  // Reads the last sequence number recorded for `origin`.
  EventLog(Database& db, std::string origin);

  // Appends one event in its own transaction (durable when the connection is
  // Durability::Full) and returns it with its sequence number assigned.
  InteractionEvent append(InteractionEvent event);
  // Appends several events in one transaction: all or none. Inside a transaction the
  // caller opened (group commit), the events join it and the caller's commit decides.
  std::vector<InteractionEvent> append(std::vector<InteractionEvent> events);
  // Re-reads the last sequence number (after a caller's transaction was rolled back).
  void resync();

  const std::string& origin() const { return m_origin; }
  std::int64_t lastSeq() const { return m_lastSeq; }

 private:
  void appendInOpenTransaction(InteractionEvent& event);

  Database& m_db;
  std::string m_origin;
  std::int64_t m_lastSeq = 0;
};

// Inserts the event row as given (seq included), without touching projections.
// For bulk writers that fold in memory and save projections once (demo data).
void insertEventRow(Database& db, const InteractionEvent& event);
// The same for many events, in multi-row statements (grouped_insert.h), without copying
// their text.
void insertEventRows(Database& db, const std::vector<InteractionEvent>& events);

}  // namespace frontline::store
