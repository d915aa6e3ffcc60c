// The projection tables' descriptions; see projection_tables.h.
#include "store/projection_tables.h"

#include <type_traits>

namespace frontline::store {
namespace {

ColumnValue valueOf(const std::string& v) {
  return v;
}
ColumnValue valueOf(std::int64_t v) {
  return v;
}
ColumnValue valueOf(const std::optional<std::int64_t>& v) {
  return v ? ColumnValue(*v) : ColumnValue();
}

// A stored member of the row: read and written as it is.
template <typename Row, typename T>
ProjectionColumn<Row> column(const char* name, T Row::*member) {
  return {name, [member](const Row& r) { return valueOf(r.*member); },
          [member](Row& r, const Statement& s, int i) {
            if constexpr (std::is_same_v<T, std::string>) {
              r.*member = s.text(i);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              r.*member = s.int64(i);
            } else {
              r.*member = s.optionalInt64(i);
            }
          },
          [member](Row& r, const std::optional<std::string>& text) {
            if constexpr (std::is_same_v<T, std::string>) {
              r.*member = text.value_or("");
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              r.*member = text ? std::stoll(*text) : 0;
            } else {
              r.*member = text ? std::optional<std::int64_t>(std::stoll(*text)) : std::nullopt;
            }
          }};
}

// A derived value, kept in the table for queries, never read back into the row.
template <typename Row>
ProjectionColumn<Row> derived(const char* name, std::optional<std::int64_t> (Row::*compute)() const) {
  return {name, [compute](const Row& r) { return valueOf((r.*compute)()); }, {}, {}};
}

}  // namespace

template <typename Row>
std::string ProjectionTable<Row>::columnList(bool readableOnly) const {
  std::string list;
  for (const auto& c : columns) {
    if (readableOnly && !c.set) continue;
    list += (list.empty() ? "" : ", ") + std::string(c.name);
  }
  return list;
}

namespace {

void bindValue(Statement& s, int index, const ColumnValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    s.bind(index, *i);
  } else if (const auto* t = std::get_if<std::string>(&v)) {
    s.bind(index, *t);
  } else {
    s.bindNull(index);
  }
}

}  // namespace

template <typename Row>
void ProjectionTable<Row>::save(Database& db, const Row& row, const Row* stored) const {
  if (stored) {
    std::vector<std::pair<const char*, ColumnValue>> changed;
    for (std::size_t i = 1; i < columns.size(); ++i) {
      ColumnValue now = columns[i].get(row);
      if (now != columns[i].get(*stored)) changed.emplace_back(columns[i].name, std::move(now));
    }
    if (changed.empty()) return;
    std::string sql = "UPDATE " + std::string(name) + " SET ";
    for (std::size_t i = 0; i < changed.size(); ++i) sql += (i ? ", " : "") + std::string(changed[i].first) + " = ?";
    sql += " WHERE " + std::string(columns.front().name) + " = ?";
    Statement& s = db.cached(sql);  // one statement per set of changed columns: a handful per table
    int index = 1;
    for (const auto& [column, value] : changed) bindValue(s, index++, value);
    bindValue(s, index, columns.front().get(*stored));
    s.run();
    return;
  }
  Statement& s = db.cached(insertSql());
  int index = 1;
  for (const auto& c : columns) bindValue(s, index++, c.get(row));
  s.run();
}

template <typename Row>
std::string ProjectionTable<Row>::insertHead() const {
  return "INSERT OR REPLACE INTO " + std::string(name) + " (" + columnList() + ") VALUES ";
}

template <typename Row>
std::string ProjectionTable<Row>::insertSql() const {
  std::string sql = insertHead() + "(";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
  return sql + ")";
}

template <typename Row>
std::string ProjectionTable<Row>::select(const std::string& where) const {
  return "SELECT " + columnList(true) + " FROM " + name + (where.empty() ? "" : " " + where);
}

template <typename Row>
Row ProjectionTable<Row>::read(const Statement& s) const {
  Row row;
  int index = 0;
  for (const auto& c : columns) {
    if (!c.set) continue;
    c.set(row, s, index++);
  }
  return row;
}

template <typename Row>
Row ProjectionTable<Row>::fromText(const std::vector<std::optional<std::string>>& fields) const {
  Row row;
  std::size_t index = 0;
  for (const auto& c : columns) {
    if (!c.setText) continue;
    if (index < fields.size()) c.setText(row, fields[index]);
    ++index;
  }
  return row;
}

template <typename Row>
std::vector<ColumnValue> ProjectionTable<Row>::values(const Row& row) const {
  std::vector<ColumnValue> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back(c.get(row));
  return out;
}

template struct ProjectionTable<InteractionRow>;
template struct ProjectionTable<ComplaintRow>;
template struct ProjectionTable<AgentStateRow>;

const ProjectionTable<InteractionRow>& interactionsTable() {
  using R = InteractionRow;
  static const ProjectionTable<R> table{"interactions",
                                        {column("id", &R::id),
                                         column("customer_id", &R::customerId),
                                         column("channel", &R::channel),
                                         column("direction", &R::direction),
                                         column("address", &R::address),
                                         column("display_name", &R::displayName),
                                         column("subject", &R::subject),
                                         column("agent_id", &R::agentId),
                                         column("status", &R::status),
                                         column("outcome", &R::outcome),
                                         column("offered_us", &R::offeredUs),
                                         column("answered_us", &R::answeredUs),
                                         column("ended_us", &R::endedUs),
                                         column("wrapped_us", &R::wrappedUs),
                                         derived("wait_us", &R::waitUs),
                                         derived("talk_us", &R::talkUs),
                                         derived("acw_us", &R::acwUs),
                                         column("disposition", &R::disposition),
                                         column("note", &R::note),
                                         column("satisfaction_expected", &R::satisfactionExpected),
                                         column("satisfaction_perceived", &R::satisfactionPerceived),
                                         column("last_event_us", &R::lastEventUs),
                                         column("external_id", &R::externalId),
                                         column("queue", &R::queue),
                                         column("transfer_to", &R::transferTo),
                                         column("transfer_state", &R::transferState),
                                         column("transfer_error", &R::transferError),
                                         column("quality_grade", &R::qualityGrade),
                                         column("mos_x100", &R::mosX100),
                                         column("worst_grade", &R::worstGrade),
                                         column("emotion_index", &R::emotionIndex),
                                         column("emotion_trend", &R::emotionTrend),
                                         column("emotion_arousal_x100", &R::emotionArousalX100),
                                         column("emotion_by", &R::emotionBy)}};
  return table;
}

const ProjectionTable<ComplaintRow>& complaintsTable() {
  using R = ComplaintRow;
  static const ProjectionTable<R> table{
      "complaints",
      {column("id", &R::id), column("customer_id", &R::customerId), column("interaction_id", &R::interactionId),
       column("category", &R::category), column("priority", &R::priority), column("summary", &R::summary),
       column("status", &R::status), column("owner_agent_id", &R::ownerAgentId), column("opened_us", &R::openedUs),
       column("first_response_us", &R::firstResponseUs), column("resolved_us", &R::resolvedUs),
       column("response_due_us", &R::responseDueUs), column("resolution_due_us", &R::resolutionDueUs),
       column("last_event_us", &R::lastEventUs)}};
  return table;
}

const ProjectionTable<AgentStateRow>& agentStatesTable() {
  using R = AgentStateRow;
  static const ProjectionTable<R> table{"agent_states",
                                        {column("agent_id", &R::agentId), column("state", &R::state),
                                         column("reason", &R::reason), column("since_us", &R::sinceUs)}};
  return table;
}

}  // namespace frontline::store
