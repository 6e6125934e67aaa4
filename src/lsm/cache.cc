// The sharded LRU cache. Each shard is a hash map from key to a node of a recency list, all
// under the shard's mutex; the list's front is the most recently used entry and its back the
// next victim.

#include "lsm/cache.h"

#include <atomic>
#include <cassert>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace datacave::lsm {
namespace {

// Transparent hash and equality, so that Lookup and Erase with a string_view probe the map
// without building a std::string (C++20 heterogeneous lookup).
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};
struct KeyEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

class LruShard {
 public:
  LruShard() = default;
  LruShard(const LruShard&) = delete;
  LruShard& operator=(const LruShard&) = delete;

  void set_capacity(size_t capacity) { capacity_ = capacity; }

  void Insert(std::string_view key, std::shared_ptr<const void> value, size_t charge) {
    std::lock_guard<std::mutex> lock(mutex_);
    EraseLocked(key);
    // Keeping an entry larger than the whole shard would evict everything else and then
    // itself; not keeping it is the same outcome, cheaper.
    if (capacity_ == 0 || charge > capacity_) return;
    auto [it, inserted] = map_.try_emplace(std::string(key), lru_.end());
    assert(inserted);
    // The list node refers to the map's copy of the key: unordered_map nodes never move.
    lru_.push_front(Entry{it->first, std::move(value), charge});
    it->second = lru_.begin();
    usage_ += charge;
    while (usage_ > capacity_) EvictOldestLocked();
  }

  std::shared_ptr<const void> Lookup(std::string_view key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    lru_.splice(lru_.begin(), lru_, it->second);  // most recently used; iterators stay valid
    return it->second->value;
  }

  void Erase(std::string_view key) {
    std::lock_guard<std::mutex> lock(mutex_);
    EraseLocked(key);
  }

  size_t usage() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return usage_;
  }
  uint64_t hits() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return hits_;
  }
  uint64_t misses() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return misses_;
  }

 private:
  struct Entry {
    std::string_view key;  // points at the key owned by map_
    std::shared_ptr<const void> value;
    size_t charge;
  };
  using List = std::list<Entry>;

  // REQUIRES: mutex_ held.
  void EraseLocked(std::string_view key) {
    auto it = map_.find(key);
    if (it == map_.end()) return;
    usage_ -= it->second->charge;
    lru_.erase(it->second);
    map_.erase(it);
  }

  // REQUIRES: mutex_ held, lru_ not empty.
  void EvictOldestLocked() {
    const Entry& victim = lru_.back();
    usage_ -= victim.charge;
    // Erase the map entry after reading everything needed: victim.key points into it.
    auto it = map_.find(victim.key);
    lru_.pop_back();
    map_.erase(it);
  }

  size_t capacity_ = 0;  // set once before the shard is shared

  mutable std::mutex mutex_;
  // Guarded by mutex_:
  List lru_;  // front = most recently used
  std::unordered_map<std::string, List::iterator, KeyHash, KeyEqual> map_;
  size_t usage_ = 0;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

// Ids are unique across all caches of the process, which is more than a client needs (it
// prefixes keys of one cache) but costs nothing and survives a client switching caches.
std::atomic<uint64_t> g_next_id{1};

class ShardedLruCache final : public Cache {
 public:
  ShardedLruCache(size_t capacity, int shard_bits)
      : capacity_(capacity), shard_bits_(shard_bits), shards_(size_t{1} << shard_bits) {
    const size_t per_shard = capacity >> shard_bits;
    for (LruShard& shard : shards_) shard.set_capacity(per_shard);
  }

  void Insert(std::string_view key, std::shared_ptr<const void> value, size_t charge) override {
    ShardFor(key).Insert(key, std::move(value), charge);
  }
  std::shared_ptr<const void> Lookup(std::string_view key) override {
    return ShardFor(key).Lookup(key);
  }
  void Erase(std::string_view key) override { ShardFor(key).Erase(key); }
  uint64_t NewId() override { return g_next_id.fetch_add(1, std::memory_order_relaxed); }

  size_t capacity() const override { return capacity_; }
  size_t usage() const override {
    size_t total = 0;
    for (const LruShard& shard : shards_) total += shard.usage();
    return total;
  }
  uint64_t hits() const override {
    uint64_t total = 0;
    for (const LruShard& shard : shards_) total += shard.hits();
    return total;
  }
  uint64_t misses() const override {
    uint64_t total = 0;
    for (const LruShard& shard : shards_) total += shard.misses();
    return total;
  }

 private:
  LruShard& ShardFor(std::string_view key) {
    if (shard_bits_ == 0) return shards_[0];
    // The top bits pick the shard; the shard's map buckets by the low bits, so the two
    // choices stay independent.
    const uint64_t hash = KeyHash{}(key);
    return shards_[static_cast<size_t>(hash >> (64 - shard_bits_))];
  }

  const size_t capacity_;
  const int shard_bits_;
  std::vector<LruShard> shards_;
};

}  // namespace

std::unique_ptr<Cache> NewLruCache(size_t capacity_bytes, int shard_bits) {
  assert(shard_bits >= 0 && shard_bits <= 20);
  return std::make_unique<ShardedLruCache>(capacity_bytes, shard_bits);
}

}  // namespace datacave::lsm
