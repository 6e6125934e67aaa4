// Subqueries in expressions, checked against PostgreSQL 15's answers.

#include <gtest/gtest.h>

#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

class SubqueryTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_EQ(Run("CREATE TABLE t (a int, b text)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, NULL)"), "INSERT 0 3");
    ASSERT_EQ(Run("CREATE TABLE u (a int, c int)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO u VALUES (1, 10), (1, 11), (3, 30), (NULL, 40)"), "INSERT 0 4");
  }
};

TEST_F(SubqueryTest, CorrelatedScalarSubqueryRunsPerOuterRow) {
  EXPECT_EQ(Run("SELECT a, (SELECT max(c) FROM u WHERE u.a = t.a) FROM t ORDER BY a"),
            "1,11;2,N;3,30");
  // An outer reference in an aggregating subquery is a constant there, not ungrouped.
  EXPECT_EQ(Run("SELECT a, (SELECT max(c) + t.a FROM u) FROM t ORDER BY a"), "1,41;2,42;3,43");
  EXPECT_EQ(Run("SELECT a, (SELECT c FROM u WHERE u.a = t.a) FROM t ORDER BY a"), "ERROR 21000");
  EXPECT_EQ(Run("SELECT (SELECT a FROM u)"), "ERROR 21000");
  EXPECT_EQ(Run("SELECT (SELECT a, c FROM u)"), "ERROR 42601");
}

TEST_F(SubqueryTest, ExistsAndReferencesTwoLevelsOut) {
  EXPECT_EQ(Run("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a) ORDER BY a"),
            "1;3");
  EXPECT_EQ(Run("SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.a = t.a)"), "2");
  EXPECT_EQ(Run("SELECT a, (SELECT count(*) FROM u WHERE EXISTS "
                "(SELECT 1 FROM t t2 WHERE t2.a = t.a AND u.a = t2.a)) FROM t ORDER BY a"),
            "1,2;2,0;3,1");
}

TEST_F(SubqueryTest, InNotInAnyAllFollowSqlNullRules) {
  // u.a holds a NULL: NOT IN is false on a match, NULL otherwise; never true.
  EXPECT_EQ(Run("SELECT a, a NOT IN (SELECT a FROM u), a IN (SELECT a FROM u) FROM t ORDER BY a"),
            "1,f,t;2,N,N;3,f,t");
  // Over no rows ANY is false and ALL is true.
  EXPECT_EQ(Run("SELECT a > ALL (SELECT a FROM u WHERE a IS NOT NULL), "
                "a < ANY (SELECT c FROM u WHERE c > 100), a < ALL (SELECT c FROM u WHERE c > 100) "
                "FROM t WHERE a = 2"),
            "f,f,t");
  EXPECT_EQ(Run("SELECT '3' IN (SELECT a FROM u)"), "t");  // the literal takes int's type
  EXPECT_EQ(Run("SELECT 1 IN (SELECT a, c FROM u)"), "ERROR 42601");
}

TEST_F(SubqueryTest, UngroupedOuterColumnIsAnError) {
  Status status = session_->Execute("SELECT (SELECT b FROM u LIMIT 1) FROM t GROUP BY a",
                                    [](StatementResult&) { return Status::Ok(); });
  EXPECT_EQ(status.sqlstate(), "42803");
  EXPECT_EQ(status.message(), "subquery uses ungrouped column \"t.b\" from outer query");
  EXPECT_EQ(Run("SELECT (SELECT t.a + 0 FROM u LIMIT 1) FROM t GROUP BY a ORDER BY 1"), "1;2;3");
  EXPECT_EQ(Run("SELECT (SELECT nope FROM u LIMIT 1) FROM t"), "ERROR 42703");
}

TEST_F(SubqueryTest, NotInCheckConstraintsOrDefaults) {
  EXPECT_EQ(Run("CREATE TABLE c (a int CHECK (a > (SELECT 1)))"), "ERROR 0A000");
  EXPECT_EQ(Run("CREATE TABLE d (a int DEFAULT (SELECT 1))"), "ERROR 0A000");
}

TEST_F(SubqueryTest, SubqueriesInUpdateAndDelete) {
  EXPECT_EQ(Run("UPDATE t SET b = 'z' WHERE a IN (SELECT a FROM u WHERE c > 20)"), "UPDATE 1");
  EXPECT_EQ(Run("DELETE FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.a = t.a)"), "DELETE 1");
  EXPECT_EQ(Run("SELECT * FROM t ORDER BY a"), "1,x;3,z");
}

TEST_F(SubqueryTest, CorrelatedSubqueriesOverKeyLookupsAndHashJoinsRunAfresh) {
  // Each outer row re-runs the subquery's plan: an index scan must take its new bounds and
  // a hash join must rebuild, or every row would see the first row's answer.
  EXPECT_EQ(Run("CREATE TABLE k (id int PRIMARY KEY, v int)"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO k VALUES (1, 10), (2, 20), (3, 30)"), "INSERT 0 3");
  EXPECT_EQ(Run("SELECT a, (SELECT v FROM k WHERE id = t.a) FROM t ORDER BY a"), "1,10;2,20;3,30");
  EXPECT_EQ(
      Run("SELECT a, (SELECT count(*) FROM k JOIN k AS j ON k.id = j.id WHERE k.v > t.a * 10) "
          "FROM t ORDER BY a"),
      "1,2;2,1;3,0");
}

}  // namespace
}  // namespace datacave::sql
