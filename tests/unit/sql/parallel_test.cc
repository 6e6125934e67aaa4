#include "sql/execution/parallel_scan.h"

#include <gtest/gtest.h>

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

// Long scans read with worker threads; everything must come out as from a serial scan.
class ParallelScanTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    SessionOptions parallel;
    parallel.parallel_workers = 2;
    session_ = std::make_unique<Session>(database_.get(), parallel);  // Run's default session
    serial_ = std::make_unique<Session>(database_.get(), SessionOptions{});
    ASSERT_EQ(Run("CREATE TABLE t (id bigint PRIMARY KEY, k int, s text)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO t SELECT i * 7919 % 1000003, i % 97, 'row ' || i "
                  "FROM generate_series(1, 60000) i"),
              "INSERT 0 60000");
    ASSERT_EQ(Run("CREATE TABLE h (s text)"), "CREATE TABLE");  // hidden row ids
    ASSERT_EQ(Run("INSERT INTO h SELECT 'h' || i FROM generate_series(1, 30000) i"),
              "INSERT 0 30000");
  }

  void ExpectSameAsSerial(const std::string& sql) {
    const std::string parallel = Run(sql);
    EXPECT_EQ(parallel, Run(sql, serial_.get())) << sql;
    EXPECT_NE(parallel.rfind("ERROR", 0), 0u) << sql;
  }

  std::unique_ptr<Session> serial_;
};

TEST_F(ParallelScanTest, RowsAndOrderMatchASerialScan) {
  ExpectSameAsSerial("SELECT * FROM t");
  ExpectSameAsSerial("SELECT s FROM h");
  ExpectSameAsSerial("SELECT k, count(*), sum(id), min(s) FROM t GROUP BY k");
  ExpectSameAsSerial("SELECT count(*), sum(u.k) FROM t JOIN t AS u ON u.id = t.id + 7919");
  ExpectSameAsSerial("SELECT id FROM t WHERE id > 500000 AND k = 3");
  ExpectSameAsSerial("SELECT * FROM t WHERE id > 990000");  // a range too short to split
  EXPECT_EQ(Run("SELECT count(*), count(DISTINCT id) FROM t"), "60000,60000");
}

// The reader itself, so that a scan quietly staying serial cannot pass for a parallel one:
// every row of t, in key order, through worker threads.
TEST_F(ParallelScanTest, ReaderReturnsEveryRowInKeyOrder) {
  auto table = database_->catalog()->Find("t");
  ASSERT_NE(table, nullptr);
  Transaction txn(lsm_.get(), lsm::WriteOptions{});
  const std::string begin = RowKeyPrefix(table->id), end = RowKeyEnd(table->id);
  auto first = txn.Scan(begin, end);
  ASSERT_TRUE(first->Valid());
  auto last = txn.LastKey(begin, end);
  ASSERT_TRUE(last.ok() && last->has_value());
  std::vector<std::string> bounds = SplitKeyRange(std::string(first->key()), **last, end, 16);
  ASSERT_EQ(bounds.size(), 17u);
  ParallelRowReader reader(&txn, table->ColumnTypes(), bounds);
  ASSERT_TRUE(reader.Start(2));
  int64_t rows = 0, previous = -1;
  Batch batch;
  for (;;) {
    ASSERT_TRUE(reader.Next(&batch).ok());
    if (batch.empty()) break;
    for (const Row& row : batch) {
      EXPECT_GT(row[0].int_value(), previous);
      previous = row[0].int_value();
      ++rows;
    }
  }
  EXPECT_EQ(rows, 60000);
}

TEST_F(ParallelScanTest, StoppingEarlyStopsTheWorkers) {
  ExpectSameAsSerial("SELECT id FROM t LIMIT 20000");
  ExpectSameAsSerial("SELECT id FROM t LIMIT 5 OFFSET 59990");
  // A subquery's scan runs again (Rewind) for each outer row.
  ExpectSameAsSerial(
      "SELECT (SELECT count(*) FROM h WHERE h.s < x.s) FROM (VALUES ('h1'), "
      "('h5'), ('h9')) x(s)");
  EXPECT_EQ(Run("SELECT 1 / (k - 50) FROM t"), "ERROR 22012");  // fails midway
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "60000");
}

TEST_F(ParallelScanTest, TransactionsSeeTheirOwnWrites) {
  EXPECT_EQ(Run("BEGIN"), "BEGIN");
  EXPECT_EQ(Run("DELETE FROM t WHERE k = 5"), "DELETE 619");
  EXPECT_EQ(Run("INSERT INTO t VALUES (2000000, 5, 'new')"), "INSERT 0 1");
  EXPECT_EQ(Run("SELECT count(*), max(id) FROM t"), "59382,2000000");
  EXPECT_EQ(Run("ROLLBACK"), "ROLLBACK");
  EXPECT_EQ(Run("SELECT count(*), max(id) FROM t"), "60000,1000000");
  EXPECT_EQ(Run("INSERT INTO h SELECT s FROM h"), "INSERT 0 30000");
  EXPECT_EQ(Run("UPDATE t SET k = k + 1 WHERE k < 50"), "UPDATE 30949");
  ExpectSameAsSerial("SELECT k, count(*) FROM t GROUP BY k");
  EXPECT_EQ(Run("SELECT count(*) FROM h"), "60000");
}

}  // namespace
}  // namespace datacave::sql
