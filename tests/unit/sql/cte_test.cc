// WITH and WITH RECURSIVE, checked against PostgreSQL 15's answers.

#include <gtest/gtest.h>

#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

class CteTest : public SessionFixture {};

TEST_F(CteTest, WithQueriesSeeEarlierOnesAndShadowOuterOnes) {
  EXPECT_EQ(Run("WITH x AS (SELECT 1 AS a), y AS (SELECT a + 1 AS b FROM x) SELECT * FROM y, x"),
            "2,1");
  EXPECT_EQ(Run("WITH x AS (SELECT 1 AS a) "
                "SELECT (WITH x AS (SELECT 2 AS a) SELECT a FROM x), a FROM x"),
            "2,1");
  EXPECT_EQ(Run("WITH x(p, q) AS (SELECT 1) SELECT * FROM x"), "ERROR 42P10");
  EXPECT_EQ(Run("WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x"), "ERROR 42712");
}

TEST_F(CteTest, RecursiveQueriesIterateToAFixpoint) {
  EXPECT_EQ(Run("WITH RECURSIVE f(n, fact) AS (SELECT 1, 1::bigint UNION ALL "
                "SELECT n + 1, fact * (n + 1) FROM f WHERE n < 10) SELECT max(fact) FROM f"),
            "3628800");
  // The recursion is pulled lazily: LIMIT stops one that would never end.
  EXPECT_EQ(Run("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) "
                "SELECT n FROM c LIMIT 3"),
            "1;2;3");
  EXPECT_EQ(Run("WITH RECURSIVE c(n) AS (SELECT 1::int UNION ALL SELECT n + 1::bigint FROM c "
                "WHERE n < 3) SELECT * FROM c"),
            "ERROR 42804");
  // A correlated recursive subquery starts over for each outer row.
  ASSERT_EQ(Run("CREATE TABLE g (a int)"), "CREATE TABLE");
  ASSERT_EQ(Run("INSERT INTO g VALUES (1), (2)"), "INSERT 0 2");
  EXPECT_EQ(Run("SELECT a, (WITH RECURSIVE d(k) AS (SELECT g.a UNION ALL SELECT k + 1 FROM d "
                "WHERE k < 3) SELECT count(*) FROM d) FROM g ORDER BY a"),
            "1,3;2,2");
}

TEST_F(CteTest, RunawayRecursionFailsWithTheMemoryLimit) {
  SessionOptions options;
  options.query_memory_limit = 1 << 20;
  Session small(database_.get(), options);
  EXPECT_EQ(Run("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) "
                "SELECT count(*) FROM c",
                &small),
            "ERROR 53200");
}

}  // namespace
}  // namespace datacave::sql
