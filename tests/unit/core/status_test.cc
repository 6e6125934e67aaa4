#include "core/status.h"

#include <gtest/gtest.h>

namespace datacave {
namespace {

TEST(StatusTest, OkHasNoMessageOrSqlstate) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.sqlstate(), "");
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorsCarryCodeMessageAndSqlstate) {
  Status s = Status::Sql(StatusCode::kInvalidArgument, "22012", "division by zero");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.sqlstate(), "22012");
  EXPECT_EQ(s.ToString(), "InvalidArgument: division by zero");
  EXPECT_EQ(Status::NotSupported("x").sqlstate(), "0A000");
  EXPECT_TRUE(Status::NotFound("k").IsNotFound());
  EXPECT_TRUE(Status::Corruption("c").IsCorruption());
}

TEST(StatusTest, CopiesAreIndependentAndContextPrefixes) {
  Status a = Status::IOError("disk full");
  Status b = a;
  Status c = b.WithContext("writing 000001.log");
  EXPECT_EQ(a.message(), "disk full");
  EXPECT_EQ(c.message(), "writing 000001.log: disk full");
  EXPECT_EQ(c.code(), StatusCode::kIOError);
  EXPECT_TRUE(Status().WithContext("ignored").ok());
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  DC_ASSIGN_OR_RETURN(int half, Half(x));
  return Half(half);
}

TEST(ResultTest, ValueOrErrorPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd");
  EXPECT_TRUE(Half(4).status().ok());
}

}  // namespace
}  // namespace datacave

namespace datacave {
namespace {

TEST(StatusPositionTest, PositionTravelsWithTheErrorAndItsContext) {
  Status s = Status::Sql(StatusCode::kInvalidArgument, "42601", "syntax error").WithPosition(8);
  EXPECT_EQ(s.position(), 8);
  EXPECT_EQ(s.WithContext("parsing").position(), 8);
  EXPECT_EQ(Status(s).position(), 8);
  EXPECT_EQ(Status::Ok().position(), 0);
  EXPECT_EQ(Status::IOError("x").position(), 0);
}

TEST(StatusPositionTest, DetailTravelsWithTheErrorAndItsContext) {
  Status s = Status::Sql(StatusCode::kInvalidArgument, "22003", "numeric field overflow")
                 .WithDetail("why")
                 .WithPosition(3);
  EXPECT_EQ(s.detail(), "why");
  EXPECT_EQ(s.WithContext("casting").detail(), "why");
  EXPECT_EQ(Status(s).detail(), "why");
  EXPECT_EQ(Status::Ok().detail(), "");
  EXPECT_EQ(Status::IOError("x").detail(), "");
}

}  // namespace
}  // namespace datacave
