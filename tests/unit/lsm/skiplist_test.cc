#include "lsm/skiplist.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <set>
#include <thread>

namespace datacave::lsm {
namespace {

struct IntCompare {
  int operator()(uint64_t a, uint64_t b) const { return a < b ? -1 : (a > b ? 1 : 0); }
};
using IntList = SkipList<uint64_t, IntCompare>;

TEST(SkipListTest, EmptyList) {
  Arena arena;
  IntList list(IntCompare{}, &arena);
  EXPECT_FALSE(list.Contains(10));
  IntList::Iterator it(&list);
  it.SeekToFirst();
  EXPECT_FALSE(it.Valid());
  it.Seek(100);
  EXPECT_FALSE(it.Valid());
  it.SeekToLast();
  EXPECT_FALSE(it.Valid());
}

TEST(SkipListTest, MatchesASetForwardBackwardAndSeek) {
  Arena arena;
  IntList list(IntCompare{}, &arena);
  std::set<uint64_t> model;
  std::mt19937_64 rng(301);
  for (int i = 0; i < 2000; i++) {
    uint64_t key = rng() % 5000;
    if (model.insert(key).second) list.Insert(key);
  }
  for (uint64_t k = 0; k < 5000; k++) EXPECT_EQ(list.Contains(k), model.count(k) == 1);

  IntList::Iterator it(&list);
  it.SeekToFirst();
  for (uint64_t k : model) {
    ASSERT_TRUE(it.Valid());
    EXPECT_EQ(it.key(), k);
    it.Next();
  }
  EXPECT_FALSE(it.Valid());

  it.SeekToLast();
  for (auto rit = model.rbegin(); rit != model.rend(); ++rit) {
    ASSERT_TRUE(it.Valid());
    EXPECT_EQ(it.key(), *rit);
    it.Prev();
  }
  EXPECT_FALSE(it.Valid());

  for (uint64_t target = 0; target < 5100; target += 7) {
    it.Seek(target);
    auto expected = model.lower_bound(target);
    if (expected == model.end()) {
      EXPECT_FALSE(it.Valid());
    } else {
      ASSERT_TRUE(it.Valid());
      EXPECT_EQ(it.key(), *expected);
    }
  }
}

// One writer inserts increasing keys while readers scan: every reader must see a sorted
// sequence that includes every key published before its scan began.
TEST(SkipListTest, ConcurrentReadersSeeConsistentLists) {
  Arena arena;
  IntList list(IntCompare{}, &arena);
  constexpr uint64_t kKeys = 20000;
  std::atomic<uint64_t> published{0};
  std::atomic<bool> failed{false};
  std::thread writer([&] {
    for (uint64_t k = 1; k <= kKeys; k++) {
      list.Insert(k * 2);
      published.store(k, std::memory_order_release);
    }
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; r++) {
    readers.emplace_back([&] {
      while (published.load(std::memory_order_acquire) < kKeys) {
        uint64_t seen_before = published.load(std::memory_order_acquire);
        IntList::Iterator it(&list);
        uint64_t count = 0, last = 0;
        for (it.SeekToFirst(); it.Valid(); it.Next()) {
          if (it.key() <= last) failed = true;  // out of order
          last = it.key();
          count++;
        }
        if (count < seen_before) failed = true;  // missed a published key
      }
    });
  }
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_FALSE(failed.load());
}

TEST(ArenaTest, AllocationsAreUsableAndCounted) {
  Arena arena;
  EXPECT_EQ(arena.MemoryUsage(), 0u);
  std::vector<std::pair<char*, size_t>> allocated;
  std::mt19937 rng(7);
  size_t total = 0;
  for (int i = 0; i < 1000; i++) {
    size_t size = i % 100 == 0 ? 6000 : 1 + rng() % 200;  // some larger than a block
    char* p = i % 2 ? arena.AllocateAligned(size) : arena.Allocate(size);
    if (i % 2) {
      EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignof(void*), 0u);
    }
    std::memset(p, i % 256, size);
    allocated.emplace_back(p, size);
    total += size;
  }
  for (size_t i = 0; i < allocated.size(); i++) {
    auto [p, size] = allocated[i];
    for (size_t b = 0; b < size; b++) ASSERT_EQ(static_cast<uint8_t>(p[b]), i % 256);
  }
  EXPECT_GE(arena.MemoryUsage(), total);
  EXPECT_LE(arena.MemoryUsage(), total * 2 + 8192);
}

}  // namespace
}  // namespace datacave::lsm
