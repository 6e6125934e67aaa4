// UNION / INTERSECT / EXCEPT: column types, errors, ORDER BY and LIMIT on the result, checked
// against PostgreSQL 15's answers.

#include <gtest/gtest.h>

#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

class SetOperationTest : public SessionFixture {};

TEST_F(SetOperationTest, ColumnsTakeTheCommonType) {
  EXPECT_EQ(Run("SELECT 1 UNION SELECT '2' ORDER BY 1"), "1;2");  // the literal reads as int
  EXPECT_EQ(Run("SELECT 1 AS n UNION ALL SELECT 2.5 ORDER BY n DESC"), "2.5;1");
  EXPECT_EQ(Run("SELECT 'a' UNION SELECT 'b' ORDER BY 1"), "a;b");
  EXPECT_EQ(Run("SELECT 1 UNION SELECT 'x'::text"), "ERROR 42804");
  EXPECT_EQ(Run("SELECT 1 UNION SELECT 'a'"), "ERROR 22P02");
  EXPECT_EQ(Run("SELECT 1, 2 INTERSECT SELECT 3"), "ERROR 42601");
}

TEST_F(SetOperationTest, OrderByAndLimitApplyToTheResult) {
  EXPECT_EQ(Run("SELECT * FROM (VALUES (1), (2), (2), (3)) v(x) EXCEPT ALL SELECT 2 "
                "ORDER BY 1 LIMIT 2 OFFSET 1"),
            "2;3");
  EXPECT_EQ(Run("(SELECT 3 UNION ALL SELECT 1) UNION ALL (SELECT 2 ORDER BY 1 LIMIT 1) "
                "ORDER BY 1 DESC LIMIT 2"),
            "3;2");
  EXPECT_EQ(Run("SELECT 1 UNION SELECT 2 ORDER BY 1 + 1"), "ERROR 0A000");
  EXPECT_EQ(Run("SELECT 1 AS n UNION SELECT 2 ORDER BY m"), "ERROR 42703");
}

TEST_F(SetOperationTest, SetOperationsInSubqueries) {
  ASSERT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  ASSERT_EQ(Run("INSERT INTO t VALUES (1), (2), (3)"), "INSERT 0 3");
  // A correlated set operation is rewound and re-run for each outer row.
  EXPECT_EQ(Run("SELECT a, (SELECT count(*) FROM (SELECT t.a INTERSECT SELECT 2) s) FROM t "
                "ORDER BY a"),
            "1,0;2,1;3,0");
  EXPECT_EQ(Run("SELECT a FROM t WHERE a IN (SELECT 1 UNION SELECT 3) ORDER BY a"), "1;3");
}

}  // namespace
}  // namespace datacave::sql
