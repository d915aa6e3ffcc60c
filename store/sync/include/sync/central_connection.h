// One connection to the central store, PostgreSQL (libpq) or an SQLite file, behind one
// small interface: the sync speaks one SQL dialect to both (BIGINT/TEXT tables, $1..$n
// parameters numbered in order of appearance, INSERT ... ON CONFLICT). Values travel as
// text; a null is an empty optional.
//
// Thread: a connection belongs to one thread at a time (the sync thread, or a CLI command).
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace frontline::sync {

class CentralError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Field = std::optional<std::string>;
using Row = std::vector<Field>;

class CentralConnection {
 public:
  virtual ~CentralConnection() = default;

  // Statements without parameters or results (schema), possibly several.
  virtual void exec(const std::string& sql) = 0;
  virtual std::vector<Row> query(const std::string& sql, const std::vector<Field>& params = {}) = 0;
  // Appends `rows` to `table` (values in the order of `columns`), inside the caller's
  // transaction: PostgreSQL's COPY FROM STDIN (text format, one round trip per megabyte);
  // elsewhere one prepared INSERT per row.
  virtual void copyRows(const std::string& table, const std::vector<const char*>& columns,
                        const std::vector<Row>& rows);
  // Pipelining: sends a COPY (as copyRows) or the COMMIT without waiting for the server's
  // answer, so the caller can prepare its next step while the server works. The answer is
  // read, and a failure thrown, by awaitSent() or by the next statement on this connection
  // (one command is in flight at most). On PostgreSQL; elsewhere each does it all at once.
  virtual void sendCopyRows(const std::string& table, const std::vector<const char*>& columns,
                            const std::vector<Row>& rows) {
    copyRows(table, columns, rows);
  }
  virtual void sendCommit() { commit(); }
  virtual void awaitSent() {}
  // A transaction in which this console alone assigns revisions (pushes are serialised).
  virtual void beginExclusive() = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // "postgresql://frontline@db.example.com/frontline" or "sqlite:///var/lib/central.db":
  // where this is, never the password.
  virtual std::string describe() const = 0;
  virtual bool isPostgres() const = 0;
  // Notifications (PostgreSQL LISTEN/NOTIFY): after listen(channel), waitForNotification
  // blocks up to `timeoutMs` and says whether one arrived. An SQLite file has none: its
  // readers poll.
  virtual void listen(const std::string& channel) { (void)channel; }
  virtual bool waitForNotification(int timeoutMs) {
    (void)timeoutMs;
    return false;
  }
};

// The channel a push notifies on PostgreSQL, in the push's own transaction (so it is
// delivered when the events are committed).
inline constexpr const char* kEventsChannel = "frontline_events";

// postgresql://… (or postgres://…) or sqlite://PATH. `password`, when not empty, is passed
// to libpq separately (never put in the URL or in a log line).
std::unique_ptr<CentralConnection> connectCentral(const std::string& url, const std::string& password = {});

// The URL with any password written into it replaced by ***, for messages and the status line.
std::string redactedUrl(const std::string& url);

// Text helpers for fields and parameters.
inline Field field(const std::string& s) {
  return s;
}
Field field(std::int64_t v);
Field field(const std::optional<std::int64_t>& v);
std::int64_t toInt(const Field& f);
std::optional<std::int64_t> toOptionalInt(const Field& f);

}  // namespace frontline::sync
