// RAII over one SQLite connection: WAL, busy timeout, foreign keys, statements
// prepared once and cached, bound parameters only.
//
// Thread: a Database is used by one thread at a time (one connection per thread;
// the desk owns the only write connection). Nothing here is shared between threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace frontline::store {

// Every failure of the store surfaces as a StoreError naming the database and the cause.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bindNull(int index);
  // Binds text without copying it: `text` must stay as it is until the statement is reset,
  // bound again or destroyed (a bulk load's rows, bound from the batch that holds them).
  Statement& bindUncopied(int index, std::string_view text);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bindNull(index);
  }

  // Advances to the next row: true while a row is available, false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  // Ready for new bindings and another execution.
  void reset();

  bool isNull(int column) const;
  int columnCount() const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optionalInt64(int column) const;

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

enum class Durability {
  Normal,  // synchronous=NORMAL: WAL commits survive a process crash, maybe not power loss
  Full,    // synchronous=FULL: every commit is fsynced before it returns
  Off,     // synchronous=OFF: bulk loads into a fresh file only
};

struct OpenOptions {
  bool readOnly = false;
  bool create = true;
  Durability durability = Durability::Full;
  int busyTimeoutMs = 5000;
};

class Database {
 public:
  // Opens (and, unless readOnly or !create, creates) the database at `path`.
  // ":memory:" gives a private in-memory database. Throws StoreError.
  static Database open(const std::string& path, const OpenOptions& options = {});

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // Runs one or more statements without results (schema, pragmas).
  void exec(std::string_view sql);
  // The statement for `sql`, prepared on first use and reset on every later call.
  Statement& cached(std::string_view sql);
  // One integer from a single-row query (pragmas, counts).
  std::int64_t queryInt(std::string_view sql);
  std::string queryText(std::string_view sql);  // the first column of the first row

  std::int64_t lastInsertRowId() const;
  bool inTransaction() const;
  int changes() const;
  const std::string& path() const { return m_path; }
  sqlite3* handle() { return m_db; }

 private:
  Database(sqlite3* db, std::string path);
  sqlite3* m_db = nullptr;
  std::string m_path;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> m_cache;
};

// BEGIN ... COMMIT with rollback on scope exit unless committed. The destructor never
// throws; a failed commit throws from commit() and leaves the transaction rolled back.
class Transaction {
 public:
  enum class Mode { Deferred, Immediate };
  explicit Transaction(Database& db, Mode mode = Mode::Immediate);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  bool m_open = true;
};

}  // namespace frontline::store
