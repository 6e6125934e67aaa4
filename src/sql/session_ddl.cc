// CREATE TABLE, CREATE VIEW, CREATE INDEX, DROP, TRUNCATE and ALTER TABLE. Definitions change in
// the session's TransactionCatalog and commit (or roll back) with the transaction.

#include <algorithm>
#include <map>
#include <set>

#include "sql/parser/parser.h"
#include "sql/session.h"
#include "sql/storage/row_codec.h"
#include "sql/unique_index.h"

namespace datacave::sql {
namespace {

constexpr size_t kMaxColumns = 1600;  // PostgreSQL's MaxHeapAttributeNumber

Status Error(std::string_view sqlstate, std::string message) {
  return Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::move(message));
}

Result<Type> ResolveColumnType(const ast::TypeName& name) {
  std::vector<int64_t> modifiers(name.modifiers.begin(), name.modifiers.end());
  auto type = LookupType(name.name, modifiers, name.array);
  if (!type.ok()) {
    Status s = type.status();
    return name.location >= 0 && s.position() == 0 ? s.WithPosition(name.location + 1) : s;
  }
  if (IsArrayType(type->id)) {
    return Status::NotSupported("columns of array type " + FormatType(*type) + " are not supported")
        .WithPosition(name.location + 1);
  }
  if (type->id == TypeId::kUnknown)
    return Error("42704", "type \"unknown\" cannot be used for a column");
  return type;
}

// "t_a_check", "t_check1" ...: PostgreSQL's names for unnamed constraints, made unique.
std::string UniqueName(const std::string& base, std::set<std::string>* used) {
  std::string name = base;
  for (int n = 1; used->count(name); ++n) name = base + std::to_string(n);
  used->insert(name);
  return name;
}

// "t_a_key", "t_a_b_key": PostgreSQL's name for an unnamed UNIQUE constraint.
std::string UniqueKeyName(const TableInfo& table, const std::vector<int>& columns) {
  std::string name = table.name;
  for (int index : columns) name += "_" + table.columns[static_cast<size_t>(index)].name;
  return name + "_key";
}

Status CheckKeyTypes(const TableInfo& table, const std::vector<int>& columns) {
  for (int index : columns) {
    const TypeId id = table.columns[static_cast<size_t>(index)].type.id;
    if (id == TypeId::kNumeric || id == TypeId::kInterval) {
      return Status::NotSupported("keys of type " + std::string(TypeName(id)) +
                                  " are not supported yet");
    }
  }
  return Status::Ok();
}

// 23505 when ALTER TABLE finds existing rows that break a new UNIQUE constraint.
Status IndexBuildError(const TableInfo& table, const ConstraintInfo& unique, const Row& row) {
  return Status::Sql(StatusCode::kBusy, "23505",
                     "could not create unique index \"" + unique.name + "\"")
      .WithDetail(KeyDescription(table, unique.columns, row) + " is duplicated.");
}

// The table that has an index (a primary key, UNIQUE constraint or CREATE INDEX) called name.
std::shared_ptr<const TableInfo> IndexOwner(const TransactionCatalog& catalog,
                                            std::string_view name) {
  for (auto& table : catalog.Tables()) {
    if (table->primary_key_name == name) return table;
    for (const auto& unique : table->uniques) {
      if (unique.name == name) return table;
    }
  }
  return nullptr;
}

// Tables, views and indexes share one namespace.
bool RelationNameTaken(const TransactionCatalog& catalog, std::string_view name) {
  return catalog.Find(name) != nullptr || IndexOwner(catalog, name) != nullptr;
}

}  // namespace

Status Session::ExecuteCreateTable(const ast::CreateTableStmt& create, StatementResult* result) {
  result->tag = "CREATE TABLE";
  const std::string& name = create.name.back();
  if (create.name.size() > 1 && create.name[create.name.size() - 2] != "public") {
    return Error("3F000", "schema \"" + create.name[create.name.size() - 2] + "\" does not exist");
  }
  if (RelationNameTaken(*catalog_, name)) {
    if (create.if_not_exists) {
      result->notices.push_back(
          Notice{"NOTICE", "42P07", "relation \"" + name + "\" already exists, skipping"});
      return Status::Ok();
    }
    return Error("42P07", "relation \"" + name + "\" already exists");
  }
  if (create.columns.size() > kMaxColumns) {
    return Error("54011", "tables can have at most 1600 columns");
  }
  auto table = std::make_shared<TableInfo>();
  table->name = name;
  std::set<std::string> constraint_names;
  std::vector<std::pair<std::string, std::string>> checks;  // requested name, SQL
  auto add_primary_key = [&](const std::vector<int>& columns,
                             const std::string& constraint_name) -> Status {
    if (!table->primary_key.empty()) {
      return Error("42P16", "multiple primary keys for table \"" + name + "\" are not allowed");
    }
    table->primary_key = columns;
    table->primary_key_name =
        constraint_name.empty() ? UniqueName(name + "_pkey", &constraint_names) : constraint_name;
    for (int index : columns) table->columns[static_cast<size_t>(index)].not_null = true;
    return Status::Ok();
  };
  auto add_unique = [&](const std::vector<int>& columns, const std::string& constraint_name) {
    ConstraintInfo unique;
    unique.columns = columns;
    unique.name = constraint_name.empty()
                      ? UniqueName(UniqueKeyName(*table, columns), &constraint_names)
                      : constraint_name;
    table->uniques.push_back(std::move(unique));
  };

  for (const auto& column : create.columns) {
    if (table->FindColumn(column.name) >= 0) {
      return Error("42701", "column \"" + column.name + "\" specified more than once");
    }
    ColumnInfo info;
    info.name = column.name;
    DC_ASSIGN_OR_RETURN(info.type, ResolveColumnType(column.type));
    table->columns.push_back(std::move(info));
  }
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  for (size_t i = 0; i < create.columns.size(); ++i) {
    ColumnInfo& info = table->columns[i];
    for (const auto& constraint : create.columns[i].constraints) {
      switch (constraint.kind) {
        case ast::ConstraintKind::kNotNull: info.not_null = true; break;
        case ast::ConstraintKind::kNull: break;
        case ast::ConstraintKind::kDefault: {
          // Checked now (it must bind and convert to the column's type), stored as SQL.
          std::vector<ScopeColumn> none;
          DC_ASSIGN_OR_RETURN(auto bound,
                              binder.BindScalar(*constraint.expr, none, "DEFAULT expression"));
          DC_RETURN_IF_ERROR(
              binder.CoerceForAssignment(std::move(bound), info.type, info.name).status());
          info.default_sql = ToSql(*constraint.expr);
          break;
        }
        case ast::ConstraintKind::kCheck:
          checks.emplace_back(constraint.name.empty()
                                  ? UniqueName(name + "_" + info.name + "_check", &constraint_names)
                                  : constraint.name,
                              ToSql(*constraint.expr));
          break;
        case ast::ConstraintKind::kPrimaryKey:
          DC_RETURN_IF_ERROR(add_primary_key({static_cast<int>(i)}, constraint.name));
          break;
        case ast::ConstraintKind::kUnique:
          add_unique({static_cast<int>(i)}, constraint.name);
          break;
      }
    }
  }
  for (const auto& constraint : create.constraints) {
    std::vector<int> columns;
    for (const auto& column : constraint.columns) {
      const int index = table->FindColumn(column);
      if (index < 0) {
        return Error("42703", "column \"" + column + "\" named in key does not exist");
      }
      columns.push_back(index);
    }
    switch (constraint.kind) {
      case ast::ConstraintKind::kPrimaryKey:
        DC_RETURN_IF_ERROR(add_primary_key(columns, constraint.name));
        break;
      case ast::ConstraintKind::kCheck:
        checks.emplace_back(constraint.name.empty() ? UniqueName(name + "_check", &constraint_names)
                                                    : constraint.name,
                            ToSql(*constraint.expr));
        break;
      case ast::ConstraintKind::kUnique: add_unique(columns, constraint.name); break;
      default: return Error("42601", "misplaced constraint");
    }
  }
  DC_RETURN_IF_ERROR(CheckKeyTypes(*table, table->primary_key));
  for (const auto& unique : table->uniques)
    DC_RETURN_IF_ERROR(CheckKeyTypes(*table, unique.columns));
  // CHECK expressions must bind over the table's columns and be boolean.
  std::vector<ScopeColumn> scope;
  for (size_t i = 0; i < table->columns.size(); ++i) {
    scope.push_back(
        {name, table->columns[i].name, table->columns[i].type, 0, static_cast<int16_t>(i + 1)});
  }
  for (auto& [check_name, sql] : checks) {
    DC_ASSIGN_OR_RETURN(auto expr, ParseExpression(sql));
    DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*expr, scope, "check constraint"));
    if (bound->type.id != TypeId::kBool) {
      return Error("42804", "argument of CHECK must be type boolean, not type " +
                                std::string(TypeName(bound->type.id)));
    }
    ConstraintInfo info;
    info.name = check_name;
    info.check_sql = sql;
    table->checks.push_back(std::move(info));
  }
  table->id = database_->catalog()->NewTableId();
  catalog_->Put(std::move(table), txn_.get());
  return Status::Ok();
}

Status Session::ExecuteCreateView(const ast::CreateViewStmt& create, StatementResult* result) {
  result->tag = "CREATE VIEW";
  const std::string& name = create.name.back();
  auto existing = catalog_->Find(name);
  if ((existing && (!create.or_replace || !existing->is_view)) ||
      (!existing && IndexOwner(*catalog_, name))) {
    return Error("42P07", "relation \"" + name + "\" already exists");
  }
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  DC_ASSIGN_OR_RETURN(BoundQuery bound, binder.BindQuery(*create.query));
  if (create.columns.size() > bound.columns.size()) {
    return Error("42601", "CREATE VIEW specifies more column names than columns");
  }
  auto view = std::make_shared<TableInfo>();
  view->name = name;
  view->is_view = true;
  view->view_sql = ToSql(*create.query);
  for (size_t i = 0; i < bound.columns.size(); ++i) {
    ColumnInfo column;
    column.name = i < create.columns.size() ? create.columns[i] : bound.columns[i].name;
    column.type = bound.columns[i].type;
    view->columns.push_back(std::move(column));
  }
  view->id = existing ? existing->id : database_->catalog()->NewTableId();
  catalog_->Put(std::move(view), txn_.get());
  return Status::Ok();
}

Status Session::ExecuteDrop(const ast::DropStmt& drop, StatementResult* result) {
  if (drop.object == ast::ObjectKind::kIndex) return ExecuteDropIndex(drop, result);
  const bool views = drop.object == ast::ObjectKind::kView;
  result->tag = views ? "DROP VIEW" : "DROP TABLE";
  if (drop.cascade) return Status::NotSupported("DROP ... CASCADE is not supported");
  std::vector<std::shared_ptr<const TableInfo>> tables;
  for (const auto& qualified : drop.names) {
    const std::string& name = qualified.back();
    auto table = catalog_->Find(name);
    if (!table) {
      const std::string what = views ? "view" : "table";
      if (drop.if_exists) {
        result->notices.push_back(
            Notice{"NOTICE", "00000", what + " \"" + name + "\" does not exist, skipping"});
        continue;
      }
      return Error("42P01", what + " \"" + name + "\" does not exist");
    }
    if (table->is_view != views) {
      return Error("42809", "\"" + name + "\" is not a " + (views ? "view" : "table"));
    }
    tables.push_back(std::move(table));
  }
  for (const auto& table : tables) {
    // Views that read the table would break: refuse, as PostgreSQL does without CASCADE.
    for (const auto& other : catalog_->Tables()) {
      if (!other->is_view || other->name == table->name) continue;
      auto statements = Parse(other->view_sql);
      if (statements.ok() && other->view_sql.find(table->name) != std::string::npos) {
        return Status::Sql(StatusCode::kInvalidArgument, "2BP01",
                           "cannot drop " + std::string(views ? "view " : "table ") + table->name +
                               " because other objects depend on it")
            .WithDetail("view " + other->name + " depends on " + (views ? "view " : "table ") +
                        table->name);
      }
    }
    catalog_->Drop(*table, txn_.get());
  }
  return Status::Ok();
}

Status Session::ExecuteTruncate(const ast::TruncateStmt& truncate, StatementResult* result) {
  result->tag = "TRUNCATE TABLE";
  std::vector<std::shared_ptr<const TableInfo>> tables;
  for (const auto& qualified : truncate.tables) {
    auto table = catalog_->Find(qualified.back());
    if (!table) return Error("42P01", "relation \"" + qualified.back() + "\" does not exist");
    if (table->is_view) return Error("42809", "\"" + table->name + "\" is not a table");
    tables.push_back(std::move(table));
  }
  for (const auto& table : tables) {
    txn_->DeleteRange(RowKeyPrefix(table->id), RowKeyEnd(table->id));
    txn_->DeleteRange(UniqueKeysBegin(table->id), UniqueKeysEnd(table->id));
  }
  return Status::Ok();
}

// Reads every row under the old definition and writes it under the new one, checking it:
// new columns get their defaults, and every key and index entry is built again.
Status Session::RewriteRows(const std::shared_ptr<const TableInfo>& current,
                            const TableInfo& table) {
  std::vector<Row> rows;
  ExecContext context = MakeExecContext();
  OperatorPtr scan = MakeTableScan(current, RowKeyPrefix(current->id), RowKeyEnd(current->id),
                                   /*with_key=*/false, "");
  DC_RETURN_IF_ERROR(CollectAll(*scan, context, &rows));
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  txn_->DeleteRange(RowKeyPrefix(current->id), RowKeyEnd(current->id));
  txn_->DeleteRange(UniqueKeysBegin(current->id), UniqueKeysEnd(current->id));
  std::vector<ScopeColumn> none;
  for (Row& row : rows) {
    for (size_t i = row.size(); i < table.columns.size(); ++i) {
      const ColumnInfo& column = table.columns[i];
      Value v = Value::Null(column.type.id);
      if (!column.default_sql.empty()) {
        DC_ASSIGN_OR_RETURN(auto expr, ParseExpression(column.default_sql));
        DC_ASSIGN_OR_RETURN(auto bound, binder.BindScalar(*expr, none));
        DC_ASSIGN_OR_RETURN(bound,
                            binder.CoerceForAssignment(std::move(bound), column.type, column.name));
        DC_ASSIGN_OR_RETURN(v, Eval(*bound, Row{}, context.eval));
      }
      row.push_back(std::move(v));
    }
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (table.columns[i].not_null && !table.columns[i].dropped && row[i].is_null()) {
        return Error("23502", "column \"" + table.columns[i].name + "\" of relation \"" +
                                  current->name + "\" contains null values");
      }
    }
    std::string key = RowKeyPrefix(table.id);
    if (table.primary_key.empty()) {
      DC_ASSIGN_OR_RETURN(int64_t id, database_->catalog()->NextRowId(table));
      DC_RETURN_IF_ERROR(AppendKeyColumn(Value::Int8(id), &key));
    } else {
      for (int index : table.primary_key)
        DC_RETURN_IF_ERROR(AppendKeyColumn(row[static_cast<size_t>(index)], &key));
    }
    DC_ASSIGN_OR_RETURN(auto existing, txn_->Get(key));
    if (existing) {
      return Status::Sql(StatusCode::kBusy, "23505",
                         "could not create unique index \"" + table.primary_key_name + "\"")
          .WithDetail("Key is duplicated.");
    }
    DC_ASSIGN_OR_RETURN(auto conflict, FindUniqueConflict(table, row, "", *txn_));
    if (conflict) return IndexBuildError(table, table.uniques[conflict->first], row);
    DC_RETURN_IF_ERROR(InsertUniqueEntries(table, row, key, txn_.get()));
    std::string value;
    EncodeRow(row, &value);
    txn_->Put(key, value);
  }
  return Status::Ok();
}

Status Session::ExecuteAlter(const ast::AlterTableStmt& alter, StatementResult* result) {
  result->tag = "ALTER TABLE";
  const std::string& name = alter.table.back();
  auto current = catalog_->Find(name);
  if (!current) {
    if (alter.if_exists) {
      result->notices.push_back(
          Notice{"NOTICE", "00000", "relation \"" + name + "\" does not exist, skipping"});
      return Status::Ok();
    }
    return Error("42P01", "relation \"" + name + "\" does not exist");
  }
  if (current->is_view) return Status::NotSupported("ALTER TABLE on a view");
  auto table = std::make_shared<TableInfo>(*current);
  bool rewrite = false;  // every row must be read and written again
  std::vector<int> new_primary_key;
  std::string old_name;
  std::set<std::string> constraint_names;
  if (!table->primary_key_name.empty()) constraint_names.insert(table->primary_key_name);
  for (const auto& unique : table->uniques) constraint_names.insert(unique.name);
  for (const auto& check : table->checks) constraint_names.insert(check.name);
  // A new UNIQUE constraint: its entries are built by the rewrite.
  auto add_unique = [&](std::vector<int> columns, const std::string& constraint_name) -> Status {
    DC_RETURN_IF_ERROR(CheckKeyTypes(*table, columns));
    ConstraintInfo unique;
    unique.name = constraint_name.empty()
                      ? UniqueName(UniqueKeyName(*table, columns), &constraint_names)
                      : constraint_name;
    unique.columns = std::move(columns);
    table->uniques.push_back(std::move(unique));
    rewrite = true;
    return Status::Ok();
  };
  for (const auto& command : alter.commands) {
    switch (command.kind) {
      case ast::AlterKind::kAddColumn: {
        if (table->FindColumn(command.column.name) >= 0) {
          if (command.if_exists) {
            result->notices.push_back(Notice{"NOTICE", "42701",
                                             "column \"" + command.column.name +
                                                 "\" of relation \"" + name +
                                                 "\" already exists, skipping"});
            continue;
          }
          return Error("42701", "column \"" + command.column.name + "\" of relation \"" + name +
                                    "\" already exists");
        }
        if (table->columns.size() >= kMaxColumns) {
          return Error("54011", "tables can have at most 1600 columns");
        }
        ColumnInfo column;
        column.name = command.column.name;
        DC_ASSIGN_OR_RETURN(column.type, ResolveColumnType(command.column.type));
        for (const auto& constraint : command.column.constraints) {
          if (constraint.kind == ast::ConstraintKind::kDefault) {
            column.default_sql = ToSql(*constraint.expr);
            rewrite = true;  // existing rows take the default
          } else if (constraint.kind == ast::ConstraintKind::kNotNull) {
            column.not_null = true;
            rewrite = true;
          } else if (constraint.kind != ast::ConstraintKind::kNull &&
                     constraint.kind != ast::ConstraintKind::kUnique) {
            return Status::NotSupported(
                "constraints in ALTER TABLE ADD COLUMN other than DEFAULT, NOT NULL and UNIQUE");
          }
        }
        table->columns.push_back(std::move(column));
        for (const auto& constraint : command.column.constraints) {
          if (constraint.kind == ast::ConstraintKind::kUnique) {
            DC_RETURN_IF_ERROR(
                add_unique({static_cast<int>(table->columns.size() - 1)}, constraint.name));
          }
        }
        break;
      }
      case ast::AlterKind::kDropColumn: {
        const int index = table->FindColumn(command.name);
        if (index < 0) {
          if (command.if_exists) {
            result->notices.push_back(Notice{"NOTICE", "00000",
                                             "column \"" + command.name + "\" of relation \"" +
                                                 name + "\" does not exist, skipping"});
            continue;
          }
          return Error("42703", "column \"" + command.name + "\" of relation \"" + name +
                                    "\" does not exist");
        }
        for (int key : table->primary_key) {
          if (key == index) return Status::NotSupported("dropping a primary key column");
        }
        if (!table->checks.empty())
          return Status::NotSupported("dropping a column of a table with CHECK constraints");
        // As in PostgreSQL, the UNIQUE constraints on the column go with it; the rewrite
        // renumbers the rest.
        const size_t uniques = table->uniques.size();
        std::erase_if(table->uniques, [index](const ConstraintInfo& unique) {
          return std::find(unique.columns.begin(), unique.columns.end(), index) !=
                 unique.columns.end();
        });
        rewrite = rewrite || table->uniques.size() != uniques;
        table->columns[static_cast<size_t>(index)].dropped = true;
        table->columns[static_cast<size_t>(index)].name.clear();
        break;
      }
      case ast::AlterKind::kRenameColumn: {
        const int index = table->FindColumn(command.name);
        if (index < 0) {
          return Error("42703", "column \"" + command.name + "\" does not exist");
        }
        if (table->FindColumn(command.new_name) >= 0) {
          return Error("42701", "column \"" + command.new_name + "\" of relation \"" + name +
                                    "\" already exists");
        }
        if (!table->checks.empty())
          return Status::NotSupported("renaming a column of a table with CHECK constraints");
        table->columns[static_cast<size_t>(index)].name = command.new_name;
        break;
      }
      case ast::AlterKind::kRenameTable:
        if (RelationNameTaken(*catalog_, command.new_name)) {
          return Error("42P07", "relation \"" + command.new_name + "\" already exists");
        }
        old_name = table->name;
        table->name = command.new_name;
        break;
      case ast::AlterKind::kAddConstraint: {
        const auto& constraint = command.constraint;
        if (constraint.kind == ast::ConstraintKind::kUnique) {
          std::vector<int> columns;
          for (const auto& column : constraint.columns) {
            const int index = table->FindColumn(column);
            if (index < 0)
              return Error("42703", "column \"" + column + "\" named in key does not exist");
            columns.push_back(index);
          }
          DC_RETURN_IF_ERROR(add_unique(std::move(columns), constraint.name));
          break;
        }
        if (constraint.kind != ast::ConstraintKind::kPrimaryKey) {
          return Status::NotSupported(
              "ALTER TABLE ADD constraints other than PRIMARY KEY and UNIQUE");
        }
        if (!table->primary_key.empty()) {
          return Error("42P16", "multiple primary keys for table \"" + name + "\" are not allowed");
        }
        for (const auto& column : constraint.columns) {
          const int index = table->FindColumn(column);
          if (index < 0)
            return Error("42703",
                         "column \"" + column + "\" of relation \"" + name + "\" does not exist");
          new_primary_key.push_back(index);
        }
        table->primary_key = new_primary_key;
        table->primary_key_name = constraint.name.empty() ? name + "_pkey" : constraint.name;
        for (int index : new_primary_key)
          table->columns[static_cast<size_t>(index)].not_null = true;
        rewrite = true;
        break;
      }
    }
  }
  if (rewrite) DC_RETURN_IF_ERROR(RewriteRows(current, *table));
  if (!old_name.empty()) {
    catalog_->Rename(old_name, std::move(table), txn_.get());
  } else {
    catalog_->Put(std::move(table), txn_.get());
  }
  return Status::Ok();
}

Status Session::ExecuteCreateIndex(const ast::CreateIndexStmt& create, StatementResult* result) {
  result->tag = "CREATE INDEX";
  const std::string& table_name = create.table.back();
  auto current = catalog_->Find(table_name);
  if (!current) return Error("42P01", "relation \"" + table_name + "\" does not exist");
  if (current->is_view) {
    return Error("42809", "cannot create index on relation \"" + table_name + "\"")
        .WithDetail("This operation is not supported for views.");
  }
  auto table = std::make_shared<TableInfo>(*current);
  ConstraintInfo index;
  index.from_create_index = true;
  index.unique = create.unique;
  std::string default_name = table->name;
  for (const auto& elem : create.columns) {
    const int column = table->FindColumn(elem.column);
    if (column < 0) return Error("42703", "column \"" + elem.column + "\" does not exist");
    index.columns.push_back(column);
    index.descending.push_back(elem.descending);
    default_name += "_" + elem.column;
  }
  DC_RETURN_IF_ERROR(CheckKeyTypes(*table, index.columns));
  // Indexes share the relations' namespace: a table, view or index of that name is taken.
  std::set<std::string> taken;
  for (const auto& other : catalog_->Tables()) {
    taken.insert(other->name);
    if (!other->primary_key_name.empty()) taken.insert(other->primary_key_name);
    for (const auto& unique : other->uniques) taken.insert(unique.name);
  }
  if (create.name.empty()) {
    index.name = UniqueName(default_name + "_idx", &taken);
  } else if (taken.count(create.name)) {
    if (create.if_not_exists) {
      result->notices.push_back(
          Notice{"NOTICE", "42P07", "relation \"" + create.name + "\" already exists, skipping"});
      return Status::Ok();
    }
    return Error("42P07", "relation \"" + create.name + "\" already exists");
  } else {
    index.name = create.name;
  }
  if (table->uniques.size() >= 250) {
    return Status::NotSupported("more than 250 indexes on one table");
  }
  table->uniques.push_back(std::move(index));
  DC_RETURN_IF_ERROR(RewriteRows(current, *table));
  catalog_->Put(std::move(table), txn_.get());
  return Status::Ok();
}

Status Session::ExecuteDropIndex(const ast::DropStmt& drop, StatementResult* result) {
  result->tag = "DROP INDEX";
  if (drop.cascade) return Status::NotSupported("DROP ... CASCADE is not supported");
  // Each index's table without it; several indexes of one table are dropped together.
  std::map<std::string, std::shared_ptr<TableInfo>> changed;
  std::map<std::string, std::shared_ptr<const TableInfo>> before;
  for (const auto& qualified : drop.names) {
    const std::string& name = qualified.back();
    auto owner = IndexOwner(*catalog_, name);
    if (!owner) {
      if (catalog_->Find(name)) return Error("42809", "\"" + name + "\" is not an index");
      if (drop.if_exists) {
        result->notices.push_back(
            Notice{"NOTICE", "00000", "index \"" + name + "\" does not exist, skipping"});
        continue;
      }
      return Error("42704", "index \"" + name + "\" does not exist");
    }
    auto& table = changed[owner->name];
    if (!table) {
      table = std::make_shared<TableInfo>(*owner);
      before[owner->name] = owner;
    }
    auto it = std::find_if(table->uniques.begin(), table->uniques.end(),
                           [&](const ConstraintInfo& u) { return u.name == name; });
    if (it == table->uniques.end() || !it->from_create_index) {
      // A primary key's or UNIQUE constraint's index goes with its constraint.
      return Status::Sql(StatusCode::kInvalidArgument, "2BP01",
                         "cannot drop index " + name + " because constraint " + name +
                             " on table " + owner->name + " requires it")
          .WithHint("You can drop constraint " + name + " on table " + owner->name + " instead.");
    }
    table->uniques.erase(it);
  }
  for (auto& [name, table] : changed) {
    // Entries are numbered by position: those after the dropped one move down.
    DC_RETURN_IF_ERROR(RewriteRows(before[name], *table));
    catalog_->Put(std::move(table), txn_.get());
  }
  return Status::Ok();
}

}  // namespace datacave::sql
