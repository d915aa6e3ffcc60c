// The two central backends; see central_connection.h.
#include "sync/central_connection.h"

#include <poll.h>

#include <cerrno>
#include <cstring>

#include <libpq-fe.h>

#include <cstdlib>
#include <map>

#include "store/database.h"

namespace frontline::sync {

std::string redactedUrl(const std::string& url) {
  std::string shown = url;
  const auto scheme = shown.find("://");
  const auto at = shown.find('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
    const auto colon = shown.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) shown.replace(colon, at - colon, ":***");
  }
  return shown;
}

Field field(std::int64_t v) {
  return std::to_string(v);
}
Field field(const std::optional<std::int64_t>& v) {
  return v ? field(*v) : std::nullopt;
}
std::int64_t toInt(const Field& f) {
  return f ? std::strtoll(f->c_str(), nullptr, 10) : 0;
}
std::optional<std::int64_t> toOptionalInt(const Field& f) {
  if (!f) return std::nullopt;
  return toInt(f);
}

namespace {

// --- SQLite: the embedded default ---------------------------------------------------------

class SqliteCentral : public CentralConnection {
 public:
  explicit SqliteCentral(const std::string& path) : m_path(path), m_db(store::Database::open(path)) {}

  void exec(const std::string& sql) override { m_db.exec(sql); }

  std::vector<Row> query(const std::string& sql, const std::vector<Field>& params) override {
    store::Statement& s = m_db.cached(sql);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i]) {
        s.bind(static_cast<int>(i + 1), *params[i]);
      } else {
        s.bindNull(static_cast<int>(i + 1));
      }
    }
    std::vector<Row> rows;
    while (s.step()) {
      Row row;
      for (int c = 0; c < s.columnCount(); ++c) {
        if (s.isNull(c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(s.text(c));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void beginExclusive() override { m_db.exec("BEGIN IMMEDIATE"); }
  void begin() override { m_db.exec("BEGIN"); }
  void commit() override { m_db.exec("COMMIT"); }
  void rollback() override {
    if (m_db.inTransaction()) m_db.exec("ROLLBACK");
  }
  std::string describe() const override { return "sqlite://" + m_path; }
  bool isPostgres() const override { return false; }

 private:
  std::string m_path;
  store::Database m_db;
};

// --- PostgreSQL through libpq --------------------------------------------------------------

class PgCentral : public CentralConnection {
 public:
  PgCentral(const std::string& url, const std::string& password) : m_url(url) {
    const char* keys[] = {"dbname", "password", "application_name", nullptr};
    const char* values[] = {url.c_str(), password.empty() ? nullptr : password.c_str(), "frontline", nullptr};
    // expand_dbname = 1: the URL's parts fill the other keys.
    m_conn = PQconnectdbParams(keys, values, 1);
    if (PQstatus(m_conn) != CONNECTION_OK) {
      const std::string error = PQerrorMessage(m_conn);
      PQfinish(m_conn);
      m_conn = nullptr;
      throw CentralError("cannot connect to " + describe() + ": " + trimmed(error));
    }
    exec("SET client_min_messages = warning");
  }
  ~PgCentral() override {
    if (m_conn) PQfinish(m_conn);
  }
  PgCentral(const PgCentral&) = delete;
  PgCentral& operator=(const PgCentral&) = delete;

  void exec(const std::string& sql) override {
    PGresult* r = PQexec(m_conn, sql.c_str());
    check(r, sql);
    PQclear(r);
  }

  void listen(const std::string& channel) override {
    char* quoted = PQescapeIdentifier(m_conn, channel.c_str(), channel.size());
    const std::string sql = "LISTEN " + std::string(quoted ? quoted : channel.c_str());
    PQfreemem(quoted);
    exec(sql);
  }

  bool waitForNotification(int timeoutMs) override {
    auto drain = [this] {
      bool any = false;
      while (PGnotify* n = PQnotifies(m_conn)) {
        any = true;
        PQfreemem(n);
      }
      return any;
    };
    if (drain()) return true;
    pollfd p{PQsocket(m_conn), POLLIN, 0};
    if (p.fd < 0) throw CentralError("the connection to " + describe() + " is closed");
    const int ready = ::poll(&p, 1, timeoutMs);
    if (ready < 0 && errno != EINTR) throw CentralError(std::string("poll: ") + std::strerror(errno));
    if (ready > 0 && PQconsumeInput(m_conn) == 0) {
      throw CentralError("lost the connection to " + describe() + ": " + trimmed(PQerrorMessage(m_conn)));
    }
    return drain();
  }

  std::vector<Row> query(const std::string& sql, const std::vector<Field>& params) override {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    // Each distinct statement is prepared once per connection: the push repeats the same
    // few shapes thousands of times.
    auto prepared = m_prepared.find(sql);
    if (prepared == m_prepared.end()) {
      const std::string name = "s" + std::to_string(m_prepared.size());
      PGresult* p = PQprepare(m_conn, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr);
      check(p, sql);
      PQclear(p);
      prepared = m_prepared.emplace(sql, name).first;
    }
    PGresult* r = PQexecPrepared(m_conn, prepared->second.c_str(), static_cast<int>(params.size()), values.data(),
                                 nullptr, nullptr, 0);
    check(r, sql);
    std::vector<Row> rows;
    const int n = PQntuples(r);
    const int columns = PQnfields(r);
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      Row row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(r, i, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(r, i, c), static_cast<std::size_t>(PQgetlength(r, i, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    PQclear(r);
    return rows;
  }

  // Pushes take a transaction-scoped advisory lock: revisions are handed out in commit order.
  void beginExclusive() override {
    exec("BEGIN");
    exec("SELECT pg_advisory_xact_lock(7468)");
  }
  void begin() override { exec("BEGIN"); }
  void commit() override { exec("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(m_conn) != PQTRANS_IDLE) exec("ROLLBACK");
  }

  bool isPostgres() const override { return true; }
  std::string describe() const override { return redactedUrl(m_url); }

 private:
  static std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  }
  void check(PGresult* r, const std::string& sql) {
    const auto status = PQresultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string error = trimmed(PQresultErrorMessage(r));
    PQclear(r);
    throw CentralError("central store " + describe() + ": " + error + (state ? std::string(" [") + state + "]" : "") +
                       " in: " + sql.substr(0, 120));
  }

  std::string m_url;
  PGconn* m_conn = nullptr;
  std::map<std::string, std::string> m_prepared;  // SQL text -> prepared statement name
};

}  // namespace

std::unique_ptr<CentralConnection> connectCentral(const std::string& url, const std::string& password) {
  constexpr std::string_view kSqlite = "sqlite://";
  if (url.rfind(kSqlite, 0) == 0) {
    try {
      return std::make_unique<SqliteCentral>(url.substr(kSqlite.size()));
    } catch (const store::StoreError& e) {
      throw CentralError(std::string("cannot open the central store ") + url + ": " + e.what());
    }
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return std::make_unique<PgCentral>(url, password);
  }
  throw CentralError("central.url must start with sqlite:// or postgresql://, not '" + url + "'");
}

}  // namespace frontline::sync
