#include "lsm/cache.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace datacave::lsm {
namespace {

std::shared_ptr<const void> Value(int v) {
  return std::make_shared<const int>(v);
}

// The int behind a cached value, or -1 when the key is absent.
int Get(Cache& cache, std::string_view key) {
  std::shared_ptr<const void> v = cache.Lookup(key);
  return v ? *static_cast<const int*>(v.get()) : -1;
}

TEST(CacheTest, CountsHitsAndMisses) {
  auto cache = NewLruCache(1000, 0);
  EXPECT_EQ(Get(*cache, "a"), -1);
  cache->Insert("a", Value(1), 10);
  EXPECT_EQ(Get(*cache, "a"), 1);
  EXPECT_EQ(Get(*cache, "a"), 1);
  EXPECT_EQ(Get(*cache, "b"), -1);
  EXPECT_EQ(cache->hits(), 2u);
  EXPECT_EQ(cache->misses(), 2u);
  EXPECT_EQ(cache->capacity(), 1000u);
  EXPECT_EQ(cache->usage(), 10u);
}

TEST(CacheTest, EvictsLeastRecentlyUsedFirst) {
  auto cache = NewLruCache(30, 0);
  cache->Insert("a", Value(1), 10);
  cache->Insert("b", Value(2), 10);
  cache->Insert("c", Value(3), 10);
  EXPECT_EQ(Get(*cache, "a"), 1);  // a is now the most recent; b is the oldest
  cache->Insert("d", Value(4), 10);
  EXPECT_EQ(Get(*cache, "b"), -1);
  EXPECT_EQ(Get(*cache, "a"), 1);
  EXPECT_EQ(Get(*cache, "c"), 3);
  EXPECT_EQ(Get(*cache, "d"), 4);
  // A big entry evicts as many old ones as it must: a, c, d are gone for e to fit.
  cache->Insert("e", Value(5), 25);
  EXPECT_EQ(cache->usage(), 25u);
  EXPECT_EQ(Get(*cache, "e"), 5);
  EXPECT_EQ(Get(*cache, "a"), -1);
}

TEST(CacheTest, UsageNeverExceedsCapacity) {
  auto cache = NewLruCache(1 << 12, 2);
  for (int i = 0; i < 2000; ++i) {
    cache->Insert("key" + std::to_string(i), Value(i), static_cast<size_t>(1 + i % 97));
    ASSERT_LE(cache->usage(), cache->capacity());
  }
  EXPECT_GT(cache->usage(), 0u);
}

TEST(CacheTest, ReplaceUpdatesValueAndCharge) {
  auto cache = NewLruCache(100, 0);
  cache->Insert("k", Value(1), 10);
  cache->Insert("k", Value(2), 40);
  EXPECT_EQ(cache->usage(), 40u);
  EXPECT_EQ(Get(*cache, "k"), 2);
  cache->Insert("k", Value(3), 5);
  EXPECT_EQ(cache->usage(), 5u);
  EXPECT_EQ(Get(*cache, "k"), 3);
}

TEST(CacheTest, Erase) {
  auto cache = NewLruCache(100, 0);
  cache->Insert("a", Value(1), 10);
  cache->Insert("b", Value(2), 20);
  cache->Erase("a");
  cache->Erase("missing");
  EXPECT_EQ(Get(*cache, "a"), -1);
  EXPECT_EQ(Get(*cache, "b"), 2);
  EXPECT_EQ(cache->usage(), 20u);
}

TEST(CacheTest, OversizeEntryIsNotKept) {
  auto cache = NewLruCache(100, 0);
  cache->Insert("small", Value(1), 50);
  cache->Insert("huge", Value(2), 101);
  EXPECT_EQ(Get(*cache, "huge"), -1);
  EXPECT_EQ(Get(*cache, "small"), 1);  // not evicted to make room for nothing
  // Replacing with an oversize value still drops the old one: a stale value must not survive.
  cache->Insert("small", Value(3), 500);
  EXPECT_EQ(Get(*cache, "small"), -1);
  EXPECT_EQ(cache->usage(), 0u);
  // An entry of exactly a shard's capacity fits.
  cache->Insert("exact", Value(4), 100);
  EXPECT_EQ(Get(*cache, "exact"), 4);
}

TEST(CacheTest, ZeroCapacityCachesNothing) {
  auto cache = NewLruCache(0);
  cache->Insert("a", Value(1), 0);
  cache->Insert("b", Value(2), 1);
  EXPECT_EQ(Get(*cache, "a"), -1);
  EXPECT_EQ(Get(*cache, "b"), -1);
  EXPECT_EQ(cache->usage(), 0u);
}

TEST(CacheTest, ValuesOutliveEvictionWhileHeld) {
  auto cache = NewLruCache(10, 0);
  auto value = std::make_shared<const std::string>("block contents");
  std::weak_ptr<const std::string> watch = value;
  cache->Insert("a", std::move(value), 10);
  std::shared_ptr<const void> held = cache->Lookup("a");
  cache->Insert("b", Value(2), 10);  // evicts a
  EXPECT_EQ(Get(*cache, "a"), -1);
  ASSERT_FALSE(watch.expired());
  EXPECT_EQ(*static_cast<const std::string*>(held.get()), "block contents");
  held.reset();
  EXPECT_TRUE(watch.expired());  // the cache kept no hidden reference
}

TEST(CacheTest, NewIdIsUnique) {
  auto one = NewLruCache(10);
  auto two = NewLruCache(10);
  std::set<uint64_t> ids;
  for (int i = 0; i < 100; ++i) {
    ids.insert(one->NewId());
    ids.insert(two->NewId());
  }
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(ids.count(0), 0u);
}

TEST(CacheTest, ShardsSplitTheCapacity) {
  // 4 shards of 25 bytes: an entry of 30 exceeds a shard and is not kept though the cache
  // as a whole has room.
  auto cache = NewLruCache(100, 2);
  cache->Insert("k", Value(1), 30);
  EXPECT_EQ(Get(*cache, "k"), -1);
  cache->Insert("k", Value(1), 25);
  EXPECT_EQ(Get(*cache, "k"), 1);
}

TEST(CacheTest, ConcurrentUse) {
  auto cache = NewLruCache(1 << 14, 4);
  constexpr int kThreads = 4;
  constexpr int kOps = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < kOps; ++i) {
        std::string key = "k" + std::to_string((i * 7 + t) % 500);
        const int v = (i * 7 + t) % 500;
        switch (i % 4) {
          case 0:
          case 1: cache->Insert(key, Value(v), 64); break;
          case 2: {
            // Every value stored under a key is that key's number, whoever inserted it.
            const int got = Get(*cache, key);
            ASSERT_TRUE(got == -1 || got == v) << key << " -> " << got;
            break;
          }
          default:
            if (i % 40 == 3) cache->Erase(key);
            break;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(cache->usage(), cache->capacity());
  EXPECT_EQ(cache->hits() + cache->misses(), uint64_t{kThreads} * kOps / 4);
}

}  // namespace
}  // namespace datacave::lsm
