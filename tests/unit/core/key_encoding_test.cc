#include "core/key_encoding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace datacave {
namespace {

std::string Encode(const KeyValue& v) {
  std::string k;
  AppendKeyValue(&k, v);
  return k;
}

TEST(KeyEncodingTest, IntegersOrderAcrossSign) {
  EXPECT_LT(Encode(std::numeric_limits<int64_t>::min()), Encode(int64_t{-1}));
  EXPECT_LT(Encode(int64_t{-1}), Encode(int64_t{0}));
  EXPECT_LT(Encode(int64_t{0}), Encode(int64_t{1}));
  EXPECT_LT(Encode(int64_t{255}), Encode(int64_t{256}));
  EXPECT_LT(Encode(int64_t{1}), Encode(std::numeric_limits<int64_t>::max()));
}

TEST(KeyEncodingTest, DoublesFollowPostgresOrder) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_LT(Encode(-inf), Encode(-1.5));
  EXPECT_LT(Encode(-1.5), Encode(-0.0));
  EXPECT_EQ(Encode(-0.0), Encode(0.0));
  EXPECT_LT(Encode(0.0), Encode(std::numeric_limits<double>::denorm_min()));
  EXPECT_LT(Encode(1.0), Encode(inf));
  EXPECT_LT(Encode(inf), Encode(nan));
  EXPECT_EQ(Encode(nan), Encode(-nan));  // every NaN is one value, as in PostgreSQL
}

TEST(KeyEncodingTest, TextIsBytewiseWithEmbeddedZeros) {
  using namespace std::string_literals;
  EXPECT_LT(Encode(""s), Encode("\0"s));
  EXPECT_LT(Encode("a"s), Encode("a\0"s));
  EXPECT_LT(Encode("a\0"s), Encode("a\0\0"s));
  EXPECT_LT(Encode("a\0z"s), Encode("a\x01"s));
  EXPECT_LT(Encode("ab"s), Encode("b"s));
  EXPECT_LT(Encode("Z"s), Encode("a"s));
  EXPECT_LT(Encode("\x7f"s), Encode("\x80"s));  // bytes compare unsigned
}

TEST(KeyEncodingTest, NullSortsLast) {
  EXPECT_GT(Encode(KeyNull{}), Encode(std::numeric_limits<int64_t>::max()));
  EXPECT_GT(Encode(KeyNull{}), Encode(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_GT(Encode(KeyNull{}), Encode(std::string("\xff\xff")));
}

TEST(KeyEncodingTest, CompositeKeysDecodeInOrder) {
  std::string key;
  AppendKeyInt64(&key, 42);
  AppendKeyText(&key, std::string("x\0y", 3));
  AppendKeyNull(&key);
  AppendKeyDouble(&key, -2.5);
  std::string_view in = key;
  KeyValue v;
  ASSERT_TRUE(DecodeKeyValue(&in, &v));
  EXPECT_EQ(std::get<int64_t>(v), 42);
  ASSERT_TRUE(DecodeKeyValue(&in, &v));
  EXPECT_EQ(std::get<std::string>(v), std::string("x\0y", 3));
  ASSERT_TRUE(DecodeKeyValue(&in, &v));
  EXPECT_TRUE(std::holds_alternative<KeyNull>(v));
  ASSERT_TRUE(DecodeKeyValue(&in, &v));
  EXPECT_EQ(std::get<double>(v), -2.5);
  EXPECT_TRUE(in.empty());
  EXPECT_FALSE(DecodeKeyValue(&in, &v));
}

TEST(KeyEncodingTest, MalformedInputIsRejected) {
  KeyValue v;
  for (std::string bad : {std::string("\x10\x00", 2), std::string("\x20"),
                          std::string("\x30"
                                      "abc"),
                          std::string("\x30"
                                      "a\0\x02",
                                      4),
                          std::string("\x30"
                                      "a\0",
                                      3),
                          std::string("\x77")}) {
    std::string_view in = bad;
    EXPECT_FALSE(DecodeKeyValue(&in, &v)) << "input of " << bad.size() << " bytes";
  }
}

}  // namespace
}  // namespace datacave
