// The sqllogictest parser, the value formatting and hashing rules, and the runner's verdicts,
// against a fake Database whose answers are fixed per SQL string.

#include <gtest/gtest.h>

#include <map>

#include "sql-logic/slt/format.h"
#include "sql-logic/slt/runner.h"
#include "sql-logic/slt/script.h"

namespace datacave::slt {
namespace {

// Answers each SQL string with a fixed result or error; anything else is an error 42601.
class FakeDatabase : public Database {
 public:
  void Answer(const std::string& sql, QueryResult result) { results_[sql] = std::move(result); }
  void Fail(const std::string& sql, Status status) { errors_.emplace(sql, std::move(status)); }

  Status Execute(std::string_view sql, QueryResult* out) override {
    executed.emplace_back(sql);
    if (auto it = errors_.find(std::string(sql)); it != errors_.end()) return it->second;
    if (auto it = results_.find(std::string(sql)); it != results_.end()) {
      *out = it->second;
      return Status::Ok();
    }
    *out = QueryResult();
    if (sql.starts_with("CREATE") || sql.starts_with("INSERT")) return Status::Ok();
    return Status::Sql(StatusCode::kInvalidArgument, "42601", "no canned answer");
  }

  std::vector<std::string> executed;

 private:
  std::map<std::string, QueryResult> results_;
  std::map<std::string, Status> errors_;
};

QueryResult Result1(uint32_t oid, std::vector<std::optional<std::string>> column) {
  QueryResult r;
  r.column_types = {oid};
  r.column_names = {"c"};
  for (auto& v : column) r.rows.push_back({std::move(v)});
  return r;
}

FileReport RunText(const std::string& text, Database& db, RunOptions options = {}) {
  auto script = ParseScript(text, "t.test");
  EXPECT_TRUE(script.ok()) << script.status().ToString();
  if (!script.ok()) return FileReport();
  return RunScript(*script, db, options);
}

// --- parser -------------------------------------------------------------------------------

TEST(SltParser, RecordsWithLinesConditionsAndCrlf) {
  auto script = ParseScript(
      "# header comment\r\n"
      "statement ok\r\n"
      "CREATE TABLE t(a INT)\r\n"
      "\r\n"
      "skipif mysql # not compatible\r\n"
      "onlyif postgresql\r\n"
      "query IT rowsort label-7\r\n"
      "SELECT a,\r\n"
      "  b FROM t\r\n"
      "----\r\n"
      "1\r\n"
      "x\r\n"
      "\r\n"
      "hash-threshold 4\r\n"
      "\r\n"
      "halt\r\n",
      "f.test");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  const auto& r = script->records;
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].kind, RecordKind::kStatement);
  EXPECT_EQ(r[0].line, 2);
  EXPECT_EQ(r[0].sql, "CREATE TABLE t(a INT)");
  EXPECT_FALSE(r[0].expect_error);
  EXPECT_EQ(r[1].kind, RecordKind::kQuery);
  EXPECT_EQ(r[1].line, 7);
  ASSERT_EQ(r[1].conditions.size(), 2u);
  EXPECT_FALSE(r[1].conditions[0].only_if);
  EXPECT_EQ(r[1].conditions[0].engine, "mysql");
  EXPECT_TRUE(r[1].conditions[1].only_if);
  EXPECT_EQ(r[1].types, "IT");
  EXPECT_EQ(r[1].sort, SortMode::kRowSort);
  EXPECT_EQ(r[1].label, "label-7");
  EXPECT_EQ(r[1].sql, "SELECT a,\n  b FROM t");
  EXPECT_TRUE(r[1].has_expected);
  EXPECT_EQ(r[1].expected, (std::vector<std::string>{"1", "x"}));
  EXPECT_EQ(r[2].kind, RecordKind::kHashThreshold);
  EXPECT_EQ(r[2].hash_threshold, 4);
  EXPECT_EQ(r[3].kind, RecordKind::kHalt);
  EXPECT_EQ(r[3].line, 16);
}

TEST(SltParser, ErrorExpectations) {
  auto script = ParseScript(
      "statement error\nSELECT 1/0\n\n"
      "statement error 23505\nINSERT INTO t VALUES (1)\n\n"
      "statement error division by zero\nSELECT 1/0\n\n"
      "statement error pgcode 22012 division by .*\nSELECT 1/0\n\n"
      "statement error ERROR\nSELECT 1/0\n\n"
      "query error relation .* does not exist\nSELECT * FROM nope\n\n"
      "statement count 3\nINSERT INTO t SELECT 1\n",
      "e.test");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  const auto& r = script->records;
  ASSERT_EQ(r.size(), 7u);
  EXPECT_TRUE(r[0].expect_error);
  EXPECT_EQ(r[0].error.sqlstate, "");
  EXPECT_EQ(r[0].error.regex, "");
  EXPECT_EQ(r[1].error.sqlstate, "23505");
  EXPECT_EQ(r[1].error.regex, "");
  EXPECT_EQ(r[2].error.sqlstate, "");
  EXPECT_EQ(r[2].error.regex, "division by zero");
  EXPECT_EQ(r[3].error.sqlstate, "22012");
  EXPECT_EQ(r[3].error.regex, "division by .*");
  EXPECT_EQ(r[4].error.sqlstate, "") << "five capitals without a digit are a regex";
  EXPECT_EQ(r[4].error.regex, "ERROR");
  EXPECT_EQ(r[5].kind, RecordKind::kQuery);
  EXPECT_TRUE(r[5].expect_error);
  EXPECT_EQ(r[5].error.regex, "relation .* does not exist");
  EXPECT_EQ(r[6].expected_count, 3);
}

TEST(SltParser, ModesOptionsAndUnsupportedDirectives) {
  auto script = ParseScript(
      "mode cockroach\n\n"
      "subtest things\n\n"
      "query TT colnames,rowsort\nSELECT 1, 2\n----\na b\n1 2\n\n"
      "copy t path/to/file.csv\n\n"
      "query T multiline\nSELECT 'x'\n----\nline one\n\nline three\nEOF\n\n"
      "query I partialsort(1)\nSELECT 1\n----\n1\n\n"
      "query I nosort\nSELECT 1\n",
      "m.test");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  const auto& r = script->records;
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].kind, RecordKind::kMode);
  EXPECT_EQ(r[0].mode, ResultMode::kCockroach);
  EXPECT_TRUE(r[1].colnames);
  EXPECT_EQ(r[1].sort, SortMode::kRowSort);
  EXPECT_EQ(r[2].kind, RecordKind::kUnsupported);
  EXPECT_EQ(r[2].text, "copy t path/to/file.csv");
  EXPECT_EQ(r[3].expected, (std::vector<std::string>{"line one", "", "line three"}));
  EXPECT_EQ(r[4].kind, RecordKind::kUnsupported);
  EXPECT_FALSE(r[5].has_expected);
  EXPECT_EQ(r[5].sql, "SELECT 1");
}

TEST(SltParser, MalformedRecordsNamePathAndLine) {
  auto bad_threshold = ParseScript("\n\nhash-threshold many\n", "x.test");
  ASSERT_FALSE(bad_threshold.ok());
  EXPECT_EQ(bad_threshold.status().message(), "x.test:3: hash-threshold needs a number");
  auto two_sorts = ParseScript("query I rowsort nosort\nSELECT 1\n", "y.test");
  ASSERT_FALSE(two_sorts.ok());
  EXPECT_EQ(two_sorts.status().message(), "y.test:1: two sort modes");
  auto no_columns = ParseScript("query\nSELECT\n----\n", "z.test");
  ASSERT_TRUE(no_columns.ok());
  EXPECT_EQ(no_columns->records.at(0).types, "");
  EXPECT_FALSE(ParseScript("statement count x\nSELECT 1\n", "z.test").ok());
}

TEST(SltParser, SqlstateRule) {
  EXPECT_TRUE(LooksLikeSqlstate("23505"));
  EXPECT_TRUE(LooksLikeSqlstate("0A000"));
  EXPECT_TRUE(LooksLikeSqlstate("2BP01"));
  EXPECT_FALSE(LooksLikeSqlstate("ERROR"));
  EXPECT_FALSE(LooksLikeSqlstate("2350"));
  EXPECT_FALSE(LooksLikeSqlstate("23505 "));
  EXPECT_FALSE(LooksLikeSqlstate("2350a"));
}

// --- formatting and hashing ------------------------------------------------------------------

TEST(SltFormat, IntegerColumn) {
  EXPECT_EQ(FormatStandardValue("42", kInt4Oid, 'I'), "42");
  EXPECT_EQ(FormatStandardValue("-9223372036854775808", kInt8Oid, 'I'), "-9223372036854775808");
  EXPECT_EQ(FormatStandardValue(std::nullopt, kInt4Oid, 'I'), "NULL");
  // AVG of integers is numeric in PostgreSQL and real in SQLite; both truncate under I.
  EXPECT_EQ(FormatStandardValue("12.3333333333333333", kNumericOid, 'I'), "12");
  EXPECT_EQ(FormatStandardValue("-12.75", kNumericOid, 'I'), "-12");
  EXPECT_EQ(FormatStandardValue("-0.5", kNumericOid, 'I'), "0");
  EXPECT_EQ(FormatStandardValue("12345678901234567890.5", kNumericOid, 'I'), "9223372036854775807");
  EXPECT_EQ(FormatStandardValue("1e+20", kFloat8Oid, 'I'), "9223372036854775807");
  EXPECT_EQ(FormatStandardValue("-3.9", kFloat8Oid, 'I'), "-3");
  EXPECT_EQ(FormatStandardValue("t", kBoolOid, 'I'), "1");
  EXPECT_EQ(FormatStandardValue("f", kBoolOid, 'I'), "0");
  EXPECT_EQ(FormatStandardValue("17abc", kTextOid, 'I'), "17");
  EXPECT_EQ(FormatStandardValue("abc", kTextOid, 'I'), "0");
}

TEST(SltFormat, RealColumn) {
  EXPECT_EQ(FormatStandardValue("12.3333333333333333", kNumericOid, 'R'), "12.333");
  EXPECT_EQ(FormatStandardValue("5", kInt4Oid, 'R'), "5.000");
  EXPECT_EQ(FormatStandardValue("-2.0005", kFloat8Oid, 'R'), "-2.001");
  EXPECT_EQ(FormatStandardValue("1e+20", kFloat8Oid, 'R'), "100000000000000000000.000");
  EXPECT_EQ(FormatStandardValue(std::nullopt, kFloat8Oid, 'R'), "NULL");
}

TEST(SltFormat, TextColumn) {
  EXPECT_EQ(FormatStandardValue("hello world", kTextOid, 'T'), "hello world");
  EXPECT_EQ(FormatStandardValue("", kTextOid, 'T'), "(empty)");
  EXPECT_EQ(FormatStandardValue(std::nullopt, kTextOid, 'T'), "NULL");
  EXPECT_EQ(FormatStandardValue("a\tb\nc", kTextOid, 'T'), "a@b@c");
  EXPECT_EQ(FormatStandardValue("caf\xC3\xA9", kTextOid, 'T'), "caf@@");
  EXPECT_EQ(FormatStandardValue("t", kBoolOid, 'T'), "t");
  EXPECT_EQ(FormatStandardValue("t", kBoolOid, 'B'), "true");
  EXPECT_EQ(FormatStandardValue("3.50", kNumericOid, 'T'), "3.50");
}

TEST(SltFormat, RawModes) {
  EXPECT_EQ(FormatRawValue("", kTextOid, ResultMode::kRows, true), "(empty)");
  EXPECT_EQ(FormatRawValue("t", kBoolOid, ResultMode::kRows, true), "t");
  EXPECT_EQ(FormatRawValue("t", kBoolOid, ResultMode::kCockroach, true), "true");
  EXPECT_EQ(FormatRawValue("", kTextOid, ResultMode::kCockroach, false), "\xC2\xB7");
  EXPECT_EQ(FormatRawValue("a b", kTextOid, ResultMode::kCockroach, true),
            "a\xE2\x90\xA0"
            "b");
  EXPECT_EQ(FormatRawValue("a b", kTextOid, ResultMode::kCockroach, false), "a b");
  EXPECT_EQ(FormatRawValue(std::nullopt, kTextOid, ResultMode::kCockroach, false), "NULL");
}

TEST(SltFormat, HashIsMd5OfValuesEachFollowedByNewline) {
  // Reference values computed with Python's hashlib.
  EXPECT_EQ(Md5OfValues({"1", "2"}), "6ddb4095eb719e2a9f0a3f95677d24e0");
  EXPECT_EQ(Md5OfValues({}), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(HashLine({"1", "2"}), "2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0");
  EXPECT_TRUE(IsHashLine("30 values hashing to 3c13dee48d9356ae19af2515e05e6b54"));
  EXPECT_FALSE(IsHashLine("30 values hashing to 3c13dee48d9356ae19af2515e05e6b5"));
  EXPECT_FALSE(IsHashLine("values hashing to 3c13dee48d9356ae19af2515e05e6b54"));
}

TEST(SltFormat, Sorting) {
  std::vector<std::string> rows = {"b", "1", "a", "2", "a", "10"};
  SortValues(SortMode::kRowSort, 2, &rows);
  EXPECT_EQ(rows, (std::vector<std::string>{"a", "10", "a", "2", "b", "1"}));  // as strings
  std::vector<std::string> values = {"b", "1", "a", "2"};
  SortValues(SortMode::kValueSort, 2, &values);
  EXPECT_EQ(values, (std::vector<std::string>{"1", "2", "a", "b"}));
  std::vector<std::string> unsorted = {"b", "a"};
  SortValues(SortMode::kNoSort, 1, &unsorted);
  EXPECT_EQ(unsorted, (std::vector<std::string>{"b", "a"}));
}

// --- runner -----------------------------------------------------------------------------------

TEST(SltRunner, MatchingQueryPassesAndWrongValueFailsWithLineAndBothSides) {
  FakeDatabase db;
  db.Answer("SELECT avg(a) FROM t", Result1(kNumericOid, {"12.3333333333333333"}));
  FileReport good = RunText("query R nosort\nSELECT avg(a) FROM t\n----\n12.333\n", db);
  EXPECT_EQ(good.passed, 1);
  EXPECT_EQ(good.failed, 0);
  EXPECT_TRUE(good.ok());

  FileReport bad = RunText("\n# comment\nquery R nosort\nSELECT avg(a) FROM t\n----\n12.334\n", db);
  EXPECT_EQ(bad.passed, 0);
  EXPECT_EQ(bad.failed, 1);
  EXPECT_FALSE(bad.ok());
  ASSERT_EQ(bad.failures.size(), 1u);
  EXPECT_EQ(bad.failures[0].line, 3);
  std::string text = DescribeReport(bad, true);
  EXPECT_NE(text.find("t.test:3: wrong result"), std::string::npos) << text;
  EXPECT_NE(text.find("12.334"), std::string::npos) << text;
  EXPECT_NE(text.find("12.333"), std::string::npos) << text;
  EXPECT_NE(text.find("t.test: 0 passed, 1 failed, 0 skipped"), std::string::npos) << text;
}

TEST(SltRunner, RowsortAndWrongRowCount) {
  FakeDatabase db;
  QueryResult r;
  r.column_types = {kInt4Oid, kTextOid};
  r.column_names = {"a", "b"};
  r.rows = {{"2", "y"}, {"1", std::nullopt}, {"3", ""}};
  db.Answer("SELECT a, b FROM t", r);
  EXPECT_TRUE(
      RunText("query IT rowsort\nSELECT a, b FROM t\n----\n1\nNULL\n2\ny\n3\n(empty)\n", db).ok());
  EXPECT_FALSE(
      RunText("query IT nosort\nSELECT a, b FROM t\n----\n1\nNULL\n2\ny\n3\n(empty)\n", db).ok());
  EXPECT_FALSE(RunText("query IT rowsort\nSELECT a, b FROM t\n----\n1\nNULL\n2\ny\n", db).ok());
  FileReport columns = RunText("query I rowsort\nSELECT a, b FROM t\n----\n1\n", db);
  ASSERT_EQ(columns.failures.size(), 1u);
  EXPECT_NE(columns.failures[0].message.find("expected 1 columns (I), got 2"), std::string::npos);
}

TEST(SltRunner, HashThresholdAndLabels) {
  FakeDatabase db;
  db.Answer("SELECT 1 UNION ALL SELECT 2", Result1(kInt4Oid, {"1", "2"}));
  db.Answer("SELECT 2 UNION ALL SELECT 1", Result1(kInt4Oid, {"2", "1"}));
  db.Answer("SELECT 3", Result1(kInt4Oid, {"3"}));
  EXPECT_TRUE(RunText("query I nosort\nSELECT 1 UNION ALL SELECT 2\n----\n"
                      "2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0\n",
                      db)
                  .ok());
  EXPECT_FALSE(RunText("query I nosort\nSELECT 2 UNION ALL SELECT 1\n----\n"
                       "2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0\n",
                       db)
                   .ok());
  // Labelled queries must agree with each other, whatever their expected lines say.
  EXPECT_TRUE(RunText("query I rowsort label-1\nSELECT 1 UNION ALL SELECT 2\n----\n1\n2\n\n"
                      "query I rowsort label-1\nSELECT 2 UNION ALL SELECT 1\n",
                      db)
                  .ok());
  FileReport differ = RunText(
      "query I rowsort label-1\nSELECT 1 UNION ALL SELECT 2\n\n"
      "query I rowsort label-1\nSELECT 3\n",
      db);
  EXPECT_EQ(differ.passed, 1);
  EXPECT_EQ(differ.failed, 1);
}

TEST(SltRunner, StatementsErrorsAndSqlstates) {
  FakeDatabase db;
  db.Fail("INSERT INTO t VALUES (1)",
          Status::Sql(StatusCode::kInvalidArgument, "23505", "duplicate key value"));
  FileReport report = RunText(
      "statement ok\nCREATE TABLE t(a INT)\n\n"
      "statement error 23505\nINSERT INTO t VALUES (1)\n\n"
      "statement error duplicate key\nINSERT INTO t VALUES (1)\n\n"
      "statement error pgcode 23505 duplicate\nINSERT INTO t VALUES (1)\n\n"
      "statement error\nINSERT INTO t VALUES (1)\n\n"
      "statement error 23502\nINSERT INTO t VALUES (1)\n\n"     // wrong SQLSTATE
      "statement error not null\nINSERT INTO t VALUES (1)\n\n"  // wrong message
      "statement error\nCREATE TABLE u(a INT)\n\n"              // succeeds
      "statement ok\nINSERT INTO t VALUES (1)\n\n"              // fails
      "statement error [unclosed\nINSERT INTO t VALUES (1)\n",  // bad regex
      db);
  EXPECT_EQ(report.passed, 5);
  EXPECT_EQ(report.failed, 5);
  ASSERT_EQ(report.failures.size(), 5u);
  EXPECT_EQ(report.failures[0].line, 16);
  EXPECT_NE(report.failures[0].message.find("expected SQLSTATE 23502, got [23505]"),
            std::string::npos)
      << report.failures[0].message;
  EXPECT_NE(report.failures[3].message.find("unexpected error [23505] duplicate key value"),
            std::string::npos);
  EXPECT_NE(report.failures[4].message.find("not a valid regex"), std::string::npos);
}

TEST(SltRunner, StatementCount) {
  FakeDatabase db;
  QueryResult three;
  three.rows_affected = 3;
  db.Answer("UPDATE t SET a = 1", three);
  EXPECT_TRUE(RunText("statement count 3\nUPDATE t SET a = 1\n", db).ok());
  EXPECT_FALSE(RunText("statement count 2\nUPDATE t SET a = 1\n", db).ok());
}

TEST(SltRunner, SkipifOnlyifAndHalt) {
  FakeDatabase db;
  db.Answer("SELECT 3", Result1(kInt4Oid, {"3"}));
  std::string text =
      "skipif postgresql\nstatement ok\nSELECT nope\n\n"
      "onlyif mysql\nstatement ok\nSELECT nope\n\n"
      "onlyif datacave\nquery I nosort\nSELECT 3\n----\n3\n\n"
      "onlyif mysql\nhalt\n\n"
      "query I nosort\nSELECT 3\n----\n3\n\n"
      "halt\n\n"
      "statement ok\nSELECT nope\n";
  FileReport pg = RunText(text, db, RunOptions{.engines = EngineNames("postgresql")});
  EXPECT_EQ(pg.passed, 1);
  EXPECT_EQ(pg.skipped, 3);
  EXPECT_EQ(pg.failed, 0);
  EXPECT_TRUE(pg.halted);
  FileReport dc = RunText(text, db, RunOptions{.engines = EngineNames("datacave")});
  EXPECT_EQ(dc.passed, 2);
  EXPECT_EQ(dc.skipped, 2);
  EXPECT_EQ(db.executed.back(), "SELECT 3");
}

TEST(SltRunner, HaltOnErrorStopsAtFirstFailure) {
  FakeDatabase db;
  std::string text = "statement ok\nSELECT nope\n\nstatement ok\nCREATE TABLE t(a INT)\n";
  EXPECT_EQ(RunText(text, db).failed, 1);
  EXPECT_EQ(RunText(text, db).passed, 1);
  FileReport halted = RunText(text, db, RunOptions{.halt_on_error = true});
  EXPECT_EQ(halted.failed, 1);
  EXPECT_EQ(halted.passed, 0);
  EXPECT_TRUE(halted.halted);
}

TEST(SltRunner, LostConnectionStopsTheFile) {
  FakeDatabase db;
  db.Fail("SELECT 1", Status::IOError("connection lost"));
  FileReport report =
      RunText("statement error\nSELECT 1\n\nstatement ok\nCREATE TABLE t(a INT)\n", db);
  EXPECT_FALSE(report.status.ok());
  EXPECT_EQ(report.passed, 0);
  EXPECT_FALSE(report.ok());
  EXPECT_NE(report.status.message().find("t.test:1"), std::string::npos);
}

TEST(SltRunner, RowModesCompareWholeRows) {
  FakeDatabase db;
  QueryResult r;
  r.column_types = {kInt4Oid, kTextOid, kBoolOid};
  r.column_names = {"a", "b", "c"};
  r.rows = {{"2", "y z", "t"}, {"1", std::nullopt, "f"}};
  db.Answer("SELECT * FROM t", r);
  EXPECT_TRUE(RunText("mode cockroach\n\nquery ITB rowsort colnames\nSELECT * FROM t\n----\n"
                      "a  b  c\n1  NULL   false\n2 y\xE2\x90\xA0z true\n",
                      db)
                  .ok());
  EXPECT_FALSE(RunText("mode cockroach\n\nquery ITB nosort\nSELECT * FROM t\n----\n"
                       "1 NULL false\n2 y\xE2\x90\xA0z true\n",
                       db)
                   .ok());
  EXPECT_TRUE(RunText("query I\nSELECT * FROM t\n----\n2 y z t\n1 NULL f\n", db,
                      RunOptions{.initial_mode = ResultMode::kRows})
                  .ok());
  EXPECT_FALSE(RunText("query I\nSELECT * FROM t\n----\n2 y z t\n1 NULL t\n", db,
                       RunOptions{.initial_mode = ResultMode::kRows})
                   .ok());
}

TEST(SltRunner, UnsupportedDirectivesAreCountedNotRun) {
  FakeDatabase db;
  FileReport report = RunText("system rm -rf /\n\nsimple\nSELECT 1\n----\nCOMPLETE 0\n", db);
  EXPECT_EQ(report.unsupported, 2);
  EXPECT_TRUE(db.executed.empty());
  EXPECT_NE(DescribeReport(report, false).find("2 unsupported"), std::string::npos);
}

}  // namespace
}  // namespace datacave::slt
