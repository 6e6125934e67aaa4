#include "sql/table_writer.h"

#include <algorithm>

#include "sql/parser/parser.h"
#include "sql/storage/row_codec.h"
#include "sql/types/cast.h"
#include "sql/unique_index.h"

namespace datacave::sql {
namespace {

// "(1, null, abc)", as PostgreSQL's "Failing row contains" detail prints a row.
std::string FailingRow(const TableInfo& table, const Row& row) {
  std::string out = "Failing row contains (";
  bool first = true;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].dropped) continue;
    if (!first) out += ", ";
    first = false;
    out += row[i].is_null() ? "null" : ToText(row[i]);
  }
  return out + ").";
}

Status ConstraintError(std::string_view sqlstate, std::string message, std::string detail) {
  return Status::Sql(StatusCode::kBusy, sqlstate, std::move(message)).WithDetail(std::move(detail));
}

}  // namespace

std::vector<ScopeColumn> TableScope(const TableInfo& table, const std::string& alias) {
  std::vector<ScopeColumn> scope;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnInfo& column = table.columns[i];
    scope.push_back({alias.empty() ? table.name : alias, column.dropped ? "" : column.name,
                     column.type, table.oid(), static_cast<int16_t>(i + 1)});
  }
  return scope;
}

Result<std::vector<int>> TargetColumns(const TableInfo& table,
                                       const std::vector<std::string>& names) {
  std::vector<int> targets;
  if (names.empty()) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (!table.columns[i].dropped) targets.push_back(static_cast<int>(i));
    }
    return targets;
  }
  for (const std::string& name : names) {
    const int index = table.FindColumn(name);
    if (index < 0) {
      return Status::Sql(
          StatusCode::kNotFound, "42703",
          "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
    }
    if (std::find(targets.begin(), targets.end(), index) != targets.end()) {
      return Status::Sql(StatusCode::kInvalidArgument, "42701",
                         "column \"" + name + "\" specified more than once");
    }
    targets.push_back(index);
  }
  return targets;
}

Result<TableWriter> TableWriter::Make(std::shared_ptr<const TableInfo> table, Binder& binder) {
  TableWriter writer;
  writer.scope = TableScope(*table, "");
  for (const auto& check : table->checks) {
    DC_ASSIGN_OR_RETURN(auto expr, ParseExpression(check.check_sql));
    DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*expr, writer.scope));
    writer.checks.emplace_back(check.name, std::move(bound));
  }
  std::vector<ScopeColumn> none;
  for (const auto& column : table->columns) {
    if (column.default_sql.empty() || column.dropped) {
      writer.defaults.push_back(nullptr);
      continue;
    }
    DC_ASSIGN_OR_RETURN(auto expr, ParseExpression(column.default_sql));
    DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*expr, none));
    DC_ASSIGN_OR_RETURN(bound,
                        binder.CoerceForAssignment(std::move(bound), column.type, column.name));
    writer.defaults.push_back(std::move(bound));
  }
  writer.table = std::move(table);
  return writer;
}

Result<Value> TableWriter::Default(size_t column, const EvalContext& context) const {
  if (!defaults[column]) return Value::Null(table->columns[column].type.id);
  return Eval(*defaults[column], Row{}, context);
}

Status TableWriter::Validate(const Row& row, const EvalContext& context) const {
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const ColumnInfo& column = table->columns[i];
    if (column.not_null && !column.dropped && row[i].is_null()) {
      return ConstraintError("23502",
                             "null value in column \"" + column.name + "\" of relation \"" +
                                 table->name + "\" violates not-null constraint",
                             FailingRow(*table, row));
    }
  }
  for (const auto& [name, predicate] : checks) {
    DC_ASSIGN_OR_RETURN(Value v, Eval(*predicate, row, context));
    if (!v.is_null() && !v.bool_value()) {
      return ConstraintError(
          "23514",
          "new row for relation \"" + table->name + "\" violates check constraint \"" + name + "\"",
          FailingRow(*table, row));
    }
  }
  return Status::Ok();
}

Result<std::string> TableWriter::Key(const Row& row) const {
  std::string key = RowKeyPrefix(table->id);
  if (table->primary_key.empty()) {
    DC_ASSIGN_OR_RETURN(int64_t id, catalog->NextRowId(*table));
    DC_RETURN_IF_ERROR(AppendKeyColumn(Value::Int8(id), &key));
    return key;
  }
  for (int index : table->primary_key) {
    DC_RETURN_IF_ERROR(AppendKeyColumn(row[static_cast<size_t>(index)], &key));
  }
  return key;
}

Result<TableWriter::Conflict> TableWriter::FindConflict(const Row& row, const std::string& key,
                                                        const Transaction& txn,
                                                        int first_unique) const {
  Conflict conflict;
  // A new hidden row id is never taken: only a primary key can collide.
  if (!table->primary_key.empty()) {
    DC_ASSIGN_OR_RETURN(conflict.existing, txn.Get(key));
  }
  if (conflict.existing) {
    conflict.key = key;
    return conflict;
  }
  std::optional<std::pair<size_t, std::string>> unique_conflict;
  if (first_unique >= 0) {
    const auto number = static_cast<size_t>(first_unique);
    DC_ASSIGN_OR_RETURN(auto entry, UniqueEntryKey(*table, number, row, ""));
    std::optional<std::string> existing;
    if (entry) {
      DC_ASSIGN_OR_RETURN(existing, txn.Get(*entry));
    }
    if (existing) unique_conflict.emplace(number, std::move(*existing));
  }
  if (!unique_conflict) {
    DC_ASSIGN_OR_RETURN(unique_conflict, FindUniqueConflict(*table, row, "", txn));
  }
  if (unique_conflict) {
    conflict.constraint = static_cast<int>(unique_conflict->first);
    conflict.key = std::move(unique_conflict->second);
    DC_ASSIGN_OR_RETURN(conflict.existing, txn.Get(conflict.key));
    if (!conflict.existing) return Status::Corruption("unique entry without its row");
  }
  return conflict;
}

Status TableWriter::DuplicateKey(const Row& row, int constraint) const {
  if (constraint < 0) {
    return DuplicateKeyError(*table, table->primary_key_name, table->primary_key, row);
  }
  const ConstraintInfo& unique = table->uniques[static_cast<size_t>(constraint)];
  return DuplicateKeyError(*table, unique.name, unique.columns, row);
}

Status TableWriter::Insert(const Row& row, Transaction* txn) const {
  DC_ASSIGN_OR_RETURN(std::string key, Key(row));
  DC_ASSIGN_OR_RETURN(Conflict conflict, FindConflict(row, key, *txn));
  if (conflict.existing) return DuplicateKey(row, conflict.constraint);
  DC_RETURN_IF_ERROR(InsertUniqueEntries(*table, row, key, txn));
  std::string value;
  EncodeRow(row, &value);
  txn->Put(key, value);
  return Status::Ok();
}

}  // namespace datacave::sql
