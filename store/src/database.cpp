// SQLite connection, cached statements and transactions. See database.h.
#include "store/database.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <sqlite3.h>

#include <utility>

namespace frontline::store {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  std::string message(what);
  if (db) {
    message += ": ";
    message += sqlite3_errmsg(db);
    const char* file = sqlite3_db_filename(db, "main");
    if (file && *file) {
      message += " (database ";
      message += file;
      message += ")";
    }
  }
  throw StoreError(message);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) !=
      SQLITE_OK) {
    fail(db, "cannot prepare '" + std::string(sql.substr(0, 80)) + "'");
  }
}

Statement::~Statement() {
  sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) fail(m_db, "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) fail(m_db, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK) {
    fail(m_db, "bind");
  }
  return *this;
}

Statement& Statement::bindUncopied(int index, std::string_view text) {
  if (sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK) {
    fail(m_db, "bind");
  }
  return *this;
}

Statement& Statement::bindNull(int index) {
  if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) fail(m_db, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string sql = sqlite3_sql(m_stmt);
  sqlite3_reset(m_stmt);
  fail(m_db, "cannot run '" + sql.substr(0, 80) + "'");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const {
  return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}
double Statement::real(int column) const {
  return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(m_stmt, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(m_stmt, column)))
           : std::string();
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const {
  if (isNull(column)) return std::nullopt;
  return int64(column);
}

Database Database::open(const std::string& path, const OpenOptions& options) {
  int flags = SQLITE_OPEN_NOMUTEX;  // one connection per thread: no SQLite-level mutex needed
  // A new store holds customers' names, numbers and messages: readable by its owner only.
  // SQLite gives the WAL and journal files the mode of the database file.
  if (!options.readOnly && options.create && path != ":memory:" && path.rfind("file:", 0) != 0) {
    const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  flags |= options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (!options.readOnly && options.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database '" + path + "': " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    sqlite3_close(raw);
    throw StoreError(message);
  }
  Database db(raw, path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busyTimeoutMs);
  db.exec("PRAGMA foreign_keys = ON");
  if (!options.readOnly && path != ":memory:") {
    // Switching a new file to WAL takes an exclusive lock. Two connections opening one new
    // store at once (the desk and the sync thread at start) can meet here, and SQLite
    // answers SQLITE_BUSY without waiting (its deadlock rule for lock upgrades): try again
    // until the busy timeout, as a busy handler would.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busyTimeoutMs);
    for (;;) {
      const int walRc = sqlite3_exec(raw, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
      if (walRc == SQLITE_OK) break;
      const int primary = walRc & 0xff;
      if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || std::chrono::steady_clock::now() >= until) {
        db.exec("PRAGMA journal_mode = WAL");  // throws with SQLite's message
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  switch (options.durability) {
    case Durability::Full:
      db.exec("PRAGMA synchronous = FULL");
      break;
    case Durability::Normal:
      db.exec("PRAGMA synchronous = NORMAL");
      break;
    case Durability::Off:
      db.exec("PRAGMA synchronous = OFF");
      break;
  }
  return db;
}

Database::Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_cache(std::move(other.m_cache)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    m_cache.clear();
    sqlite3_close_v2(m_db);
    m_db = std::exchange(other.m_db, nullptr);
    m_path = std::move(other.m_path);
    m_cache = std::move(other.m_cache);
  }
  return *this;
}

Database::~Database() {
  m_cache.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(m_db);
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError("cannot run '" + text.substr(0, 80) + "': " + message + " (database " + m_path + ")");
  }
}

Statement& Database::cached(std::string_view sql) {
  auto it = m_cache.find(sql);
  if (it == m_cache.end()) {
    it = m_cache.emplace(std::string(sql), std::make_unique<Statement>(m_db, sql)).first;
  } else {
    it->second->reset();
  }
  return *it->second;
}

std::int64_t Database::queryInt(std::string_view sql) {
  Statement& s = cached(sql);
  if (!s.step()) throw StoreError("query returned no row: " + std::string(sql.substr(0, 80)));
  std::int64_t v = s.int64(0);
  s.reset();
  return v;
}

std::string Database::queryText(std::string_view sql) {
  Statement& s = cached(sql);
  if (!s.step()) throw StoreError("query returned no row: " + std::string(sql.substr(0, 80)));
  std::string v = s.text(0);
  s.reset();
  return v;
}

std::int64_t Database::lastInsertRowId() const {
  return sqlite3_last_insert_rowid(m_db);
}
bool Database::inTransaction() const {
  return sqlite3_get_autocommit(m_db) == 0;
}
int Database::changes() const {
  return sqlite3_changes(m_db);
}

Transaction::Transaction(Database& db, Mode mode) : m_db(db) {
  m_db.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (!m_open) return;
  // Never throws: a failed rollback leaves SQLite to roll back when the connection closes.
  sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  if (!m_open) throw StoreError("commit of a transaction that is already finished");
  m_open = false;
  char* error = nullptr;
  if (sqlite3_exec(m_db.handle(), "COMMIT", nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw StoreError("commit failed: " + message + " (database " + m_db.path() + ")");
  }
}

}  // namespace frontline::store
