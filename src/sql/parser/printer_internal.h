#pragma once

// The printer behind ToSql (parser.h), shared by its two files: printer.cc (expressions,
// queries and the clauses statements share) and printer_statement.cc (each statement).

#include <string>
#include <string_view>
#include <vector>

#include "sql/parser/parser.h"

namespace datacave::sql {

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

}  // namespace datacave::sql
