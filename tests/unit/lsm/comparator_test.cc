#include "lsm/comparator.h"

#include <gtest/gtest.h>

#include "lsm/iterator.h"

namespace datacave::lsm {
namespace {

TEST(BytewiseComparatorTest, OrdersUnsignedBytes) {
  const Comparator* c = BytewiseComparator();
  EXPECT_LT(c->Compare("a", "b"), 0);
  EXPECT_LT(c->Compare("a", "ab"), 0);
  EXPECT_EQ(c->Compare("abc", "abc"), 0);
  EXPECT_GT(c->Compare("\xff", "\x01"), 0);
  EXPECT_EQ(c->Name(), "datacave.BytewiseComparator");
}

TEST(BytewiseComparatorTest, ShortestSeparatorStaysInRange) {
  const Comparator* c = BytewiseComparator();
  struct Case {
    std::string start, limit, expected;
  };
  for (const Case& k : std::vector<Case>{{"abcd", "abzz", "abd"},
                                         {"abc", "abd", "abc"},    // no room between
                                         {"ab", "abc", "ab"},      // prefix
                                         {"a\xff", "b", "a\xff"},  // 0xff cannot grow
                                         {"foo", "foo", "foo"}}) {
    std::string s = k.start;
    c->FindShortestSeparator(&s, k.limit);
    EXPECT_EQ(s, k.expected) << k.start << " / " << k.limit;
    EXPECT_GE(c->Compare(s, k.start), 0);
    if (k.start < k.limit) {
      EXPECT_LT(c->Compare(s, k.limit), 0);
    }
  }
}

TEST(BytewiseComparatorTest, ShortSuccessorIsNotSmaller) {
  const Comparator* c = BytewiseComparator();
  for (std::string key : {std::string("abc"), std::string("\xff\xff"),
                          std::string("\xff"
                                      "a"),
                          std::string()}) {
    std::string s = key;
    c->FindShortSuccessor(&s);
    EXPECT_GE(c->Compare(s, key), 0);
    EXPECT_LE(s.size(), key.size());
  }
}

TEST(EmptyIteratorTest, CarriesItsStatus) {
  auto it = NewEmptyIterator(Status::Corruption("bad block"));
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(it->status().IsCorruption());
  EXPECT_TRUE(NewEmptyIterator()->status().ok());
}

}  // namespace
}  // namespace datacave::lsm
