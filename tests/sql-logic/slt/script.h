#pragma once

// A sqllogictest script parsed into records, each with the line it starts on. Parsing only
// recognises the format; running the records is the runner's job (slt/runner.h).
//
// Accepted (see tests/sql-logic/README.md for the full rules):
//   statement ok | statement error [<expectation>] | statement count <n>
//   query [<types>] [nosort|rowsort|valuesort] [label] [colnames] [multiline]
//   query error [<expectation>]
//   hash-threshold <n>, halt, mode standard|cockroach|rows, subtest <name> (ignored)
//   skipif <engine> / onlyif <engine> before any record; '#' comments
// An <expectation> is a SQLSTATE ("23505": exactly five digits or capital letters, at least
// one digit), "pgcode <SQLSTATE> [regex]", or an ECMAScript regex searched in the message.
// Directives the runner does not implement (copy, simple, include, system, ...) become
// kUnsupported records, which the runner counts instead of guessing at.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave::slt {

enum class SortMode { kNoSort, kRowSort, kValueSort };

// How expected results are written and how values are formatted (slt/format.h).
enum class ResultMode {
  kStandard,   // SQLite: one value per line, I/R/T conversion, hashing
  kCockroach,  // one row per line, values separated by spaces, raw PostgreSQL text
  kRows,       // sqllogictest-rs (RisingWave): one row per line, raw PostgreSQL text
};

struct Condition {
  bool only_if = false;  // onlyif (true) or skipif (false)
  std::string engine;
};

// What an expected error must look like. Both empty: any error will do.
struct ErrorExpectation {
  std::string sqlstate;  // five characters, compared exactly
  std::string regex;     // searched (not fully matched) in the error's primary message
};

enum class RecordKind {
  kStatement,
  kQuery,
  kHashThreshold,
  kHalt,
  kMode,
  kUnsupported,  // a directive the runner does not execute; `text` holds its line
};

struct Record {
  RecordKind kind = RecordKind::kStatement;
  int line = 0;  // 1-based line of the directive
  std::vector<Condition> conditions;
  std::string sql;  // statement or query text, lines joined with '\n'

  // kStatement and kQuery: an error is expected instead of a result.
  bool expect_error = false;
  ErrorExpectation error;
  std::optional<int64_t> expected_count;  // `statement count N`: rows affected

  // kQuery.
  std::string types;  // one letter per column
  SortMode sort = SortMode::kNoSort;
  std::string label;
  bool colnames = false;              // the first expected line holds the column names
  bool has_expected = false;          // a `----` line was present
  std::vector<std::string> expected;  // lines after `----`, verbatim (CR stripped)

  // kHashThreshold: the new threshold. kMode: the new mode. kUnsupported: the directive line.
  int hash_threshold = 0;
  ResultMode mode = ResultMode::kStandard;
  std::string text;
};

struct Script {
  std::string path;  // for messages only
  std::vector<Record> records;
};

// Parses a script. Returns InvalidArgument naming path:line for malformed records (an
// unknown sort mode, two sort modes, a hash-threshold that is not a number).
Result<Script> ParseScript(std::string_view text, std::string path);

// Reads and parses a file.
Result<Script> ParseScriptFile(const std::string& path);

// True when `text` is a SQLSTATE by the rule above.
bool LooksLikeSqlstate(std::string_view text);

}  // namespace datacave::slt
