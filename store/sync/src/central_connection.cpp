// The two central backends; see central_connection.h.
#include "sync/central_connection.h"

#include <poll.h>

#include <algorithm>
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

void CentralConnection::copyRows(const std::string& table, const std::vector<const char*>& columns,
                                 const std::vector<Row>& rows) {
  std::string sql = "INSERT INTO " + table + " (";
  std::string values;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    sql += (k ? ", " : "") + std::string(columns[k]);
    values += (k ? ", $" : "$") + std::to_string(k + 1);
  }
  sql += ") VALUES (" + values + ")";
  for (const auto& row : rows) query(sql, row);
}

namespace {

// A field in COPY's text format: \N for NULL; backslash, tab, newline and carriage return escaped.
void appendCopyField(std::string& out, const Field& f) {
  if (!f) {
    out += "\\N";
    return;
  }
  for (char c : *f) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

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
    awaitSent();
    PGresult* r = PQexec(m_conn, sql.c_str());
    check(r, sql);
    PQclear(r);
  }

  void listen(const std::string& channel) override {
    awaitSent();
    char* quoted = PQescapeIdentifier(m_conn, channel.c_str(), channel.size());
    const std::string sql = "LISTEN " + std::string(quoted ? quoted : channel.c_str());
    PQfreemem(quoted);
    exec(sql);
  }

  bool waitForNotification(int timeoutMs) override {
    awaitSent();
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
    awaitSent();
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

  // PostgreSQL refuses COPY into a table whose row-level security applies to this login
  // (an agent's console writing central_events): there the rows are copied into a temporary
  // table and inserted from it in one statement, so the policies still judge every row.
  void copyRows(const std::string& table, const std::vector<const char*>& columns,
                const std::vector<Row>& rows) override {
    std::string list;
    for (std::size_t k = 0; k < columns.size(); ++k) list += (k ? ", " : "") + std::string(columns[k]);
    if (!rowSecurityApplies(table)) {
      sendCopy(table, list, rows);
      awaitSent();
      return;
    }
    const std::string staging = "frontline_copy_" + table;
    exec("CREATE TEMP TABLE IF NOT EXISTS " + staging + " (LIKE " + table +
         " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
    sendCopy(staging, list, rows);
    exec("INSERT INTO " + table + " (" + list + ") SELECT " + list + " FROM " + staging);
  }

 private:
  bool rowSecurityApplies(const std::string& table) {
    auto known = m_rowSecurity.find(table);
    if (known == m_rowSecurity.end()) {
      const auto r = query(
          "SELECT c.relrowsecurity AND c.relowner <> u.oid AND NOT u.rolbypassrls AND NOT u.rolsuper "
          "FROM pg_class c JOIN pg_roles u ON u.rolname = current_user WHERE c.oid = $1::regclass",
          {field(table)});
      known = m_rowSecurity.emplace(table, !r.empty() && r.at(0).at(0).value_or("f") == "t").first;
    }
    return known->second;
  }

  // Starts COPY and sends every row; the server's answer is read by awaitSent(). The text is
  // formatted before that: while the command before it is still at the server.
  void sendCopy(const std::string& table, const std::string& list, const std::vector<Row>& rows) {
    std::string text;
    for (const auto& row : rows) {
      for (std::size_t k = 0; k < row.size(); ++k) {
        if (k) text += '\t';
        appendCopyField(text, row[k]);
      }
      text += '\n';
    }
    awaitSent();
    const std::string sql = "COPY " + table + " (" + list + ") FROM STDIN";
    PGresult* start = PQexec(m_conn, sql.c_str());
    if (PQresultStatus(start) != PGRES_COPY_IN) {
      check(start, sql);  // throws: the table or a column is wrong
      PQclear(start);
      throw CentralError("central store " + describe() + ": COPY did not start in: " + sql);
    }
    PQclear(start);
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; at < text.size(); at += kChunk) {
      const int n = static_cast<int>(std::min(kChunk, text.size() - at));
      if (PQputCopyData(m_conn, text.data() + at, n) != 1) {
        throw CentralError("central store " + describe() + ": " + trimmed(PQerrorMessage(m_conn)) + " in: " + sql);
      }
    }
    if (PQputCopyEnd(m_conn, nullptr) != 1) {
      throw CentralError("central store " + describe() + ": " + trimmed(PQerrorMessage(m_conn)) + " in: " + sql);
    }
    m_sent = sql;
  }

 public:
  void sendCopyRows(const std::string& table, const std::vector<const char*>& columns,
                    const std::vector<Row>& rows) override {
    if (rowSecurityApplies(table)) {
      copyRows(table, columns, rows);
      return;
    }
    std::string list;
    for (std::size_t k = 0; k < columns.size(); ++k) list += (k ? ", " : "") + std::string(columns[k]);
    sendCopy(table, list, rows);
  }

  void sendCommit() override {
    awaitSent();
    if (PQsendQuery(m_conn, "COMMIT") != 1) {
      throw CentralError("central store " + describe() + ": " + trimmed(PQerrorMessage(m_conn)) + " in: COMMIT");
    }
    m_sent = "COMMIT";
  }

  // The answer to the command in flight: a key violated, a value that is not a number, a
  // commit refused: named, and thrown.
  void awaitSent() override {
    if (m_sent.empty()) return;
    const std::string sql = std::move(m_sent);
    m_sent.clear();
    PGresult* done = PQgetResult(m_conn);
    while (PGresult* extra = PQgetResult(m_conn)) PQclear(extra);  // the connection is ready again
    check(done, sql);
    PQclear(done);
  }

  // Pushes take a transaction-scoped advisory lock: revisions are handed out in commit order.
  // One round trip: BEGIN and the lock in one text.
  void beginExclusive() override { exec("BEGIN; SELECT pg_advisory_xact_lock(7468)"); }
  void begin() override { exec("BEGIN"); }
  void commit() override { exec("COMMIT"); }
  void rollback() override {
    if (!m_sent.empty()) {  // already failing: the answer in flight is read and set aside
      m_sent.clear();
      while (PGresult* r = PQgetResult(m_conn)) PQclear(r);
    }
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
  std::map<std::string, bool> m_rowSecurity;      // table -> whether its policies apply to this login
  std::string m_sent;                             // the command whose answer is not read yet, or ""
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
