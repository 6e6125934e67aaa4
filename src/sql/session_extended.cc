// The extended query protocol: prepared statements and portals on top of the statement
// runner the simple protocol uses. A portal runs its statement once, in full, the first time
// it is described or executed; Execute then hands out its rows in batches. Statements run
// outside BEGIN share one implicit transaction until Sync, as in PostgreSQL.

#include <algorithm>
#include <charconv>

#include "sql/cursor.h"
#include "sql/parser/lexer.h"
#include "sql/parser/parser.h"
#include "sql/session.h"
#include "sql/types/binary.h"
#include "sql/types/cast.h"

namespace datacave::sql {

struct Session::PreparedStatement {
  std::string sql;
  ast::StatementPtr statement;  // null for an empty query string
  std::vector<Type> parameter_types;
  bool returns_rows = false;  // known before running only for SELECT and FETCH
  std::vector<OutputColumn> columns;
};

struct Session::Portal {
  std::shared_ptr<const PreparedStatement> statement;  // shared: Close may drop the name
  std::vector<Type> parameter_types;  // the statement's; the binder fills unknown ones
  std::vector<Value> parameters;
  std::vector<int16_t> result_formats;
  bool ran = false;
  StatementResult result;
  size_t next_row = 0;
};

namespace {

Status Error(StatusCode code, std::string_view sqlstate, std::string message) {
  return Status::Sql(code, sqlstate, std::move(message));
}

Status InFailedTransaction() {
  return Error(StatusCode::kAborted, "25P02",
               "current transaction is aborted, commands ignored until end of transaction block");
}

Status ProtocolError(std::string message) {
  return Error(StatusCode::kInvalidArgument, "08P01", std::move(message));
}

std::string StatementName(std::string_view name) {
  return name.empty() ? "unnamed prepared statement"
                      : "prepared statement \"" + std::string(name) + "\"";
}

// The highest $n in the text, so that Bind can check the count before the statement runs.
Result<size_t> CountParameters(std::string_view sql) {
  DC_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(sql));
  size_t count = 0;
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::kParameter) continue;
    size_t n = 0;
    auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), n);
    if (ec == std::errc() && n <= 65535) count = std::max(count, n);
  }
  return count;
}

// One Bind value as the parameter's type reads it. A text value whose type is still unknown
// stays a string until the binder types the parameter (EvalContext).
Result<Value> ReadParameter(const Type& type, int16_t format, const std::optional<std::string>& raw,
                            size_t index) {
  if (!raw) return Value::Null(type.id);
  if (format == 0) {
    DC_RETURN_IF_ERROR(ValidateUtf8(*raw));
    if (type.id == TypeId::kUnknown) return Value::String(TypeId::kUnknown, *raw);
    return ParseText(type, *raw);
  }
  if (type.id == TypeId::kUnknown) {
    return Error(StatusCode::kInvalidArgument, "42P18",
                 "could not determine data type of parameter $" + std::to_string(index + 1));
  }
  auto value = ParseBinary(type, *raw);
  if (!value.ok() && value.status().sqlstate() == "22P03" &&
      value.status().message() == "incorrect binary data format") {
    return Error(StatusCode::kInvalidArgument, "22P03",
                 "incorrect binary data format in bind parameter " + std::to_string(index + 1));
  }
  return value;
}

}  // namespace

void Session::AbortStatement() {
  if (state_ == TransactionState::kInBlock) {
    state_ = TransactionState::kFailed;
  } else if (state_ == TransactionState::kIdle) {
    RollbackTransaction();
  }
  implicit_block_ = false;
}

Status Session::Prepare(const std::string& name, std::string_view sql,
                        const std::vector<uint32_t>& parameter_type_oids) {
  auto fail = [this](Status s) {
    AbortStatement();
    return s;
  };
  if (!name.empty() && statements_.count(name)) {
    return fail(Error(StatusCode::kInvalidArgument, "42P05",
                      "prepared statement \"" + name + "\" already exists"));
  }
  auto parsed = Parse(sql);
  if (!parsed.ok()) return fail(parsed.status());
  if (parsed->size() > 1) {
    return fail(Error(StatusCode::kInvalidArgument, "42601",
                      "cannot insert multiple commands into a prepared statement"));
  }
  auto prepared = std::make_shared<PreparedStatement>();
  prepared->sql = std::string(sql);
  for (uint32_t oid : parameter_type_oids) {
    if (oid == 0) {
      prepared->parameter_types.push_back(Type::Of(TypeId::kUnknown));
      continue;
    }
    auto id = TypeIdFromOid(oid);
    if (!id.ok()) {
      return fail(Error(StatusCode::kNotFound, "42704",
                        "type with OID " + std::to_string(oid) + " does not exist"));
    }
    prepared->parameter_types.push_back(Type::Of(*id));
  }
  auto count = CountParameters(sql);
  if (!count.ok()) return fail(count.status());
  if (prepared->parameter_types.size() < *count) {
    prepared->parameter_types.resize(*count, Type::Of(TypeId::kUnknown));
  }
  if (!parsed->empty()) {
    prepared->statement = std::move(parsed->front());
    const ast::Statement& statement = *prepared->statement;
    if (state_ == TransactionState::kFailed && statement.kind != ast::StatementKind::kTransaction) {
      return fail(InFailedTransaction());
    }
    const bool select = statement.kind == ast::StatementKind::kSelect;
    if (select || statement.kind == ast::StatementKind::kDeclareCursor) {
      // Bound now for Describe: the binder infers the $n types the client left open (a
      // DECLARE's from its query, though it returns no rows itself).
      EnsureTransaction();
      if (state_ == TransactionState::kIdle) implicit_block_ = true;
      Binder binder = MakeBinder(&prepared->parameter_types);
      auto bound = binder.BindQuery(select ? *statement.As<ast::QueryStatement>().query
                                           : *statement.As<ast::DeclareCursorStmt>().query);
      if (!bound.ok()) return fail(bound.status());
      prepared->returns_rows = select;
      if (select) prepared->columns = std::move(bound->columns);
      for (Type& type : prepared->parameter_types) {
        if (type.id == TypeId::kUnknown) type = Type::Of(TypeId::kText);
      }
    } else if (statement.kind == ast::StatementKind::kFetch) {
      // A FETCH is described by its cursor's columns, if the cursor exists now (as
      // PostgreSQL's UtilityTupleDescriptor); a MOVE returns none.
      const auto& fetch = statement.As<ast::FetchStmt>();
      if (const Cursor* cursor = FindCursor(fetch.cursor); cursor && !fetch.move) {
        prepared->returns_rows = true;
        prepared->columns = cursor->columns();
      }
    } else if (statement.kind == ast::StatementKind::kInsert ||
               statement.kind == ast::StatementKind::kUpdate) {
      InferAssignedParameters(statement, &prepared->parameter_types);
    }
  }
  statements_[name] = std::move(prepared);
  return Status::Ok();
}

// A $n that is a whole INSERT value or UPDATE SET value has its column's type, as in
// PostgreSQL; knowing it before the statement runs lets Describe report it and Bind read the
// value strictly. Other $n of these statements are typed when they run.
void Session::InferAssignedParameters(const ast::Statement& statement, std::vector<Type>* types) {
  const bool insert = statement.kind == ast::StatementKind::kInsert;
  const ast::TargetTable& target =
      insert ? statement.As<ast::InsertStmt>().table : statement.As<ast::UpdateStmt>().table;
  EnsureTransaction();
  if (state_ == TransactionState::kIdle) implicit_block_ = true;
  auto table = catalog_->Find(target.name.back());
  if (!table) return;  // 42P01 when the statement runs
  auto assign = [&](const std::string& column, const ast::Expr& expr) {
    if (expr.kind != ast::ExprKind::kParameter) return;
    const int index = expr.As<ast::ParameterExpr>().index;
    const int column_index = table->FindColumn(column);
    if (column_index < 0 || index < 1 || static_cast<size_t>(index) > types->size()) return;
    Type& type = (*types)[static_cast<size_t>(index - 1)];
    if (type.id == TypeId::kUnknown) type = table->columns[static_cast<size_t>(column_index)].type;
  };
  if (!insert) {
    for (const ast::SetClause& set : statement.As<ast::UpdateStmt>().set)
      assign(set.column, *set.value);
    return;
  }
  const auto& insert_statement = statement.As<ast::InsertStmt>();
  std::vector<std::string> columns = insert_statement.columns;
  if (columns.empty()) {
    for (const ColumnInfo& column : table->columns) {
      if (!column.dropped) columns.push_back(column.name);
    }
  }
  const ast::SelectStmt* source = insert_statement.source.get();
  if (!source || source->body != ast::SelectStmt::Body::kValues) return;
  for (const auto& row : source->values) {
    for (size_t i = 0; i < row.size() && i < columns.size(); ++i) assign(columns[i], *row[i]);
  }
}

Result<Description> Session::DescribeStatement(std::string_view name) {
  auto it = statements_.find(name);
  if (it == statements_.end()) {
    AbortStatement();
    return Error(StatusCode::kNotFound, "26000", StatementName(name) + " does not exist");
  }
  const PreparedStatement& prepared = *it->second;
  Description description;
  for (const Type& type : prepared.parameter_types) {
    // Until a statement other than SELECT runs, a $n the client left open is described as
    // text, which is what PostgreSQL infers when nothing else decides.
    description.parameter_types.push_back(type.id == TypeId::kUnknown ? Type::Of(TypeId::kText)
                                                                      : type);
  }
  description.returns_rows = prepared.returns_rows;
  description.columns = prepared.columns;
  return description;
}

Status Session::Bind(const std::string& portal_name, std::string_view statement_name,
                     const std::vector<int16_t>& parameter_formats,
                     const std::vector<std::optional<std::string>>& values,
                     std::vector<int16_t> result_formats) {
  auto fail = [this](Status s) {
    AbortStatement();
    return s;
  };
  auto it = statements_.find(statement_name);
  if (it == statements_.end()) {
    return fail(
        Error(StatusCode::kNotFound, "26000", StatementName(statement_name) + " does not exist"));
  }
  std::shared_ptr<const PreparedStatement> prepared = it->second;
  if (state_ == TransactionState::kFailed &&
      !(prepared->statement && prepared->statement->kind == ast::StatementKind::kTransaction)) {
    return fail(InFailedTransaction());
  }
  // PostgreSQL's words for a portal are a cursor's, whichever made the name first.
  if (!portal_name.empty() && (portals_.count(portal_name) || FindCursor(portal_name))) {
    return fail(Error(StatusCode::kInvalidArgument, "42P03",
                      "cursor \"" + portal_name + "\" already exists"));
  }
  if (parameter_formats.size() > 1 && parameter_formats.size() != values.size()) {
    return fail(ProtocolError("bind message has " + std::to_string(parameter_formats.size()) +
                              " parameter formats but " + std::to_string(values.size()) +
                              " parameters"));
  }
  if (values.size() != prepared->parameter_types.size()) {
    return fail(ProtocolError("bind message supplies " + std::to_string(values.size()) +
                              " parameters, but prepared statement \"" +
                              std::string(statement_name) + "\" requires " +
                              std::to_string(prepared->parameter_types.size())));
  }
  for (int16_t format : result_formats) {
    if (format != 0 && format != 1) {
      return fail(ProtocolError("unsupported format code: " + std::to_string(format)));
    }
  }
  auto portal = std::make_shared<Portal>();
  portal->statement = prepared;
  portal->parameter_types = prepared->parameter_types;
  for (size_t i = 0; i < values.size(); ++i) {
    const int16_t format = parameter_formats.empty()       ? 0
                           : parameter_formats.size() == 1 ? parameter_formats[0]
                                                           : parameter_formats[i];
    if (format != 0 && format != 1) {
      return fail(ProtocolError("unsupported format code: " + std::to_string(format)));
    }
    auto value = ReadParameter(prepared->parameter_types[i], format, values[i], i);
    if (!value.ok()) return fail(value.status());
    portal->parameters.push_back(std::move(value).value());
  }
  portal->result_formats = std::move(result_formats);
  portals_[portal_name] = std::move(portal);
  return Status::Ok();
}

Status Session::RunPortal(Portal& portal) {
  if (portal.ran) return Status::Ok();
  portal.ran = true;
  if (!portal.statement->statement) return Status::Ok();  // an empty query
  // Outside BEGIN, statements share one implicit transaction until Sync.
  if (state_ == TransactionState::kIdle) implicit_block_ = true;
  bound_parameter_types_ = &portal.parameter_types;
  bound_parameters_ = portal.parameters;
  Status s = ExecuteStatement(*portal.statement->statement, portal.statement->sql, &portal.result);
  bound_parameter_types_ = nullptr;
  bound_parameters_ = {};
  if (!s.ok()) AbortStatement();
  return s;
}

Result<Session::Portal*> Session::FindPortal(std::string_view name) {
  auto it = portals_.find(name);
  if (it != portals_.end()) return it->second.get();
  AbortStatement();
  return Error(StatusCode::kNotFound, "34000",
               "portal \"" + std::string(name) + "\" does not exist");
}

Cursor* Session::FindCursorPortal(std::string_view name) const {
  return portals_.count(name) ? nullptr : FindCursor(name);
}

Result<Description> Session::DescribePortal(std::string_view name) {
  if (Cursor* cursor = FindCursorPortal(name)) {
    if (state_ == TransactionState::kFailed) return InFailedTransaction();
    Description description;
    description.returns_rows = true;
    description.columns = cursor->columns();
    return description;
  }
  DC_ASSIGN_OR_RETURN(Portal * found, FindPortal(name));
  Portal& portal = *found;
  Description description;
  // A COPY has no row description (NoData), and its data exchange starts with Execute.
  const ast::Statement* statement = portal.statement->statement.get();
  if (statement && statement->kind == ast::StatementKind::kCopy) return description;
  DC_RETURN_IF_ERROR(RunPortal(portal));
  description.returns_rows = portal.result.returns_rows;
  description.columns = portal.result.columns;
  description.result_formats = portal.result_formats;
  return description;
}

Result<PortalBatch> Session::ExecutePortal(std::string_view name, int64_t max_rows) {
  if (Cursor* cursor = FindCursorPortal(name)) {
    if (state_ == TransactionState::kFailed) return InFailedTransaction();
    return ExecuteCursorPortal(*cursor, max_rows);
  }
  DC_ASSIGN_OR_RETURN(Portal * found, FindPortal(name));
  Portal& portal = *found;
  PortalBatch batch;
  DC_RETURN_IF_ERROR(RunPortal(portal));
  batch.result.notices = std::move(portal.result.notices);  // once, with the first batch
  if (!portal.statement->statement) {
    batch.empty_query = true;
    return batch;
  }
  StatementResult& all = portal.result;
  if (all.copy != CopyDirection::kNone) {
    batch.result.copy = all.copy;
    batch.result.copy_columns = all.copy_columns;
    batch.result.copy_data = std::move(all.copy_data);
    batch.result.tag = all.tag;
    return batch;
  }
  batch.result.returns_rows = all.returns_rows;
  batch.result.columns = all.columns;
  const size_t remaining = all.rows.size() - portal.next_row;
  const size_t take = max_rows > 0 ? std::min(remaining, static_cast<size_t>(max_rows)) : remaining;
  batch.result.rows.assign(all.rows.begin() + static_cast<ptrdiff_t>(portal.next_row),
                           all.rows.begin() + static_cast<ptrdiff_t>(portal.next_row + take));
  portal.next_row += take;
  if (take < remaining) {
    batch.suspended = true;
    return batch;
  }
  // As PostgreSQL, a SELECT's tag counts the rows of this Execute.
  batch.result.tag = portal.statement->statement->kind == ast::StatementKind::kSelect
                         ? "SELECT " + std::to_string(take)
                         : all.tag;
  return batch;
}

void Session::Close(char kind, std::string_view name) {
  if (kind == 'S') {
    auto it = statements_.find(name);
    if (it != statements_.end()) statements_.erase(it);
  } else {
    auto it = portals_.find(name);
    if (it != portals_.end()) {
      portals_.erase(it);
    } else if (auto cursor = cursors_.find(name); cursor != cursors_.end()) {
      held_cursors_.erase(cursor->first);
      cursors_.erase(cursor);
    }
  }
}

Status Session::Sync() {
  Status s;
  if (state_ == TransactionState::kIdle && txn_) s = CommitTransaction();
  implicit_block_ = false;
  // Portals live as long as their transaction.
  if (state_ == TransactionState::kIdle) portals_.clear();
  return s;
}

}  // namespace datacave::sql
