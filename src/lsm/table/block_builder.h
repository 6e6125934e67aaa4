#pragma once

// Builds one block: sorted key/value entries with prefix-compressed keys and restart points
// (docs/table-format.md, "Blocks"). Data, index and metaindex blocks all use this format.
//
// Not thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lsm/comparator.h"

namespace datacave::lsm {

class BlockBuilder {
 public:
  // comparator is used only to check the Add() order in debug builds; not owned.
  // REQUIRES: restart_interval >= 1.
  BlockBuilder(int restart_interval, const Comparator* comparator);

  BlockBuilder(const BlockBuilder&) = delete;
  BlockBuilder& operator=(const BlockBuilder&) = delete;

  // Starts a new, empty block.
  void Reset();

  // REQUIRES: Finish() has not been called since the last Reset().
  // REQUIRES: key is larger than every key added before (by the comparator).
  void Add(std::string_view key, std::string_view value);

  // Appends the restart array and returns the whole block, a view into this builder valid
  // until the next Reset() or the builder's destruction.
  std::string_view Finish();

  // The size of the block Finish() would return now.
  size_t CurrentSizeEstimate() const;

  // True when nothing has been added since the last Reset().
  bool empty() const { return buffer_.empty(); }

 private:
  const int restart_interval_;
  const Comparator* const comparator_;
  std::string buffer_;              // the entries, then (after Finish) the restart array
  std::vector<uint32_t> restarts_;  // offsets of the restart points in buffer_
  int counter_ = 0;                 // entries since the last restart point
  bool finished_ = false;
  std::string last_key_;
};

}  // namespace datacave::lsm
