// ToSql of whole statements (printer_internal.h).

#include "sql/parser/printer_internal.h"

namespace datacave::sql {

void Printer::Statement(const ast::Statement& statement) {
  using ast::StatementKind;
  switch (statement.kind) {
    case StatementKind::kSelect: Query(*statement.As<ast::QueryStatement>().query); return;
    case StatementKind::kInsert: {
      const auto& insert = statement.As<ast::InsertStmt>();
      if (insert.with) With(*insert.with);
      out_ += "INSERT INTO ";
      Target(insert.table);
      if (!insert.columns.empty()) {
        out_ += ' ';
        NameList(insert.columns);
      }
      if (insert.source) {
        out_ += ' ';
        Query(*insert.source);
      } else {
        out_ += " DEFAULT VALUES";
      }
      if (insert.on_conflict) {
        out_ += " ON CONFLICT ";
        if (!insert.on_conflict->columns.empty()) {
          NameList(insert.on_conflict->columns);
          out_ += ' ';
        }
        if (insert.on_conflict->do_update) {
          out_ += "DO UPDATE SET ";
          SetClauses(insert.on_conflict->set);
          if (insert.on_conflict->where) {
            out_ += " WHERE ";
            Expr(*insert.on_conflict->where);
          }
        } else {
          out_ += "DO NOTHING";
        }
      }
      Returning(insert.returning);
      return;
    }
    case StatementKind::kUpdate: {
      const auto& update = statement.As<ast::UpdateStmt>();
      if (update.with) With(*update.with);
      out_ += "UPDATE ";
      Target(update.table);
      out_ += " SET ";
      SetClauses(update.set);
      if (!update.from.empty()) {
        out_ += " FROM ";
        FromList(update.from);
      }
      if (update.where) {
        out_ += " WHERE ";
        Expr(*update.where);
      }
      Returning(update.returning);
      return;
    }
    case StatementKind::kDelete: {
      const auto& del = statement.As<ast::DeleteStmt>();
      if (del.with) With(*del.with);
      out_ += "DELETE FROM ";
      Target(del.table);
      if (!del.using_tables.empty()) {
        out_ += " USING ";
        FromList(del.using_tables);
      }
      if (del.where) {
        out_ += " WHERE ";
        Expr(*del.where);
      }
      Returning(del.returning);
      return;
    }
    case StatementKind::kCreateTable: {
      const auto& create = statement.As<ast::CreateTableStmt>();
      out_ += create.if_not_exists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ";
      Qualified(create.name);
      out_ += " (";
      bool first = true;
      for (const auto& column : create.columns) {
        if (!first) out_ += ", ";
        first = false;
        Column(column);
      }
      for (const auto& constraint : create.constraints) {
        if (!first) out_ += ", ";
        first = false;
        Constraint(constraint);
      }
      out_ += ')';
      return;
    }
    case StatementKind::kCreateView: {
      const auto& view = statement.As<ast::CreateViewStmt>();
      out_ += view.or_replace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ";
      Qualified(view.name);
      if (!view.columns.empty()) NameList(view.columns);
      out_ += " AS ";
      Query(*view.query);
      return;
    }
    case StatementKind::kCreateIndex: {
      const auto& create = statement.As<ast::CreateIndexStmt>();
      out_ += create.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
      if (create.concurrently) out_ += "CONCURRENTLY ";
      if (create.if_not_exists) out_ += "IF NOT EXISTS ";
      if (!create.name.empty()) {
        Name(create.name);
        out_ += ' ';
      }
      out_ += "ON ";
      Qualified(create.table);
      out_ += " (";
      for (size_t i = 0; i < create.columns.size(); ++i) {
        if (i > 0) out_ += ", ";
        Name(create.columns[i].column);
        if (create.columns[i].descending) out_ += " DESC";
      }
      out_ += ')';
      return;
    }
    case StatementKind::kDrop: {
      const auto& drop = statement.As<ast::DropStmt>();
      static constexpr const char* kDrops[] = {"DROP TABLE ", "DROP VIEW ", "DROP INDEX "};
      out_ += kDrops[static_cast<int>(drop.object)];
      if (drop.if_exists) out_ += "IF EXISTS ";
      for (size_t i = 0; i < drop.names.size(); ++i) {
        if (i > 0) out_ += ", ";
        Qualified(drop.names[i]);
      }
      if (drop.cascade) out_ += " CASCADE";
      return;
    }
    case StatementKind::kTruncate: {
      const auto& truncate = statement.As<ast::TruncateStmt>();
      out_ += "TRUNCATE ";
      for (size_t i = 0; i < truncate.tables.size(); ++i) {
        if (i > 0) out_ += ", ";
        Qualified(truncate.tables[i]);
      }
      return;
    }
    case StatementKind::kAlterTable: {
      const auto& alter = statement.As<ast::AlterTableStmt>();
      out_ += alter.if_exists ? "ALTER TABLE IF EXISTS " : "ALTER TABLE ";
      Qualified(alter.table);
      for (size_t i = 0; i < alter.commands.size(); ++i) {
        const auto& command = alter.commands[i];
        out_ += i == 0 ? " " : ", ";
        switch (command.kind) {
          case ast::AlterKind::kAddColumn:
            out_ += command.if_exists ? "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ";
            Column(command.column);
            break;
          case ast::AlterKind::kDropColumn:
            out_ += command.if_exists ? "DROP COLUMN IF EXISTS " : "DROP COLUMN ";
            Name(command.name);
            break;
          case ast::AlterKind::kRenameColumn:
            out_ += "RENAME COLUMN ";
            Name(command.name);
            out_ += " TO ";
            Name(command.new_name);
            break;
          case ast::AlterKind::kRenameTable:
            out_ += "RENAME TO ";
            Name(command.new_name);
            break;
          case ast::AlterKind::kAddConstraint:
            out_ += "ADD ";
            Constraint(command.constraint);
            break;
        }
      }
      return;
    }
    case StatementKind::kTransaction: {
      const auto& transaction = statement.As<ast::TransactionStmt>();
      if (transaction.transaction_kind == ast::TransactionKind::kCommit) {
        out_ += "COMMIT";
        return;
      }
      if (transaction.transaction_kind == ast::TransactionKind::kRollback) {
        out_ += "ROLLBACK";
        return;
      }
      if (transaction.transaction_kind != ast::TransactionKind::kBegin) {
        out_ += transaction.transaction_kind == ast::TransactionKind::kSavepoint ? "SAVEPOINT "
                : transaction.transaction_kind == ast::TransactionKind::kRelease
                    ? "RELEASE SAVEPOINT "
                    : "ROLLBACK TO SAVEPOINT ";
        Name(transaction.savepoint);
        return;
      }
      out_ += "BEGIN";
      const char* separator = " ";
      if (!transaction.isolation_level.empty()) {
        std::string level = transaction.isolation_level;
        for (char& c : level) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out_ += " ISOLATION LEVEL " + level;
        separator = ", ";
      }
      if (transaction.read_only >= 0) {
        out_ += separator;
        out_ += transaction.read_only ? "READ ONLY" : "READ WRITE";
      }
      return;
    }
    case StatementKind::kSet: {
      const auto& set = statement.As<ast::SetStmt>();
      ast::QualifiedName name;
      size_t begin = 0;
      while (true) {
        const size_t dot = set.name.find('.', begin);
        name.push_back(set.name.substr(begin, dot - begin));
        if (dot == std::string::npos) break;
        begin = dot + 1;
      }
      if (set.reset && !set.local) {
        out_ += "RESET ";
        Qualified(name);
        return;
      }
      out_ += set.local ? "SET LOCAL " : "SET ";
      Qualified(name);
      out_ += " TO ";
      if (set.reset) {
        out_ += "DEFAULT";
        return;
      }
      Exprs(set.values);
      return;
    }
    case StatementKind::kShow: {
      out_ += "SHOW ";
      const std::string& name = statement.As<ast::ShowStmt>().name;
      size_t begin = 0;
      while (true) {
        const size_t dot = name.find('.', begin);
        if (begin > 0) out_ += '.';
        Name(name.substr(begin, dot - begin));
        if (dot == std::string::npos) break;
        begin = dot + 1;
      }
      return;
    }
    case StatementKind::kExplain: {
      const auto& explain = statement.As<ast::ExplainStmt>();
      out_ += "EXPLAIN ";
      if (explain.analyze || explain.verbose) {
        out_ += "(ANALYZE ";
        out_ += explain.analyze ? "TRUE" : "FALSE";
        out_ += ", VERBOSE ";
        out_ += explain.verbose ? "TRUE" : "FALSE";
        out_ += ") ";
      }
      Statement(*explain.statement);
      return;
    }
    case StatementKind::kCopy: {
      const auto& copy = statement.As<ast::CopyStmt>();
      out_ += "COPY ";
      if (copy.query) {
        QueryInParens(*copy.query);
      } else {
        Qualified(copy.table);
        if (!copy.columns.empty()) {
          out_ += ' ';
          NameList(copy.columns);
        }
      }
      out_ += copy.from ? " FROM STDIN" : " TO STDOUT";
      out_ += " (FORMAT " + copy.format;
      if (copy.header) out_ += ", HEADER TRUE";
      if (copy.has_delimiter) {
        out_ += ", DELIMITER ";
        String(copy.delimiter);
      }
      if (copy.has_null_string) {
        out_ += ", NULL ";
        String(copy.null_string);
      }
      if (copy.quote) {
        out_ += ", QUOTE ";
        String(*copy.quote);
      }
      if (copy.escape) {
        out_ += ", ESCAPE ";
        String(*copy.escape);
      }
      if (copy.force_quote_all) out_ += ", FORCE_QUOTE *";
      const std::pair<const char*, const std::vector<std::string>*> lists[] = {
          {"FORCE_QUOTE", &copy.force_quote},
          {"FORCE_NOT_NULL", &copy.force_not_null},
          {"FORCE_NULL", &copy.force_null}};
      for (const auto& [option, columns] : lists) {
        if (columns->empty()) continue;
        out_ += ", ";
        out_ += option;
        out_ += ' ';
        NameList(*columns);
      }
      out_ += ')';
      return;
    }
    case StatementKind::kVacuum: {
      const auto& vacuum = statement.As<ast::VacuumStmt>();
      out_ += vacuum.vacuum ? (vacuum.analyze ? "VACUUM (ANALYZE)" : "VACUUM") : "ANALYZE";
      for (size_t i = 0; i < vacuum.tables.size(); ++i) {
        out_ += i == 0 ? " " : ", ";
        Qualified(vacuum.tables[i]);
      }
      return;
    }
    case StatementKind::kDeclareCursor: {
      const auto& declare = statement.As<ast::DeclareCursorStmt>();
      out_ += "DECLARE ";
      Name(declare.name);
      if (declare.binary) out_ += " BINARY";
      if (declare.scroll) out_ += " SCROLL";
      if (declare.no_scroll) out_ += " NO SCROLL";
      out_ += declare.hold ? " CURSOR WITH HOLD FOR " : " CURSOR FOR ";
      Query(*declare.query);
      return;
    }
    case StatementKind::kFetch: {
      const auto& fetch = statement.As<ast::FetchStmt>();
      out_ += fetch.move ? "MOVE " : "FETCH ";
      static constexpr const char* kDirections[] = {"FORWARD ", "BACKWARD ", "ABSOLUTE ",
                                                    "RELATIVE "};
      out_ += kDirections[static_cast<int>(fetch.direction)];
      out_ += fetch.count == ast::kFetchAll ? "ALL" : std::to_string(fetch.count);
      out_ += " FROM ";
      Name(fetch.cursor);
      return;
    }
    case StatementKind::kCloseCursor: {
      const auto& close = statement.As<ast::CloseCursorStmt>();
      out_ += "CLOSE ";
      if (close.all) {
        out_ += "ALL";
      } else {
        Name(close.name);
      }
      return;
    }
    case StatementKind::kUnsupported: out_ += statement.As<ast::UnsupportedStmt>().feature; return;
  }
}

}  // namespace datacave::sql
