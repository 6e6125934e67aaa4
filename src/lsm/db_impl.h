#pragma once

// The engine behind lsm/db.h. Writes go to the WAL and the active memtable; a full memtable
// becomes immutable and a background thread flushes it to a level-0 table; reads merge the
// memtables with the current version's tables.
//
// Locking: mutex_ guards the members marked "guarded"; the WAL and the active memtable are
// written only by the leader of the write queue, outside the mutex (the queue serializes
// leaders). Background work runs on one thread.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "lsm/compaction.h"
#include "lsm/db.h"
#include "lsm/log_writer.h"
#include "lsm/memtable.h"
#include "lsm/range_tombstones.h"
#include "lsm/table_cache.h"
#include "lsm/version_set.h"

namespace datacave::lsm {

class DBImpl final : public DB {
 public:
  DBImpl(const Options& options, std::string dbname);
  ~DBImpl() override;

  Status Put(const WriteOptions& options, std::string_view key, std::string_view value) override;
  Status Delete(const WriteOptions& options, std::string_view key) override;
  Status DeleteRange(const WriteOptions& options, std::string_view begin,
                     std::string_view end) override;
  Status Write(const WriteOptions& options, WriteBatch* batch) override;
  Status Get(const ReadOptions& options, std::string_view key, std::string* value) override;
  std::unique_ptr<Iterator> NewIterator(const ReadOptions& options) override;
  std::shared_ptr<const Snapshot> GetSnapshot() override;
  Result<SequenceNumber> GetLatestSequenceForKey(std::string_view key) override;
  SequenceNumber LatestSequence() const override;
  Status Flush() override;
  Status SyncWal() override;
  Status CompactRange(std::optional<std::string_view> begin,
                      std::optional<std::string_view> end) override;
  Statistics GetStatistics() override;
  Status Health() const override;

  // Opening: lock, create or recover, start the background thread.
  Status Open();

 private:
  struct Writer;
  // What a read needs, taken under the mutex in one step.
  struct ReadState {
    std::shared_ptr<MemTable> mem;
    std::shared_ptr<MemTable> imm;  // may be null
    std::shared_ptr<const Version> version;
    SequenceNumber snapshot = 0;
  };

  // Where log replay stands: the sequence the next record must start at (0 when unknown),
  // and whether a record was found missing, after which nothing more may be replayed.
  struct ReplayState {
    SequenceNumber expected = 0;
    bool gap = false;
  };
  Status RecoverLogs(std::unique_lock<std::mutex>& lock, VersionEdit* edit,
                     SequenceNumber* max_sequence);
  // Replays one log; *replayed_any is false when not even its start marker survived.
  Status RecoverLogFile(std::unique_lock<std::mutex>& lock, uint64_t number,
                        SequenceNumber* max_sequence, VersionEdit* edit, ReplayState* replay,
                        bool* replayed_any);
  // Switches writes to a new log. Called by the write leader with the mutex held.
  Status NewLogFile();
  // Makes every write so far durable: the older logs not yet synced (old_logs, in order),
  // then the current one. Write leader, mutex not held.
  Status SyncLog(std::vector<std::unique_ptr<WritableFile>> old_logs);
  // Hands the unsynced older logs to a sync write. Mutex held.
  std::vector<std::unique_ptr<WritableFile>> TakeUnsyncedLogs();
  // Writes mem to a new level-0 table and adds it to edit. Called with lock held; releases
  // it while the table is built.
  Status WriteLevel0Table(std::unique_lock<std::mutex>& lock, const MemTable& mem,
                          VersionEdit* edit);
  // Queues writer and, when it leads, writes its group. Returns its status.
  Status Enqueue(Writer* writer);
  Status MakeRoomForWrite(std::unique_lock<std::mutex>& lock, bool force);
  WriteBatch* BuildBatchGroup(Writer** last_writer);
  void BackgroundLoop();
  void FlushImmutable(std::unique_lock<std::mutex>& lock);
  // Runs one compaction if one is due; false when none was.
  bool CompactOnce(std::unique_lock<std::mutex>& lock);
  // Runs the compaction of the pending CompactRange request, if any, and marks it done.
  void RunManualCompaction(std::unique_lock<std::mutex>& lock);
  // Runs c, installs its result and removes its inputs; errors become the background error.
  void RunCompactionAndInstall(std::unique_lock<std::mutex>& lock, const Compaction& c);
  CompactionOptions compaction_options() const;
  SequenceNumber SmallestSnapshot();
  void RemoveObsoleteFiles();
  void RecordBackgroundError(const Status& s);
  ReadState GetReadState(const ReadOptions& options);
  Result<RangeTombstoneSet> TombstonesFor(const ReadState& state);

  const Options options_;
  const std::string dbname_;
  FileSystem* const fs_;
  const InternalKeyComparator icmp_;
  std::unique_ptr<Cache> block_cache_;
  std::unique_ptr<TableCache> table_cache_;
  std::unique_ptr<FileLock> lock_;

  mutable std::mutex mutex_;
  std::condition_variable background_cv_;   // background work to do, or done
  std::unique_ptr<VersionSet> versions_;    // guarded
  std::shared_ptr<MemTable> mem_;           // guarded (pointer); contents: write leader
  std::shared_ptr<MemTable> imm_;           // guarded
  std::unique_ptr<WritableFile> log_file_;  // write leader
  std::unique_ptr<log::Writer> log_;        // write leader
  bool log_dir_synced_ = false;             // write leader: log_file_'s directory entry is durable
  // Logs that writes have moved on from, with unsynced tails: the next sync write syncs them
  // before the current log; once a flush has put their contents in tables they are dropped.
  std::vector<std::pair<uint64_t, std::unique_ptr<WritableFile>>> unsynced_logs_;  // guarded
  uint64_t log_number_ = 0;                                                        // guarded
  std::deque<Writer*> writers_;                                                    // guarded
  WriteBatch group_batch_;                                                         // write leader
  // Live snapshots. Shared with each snapshot's deleter, so that releasing a snapshot after
  // the DB is gone is harmless.
  struct SnapshotList {
    std::mutex mutex;
    std::multiset<SequenceNumber> sequences;
  };
  std::shared_ptr<SnapshotList> snapshots_ = std::make_shared<SnapshotList>();
  std::set<uint64_t> pending_outputs_;  // guarded: tables being written
  Status background_error_;             // guarded; sticky
  bool shutting_down_ = false;          // guarded
  bool flush_requested_ = false;        // guarded
  // A CompactRange request for one level, run by the background thread.
  struct ManualCompaction {
    int level = 0;
    std::optional<std::string> begin, end;
    bool running = false;  // the background thread has taken it
    bool done = false;
  };
  ManualCompaction* manual_compaction_ = nullptr;  // guarded
  std::thread background_;

  Statistics stats_;  // guarded (the level figures are filled in by GetStatistics)
  // Counted by every Get: an atomic, so that reads need not take the mutex for it.
  std::atomic<uint64_t> bytes_read_{0};
};

}  // namespace datacave::lsm
