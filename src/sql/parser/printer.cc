// Turns parse trees back into SQL. The output is not pretty; it is unambiguous: every
// compound expression is parenthesised and every name that needs it is quoted, so that
// Parse(ToSql(tree)) gives the same tree.

#include <cctype>

#include "sql/parser/keywords.h"
#include "sql/parser/printer_internal.h"

namespace datacave::sql {

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
