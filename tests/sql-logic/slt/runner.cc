#include "sql-logic/slt/runner.h"

#include <algorithm>
#include <cstdio>
#include <regex>

#include "sql-logic/slt/format.h"

namespace datacave::slt {
namespace {

constexpr size_t kShownLines = 40;  // of expected and of actual, in a failure message

bool Applies(const Record& record, const std::vector<std::string>& engines) {
  for (const Condition& c : record.conditions) {
    bool named = std::find(engines.begin(), engines.end(), c.engine) != engines.end();
    if (c.only_if != named) return false;
  }
  return true;
}

std::string Indent(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size() && i < kShownLines; i++) out += "    " + lines[i] + "\n";
  if (lines.size() > kShownLines) {
    out += "    ... (" + std::to_string(lines.size() - kShownLines) + " more)\n";
  }
  return out;
}

std::string ErrorText(const Status& status) {
  std::string state(status.sqlstate());
  return (state.empty() ? "" : "[" + state + "] ") + status.message();
}

// Why an error does not meet the expectation, or nullopt when it does.
std::optional<std::string> CheckError(const ErrorExpectation& expected, const Status& actual) {
  if (!expected.sqlstate.empty() && actual.sqlstate() != expected.sqlstate) {
    return "expected SQLSTATE " + expected.sqlstate + ", got " + ErrorText(actual);
  }
  if (expected.regex.empty()) return std::nullopt;
  try {
    std::regex re(expected.regex, std::regex::ECMAScript);
    if (std::regex_search(actual.message(), re)) return std::nullopt;
  } catch (const std::regex_error& e) {
    return "the expected error /" + expected.regex + "/ is not a valid regex: " + e.what();
  }
  return "expected an error matching /" + expected.regex + "/, got " + ErrorText(actual);
}

class FileRunner {
 public:
  FileRunner(const Script& script, Database& db, const RunOptions& options, FileReport* report)
      : script_(script), db_(db), options_(options), report_(report) {
    mode_ = options.initial_mode;
    hash_threshold_ = options.hash_threshold;
  }

  void Run() {
    for (const Record& record : script_.records) {
      if (!Applies(record, options_.engines)) {
        if (record.kind == RecordKind::kStatement || record.kind == RecordKind::kQuery) {
          report_->skipped++;
        }
        continue;
      }
      switch (record.kind) {
        case RecordKind::kHashThreshold: hash_threshold_ = record.hash_threshold; continue;
        case RecordKind::kMode: mode_ = record.mode; continue;
        case RecordKind::kUnsupported: report_->unsupported++; continue;
        case RecordKind::kHalt: report_->halted = true; return;
        case RecordKind::kStatement:
        case RecordKind::kQuery: break;
      }
      if (options_.trace) std::fprintf(stderr, "%s:%d\n", report_->path.c_str(), record.line);
      std::optional<std::string> failure = RunRecord(record);
      if (!report_->status.ok()) return;  // the connection is gone
      if (!failure) {
        report_->passed++;
        continue;
      }
      report_->failed++;
      if (report_->failures.size() < options_.max_reported_failures) {
        report_->failures.push_back({record.line, *failure + "\n  sql:\n" + Indent({record.sql})});
      }
      if (options_.halt_on_error) {
        report_->halted = true;
        return;
      }
    }
  }

 private:
  // A failure message, or nullopt when the record passed.
  std::optional<std::string> RunRecord(const Record& record) {
    QueryResult result;
    Status status = db_.Execute(record.sql, &result);
    if (!status.ok() && status.sqlstate().empty() && status.code() == StatusCode::kIOError) {
      report_->status = status.WithContext(script_.path + ":" + std::to_string(record.line));
      return std::nullopt;
    }
    if (record.expect_error) {
      if (status.ok()) return std::string("expected an error, but the statement succeeded");
      return CheckError(record.error, status);
    }
    if (!status.ok()) return "unexpected error " + ErrorText(status);
    if (record.kind == RecordKind::kStatement) {
      if (record.expected_count && result.rows_affected != record.expected_count) {
        return "expected " + std::to_string(*record.expected_count) + " rows affected, got " +
               (result.rows_affected ? std::to_string(*result.rows_affected) : "none");
      }
      return std::nullopt;
    }
    return CheckQuery(record, result);
  }

  std::optional<std::string> CheckQuery(const Record& record, const QueryResult& result) {
    size_t columns = result.column_types.size();
    // sqllogictest-rs files do not keep the type letters in step with the columns.
    if (mode_ != ResultMode::kRows && record.types.size() != columns) {
      return "expected " + std::to_string(record.types.size()) + " columns (" + record.types +
             "), got " + std::to_string(columns);
    }
    std::vector<std::string> values = FormatValues(result, record.types, mode_);
    SortValues(record.sort, columns, &values);
    std::vector<std::string> expected = record.expected;
    std::vector<std::string> actual_names;
    if (record.colnames && record.has_expected) {
      std::vector<std::optional<std::string>> names(result.column_names.begin(),
                                                    result.column_names.end());
      std::string line;
      for (const auto& name : names) {
        line += (line.empty() ? "" : " ") + FormatRawValue(name, kTextOid, mode_, columns > 1);
      }
      std::string want = expected.empty() ? "" : NormalizeSpaces(expected.front());
      if (want != NormalizeSpaces(line)) {
        return "column names differ:\n  expected:\n" + Indent({want}) + "  actual:\n" +
               Indent({line});
      }
      expected.erase(expected.begin());
    }
    std::string hash_line;
    bool hashed_expectation = expected.size() == 1 && IsHashLine(expected[0]);
    if (!record.label.empty() || hashed_expectation) hash_line = HashLine(values);
    if (!record.label.empty()) {
      auto [it, inserted] = labels_.emplace(record.label, hash_line);
      if (!inserted && it->second != hash_line) {
        return "result differs from the earlier query labelled " + record.label + ": " +
               it->second + " vs " + hash_line;
      }
    }
    if (!record.has_expected) return std::nullopt;
    if (hashed_expectation) {
      if (NormalizeSpaces(expected[0]) == hash_line) return std::nullopt;
      return Mismatch(expected, values, hash_line);
    }
    std::vector<std::string> actual =
        mode_ == ResultMode::kStandard || record.sort == SortMode::kValueSort
            ? values
            : JoinRows(values, columns, record.sort);
    bool equal = actual.size() == expected.size();
    for (size_t i = 0; equal && i < actual.size(); i++) {
      equal = mode_ == ResultMode::kStandard
                  ? expected[i] == actual[i]
                  : NormalizeSpaces(expected[i]) == NormalizeSpaces(actual[i]);
    }
    if (mode_ != ResultMode::kStandard && record.sort == SortMode::kValueSort && !equal) {
      equal = SameTokens(expected, actual);
    }
    if (equal) return std::nullopt;
    return Mismatch(expected, actual,
                    hash_threshold_ > 0 && values.size() > static_cast<size_t>(hash_threshold_)
                        ? HashLine(values)
                        : "");
  }

  // Rows as lines of space-separated values, sorted as lines for rowsort.
  static std::vector<std::string> JoinRows(const std::vector<std::string>& values, size_t columns,
                                           SortMode sort) {
    std::vector<std::string> lines;
    for (size_t i = 0; columns > 0 && i + columns <= values.size(); i += columns) {
      std::string line;
      for (size_t c = 0; c < columns; c++) line += (c == 0 ? "" : " ") + values[i + c];
      lines.push_back(std::move(line));
    }
    if (sort == SortMode::kRowSort) std::sort(lines.begin(), lines.end());
    return lines;
  }

  // valuesort in a row-per-line mode: the expected lines hold the sorted values in any wrapping.
  static bool SameTokens(const std::vector<std::string>& expected,
                         const std::vector<std::string>& values) {
    std::string joined;
    for (const auto& line : expected) joined += " " + line;
    std::string actual;
    for (const auto& value : values) actual += " " + value;
    return NormalizeSpaces(joined) == NormalizeSpaces(actual);
  }

  static std::string Mismatch(const std::vector<std::string>& expected,
                              const std::vector<std::string>& actual,
                              const std::string& hash_line) {
    std::string out = "wrong result\n  expected:\n" + Indent(expected) + "  actual:\n";
    out += Indent(actual);
    if (!hash_line.empty()) out += "    (" + hash_line + ")\n";
    return out;
  }

  const Script& script_;
  Database& db_;
  const RunOptions& options_;
  FileReport* report_;
  ResultMode mode_;
  int hash_threshold_;
  std::map<std::string, std::string> labels_;  // label -> hash line of its first result
};

}  // namespace

std::vector<std::string> EngineNames(std::string_view engine) {
  if (engine == "postgresql") return {"postgresql"};
  if (engine == "datacave") return {"postgresql", "datacave"};
  return {};
}

FileReport RunScript(const Script& script, Database& db, const RunOptions& options) {
  FileReport report;
  report.path = script.path;
  FileRunner(script, db, options, &report).Run();
  return report;
}

FileReport RunFile(const std::string& path, DatabaseFactory& factory, const RunOptions& options) {
  Result<Script> script = ParseScriptFile(path);
  if (!script.ok()) {
    FileReport report;
    report.path = path;
    report.status = script.status();
    return report;
  }
  Result<std::unique_ptr<Database>> db = factory.OpenFresh();
  if (!db.ok()) {
    FileReport report;
    report.path = path;
    report.status = db.status().WithContext("opening a fresh database for " + path);
    return report;
  }
  return RunScript(*script, **db, options);
}

std::string DescribeReport(const FileReport& report, bool details) {
  std::string out;
  if (details) {
    for (const Failure& f : report.failures) {
      out += report.path + ":" + std::to_string(f.line) + ": " + f.message;
    }
    if (report.failed > static_cast<int>(report.failures.size())) {
      out += report.path + ": " +
             std::to_string(report.failed - static_cast<int>(report.failures.size())) +
             " more failures not shown\n";
    }
  }
  out += report.path + ": " + std::to_string(report.passed) + " passed, " +
         std::to_string(report.failed) + " failed, " + std::to_string(report.skipped) + " skipped";
  if (report.unsupported > 0) out += ", " + std::to_string(report.unsupported) + " unsupported";
  if (report.halted) out += " (halted)";
  if (!report.status.ok()) out += " -- ERROR: " + report.status.ToString();
  return out + "\n";
}

}  // namespace datacave::slt
