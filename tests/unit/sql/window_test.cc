// Window functions: the plan EXPLAIN shows, re-runs inside a correlated subquery, and the
// memory limit; results and errors are in tests/sql-logic/scripts/window_*.test.

#include <gtest/gtest.h>

#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

class WindowTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_EQ(Run("CREATE TABLE t (g int, v int)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO t VALUES (1, 10), (1, 20), (2, 30), (2, 40), (2, 50)"),
              "INSERT 0 5");
  }
};

TEST_F(WindowTest, ExplainShowsOneWindowAggPerWindow) {
  const std::string plan =
      Run("EXPLAIN SELECT rank() OVER (ORDER BY v), sum(v) OVER (PARTITION BY g), "
          "count(*) OVER (ORDER BY v) FROM t");
  size_t windows = 0;
  for (size_t at = plan.find("WindowAgg"); at != std::string::npos;
       at = plan.find("WindowAgg", at + 1)) {
    ++windows;
  }
  EXPECT_EQ(windows, 2u) << plan;
}

TEST_F(WindowTest, RerunsPerOuterRow) {
  EXPECT_EQ(Run("SELECT g, (SELECT max(r) FROM (SELECT rank() OVER (ORDER BY v) AS r FROM t "
                "WHERE t.g = o.g) s) FROM (VALUES (1), (2)) o(g) ORDER BY g"),
            "1,2;2,3");
}

TEST_F(WindowTest, LargeOffsetsDoNotOverflow) {
  EXPECT_EQ(Run("SELECT v, lag(v, 2147483647) OVER (ORDER BY v), lead(v, -2147483647, 0) OVER "
                "(ORDER BY v), count(*) OVER (ORDER BY v ROWS BETWEEN 9223372036854775807 "
                "PRECEDING AND 9223372036854775807 FOLLOWING) FROM t WHERE g = 1 ORDER BY v"),
            "10,N,0,2;20,N,0,2");
}

TEST_F(WindowTest, HoldsRowsWithinTheMemoryLimit) {
  SessionOptions options;
  options.query_memory_limit = 1 << 20;
  Session small(database_.get(), options);
  const std::string query =
      "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 20000) "
      "SELECT max(r) FROM (SELECT row_number() OVER (ORDER BY n) AS r, '" +
      std::string(100, 'x') + "' || n FROM c) s";
  EXPECT_EQ(Run(query), "20000");
  EXPECT_EQ(Run(query, &small), "ERROR 53200");
}

}  // namespace
}  // namespace datacave::sql
