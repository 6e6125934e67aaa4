#include <gtest/gtest.h>

#include "core/fault_injection_file_system.h"
#include "sql/execution/operator.h"
#include "sql/storage/row_codec.h"

namespace datacave::sql {
namespace {

// Primary-key scans whose bounds are parameters, evaluated only when the scan starts.
class IndexScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lsm::Options options;
    options.file_system = &fs_;
    auto db = lsm::DB::Open(options, "/db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    txn_ = std::make_unique<Transaction>(db_.get(), lsm::WriteOptions{});
    auto table = std::make_shared<TableInfo>();
    table->id = 7;
    table->name = "t";
    table->columns = {{"id", Type::Of(TypeId::kInt4)}, {"v", Type::Of(TypeId::kText)}};
    table->primary_key = {0};
    table->primary_key_name = "t_pkey";
    table_ = table;
    for (int32_t id = -5; id <= 5; ++id) {
      std::string key = RowKeyPrefix(table_->id), value;
      ASSERT_TRUE(AppendKeyColumn(Value::Int4(id), &key).ok());
      EncodeRow({Value::Int4(id), Value::Text("v")}, &value);
      txn_->Put(key, value);
    }
  }

  static KeyBound Parameter(int index, bool inclusive) {
    KeyBound bound;
    auto expr = std::make_unique<BoundExpr>();
    expr->kind = BoundExprKind::kParameter;
    expr->type = Type::Of(TypeId::kInt4);
    expr->index = index;
    bound.values.push_back(std::move(expr));
    bound.inclusive = inclusive;
    return bound;
  }

  // The ids the scan returns, as "a,b,c".
  std::string Ids(OperatorPtr scan, std::vector<Value> parameters) {
    ExecContext context;
    context.txn = txn_.get();
    context.eval.parameters = parameters;
    std::vector<Row> rows;
    Status s = CollectAll(*scan, context, &rows);
    if (!s.ok()) return s.ToString();
    std::string out;
    for (const Row& row : rows)
      out += (out.empty() ? "" : ",") + std::to_string(row[0].int_value());
    return out;
  }

  FaultInjectionFileSystem fs_;
  std::unique_ptr<lsm::DB> db_;
  std::unique_ptr<Transaction> txn_;
  std::shared_ptr<const TableInfo> table_;
};

TEST_F(IndexScanTest, ParametersBoundTheRangeWhenTheScanStarts) {
  EXPECT_EQ(Ids(MakeIndexScan(table_, Parameter(0, true), Parameter(0, true), false, ""),
                {Value::Int4(-2)}),
            "-2");
  EXPECT_EQ(Ids(MakeIndexScan(table_, Parameter(0, false), Parameter(1, false), false, ""),
                {Value::Int8(-2), Value::Int2(2)}),
            "-1,0,1");
  EXPECT_EQ(Ids(MakeIndexScan(table_, Parameter(0, true), KeyBound{}, false, ""), {Value::Int4(4)}),
            "4,5");
  EXPECT_EQ(
      Ids(MakeIndexScan(table_, KeyBound{}, Parameter(0, true), false, ""), {Value::Int4(-4)}),
      "-5,-4");
  // NULL matches nothing; a value of another encoding cannot narrow the range.
  EXPECT_EQ(Ids(MakeIndexScan(table_, Parameter(0, true), Parameter(0, true), false, ""),
                {Value::Null(TypeId::kInt4)}),
            "");
  EXPECT_EQ(Ids(MakeIndexScan(table_, Parameter(0, true), Parameter(0, true), false, ""),
                {Value::Text("3")}),
            "-5,-4,-3,-2,-1,0,1,2,3,4,5");
}

TEST_F(IndexScanTest, KeyEncodingsThatCompareAlike) {
  EXPECT_TRUE(SameKeyEncoding(TypeId::kInt4, TypeId::kInt8));
  EXPECT_TRUE(SameKeyEncoding(TypeId::kVarchar, TypeId::kText));
  EXPECT_FALSE(SameKeyEncoding(TypeId::kInt4, TypeId::kFloat8));
  EXPECT_FALSE(SameKeyEncoding(TypeId::kBpchar, TypeId::kText));
  EXPECT_FALSE(SameKeyEncoding(TypeId::kInt8, TypeId::kTimestamp));
}

}  // namespace
}  // namespace datacave::sql
