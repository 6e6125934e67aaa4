// The differential test: random schemas, rows and SELECTs (diff_generator.h) run on Datacave
// in-process and on a throwaway PostgreSQL 15; any difference in the rows, the column types
// or names, or in error versus no error fails the test with everything needed to reproduce.
//
//   Differential.ShortRun  fixed seeds, a few hundred queries (label sql-logic)
//   Differential.LongRun   DATACAVE_DIFF_QUERIES queries from seed DATACAVE_DIFF_SEED
//                          (label sql-logic-long; skipped unless one of them or
//                          DATACAVE_SLT_LONG=1 is set)
//
// How answers are compared:
// - Rows as PostgreSQL text, as a multiset; when the query has an ORDER BY (always by output
//   positions) the ordered columns must also come in the same sequence, and when it names
//   every column the whole rows must. float8 values are compared to 12 significant digits.
// - Both failing: the same SQLSTATE, except that two errors of row values (class 22, e.g.
//   22012 division by zero against 22003 out of range, and 21000 from a scalar subquery)
//   count as the same answer: which row fails first depends on the scan order, which SQL
//   leaves open.
// - One failing and not the other is a difference, whatever the error.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>

#include "sql-logic/diff_generator.h"
#include "sql-logic/skip_aware_main.h"
#include "sql-logic/slt/libpq_database.h"
#include "sql-logic/slt/session_database.h"
#include "support/postgres.h"

namespace datacave::slt {
namespace {

constexpr int kQueriesPerSchema = 50;
constexpr int kMaxPrintedDifferences = 10;

struct Answer {
  Status status;
  QueryResult result;
};

Answer Run(Database& db, const std::string& sql) {
  Answer answer;
  answer.status = db.Execute(sql, &answer.result);
  return answer;
}

std::string Show(const std::optional<std::string>& value) {
  return value ? *value : "NULL";
}

std::string Describe(const Answer& answer) {
  if (!answer.status.ok()) {
    return "ERROR " + std::string(answer.status.sqlstate()) + ": " + answer.status.message() + "\n";
  }
  std::ostringstream out;
  const QueryResult& r = answer.result;
  for (size_t c = 0; c < r.column_names.size(); c++) {
    out << (c ? " | " : "") << r.column_names[c] << "::" << r.column_types[c];
  }
  out << "\n";
  for (const auto& row : r.rows) {
    for (size_t c = 0; c < row.size(); c++) out << (c ? " | " : "") << Show(row[c]);
    out << "\n";
  }
  out << "(" << r.rows.size() << " rows)\n";
  return out.str();
}

// The error, or the row count, on one line.
std::string Brief(const Answer& answer) {
  if (!answer.status.ok()) {
    return std::string(answer.status.sqlstate()) + " " + answer.status.message();
  }
  std::string names;
  for (const std::string& name : answer.result.column_names) names += name + " ";
  return std::to_string(answer.result.rows.size()) + " rows; " + names;
}

using Row = std::vector<std::optional<std::string>>;

// A numeric's value without its display scale: 2.50 and 2.5 are both 2.5.
std::string NumericValue(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

// float8 (and float4) values to 12 significant digits; with numeric_values, numeric values
// without their scale; the rest as they are.
std::vector<Row> Normalized(const QueryResult& result, const std::vector<uint32_t>& types,
                            bool numeric_values = false) {
  std::vector<Row> rows = result.rows;
  for (Row& row : rows) {
    for (size_t c = 0; c < row.size() && c < types.size(); c++) {
      if (numeric_values && row[c] && types[c] == kNumericOid) row[c] = NumericValue(*row[c]);
      if (!row[c] || (types[c] != kFloat8Oid && types[c] != kFloat4Oid)) continue;
      char* end = nullptr;
      const double d = std::strtod(row[c]->c_str(), &end);
      if (end == row[c]->c_str() || *end != '\0' || !std::isfinite(d)) continue;
      char buffer[64];
      std::snprintf(buffer, sizeof(buffer), "%.12g", d == 0 ? 0.0 : d);
      row[c] = buffer;
    }
  }
  return rows;
}

std::vector<Row> Project(const std::vector<Row>& rows, const std::vector<int>& columns) {
  std::vector<Row> out;
  for (const Row& row : rows) {
    Row projected;
    for (int c : columns) projected.push_back(row[static_cast<size_t>(c)]);
    out.push_back(std::move(projected));
  }
  return out;
}

// Whether the query keeps one of several equal values: 2 and 2.0 are one numeric to DISTINCT,
// GROUP BY, set operations, min and max, and a tie to ORDER BY ... LIMIT; which one they keep
// depends on the plan.
bool PicksAmongEqualValues(const std::string& sql) {
  for (const char* word :
       {"DISTINCT", "GROUP BY", " UNION ", " INTERSECT ", " EXCEPT ", "min(", "max(", " LIMIT "}) {
    if (sql.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string CompareRows(const diff::Query& query, const Answer& pg, const Answer& dc,
                        bool numeric_values);

// An error a row's values cause (a data exception, or a scalar subquery's second row):
// which of them a query meets first depends on the order rows are read in.
bool RowError(std::string_view sqlstate) {
  return sqlstate.starts_with("22") || sqlstate == "21000";
}

// Empty when the answers agree; otherwise what differs.
std::string Compare(const diff::Query& query, const Answer& pg, const Answer& dc) {
  if (!pg.status.ok() || !dc.status.ok()) {
    if (pg.status.ok() != dc.status.ok()) return "one failed, the other did not";
    const std::string_view a = pg.status.sqlstate();
    const std::string_view b = dc.status.sqlstate();
    if (a == b || (RowError(a) && RowError(b))) return "";
    return "different SQLSTATEs";
  }
  const QueryResult& p = pg.result;
  const QueryResult& d = dc.result;
  if (p.column_types != d.column_types) return "different column types";
  if (p.column_names != d.column_names) return "different column names";
  std::string difference = CompareRows(query, pg, dc, false);
  if (!difference.empty() && PicksAmongEqualValues(query.sql) &&
      CompareRows(query, pg, dc, true).empty()) {
    return "";
  }
  return difference;
}

std::string CompareRows(const diff::Query& query, const Answer& pg, const Answer& dc,
                        bool numeric_values) {
  const std::vector<uint32_t>& types = pg.result.column_types;
  std::vector<Row> prows = Normalized(pg.result, types, numeric_values);
  std::vector<Row> drows = Normalized(dc.result, types, numeric_values);
  if (prows.size() != drows.size()) return "different numbers of rows";
  // 1 and 1.0 are a tie to ORDER BY: the order is compared on values.
  if (Project(Normalized(pg.result, types, true), query.order_columns) !=
      Project(Normalized(dc.result, types, true), query.order_columns)) {
    return query.total_order ? "different rows or order"
                             : "different order (or rows) of the ORDER BY columns";
  }
  std::sort(prows.begin(), prows.end());
  std::sort(drows.begin(), drows.end());
  return prows == drows ? "" : "different rows";
}

bool PostgresInstalled() {
  return ::access((std::string(testing::kPostgresBinDir) + "/postgres").c_str(), X_OK) == 0;
}

struct Stats {
  int queries = 0;
  int with_rows = 0;
  int empty = 0;
  std::map<std::string, int> errors;  // both failed, by PostgreSQL's SQLSTATE
  int differences = 0;
};

// Runs `queries` queries, kQueriesPerSchema per schema, on schemas first_seed, first_seed+1,
// ...; each difference becomes a test failure (the first kMaxPrintedDifferences in full).
void RunDifferential(uint64_t first_seed, int queries) {
  if (!PostgresInstalled()) GTEST_SKIP() << "PostgreSQL 15 is not installed";
  std::string error;
  auto server = testing::PostgresServer::Start({}, &error);
  ASSERT_NE(server, nullptr) << error;
  // A runaway query is a finding too, but it should not hang the suite.
  LibpqDatabaseFactory pg_factory(server->SuperuserConninfo() +
                                  " options='-c jit=off -c statement_timeout=20s'");
  SessionDatabaseFactory dc_factory;
  Stats stats;
  const auto start = std::chrono::steady_clock::now();
  for (uint64_t seed = first_seed; stats.queries < queries; seed++) {
    diff::Generator generator(seed);
    auto pg = pg_factory.OpenFresh();
    ASSERT_TRUE(pg.ok()) << pg.status().ToString();
    auto dc = dc_factory.OpenFresh();
    ASSERT_TRUE(dc.ok()) << dc.status().ToString();
    std::string schema;
    for (const std::string& sql : generator.setup()) {
      schema += sql + ";\n";
      Answer on_pg = Run(**pg, sql);
      ASSERT_TRUE(on_pg.status.ok()) << "seed " << seed << ": " << sql << "\n" << Describe(on_pg);
      Answer on_dc = Run(**dc, sql);
      ASSERT_TRUE(on_dc.status.ok()) << "seed " << seed << ": " << sql << "\n" << Describe(on_dc);
    }
    for (int i = 0; i < kQueriesPerSchema && stats.queries < queries; i++, stats.queries++) {
      const diff::Query query = generator.MakeQuery(static_cast<uint64_t>(i));
      if (std::getenv("DATACAVE_DIFF_VERBOSE") != nullptr) {
        std::cout << "seed " << seed << " query " << i << ": " << query.sql << "\n";
      }
      const Answer on_pg = Run(**pg, query.sql);
      const Answer on_dc = Run(**dc, query.sql);
      if (on_pg.status.sqlstate() == "57014") continue;  // PostgreSQL's statement timeout
      const std::string difference = Compare(query, on_pg, on_dc);
      if (!on_pg.status.ok()) {
        stats.errors[std::string(on_pg.status.sqlstate())]++;
      } else if (on_pg.result.rows.empty()) {
        stats.empty++;
      } else {
        stats.with_rows++;
      }
      if (difference.empty()) continue;
      if (std::getenv("DATACAVE_DIFF_BRIEF") != nullptr) {
        // One line per difference, for sorting many of them by kind.
        std::cout << "DIFF " << seed << "/" << i << " " << difference << " | pg: " << Brief(on_pg)
                  << " | dc: " << Brief(on_dc) << "\n";
      }
      if (++stats.differences > kMaxPrintedDifferences) continue;
      ADD_FAILURE() << difference << " (seed " << seed << ", query " << i
                    << "; again: DATACAVE_DIFF_SEED=" << seed << " DATACAVE_DIFF_QUERIES=" << i + 1
                    << " differential_tests --gtest_filter=Differential.LongRun)\n"
                    << "-- schema\n"
                    << schema << "-- query\n"
                    << query.sql << ";\n-- PostgreSQL 15\n"
                    << Describe(on_pg) << "-- Datacave\n"
                    << Describe(on_dc);
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << stats.queries << " queries from seed " << first_seed << " in " << seconds
            << " s: " << stats.with_rows << " with rows, " << stats.empty << " empty, errors:";
  for (const auto& [sqlstate, count] : stats.errors) std::cout << " " << sqlstate << "×" << count;
  std::cout << "; " << stats.differences << " differences\n";
  EXPECT_EQ(stats.differences, 0);
}

TEST(Differential, ShortRun) {
  RunDifferential(1, 2000);
}

TEST(Differential, LongRun) {
  const char* queries = std::getenv("DATACAVE_DIFF_QUERIES");
  const char* seed = std::getenv("DATACAVE_DIFF_SEED");
  if (queries == nullptr && seed == nullptr && std::getenv("DATACAVE_SLT_LONG") == nullptr) {
    GTEST_SKIP() << "a long run: set DATACAVE_DIFF_QUERIES (and DATACAVE_DIFF_SEED) or "
                    "DATACAVE_SLT_LONG=1";
  }
  RunDifferential(seed ? std::strtoull(seed, nullptr, 10) : 1000000,
                  queries ? std::atoi(queries) : 100000);
}

}  // namespace
}  // namespace datacave::slt

int main(int argc, char** argv) {
  return datacave::slt::RunTestsSkipAware(argc, argv);
}
