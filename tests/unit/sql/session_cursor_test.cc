// SQL cursors through sql::Session: what the sql-logic script cannot see (snapshots across
// sessions, memory, the extended protocol's view of a cursor as a portal). Movement and
// counts are in tests/sql-logic/scripts/cursors.test, checked against PostgreSQL 15.

#include <gtest/gtest.h>

#include "session_fixture.h"
#include "sql/parser/parser.h"

namespace datacave::sql {
namespace {

class SessionCursorTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_EQ(Run("CREATE TABLE t (id int PRIMARY KEY, name text)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO t SELECT g, 'n' || g FROM generate_series(1, 300) g"),
              "INSERT 0 300");
  }

  std::unique_ptr<Session> NewSession(uint64_t memory_limit = 256ull << 20) {
    SessionOptions options;
    options.query_memory_limit = memory_limit;
    return std::make_unique<Session>(database_.get(), options);
  }

  static std::string Rows(const std::vector<Row>& rows) {
    std::string out;
    for (const Row& row : rows) {
      if (!out.empty()) out += ";";
      for (size_t c = 0; c < row.size(); ++c) out += (c > 0 ? "," : "") + ToText(row[c]);
    }
    return out;
  }
};

TEST_F(SessionCursorTest, ReadsAtTheSnapshotOfItsDeclare) {
  ASSERT_EQ(Run("BEGIN"), "BEGIN");
  ASSERT_EQ(Run("DECLARE c CURSOR FOR SELECT count(*) FROM t"), "DECLARE CURSOR");
  ASSERT_EQ(Run("DECLARE d CURSOR FOR SELECT id FROM t WHERE id > 298 ORDER BY id"),
            "DECLARE CURSOR");
  // Another session commits rows meanwhile; a write of the cursor's own transaction comes
  // after the DECLARE too. Neither is among the cursor's rows.
  auto other = NewSession();
  ASSERT_EQ(Run("INSERT INTO t VALUES (301, 'x')", other.get()), "INSERT 0 1");
  ASSERT_EQ(Run("INSERT INTO t VALUES (302, 'y')"), "INSERT 0 1");
  EXPECT_EQ(Run("FETCH c"), "300");
  EXPECT_EQ(Run("FETCH ALL d"), "299;300");
  // A cursor declared after its transaction wrote sees those writes.
  ASSERT_EQ(Run("DECLARE e CURSOR FOR SELECT count(*) FROM t"), "DECLARE CURSOR");
  EXPECT_EQ(Run("FETCH e"), "302");
  ASSERT_EQ(Run("ROLLBACK"), "ROLLBACK");
}

TEST_F(SessionCursorTest, AForwardCursorHoldsOneBatchAScrollCursorEveryRow) {
  auto session = NewSession(1 << 20);
  const std::string query =
      " CURSOR FOR SELECT g, repeat('x', 100) FROM generate_series(1, 50000) g";
  ASSERT_EQ(Run("BEGIN", session.get()), "BEGIN");
  ASSERT_EQ(Run("DECLARE f" + query, session.get()), "DECLARE CURSOR");
  EXPECT_EQ(Run("MOVE FORWARD 49999 IN f", session.get()), "MOVE 49999");
  EXPECT_EQ(Run("FETCH ALL IN f", session.get()).substr(0, 6), "50000,");
  ASSERT_EQ(Run("DECLARE s SCROLL" + query, session.get()), "DECLARE CURSOR");
  EXPECT_EQ(Run("MOVE ALL IN s", session.get()), "ERROR 53200");
  ASSERT_EQ(Run("ROLLBACK", session.get()), "ROLLBACK");
}

TEST_F(SessionCursorTest, WithHoldKeepsItsRowsAfterTheCommit) {
  ASSERT_EQ(Run("DECLARE h CURSOR WITH HOLD FOR SELECT id FROM t WHERE id <= 3 ORDER BY id"),
            "DECLARE CURSOR");
  ASSERT_EQ(Run("DELETE FROM t"), "DELETE 300");
  EXPECT_EQ(Run("FETCH 2 FROM h"), "1;2");
  EXPECT_EQ(Run("FETCH ALL FROM h"), "3");
  EXPECT_EQ(Run("CLOSE h"), "CLOSE CURSOR");
  EXPECT_EQ(Run("CLOSE h"), "ERROR 34000");
}

TEST_F(SessionCursorTest, ParsesAndPrintsBack) {
  for (const char* sql :
       {"DECLARE c SCROLL CURSOR WITH HOLD FOR SELECT 1", "FETCH BACKWARD ALL FROM c",
        "MOVE ABSOLUTE -3 FROM \"C\"", "FETCH RELATIVE 0 FROM c", "CLOSE ALL", "CLOSE c"}) {
    auto parsed = Parse(sql);
    ASSERT_TRUE(parsed.ok()) << sql << ": " << parsed.status().ToString();
    EXPECT_EQ(ToSql(*parsed->front()), sql);
  }
  auto prior = Parse("FETCH PRIOR c");
  ASSERT_TRUE(prior.ok());
  EXPECT_EQ(ToSql(*prior->front()), "FETCH BACKWARD 1 FROM c");
}

// psycopg 3's server-side cursor: DECLARE with a parameter through the extended protocol,
// Describe Portal of the cursor's name, then FETCH FORWARD n.
TEST_F(SessionCursorTest, IsAPortalOfTheExtendedProtocol) {
  ASSERT_EQ(Run("BEGIN"), "BEGIN");
  ASSERT_TRUE(
      session_->Prepare("", "DECLARE c CURSOR FOR SELECT id, name FROM t WHERE id > $1", {}).ok());
  auto statement = session_->DescribeStatement("");
  ASSERT_TRUE(statement.ok());
  ASSERT_EQ(statement->parameter_types.size(), 1u);
  EXPECT_EQ(statement->parameter_types[0].id, TypeId::kInt4);  // inferred from the query
  EXPECT_FALSE(statement->returns_rows);
  ASSERT_TRUE(session_->Bind("", "", {}, {"295"}, {}).ok());
  auto declared = session_->ExecutePortal("", 0);
  ASSERT_TRUE(declared.ok()) << declared.status().ToString();
  EXPECT_EQ(declared->result.tag, "DECLARE CURSOR");
  ASSERT_TRUE(session_->Sync().ok());

  auto described = session_->DescribePortal("c");
  ASSERT_TRUE(described.ok()) << described.status().ToString();
  EXPECT_TRUE(described->returns_rows);
  ASSERT_EQ(described->columns.size(), 2u);
  EXPECT_EQ(described->columns[1].name, "name");
  EXPECT_EQ(Run("FETCH FORWARD 2 FROM c"), "296,n296;297,n297");
  // A prepared FETCH is described by its cursor's columns; a MOVE returns none.
  ASSERT_TRUE(session_->Prepare("fetch", "FETCH 1 FROM c", {}).ok());
  auto fetch = session_->DescribeStatement("fetch");
  ASSERT_TRUE(fetch.ok());
  EXPECT_TRUE(fetch->returns_rows);
  EXPECT_EQ(fetch->columns.size(), 2u);
  ASSERT_TRUE(session_->Prepare("move", "MOVE 1 IN c", {}).ok());
  EXPECT_FALSE(session_->DescribeStatement("move")->returns_rows);
  // Execute on the cursor fetches forward, suspended until it runs past the last row (checked
  // against PostgreSQL 15 with a hand-written protocol client: 2, 2, then 1 and SELECT 1).
  auto batch = session_->ExecutePortal("c", 2);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(Rows(batch->result.rows), "298,n298;299,n299");
  EXPECT_TRUE(batch->suspended);
  batch = session_->ExecutePortal("c", 2);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(Rows(batch->result.rows), "300,n300");
  EXPECT_FALSE(batch->suspended);
  EXPECT_EQ(batch->result.tag, "SELECT 1");
  batch = session_->ExecutePortal("c", 0);  // past the end: no rows, as PostgreSQL
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->result.tag, "SELECT 0");
  // One namespace: Bind cannot take the cursor's name; Close of the portal closes it.
  ASSERT_TRUE(session_->Prepare("one", "SELECT 1", {}).ok());
  Status taken = session_->Bind("c", "one", {}, {}, {});
  EXPECT_EQ(taken.sqlstate(), "42P03");
  EXPECT_EQ(taken.message(), "cursor \"c\" already exists");
  // That error failed the transaction: the cursor waits for its end.
  EXPECT_EQ(session_->DescribePortal("c").status().sqlstate(), "25P02");
  EXPECT_EQ(session_->ExecutePortal("c", 0).status().sqlstate(), "25P02");
  ASSERT_EQ(Run("ROLLBACK"), "ROLLBACK");
  ASSERT_EQ(Run("BEGIN"), "BEGIN");
  ASSERT_EQ(Run("DECLARE c CURSOR FOR SELECT 1"), "DECLARE CURSOR");
  session_->Close('P', "c");
  EXPECT_EQ(Run("FETCH c"), "ERROR 34000");
  ASSERT_EQ(Run("ROLLBACK"), "ROLLBACK");
}

TEST_F(SessionCursorTest, ExtendedProtocolWithoutBeginIsNoTransactionBlock) {
  // Statements outside BEGIN share an implicit transaction until Sync, which is not a
  // transaction block to PostgreSQL either.
  ASSERT_TRUE(session_->Prepare("", "DECLARE c CURSOR FOR SELECT 1", {}).ok());
  ASSERT_TRUE(session_->Bind("", "", {}, {}, {}).ok());
  auto declared = session_->ExecutePortal("", 0);
  EXPECT_EQ(declared.status().sqlstate(), "25P01");
  ASSERT_TRUE(session_->Sync().ok());
}

}  // namespace
}  // namespace datacave::sql
