// The extended query protocol's Session API: Prepare, Describe, Bind, Execute, Close, Sync.

#include <gtest/gtest.h>

#include "core/fault_injection_file_system.h"
#include "sql/session.h"
#include "sql/types/binary.h"
#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

class SessionExtendedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lsm::Options options;
    options.file_system = &fs_;
    auto db = lsm::DB::Open(options, "/db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    lsm_ = std::move(db).value();
    auto database = Database::Open(lsm_.get(), lsm::WriteOptions{});
    ASSERT_TRUE(database.ok()) << database.status().ToString();
    database_ = std::move(database).value();
    session_ = std::make_unique<Session>(database_.get(), SessionOptions{});
    ASSERT_EQ(Simple("CREATE TABLE t (id int PRIMARY KEY, name text, n numeric)"), "");
  }

  // Runs a simple query; "" or the error's SQLSTATE.
  std::string Simple(std::string_view sql) {
    Status s = session_->Execute(sql, [](StatementResult&) { return Status::Ok(); });
    return s.ok() ? "" : std::string(s.sqlstate());
  }

  // Prepare + Bind (text values) + Execute to completion: rows as "a,b;c" or "ERROR <state>",
  // or the tag for statements without rows.
  std::string Run(const std::string& statement,
                  const std::vector<std::optional<std::string>>& values) {
    Status s = session_->Bind("", statement, {}, values, {});
    if (!s.ok()) return "ERROR " + std::string(s.sqlstate());
    auto batch = session_->ExecutePortal("", 0);
    if (!batch.ok()) return "ERROR " + std::string(batch.status().sqlstate());
    return Format(*batch);
  }

  static std::string Format(const PortalBatch& batch) {
    if (!batch.result.returns_rows) return batch.result.tag;
    std::string out;
    for (const Row& row : batch.result.rows) {
      if (!out.empty()) out += ";";
      for (size_t c = 0; c < row.size(); ++c) {
        if (c > 0) out += ",";
        out += row[c].is_null() ? "N" : ToText(row[c]);
      }
    }
    return out;
  }

  FaultInjectionFileSystem fs_;
  std::unique_ptr<lsm::DB> lsm_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;
};

TEST_F(SessionExtendedTest, PreparedStatementsRunManyTimesWithInferredParameterTypes) {
  ASSERT_TRUE(session_->Prepare("ins", "INSERT INTO t VALUES ($1, $2, $3)", {}).ok());
  EXPECT_EQ(Run("ins", {"1", "one", "1.50"}), "INSERT 0 1");
  EXPECT_EQ(Run("ins", {"2", std::nullopt, "-3"}), "INSERT 0 1");
  ASSERT_TRUE(session_->Sync().ok());
  EXPECT_EQ(Run("ins", {"x", "bad", "0"}), "ERROR 22P02");  // at Bind
  ASSERT_TRUE(session_->Sync().ok());
  // A whole INSERT or SET value has its column's type before the statement runs.
  auto assigned = session_->DescribeStatement("ins");
  ASSERT_TRUE(assigned.ok());
  ASSERT_EQ(assigned->parameter_types.size(), 3u);
  EXPECT_EQ(assigned->parameter_types[0].id, TypeId::kInt4);
  EXPECT_EQ(assigned->parameter_types[1].id, TypeId::kText);
  EXPECT_EQ(assigned->parameter_types[2].id, TypeId::kNumeric);
  EXPECT_EQ(session_->Bind("", "ins", {}, {"1.5", "x", "0"}, {}).sqlstate(), "22P02");
  ASSERT_TRUE(session_->Sync().ok());
  ASSERT_TRUE(session_->Prepare("upd", "UPDATE t SET n = n + $1 WHERE id = $2", {}).ok());
  EXPECT_EQ(Run("upd", {"10", "2"}), "UPDATE 1");
  ASSERT_TRUE(
      session_->Prepare("sel", "SELECT id, name, n FROM t WHERE id >= $1 ORDER BY id", {}).ok());
  auto description = session_->DescribeStatement("sel");
  ASSERT_TRUE(description.ok());
  ASSERT_EQ(description->parameter_types.size(), 1u);
  EXPECT_EQ(description->parameter_types[0].id, TypeId::kInt4);
  EXPECT_TRUE(description->returns_rows);
  ASSERT_EQ(description->columns.size(), 3u);
  EXPECT_EQ(description->columns[2].type.id, TypeId::kNumeric);
  EXPECT_EQ(Run("sel", {"1"}), "1,one,1.50;2,N,7");
  EXPECT_EQ(Run("sel", {"2"}), "2,N,7");
  ASSERT_TRUE(session_->Prepare("del", "DELETE FROM t WHERE id = $1", {}).ok());
  EXPECT_EQ(Run("del", {"1"}), "DELETE 1");
  ASSERT_TRUE(session_->Sync().ok());
  EXPECT_EQ(session_->transaction_state(), TransactionState::kIdle);
  EXPECT_EQ(Run("sel", {"0"}), "2,N,7");
}

TEST_F(SessionExtendedTest, UnresolvedParametersAreTextAndClientTypesAreHonoured) {
  ASSERT_TRUE(session_->Prepare("", "SELECT $1", {}).ok());
  auto description = session_->DescribeStatement("");
  ASSERT_TRUE(description.ok());
  EXPECT_EQ(description->parameter_types[0].id, TypeId::kText);
  EXPECT_EQ(Run("", {"hello"}), "hello");
  ASSERT_TRUE(session_->Prepare("", "SELECT $1 + 1", {20}).ok());  // int8
  description = session_->DescribeStatement("");
  EXPECT_EQ(description->parameter_types[0].id, TypeId::kInt8);
  EXPECT_EQ(Run("", {"41"}), "42");
  EXPECT_EQ(session_->Prepare("", "SELECT $1", {999999}).sqlstate(), "42704");
}

TEST_F(SessionExtendedTest, BinaryParametersFormatCodesAndCounts) {
  ASSERT_TRUE(session_->Prepare("ins", "INSERT INTO t VALUES ($1, $2, $3)", {23, 25, 1700}).ok());
  std::string four;
  AppendBinary(Value::Int4(4), &four);
  std::string numeric;
  AppendBinary(*ParseText(Type::Of(TypeId::kNumeric), "12.25"), &numeric);
  // n codes: one per parameter.
  ASSERT_TRUE(session_->Bind("", "ins", {1, 0, 1}, {four, "four", numeric}, {}).ok());
  EXPECT_EQ(Format(*session_->ExecutePortal("", 0)), "INSERT 0 1");
  ASSERT_TRUE(session_->Sync().ok());
  // One code applies to all; bytes left over are 22P03.
  EXPECT_EQ(session_->Bind("", "ins", {1}, {four + "x", "a", numeric}, {}).sqlstate(), "22P03");
  ASSERT_TRUE(session_->Sync().ok());
  EXPECT_EQ(session_->Bind("", "ins", {0, 1}, {"1", "a", "1"}, {}).sqlstate(), "08P01");
  EXPECT_EQ(session_->Bind("", "ins", {}, {"1", "a"}, {}).sqlstate(), "08P01");
  EXPECT_EQ(session_->Bind("", "ins", {2}, {"1", "a", "1"}, {}).sqlstate(), "08P01");
  EXPECT_EQ(session_->Bind("", "nope", {}, {}, {}).sqlstate(), "26000");
  EXPECT_EQ(session_->Prepare("ins", "SELECT 1", {}).sqlstate(), "42P05");
  EXPECT_EQ(session_->ExecutePortal("nope", 0).status().sqlstate(), "34000");
  ASSERT_TRUE(session_->Sync().ok());
  ASSERT_TRUE(session_->Prepare("", "SELECT name, n FROM t", {}).ok());
  EXPECT_EQ(Run("", {}), "four,12.25");
  // A binary value for an INSERT's $n without a client type: the column's type reads it.
  ASSERT_TRUE(session_->Prepare("", "INSERT INTO t (id) VALUES ($1)", {}).ok());
  std::string five;
  AppendBinary(Value::Int4(5), &five);
  ASSERT_TRUE(session_->Bind("", "", {1}, {five}, {}).ok());
  EXPECT_EQ(Format(*session_->ExecutePortal("", 0)), "INSERT 0 1");
  // A $n in a DML WHERE is typed only when the statement runs (a limitation: PostgreSQL
  // knows it at Parse), so a binary value for it without a client type cannot be read.
  ASSERT_TRUE(session_->Prepare("", "DELETE FROM t WHERE id = $1", {}).ok());
  EXPECT_EQ(session_->Bind("", "", {1}, {five}, {}).sqlstate(), "42P18");
}

TEST_F(SessionExtendedTest, PortalsResumeAfterTheirRowLimit) {
  ASSERT_EQ(Simple("INSERT INTO t VALUES (1, 'a', 0), (2, 'b', 0), (3, 'c', 0)"), "");
  ASSERT_TRUE(session_->Prepare("", "SELECT id FROM t ORDER BY id", {}).ok());
  ASSERT_TRUE(session_->Bind("p", "", {}, {}, {1}).ok());
  auto portal = session_->DescribePortal("p");
  ASSERT_TRUE(portal.ok());
  EXPECT_EQ(portal->result_formats, std::vector<int16_t>{1});
  auto batch = session_->ExecutePortal("p", 2);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->suspended);
  EXPECT_EQ(Format(*batch), "1;2");
  batch = session_->ExecutePortal("p", 2);
  EXPECT_FALSE(batch->suspended);
  EXPECT_EQ(Format(*batch), "3");
  EXPECT_EQ(batch->result.tag, "SELECT 1");
  session_->Close('P', "p");
  EXPECT_EQ(session_->ExecutePortal("p", 0).status().sqlstate(), "34000");
}

TEST_F(SessionExtendedTest, TransactionsAsInTheSimpleProtocol) {
  ASSERT_TRUE(session_->Prepare("begin", "BEGIN", {}).ok());
  ASSERT_TRUE(session_->Prepare("ins", "INSERT INTO t (id) VALUES ($1)", {}).ok());
  ASSERT_TRUE(session_->Prepare("commit", "COMMIT", {}).ok());
  EXPECT_EQ(Run("begin", {}), "BEGIN");
  EXPECT_EQ(Run("ins", {"1"}), "INSERT 0 1");
  ASSERT_TRUE(session_->Sync().ok());
  EXPECT_EQ(session_->transaction_state(), TransactionState::kInBlock);
  EXPECT_EQ(Run("ins", {"1"}), "ERROR 23505");
  EXPECT_EQ(session_->transaction_state(), TransactionState::kFailed);
  EXPECT_EQ(Run("ins", {"2"}), "ERROR 25P02");
  ASSERT_TRUE(session_->Sync().ok());
  EXPECT_EQ(Run("commit", {}), "ROLLBACK");
  EXPECT_EQ(session_->transaction_state(), TransactionState::kIdle);
  // Outside BEGIN, the statements up to Sync are one transaction that an error undoes.
  EXPECT_EQ(Run("ins", {"5"}), "INSERT 0 1");
  EXPECT_EQ(Run("ins", {"5"}), "ERROR 23505");
  ASSERT_TRUE(session_->Sync().ok());
  EXPECT_EQ(Run("ins", {"6"}), "INSERT 0 1");
  ASSERT_TRUE(session_->Sync().ok());
  ASSERT_TRUE(session_->Prepare("", "SELECT id FROM t ORDER BY id", {}).ok());
  EXPECT_EQ(Run("", {}), "6");
  // An empty statement and SET go through the same path.
  ASSERT_TRUE(session_->Prepare("", "", {}).ok());
  ASSERT_TRUE(session_->Bind("", "", {}, {}, {}).ok());
  EXPECT_TRUE(session_->ExecutePortal("", 0)->empty_query);
  ASSERT_TRUE(session_->Prepare("", "SET application_name = 'x'", {}).ok());
  EXPECT_EQ(Run("", {}), "SET");
  EXPECT_EQ(session_->GetSetting("application_name"), "x");
}

}  // namespace
}  // namespace datacave::sql
