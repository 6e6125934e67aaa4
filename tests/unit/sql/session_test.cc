#include "sql/session.h"

#include <gtest/gtest.h>

#include "sql/types/cast.h"
#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

class SessionTest : public SessionFixture {};

TEST_F(SessionTest, TablesAndRowsSurviveReopening) {
  EXPECT_EQ(Run("CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x')"),
            "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t (id) VALUES (2), (1)"), "INSERT 0 2");
  EXPECT_EQ(Run("CREATE TABLE h (v text)"), "CREATE TABLE");  // hidden row ids
  EXPECT_EQ(Run("INSERT INTO h VALUES ('a'), ('b')"), "INSERT 0 2");
  Open();
  EXPECT_EQ(Run("SELECT id, name FROM t"), "1,x;2,x");  // primary-key order
  EXPECT_EQ(Run("INSERT INTO h VALUES ('c')"), "INSERT 0 1");
  EXPECT_EQ(Run("SELECT v FROM h"), "a;b;c");  // row ids continue after the largest
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 'again')"), "ERROR 23505");
}

TEST_F(SessionTest, RolledBackDdlAndWritesLeaveNoTrace) {
  EXPECT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  EXPECT_EQ(Run("BEGIN"), "BEGIN");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1)"), "INSERT 0 1");
  EXPECT_EQ(Run("CREATE TABLE u (b int)"), "CREATE TABLE");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "1");  // own writes are visible
  Session other(database_.get(), SessionOptions{});
  EXPECT_EQ(Run("SELECT count(*) FROM t", &other), "0");  // not before COMMIT
  EXPECT_EQ(Run("SELECT * FROM u", &other), "ERROR 42P01");
  EXPECT_EQ(Run("ROLLBACK"), "ROLLBACK");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");
  EXPECT_EQ(Run("SELECT * FROM u"), "ERROR 42P01");
}

TEST_F(SessionTest, AFailedStatementAbortsTheTransactionBlock) {
  EXPECT_EQ(Run("CREATE TABLE t (a int PRIMARY KEY)"), "CREATE TABLE");
  EXPECT_EQ(Run("BEGIN; INSERT INTO t VALUES (1)"), "INSERT 0 1");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1)"), "ERROR 23505");
  EXPECT_EQ(session_->transaction_state(), TransactionState::kFailed);
  EXPECT_EQ(Run("SELECT 1"), "ERROR 25P02");
  EXPECT_EQ(Run("COMMIT"), "ROLLBACK");  // COMMIT of a failed block rolls back
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");
}

TEST_F(SessionTest, AMultiStatementStringIsOneImplicitTransaction) {
  EXPECT_EQ(Run("CREATE TABLE t (a int PRIMARY KEY)"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); INSERT INTO t VALUES (1)"),
            "ERROR 23505");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"), "INSERT 0 1");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "2");
}

TEST_F(SessionTest, UpdateDeleteAndReturning) {
  EXPECT_EQ(Run("CREATE TABLE t (id int PRIMARY KEY, v int CHECK (v < 100))"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30) RETURNING id * 10"), "10;20;30");
  EXPECT_EQ(Run("UPDATE t SET v = v + 1 WHERE id >= 2 RETURNING v"), "21;31");
  EXPECT_EQ(Run("UPDATE t SET v = 100 WHERE id = 1"), "ERROR 23514");
  EXPECT_EQ(Run("UPDATE t SET id = 3 WHERE id = 1"), "ERROR 23505");
  EXPECT_EQ(Run("UPDATE t SET id = id + 10 WHERE id = 1"), "UPDATE 1");
  EXPECT_EQ(Run("DELETE FROM t WHERE v > 25 RETURNING *"), "3,31");
  EXPECT_EQ(Run("SELECT id, v FROM t"), "2,21;11,10");
  EXPECT_EQ(Run("INSERT INTO t VALUES (2, 0) ON CONFLICT (id) DO UPDATE SET v = excluded.v + t.v"),
            "INSERT 0 1");
  EXPECT_EQ(Run("INSERT INTO t VALUES (2, 5) ON CONFLICT DO NOTHING"), "INSERT 0 0");
  EXPECT_EQ(Run("SELECT v FROM t WHERE id = 2"), "21");
}

TEST_F(SessionTest, AlterTableAddsColumnsAndPrimaryKeys) {
  EXPECT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t VALUES (2), (1)"), "INSERT 0 2");
  EXPECT_EQ(Run("ALTER TABLE t ADD COLUMN b text DEFAULT 'd'"), "ALTER TABLE");
  EXPECT_EQ(Run("ALTER TABLE t ADD PRIMARY KEY (a)"), "ALTER TABLE");
  EXPECT_EQ(Run("SELECT a, b FROM t"), "1,d;2,d");  // now in key order
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 'x')"), "ERROR 23505");
  EXPECT_EQ(Run("ALTER TABLE t RENAME COLUMN b TO c"), "ALTER TABLE");
  EXPECT_EQ(Run("ALTER TABLE t DROP COLUMN c"), "ALTER TABLE");
  EXPECT_EQ(Run("ALTER TABLE t RENAME TO u"), "ALTER TABLE");
  Open();
  EXPECT_EQ(Run("SELECT * FROM u"), "1;2");
  EXPECT_EQ(Run("SELECT * FROM t"), "ERROR 42P01");
}

TEST_F(SessionTest, DropAndTruncateRemoveRows) {
  EXPECT_EQ(Run("CREATE TABLE t (a int); INSERT INTO t VALUES (1)"), "INSERT 0 1");
  EXPECT_EQ(Run("TRUNCATE t"), "TRUNCATE TABLE");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");
  EXPECT_EQ(Run("INSERT INTO t VALUES (2)"), "INSERT 0 1");
  EXPECT_EQ(Run("DROP TABLE t"), "DROP TABLE");
  EXPECT_EQ(Run("DROP TABLE t"), "ERROR 42P01");
  EXPECT_EQ(Run("DROP TABLE IF EXISTS t"), "DROP TABLE");
  EXPECT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");  // the old rows are gone
}

TEST_F(SessionTest, ViewsAndExplain) {
  EXPECT_EQ(Run("CREATE TABLE t (a int, b text)"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'y')"), "INSERT 0 3");
  EXPECT_EQ(Run("CREATE VIEW v AS SELECT b, count(*) AS n FROM t GROUP BY b"), "CREATE VIEW");
  EXPECT_EQ(Run("SELECT n FROM v WHERE b = 'y'"), "2");
  EXPECT_EQ(Run("DROP TABLE t"), "ERROR 2BP01");
  EXPECT_EQ(Run("EXPLAIN SELECT a FROM t WHERE a > 1"),
            "Projection;  ->  Filter;        ->  Seq Scan on t");
}

TEST_F(SessionTest, SettingsClientsTouch) {
  EXPECT_EQ(Run("SET extra_float_digits = 3"), "SET");
  EXPECT_EQ(Run("SHOW extra_float_digits"), "3");
  EXPECT_EQ(Run("SET application_name TO 'psql'; SHOW application_name"), "psql");
  EXPECT_EQ(Run("SET DateStyle = 'ISO'"), "SET");
  EXPECT_EQ(Run("SET DateStyle = 'German'"), "ERROR 0A000");
  EXPECT_EQ(Run("SET no_such_setting = 1"), "ERROR 42704");
  EXPECT_EQ(Run("RESET ALL; SHOW extra_float_digits"), "1");
}

}  // namespace
}  // namespace datacave::sql
