#pragma once

// Leveled compaction: which files to merge next, and the merge itself.
//
// Level 0 holds flushed memtables, which may overlap; levels 1 to 6 each hold disjoint files
// and are ten times larger than the level above. A compaction merges some files of level L
// with the files of level L+1 that overlap them, drops what no reader can see any more, and
// writes the result as new files of level L+1.
//
// Dropped during a merge, for data older than the oldest snapshot (no reader can tell):
//   - versions of a key shadowed by a newer version;
//   - entries under a range tombstone;
//   - point and range tombstones themselves, when no deeper level can hold what they hide.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/file_system.h"
#include "lsm/table_cache.h"
#include "lsm/version_edit.h"
#include "lsm/version_set.h"

namespace datacave::lsm {

struct CompactionOptions {
  int l0_compaction_trigger = 4;                 // level-0 files that start a compaction
  uint64_t max_bytes_for_level_base = 10 << 20;  // level 1; each deeper level is 10x
  uint64_t target_file_size = 2 << 20;           // output files are cut near this size
};

struct Compaction {
  int level = 0;  // inputs[0] are from level, inputs[1] from level + 1 (the output level)
  std::vector<std::shared_ptr<const FileMetaData>> inputs[2];
  std::shared_ptr<const Version> version;  // the version the inputs were picked from
  bool bottommost = false;  // no file deeper than the output level overlaps the inputs
};

// The most urgent compaction of version, or nullopt when every level is within bounds.
std::optional<Compaction> PickCompaction(std::shared_ptr<const Version> version,
                                         const InternalKeyComparator& icmp,
                                         const CompactionOptions& options);

// A compaction of the files of level that hold user keys in [begin, end] (a missing bound
// is open) into level + 1, for DB::CompactRange; nullopt when there are none.
std::optional<Compaction> PickRangeCompaction(std::shared_ptr<const Version> version,
                                              const InternalKeyComparator& icmp, int level,
                                              std::optional<std::string_view> begin,
                                              std::optional<std::string_view> end);

// The deepest level with a file holding user keys in [begin, end], or -1.
int DeepestOverlappingLevel(const Version& version, const InternalKeyComparator& icmp,
                            std::optional<std::string_view> begin,
                            std::optional<std::string_view> end);

// What running a compaction needs from the DB.
struct CompactionContext {
  FileSystem* fs;
  std::string dbname;
  TableCache* table_cache;
  const InternalKeyComparator* icmp;
  SequenceNumber smallest_snapshot;
  uint64_t target_file_size;
  // Hands out a file number for an output and protects the file from deletion until the
  // compaction is installed or abandoned. Called without the DB mutex held.
  std::function<uint64_t()> new_output_number;
  // Called every so often during a long merge so that the DB can flush a full memtable.
  std::function<void()> yield;
};

// Merges the inputs into new tables and fills edit with the files to remove and add.
// On error the outputs written so far are deleted.
Status RunCompaction(const Compaction& compaction, const CompactionContext& context,
                     VersionEdit* edit, uint64_t* bytes_read, uint64_t* bytes_written);

}  // namespace datacave::lsm
