// Column pruning (PhysicalOperator::PruneColumns): a table scan decodes only the columns
// the operators above it read, and queries answer as if every column had been decoded.

#include <gtest/gtest.h>

#include "sql/execution/operator.h"
#include "sql/storage/row_codec.h"
#include "sql/storage/transaction.h"
#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

class ColumnPruningTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_EQ(Run("CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO t VALUES (1, 10, 'x', 100), (2, 20, 'y', 200), (3, NULL, 'z', 300)"),
              "INSERT 0 3");
    ASSERT_EQ(Run("CREATE TABLE u (k int PRIMARY KEY, b text, w int)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO u VALUES (1, 'x', 7), (2, 'q', 8)"), "INSERT 0 2");
  }

  // The rows of a scan of t under a filter on `a IS NOT NULL`, pruned for a reader that
  // reads only the columns in `used`.
  std::vector<Row> FilteredScan(const std::vector<bool>& used) {
    auto table = database_->catalog()->Find("t");
    auto predicate = std::make_unique<BoundExpr>();
    predicate->kind = BoundExprKind::kIsNull;
    predicate->negated = true;
    predicate->type = Type::Of(TypeId::kBool);
    predicate->children.push_back(MakeColumnRef(1, Type::Of(TypeId::kInt4)));
    OperatorPtr plan = MakeFilter(
        MakeTableScan(table, RowKeyPrefix(table->id), RowKeyEnd(table->id), false, "Seq Scan"),
        std::move(predicate));
    plan->PruneColumns(used);
    Transaction txn(lsm_.get(), lsm::WriteOptions{});
    ExecContext context;
    context.txn = &txn;
    std::vector<Row> rows;
    EXPECT_TRUE(CollectAll(*plan, context, &rows).ok());
    return rows;
  }
};

TEST_F(ColumnPruningTest, AScanDecodesOnlyTheColumnsReadAbove) {
  // The reader reads c; the filter reads a: id and b are left NULL.
  std::vector<Row> rows = FilteredScan({false, false, false, true});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0][0].is_null());
  EXPECT_EQ(rows[0][1].int_value(), 10);
  EXPECT_TRUE(rows[0][2].is_null());
  EXPECT_EQ(rows[0][3].int_value(), 100);
  EXPECT_EQ(rows[1][3].int_value(), 200);
  // Unpruned, every column is there.
  rows = FilteredScan({true, true, true, true});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0].int_value(), 2);
  EXPECT_EQ(rows[1][2].string_value(), "y");
}

TEST_F(ColumnPruningTest, QueriesSeeEveryColumnTheyName) {
  EXPECT_EQ(Run("SELECT c FROM t WHERE a > 10"), "200");
  EXPECT_EQ(Run("SELECT c FROM t ORDER BY b DESC LIMIT 1"), "300");
  EXPECT_EQ(Run("SELECT sum(c) FILTER (WHERE b <> 'x'), max(a) FROM t"), "500,20");
  EXPECT_EQ(Run("SELECT t.c, u.w FROM t JOIN u ON t.b = u.b"), "100,7");
  EXPECT_EQ(Run("SELECT u.w FROM t LEFT JOIN u ON t.id = u.k AND t.b = u.b ORDER BY t.id"),
            "7;N;N");
  EXPECT_EQ(Run("SELECT count(*) FROM t JOIN u USING (b)"), "1");
  EXPECT_EQ(Run("SELECT * FROM t NATURAL JOIN u"), "x,1,10,100,1,7");
  // Columns named only inside a correlated subquery, or a derived table's.
  EXPECT_EQ(Run("SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.b = t.b)"), "1");
  EXPECT_EQ(Run("SELECT id, (SELECT w FROM u WHERE u.k = t.id) FROM t ORDER BY c"), "1,7;2,8;3,N");
  EXPECT_EQ(Run("SELECT y FROM (SELECT a + c AS y, b FROM t) s WHERE b = 'y'"), "220");
  EXPECT_EQ(Run("WITH s AS (SELECT c, a FROM t) SELECT max(c) FROM s WHERE a IS NULL"), "300");
  EXPECT_EQ(Run("SELECT b FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 2"), "q;x");
  // Statements that write keep whole rows.
  EXPECT_EQ(Run("UPDATE t SET a = 11 WHERE c = 100"), "UPDATE 1");
  EXPECT_EQ(Run("SELECT * FROM t WHERE id = 1"), "1,11,x,100");
  EXPECT_EQ(Run("INSERT INTO u SELECT id + 10, b, c FROM t WHERE a IS NULL"), "INSERT 0 1");
  EXPECT_EQ(Run("SELECT * FROM u WHERE k = 13"), "13,z,300");
}

}  // namespace
}  // namespace datacave::sql
