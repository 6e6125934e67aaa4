// Turns parse trees back into SQL. The output is not pretty; it is unambiguous: every
// compound expression is parenthesised and every name that needs it is quoted, so that
// Parse(ToSql(tree)) gives the same tree.

#include <cctype>

#include "sql/parser/keywords.h"
#include "sql/parser/parser.h"

namespace datacave::sql {
namespace {

class Printer {
 public:
  std::string Take() { return std::move(out_); }

  void Name(std::string_view name) { out_ += QuoteIdentifier(name); }
  void Qualified(const ast::QualifiedName& name) {
    for (size_t i = 0; i < name.size(); ++i) {
      if (i > 0) out_ += '.';
      Name(name[i]);
    }
  }
  void NameList(const std::vector<std::string>& names) {
    out_ += '(';
    for (size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out_ += ", ";
      Name(names[i]);
    }
    out_ += ')';
  }
  void String(std::string_view text) {
    out_ += '\'';
    for (char c : text) {
      if (c == '\'') out_ += '\'';
      out_ += c;
    }
    out_ += '\'';
  }

  void Type(const ast::TypeName& type) {
    // The canonical names that are keywords parse back bare; any other name is an
    // identifier like any other.
    if (type.name == "numeric" || type.name == "varchar" || type.name == "interval" ||
        type.name == "timestamp" || type.name == "time") {
      out_ += type.name;
    } else {
      Name(type.name);
    }
    if (!type.modifiers.empty()) {
      out_ += '(';
      for (size_t i = 0; i < type.modifiers.size(); ++i) {
        if (i > 0) out_ += ", ";
        out_ += std::to_string(type.modifiers[i]);
      }
      out_ += ')';
    }
    if (type.array) out_ += "[]";
  }

  void Exprs(const ast::ExprList& list) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out_ += ", ";
      Expr(*list[i]);
    }
  }

  void Expr(const ast::Expr& expr);
  void Function(const ast::FunctionExpr& call);
  void Window(const ast::WindowSpec& spec);
  void FrameBound(const ast::FrameBound& bound);
  void SortItems(const std::vector<ast::SortItem>& items);
  void Query(const ast::SelectStmt& query);
  void QueryInParens(const ast::SelectStmt& query) {
    out_ += '(';
    Query(query);
    out_ += ')';
  }
  void With(const ast::WithClause& with);
  void Targets(const std::vector<ast::ResultTarget>& targets);
  void TableRef(const ast::TableRef& ref);
  void FromList(const std::vector<std::unique_ptr<ast::TableRef>>& refs);
  void Alias(const ast::Alias& alias);
  void Target(const ast::TargetTable& table);
  void SetClauses(const std::vector<ast::SetClause>& clauses);
  void Returning(const std::vector<ast::ResultTarget>& returning);
  void Constraint(const ast::Constraint& constraint);
  void Column(const ast::ColumnDef& column);
  void Statement(const ast::Statement& statement);

  std::string out_;
};

void Printer::Expr(const ast::Expr& expr) {
  using ast::ExprKind;
  switch (expr.kind) {
    case ExprKind::kConstant: {
      const auto& constant = expr.As<ast::ConstantExpr>();
      switch (constant.constant_kind) {
        case ast::ConstantKind::kNull: out_ += "NULL"; break;
        case ast::ConstantKind::kBoolean: out_ += constant.bool_value ? "TRUE" : "FALSE"; break;
        case ast::ConstantKind::kInteger:
        case ast::ConstantKind::kNumeric: out_ += constant.text; break;
        case ast::ConstantKind::kString: String(constant.text); break;
        case ast::ConstantKind::kBitString:
          out_ += static_cast<char>(std::toupper(static_cast<unsigned char>(constant.text[0])));
          String(std::string_view(constant.text).substr(1));
          break;
      }
      return;
    }
    case ExprKind::kColumnRef: {
      const auto& column = expr.As<ast::ColumnRefExpr>();
      Qualified(column.names);
      if (column.star) out_ += column.names.empty() ? "*" : ".*";
      return;
    }
    case ExprKind::kParameter:
      out_ += '$' + std::to_string(expr.As<ast::ParameterExpr>().index);
      return;
    case ExprKind::kOperator: {
      const auto& op = expr.As<ast::OperatorExpr>();
      out_ += '(';
      if (op.left) {
        Expr(*op.left);
        out_ += ' ';
      }
      out_ += op.op;
      out_ += ' ';
      Expr(*op.right);
      out_ += ')';
      return;
    }
    case ExprKind::kBool: {
      const auto& node = expr.As<ast::BoolExpr>();
      out_ += '(';
      if (node.op == ast::BoolOp::kNot) {
        out_ += "NOT ";
        Expr(*node.args[0]);
      } else {
        Expr(*node.args[0]);
        out_ += node.op == ast::BoolOp::kAnd ? " AND " : " OR ";
        Expr(*node.args[1]);
      }
      out_ += ')';
      return;
    }
    case ExprKind::kNullTest: {
      const auto& node = expr.As<ast::NullTestExpr>();
      out_ += '(';
      Expr(*node.arg);
      out_ += node.negated ? " IS NOT NULL)" : " IS NULL)";
      return;
    }
    case ExprKind::kBooleanTest: {
      static constexpr const char* kTests[] = {" IS TRUE)",    " IS NOT TRUE)",
                                               " IS FALSE)",   " IS NOT FALSE)",
                                               " IS UNKNOWN)", " IS NOT UNKNOWN)"};
      const auto& node = expr.As<ast::BooleanTestExpr>();
      out_ += '(';
      Expr(*node.arg);
      out_ += kTests[static_cast<int>(node.test)];
      return;
    }
    case ExprKind::kDistinctFrom: {
      const auto& node = expr.As<ast::DistinctFromExpr>();
      out_ += '(';
      Expr(*node.left);
      out_ += node.negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ";
      Expr(*node.right);
      out_ += ')';
      return;
    }
    case ExprKind::kBetween: {
      const auto& node = expr.As<ast::BetweenExpr>();
      out_ += '(';
      Expr(*node.arg);
      out_ += node.negated ? " NOT BETWEEN " : " BETWEEN ";
      if (node.symmetric) out_ += "SYMMETRIC ";
      Expr(*node.low);
      out_ += " AND ";
      Expr(*node.high);
      out_ += ')';
      return;
    }
    case ExprKind::kInList: {
      const auto& node = expr.As<ast::InListExpr>();
      out_ += '(';
      Expr(*node.arg);
      out_ += node.negated ? " NOT IN (" : " IN (";
      Exprs(node.list);
      out_ += "))";
      return;
    }
    case ExprKind::kLike: {
      const auto& node = expr.As<ast::LikeExpr>();
      out_ += '(';
      Expr(*node.arg);
      if (node.negated) out_ += " NOT";
      out_ += node.like_kind == ast::LikeKind::kLike    ? " LIKE "
              : node.like_kind == ast::LikeKind::kILike ? " ILIKE "
                                                        : " SIMILAR TO ";
      Expr(*node.pattern);
      if (node.escape) {
        out_ += " ESCAPE ";
        Expr(*node.escape);
      }
      out_ += ')';
      return;
    }
    case ExprKind::kSubquery: {
      const auto& node = expr.As<ast::SubqueryExpr>();
      switch (node.subquery_kind) {
        case ast::SubqueryKind::kScalar: QueryInParens(*node.query); return;
        case ast::SubqueryKind::kExists:
          out_ += "EXISTS ";
          QueryInParens(*node.query);
          return;
        case ast::SubqueryKind::kArray:
          out_ += "ARRAY";
          QueryInParens(*node.query);
          return;
        case ast::SubqueryKind::kIn:
          out_ += '(';
          Expr(*node.left);
          out_ += node.negated ? " NOT IN " : " IN ";
          QueryInParens(*node.query);
          out_ += ')';
          return;
        case ast::SubqueryKind::kAny:
        case ast::SubqueryKind::kAll:
          out_ += '(';
          Expr(*node.left);
          out_ += ' ' + node.op;
          out_ += node.subquery_kind == ast::SubqueryKind::kAny ? " ANY " : " ALL ";
          if (node.array) {
            out_ += '(';
            Expr(*node.array);
            out_ += ')';
          } else {
            QueryInParens(*node.query);
          }
          out_ += ')';
          return;
      }
      return;
    }
    case ExprKind::kFunction: Function(expr.As<ast::FunctionExpr>()); return;
    case ExprKind::kCast: {
      const auto& node = expr.As<ast::CastExpr>();
      out_ += "CAST(";
      Expr(*node.arg);
      out_ += " AS ";
      Type(node.type);
      out_ += ')';
      return;
    }
    case ExprKind::kCase: {
      const auto& node = expr.As<ast::CaseExpr>();
      out_ += "CASE";
      if (node.arg) {
        out_ += ' ';
        Expr(*node.arg);
      }
      for (const auto& when : node.whens) {
        out_ += " WHEN ";
        Expr(*when.condition);
        out_ += " THEN ";
        Expr(*when.result);
      }
      if (node.else_result) {
        out_ += " ELSE ";
        Expr(*node.else_result);
      }
      out_ += " END";
      return;
    }
    case ExprKind::kRow:
      out_ += "ROW(";
      Exprs(expr.As<ast::RowExpr>().args);
      out_ += ')';
      return;
    case ExprKind::kDefault: out_ += "DEFAULT"; return;
    case ExprKind::kArray:
      out_ += "ARRAY[";
      Exprs(expr.As<ast::ArrayExpr>().elements);
      out_ += ']';
      return;
    case ExprKind::kSubscript: {
      const auto& node = expr.As<ast::SubscriptExpr>();
      out_ += '(';
      Expr(*node.arg);
      out_ += ")[";
      Expr(*node.index);
      out_ += ']';
      return;
    }
  }
}

void Printer::Function(const ast::FunctionExpr& call) {
  if (call.special_syntax && call.name.size() == 1) {
    const std::string& name = call.name[0];
    if (name == "extract") {
      out_ += "EXTRACT(";
      Expr(*call.args[0]);
      out_ += " FROM ";
      Expr(*call.args[1]);
      out_ += ')';
      return;
    }
    if (name == "position") {
      out_ += "POSITION(";
      Expr(*call.args[0]);
      out_ += " IN ";
      Expr(*call.args[1]);
      out_ += ')';
      return;
    }
    out_ += name;  // CURRENT_DATE and the other SQL value functions
    if (!call.args.empty()) {
      out_ += '(';
      Exprs(call.args);
      out_ += ')';
    }
    return;
  }
  Qualified(call.name);
  out_ += '(';
  if (call.star) out_ += '*';
  if (call.distinct) out_ += "DISTINCT ";
  Exprs(call.args);
  if (!call.order_by.empty()) {
    out_ += ' ';
    SortItems(call.order_by);
  }
  out_ += ')';
  if (call.filter) {
    out_ += " FILTER (WHERE ";
    Expr(*call.filter);
    out_ += ')';
  }
  if (call.over) {
    out_ += " OVER ";
    if (call.over->ref_name.empty() || !call.over->partition_by.empty() ||
        !call.over->order_by.empty() || call.over->frame_mode != ast::FrameMode::kDefault) {
      Window(*call.over);
    } else {
      Name(call.over->ref_name);
    }
  }
}

void Printer::Window(const ast::WindowSpec& spec) {
  out_ += '(';
  bool space = false;
  if (!spec.ref_name.empty()) {
    Name(spec.ref_name);
    space = true;
  }
  if (!spec.partition_by.empty()) {
    out_ += space ? " PARTITION BY " : "PARTITION BY ";
    Exprs(spec.partition_by);
    space = true;
  }
  if (!spec.order_by.empty()) {
    if (space) out_ += ' ';
    SortItems(spec.order_by);
    space = true;
  }
  if (spec.frame_mode != ast::FrameMode::kDefault) {
    if (space) out_ += ' ';
    static constexpr const char* kModes[] = {"", "RANGE", "ROWS", "GROUPS"};
    out_ += kModes[static_cast<int>(spec.frame_mode)];
    out_ += " BETWEEN ";
    FrameBound(spec.frame_start);
    out_ += " AND ";
    FrameBound(spec.frame_end);
  }
  out_ += ')';
}

void Printer::FrameBound(const ast::FrameBound& bound) {
  switch (bound.kind) {
    case ast::FrameBoundKind::kUnboundedPreceding: out_ += "UNBOUNDED PRECEDING"; return;
    case ast::FrameBoundKind::kCurrentRow: out_ += "CURRENT ROW"; return;
    case ast::FrameBoundKind::kUnboundedFollowing: out_ += "UNBOUNDED FOLLOWING"; return;
    case ast::FrameBoundKind::kPreceding:
    case ast::FrameBoundKind::kFollowing:
      Expr(*bound.offset);
      out_ += bound.kind == ast::FrameBoundKind::kPreceding ? " PRECEDING" : " FOLLOWING";
      return;
  }
}

void Printer::SortItems(const std::vector<ast::SortItem>& items) {
  out_ += "ORDER BY ";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out_ += ", ";
    Expr(*items[i].expr);
    if (items[i].descending) out_ += " DESC";
    if (items[i].nulls == ast::NullsOrder::kFirst) out_ += " NULLS FIRST";
    if (items[i].nulls == ast::NullsOrder::kLast) out_ += " NULLS LAST";
  }
}

void Printer::With(const ast::WithClause& with) {
  out_ += with.recursive ? "WITH RECURSIVE " : "WITH ";
  for (size_t i = 0; i < with.ctes.size(); ++i) {
    if (i > 0) out_ += ", ";
    const auto& cte = with.ctes[i];
    Name(cte.name);
    if (!cte.columns.empty()) NameList(cte.columns);
    out_ += " AS ";
    QueryInParens(*cte.query);
  }
  out_ += ' ';
}

void Printer::Targets(const std::vector<ast::ResultTarget>& targets) {
  for (size_t i = 0; i < targets.size(); ++i) {
    if (i > 0) out_ += ", ";
    Expr(*targets[i].expr);
    if (!targets[i].alias.empty()) {
      out_ += " AS ";
      Name(targets[i].alias);
    }
  }
}

void Printer::Alias(const ast::Alias& alias) {
  if (alias.name.empty()) return;
  out_ += " AS ";
  Name(alias.name);
  if (!alias.columns.empty()) NameList(alias.columns);
}

void Printer::TableRef(const ast::TableRef& ref) {
  switch (ref.kind) {
    case ast::TableRefKind::kTable: Qualified(ref.name); break;
    case ast::TableRefKind::kSubquery:
      if (ref.lateral) out_ += "LATERAL ";
      QueryInParens(*ref.query);
      break;
    case ast::TableRefKind::kFunction:
      if (ref.lateral) out_ += "LATERAL ";
      Expr(*ref.function);
      break;
    case ast::TableRefKind::kJoin: {
      static constexpr const char* kJoins[] = {" JOIN ", " LEFT JOIN ", " RIGHT JOIN ",
                                               " FULL JOIN ", " CROSS JOIN "};
      out_ += '(';
      TableRef(*ref.left);
      if (ref.natural) out_ += " NATURAL";
      out_ += kJoins[static_cast<int>(ref.join_type)];
      TableRef(*ref.right);
      if (ref.on) {
        out_ += " ON ";
        Expr(*ref.on);
      } else if (!ref.using_columns.empty()) {
        out_ += " USING ";
        NameList(ref.using_columns);
      }
      out_ += ')';
      return;
    }
  }
  Alias(ref.alias);
}

void Printer::FromList(const std::vector<std::unique_ptr<ast::TableRef>>& refs) {
  for (size_t i = 0; i < refs.size(); ++i) {
    if (i > 0) out_ += ", ";
    TableRef(*refs[i]);
  }
}

void Printer::Query(const ast::SelectStmt& query) {
  if (query.with) With(*query.with);
  switch (query.body) {
    case ast::SelectStmt::Body::kSelect:
      out_ += "SELECT";
      if (query.distinct) {
        out_ += " DISTINCT";
        if (!query.distinct_on.empty()) {
          out_ += " ON (";
          Exprs(query.distinct_on);
          out_ += ')';
        }
      }
      if (!query.targets.empty()) {
        out_ += ' ';
        Targets(query.targets);
      }
      if (!query.from.empty()) {
        out_ += " FROM ";
        FromList(query.from);
      }
      if (query.where) {
        out_ += " WHERE ";
        Expr(*query.where);
      }
      if (!query.group_by.empty()) {
        out_ += " GROUP BY ";
        Exprs(query.group_by);
      }
      if (query.having) {
        out_ += " HAVING ";
        Expr(*query.having);
      }
      for (size_t i = 0; i < query.windows.size(); ++i) {
        out_ += i == 0 ? " WINDOW " : ", ";
        Name(query.windows[i].name);
        out_ += " AS ";
        Window(query.windows[i].spec);
      }
      break;
    case ast::SelectStmt::Body::kValues:
      out_ += "VALUES ";
      for (size_t i = 0; i < query.values.size(); ++i) {
        if (i > 0) out_ += ", ";
        out_ += '(';
        Exprs(query.values[i]);
        out_ += ')';
      }
      break;
    case ast::SelectStmt::Body::kSetOp: {
      static constexpr const char* kOps[] = {" UNION ", " INTERSECT ", " EXCEPT "};
      QueryInParens(*query.left);
      out_ += kOps[static_cast<int>(query.set_op)];
      if (query.set_all) out_ += "ALL ";
      QueryInParens(*query.right);
      break;
    }
  }
  if (!query.order_by.empty()) {
    out_ += ' ';
    SortItems(query.order_by);
  }
  if (query.limit) {
    out_ += " LIMIT ";
    Expr(*query.limit);
  }
  if (query.offset) {
    out_ += " OFFSET ";
    Expr(*query.offset);
  }
}

void Printer::Target(const ast::TargetTable& table) {
  Qualified(table.name);
  if (!table.alias.empty()) {
    out_ += " AS ";
    Name(table.alias);
  }
}

void Printer::SetClauses(const std::vector<ast::SetClause>& clauses) {
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (i > 0) out_ += ", ";
    Name(clauses[i].column);
    out_ += " = ";
    Expr(*clauses[i].value);
  }
}

void Printer::Returning(const std::vector<ast::ResultTarget>& returning) {
  if (returning.empty()) return;
  out_ += " RETURNING ";
  Targets(returning);
}

void Printer::Constraint(const ast::Constraint& constraint) {
  if (!constraint.name.empty()) {
    out_ += "CONSTRAINT ";
    Name(constraint.name);
    out_ += ' ';
  }
  switch (constraint.kind) {
    case ast::ConstraintKind::kNull: out_ += "NULL"; break;
    case ast::ConstraintKind::kNotNull: out_ += "NOT NULL"; break;
    case ast::ConstraintKind::kDefault:
      out_ += "DEFAULT ";
      Expr(*constraint.expr);
      break;
    case ast::ConstraintKind::kCheck:
      out_ += "CHECK (";
      Expr(*constraint.expr);
      out_ += ')';
      break;
    case ast::ConstraintKind::kPrimaryKey:
    case ast::ConstraintKind::kUnique:
      out_ += constraint.kind == ast::ConstraintKind::kUnique ? "UNIQUE" : "PRIMARY KEY";
      if (!constraint.columns.empty()) {
        out_ += ' ';
        NameList(constraint.columns);
      }
      break;
  }
}

void Printer::Column(const ast::ColumnDef& column) {
  Name(column.name);
  out_ += ' ';
  Type(column.type);
  for (const auto& constraint : column.constraints) {
    out_ += ' ';
    Constraint(constraint);
  }
}

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

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  bool plain =
      !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      plain = false;
    }
  }
  if (plain) {
    const KeywordCategory category = KeywordCategoryOf(name);
    plain = category == KeywordCategory::kNone || category == KeywordCategory::kUnreserved;
  }
  if (plain) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string ToSql(const ast::Statement& statement) {
  Printer printer;
  printer.Statement(statement);
  return printer.Take();
}

std::string ToSql(const ast::SelectStmt& query) {
  Printer printer;
  printer.Query(query);
  return printer.Take();
}

std::string ToSql(const ast::Expr& expr) {
  Printer printer;
  printer.Expr(expr);
  return printer.Take();
}

std::string ToSql(const ast::TypeName& type) {
  Printer printer;
  printer.Type(type);
  return printer.Take();
}

}  // namespace datacave::sql
