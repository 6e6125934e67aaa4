#pragma once

// The parser's private class, shared by the files that implement it:
//   parser.cc         tokens, errors, names, type names, the statement dispatcher
//   parse_expr.cc     expressions, by precedence level
//   parse_select.cc   queries: SELECT, VALUES, set operations, FROM, WITH
//   parse_statement.cc  DML, DDL, transactions, SET/SHOW, EXPLAIN, COPY
//   parse_cursor.cc   DECLARE CURSOR, FETCH/MOVE, CLOSE

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sql/parser/ast.h"
#include "sql/parser/lexer.h"

namespace datacave::sql {

class Parser {
 public:
  Parser(std::string_view query, std::vector<Token> tokens)
      : query_(query), tokens_(std::move(tokens)) {}

  Result<std::vector<ast::StatementPtr>> ParseStatements();
  Result<ast::ExprPtr> ParseStandaloneExpr();

 private:
  // Nesting deeper than this is refused (54001) before the stack runs out.
  static constexpr int kMaxDepth = 200;

  // ---- tokens (parser.cc)
  const Token& Peek(size_t ahead = 0) const;
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  // An unquoted identifier spelling keyword (lower case).
  bool IsKeyword(std::string_view keyword, size_t ahead = 0) const;
  bool AcceptKeyword(std::string_view keyword);
  bool AcceptIfNotExists();  // IF NOT EXISTS
  Status ExpectKeyword(std::string_view keyword);
  bool IsPunct(std::string_view punct, size_t ahead = 0) const;
  bool AcceptPunct(std::string_view punct);
  Status ExpectPunct(std::string_view punct);
  bool IsOperator(std::string_view op, size_t ahead = 0) const;
  bool AcceptOperator(std::string_view op);

  // ---- errors
  Status SyntaxError() const { return SyntaxErrorAt(Peek()); }
  Status SyntaxErrorAt(const Token& token) const;
  Status ErrorAt(const Token& token, std::string_view sqlstate, std::string message) const;
  Status NotSupportedAt(const Token& token, std::string feature) const;
  Status TooDeepError() const { return ErrorAt(Peek(), "54001", "stack depth limit exceeded"); }
  int Location(const Token& token) const { return static_cast<int>(token.offset); }

  // ---- names
  // ColId: an identifier, or a keyword that may name a column (unreserved or col_name).
  bool IsColId(size_t ahead = 0) const;
  Result<std::string> ParseColId();
  // ColLabel: any identifier or keyword (after AS, after a '.').
  Result<std::string> ParseColLabel();
  // A function or type name: an identifier, unreserved or type_func_name keyword.
  bool IsFunctionName(size_t ahead = 0) const;
  Result<ast::QualifiedName> ParseQualifiedName();
  Result<std::vector<std::string>> ParseNameList();  // '(' a, b, ... ')'

  Result<ast::TypeName> ParseTypeName();
  Result<std::vector<int32_t>> ParseTypeModifiers();
  // True when a type name begins here that only the type grammar knows (DOUBLE PRECISION,
  // TIMESTAMP WITH TIME ZONE, ...), as opposed to a plain identifier.
  bool IsSpecialTypeStart(size_t ahead = 0) const;

  // ---- statements (parse_statement.cc)
  Result<ast::StatementPtr> ParseStatement();
  Result<ast::StatementPtr> ParseInsert(std::unique_ptr<ast::WithClause> with);
  Result<ast::StatementPtr> ParseUpdate(std::unique_ptr<ast::WithClause> with);
  Result<ast::StatementPtr> ParseDelete(std::unique_ptr<ast::WithClause> with);
  Result<ast::StatementPtr> ParseCreate();
  Result<ast::StatementPtr> ParseCreateTable();
  Result<ast::StatementPtr> ParseCreateIndex(bool unique);
  Result<ast::StatementPtr> ParseDrop();
  Result<ast::StatementPtr> ParseTruncate();
  Result<ast::StatementPtr> ParseAlter();
  Result<ast::StatementPtr> ParseTransaction();
  Status ParseTransactionModes(ast::TransactionStmt* stmt);
  Result<ast::StatementPtr> ParseSet();
  Result<ast::StatementPtr> ParseReset();
  Result<std::string> ParseSettingName();
  Result<ast::StatementPtr> ParseShow();
  Result<ast::StatementPtr> ParseExplain();
  Result<ast::StatementPtr> ParseCopy();
  Result<ast::StatementPtr> ParseVacuum();
  Result<ast::StatementPtr> Unsupported(std::string feature);
  // ---- cursors (parse_cursor.cc)
  Result<ast::StatementPtr> ParseDeclareCursor();
  Result<ast::StatementPtr> ParseFetch();  // FETCH or MOVE
  Result<ast::StatementPtr> ParseClose();
  Result<int64_t> ParseSignedCount();
  bool IsSignedCountStart() const;
  Result<ast::ColumnDef> ParseColumnDef();
  Result<bool> ParseColumnConstraint(ast::ColumnDef* column);  // false: none here
  Result<ast::Constraint> ParseTableConstraint();
  Result<ast::TargetTable> ParseTargetTable(bool alias_needs_as);
  Result<std::vector<ast::SetClause>> ParseSetClauses();
  Result<std::vector<ast::ResultTarget>> ParseReturning();

  // ---- queries (parse_select.cc)
  bool IsSelectStart(size_t ahead = 0) const;
  Result<std::unique_ptr<ast::SelectStmt>> ParseSelect();
  Result<std::unique_ptr<ast::SelectStmt>> ParseSelectBody();
  Result<std::unique_ptr<ast::SelectStmt>> ParseSetOperand();
  Result<std::unique_ptr<ast::SelectStmt>> ParseSimpleSelect();
  Result<std::unique_ptr<ast::SelectStmt>> ParseValues();
  Result<std::unique_ptr<ast::SelectStmt>> ParseSelectInParens();
  Result<std::unique_ptr<ast::WithClause>> ParseWith();
  Status ParseSelectOptions(ast::SelectStmt* stmt);
  Result<std::vector<ast::ResultTarget>> ParseTargetList();
  Result<std::vector<ast::SortItem>> ParseOrderBy();
  Result<std::vector<std::unique_ptr<ast::TableRef>>> ParseFromList();
  Result<std::unique_ptr<ast::TableRef>> ParseTableRef();
  Result<std::unique_ptr<ast::TableRef>> ParseTableRefPrimary();
  Status ParseAlias(ast::Alias* alias, bool required, const Token& at);
  Result<ast::WindowSpec> ParseWindowSpec();
  Status ParseWindowFrame(ast::WindowSpec* spec);
  Result<ast::FrameBound> ParseFrameBound();

  // ---- expressions (parse_expr.cc), from the loosest binding to the tightest
  Result<ast::ExprPtr> ParseExpr();  // a_expr
  // A b_expr: what `level` parses, with NOT refused outside parentheses (b_expr_).
  Result<ast::ExprPtr> ParseBExpr(Result<ast::ExprPtr> (Parser::*level)());
  Result<ast::ExprPtr> ParseOr();
  Result<ast::ExprPtr> ParseAnd();
  Result<ast::ExprPtr> ParseNot();
  Result<ast::ExprPtr> ParseIs();
  Result<ast::ExprPtr> ParseComparison();
  Result<ast::ExprPtr> ParsePredicate();  // BETWEEN, IN, LIKE, ILIKE, SIMILAR TO
  Result<ast::ExprPtr> ParseOtherOperator();
  bool IsOtherOperator() const;
  Result<std::string> ParseOtherOperatorName();
  Result<ast::ExprPtr> ParseAdditive();
  Result<ast::ExprPtr> ParseMultiplicative();
  Result<ast::ExprPtr> ParseExponent();
  Result<ast::ExprPtr> ParseAtTimeZone();
  Result<ast::ExprPtr> ParseUnary();
  Result<ast::ExprPtr> ParsePostfix();
  Result<ast::ExprPtr> ParsePrimary();
  Result<ast::ExprPtr> ParseParenthesized();
  Result<ast::ExprPtr> ParseFunctionCall(ast::QualifiedName name, const Token& start);
  Result<ast::ExprPtr> ParseKeywordExpr(bool* matched);
  Result<ast::ExprPtr> ParseCase();
  Result<ast::ExprList> ParseExprList();  // a, b, c (at least one)
  Result<ast::ExprPtr> ParseSubqueryAfter(ast::ExprPtr left, std::string op, const Token& start);

  std::string_view TokenText(const Token& token) const {
    return query_.substr(token.offset, token.length);
  }

  std::string_view query_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  // Set while parsing a b_expr (BETWEEN's lower bound, a column DEFAULT): gram.y's b_expr has
  // no NOT, so NOT there is a syntax error; ParseExpr (parentheses, function arguments)
  // clears it for what it parses.
  bool b_expr_ = false;
  friend class DepthGuard;
};

// Counts nesting so that deep input is an error, not a stack overflow.
class DepthGuard {
 public:
  explicit DepthGuard(Parser* parser) : parser_(parser) { ++parser_->depth_; }
  ~DepthGuard() { --parser_->depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  bool TooDeep() const { return parser_->depth_ > Parser::kMaxDepth; }

 private:
  Parser* parser_;
};

}  // namespace datacave::sql
