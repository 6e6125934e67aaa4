#pragma once

// Numbering distinct keys (rows of values) in order of first appearance, for the hash join's
// build side and the hash aggregate's groups: an open-addressing table of slots, probed once
// per input row (those operators' hot loop). A probe reads one slot; when the hashes agree it
// compares the keys, except for one-column integer keys, whose hash is the integer itself, so
// equal hashes are equal keys. Each slot also carries a Payload of the user's, so that what
// a probe needs next (the join's row range) is in the cache line it already read.
//
// NULL equals NULL here, as grouping treats it (a join never looks up a key with a NULL).
// Not thread-safe to modify; Find and the accessors may run on several threads at once.

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "sql/execution/row_hash.h"

namespace datacave::sql {

struct NoPayload {};

template <typename Payload = NoPayload>
class KeyIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // key's number, adding it (as size()) when new; *added says which. A key passed as an
  // rvalue is moved in when added.
  uint32_t FindOrAdd(const Row& key, bool* added) { return FindOrAddKey(key, added); }
  uint32_t FindOrAdd(Row&& key, bool* added) { return FindOrAddKey(std::move(key), added); }

  // key's number, or kNone.
  uint32_t Find(const Row& key) const {
    const Slot* slot = FindSlotOf(key);
    return slot ? slot->group : kNone;
  }
  // key's slot's payload, or nullptr when key is not in the index.
  const Payload* FindPayload(const Row& key) const {
    const Slot* slot = FindSlotOf(key);
    return slot ? &slot->payload : nullptr;
  }
  // Calls f(group, payload&) for every key.
  template <typename F>
  void ForEachPayload(F f) {
    for (Slot& slot : slots_) {
      if (slot.group != kNone) f(slot.group, slot.payload);
    }
  }

  size_t size() const { return keys_.size(); }
  const Row& key(uint32_t group) const { return keys_[group]; }

  void Clear() {
    slots_.clear();
    keys_.clear();
    integer_keys_ = true;
  }

 private:
  template <typename K>
  uint32_t FindOrAddKey(K&& key, bool* added) {
    if ((keys_.size() + 1) * 2 > slots_.size()) Grow();
    if (!IsIntegerKey(key)) integer_keys_ = false;
    const uint64_t hash = Hash(key);
    Slot& slot = slots_[FindSlot(key, hash)];
    *added = slot.group == kNone;
    if (*added) {
      slot.hash = hash;
      slot.group = static_cast<uint32_t>(keys_.size());
      keys_.push_back(std::forward<K>(key));
    }
    return slot.group;
  }

  struct Slot {
    uint64_t hash = 0;
    uint32_t group = kNone;
    [[no_unique_address]] Payload payload{};
  };

  static bool IsIntegerKey(const Row& key) {
    return key.size() == 1 && !key[0].is_null() && HoldsInteger(key[0].type());
  }

  // Keys compared with each other have the same types (the binder casts them to one).
  static uint64_t Hash(const Row& key) {
    return IsIntegerKey(key) ? static_cast<uint64_t>(key[0].int_value()) : RowHash{}(key);
  }

  const Slot* FindSlotOf(const Row& key) const {
    if (slots_.empty()) return nullptr;
    const Slot& slot = slots_[FindSlot(key, Hash(key))];
    return slot.group == kNone ? nullptr : &slot;
  }

  // The slot holding key, or the empty slot where it would go. REQUIRES: a free slot exists.
  size_t FindSlot(const Row& key, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = Position(hash);; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.group == kNone) return i;
      if (slot.hash == hash &&
          ((integer_keys_ && IsIntegerKey(key)) || RowEqual{}(keys_[slot.group], key))) {
        return i;
      }
    }
  }

  size_t Position(uint64_t hash) const {
    // The multiply spreads hashes whose low bits repeat (an integer key is its own hash).
    return static_cast<size_t>((hash * 0x9e3779b97f4a7c15ull) >> shift_);
  }

  void Grow() {
    const size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
    shift_ = 64 - std::countr_zero(size);
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    const size_t mask = size - 1;
    for (const Slot& slot : old) {
      if (slot.group == kNone) continue;
      size_t i = Position(slot.hash);
      while (slots_[i].group != kNone) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;   // a power of two, at most half full
  std::vector<Row> keys_;     // by number
  bool integer_keys_ = true;  // every key so far is a one-column integer
  int shift_ = 64;
};

}  // namespace datacave::sql
