// Statements other than queries: INSERT, UPDATE, DELETE, CREATE/DROP/ALTER/TRUNCATE,
// transactions, SET/RESET/SHOW, EXPLAIN, COPY, VACUUM/ANALYZE (cursors: parse_cursor.cc); and the
// statement kinds PostgreSQL has that Datacave recognises without running them.

#include "sql/parser/keywords.h"
#include "sql/parser/parser_internal.h"

namespace datacave::sql {
namespace {

std::string Upper(std::string word) {
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

template <typename T>
Result<ast::StatementPtr> Finish(std::unique_ptr<T> statement) {
  return ast::StatementPtr(std::move(statement));
}

}  // namespace

Result<ast::StatementPtr> Parser::ParseStatement() {
  const Token& start = Peek();
  if (start.kind == TokenKind::kPunctuation && start.text == "(") {
    auto statement = std::make_unique<ast::QueryStatement>();
    DC_ASSIGN_OR_RETURN(statement->query, ParseSelect());
    return Finish(std::move(statement));
  }
  if (start.kind != TokenKind::kIdentifier || start.quoted) return SyntaxError();
  const std::string& word = start.text;
  if (word == "select" || word == "values" || word == "table") {
    auto statement = std::make_unique<ast::QueryStatement>();
    DC_ASSIGN_OR_RETURN(statement->query, ParseSelect());
    return Finish(std::move(statement));
  }
  if (word == "with") {
    // WITH ... SELECT, or WITH ... INSERT/UPDATE/DELETE.
    const size_t saved = pos_;
    DC_ASSIGN_OR_RETURN(auto with, ParseWith());
    if (IsKeyword("insert")) return ParseInsert(std::move(with));
    if (IsKeyword("update")) return ParseUpdate(std::move(with));
    if (IsKeyword("delete")) return ParseDelete(std::move(with));
    pos_ = saved;
    auto statement = std::make_unique<ast::QueryStatement>();
    DC_ASSIGN_OR_RETURN(statement->query, ParseSelect());
    return Finish(std::move(statement));
  }
  if (word == "insert") return ParseInsert(nullptr);
  if (word == "update") return ParseUpdate(nullptr);
  if (word == "delete") return ParseDelete(nullptr);
  if (word == "create") return ParseCreate();
  if (word == "drop") return ParseDrop();
  if (word == "truncate") return ParseTruncate();
  if (word == "alter") return ParseAlter();
  if (word == "begin" || word == "start" || word == "commit" || word == "end" ||
      word == "rollback" || word == "abort" || word == "savepoint" || word == "release") {
    return ParseTransaction();
  }
  if (word == "set") return ParseSet();
  if (word == "reset") return ParseReset();
  if (word == "show") return ParseShow();
  if (word == "explain") return ParseExplain();
  if (word == "copy") return ParseCopy();
  if (word == "vacuum" || word == "analyze" || word == "analyse") return ParseVacuum();
  if (word == "declare") return ParseDeclareCursor();
  if (word == "fetch" || word == "move") return ParseFetch();
  if (word == "close") return ParseClose();
  static constexpr std::string_view kUnsupported[] = {
      "call",     "checkpoint", "cluster", "comment", "deallocate", "discard",  "do",     "execute",
      "grant",    "import",     "listen",  "load",    "lock",       "merge",    "notify", "prepare",
      "reassign", "refresh",    "reindex", "revoke",  "security",   "unlisten",
  };
  for (std::string_view keyword : kUnsupported) {
    if (word == keyword) {
      return Unsupported(Upper(std::string(keyword)));
    }
  }
  return SyntaxError();
}

// Skips the rest of the statement (to the next ';' outside parentheses).
Result<ast::StatementPtr> Parser::Unsupported(std::string feature) {
  int depth = 0;
  while (!AtEnd()) {
    if (IsPunct("(")) ++depth;
    if (IsPunct(")")) --depth;
    if (IsPunct(";") && depth <= 0) break;
    Next();
  }
  auto statement = std::make_unique<ast::UnsupportedStmt>();
  statement->feature = std::move(feature);
  return Finish(std::move(statement));
}

// ---- DML

Result<ast::TargetTable> Parser::ParseTargetTable(bool alias_needs_as) {
  ast::TargetTable table;
  table.location = Location(Peek());
  AcceptKeyword("only");
  DC_ASSIGN_OR_RETURN(table.name, ParseQualifiedName());
  AcceptOperator("*");
  if (AcceptKeyword("as")) {
    DC_ASSIGN_OR_RETURN(table.alias, ParseColId());
  } else if (!alias_needs_as && IsColId() && !IsKeyword("set")) {
    table.alias = Next().text;
  }
  return table;
}

Result<std::vector<ast::ResultTarget>> Parser::ParseReturning() {
  if (!AcceptKeyword("returning")) return std::vector<ast::ResultTarget>();
  return ParseTargetList();
}

Result<std::vector<ast::SetClause>> Parser::ParseSetClauses() {
  std::vector<ast::SetClause> clauses;
  do {
    if (IsPunct("(")) return NotSupportedAt(Peek(), "multiple-column UPDATE SET");
    ast::SetClause clause;
    clause.location = Location(Peek());
    DC_ASSIGN_OR_RETURN(clause.column, ParseColId());
    if (IsPunct(".") || IsPunct("[")) {
      return NotSupportedAt(Peek(), "assignment to a field or element of a column");
    }
    if (!AcceptOperator("=")) return SyntaxError();
    DC_ASSIGN_OR_RETURN(clause.value, ParseExpr());
    clauses.push_back(std::move(clause));
  } while (AcceptPunct(","));
  return clauses;
}

Result<ast::StatementPtr> Parser::ParseInsert(std::unique_ptr<ast::WithClause> with) {
  Next();  // INSERT
  DC_RETURN_IF_ERROR(ExpectKeyword("into"));
  auto insert = std::make_unique<ast::InsertStmt>();
  insert->with = std::move(with);
  DC_ASSIGN_OR_RETURN(insert->table, ParseTargetTable(/*alias_needs_as=*/true));
  if (IsPunct("(") && !IsSelectStart(1)) {
    DC_ASSIGN_OR_RETURN(insert->columns, ParseNameList());
  }
  if (IsKeyword("overriding")) return NotSupportedAt(Peek(), "OVERRIDING");
  if (IsKeyword("default") && IsKeyword("values", 1)) {
    Next();
    Next();
  } else {
    DC_ASSIGN_OR_RETURN(insert->source, ParseSelect());
  }
  if (IsKeyword("on") && IsKeyword("conflict", 1)) {
    Next();
    Next();
    auto on_conflict = std::make_unique<ast::OnConflict>();
    if (IsPunct("(")) {
      DC_ASSIGN_OR_RETURN(on_conflict->columns, ParseNameList());
      if (IsKeyword("where")) return NotSupportedAt(Peek(), "ON CONFLICT ... WHERE");
    } else if (IsKeyword("on") && IsKeyword("constraint", 1)) {
      return NotSupportedAt(Peek(), "ON CONFLICT ON CONSTRAINT");
    }
    DC_RETURN_IF_ERROR(ExpectKeyword("do"));
    if (AcceptKeyword("update")) {
      on_conflict->do_update = true;
      DC_RETURN_IF_ERROR(ExpectKeyword("set"));
      DC_ASSIGN_OR_RETURN(on_conflict->set, ParseSetClauses());
      if (AcceptKeyword("where")) {
        DC_ASSIGN_OR_RETURN(on_conflict->where, ParseExpr());
      }
      if (on_conflict->columns.empty()) {
        return ErrorAt(Peek(), "42601",
                       "ON CONFLICT DO UPDATE requires inference specification or constraint "
                       "name");
      }
    } else {
      DC_RETURN_IF_ERROR(ExpectKeyword("nothing"));
    }
    insert->on_conflict = std::move(on_conflict);
  }
  DC_ASSIGN_OR_RETURN(insert->returning, ParseReturning());
  return Finish(std::move(insert));
}

Result<ast::StatementPtr> Parser::ParseUpdate(std::unique_ptr<ast::WithClause> with) {
  Next();  // UPDATE
  auto update = std::make_unique<ast::UpdateStmt>();
  update->with = std::move(with);
  DC_ASSIGN_OR_RETURN(update->table, ParseTargetTable(false));
  DC_RETURN_IF_ERROR(ExpectKeyword("set"));
  DC_ASSIGN_OR_RETURN(update->set, ParseSetClauses());
  if (AcceptKeyword("from")) {
    DC_ASSIGN_OR_RETURN(update->from, ParseFromList());
  }
  if (AcceptKeyword("where")) {
    if (IsKeyword("current") && IsKeyword("of", 1)) {
      return NotSupportedAt(Peek(), "WHERE CURRENT OF");
    }
    DC_ASSIGN_OR_RETURN(update->where, ParseExpr());
  }
  DC_ASSIGN_OR_RETURN(update->returning, ParseReturning());
  return Finish(std::move(update));
}

Result<ast::StatementPtr> Parser::ParseDelete(std::unique_ptr<ast::WithClause> with) {
  Next();  // DELETE
  DC_RETURN_IF_ERROR(ExpectKeyword("from"));
  auto del = std::make_unique<ast::DeleteStmt>();
  del->with = std::move(with);
  DC_ASSIGN_OR_RETURN(del->table, ParseTargetTable(false));
  if (AcceptKeyword("using")) {
    DC_ASSIGN_OR_RETURN(del->using_tables, ParseFromList());
  }
  if (AcceptKeyword("where")) {
    if (IsKeyword("current") && IsKeyword("of", 1)) {
      return NotSupportedAt(Peek(), "WHERE CURRENT OF");
    }
    DC_ASSIGN_OR_RETURN(del->where, ParseExpr());
  }
  DC_ASSIGN_OR_RETURN(del->returning, ParseReturning());
  return Finish(std::move(del));
}

// ---- DDL

Result<ast::StatementPtr> Parser::ParseCreate() {
  Next();  // CREATE
  const bool or_replace = IsKeyword("or") && IsKeyword("replace", 1);
  if (or_replace) {
    Next();
    Next();
  }
  if (IsKeyword("temp") || IsKeyword("temporary") || IsKeyword("unlogged") || IsKeyword("global") ||
      IsKeyword("local")) {
    return NotSupportedAt(Peek(), "CREATE " + Peek().text + " TABLE");
  }
  if (IsKeyword("table") && !or_replace) return ParseCreateTable();
  if (AcceptKeyword("view")) {
    auto view = std::make_unique<ast::CreateViewStmt>();
    view->or_replace = or_replace;
    DC_ASSIGN_OR_RETURN(view->name, ParseQualifiedName());
    if (IsPunct("(")) {
      DC_ASSIGN_OR_RETURN(view->columns, ParseNameList());
    }
    if (IsKeyword("with")) return NotSupportedAt(Peek(), "view options");
    DC_RETURN_IF_ERROR(ExpectKeyword("as"));
    DC_ASSIGN_OR_RETURN(view->query, ParseSelect());
    if (IsKeyword("with")) return NotSupportedAt(Peek(), "WITH CHECK OPTION");
    return Finish(std::move(view));
  }
  if (IsKeyword("index") && !or_replace) return ParseCreateIndex(false);
  if (IsKeyword("unique") && IsKeyword("index", 1) && !or_replace) {
    Next();
    return ParseCreateIndex(true);
  }
  if (Peek().kind != TokenKind::kIdentifier || Peek().quoted) return SyntaxError();
  return Unsupported("CREATE " + Upper(Peek().text));
}

Result<ast::StatementPtr> Parser::ParseCreateIndex(bool unique) {
  Next();  // INDEX
  auto create = std::make_unique<ast::CreateIndexStmt>();
  create->unique = unique;
  create->concurrently = AcceptKeyword("concurrently");
  create->if_not_exists = AcceptIfNotExists();
  if (create->if_not_exists || !IsKeyword("on")) {
    DC_ASSIGN_OR_RETURN(create->name, ParseColId());
  }
  DC_RETURN_IF_ERROR(ExpectKeyword("on"));
  AcceptKeyword("only");
  DC_ASSIGN_OR_RETURN(create->table, ParseQualifiedName());
  if (AcceptKeyword("using")) {
    const Token& method = Peek();
    DC_ASSIGN_OR_RETURN(std::string name, ParseColId());
    if (name != "btree") return NotSupportedAt(method, "index access method " + name);
  }
  DC_RETURN_IF_ERROR(ExpectPunct("("));
  do {
    if (IsPunct("(") || !IsColId() || IsPunct("(", 1)) {
      return NotSupportedAt(Peek(), "an index on an expression");
    }
    ast::IndexElem elem;
    DC_ASSIGN_OR_RETURN(elem.column, ParseColId());
    if (IsKeyword("collate")) return NotSupportedAt(Peek(), "COLLATE in an index");
    if (AcceptKeyword("desc")) {
      elem.descending = true;
    } else {
      AcceptKeyword("asc");
    }
    if (IsKeyword("nulls")) {
      // Only each direction's default (NULLS LAST ascending, FIRST descending) for now.
      const Token& at = Peek();
      Next();
      const bool first = AcceptKeyword("first");
      if (!first) DC_RETURN_IF_ERROR(ExpectKeyword("last"));
      if (first != elem.descending) return NotSupportedAt(at, "NULLS FIRST/LAST in an index");
    }
    create->columns.push_back(std::move(elem));
  } while (AcceptPunct(","));
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  for (const char* clause : {"include", "nulls", "with", "tablespace", "where"}) {
    if (IsKeyword(clause)) return NotSupportedAt(Peek(), Upper(clause) + " in CREATE INDEX");
  }
  return Finish(std::move(create));
}

Result<ast::StatementPtr> Parser::ParseCreateTable() {
  Next();  // TABLE
  auto create = std::make_unique<ast::CreateTableStmt>();
  create->if_not_exists = AcceptIfNotExists();
  DC_ASSIGN_OR_RETURN(create->name, ParseQualifiedName());
  if (IsKeyword("as") || IsKeyword("of") || IsKeyword("partition")) {
    return NotSupportedAt(Peek(), "CREATE TABLE " + Peek().text);
  }
  DC_RETURN_IF_ERROR(ExpectPunct("("));
  if (!IsPunct(")")) {
    do {
      if (IsKeyword("like")) return NotSupportedAt(Peek(), "CREATE TABLE ... LIKE");
      if (IsKeyword("constraint") || IsKeyword("primary") || IsKeyword("unique") ||
          IsKeyword("check") || IsKeyword("foreign") || IsKeyword("exclude")) {
        DC_ASSIGN_OR_RETURN(auto constraint, ParseTableConstraint());
        create->constraints.push_back(std::move(constraint));
      } else {
        DC_ASSIGN_OR_RETURN(auto column, ParseColumnDef());
        create->columns.push_back(std::move(column));
      }
    } while (AcceptPunct(","));
  }
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  if (IsKeyword("inherits") || IsKeyword("partition") || IsKeyword("using") ||
      IsKeyword("tablespace") || (IsKeyword("on") && IsKeyword("commit", 1))) {
    return NotSupportedAt(Peek(), "CREATE TABLE ... " + Peek().text);
  }
  if (AcceptKeyword("with")) {
    // Storage parameters such as fillfactor (pgbench sets it) describe heap pages, which
    // an LSM does not have: they are accepted and have no effect.
    DC_RETURN_IF_ERROR(ExpectPunct("("));
    do {
      DC_ASSIGN_OR_RETURN(std::string parameter, ParseColLabel());
      if (parameter != "fillfactor" && parameter != "autovacuum_enabled") {
        return Status::Sql(StatusCode::kInvalidArgument, "22023",
                           "unrecognized parameter \"" + parameter + "\"");
      }
      if (AcceptOperator("=")) {
        if (Peek().kind == TokenKind::kEnd || IsPunct(")") || IsPunct(",")) return SyntaxError();
        Next();
      }
    } while (AcceptPunct(","));
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
  }
  return Finish(std::move(create));
}

Result<ast::ColumnDef> Parser::ParseColumnDef() {
  ast::ColumnDef column;
  column.location = Location(Peek());
  DC_ASSIGN_OR_RETURN(column.name, ParseColId());
  DC_ASSIGN_OR_RETURN(column.type, ParseTypeName());
  while (true) {
    DC_ASSIGN_OR_RETURN(bool found, ParseColumnConstraint(&column));
    if (!found) break;
  }
  return column;
}

Result<bool> Parser::ParseColumnConstraint(ast::ColumnDef* column) {
  ast::Constraint constraint;
  constraint.location = Location(Peek());
  if (AcceptKeyword("constraint")) {
    DC_ASSIGN_OR_RETURN(constraint.name, ParseColId());
  }
  if (IsKeyword("not") && IsKeyword("null", 1)) {
    Next();
    Next();
    constraint.kind = ast::ConstraintKind::kNotNull;
  } else if (AcceptKeyword("null")) {
    constraint.kind = ast::ConstraintKind::kNull;
  } else if (AcceptKeyword("default")) {
    constraint.kind = ast::ConstraintKind::kDefault;
    // b_expr: no AND/OR/NOT/IS at the top, so DEFAULT 0 NOT NULL reads as two constraints.
    DC_ASSIGN_OR_RETURN(constraint.expr, ParseBExpr(&Parser::ParseComparison));
  } else if (AcceptKeyword("check")) {
    constraint.kind = ast::ConstraintKind::kCheck;
    DC_RETURN_IF_ERROR(ExpectPunct("("));
    DC_ASSIGN_OR_RETURN(constraint.expr, ParseExpr());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
  } else if (IsKeyword("primary") && IsKeyword("key", 1)) {
    Next();
    Next();
    constraint.kind = ast::ConstraintKind::kPrimaryKey;
  } else if (AcceptKeyword("unique")) {
    constraint.kind = ast::ConstraintKind::kUnique;
  } else if (IsKeyword("references") || IsKeyword("generated") || IsKeyword("collate") ||
             IsKeyword("deferrable") || IsKeyword("initially")) {
    return NotSupportedAt(Peek(), "column constraint " + Peek().text);
  } else {
    if (!constraint.name.empty()) return SyntaxError();
    return false;
  }
  column->constraints.push_back(std::move(constraint));
  return true;
}

Result<ast::Constraint> Parser::ParseTableConstraint() {
  ast::Constraint constraint;
  constraint.location = Location(Peek());
  if (AcceptKeyword("constraint")) {
    DC_ASSIGN_OR_RETURN(constraint.name, ParseColId());
  }
  if (IsKeyword("primary") && IsKeyword("key", 1)) {
    Next();
    Next();
    constraint.kind = ast::ConstraintKind::kPrimaryKey;
    DC_ASSIGN_OR_RETURN(constraint.columns, ParseNameList());
  } else if (AcceptKeyword("unique")) {
    constraint.kind = ast::ConstraintKind::kUnique;
    DC_ASSIGN_OR_RETURN(constraint.columns, ParseNameList());
  } else if (AcceptKeyword("check")) {
    constraint.kind = ast::ConstraintKind::kCheck;
    DC_RETURN_IF_ERROR(ExpectPunct("("));
    DC_ASSIGN_OR_RETURN(constraint.expr, ParseExpr());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
  } else if (IsKeyword("foreign") || IsKeyword("exclude")) {
    return NotSupportedAt(Peek(), Peek().text == "foreign" ? "FOREIGN KEY" : "EXCLUDE");
  } else {
    return SyntaxError();
  }
  if (IsKeyword("deferrable") || IsKeyword("initially") || IsKeyword("using") ||
      IsKeyword("include")) {
    return NotSupportedAt(Peek(), "constraint option " + Peek().text);
  }
  return constraint;
}

Result<ast::StatementPtr> Parser::ParseDrop() {
  Next();  // DROP
  auto drop = std::make_unique<ast::DropStmt>();
  if (AcceptKeyword("table")) {
    drop->object = ast::ObjectKind::kTable;
  } else if (AcceptKeyword("view")) {
    drop->object = ast::ObjectKind::kView;
  } else if (AcceptKeyword("index")) {
    drop->object = ast::ObjectKind::kIndex;
    AcceptKeyword("concurrently");
  } else {
    if (Peek().kind != TokenKind::kIdentifier || Peek().quoted) return SyntaxError();
    return Unsupported("DROP " + Upper(Peek().text));
  }
  if (IsKeyword("if") && IsKeyword("exists", 1)) {
    Next();
    Next();
    drop->if_exists = true;
  }
  do {
    DC_ASSIGN_OR_RETURN(auto name, ParseQualifiedName());
    drop->names.push_back(std::move(name));
  } while (AcceptPunct(","));
  if (AcceptKeyword("cascade")) {
    drop->cascade = true;
  } else {
    AcceptKeyword("restrict");
  }
  return Finish(std::move(drop));
}

Result<ast::StatementPtr> Parser::ParseTruncate() {
  Next();  // TRUNCATE
  AcceptKeyword("table");
  auto truncate = std::make_unique<ast::TruncateStmt>();
  do {
    AcceptKeyword("only");
    DC_ASSIGN_OR_RETURN(auto name, ParseQualifiedName());
    AcceptOperator("*");
    truncate->tables.push_back(std::move(name));
  } while (AcceptPunct(","));
  if ((IsKeyword("restart") || IsKeyword("continue")) && IsKeyword("identity", 1)) {
    Next();
    Next();
  }
  if (IsKeyword("cascade")) return NotSupportedAt(Peek(), "TRUNCATE ... CASCADE");
  AcceptKeyword("restrict");
  return Finish(std::move(truncate));
}

Result<ast::StatementPtr> Parser::ParseAlter() {
  Next();  // ALTER
  if (!AcceptKeyword("table")) {
    if (Peek().kind != TokenKind::kIdentifier || Peek().quoted) return SyntaxError();
    return Unsupported("ALTER " + Upper(Peek().text));
  }
  auto alter = std::make_unique<ast::AlterTableStmt>();
  if (IsKeyword("if") && IsKeyword("exists", 1)) {
    Next();
    Next();
    alter->if_exists = true;
  }
  AcceptKeyword("only");
  DC_ASSIGN_OR_RETURN(alter->table, ParseQualifiedName());
  AcceptOperator("*");
  if (AcceptKeyword("rename")) {
    ast::AlterCommand command;
    if (AcceptKeyword("to")) {
      command.kind = ast::AlterKind::kRenameTable;
      DC_ASSIGN_OR_RETURN(command.new_name, ParseColId());
    } else {
      if (IsKeyword("constraint")) return NotSupportedAt(Peek(), "RENAME CONSTRAINT");
      AcceptKeyword("column");
      command.kind = ast::AlterKind::kRenameColumn;
      DC_ASSIGN_OR_RETURN(command.name, ParseColId());
      DC_RETURN_IF_ERROR(ExpectKeyword("to"));
      DC_ASSIGN_OR_RETURN(command.new_name, ParseColId());
    }
    alter->commands.push_back(std::move(command));
    return Finish(std::move(alter));
  }
  do {
    ast::AlterCommand command;
    if (AcceptKeyword("add")) {
      if (IsKeyword("constraint") || IsKeyword("primary") || IsKeyword("unique") ||
          IsKeyword("check") || IsKeyword("foreign") || IsKeyword("exclude")) {
        command.kind = ast::AlterKind::kAddConstraint;
        DC_ASSIGN_OR_RETURN(command.constraint, ParseTableConstraint());
      } else {
        AcceptKeyword("column");
        command.kind = ast::AlterKind::kAddColumn;
        command.if_exists = AcceptIfNotExists();
        DC_ASSIGN_OR_RETURN(command.column, ParseColumnDef());
      }
    } else if (AcceptKeyword("drop")) {
      if (IsKeyword("constraint")) return NotSupportedAt(Peek(), "DROP CONSTRAINT");
      AcceptKeyword("column");
      command.kind = ast::AlterKind::kDropColumn;
      if (IsKeyword("if") && IsKeyword("exists", 1)) {
        Next();
        Next();
        command.if_exists = true;
      }
      DC_ASSIGN_OR_RETURN(command.name, ParseColId());
      if (IsKeyword("cascade")) return NotSupportedAt(Peek(), "DROP COLUMN ... CASCADE");
      AcceptKeyword("restrict");
    } else if (Peek().kind == TokenKind::kIdentifier && !Peek().quoted && !IsKeyword("rename")) {
      return NotSupportedAt(Peek(), "ALTER TABLE ... " + Upper(Peek().text));
    } else {
      return SyntaxError();
    }
    alter->commands.push_back(std::move(command));
  } while (AcceptPunct(","));
  return Finish(std::move(alter));
}

// ---- transactions and settings

Status Parser::ParseTransactionModes(ast::TransactionStmt* stmt) {
  bool first = true;
  while (true) {
    if (!first && !AcceptPunct(",")) {
      if (!IsKeyword("isolation") && !IsKeyword("read") && !IsKeyword("deferrable") &&
          !IsKeyword("not")) {
        return Status::Ok();
      }
    }
    first = false;
    if (AcceptKeyword("isolation")) {
      DC_RETURN_IF_ERROR(ExpectKeyword("level"));
      if (AcceptKeyword("serializable")) {
        stmt->isolation_level = "serializable";
      } else if (AcceptKeyword("repeatable")) {
        DC_RETURN_IF_ERROR(ExpectKeyword("read"));
        stmt->isolation_level = "repeatable read";
      } else if (AcceptKeyword("read")) {
        if (AcceptKeyword("committed")) {
          stmt->isolation_level = "read committed";
        } else {
          DC_RETURN_IF_ERROR(ExpectKeyword("uncommitted"));
          stmt->isolation_level = "read uncommitted";
        }
      } else {
        return SyntaxError();
      }
    } else if (AcceptKeyword("read")) {
      if (AcceptKeyword("only")) {
        stmt->read_only = 1;
      } else {
        DC_RETURN_IF_ERROR(ExpectKeyword("write"));
        stmt->read_only = 0;
      }
    } else if (AcceptKeyword("deferrable")) {
    } else if (IsKeyword("not") && IsKeyword("deferrable", 1)) {
      Next();
      Next();
    } else {
      return Status::Ok();
    }
  }
}

Result<ast::StatementPtr> Parser::ParseTransaction() {
  const std::string word = Next().text;
  auto stmt = std::make_unique<ast::TransactionStmt>();
  if (word == "savepoint" || word == "release") {
    if (word == "release") AcceptKeyword("savepoint");
    stmt->transaction_kind =
        word == "savepoint" ? ast::TransactionKind::kSavepoint : ast::TransactionKind::kRelease;
    DC_ASSIGN_OR_RETURN(stmt->savepoint, ParseColId());
    return Finish(std::move(stmt));
  }
  if (word == "begin" || word == "start") {
    if (word == "start") DC_RETURN_IF_ERROR(ExpectKeyword("transaction"));
    if (word == "begin" && !AcceptKeyword("work")) AcceptKeyword("transaction");
    stmt->transaction_kind = ast::TransactionKind::kBegin;
    DC_RETURN_IF_ERROR(ParseTransactionModes(stmt.get()));
    return Finish(std::move(stmt));
  }
  if (word == "prepare") return Unsupported("PREPARE TRANSACTION");
  stmt->transaction_kind = (word == "commit" || word == "end") ? ast::TransactionKind::kCommit
                                                               : ast::TransactionKind::kRollback;
  if (!AcceptKeyword("work")) AcceptKeyword("transaction");
  if (word == "rollback" && AcceptKeyword("to")) {
    AcceptKeyword("savepoint");
    stmt->transaction_kind = ast::TransactionKind::kRollbackTo;
    DC_ASSIGN_OR_RETURN(stmt->savepoint, ParseColId());
    return Finish(std::move(stmt));
  }
  if (IsKeyword("and")) {
    if (IsKeyword("no", 1) && IsKeyword("chain", 2)) {
      Next();
      Next();
      Next();
    } else if (IsKeyword("chain", 1)) {
      return NotSupportedAt(Peek(), "AND CHAIN");
    }
  }
  return Finish(std::move(stmt));
}

namespace {
// SET TIME ZONE, SET NAMES, ... spell some settings with keywords.
std::string_view SettingAlias(std::string_view first, std::string_view second) {
  if (first == "time" && second == "zone") return "timezone";
  if (first == "transaction" && second == "isolation") return "transaction_isolation";
  if (first == "session" && second == "authorization") return "session_authorization";
  return "";
}
}  // namespace

Result<ast::StatementPtr> Parser::ParseSet() {
  Next();  // SET
  auto set = std::make_unique<ast::SetStmt>();
  if (AcceptKeyword("local")) {
    set->local = true;
  } else {
    AcceptKeyword("session");
  }
  if (IsKeyword("transaction") || IsKeyword("characteristics")) {
    if (AcceptKeyword("characteristics")) {
      return NotSupportedAt(tokens_[pos_ - 1], "SET SESSION CHARACTERISTICS");
    }
    Next();
    ast::TransactionStmt modes;
    DC_RETURN_IF_ERROR(ParseTransactionModes(&modes));
    if (modes.isolation_level.empty()) return NotSupportedAt(Peek(), "SET TRANSACTION modes");
    set->name = "transaction_isolation";
    auto value = std::make_unique<ast::ConstantExpr>();
    value->constant_kind = ast::ConstantKind::kString;
    value->text = modes.isolation_level;
    set->values.push_back(std::move(value));
    return Finish(std::move(set));
  }
  if (IsKeyword("time") && IsKeyword("zone", 1)) {
    Next();
    Next();
    set->name = "timezone";
  } else if (AcceptKeyword("names")) {
    set->name = "client_encoding";
  } else if (AcceptKeyword("schema")) {
    set->name = "search_path";
  } else if (IsKeyword("session") && IsKeyword("authorization", 1)) {
    return NotSupportedAt(Peek(), "SET SESSION AUTHORIZATION");
  } else if (IsKeyword("role")) {
    return NotSupportedAt(Peek(), "SET ROLE");
  } else {
    DC_ASSIGN_OR_RETURN(set->name, ParseColId());
    while (AcceptPunct(".")) {
      DC_ASSIGN_OR_RETURN(std::string part, ParseColLabel());
      set->name += "." + part;
    }
    if (!AcceptKeyword("to") && !AcceptOperator("=")) return SyntaxError();
  }
  if (AcceptKeyword("default") || (set->name == "timezone" && AcceptKeyword("local"))) {
    set->reset = true;
    return Finish(std::move(set));
  }
  do {
    const Token& token = Peek();
    auto value = std::make_unique<ast::ConstantExpr>(Location(token));
    const bool negative = AcceptOperator("-");
    if (Peek().kind == TokenKind::kInteger || Peek().kind == TokenKind::kNumeric) {
      value->constant_kind = Peek().kind == TokenKind::kInteger ? ast::ConstantKind::kInteger
                                                                : ast::ConstantKind::kNumeric;
      value->text = (negative ? "-" : "") + Next().text;
    } else if (!negative &&
               (Peek().kind == TokenKind::kString || Peek().kind == TokenKind::kIdentifier)) {
      value->constant_kind = ast::ConstantKind::kString;
      value->text = Next().text;
    } else {
      return SyntaxError();
    }
    set->values.push_back(std::move(value));
  } while (AcceptPunct(","));
  return Finish(std::move(set));
}

// A setting's name, as RESET and SHOW take it: "work_mem", "myapp.x", or one of the
// keyword spellings (TIME ZONE, TRANSACTION ISOLATION LEVEL, SESSION AUTHORIZATION).
Result<std::string> Parser::ParseSettingName() {
  if (Peek().kind == TokenKind::kIdentifier && !Peek().quoted) {
    std::string_view alias = SettingAlias(Peek().text, Peek(1).text);
    if (!alias.empty()) {
      Next();
      Next();
      if (alias == "transaction_isolation") DC_RETURN_IF_ERROR(ExpectKeyword("level"));
      return std::string(alias);
    }
  }
  DC_ASSIGN_OR_RETURN(std::string name, ParseColLabel());
  while (AcceptPunct(".")) {
    DC_ASSIGN_OR_RETURN(std::string part, ParseColLabel());
    name += "." + part;
  }
  return name;
}

Result<ast::StatementPtr> Parser::ParseReset() {
  Next();  // RESET
  auto set = std::make_unique<ast::SetStmt>();
  set->reset = true;
  DC_ASSIGN_OR_RETURN(set->name, ParseSettingName());
  return Finish(std::move(set));
}

Result<ast::StatementPtr> Parser::ParseShow() {
  Next();  // SHOW
  auto show = std::make_unique<ast::ShowStmt>();
  DC_ASSIGN_OR_RETURN(show->name, ParseSettingName());
  return Finish(std::move(show));
}

// ---- EXPLAIN, COPY, VACUUM

Result<ast::StatementPtr> Parser::ParseExplain() {
  Next();  // EXPLAIN
  auto explain = std::make_unique<ast::ExplainStmt>();
  if (AcceptPunct("(")) {
    do {
      const Token& option = Peek();
      DC_ASSIGN_OR_RETURN(std::string name, ParseColLabel());
      bool enabled = true;
      if (name == "format") {
        if (!AcceptKeyword("text"))
          return NotSupportedAt(Peek(), "EXPLAIN formats other than TEXT");
        continue;
      }
      if (AcceptKeyword("false") || AcceptKeyword("off")) {
        enabled = false;
      } else {
        if (!AcceptKeyword("true") && !AcceptKeyword("on") && Peek().kind == TokenKind::kInteger) {
          enabled = Next().text != "0";
        }
      }
      if (name == "analyze" || name == "analyse") {
        explain->analyze = enabled;
      } else if (name == "verbose") {
        explain->verbose = enabled;
      } else if (name != "costs" && name != "buffers" && name != "timing" && name != "summary" &&
                 name != "settings" && name != "wal") {
        return ErrorAt(option, "42601", "unrecognized EXPLAIN option \"" + name + "\"");
      }
    } while (AcceptPunct(","));
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
  } else {
    if (AcceptKeyword("analyze") || AcceptKeyword("analyse")) explain->analyze = true;
    if (AcceptKeyword("verbose")) explain->verbose = true;
  }
  const Token& start = Peek();
  DC_ASSIGN_OR_RETURN(explain->statement, ParseStatement());
  explain->statement->offset = start.offset;
  const Token& last = tokens_[pos_ - 1];
  explain->statement->length = last.offset + last.length - start.offset;
  const auto kind = explain->statement->kind;
  if (kind != ast::StatementKind::kSelect && kind != ast::StatementKind::kInsert &&
      kind != ast::StatementKind::kUpdate && kind != ast::StatementKind::kDelete) {
    return SyntaxErrorAt(start);
  }
  return Finish(std::move(explain));
}

Result<ast::StatementPtr> Parser::ParseCopy() {
  Next();  // COPY
  auto copy = std::make_unique<ast::CopyStmt>();
  if (IsPunct("(")) {
    DC_ASSIGN_OR_RETURN(copy->query, ParseSelectInParens());
  } else {
    DC_ASSIGN_OR_RETURN(copy->table, ParseQualifiedName());
    if (IsPunct("(")) {
      DC_ASSIGN_OR_RETURN(copy->columns, ParseNameList());
    }
  }
  if (AcceptKeyword("from")) {
    copy->from = true;
    if (copy->query) return SyntaxErrorAt(tokens_[pos_ - 1]);
    if (!AcceptKeyword("stdin")) {
      return NotSupportedAt(Peek(), "COPY from a file or program (use COPY FROM STDIN)");
    }
  } else if (AcceptKeyword("to")) {
    copy->from = false;
    if (!AcceptKeyword("stdout")) {
      return NotSupportedAt(Peek(), "COPY to a file or program (use COPY TO STDOUT)");
    }
  } else {
    return SyntaxError();
  }
  auto string_option = [&](std::string* out) -> Status {
    AcceptKeyword("as");
    if (Peek().kind != TokenKind::kString) return SyntaxError();
    *out = Next().text;
    return Status::Ok();
  };
  const bool parenthesized = (AcceptKeyword("with"), AcceptPunct("("));
  // FORCE_QUOTE's columns: "(a, b)" or "*" in the new syntax, "a, b" or "*" in the old one.
  auto column_list = [&](std::vector<std::string>* out, bool* all) -> Status {
    if (all && AcceptOperator("*")) {
      *all = true;
      return Status::Ok();
    }
    if (IsPunct("(")) {
      DC_ASSIGN_OR_RETURN(*out, ParseNameList());
      return Status::Ok();
    }
    if (parenthesized) return SyntaxError();
    do {
      DC_ASSIGN_OR_RETURN(std::string name, ParseColId());
      out->push_back(std::move(name));
    } while (AcceptPunct(","));
    return Status::Ok();
  };
  while (!AtEnd() && !IsPunct(";") && !IsPunct(")")) {
    const Token& option = Peek();
    DC_ASSIGN_OR_RETURN(std::string name, ParseColLabel());
    // The old syntax spells the FORCE options as words.
    if (!parenthesized && name == "force") {
      if (AcceptKeyword("quote")) {
        name = "force_quote";
      } else if (AcceptKeyword("not")) {
        if (!AcceptKeyword("null")) return SyntaxError();
        name = "force_not_null";
      } else if (AcceptKeyword("null")) {
        name = "force_null";
      } else {
        return SyntaxError();
      }
    }
    if (name == "format") {
      if (Peek().kind != TokenKind::kIdentifier && Peek().kind != TokenKind::kString) {
        return SyntaxError();
      }
      copy->format = Next().text;
    } else if (name == "csv" || name == "binary" || name == "text") {
      copy->format = name;
    } else if (name == "header") {
      if (IsKeyword("match")) return NotSupportedAt(Peek(), "COPY HEADER MATCH");
      copy->header = !(AcceptKeyword("false") || AcceptKeyword("off"));
      if (!AcceptKeyword("true")) AcceptKeyword("on");
    } else if (name == "delimiter") {
      DC_RETURN_IF_ERROR(string_option(&copy->delimiter));
      copy->has_delimiter = true;
    } else if (name == "null") {
      DC_RETURN_IF_ERROR(string_option(&copy->null_string));
      copy->has_null_string = true;
    } else if (name == "quote" || name == "escape") {
      std::string value;
      DC_RETURN_IF_ERROR(string_option(&value));
      (name == "quote" ? copy->quote : copy->escape) = std::move(value);
    } else if (name == "force_quote") {
      DC_RETURN_IF_ERROR(column_list(&copy->force_quote, &copy->force_quote_all));
    } else if (name == "force_not_null") {
      DC_RETURN_IF_ERROR(column_list(&copy->force_not_null, nullptr));
    } else if (name == "force_null") {
      DC_RETURN_IF_ERROR(column_list(&copy->force_null, nullptr));
    } else if (name == "freeze") {
      if (!AcceptKeyword("true") && !AcceptKeyword("on")) {
        AcceptKeyword("false") || AcceptKeyword("off");
      }
    } else if (name == "encoding") {
      std::string encoding;
      DC_RETURN_IF_ERROR(string_option(&encoding));
      if (encoding != "UTF8" && encoding != "utf8" && encoding != "UTF-8" && encoding != "utf-8") {
        return NotSupportedAt(option, "COPY ENCODING other than UTF8");
      }
    } else if (name == "oids") {
      return NotSupportedAt(option, "COPY option " + name);
    } else {
      return ErrorAt(option, "42601", "option \"" + name + "\" not recognized");
    }
    if (parenthesized && !AcceptPunct(",")) break;
  }
  if (parenthesized) DC_RETURN_IF_ERROR(ExpectPunct(")"));
  if (copy->format != "text" && copy->format != "csv" && copy->format != "binary") {
    return ErrorAt(Peek(), "22023", "COPY format \"" + copy->format + "\" not recognized");
  }
  if (IsKeyword("where")) return NotSupportedAt(Peek(), "COPY ... WHERE");
  return Finish(std::move(copy));
}

Result<ast::StatementPtr> Parser::ParseVacuum() {
  auto vacuum = std::make_unique<ast::VacuumStmt>();
  const std::string word = Next().text;
  vacuum->vacuum = word == "vacuum";
  vacuum->analyze = !vacuum->vacuum;
  if (AcceptPunct("(")) {
    do {
      DC_ASSIGN_OR_RETURN(std::string option, ParseColLabel());
      if (option == "analyze" || option == "analyse") vacuum->analyze = true;
      if (Peek().kind == TokenKind::kIdentifier && !IsPunct(",") && !IsPunct(")")) Next();
    } while (AcceptPunct(","));
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
  } else {
    while (IsKeyword("full") || IsKeyword("freeze") || IsKeyword("verbose") ||
           IsKeyword("analyze") || IsKeyword("analyse")) {
      const std::string option = Next().text;
      if (option == "analyze" || option == "analyse") vacuum->analyze = true;
    }
  }
  if (!AtEnd() && !IsPunct(";")) {
    do {
      DC_ASSIGN_OR_RETURN(auto name, ParseQualifiedName());
      if (IsPunct("(")) return NotSupportedAt(Peek(), "column lists in VACUUM and ANALYZE");
      vacuum->tables.push_back(std::move(name));
    } while (AcceptPunct(","));
  }
  return Finish(std::move(vacuum));
}

}  // namespace datacave::sql
