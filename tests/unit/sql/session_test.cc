#include "sql/session.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/fault_injection_file_system.h"
#include "sql/storage/row_codec.h"
#include "sql/storage/transaction.h"
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

// The index entries of table: one per index per row without a NULL in the index's columns.
size_t IndexEntries(lsm::DB* db, const Database& database, const std::string& table) {
  const uint32_t id = database.catalog()->Find(table)->id;
  auto it = db->NewIterator(lsm::ReadOptions{});
  size_t n = 0;
  for (it->Seek(UniqueKeysBegin(id)); it->Valid() && it->key() < UniqueKeysEnd(id); it->Next()) {
    ++n;
  }
  return n;
}

TEST_F(SessionTest, IndexesKeepTheirEntriesAndSurviveReopening) {
  EXPECT_EQ(Run("CREATE TABLE t (id int PRIMARY KEY, a int, b text)"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 5, 'x'), (2, 5, 'y'), (3, NULL, 'z')"), "INSERT 0 3");
  EXPECT_EQ(Run("CREATE INDEX t_a ON t (a DESC)"), "CREATE INDEX");  // equal values
  EXPECT_EQ(Run("CREATE UNIQUE INDEX t_b ON t (b)"), "CREATE INDEX");
  EXPECT_EQ(IndexEntries(lsm_.get(), *database_, "t"), 2u + 3u);  // NULL a has no entry
  EXPECT_EQ(Run("UPDATE t SET a = 6, id = 4 WHERE id = 1"), "UPDATE 1");
  EXPECT_EQ(Run("DELETE FROM t WHERE id = 2"), "DELETE 1");
  EXPECT_EQ(Run("INSERT INTO t VALUES (5, NULL, NULL)"), "INSERT 0 1");
  EXPECT_EQ(IndexEntries(lsm_.get(), *database_, "t"), 1u + 2u);
  Open();
  EXPECT_EQ(Run("SELECT c.relname, i.indisunique, i.indoption::text FROM pg_index i JOIN "
                "pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 't'::regclass ORDER BY 1"),
            "t_a,f,3;t_b,t,0;t_pkey,t,0");
  EXPECT_EQ(Run("INSERT INTO t VALUES (6, 6, 'z')"), "ERROR 23505");
  EXPECT_EQ(Run("INSERT INTO t VALUES (6, 6, 'w')"), "INSERT 0 1");
  EXPECT_EQ(Run("DROP INDEX t_b"), "DROP INDEX");
  EXPECT_EQ(IndexEntries(lsm_.get(), *database_, "t"), 2u);
  EXPECT_EQ(Run("INSERT INTO t VALUES (7, 6, 'z')"), "INSERT 0 1");
  EXPECT_EQ(Run("BEGIN"), "BEGIN");
  EXPECT_EQ(Run("CREATE INDEX t_b2 ON t (b)"), "CREATE INDEX");
  EXPECT_EQ(Run("ROLLBACK"), "ROLLBACK");
  EXPECT_EQ(IndexEntries(lsm_.get(), *database_, "t"), 3u);
  EXPECT_EQ(Run("DROP INDEX t_b2"), "ERROR 42704");
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

// SHOW ALL and pg_settings list the same settings, with PostgreSQL's spelling of their names
// and without the ones PostgreSQL keeps out of both (is_superuser, session_authorization).
TEST_F(SessionTest, ShowAllAndPgSettings) {
  const std::string all = Run("SHOW ALL");
  EXPECT_NE(all.find("DateStyle,ISO, MDY,Sets the display format for date and time values."),
            std::string::npos);
  EXPECT_EQ(all.find("is_superuser"), std::string::npos);
  EXPECT_EQ(all.find("session_authorization"), std::string::npos);
  const auto rows = static_cast<size_t>(std::count(all.begin(), all.end(), ';') + 1);
  EXPECT_EQ(Run("SELECT count(*) FROM pg_settings"), std::to_string(rows));
  // Each statement of a query string sees the settings as the ones before it left them.
  EXPECT_EQ(Run("SET application_name = 'a'; SELECT setting, source FROM pg_settings WHERE "
                "name = 'application_name'"),
            "a,session");
  EXPECT_EQ(Run("SELECT set_config('application_name', 'b', false); SHOW application_name"), "b");
  EXPECT_EQ(Run("RESET ALL; SELECT source FROM pg_settings WHERE name = 'application_name'"),
            "default");
}

// The committed UNIQUE entries of the table with the given id (the first table is 1).
int CountUniqueEntries(lsm::DB* db, uint32_t table_id) {
  Transaction txn(db, lsm::WriteOptions{});
  int count = 0;
  for (auto it = txn.Scan(UniqueKeysBegin(table_id), UniqueKeysEnd(table_id)); it->Valid();
       it->Next()) {
    ++count;
  }
  return count;
}

TEST_F(SessionTest, UniqueViolationsNameTheConstraintAndTheKey) {
  EXPECT_EQ(Run("CREATE TABLE t (a int UNIQUE, b text, c int, UNIQUE (b, c))"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 'x', 2)"), "INSERT 0 1");
  auto error = [this](std::string_view sql) {
    Status s = session_->Execute(sql, [](StatementResult&) { return Status::Ok(); });
    return std::string(s.sqlstate()) + " " + s.message() + " / " + std::string(s.detail());
  };
  EXPECT_EQ(error("INSERT INTO t VALUES (1, 'y', 2)"),
            "23505 duplicate key value violates unique constraint \"t_a_key\" / "
            "Key (a)=(1) already exists.");
  EXPECT_EQ(error("INSERT INTO t VALUES (2, 'x', 2)"),
            "23505 duplicate key value violates unique constraint \"t_b_c_key\" / "
            "Key (b, c)=(x, 2) already exists.");
  EXPECT_EQ(Run("INSERT INTO t VALUES (2, 'x', 3), (3, 'x', 3)"), "ERROR 23505");
  EXPECT_EQ(Run("CREATE TABLE u (a int); INSERT INTO u VALUES (1), (1)"), "INSERT 0 2");
  EXPECT_EQ(error("ALTER TABLE u ADD UNIQUE (a)"),
            "23505 could not create unique index \"u_a_key\" / Key (a)=(1) is duplicated.");
  EXPECT_EQ(Run("CREATE TABLE n (a numeric UNIQUE)"), "ERROR 0A000");
}

TEST_F(SessionTest, UniqueEntriesFollowEveryWrite) {
  EXPECT_EQ(Run("CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE)"), "CREATE TABLE");
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 1), (2, 2), (3, NULL)"), "INSERT 0 3");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 2);  // NULLs have none
  EXPECT_EQ(Run("UPDATE t SET a = 3 WHERE id = 3"), "UPDATE 1");
  EXPECT_EQ(Run("UPDATE t SET a = NULL WHERE id = 1"), "UPDATE 1");
  EXPECT_EQ(Run("UPDATE t SET id = 10 WHERE id = 2"), "UPDATE 1");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 2);
  Open();
  EXPECT_EQ(Run("INSERT INTO t VALUES (4, 2)"), "ERROR 23505");
  // A rolled-back DELETE leaves the value taken.
  EXPECT_EQ(Run("BEGIN; DELETE FROM t WHERE id = 10; INSERT INTO t VALUES (4, 2); ROLLBACK"),
            "ROLLBACK");
  EXPECT_EQ(Run("INSERT INTO t VALUES (4, 2)"), "ERROR 23505");
  EXPECT_EQ(Run("DELETE FROM t WHERE id = 10"), "DELETE 1");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 1);
  EXPECT_EQ(Run("INSERT INTO t VALUES (4, 2) ON CONFLICT (a) DO NOTHING"), "INSERT 0 1");
  EXPECT_EQ(Run("INSERT INTO t VALUES (5, 2) ON CONFLICT (a) DO UPDATE SET a = 20"), "INSERT 0 1");
  EXPECT_EQ(Run("SELECT id, a FROM t"), "1,N;3,3;4,20");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 2);
  EXPECT_EQ(Run("ALTER TABLE t ADD COLUMN b int UNIQUE DEFAULT NULL"), "ALTER TABLE");
  EXPECT_EQ(Run("UPDATE t SET b = id"), "UPDATE 3");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 5);
  EXPECT_EQ(Run("ALTER TABLE t DROP COLUMN a"), "ALTER TABLE");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 3);
  EXPECT_EQ(Run("INSERT INTO t VALUES (6, 20)"), "INSERT 0 1");  // b's constraint renumbered
  EXPECT_EQ(Run("INSERT INTO t VALUES (7, 20)"), "ERROR 23505");
  EXPECT_EQ(Run("TRUNCATE t"), "TRUNCATE TABLE");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 0);
  EXPECT_EQ(Run("INSERT INTO t VALUES (1, 1)"), "INSERT 0 1");
  EXPECT_EQ(Run("DROP TABLE t"), "DROP TABLE");
  EXPECT_EQ(CountUniqueEntries(lsm_.get(), 1), 0);
}

TEST_F(SessionTest, PrimaryKeyPredicatesScanOnlyTheirKeys) {
  EXPECT_EQ(Run("CREATE TABLE t (id int PRIMARY KEY, v text)"), "CREATE TABLE");
  EXPECT_EQ(Run("CREATE TABLE c (a text, b int8, v int, PRIMARY KEY (a, b))"), "CREATE TABLE");
  for (int i = 1; i <= 40; ++i) {
    const std::string n = std::to_string(i);
    ASSERT_EQ(Run("INSERT INTO t VALUES (" + n + ", 'v" + n + "')"), "INSERT 0 1");
    ASSERT_EQ(Run("INSERT INTO c VALUES ('k" + std::to_string(i % 4) + "', " + n + ", " + n + ")"),
              "INSERT 0 1");
  }
  EXPECT_EQ(Run("EXPLAIN SELECT v FROM t WHERE id = 5"),
            "Projection;  ->  Filter;        ->  Index Scan using t_pkey on t");
  EXPECT_EQ(Run("EXPLAIN SELECT v FROM t x WHERE 5 < x.id AND v <> 'a'"),
            "Projection;  ->  Filter;        ->  Index Scan using t_pkey on t x");
  EXPECT_EQ(Run("EXPLAIN SELECT v FROM t WHERE id + 0 = 5"),
            "Projection;  ->  Filter;        ->  Seq Scan on t");
  EXPECT_EQ(Run("EXPLAIN SELECT v FROM c WHERE a = 'k1' AND b = 5"),
            "Projection;  ->  Filter;        ->  Index Scan using c_pkey on c");
  EXPECT_EQ(Run("EXPLAIN SELECT v FROM c WHERE b = 5"),
            "Projection;  ->  Filter;        ->  Seq Scan on c");  // not the whole key
  // Every predicate finds what the same predicate finds through a whole-table scan.
  const std::vector<std::pair<std::string, std::string>> predicates = {
      {"id = 7", "id + 0 = 7"},
      {"id = 70", "id + 0 = 70"},
      {"id = NULL", "id + 0 = NULL"},
      {"id > 38", "id + 0 > 38"},
      {"id >= 38", "id + 0 >= 38"},
      {"id < 3", "id + 0 < 3"},
      {"3 >= id", "3 >= id + 0"},
      {"id BETWEEN 10 AND 12", "id + 0 BETWEEN 10 AND 12"},
      {"id > 10 AND id < 10", "id + 0 > 10 AND id + 0 < 10"},
      {"id = 5 OR id = 6", "id + 0 = 5 OR id + 0 = 6"},
      {"id = 5::int8", "id + 0 = 5::int8"},
      {"id = 5 AND v = 'v6'", "id + 0 = 5 AND v = 'v6'"},
  };
  for (const auto& [indexed, scanned] : predicates) {
    EXPECT_EQ(Run("SELECT id FROM t WHERE " + indexed), Run("SELECT id FROM t WHERE " + scanned))
        << indexed;
  }
  EXPECT_EQ(Run("SELECT v FROM c WHERE a = 'k1' AND b = 5"), "5");
  EXPECT_EQ(Run("SELECT v FROM c WHERE b = 5 AND a = 'k2'"), "");
  // UPDATE and DELETE find their rows the same way.
  EXPECT_EQ(Run("UPDATE t SET v = 'x' WHERE id = 3"), "UPDATE 1");
  EXPECT_EQ(Run("UPDATE t SET v = 'y' WHERE id >= 39"), "UPDATE 2");
  EXPECT_EQ(Run("DELETE FROM t WHERE id < 3"), "DELETE 2");
  EXPECT_EQ(Run("DELETE FROM c WHERE a = 'k0' AND b = 4"), "DELETE 1");
  EXPECT_EQ(Run("SELECT id, v FROM t WHERE id <= 3 OR id >= 39"), "3,x;39,y;40,y");
  EXPECT_EQ(Run("SELECT count(*) FROM c"), "39");
}

TEST_F(SessionTest, HashJoinsFindWhatNestedLoopsFind) {
  EXPECT_EQ(Run("CREATE TABLE l (k int, v int); CREATE TABLE r (k int8, w int)"), "CREATE TABLE");
  for (int i = 0; i < 30; ++i) {
    const std::string k = i % 7 == 0 ? "NULL" : std::to_string(i % 5);
    ASSERT_EQ(Run("INSERT INTO l VALUES (" + k + ", " + std::to_string(i) + ")"), "INSERT 0 1");
    const std::string rk = i % 4 == 0 ? "NULL" : std::to_string(i % 6);
    ASSERT_EQ(Run("INSERT INTO r VALUES (" + rk + ", " + std::to_string(i) + ")"), "INSERT 0 1");
  }
  EXPECT_EQ(Run("EXPLAIN SELECT * FROM l JOIN r ON l.k = r.k AND l.v < r.w"),
            "Projection;  ->  Hash Join;        ->  Seq Scan on l;        ->  Seq Scan on r");
  EXPECT_EQ(Run("EXPLAIN SELECT * FROM l JOIN r ON l.k < r.k"),
            "Projection;  ->  Nested Loop;        ->  Seq Scan on l;        ->  Seq Scan on r");
  // `(cond) IS TRUE` is no equi-join condition, so the same join runs as a nested loop.
  for (const std::string kind : {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"}) {
    for (const std::string on :
         {"l.k = r.k", "r.k = l.k + 1 AND l.v < r.w", "l.k = r.k AND l.v = r.w"}) {
      const std::string select = "SELECT l.k, l.v, r.k, r.w FROM l " + kind + " r ON ";
      const std::string order = " ORDER BY 1, 2, 3, 4";
      const std::string hashed = Run(select + on + order);
      EXPECT_EQ(hashed, Run(select + "(" + on + ") IS TRUE" + order)) << kind << " " << on;
      EXPECT_NE(hashed.rfind("ERROR", 0), 0u) << hashed;
    }
  }
  EXPECT_EQ(Run("SELECT count(*) FROM l JOIN r ON l.k = r.k"), "85");  // counted independently
  Session small(database_.get(), SessionOptions{.query_memory_limit = 64});
  EXPECT_EQ(Run("SELECT count(*) FROM l JOIN r ON l.k = r.k", &small), "ERROR 53200");
}

}  // namespace
}  // namespace datacave::sql
