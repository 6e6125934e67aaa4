#include "lsm/dbformat.h"

#include <gtest/gtest.h>

namespace datacave::lsm {
namespace {

std::string IKey(std::string_view user, SequenceNumber seq, ValueType type) {
  std::string k;
  AppendInternalKey(&k, user, seq, type);
  return k;
}

TEST(DbFormatTest, ParseRoundTrip) {
  for (ValueType t : {ValueType::kValue, ValueType::kDeletion, ValueType::kRangeDeletion}) {
    for (SequenceNumber s : {SequenceNumber{0}, SequenceNumber{1}, kMaxSequenceNumber}) {
      std::string k = IKey("user", s, t);
      ParsedInternalKey p;
      ASSERT_TRUE(ParseInternalKey(k, &p));
      EXPECT_EQ(p.user_key, "user");
      EXPECT_EQ(p.sequence, s);
      EXPECT_EQ(p.type, t);
    }
  }
  ParsedInternalKey p;
  EXPECT_FALSE(ParseInternalKey("short", &p));
  std::string bad = IKey("k", 1, ValueType::kValue);
  bad[bad.size() - 8] = 9;  // unknown type
  EXPECT_FALSE(ParseInternalKey(bad, &p));
}

TEST(DbFormatTest, NewestVersionOfAKeyComesFirst) {
  InternalKeyComparator c(BytewiseComparator());
  EXPECT_LT(c.Compare(IKey("a", 5, ValueType::kValue), IKey("a", 4, ValueType::kValue)), 0);
  EXPECT_LT(c.Compare(IKey("a", 1, ValueType::kValue), IKey("b", 9, ValueType::kValue)), 0);
  EXPECT_LT(c.Compare(IKey("a", 5, ValueType::kValue), IKey("a", 5, ValueType::kDeletion)), 0);
  EXPECT_EQ(c.Compare(IKey("a", 5, ValueType::kValue), IKey("a", 5, ValueType::kValue)), 0);
  // A seek key for (a, 5) sorts before every entry of a at sequence <= 5.
  std::string seek = IKey("a", 5, kValueTypeForSeek);
  EXPECT_LE(c.Compare(seek, IKey("a", 5, ValueType::kValue)), 0);
  EXPECT_LT(c.Compare(seek, IKey("a", 4, ValueType::kRangeDeletion)), 0);
  EXPECT_GT(c.Compare(seek, IKey("a", 6, ValueType::kDeletion)), 0);
}

TEST(DbFormatTest, SeparatorsStayBetweenKeys) {
  InternalKeyComparator c(BytewiseComparator());
  std::string start = IKey("foobar", 100, ValueType::kValue);
  std::string limit = IKey("fozzle", 5, ValueType::kValue);
  std::string sep = start;
  c.FindShortestSeparator(&sep, limit);
  EXPECT_GE(c.Compare(sep, start), 0);
  EXPECT_LT(c.Compare(sep, limit), 0);
  EXPECT_LT(sep.size(), start.size());

  std::string succ = IKey("foo", 1, ValueType::kValue);
  std::string original = succ;
  c.FindShortSuccessor(&succ);
  EXPECT_GE(c.Compare(succ, original), 0);
}

}  // namespace
}  // namespace datacave::lsm
