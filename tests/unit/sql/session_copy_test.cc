// COPY through sql::Session: the COPY interface the server drives (sqllogictest cannot send
// COPY data), with PostgreSQL 15's results, errors and contexts.

#include <gtest/gtest.h>

#include "session_fixture.h"

namespace datacave::sql {
namespace {

class SessionCopyTest : public SessionFixture {
 protected:
  // Runs a COPY FROM STDIN with data in pieces, then ends it: its tag, or "ERROR <sqlstate>
  // <message> | <where>".
  std::string CopyIn(std::string_view sql, const std::vector<std::string>& pieces) {
    StatementResult started;
    Status s = session_->Execute(sql, [&](StatementResult& result) {
      started = std::move(result);
      return Status::Ok();
    });
    if (!s.ok()) return Describe(s);
    EXPECT_EQ(started.copy, CopyDirection::kIn);
    EXPECT_TRUE(session_->copy_in_active());
    for (const std::string& piece : pieces) {
      s = session_->CopyInData(piece);
      if (!s.ok()) {
        EXPECT_FALSE(session_->copy_in_active());
        return Describe(s);
      }
    }
    auto tag = session_->CopyInDone();
    EXPECT_FALSE(session_->copy_in_active());
    return tag.ok() ? *tag : Describe(tag.status());
  }

  // A COPY TO STDOUT's lines, joined.
  std::string CopyOut(std::string_view sql) {
    std::string out;
    Status s = session_->Execute(sql, [&](StatementResult& result) {
      EXPECT_EQ(result.copy, CopyDirection::kOut);
      for (const std::string& line : result.copy_data) out += line;
      out += result.tag;
      return Status::Ok();
    });
    return s.ok() ? out : Describe(s);
  }

  static std::string Describe(const Status& s) {
    std::string out = "ERROR " + std::string(s.sqlstate()) + " " + s.message();
    if (!s.where().empty()) out += " | " + std::string(s.where());
    return out;
  }
};

TEST_F(SessionCopyTest, CopyFromInsertsRowsWithDefaults) {
  ASSERT_EQ(Run("CREATE TABLE t (a int PRIMARY KEY, b text, c int DEFAULT 7)"), "CREATE TABLE");
  EXPECT_EQ(CopyIn("COPY t (a, b) FROM STDIN", {"1\tone\n2\t", "\\N\n3\tth", "ree\n"}), "COPY 3");
  EXPECT_EQ(Run("SELECT a, b, c FROM t ORDER BY a"), "1,one,7;2,N,7;3,three,7");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN WITH CSV HEADER", {"a,b,c\n4,\"x,y\",\n"}), "COPY 1");
  EXPECT_EQ(Run("SELECT b, c FROM t WHERE a = 4"), "x,y,N");
}

TEST_F(SessionCopyTest, ManyRowsInBatches) {
  ASSERT_EQ(Run("CREATE TABLE t (a int PRIMARY KEY, b int)"), "CREATE TABLE");
  std::string data;
  for (int i = 0; i < 2500; ++i) data += std::to_string(i) + "\t" + std::to_string(i * 2) + "\n";
  std::vector<std::string> pieces;
  for (size_t i = 0; i < data.size(); i += 777) pieces.push_back(data.substr(i, 777));
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", pieces), "COPY 2500");
  EXPECT_EQ(Run("SELECT count(*), sum(b) FROM t"), "2500,6247500");
}

TEST_F(SessionCopyTest, ErrorsNameTheLineAndRollBack) {
  ASSERT_EQ(Run("CREATE TABLE t (a int PRIMARY KEY, b int NOT NULL, c text CHECK (c <> 'bad'))"),
            "CREATE TABLE");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\t2\tx\n2\tq\tx\n"}),
            "ERROR 22P02 invalid input syntax for type integer: \"q\" | COPY t, line 2, column b: "
            "\"q\"");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\t2\n"}),
            "ERROR 22P04 missing data for column \"c\" | COPY t, line 1: \"1\t2\"");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\t2\tx\t4\n"}),
            "ERROR 22P04 extra data after last expected column | COPY t, line 1: \"1\t2\tx\t4\"");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\t\\N\tx\n"}),
            "ERROR 23502 null value in column \"b\" of relation \"t\" violates not-null "
            "constraint | COPY t, line 1: \"1\t\\N\tx\"");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\t1\tbad\n"}),
            "ERROR 23514 new row for relation \"t\" violates check constraint \"t_c_check\" | "
            "COPY t, line 1: \"1\t1\tbad\"");
  // The unique check comes when the batch is written (so only the line number).
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\t1\tx\n1\t1\ty\n"}),
            "ERROR 23505 duplicate key value violates unique constraint \"t_pkey\" | COPY t, "
            "line 2");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\t2\tx\r\n2\t3\tx\n"}),
            "ERROR 22P04 literal newline found in data | COPY t, line 2");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");
}

TEST_F(SessionCopyTest, FailedCopyFailsTheBlock) {
  ASSERT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  ASSERT_EQ(Run("BEGIN"), "BEGIN");
  ASSERT_EQ(Run("INSERT INTO t VALUES (1)"), "INSERT 0 1");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"2\n"}), "COPY 1");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "2");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"x\n"}).substr(0, 11), "ERROR 22P02");
  EXPECT_EQ(session_->transaction_state(), TransactionState::kFailed);
  EXPECT_EQ(Run("ROLLBACK"), "ROLLBACK");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");
}

TEST_F(SessionCopyTest, CopyFailAndAbort) {
  ASSERT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  ASSERT_TRUE(
      session_->Execute("COPY t FROM STDIN", [](StatementResult&) { return Status::Ok(); }).ok());
  ASSERT_TRUE(session_->CopyInData("1\n2\n").ok());
  Status s = session_->CopyInFail("client gave up");
  EXPECT_EQ(Describe(s), "ERROR 57014 COPY from stdin failed: client gave up | COPY t, line 3");
  EXPECT_FALSE(session_->copy_in_active());
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "0");
}

TEST_F(SessionCopyTest, EndMarkerAndRestIgnored) {
  ASSERT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  EXPECT_EQ(CopyIn("COPY t FROM STDIN", {"1\n\\.\n", "not data\n"}), "COPY 1");
}

TEST_F(SessionCopyTest, CopyTo) {
  ASSERT_EQ(Run("CREATE TABLE t (a int, b text)"), "CREATE TABLE");
  ASSERT_EQ(Run("INSERT INTO t VALUES (1, 'a\tb'), (2, NULL), (3, '')"), "INSERT 0 3");
  EXPECT_EQ(CopyOut("COPY t TO STDOUT"), "1\ta\\tb\n2\t\\N\n3\t\nCOPY 3");
  EXPECT_EQ(CopyOut("COPY t (b, a) TO STDOUT WITH (FORMAT csv, HEADER)"),
            "b,a\na\tb,1\n,2\n\"\",3\nCOPY 3");
  EXPECT_EQ(CopyOut("COPY (SELECT a * 10 AS x FROM t WHERE a > 1 ORDER BY a) TO STDOUT CSV "
                    "HEADER FORCE QUOTE *"),
            "x\n\"20\"\n\"30\"\nCOPY 2");
  // A tab is escaped whatever the delimiter.
  EXPECT_EQ(CopyOut("COPY t TO STDOUT (DELIMITER '|', NULL 'none')"),
            "1|a\\tb\n2|none\n3|\nCOPY 3");
}

TEST_F(SessionCopyTest, RefusedStatements) {
  ASSERT_EQ(Run("CREATE TABLE t (a int)"), "CREATE TABLE");
  ASSERT_EQ(Run("CREATE VIEW v AS SELECT a FROM t"), "CREATE VIEW");
  EXPECT_EQ(Run("COPY nope FROM STDIN"), "ERROR 42P01");
  EXPECT_EQ(Run("COPY v FROM STDIN"), "ERROR 42809");
  EXPECT_EQ(Run("COPY v TO STDOUT"), "ERROR 42809");
  EXPECT_EQ(Run("COPY t (a, a) FROM STDIN"), "ERROR 42701");
  EXPECT_EQ(Run("COPY t (z) FROM STDIN"), "ERROR 42703");
  EXPECT_EQ(Run("COPY t FROM STDIN (FORMAT binary)"), "ERROR 0A000");
  EXPECT_EQ(Run("COPY t FROM '/etc/passwd'"), "ERROR 0A000");
  EXPECT_EQ(Run("COPY t TO PROGRAM 'cat'"), "ERROR 0A000");
  EXPECT_EQ(Run("COPY t FROM STDIN (DELIMITER 'ab')"), "ERROR 0A000");
  EXPECT_EQ(Run("COPY t FROM STDIN (DELIMITER 'a')"), "ERROR 22023");
  EXPECT_EQ(Run("COPY t FROM STDIN (QUOTE '\"')"), "ERROR 0A000");
  EXPECT_EQ(Run("COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE (a))"), "ERROR 0A000");
  EXPECT_EQ(Run("COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE (b))"), "ERROR 42P10");
  EXPECT_EQ(Run("COPY t FROM STDIN (FORMAT csv, DELIMITER ',', NULL 'a,b')"), "ERROR 22023");
  EXPECT_EQ(Run("COPY t FROM STDIN; SELECT 1"), "ERROR 0A000");
  EXPECT_FALSE(session_->copy_in_active());
}

}  // namespace
}  // namespace datacave::sql
