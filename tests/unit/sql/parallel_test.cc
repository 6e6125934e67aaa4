#include "sql/execution/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sql/session.h"
#include "sql/storage/row_codec.h"
#include "sql/storage/transaction.h"
#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

TEST(SplitKeyRangeTest, CutsBetweenFirstAndLastInOrder) {
  const std::string first = std::string("\x02\x00\x00\x00\x05", 5) + "a";
  const std::string last = std::string("\x02\x00\x00\x00\x05", 5) + "zzzz";
  const std::string end = std::string("\x02\x00\x00\x00\x06", 5);
  std::vector<std::string> bounds = SplitKeyRange(first, last, end, 16);
  ASSERT_EQ(bounds.size(), 17u);
  EXPECT_EQ(bounds.front(), first);
  EXPECT_EQ(bounds.back(), end);
  for (size_t i = 1; i < bounds.size(); ++i) EXPECT_LT(bounds[i - 1], bounds[i]) << i;
  EXPECT_LT(bounds[bounds.size() - 2], last);
}

TEST(SplitKeyRangeTest, OneKeyOrOnePartIsNotCut) {
  const std::string first = "k\x01";
  EXPECT_EQ(SplitKeyRange(first, first, "l", 16), (std::vector<std::string>{first, "l"}));
  EXPECT_EQ(SplitKeyRange(first, "z", "zz", 1), (std::vector<std::string>{first, "zz"}));
}

// Parallel plans (aggregates over long scans, filters and joins) must answer exactly as a
// serial run does: the same rows, in the same order, and the same errors.
class ParallelTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    SessionOptions parallel;
    parallel.parallel_workers = 2;
    session_ = std::make_unique<Session>(database_.get(), parallel);  // Run's default session
    serial_ = std::make_unique<Session>(database_.get(), SessionOptions{});
    ASSERT_EQ(Run("CREATE TABLE t (id bigint PRIMARY KEY, k int, s text, f float8)"),
              "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO t SELECT i * 7919 % 1000003, i % 97, 'row ' || i, i / 7.0 "
                  "FROM generate_series(1, 60000) i"),
              "INSERT 0 60000");
    ASSERT_EQ(Run("CREATE TABLE h (s text)"), "CREATE TABLE");  // hidden row ids
    ASSERT_EQ(Run("INSERT INTO h SELECT 'h' || i FROM generate_series(1, 30000) i"),
              "INSERT 0 30000");
    ASSERT_EQ(Run("CREATE TABLE d (k int PRIMARY KEY, w int)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO d SELECT i, i % 10 FROM generate_series(0, 90) i"), "INSERT 0 91");
  }

  void ExpectSameAsSerial(const std::string& sql) {
    const std::string parallel = Run(sql);
    EXPECT_EQ(parallel, Run(sql, serial_.get())) << sql;
    EXPECT_NE(parallel.rfind("ERROR", 0), 0u) << sql;
  }

  std::unique_ptr<Session> serial_;
};

TEST_F(ParallelTest, AggregatesMatchASerialRun) {
  // Groups come out in order of first appearance in key order, as serially.
  ExpectSameAsSerial("SELECT k, count(*), sum(id), min(s), max(id), avg(k) FROM t GROUP BY k");
  ExpectSameAsSerial("SELECT k % 10, bool_and(id > 100), bool_or(s LIKE '%99') FROM t GROUP BY 1");
  ExpectSameAsSerial("SELECT count(*), sum(k) FILTER (WHERE id % 2 = 0) FROM t WHERE k < 50");
  ExpectSameAsSerial("SELECT s, count(*) FROM h GROUP BY s HAVING count(*) > 0");  // many groups
  ExpectSameAsSerial("SELECT count(*), min(s) FROM h");
  // Not combined in parallel, still right: a float sum, DISTINCT, string_agg, a subquery.
  ExpectSameAsSerial("SELECT k, sum(f), count(DISTINCT id % 3) FROM t GROUP BY k");
  ExpectSameAsSerial("SELECT length(string_agg(s, ',')) FROM t");
  ExpectSameAsSerial("SELECT count(*) FROM t WHERE k = (SELECT max(w) FROM d)");
  EXPECT_EQ(Run("SELECT count(*), sum(k) FROM t WHERE id < 0"), "0,N");
}

TEST_F(ParallelTest, JoinsMatchASerialRun) {
  ExpectSameAsSerial("SELECT count(*), sum(d.w) FROM t JOIN d ON t.k = d.k");
  ExpectSameAsSerial("SELECT d.w, count(*), sum(t.id) FROM t JOIN d ON t.k = d.k GROUP BY d.w");
  ExpectSameAsSerial("SELECT count(*), count(d.w) FROM t LEFT JOIN d ON t.k = d.k + 10");
  ExpectSameAsSerial("SELECT count(*) FROM t JOIN d ON t.k < d.k WHERE d.k < 5");  // nested loop
  ExpectSameAsSerial("SELECT count(*), sum(u.k) FROM t JOIN t AS u ON u.id = t.id + 7919");
  ExpectSameAsSerial("SELECT count(*), max(d.k) FROM t RIGHT JOIN d ON t.k = d.k");  // serial
}

TEST_F(ParallelTest, ErrorsAreASerialRunsErrors) {
  EXPECT_EQ(Run("SELECT sum(1 / (k - 50)) FROM t"), "ERROR 22012");
  EXPECT_EQ(Run("SELECT k, sum(id / (k - 96)) FROM t GROUP BY k"), "ERROR 22012");
  // Per-query memory limit: many groups of long keys.
  SessionOptions small;
  small.parallel_workers = 2;
  small.query_memory_limit = 1 << 20;
  Session limited(database_.get(), small);
  EXPECT_EQ(Run("SELECT s || repeat('x', 100), count(*) FROM t GROUP BY 1", &limited),
            "ERROR 53200");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "60000");  // the session goes on
}

TEST_F(ParallelTest, TransactionsThatWroteStaySerialAndSeeTheirWrites) {
  EXPECT_EQ(Run("BEGIN"), "BEGIN");
  EXPECT_EQ(Run("DELETE FROM t WHERE k = 5"), "DELETE 619");
  EXPECT_EQ(Run("INSERT INTO t VALUES (2000000, 5, 'new')"), "INSERT 0 1");
  EXPECT_EQ(Run("SELECT count(*), max(id) FROM t"), "59382,2000000");
  EXPECT_EQ(Run("ROLLBACK"), "ROLLBACK");
  EXPECT_EQ(Run("SELECT count(*), max(id) FROM t"), "60000,1000000");
  EXPECT_EQ(Run("UPDATE t SET k = k + 1 WHERE k < 50"), "UPDATE 30949");
  ExpectSameAsSerial("SELECT k, count(*) FROM t GROUP BY k");
  // A subquery's aggregate runs again (Rewind) for each outer row.
  ExpectSameAsSerial(
      "SELECT (SELECT count(*) FROM h WHERE h.s < x.s) FROM (VALUES ('h1'), ('h5'), ('h9')) "
      "x(s)");
}

// Records each chunk's first column (an integer key) in the order its rows arrive, and
// fails at the rows whose key is in fail_at.
class RecordingSink final : public RowSink {
 public:
  explicit RecordingSink(std::vector<int64_t> fail_at = {}) : fail_at_(std::move(fail_at)) {}
  Status Push(const EvalContext&, Batch& rows) override {
    for (const Row& row : rows) {
      const int64_t id = row[0].int_value();
      if (std::find(fail_at_.begin(), fail_at_.end(), id) != fail_at_.end()) {
        return Status::Sql(StatusCode::kInvalidArgument, "22012", "at " + std::to_string(id));
      }
      ids.push_back(id);
    }
    return Status::Ok();
  }
  std::vector<int64_t> ids;

 private:
  const std::vector<int64_t> fail_at_;
};

class RunParallelTest : public ParallelTest {
 protected:
  ParallelPlan PlanOfT(Transaction* txn) {
    auto table = database_->catalog()->Find("t");
    ParallelPlan plan;
    plan.txn = txn;
    plan.begin = RowKeyPrefix(table->id);
    plan.end = RowKeyEnd(table->id);
    plan.column_types = table->ColumnTypes();
    return plan;
  }
};

// The runner itself, so that a plan quietly staying serial cannot pass for a parallel one:
// the range is split into chunks, and their rows, in chunk order, are every row of t in key
// order.
TEST_F(RunParallelTest, ChunksHoldEveryRowInKeyOrder) {
  Transaction txn(lsm_.get(), lsm::WriteOptions{});
  std::vector<std::unique_ptr<RecordingSink>> chunks;
  Status status = RunParallel(PlanOfT(&txn), 2, EvalContext{}, [&](size_t c) {
    EXPECT_EQ(c, chunks.size());
    chunks.push_back(std::make_unique<RecordingSink>());
    return chunks.back().get();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_GT(chunks.size(), 8u);
  EXPECT_EQ(chunks[0]->ids.size(), 8 * kBatchRows);  // read before the split
  std::vector<int64_t> all;
  for (const auto& chunk : chunks) all.insert(all.end(), chunk->ids.begin(), chunk->ids.end());
  ASSERT_EQ(all.size(), 60000u);
  for (size_t i = 1; i < all.size(); ++i) ASSERT_LT(all[i - 1], all[i]) << i;
}

TEST_F(RunParallelTest, TheFirstErrorInKeyOrderWins) {
  Transaction txn(lsm_.get(), lsm::WriteOptions{});
  const ParallelPlan plan = PlanOfT(&txn);
  // The keys in order, to fail at the 20,000th and at later ones, in other chunks.
  std::vector<int64_t> ids;
  Row row;
  for (auto it = txn.Scan(plan.begin, plan.end); it->Valid(); it->Next()) {
    ASSERT_TRUE(DecodeRow(it->value(), plan.column_types, &row).ok());
    ids.push_back(row[0].int_value());
  }
  ASSERT_EQ(ids.size(), 60000u);
  for (int run = 0; run < 20; ++run) {
    std::vector<std::unique_ptr<RecordingSink>> chunks;
    Status status = RunParallel(plan, 2, EvalContext{}, [&](size_t) {
      chunks.push_back(std::make_unique<RecordingSink>(
          std::vector<int64_t>{ids[20000], ids[30000], ids[45000], ids[59999]}));
      return chunks.back().get();
    });
    ASSERT_EQ(status.message(), "at " + std::to_string(ids[20000]));
  }
}

}  // namespace
}  // namespace datacave::sql
