#pragma once

// A byte-budgeted cache of immutable values, used as the SSTable block cache.
//
// Keys are byte strings; a client that caches blocks of many tables prefixes its keys with an
// id from NewId() (one per table file), so entries of different tables never collide.
//
// Ownership: values are shared. Lookup returns a shared_ptr that keeps the value alive after
// the cache evicts or erases it, so a block in use by an iterator stays valid until the
// iterator lets go. Consequence: usage() counts only entries that are still in the cache.
// Memory pinned by readers of evicted entries is outside the budget, so the process may hold
// more than capacity() bytes of blocks while many iterators are open.
//
// Thread-safety: every method may be called from any thread at once.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace datacave::lsm {

class Cache {
 public:
  virtual ~Cache() = default;

  // Inserts value under key, replacing any entry with that key. charge: bytes it costs.
  // Evicts least-recently-used entries until usage() <= capacity() (an entry whose charge
  // exceeds a shard's capacity is not kept at all; it still replaces, i.e. removes, an older
  // entry with the same key).
  virtual void Insert(std::string_view key, std::shared_ptr<const void> value, size_t charge) = 0;

  // The cached value, or nullptr. Counts a hit or a miss. Marks the entry most recently used.
  virtual std::shared_ptr<const void> Lookup(std::string_view key) = 0;

  // Removes the entry with key, if any. Holders of its value keep it alive.
  virtual void Erase(std::string_view key) = 0;

  // A process-unique id a client prefixes its keys with (one per table file). Never 0.
  virtual uint64_t NewId() = 0;

  virtual size_t capacity() const = 0;
  // The sum of charges of entries in the cache (not of values merely held by readers).
  virtual size_t usage() const = 0;
  virtual uint64_t hits() const = 0;
  virtual uint64_t misses() const = 0;
};

// 2^shard_bits shards chosen by a hash of the key, each with capacity/2^shard_bits bytes and
// its own mutex, so that readers of different blocks rarely contend. capacity 0 caches
// nothing. Eviction is LRU within a shard, hence only approximately LRU across the cache; with
// shard_bits = 0 it is exact.
// REQUIRES: 0 <= shard_bits <= 20.
std::unique_ptr<Cache> NewLruCache(size_t capacity_bytes, int shard_bits = 4);

}  // namespace datacave::lsm
