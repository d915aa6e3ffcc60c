// One description per projection table: its name and its columns, each with how its value
// is taken from the row and put back. It drives the local reads (SELECT), the local writes
// (INSERT OR REPLACE) and the central store's multi-row upserts (store/sync), so a column
// is named in one place in the code (and once in each schema's DDL).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "store/database.h"
#include "store/projections.h"

namespace frontline::store {

// A column's value: NULL, an integer or text.
using ColumnValue = std::variant<std::monostate, std::int64_t, std::string>;

template <typename Row>
struct ProjectionColumn {
  const char* name;
  std::function<ColumnValue(const Row&)> get;
  // Reads the value from column `index` of a statement into the row; empty for a derived
  // column (written, never read back: wait_us = answered - offered, ...).
  std::function<void(Row&, const Statement&, int index)> set;
  // The same from text (a central store's result field; nullopt is NULL).
  std::function<void(Row&, const std::optional<std::string>&)> setText;
};

template <typename Row>
struct ProjectionTable {
  const char* name;
  std::vector<ProjectionColumn<Row>> columns;  // the first is the key

  // "a, b, c": every column, or only those read back.
  std::string columnList(bool readableOnly = false) const;
  // INSERT OR REPLACE INTO name (every column) VALUES (?, ...), bound from the row. With
  // `stored` (the row as the table holds it now), an UPDATE of only the columns whose value
  // changed, or nothing: REPLACE deletes the row and inserts it anew under a new rowid,
  // rewriting an entry in every index of the table (interactions has 15) for each event,
  // where an UPDATE touches only the indexes over the columns it sets.
  void save(Database& db, const Row& row, const Row* stored = nullptr) const;
  // The INSERT OR REPLACE that save() runs for a new row, bound from values() in order;
  // insertHead() is its text up to VALUES, for a multi-row form (grouped_insert.h).
  std::string insertSql() const;
  std::string insertHead() const;
  // SELECT of the readable columns; `where` is appended as it is (", WHERE id = ?").
  std::string select(const std::string& where = {}) const;
  // The row from a statement prepared by select().
  Row read(const Statement& s) const;
  // The row from text fields in the order of select()'s columns (a central store's result).
  Row fromText(const std::vector<std::optional<std::string>>& fields) const;
  // Every column's value, in order (for the central upserts).
  std::vector<ColumnValue> values(const Row& row) const;
};

const ProjectionTable<InteractionRow>& interactionsTable();
const ProjectionTable<ComplaintRow>& complaintsTable();
const ProjectionTable<AgentStateRow>& agentStatesTable();

extern template struct ProjectionTable<InteractionRow>;
extern template struct ProjectionTable<ComplaintRow>;
extern template struct ProjectionTable<AgentStateRow>;

}  // namespace frontline::store
