#pragma once

// Versions: which table files make up the database, level by level.
//
// A Version is immutable and shared (shared_ptr): readers and iterators hold the version
// they started with, so its files stay until the last reader lets go, while flushes and
// compactions install new versions. The VersionSet owns the current version and the
// manifest, the log of VersionEdits from which Recover() rebuilds it after a restart.
//
// Thread safety: a Version is immutable and safe to share. VersionSet methods REQUIRE the
// DB mutex (the caller serializes them), except where noted.

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "lsm/dbformat.h"
#include "lsm/iterator.h"
#include "lsm/log_writer.h"
#include "lsm/memtable.h"
#include "lsm/options.h"
#include "lsm/table_cache.h"
#include "lsm/version_edit.h"

namespace datacave::lsm {

class Version {
 public:
  Version(const InternalKeyComparator* icmp, TableCache* table_cache)
      : icmp_(icmp), table_cache_(table_cache) {}

  // Level 0: newest file first (files may overlap). Levels >= 1: sorted by smallest key,
  // disjoint.
  const std::vector<std::shared_ptr<const FileMetaData>>& files(int level) const {
    return files_[level];
  }

  // The newest point entry for user_key at or below snapshot in this version's tables.
  struct GetResult {
    MemTable::LookupResult result = MemTable::LookupResult::kNotFound;
    SequenceNumber sequence = 0;
  };
  Result<GetResult> Get(const ReadOptions& options, std::string_view user_key,
                        SequenceNumber snapshot, std::string* value) const;

  // Iterators over every table, newest first, for merging.
  Status AddIterators(const ReadOptions& options,
                      std::vector<std::unique_ptr<Iterator>>* iterators) const;

  // The range tombstones stored in this version's tables (read once, on first use, and
  // shared by every read of the version).
  Result<std::shared_ptr<const std::vector<RangeTombstone>>> RangeTombstones() const;

  int NumFiles(int level) const { return static_cast<int>(files_[level].size()); }
  uint64_t LevelBytes(int level) const;

 private:
  friend class VersionSet;

  const InternalKeyComparator* icmp_;
  TableCache* table_cache_;
  std::vector<std::shared_ptr<const FileMetaData>> files_[kNumLevels];

  mutable std::once_flag tombstones_once_;
  mutable Status tombstones_status_;
  mutable std::shared_ptr<const std::vector<RangeTombstone>> tombstones_;
};

class VersionSet {
 public:
  VersionSet(std::string dbname, const Options* options, TableCache* table_cache,
             const InternalKeyComparator* icmp);

  // Creates the files of an empty database: a first manifest and CURRENT.
  Status CreateNew();

  // Rebuilds the current version from CURRENT and the manifest it names. Corruption when
  // the manifest is damaged or was written with another comparator.
  Status Recover();

  // Applies edit to the current version, writes it to the manifest (a new manifest the first
  // time, holding a snapshot of the whole version) and syncs it, then installs the result as
  // current. The edit gets the log and file numbers filled in. On error nothing changes.
  Status LogAndApply(VersionEdit* edit);

  std::shared_ptr<const Version> current() const { return current_; }
  // current()->NumFiles(0) without taking a reference: asked on every write.
  int NumLevel0Files() const { return current_->NumFiles(0); }

  uint64_t NewFileNumber() { return next_file_number_++; }
  // Keeps file numbers found on disk from being handed out again.
  void MarkFileNumberUsed(uint64_t number) {
    if (next_file_number_ <= number) next_file_number_ = number + 1;
  }
  uint64_t ManifestFileNumber() const { return manifest_file_number_; }
  // WAL files older than this are fully reflected in tables.
  uint64_t LogNumber() const { return log_number_; }
  SequenceNumber LastSequence() const { return last_sequence_; }
  void SetLastSequence(SequenceNumber s) { last_sequence_ = s; }

  // Numbers of the table files of every version still in use (current and those held by
  // readers): files not listed may be deleted.
  std::set<uint64_t> LiveFiles();

 private:
  std::shared_ptr<Version> Apply(const Version& base, const VersionEdit& edit) const;
  Status WriteSnapshot(log::Writer* log) const;

  const std::string dbname_;
  const Options* const options_;
  TableCache* const table_cache_;
  const InternalKeyComparator* const icmp_;

  uint64_t next_file_number_ = 2;
  uint64_t manifest_file_number_ = 0;
  uint64_t log_number_ = 0;
  SequenceNumber last_sequence_ = 0;

  std::shared_ptr<const Version> current_;
  std::vector<std::weak_ptr<const Version>> versions_;  // every version handed out

  std::unique_ptr<WritableFile> manifest_file_;
  std::unique_ptr<log::Writer> manifest_log_;
};

}  // namespace datacave::lsm
