#pragma once

// The SQLite sqllogictest files that must pass in full (on PostgreSQL 15 and on Datacave),
// and the check both suites apply to a file's report: every failure must be a listed
// divergence, and every listed divergence must still fail (else the list is stale).

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sql-logic/slt/runner.h"

namespace datacave::slt {

// Relative to CorporaDir().
inline const std::vector<std::string> kSqliteCorpusFiles = {
    "sqlite-slt/select1.test",
    "sqlite-slt/select2.test",
    "sqlite-slt/select4.test",
    "sqlite-slt/random/aggregates/slt_good_0.test",
    "sqlite-slt/random/expr/slt_good_0.test",
    "sqlite-slt/random/groupby/slt_good_0.test",
    "sqlite-slt/random/select/slt_good_0.test",
};

// ../shared/corpora beside the source tree; the corpus tests skip when it is absent.
inline std::string CorporaDir(const std::string& source_dir) {
  return source_dir + "/../shared/corpora";
}

// A gtest-friendly name for a corpus path.
inline std::string CorpusTestName(const std::string& relative) {
  std::string name;
  for (char c : relative) name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

using Divergences = std::map<std::string, std::set<int>>;  // file -> record lines

// Empty when report's failures are exactly known[file]'s lines; else what is wrong.
inline std::string CheckCorpusReport(const FileReport& report, const std::string& file,
                                     const Divergences& known) {
  auto listed = known.find(file);
  const std::set<int> expected = listed == known.end() ? std::set<int>{} : listed->second;
  std::set<int> failed;
  std::string problems;
  for (const Failure& f : report.failures) {
    failed.insert(f.line);
    if (expected.count(f.line) == 0) {
      problems += report.path + ":" + std::to_string(f.line) + ": " + f.message;
    }
  }
  for (int line : expected) {
    if (failed.count(line) == 0) {
      problems += report.path + ":" + std::to_string(line) +
                  ": listed as a divergence but passes now: update the list\n";
    }
  }
  return problems;
}

}  // namespace datacave::slt
