#pragma once

// What every write of rows into one table needs, bound once per statement: the CHECK
// predicates, the column defaults, and the key and constraint logic that INSERT, UPDATE and
// COPY FROM share (NOT NULL 23502, CHECK 23514, primary key and UNIQUE 23505).
//
// Thread safety: one statement of one session.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "sql/binder/binder.h"
#include "sql/catalog/catalog.h"
#include "sql/execution/expression.h"
#include "sql/storage/transaction.h"

namespace datacave::sql {

// The table's columns as a binder scope, named by alias (the table's name when empty).
std::vector<ScopeColumn> TableScope(const TableInfo& table, const std::string& alias);

// The table columns that names list (every live column when names is empty): 42703 for an
// unknown name, 42701 for a repeated one.
Result<std::vector<int>> TargetColumns(const TableInfo& table,
                                       const std::vector<std::string>& names);

struct TableWriter {
  std::shared_ptr<const TableInfo> table;
  std::vector<ScopeColumn> scope;
  std::vector<std::pair<std::string, BoundExprPtr>> checks;  // name, predicate
  std::vector<BoundExprPtr> defaults;                        // per column; null: NULL
  Catalog* catalog = nullptr;  // for hidden row ids; set by the caller

  static Result<TableWriter> Make(std::shared_ptr<const TableInfo> table, Binder& binder);

  Result<Value> Default(size_t column, const EvalContext& context) const;

  // NOT NULL and CHECK.
  Status Validate(const Row& row, const EvalContext& context) const;

  // The row's storage key; a new hidden row id for tables without a primary key.
  Result<std::string> Key(const Row& row) const;

  // The existing row a new row (stored under key) conflicts with: by primary key first, then
  // by table->uniques[first_unique] when given (ON CONFLICT's arbiter, which decides before
  // the others, as in PostgreSQL), then by each UNIQUE constraint in order. existing is empty
  // when there is none.
  struct Conflict {
    int constraint = -1;                  // -1: the primary key, else the number in table->uniques
    std::string key;                      // the existing row's key
    std::optional<std::string> existing;  // its stored bytes
  };
  Result<Conflict> FindConflict(const Row& row, const std::string& key, const Transaction& txn,
                                int first_unique = -1) const;

  // 23505 for the primary key (constraint < 0) or table->uniques[constraint].
  Status DuplicateKey(const Row& row, int constraint = -1) const;

  // A plain insert (INSERT without ON CONFLICT, COPY FROM) of a validated row: 23505 on a
  // conflict, else the row and its unique entries are written.
  Status Insert(const Row& row, Transaction* txn) const;
};

}  // namespace datacave::sql
