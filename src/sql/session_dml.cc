// INSERT, UPDATE and DELETE: rows checked against the table's constraints (NOT NULL 23502,
// CHECK 23514, primary key 23505) and written into the session's transaction.

#include <algorithm>
#include <unordered_set>

#include "sql/binder/binder_context.h"
#include "sql/binder/plan_join.h"
#include "sql/binder/plan_scan.h"
#include "sql/parser/parser.h"
#include "sql/session.h"
#include "sql/storage/row_codec.h"
#include "sql/table_writer.h"
#include "sql/types/cast.h"
#include "sql/unique_index.h"

namespace datacave::sql {
namespace {

// RETURNING: the targets over scope (the written row, then for UPDATE ... FROM and DELETE ...
// USING, the storage key and the FROM items' row it was joined with).
Result<std::vector<BoundExprPtr>> BindReturning(const std::vector<ast::ResultTarget>& targets,
                                                const std::vector<ScopeColumn>& scope,
                                                Binder& binder,
                                                std::vector<OutputColumn>* columns) {
  std::vector<BoundExprPtr> exprs;
  for (const auto& target : targets) {
    if (target.expr->kind == ast::ExprKind::kColumnRef &&
        target.expr->As<ast::ColumnRefExpr>().star) {
      // `*` is every named column; `x.*` those of the FROM item x.
      DC_ASSIGN_OR_RETURN(
          std::vector<size_t> star,
          StarColumns(scope, target.expr->As<ast::ColumnRefExpr>(), target.expr->location));
      for (size_t i : star) {
        exprs.push_back(MakeColumnRef(static_cast<int>(i), scope[i].type));
        columns->push_back(
            {scope[i].name, scope[i].type, scope[i].table_oid, scope[i].column_number});
      }
      continue;
    }
    DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*target.expr, scope));
    if (bound->type.id == TypeId::kUnknown) {
      DC_ASSIGN_OR_RETURN(bound, CoerceImplicit(std::move(bound), Type::Of(TypeId::kText)));
    }
    const std::string name = target.alias.empty() ? FigureColumnName(*target.expr) : target.alias;
    columns->push_back({name, bound->type});
    exprs.push_back(std::move(bound));
  }
  return exprs;
}

Result<std::shared_ptr<const TableInfo>> FindWritableTable(TransactionCatalog* catalog,
                                                           const ast::TargetTable& target) {
  const std::string& name = target.name.back();
  auto table = catalog->Find(name);
  if (!table) {
    return Status::Sql(StatusCode::kNotFound, "42P01", "relation \"" + name + "\" does not exist")
        .WithPosition(target.location + 1);
  }
  if (table->is_view) return Status::NotSupported("writing to views is not supported");
  return table;
}

// What UPDATE and DELETE read: the target table's rows, each followed by its storage key and,
// with FROM (USING) items, by their row it joins with.
struct WriteSource {
  std::vector<ScopeColumn> scope;  // the target's columns, its key (unnamed), the items'
  std::vector<OperatorPtr> from;   // the FROM items; empty without any
};

Result<WriteSource> BindWriteSource(const TableInfo& table, const ast::TargetTable& target,
                                    const std::vector<std::unique_ptr<ast::TableRef>>& from,
                                    Binder& binder) {
  WriteSource source;
  source.scope = TableScope(table, target.alias);
  source.scope.push_back({"", "", Type::Of(TypeId::kBytea)});
  if (!from.empty()) {
    DC_ASSIGN_OR_RETURN(source.from, binder.BindFromList(from, &source.scope));
  }
  return source;
}

// The source's rows matching where (all without one), collected before any write, so that a
// statement never sees its own new rows. A target row that joins several FROM rows comes
// once, with one of them, as PostgreSQL updates or deletes it once with an arbitrary match.
Result<std::vector<Row>> FindRows(const std::shared_ptr<const TableInfo>& table,
                                  const ast::Expr* where, WriteSource source, Binder& binder,
                                  ExecContext& context) {
  BoundExprPtr predicate;
  if (where) {
    DC_ASSIGN_OR_RETURN(predicate, binder.BindScalar(*where, source.scope));
    if (predicate->type.id == TypeId::kUnknown) {
      DC_ASSIGN_OR_RETURN(predicate, CoerceImplicit(std::move(predicate), Type::Of(TypeId::kBool)));
    }
    if (predicate->type.id != TypeId::kBool) {
      return Status::Sql(
          StatusCode::kInvalidArgument, "42804",
          "argument of WHERE must be type boolean, not type " + FormatType(predicate->type));
    }
  }
  OperatorPtr plan;
  const bool joined = !source.from.empty();
  if (joined) {
    // The scan narrows to a key or key range on the conjuncts over the target's columns
    // alone (those naming FROM items' columns are past the table's and never match); the
    // target and the items are then joined as a query's FROM list is.
    std::vector<OperatorPtr> items;
    items.push_back(PlanTableScan(table, predicate.get(), /*with_key=*/true, table->name));
    for (auto& item : source.from) items.push_back(std::move(item));
    plan = PlanFromItems(std::move(items), std::move(predicate));
  } else {
    plan = PlanTableScan(table, predicate.get(), /*with_key=*/true, table->name);
    if (predicate) plan = MakeFilter(std::move(plan), std::move(predicate));
  }
  std::vector<Row> rows;
  DC_RETURN_IF_ERROR(CollectAll(*plan, context, &rows));
  if (joined) {
    const size_t key = table->columns.size();
    std::unordered_set<std::string> seen;
    std::vector<Row> unique;
    for (Row& row : rows) {
      if (seen.insert(row[key].string_value()).second) unique.push_back(std::move(row));
    }
    rows = std::move(unique);
  }
  return rows;
}

// RETURNING's row for a written row (nothing without RETURNING).
Status AppendReturning(const std::vector<BoundExprPtr>& returning, const Row& row,
                       const EvalContext& context, StatementResult* result) {
  if (returning.empty()) return Status::Ok();
  Row out;
  for (const auto& expr : returning) {
    DC_ASSIGN_OR_RETURN(Value v, Eval(*expr, row, context));
    out.push_back(std::move(v));
  }
  result->rows.push_back(std::move(out));
  return Status::Ok();
}

}  // namespace

Status Session::ExecuteInsert(const ast::InsertStmt& insert, StatementResult* result) {
  DC_ASSIGN_OR_RETURN(auto table, FindWritableTable(catalog_.get(), insert.table));
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  if (insert.with) DC_RETURN_IF_ERROR(binder.AddWith(*insert.with));
  DC_ASSIGN_OR_RETURN(TableWriter writer, TableWriter::Make(table, binder));
  writer.catalog = database_->catalog();
  ExecContext context = MakeExecContext();

  DC_ASSIGN_OR_RETURN(std::vector<int> targets, TargetColumns(*table, insert.columns));

  // ON CONFLICT (columns): the arbiter is the primary key (-1) or the UNIQUE constraint
  // (its number) on exactly those columns; without columns (kAnyArbiter) every one is.
  constexpr int kAnyArbiter = -2;
  int arbiter = kAnyArbiter;
  std::vector<BoundExprPtr> conflict_sets(table->columns.size());
  BoundExprPtr conflict_where;
  if (insert.on_conflict && !insert.on_conflict->columns.empty()) {
    std::vector<int> columns;
    for (const auto& name : insert.on_conflict->columns) {
      const int index = table->FindColumn(name);
      if (index < 0) {
        return Status::Sql(StatusCode::kNotFound, "42703",
                           "column \"" + name + "\" does not exist");
      }
      columns.push_back(index);
    }
    std::sort(columns.begin(), columns.end());
    auto same_columns = [&columns](std::vector<int> key) {
      std::sort(key.begin(), key.end());
      return !key.empty() && key == columns;
    };
    if (same_columns(table->primary_key)) arbiter = -1;
    for (size_t i = 0; i < table->uniques.size() && arbiter == kAnyArbiter; ++i) {
      if (table->uniques[i].unique && same_columns(table->uniques[i].columns)) {
        arbiter = static_cast<int>(i);
      }
    }
    if (arbiter == kAnyArbiter) {
      return Status::Sql(StatusCode::kInvalidArgument, "42P10",
                         "there is no unique or exclusion constraint matching the ON CONFLICT "
                         "specification");
    }
  }
  if (insert.on_conflict && insert.on_conflict->do_update) {
    // SET and WHERE see the existing row, then the proposed one as "excluded".
    std::vector<ScopeColumn> scope = TableScope(*table, insert.table.alias);
    for (ScopeColumn column : TableScope(*table, "excluded")) scope.push_back(std::move(column));
    for (const auto& set : insert.on_conflict->set) {
      const int index = table->FindColumn(set.column);
      if (index < 0) {
        return Status::Sql(
            StatusCode::kNotFound, "42703",
            "column \"" + set.column + "\" of relation \"" + table->name + "\" does not exist");
      }
      for (int key : table->primary_key) {
        if (key == index)
          return Status::NotSupported("ON CONFLICT DO UPDATE of a primary key column");
      }
      DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*set.value, scope));
      DC_ASSIGN_OR_RETURN(bound, binder.CoerceForAssignment(
                                     std::move(bound),
                                     table->columns[static_cast<size_t>(index)].type, set.column));
      conflict_sets[static_cast<size_t>(index)] = std::move(bound);
    }
    if (insert.on_conflict->where) {
      DC_ASSIGN_OR_RETURN(conflict_where, binder.BindScalar(*insert.on_conflict->where, scope));
    }
  }

  std::vector<BoundExprPtr> returning;
  if (!insert.returning.empty()) {
    DC_ASSIGN_OR_RETURN(
        returning, BindReturning(insert.returning, TableScope(*table, insert.table.alias), binder,
                                 &result->columns));
    result->returns_rows = true;
  }

  // The rows to insert, each a full table row.
  std::vector<Row> rows;
  const ast::SelectStmt* source = insert.source.get();
  if (!source) {
    Row row;
    for (size_t i = 0; i < table->columns.size(); ++i) {
      DC_ASSIGN_OR_RETURN(Value v, writer.Default(i, context.eval));
      row.push_back(std::move(v));
    }
    rows.push_back(std::move(row));
  } else if (source->body == ast::SelectStmt::Body::kValues && !source->with &&
             source->order_by.empty() && !source->limit && !source->offset) {
    std::vector<ScopeColumn> none;
    // Without a column list, fewer values than columns fill the leading columns.
    if (insert.columns.empty() && source->values[0].size() < targets.size()) {
      targets.resize(source->values[0].size());
    }
    for (const auto& values : source->values) {
      if (values.size() != source->values[0].size()) {
        return Status::Sql(StatusCode::kInvalidArgument, "42601",
                           "VALUES lists must all be the same length")
            .WithPosition(values.empty() ? 0 : values[0]->location + 1);
      }
      if (values.size() > targets.size()) {
        return Status::Sql(StatusCode::kInvalidArgument, "42601",
                           "INSERT has more expressions than target columns")
            .WithPosition(values[targets.size()]->location + 1);
      }
      if (values.size() < targets.size()) {
        return Status::Sql(StatusCode::kInvalidArgument, "42601",
                           "INSERT has more target columns than expressions");
      }
      Row row(table->columns.size());
      std::vector<bool> assigned(table->columns.size(), false);
      for (size_t i = 0; i < values.size(); ++i) {
        const auto index = static_cast<size_t>(targets[i]);
        assigned[index] = true;
        if (values[i]->kind == ast::ExprKind::kDefault) {
          DC_ASSIGN_OR_RETURN(row[index], writer.Default(index, context.eval));
          continue;
        }
        DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*values[i], none));
        DC_ASSIGN_OR_RETURN(bound,
                            binder.CoerceForAssignment(std::move(bound), table->columns[index].type,
                                                       table->columns[index].name));
        DC_ASSIGN_OR_RETURN(row[index], Eval(*bound, Row{}, context.eval));
      }
      for (size_t i = 0; i < row.size(); ++i) {
        if (!assigned[i]) {
          DC_ASSIGN_OR_RETURN(row[i], writer.Default(i, context.eval));
        }
      }
      rows.push_back(std::move(row));
    }
  } else {
    DC_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(*source));
    if (insert.columns.empty() && query.columns.size() < targets.size()) {
      targets.resize(query.columns.size());
    }
    if (query.columns.size() > targets.size()) {
      return Status::Sql(StatusCode::kInvalidArgument, "42601",
                         "INSERT has more expressions than target columns");
    }
    if (query.columns.size() < targets.size()) {
      return Status::Sql(StatusCode::kInvalidArgument, "42601",
                         "INSERT has more target columns than expressions");
    }
    std::vector<BoundExprPtr> conversions;
    for (size_t i = 0; i < targets.size(); ++i) {
      const ColumnInfo& column = table->columns[static_cast<size_t>(targets[i])];
      DC_ASSIGN_OR_RETURN(
          auto converted,
          binder.CoerceForAssignment(MakeColumnRef(static_cast<int>(i), query.columns[i].type),
                                     column.type, column.name));
      conversions.push_back(std::move(converted));
    }
    std::vector<Row> selected;
    DC_RETURN_IF_ERROR(CollectAll(*query.plan, context, &selected));
    for (const Row& input : selected) {
      Row row(table->columns.size());
      std::vector<bool> assigned(table->columns.size(), false);
      for (size_t i = 0; i < targets.size(); ++i) {
        const auto index = static_cast<size_t>(targets[i]);
        assigned[index] = true;
        DC_ASSIGN_OR_RETURN(row[index], Eval(*conversions[i], input, context.eval));
      }
      for (size_t i = 0; i < row.size(); ++i) {
        if (!assigned[i]) {
          DC_ASSIGN_OR_RETURN(row[i], writer.Default(i, context.eval));
        }
      }
      rows.push_back(std::move(row));
    }
  }

  // Without ON CONFLICT every row is written as it is, so RETURNING is computed before the
  // first write and its subqueries read the table as the statement found it. (With ON
  // CONFLICT the returned row is known only once its conflict is: they see earlier rows.)
  const bool returning_first = !insert.on_conflict;
  if (returning_first) {
    for (const Row& row : rows) {
      DC_RETURN_IF_ERROR(AppendReturning(returning, row, context.eval, result));
    }
  }
  int64_t inserted = 0;
  for (Row& row : rows) {
    DC_RETURN_IF_ERROR(writer.Validate(row, context.eval));
    DC_ASSIGN_OR_RETURN(std::string key, writer.Key(row));
    // The row this one conflicts with, if any: by primary key first, then by the arbiter,
    // then by each UNIQUE constraint in order.
    DC_ASSIGN_OR_RETURN(TableWriter::Conflict conflict,
                        writer.FindConflict(row, key, *txn_, std::max(arbiter, -1)));
    const int constraint = conflict.constraint;
    const std::string& conflict_key = conflict.key;
    std::optional<std::string>& existing = conflict.existing;
    if (existing) {
      if (!insert.on_conflict || (arbiter != kAnyArbiter && arbiter != constraint)) {
        return writer.DuplicateKey(row, constraint);
      }
      if (!insert.on_conflict->do_update) continue;
      Row old_row;
      DC_RETURN_IF_ERROR(DecodeRow(*existing, table->ColumnTypes(), &old_row));
      Row both = old_row;
      both.insert(both.end(), row.begin(), row.end());
      if (conflict_where) {
        DC_ASSIGN_OR_RETURN(Value pass, Eval(*conflict_where, both, context.eval));
        if (!IsTrue(pass)) continue;
      }
      Row updated = old_row;
      for (size_t i = 0; i < conflict_sets.size(); ++i) {
        if (conflict_sets[i]) {
          DC_ASSIGN_OR_RETURN(updated[i], Eval(*conflict_sets[i], both, context.eval));
        }
      }
      DC_RETURN_IF_ERROR(writer.Validate(updated, context.eval));
      // DO UPDATE changes the existing row where it is.
      DC_RETURN_IF_ERROR(
          UpdateUniqueEntries(*table, old_row, conflict_key, updated, conflict_key, txn_.get()));
      row = std::move(updated);
      key = conflict_key;
    } else {
      DC_RETURN_IF_ERROR(InsertUniqueEntries(*table, row, key, txn_.get()));
    }
    std::string value;
    EncodeRow(row, &value);
    txn_->Put(key, value);
    ++inserted;
    if (!returning_first) {
      DC_RETURN_IF_ERROR(AppendReturning(returning, row, context.eval, result));
    }
  }
  result->tag = "INSERT 0 " + std::to_string(inserted);
  return Status::Ok();
}

Status Session::ExecuteUpdate(const ast::UpdateStmt& update, StatementResult* result) {
  DC_ASSIGN_OR_RETURN(auto table, FindWritableTable(catalog_.get(), update.table));
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  if (update.with) DC_RETURN_IF_ERROR(binder.AddWith(*update.with));
  DC_ASSIGN_OR_RETURN(TableWriter writer, TableWriter::Make(table, binder));
  writer.catalog = database_->catalog();
  DC_ASSIGN_OR_RETURN(WriteSource source,
                      BindWriteSource(*table, update.table, update.from, binder));
  ExecContext context = MakeExecContext();

  std::vector<BoundExprPtr> sets(table->columns.size());
  bool key_changes = false;
  for (const auto& set : update.set) {
    const int index = table->FindColumn(set.column);
    if (index < 0) {
      return Status::Sql(
                 StatusCode::kNotFound, "42703",
                 "column \"" + set.column + "\" of relation \"" + table->name + "\" does not exist")
          .WithPosition(set.location + 1);
    }
    const auto i = static_cast<size_t>(index);
    if (sets[i]) {
      return Status::Sql(StatusCode::kInvalidArgument, "42601",
                         "multiple assignments to same column \"" + set.column + "\"");
    }
    for (int key : table->primary_key) key_changes = key_changes || key == index;
    if (set.value->kind == ast::ExprKind::kDefault) {
      sets[i] = writer.defaults[i]
                    ? std::move(writer.defaults[i])
                    : MakeConstant(Value::Null(table->columns[i].type.id), table->columns[i].type);
      continue;
    }
    DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*set.value, source.scope));
    DC_ASSIGN_OR_RETURN(
        sets[i], binder.CoerceForAssignment(std::move(bound), table->columns[i].type, set.column));
  }
  std::vector<BoundExprPtr> returning;
  if (!update.returning.empty()) {
    DC_ASSIGN_OR_RETURN(returning,
                        BindReturning(update.returning, source.scope, binder, &result->columns));
    result->returns_rows = true;
  }

  DC_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      FindRows(table, update.where.get(), std::move(source), binder, context));

  // Every new row and RETURNING row is computed before the first write, so that subqueries
  // in SET and RETURNING read the table as the statement found it, as in PostgreSQL.
  const size_t width = table->columns.size();
  std::vector<Row> updates;
  updates.reserve(rows.size());
  for (Row& row : rows) {
    // row: the old row, its key, then the FROM items' row (SET and RETURNING read them).
    Row updated(row.begin(), row.begin() + static_cast<long>(width));
    for (size_t i = 0; i < sets.size(); ++i) {
      if (sets[i]) {
        DC_ASSIGN_OR_RETURN(updated[i], Eval(*sets[i], row, context.eval));
      }
    }
    DC_RETURN_IF_ERROR(writer.Validate(updated, context.eval));
    // RETURNING sees the new row in place of the old one.
    std::swap_ranges(updated.begin(), updated.end(), row.begin());
    DC_RETURN_IF_ERROR(AppendReturning(returning, row, context.eval, result));
    std::swap_ranges(updated.begin(), updated.end(), row.begin());
    updates.push_back(std::move(updated));
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row old_row(rows[r].begin(), rows[r].begin() + static_cast<long>(width));
    const std::string& old_key = rows[r][width].string_value();
    const Row& updated = updates[r];
    std::string key = old_key;
    if (key_changes) {
      DC_ASSIGN_OR_RETURN(key, writer.Key(updated));
      if (key != old_key) {
        DC_ASSIGN_OR_RETURN(auto existing, txn_->Get(key));
        if (existing) return writer.DuplicateKey(updated);
        txn_->Delete(old_key);
      }
    }
    DC_RETURN_IF_ERROR(UpdateUniqueEntries(*table, old_row, old_key, updated, key, txn_.get()));
    std::string value;
    EncodeRow(updated, &value);
    txn_->Put(key, value);
  }
  result->tag = "UPDATE " + std::to_string(rows.size());
  return Status::Ok();
}

Status Session::ExecuteDelete(const ast::DeleteStmt& del, StatementResult* result) {
  DC_ASSIGN_OR_RETURN(auto table, FindWritableTable(catalog_.get(), del.table));
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  if (del.with) DC_RETURN_IF_ERROR(binder.AddWith(*del.with));
  DC_ASSIGN_OR_RETURN(WriteSource source,
                      BindWriteSource(*table, del.table, del.using_tables, binder));
  ExecContext context = MakeExecContext();
  std::vector<BoundExprPtr> returning;
  if (!del.returning.empty()) {
    DC_ASSIGN_OR_RETURN(returning,
                        BindReturning(del.returning, source.scope, binder, &result->columns));
    result->returns_rows = true;
  }
  DC_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      FindRows(table, del.where.get(), std::move(source), binder, context));
  // RETURNING first, so that its subqueries read the table as the statement found it.
  for (const Row& row : rows) {
    DC_RETURN_IF_ERROR(AppendReturning(returning, row, context.eval, result));
  }
  const size_t width = table->columns.size();
  for (const Row& row : rows) {
    const std::string& key = row[width].string_value();
    txn_->Delete(key);
    const Row old_row(row.begin(), row.begin() + static_cast<long>(width));
    DC_RETURN_IF_ERROR(DeleteUniqueEntries(*table, old_row, key, txn_.get()));
  }
  result->tag = "DELETE " + std::to_string(rows.size());
  return Status::Ok();
}

}  // namespace datacave::sql
