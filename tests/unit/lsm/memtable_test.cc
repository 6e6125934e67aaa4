#include "lsm/memtable.h"

#include <gtest/gtest.h>

namespace datacave::lsm {
namespace {

class MemTableTest : public ::testing::Test {
 protected:
  InternalKeyComparator comparator_{BytewiseComparator()};
  MemTable mem_{&comparator_};
};

TEST_F(MemTableTest, GetSeesNewestVisibleVersion) {
  mem_.Add(1, ValueType::kValue, "k", "v1");
  mem_.Add(5, ValueType::kValue, "k", "v5");
  mem_.Add(9, ValueType::kDeletion, "k", "");
  mem_.Add(3, ValueType::kValue, "other", "o");
  std::string value;
  EXPECT_EQ(mem_.Get("k", 0, &value).result, MemTable::LookupResult::kNotFound);
  auto r = mem_.Get("k", 1, &value);
  EXPECT_EQ(r.result, MemTable::LookupResult::kFound);
  EXPECT_EQ(value, "v1");
  EXPECT_EQ(r.sequence, 1u);
  EXPECT_EQ(mem_.Get("k", 8, &value).result, MemTable::LookupResult::kFound);
  EXPECT_EQ(value, "v5");
  r = mem_.Get("k", kMaxSequenceNumber, &value);
  EXPECT_EQ(r.result, MemTable::LookupResult::kDeleted);
  EXPECT_EQ(r.sequence, 9u);
  EXPECT_EQ(mem_.Get("j", kMaxSequenceNumber, &value).result, MemTable::LookupResult::kNotFound);
  EXPECT_EQ(mem_.Get("kk", kMaxSequenceNumber, &value).result, MemTable::LookupResult::kNotFound);
  EXPECT_EQ(mem_.NumEntries(), 4u);
  EXPECT_GT(mem_.ApproximateMemoryUsage(), 0u);
}

TEST_F(MemTableTest, IteratorYieldsInternalKeysInOrder) {
  mem_.Add(2, ValueType::kValue, "b", "b2");
  mem_.Add(1, ValueType::kValue, "a", "a1");
  mem_.Add(3, ValueType::kValue, "b", "b3");
  mem_.Add(4, ValueType::kValue, std::string("a\0", 2), "empty");
  auto it = mem_.NewIterator();
  std::vector<std::pair<std::string, SequenceNumber>> seen;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ParsedInternalKey p;
    ASSERT_TRUE(ParseInternalKey(it->key(), &p));
    seen.emplace_back(std::string(p.user_key), p.sequence);
  }
  std::vector<std::pair<std::string, SequenceNumber>> expected = {
      {"a", 1}, {std::string("a\0", 2), 4}, {"b", 3}, {"b", 2}};
  EXPECT_EQ(seen, expected);

  std::string target;
  AppendInternalKey(&target, "b", 2, kValueTypeForSeek);
  it->Seek(target);
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->value(), "b2");
  it->Prev();
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->value(), "b3");
  it->SeekToLast();
  EXPECT_EQ(it->value(), "b2");
}

TEST_F(MemTableTest, RangeTombstonesAreKeptApartFromPointEntries) {
  EXPECT_FALSE(mem_.HasRangeTombstones());
  mem_.Add(1, ValueType::kValue, "m", "v");
  mem_.Add(2, ValueType::kRangeDeletion, "a", "n");
  mem_.Add(3, ValueType::kRangeDeletion, "x", "z");
  EXPECT_TRUE(mem_.HasRangeTombstones());
  std::string value;
  // Get reports the point entry; the DB layers range tombstones on top.
  EXPECT_EQ(mem_.Get("m", 5, &value).result, MemTable::LookupResult::kFound);
  auto tombstones = mem_.RangeTombstones();
  ASSERT_EQ(tombstones.size(), 2u);
  EXPECT_EQ(tombstones[0].begin, "a");
  EXPECT_EQ(tombstones[0].end, "n");
  EXPECT_EQ(tombstones[0].sequence, 2u);
  EXPECT_EQ(tombstones[1].begin, "x");
  int points = 0;
  auto it = mem_.NewIterator();
  for (it->SeekToFirst(); it->Valid(); it->Next()) points++;
  EXPECT_EQ(points, 1);
}

TEST_F(MemTableTest, LargeValuesAndEmptyKeys) {
  std::string big(100000, 'x');
  mem_.Add(1, ValueType::kValue, "", big);
  std::string value;
  EXPECT_EQ(mem_.Get("", 1, &value).result, MemTable::LookupResult::kFound);
  EXPECT_EQ(value, big);
}

}  // namespace
}  // namespace datacave::lsm
