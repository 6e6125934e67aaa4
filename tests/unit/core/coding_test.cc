#include "core/coding.h"

#include <gtest/gtest.h>

#include <limits>

namespace datacave {
namespace {

TEST(CodingTest, FixedIsLittleEndian) {
  std::string s;
  PutFixed32(&s, 0x01020304);
  PutFixed64(&s, 0x0102030405060708ull);
  EXPECT_EQ(s, std::string("\x04\x03\x02\x01\x08\x07\x06\x05\x04\x03\x02\x01", 12));
  std::string_view in = s;
  uint32_t a;
  uint64_t b;
  ASSERT_TRUE(GetFixed32(&in, &a));
  ASSERT_TRUE(GetFixed64(&in, &b));
  EXPECT_EQ(a, 0x01020304u);
  EXPECT_EQ(b, 0x0102030405060708ull);
  EXPECT_TRUE(in.empty());
  EXPECT_FALSE(GetFixed32(&in, &a));
}

TEST(CodingTest, BigEndianForTheWire) {
  std::string s;
  PutBigEndian16(&s, 0x0102);
  PutBigEndian32(&s, 0x03040506);
  PutBigEndian64(&s, 0x0708090a0b0c0d0eull);
  EXPECT_EQ(s, std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e", 14));
  EXPECT_EQ(DecodeBigEndian16(s.data()), 0x0102);
  EXPECT_EQ(DecodeBigEndian32(s.data() + 2), 0x03040506u);
  EXPECT_EQ(DecodeBigEndian64(s.data() + 6), 0x0708090a0b0c0d0eull);
}

TEST(CodingTest, VarintKnownEncodings) {
  std::string s;
  PutVarint32(&s, 0);
  PutVarint32(&s, 127);
  PutVarint32(&s, 128);
  PutVarint32(&s, 300);
  EXPECT_EQ(s, std::string("\x00\x7f\x80\x01\xac\x02", 6));
  EXPECT_EQ(VarintLength(0), 1);
  EXPECT_EQ(VarintLength(128), 2);
  EXPECT_EQ(VarintLength(std::numeric_limits<uint64_t>::max()), kMaxVarint64Bytes);
}

TEST(CodingTest, VarintRejectsTruncatedAndOverlong) {
  std::string_view truncated("\x80\x80", 2);
  uint64_t v;
  EXPECT_FALSE(GetVarint64(&truncated, &v));
  // Eleven continuation bytes: longer than any uint64.
  std::string overlong(10, '\xff');
  overlong.push_back('\x01');
  std::string_view in = overlong;
  EXPECT_FALSE(GetVarint64(&in, &v));
  // Ten bytes whose last carries more than the one remaining bit.
  std::string too_big(9, '\xff');
  too_big.push_back('\x02');
  in = too_big;
  EXPECT_FALSE(GetVarint64(&in, &v));
  // A uint64 that does not fit 32 bits.
  std::string wide;
  PutVarint64(&wide, uint64_t{1} << 32);
  in = wide;
  uint32_t v32;
  EXPECT_FALSE(GetVarint32(&in, &v32));
  EXPECT_EQ(in.size(), wide.size());  // the failed read consumed nothing
}

TEST(CodingTest, VarintMaxValue) {
  std::string s;
  PutVarint64(&s, std::numeric_limits<uint64_t>::max());
  std::string_view in = s;
  uint64_t v;
  ASSERT_TRUE(GetVarint64(&in, &v));
  EXPECT_EQ(v, std::numeric_limits<uint64_t>::max());
}

TEST(CodingTest, LengthPrefixedRejectsLengthBeyondInput) {
  std::string s;
  PutLengthPrefixed(&s, "hello");
  std::string_view in = s, out;
  ASSERT_TRUE(GetLengthPrefixed(&in, &out));
  EXPECT_EQ(out, "hello");
  std::string_view short_input = std::string_view(s).substr(0, 3);
  EXPECT_FALSE(GetLengthPrefixed(&short_input, &out));
}

}  // namespace
}  // namespace datacave
