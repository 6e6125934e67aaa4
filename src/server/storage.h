#pragma once

// The server's storage: the LSM engine opened from the [storage] configuration, and the
// write options that decide when a commit reaches the disk.
//
// Layout (docs/data-directory.md): the server locks <path>/LOCK; each hash shard is one LSM
// database in <path>/shard-<n>, with a LOCK of its own. There is one shard today.
//
// wal_sync:
//   commit    a commit is a sync write: durable when it returns.
//   periodic  a commit is not synced; a background thread calls DB::SyncWal every
//             wal_sync_interval_ms, so a crash of the machine loses at most that much.
//   off       nothing is synced; the operating system writes the WAL back when it likes.
//
// Thread safety: every method may be called from any thread.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/config.h"
#include "core/file_system.h"
#include "core/status.h"
#include "lsm/db.h"

namespace datacave::server {

// The engine options for a [storage] configuration. file_system is not owned.
lsm::Options StorageOptions(const Config::Storage& config, FileSystem* file_system);

// The options a commit writes with under wal_sync.
lsm::WriteOptions CommitWriteOptions(WalSync wal_sync);

// The directory of shard number `shard`'s database inside the data directory.
std::string ShardPath(const std::string& data_dir, int shard);

// "wal_sync=periodic (every 100 ms), memtable_size=64MB, ...": for the start-up log line.
std::string DescribeStorage(const Config::Storage& config);

class Storage {
 public:
  // Opens shard 0's database in config.path, creating it or recovering it from its WAL, and
  // starts the syncer when wal_sync is periodic. Fails (Corruption, IOError, Busy) without
  // leaving anything running. file_system is not owned and must outlive the Storage.
  static Result<std::unique_ptr<Storage>> Open(const Config::Storage& config,
                                               FileSystem* file_system = FileSystem::Default());

  // Stops the syncer, then closes the database. Unsynced writes are left to the operating
  // system, as between two periodic syncs.
  // REQUIRES: every snapshot and iterator of db() has been released.
  ~Storage();

  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  // Never null; owned by this Storage.
  lsm::DB* db() const { return db_.get(); }

  // What a commit passes to DB::Write.
  const lsm::WriteOptions& commit_options() const { return commit_options_; }

  // OK until a write, flush, compaction or periodic sync fails, then that error for good:
  // the engine refuses every write from then on, and the server reports itself not ready.
  Status health() const;

 private:
  Storage(std::unique_ptr<lsm::DB> db, const lsm::WriteOptions& commit_options);
  // The syncer thread: calls db_->SyncWal() every interval in which something was written,
  // until stopped or until it fails.
  void SyncLoop(std::chrono::milliseconds interval);

  const std::unique_ptr<lsm::DB> db_;
  const lsm::WriteOptions commit_options_;

  mutable std::mutex mutex_;
  std::condition_variable stop_cv_;  // signalled when stopping_ is set
  bool stopping_ = false;            // guarded by mutex_
  Status sync_error_;                // guarded by mutex_; the syncer's first failure
  std::thread syncer_;               // joinable only with wal_sync = periodic
};

}  // namespace datacave::server
