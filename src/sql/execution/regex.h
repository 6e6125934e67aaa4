#pragma once

// POSIX regular expression matching for PostgreSQL's `~`, `~*`, `!~`, `!~*` operators.
//
// PostgreSQL's "advanced regular expressions" are a superset of POSIX extended regular
// expressions; the patterns clients send (psql's `^(t)$`, `^pg_toast`, `^(public)$`) are
// plain EREs, which the C library's regcomp/regexec match without recursion (no stack
// exhaustion on long inputs). ARE-only syntax (`\d`, `\m`, lookahead, embedded options) is
// not understood: such a pattern either fails to compile (2201B) or means its ERE reading.
// ARE's non-capturing group `(?:...)` is read as a plain group (it matches the same).
// Text and patterns are read as UTF-8 characters (`.` is one character, not one byte).
//
// Thread safety: reentrant; each thread keeps its last compiled pattern.

#include <string_view>

#include "core/status.h"

namespace datacave::sql {

// Whether text contains a match of pattern. Errors: 2201B "invalid regular expression: ..."
// for a pattern that does not compile, 22021 for a NUL byte (PostgreSQL text has none).
Result<bool> RegexMatch(std::string_view text, std::string_view pattern, bool case_insensitive);

}  // namespace datacave::sql
