#pragma once

// Merges sorted child iterators into one sorted stream: the memtables and table files of a
// read, or the inputs of a compaction. Children are given newest source first; equal keys
// are yielded in that order. Changing direction (Next after Prev or the reverse) assumes
// keys are unique across children, which internal keys are (one sequence number each).

#include <memory>
#include <vector>

#include "lsm/comparator.h"
#include "lsm/iterator.h"

namespace datacave::lsm {

// Takes ownership of the children. comparator must outlive the result.
std::unique_ptr<Iterator> NewMergingIterator(const Comparator* comparator,
                                             std::vector<std::unique_ptr<Iterator>> children);

}  // namespace datacave::lsm
