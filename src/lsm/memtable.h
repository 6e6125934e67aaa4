#pragma once

// The in-memory write buffer: every write lands here (after the WAL) until the memtable is
// full, becomes immutable, and is flushed to a table file.
//
// An entry is stored once, in the arena, as
//   varint32 internal_key_size | internal key (user key + fixed64 tag) |
//   varint32 value_size | value
// and indexed by a skiplist ordered by the InternalKeyComparator. Range deletions live in a
// second skiplist of the same shape (key: begin user key + tag; value: exclusive end key),
// so that point lookups never step over them and the few there are can be listed cheaply.
//
// Thread safety: one writer at a time (the DB's write path serializes Add), any number of
// concurrent readers without locks. A MemTable is shared (shared_ptr) by the DB and by the
// iterators and reads that use it.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lsm/arena.h"
#include "lsm/dbformat.h"
#include "lsm/iterator.h"
#include "lsm/skiplist.h"

namespace datacave::lsm {

class MemTable {
 public:
  // comparator must outlive the memtable.
  explicit MemTable(const InternalKeyComparator* comparator);
  MemTable(const MemTable&) = delete;
  MemTable& operator=(const MemTable&) = delete;

  // Adds an entry. For kRangeDeletion, key is the begin and value the end of the range.
  // REQUIRES: external synchronization of writers; (key, sequence) not already present.
  void Add(SequenceNumber sequence, ValueType type, std::string_view key, std::string_view value);

  // The newest point entry for user_key visible at snapshot (sequence <= snapshot).
  // Range tombstones are not consulted here (see RangeTombstones()).
  enum class LookupResult { kNotFound, kFound, kDeleted };
  struct Lookup {
    LookupResult result = LookupResult::kNotFound;
    SequenceNumber sequence = 0;  // of the entry found
  };
  Lookup Get(std::string_view user_key, SequenceNumber snapshot, std::string* value) const;

  // An iterator over the point entries, keyed by internal key. The memtable must outlive it
  // (hold the shared_ptr).
  std::unique_ptr<Iterator> NewIterator() const;

  // All range tombstones, in internal-key order of their begin key.
  std::vector<RangeTombstone> RangeTombstones() const;
  bool HasRangeTombstones() const { return range_count_.load(std::memory_order_acquire) > 0; }

  // Bytes of memory used; the DB switches to a new memtable beyond its budget.
  size_t ApproximateMemoryUsage() const { return arena_.MemoryUsage(); }
  uint64_t NumEntries() const { return entries_.load(std::memory_order_relaxed); }

 private:
  struct KeyComparator {
    const InternalKeyComparator* comparator;
    // Compares two arena entries by their length-prefixed internal keys.
    int operator()(const char* a, const char* b) const;
  };
  using Table = SkipList<const char*, KeyComparator>;
  class MemTableIterator;

  const InternalKeyComparator* comparator_;
  Arena arena_;
  Table table_;
  Table range_table_;
  std::atomic<uint64_t> entries_{0};
  std::atomic<uint64_t> range_count_{0};
};

}  // namespace datacave::lsm
