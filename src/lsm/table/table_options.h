#pragma once

// Options for writing and reading SSTables (see docs/table-format.md).
//
// A TableOptions is copied into every TableBuilder and Table; the pointers in it (comparator,
// block_cache) are not owned and must outlive every builder and table that uses them.

#include <cstddef>
#include <cstdint>

#include "lsm/comparator.h"
#include "lsm/options.h"

namespace datacave::lsm {

// The block cache (lsm/cache.h): data blocks read by tables, shared by all tables.
class Cache;

struct TableOptions {
  // The order of keys in the table. Its Name() is stored in the file, and opening a table
  // with a comparator of another name fails.
  const Comparator* comparator = BytewiseComparator();

  // Uncompressed bytes of entries per data block, approximately: a block is cut after the
  // first entry that reaches this size. Larger blocks compress better and make the index
  // smaller; smaller blocks make point reads cheaper.
  size_t block_size = 4096;

  // Keys between restart points (full keys) in a data block. Between restart points, keys
  // are stored as a suffix of their predecessor. REQUIRES: >= 1.
  int block_restart_interval = 16;

  // Each block is compressed with this, and kept compressed only when that saves at least
  // 12.5% of its size.
  CompressionType compression = CompressionType::kLz4;

  // Bits per key of the table's bloom filter; 10 gives about 1% false positives. 0 writes
  // no filter. Only matters when writing: a reader uses whatever filter the table has.
  int bloom_bits_per_key = 10;

  // When true, keys are internal keys (lsm/dbformat.h): the filter is built over, and
  // queried with, their user key (the key without its 8-byte sequence/type suffix), so that
  // a lookup at any snapshot can ask the filter. Keys shorter than 8 bytes are then used
  // whole. Must be the same when writing and reading a table.
  bool filter_on_user_key = false;

  // Not owned; nullptr means no caching. Keyed by a per-table id and the block offset.
  Cache* block_cache = nullptr;
};

}  // namespace datacave::lsm
