#pragma once

// The range tombstones that a read must respect: DeleteRange(begin, end) at sequence S hides
// every entry of a user key in [begin, end) whose sequence is below S, for readers whose
// snapshot is at least S.
//
// Range deletions are rare (a dropped or truncated table or index), so the set is a plain
// list and Covers() scans it; the cost is per covered candidate, not per key in the range.

#include <memory>
#include <string_view>
#include <vector>

#include "lsm/comparator.h"
#include "lsm/memtable.h"

namespace datacave::lsm {

class RangeTombstoneSet {
 public:
  // user_comparator must outlive the set.
  explicit RangeTombstoneSet(const Comparator* user_comparator) : ucmp_(user_comparator) {}

  void Add(RangeTombstone tombstone) { tombstones_.push_back(std::move(tombstone)); }
  void AddAll(const std::vector<RangeTombstone>& tombstones) {
    tombstones_.insert(tombstones_.end(), tombstones.begin(), tombstones.end());
  }
  // Shares a list without copying it (a version's tombstones, read by every Get).
  void AddShared(std::shared_ptr<const std::vector<RangeTombstone>> tombstones) {
    if (tombstones != nullptr && !tombstones->empty()) shared_.push_back(std::move(tombstones));
  }
  bool empty() const { return tombstones_.empty() && shared_.empty(); }

  // True when a tombstone with sequence in (entry_sequence, snapshot] covers user_key.
  bool Covers(std::string_view user_key, SequenceNumber entry_sequence,
              SequenceNumber snapshot) const;

  // The sequence of the newest tombstone covering user_key, or 0.
  SequenceNumber NewestCovering(std::string_view user_key) const;

 private:
  template <typename F>
  void ForEach(F&& f) const {
    for (const RangeTombstone& t : tombstones_) f(t);
    for (const auto& list : shared_) {
      for (const RangeTombstone& t : *list) f(t);
    }
  }

  const Comparator* ucmp_;
  std::vector<RangeTombstone> tombstones_;
  std::vector<std::shared_ptr<const std::vector<RangeTombstone>>> shared_;
};

}  // namespace datacave::lsm
