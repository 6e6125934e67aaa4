#pragma once

// Runs a parsed script against a Database and reports, per record, pass / fail / skip with
// file:line and expected vs actual. One script runs on one fresh database (see RunFile).

#include <map>
#include <string>
#include <vector>

#include "sql-logic/slt/database.h"
#include "sql-logic/slt/script.h"

namespace datacave::slt {

struct RunOptions {
  // Names the database answers to in skipif/onlyif. PostgreSQL: {"postgresql"}; Datacave:
  // {"postgresql", "datacave"} (EngineNames).
  std::vector<std::string> engines = {"postgresql"};
  bool halt_on_error = false;  // stop a file at its first failing record
  ResultMode initial_mode = ResultMode::kStandard;
  int hash_threshold = 8;             // the reference runner's default
  size_t max_reported_failures = 50;  // per file; the counts stay exact beyond it
  // Print each record's file:line to standard error before running it: which one crashed
  // or hung.
  bool trace = false;
};

struct Failure {
  int line = 0;
  std::string message;  // what differed, the SQL, expected vs actual
};

struct FileReport {
  std::string path;
  int passed = 0;
  int failed = 0;
  int skipped = 0;      // excluded by skipif/onlyif
  int unsupported = 0;  // directives the runner does not execute (copy, simple, ...)
  bool halted = false;  // a `halt` record, or halt_on_error, ended the file early
  std::vector<Failure> failures;
  // Not OK when the file could not be run at all or stopped midway for a reason other than
  // a failing record: it did not parse, no database could be opened, the connection died.
  Status status;

  bool ok() const { return status.ok() && failed == 0; }
};

// The skipif/onlyif names for --engine: "postgresql" or "datacave". Empty for others.
std::vector<std::string> EngineNames(std::string_view engine);

// Runs every record of script against db.
FileReport RunScript(const Script& script, Database& db, const RunOptions& options);

// Parses path, opens a fresh database from factory, runs, discards the database.
FileReport RunFile(const std::string& path, DatabaseFactory& factory, const RunOptions& options);

// "path: 12 passed, 1 failed, 3 skipped" plus, with details, each failure as
// "path:line: message".
std::string DescribeReport(const FileReport& report, bool details);

}  // namespace datacave::slt
