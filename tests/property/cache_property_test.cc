// Model test: random sequences of Insert, Lookup and Erase on a single-shard LRU cache agree,
// after every step, with a plain reference LRU built on a std::list.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <list>
#include <string>
#include <vector>

#include "lsm/cache.h"

namespace datacave::lsm {
namespace {

// The obvious LRU: a list ordered from most to least recently used, searched linearly.
class ModelLru {
 public:
  explicit ModelLru(size_t capacity) : capacity_(capacity) {}

  void Insert(const std::string& key, int value, size_t charge) {
    Erase(key);
    if (capacity_ == 0 || charge > capacity_) return;
    entries_.push_front({key, value, charge});
    usage_ += charge;
    while (usage_ > capacity_) {
      usage_ -= entries_.back().charge;
      entries_.pop_back();
    }
  }

  // The value, or -1; a hit moves the entry to the front.
  int Lookup(const std::string& key) {
    auto it = Find(key);
    if (it == entries_.end()) return -1;
    entries_.splice(entries_.begin(), entries_, it);
    return it->value;
  }

  void Erase(const std::string& key) {
    auto it = Find(key);
    if (it == entries_.end()) return;
    usage_ -= it->charge;
    entries_.erase(it);
  }

  size_t usage() const { return usage_; }

 private:
  struct Entry {
    std::string key;
    int value;
    size_t charge;
  };
  std::list<Entry>::iterator Find(const std::string& key) {
    return std::find_if(entries_.begin(), entries_.end(),
                        [&](const Entry& e) { return e.key == key; });
  }

  const size_t capacity_;
  std::list<Entry> entries_;
  size_t usage_ = 0;
};

enum class OpKind { kInsert, kLookup, kErase };

struct Op {
  OpKind kind;
  std::string key;
  int value;
  size_t charge;
};

rc::Gen<Op> GenOp() {
  // Few distinct keys, so that replacements, hits and evictions of known keys are common.
  auto key = rc::gen::map(rc::gen::inRange(0, 12), [](int k) { return "k" + std::to_string(k); });
  return rc::gen::build<Op>(
      rc::gen::set(&Op::kind,
                   rc::gen::weightedElement<OpKind>(
                       {{4, OpKind::kInsert}, {4, OpKind::kLookup}, {1, OpKind::kErase}})),
      rc::gen::set(&Op::key, key), rc::gen::set(&Op::value, rc::gen::inRange(0, 1000)),
      rc::gen::set(&Op::charge, rc::gen::inRange<size_t>(0, 40)));
}

int Get(Cache& cache, const std::string& key) {
  std::shared_ptr<const void> v = cache.Lookup(key);
  return v ? *static_cast<const int*>(v.get()) : -1;
}

RC_GTEST_PROP(CacheProperty, SingleShardMatchesReferenceLru, ()) {
  const size_t capacity = *rc::gen::inRange<size_t>(0, 120);
  const auto ops = *rc::gen::container<std::vector<Op>>(GenOp());
  auto cache = NewLruCache(capacity, /*shard_bits=*/0);
  ModelLru model(capacity);
  uint64_t lookups = 0;
  for (const Op& op : ops) {
    switch (op.kind) {
      case OpKind::kInsert:
        cache->Insert(op.key, std::make_shared<const int>(op.value), op.charge);
        model.Insert(op.key, op.value, op.charge);
        break;
      case OpKind::kLookup:
        ++lookups;
        RC_ASSERT(Get(*cache, op.key) == model.Lookup(op.key));
        break;
      case OpKind::kErase:
        cache->Erase(op.key);
        model.Erase(op.key);
        break;
    }
    RC_ASSERT(cache->usage() == model.usage());
    RC_ASSERT(cache->usage() <= capacity);
  }
  RC_ASSERT(cache->hits() + cache->misses() == lookups);
}

RC_GTEST_PROP(CacheProperty, ShardedCacheStaysWithinBudget, (int shard_bits)) {
  shard_bits = std::clamp(shard_bits, 0, 6);
  const size_t capacity = *rc::gen::inRange<size_t>(0, 4000);
  const auto ops = *rc::gen::container<std::vector<Op>>(GenOp());
  auto cache = NewLruCache(capacity, shard_bits);
  for (const Op& op : ops) {
    if (op.kind == OpKind::kInsert) {
      cache->Insert(op.key, std::make_shared<const int>(op.value), op.charge);
      // Just inserted and small enough for a shard: it must be there with its value.
      const size_t per_shard = capacity >> shard_bits;
      if (per_shard > 0 && op.charge <= per_shard) RC_ASSERT(Get(*cache, op.key) == op.value);
    } else if (op.kind == OpKind::kErase) {
      cache->Erase(op.key);
      RC_ASSERT(Get(*cache, op.key) == -1);
    }
    RC_ASSERT(cache->usage() <= capacity);
  }
}

}  // namespace
}  // namespace datacave::lsm
