#pragma once

// Datacave's storage engine: an ordered key-value store with atomic batches, snapshots and
// durable writes, on a log-structured merge tree. This header is its whole public API.
//
// Thread safety: every method may be called from any number of threads at once. Iterators
// are single-threaded (see lsm/iterator.h). Snapshots and iterators must be released before
// the DB is destroyed.
//
// Failure model: when a write to the WAL or a table, or an fsync, fails, the DB stops
// accepting writes and every later write returns the error. Data written before stays
// readable. The DB never reports a write as durable when it may not be.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "lsm/iterator.h"
#include "lsm/options.h"
#include "lsm/write_batch.h"

namespace datacave::lsm {

// Counters for /metrics. Cumulative since Open unless noted.
struct Statistics {
  uint64_t bytes_written = 0;  // user bytes in batches (keys + values)
  uint64_t wal_bytes = 0;      // bytes appended to the WAL
  uint64_t wal_syncs = 0;
  uint64_t bytes_read = 0;  // user bytes returned by Get
  uint64_t flushes = 0;
  uint64_t flush_bytes = 0;  // bytes of table files written by flushes
  uint64_t compactions = 0;
  uint64_t compaction_bytes_read = 0;
  uint64_t compaction_bytes_written = 0;
  uint64_t write_stalls = 0;  // writes that waited for a flush or compaction
  uint64_t block_cache_hits = 0;
  uint64_t block_cache_misses = 0;
  std::vector<int> files_per_level;       // now
  std::vector<uint64_t> bytes_per_level;  // now
  uint64_t memtable_bytes = 0;            // now, active + immutable
  // (WAL + table bytes written) / user bytes written.
  double WriteAmplification() const;
};

class DB {
 public:
  // Opens (creating when allowed) the database in directory path, recovering from the WAL.
  static Result<std::unique_ptr<DB>> Open(const Options& options, const std::string& path);

  // Waits for background work and closes every file. Unflushed memtable contents are safe
  // in the WAL.
  virtual ~DB() = default;

  virtual Status Put(const WriteOptions& options, std::string_view key, std::string_view value) = 0;
  virtual Status Delete(const WriteOptions& options, std::string_view key) = 0;
  // Deletes every key in [begin, end) with O(1) writes.
  virtual Status DeleteRange(const WriteOptions& options, std::string_view begin,
                             std::string_view end) = 0;
  // Applies the batch atomically: a reader (and recovery) sees all of it or none of it.
  virtual Status Write(const WriteOptions& options, WriteBatch* batch) = 0;

  // NotFound when the key has no live value at the read's snapshot.
  virtual Status Get(const ReadOptions& options, std::string_view key, std::string* value) = 0;

  // An iterator over user keys at the read's snapshot (or at its creation).
  virtual std::unique_ptr<Iterator> NewIterator(const ReadOptions& options) = 0;

  // The current state, kept readable until the returned pointer is released.
  virtual std::shared_ptr<const Snapshot> GetSnapshot() = 0;

  // The sequence number of the newest write (put, delete or covering range delete) of key,
  // or 0 when there is none. Optimistic transactions compare it with their snapshot to
  // detect write-write conflicts.
  virtual Result<SequenceNumber> GetLatestSequenceForKey(std::string_view key) = 0;

  // The sequence number of the newest write in the DB.
  virtual SequenceNumber LatestSequence() const = 0;

  // Writes the memtable to a table file and waits for it.
  virtual Status Flush() = 0;

  // Compacts the tables holding keys in [begin, end] (a missing bound is open) down to the
  // deepest level that holds any of them, after flushing the memtable: space held by
  // deleted and overwritten data that no snapshot needs is reclaimed. Waits for the work.
  virtual Status CompactRange(std::optional<std::string_view> begin,
                              std::optional<std::string_view> end) = 0;

  // Makes every write that returned before this call durable, as if each had been synced.
  // For periodic syncing of writes made with sync = false.
  virtual Status SyncWal() = 0;

  virtual Statistics GetStatistics() = 0;

  // OK, or the error that stopped the DB from accepting writes (see the failure model above).
  virtual Status Health() const = 0;
};

}  // namespace datacave::lsm
