#pragma once

// Options of the storage engine. Defaults suit a server with a few GiB of memory; the
// server maps its [storage] configuration onto them.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/file_system.h"
#include "lsm/comparator.h"
#include "lsm/dbformat.h"

namespace datacave::lsm {

// How a table block is compressed on disk. Stored in every block trailer: never renumber.
enum class CompressionType : uint8_t {
  kNone = 0,
  kLz4 = 1,
  kZstd = 2,
};

struct Options {
  // The order of user keys. Stored in the manifest: reopening with another fails.
  const Comparator* comparator = BytewiseComparator();
  // Where files live; a fault-injecting file system stands in for tests. Not owned.
  FileSystem* file_system = FileSystem::Default();

  bool create_if_missing = true;
  bool error_if_exists = false;

  // Bytes of writes buffered in a memtable before it is switched out and flushed. Memory
  // for writes is at most twice this (the active and the immutable memtable).
  size_t write_buffer_size = size_t{64} << 20;

  // Table files.
  size_t block_size = 4096;
  int block_restart_interval = 16;
  CompressionType compression = CompressionType::kLz4;
  int bloom_bits_per_key = 10;
  // Bytes of decompressed blocks cached across all tables; 0 disables the cache. Blocks
  // stored uncompressed are read in place from the mapped table file (on the default file
  // system) and need no cache: their memory is the kernel's page cache.
  size_t block_cache_size = size_t{256} << 20;
  // Tables kept open at once.
  int max_open_files = 1000;

  // Compaction (see lsm/compaction.h). Level-0 files that start a compaction, slow every
  // write down by a millisecond, and stop writes until compaction catches up.
  int l0_compaction_trigger = 4;
  int l0_slowdown_writes_trigger = 8;
  int l0_stop_writes_trigger = 12;
  // Bytes in level 1; each deeper level may hold ten times more.
  uint64_t max_bytes_for_level_base = uint64_t{10} << 20;
  // Compaction output files are cut near this size.
  uint64_t target_file_size = uint64_t{2} << 20;
};

// A consistent point in time to read at. Obtained from DB::GetSnapshot(); the DB ignores
// writes after it for reads that name it, and compaction keeps the versions it can see.
class Snapshot {
 public:
  explicit Snapshot(SequenceNumber sequence) : sequence_(sequence) {}
  SequenceNumber sequence() const { return sequence_; }

 private:
  const SequenceNumber sequence_;
};

struct ReadOptions {
  // Verify the CRC32C of every data block read (index and filter blocks are always checked).
  bool verify_checksums = true;
  // Whether blocks read for this operation go into the block cache.
  bool fill_cache = true;
  // Read at this snapshot; nullptr reads the latest state. Not owned.
  const Snapshot* snapshot = nullptr;
};

struct WriteOptions {
  // When true, the write is durable (survives a power cut) when the call returns: the WAL is
  // fsynced, once for all writers grouped with this one. When false, a crash of the machine
  // (not of the process) may lose the most recent writes.
  bool sync = false;
};

}  // namespace datacave::lsm
