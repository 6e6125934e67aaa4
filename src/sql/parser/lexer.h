#pragma once

// The SQL lexer: PostgreSQL 15's lexical rules (scan.l), turning query text into tokens.
//
// What it knows: whitespace and comments (`--` and nested `/* */`); identifiers, folded to
// lower case unless double-quoted; keywords are identifiers here (the parser decides);
// string constants in every PostgreSQL form ('...', E'...', U&'...', N'...', $tag$...$tag$,
// and '...' continued on a new line); bit strings (B'...', X'...'); numbers; `$n`
// parameters; operators, with PostgreSQL's rules for where a run of operator characters
// ends; and punctuation.
//
// Errors are SQLSTATE 42601 (22P05 and 22025 for bad escapes) with the position of the
// offending token, and the message PostgreSQL gives ("unterminated quoted string at or near
// ...").
//
// Thread safety: a pure function.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave::sql {

enum class TokenKind {
  kIdentifier,   // text: folded to lower case (unless quoted), at most 63 bytes
  kString,       // text: the value, escapes processed
  kBitString,    // text: 'b' or 'x' followed by the digits between the quotes
  kInteger,      // text: the digits
  kNumeric,      // text: as written (a decimal point and/or exponent)
  kParameter,    // text: the digits of $n
  kOperator,     // text: "+", "<=", "<>" (also for "!="), "~~*", ...
  kPunctuation,  // text: one of ( ) , ; [ ] . : :: .. := => (or any other single byte)
  kEnd,          // end of input; text empty
};

struct Token {
  TokenKind kind;
  std::string text;
  bool quoted = false;  // kIdentifier written in double quotes
  uint32_t offset = 0;  // byte offset of the token's first byte in the query
  uint32_t length = 0;  // bytes of query text the token spans
};

// Identifiers are cut to this many bytes, as PostgreSQL's NAMEDATALEN - 1.
constexpr size_t kMaxIdentifierLength = 63;

// Every token of query, ending with one kEnd token.
Result<std::vector<Token>> Lex(std::string_view query);

// The 1-based character (not byte) position of byte offset in query, as the ErrorResponse
// position field counts.
int CharacterPosition(std::string_view query, uint32_t offset);

}  // namespace datacave::sql
