#pragma once

// Turns a merged stream of internal entries (every version of every key, newest first per
// key) into what a reader at a snapshot sees: each live user key once, with its newest
// visible value; deleted keys, keys under a range tombstone and versions newer than the
// snapshot are skipped. Works forward and backward.

#include <memory>
#include <vector>

#include "lsm/dbformat.h"
#include "lsm/iterator.h"
#include "lsm/range_tombstones.h"

namespace datacave::lsm {

// internal: positioned anywhere; owned. tombstones: the range deletions to respect. pins:
// whatever must stay alive while the iterator exists (memtables, the table version).
// key() of the result is a user key.
std::unique_ptr<Iterator> NewDBIterator(const Comparator* user_comparator,
                                        std::unique_ptr<Iterator> internal, SequenceNumber snapshot,
                                        RangeTombstoneSet tombstones,
                                        std::vector<std::shared_ptr<const void>> pins = {});

}  // namespace datacave::lsm
