#pragma once

// The SQL parser: a hand-written recursive-descent parser for the PostgreSQL 15 dialect,
// with PostgreSQL's operator precedence and keyword categories (reserved words cannot name
// columns; `SELECT 1 AS select` still works).
//
// Errors are SQLSTATE 42601 "syntax error at or near "<token>"" (or "at end of input") with
// the token's 1-based character position, as PostgreSQL reports them; features PostgreSQL
// has and Datacave does not are 0A000 naming the feature, or an UnsupportedStmt when a whole
// statement kind is missing, so that the error comes when (and if) it runs.
//
// Thread safety: pure functions.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sql/parser/ast.h"

namespace datacave::sql {

// Every statement of a query string separated by ';' (empty statements are skipped, so
// "" and ";;" give none). Each statement records its span in query.
Result<std::vector<ast::StatementPtr>> Parse(std::string_view query);

// One expression, e.g. a column DEFAULT stored in the catalog.
Result<ast::ExprPtr> ParseExpression(std::string_view text);

// SQL that parses back to the same tree. Identifiers are quoted when they must be; every
// compound expression is parenthesised, so precedence never changes the meaning.
std::string ToSql(const ast::Statement& statement);
std::string ToSql(const ast::SelectStmt& query);
std::string ToSql(const ast::Expr& expr);
std::string ToSql(const ast::TypeName& type);

// An identifier as SQL must spell it: bare when it is lower case, not a reserved word and
// otherwise plain; else in double quotes.
std::string QuoteIdentifier(std::string_view name);

}  // namespace datacave::sql
