#pragma once

// An in-memory FileSystem that models durability the way a power cut sees it, and injects
// faults, so that crash recovery of the storage engine can be tested deterministically and
// without a disk.
//
// THE MODEL
//
// Files. A file (an inode) has its current contents, which every reader sees at once, and
// its durable contents, which are what survives a crash. Append and Flush change only the
// current contents. A successful Sync makes the durable contents equal to the current ones.
// Truncation by NewWritableFile of an existing file is durable only after a Sync too: a crash
// before it brings the old durable contents back.
//
// Directories. A directory maps names to files. It has live entries (what ListDir,
// FileExists and opening see) and durable entries. Creating, renaming and removing a file
// change only the live entries of the directories involved; SyncDir(dir) makes dir's durable
// entries equal to its live ones. Hence, after a crash:
//   - a file created since its directory's last SyncDir is gone, even if its data was synced;
//   - a rename since the last SyncDir reverts (`to` refers to what it referred to before, and
//     `from` is back); a rename between two directories is durable only when both are
//     synced: a crash between the two SyncDirs leaves the file under both names or neither;
//   - a file removed since the last SyncDir comes back with its durable contents.
// A removed file stays readable and writable through handles that had it open (POSIX unlink).
// Directories themselves are an exception, kept simple because the engine never relies on
// them: CreateDir and RemoveDir are durable at once, and RemoveDir discards the pending
// (durable but removed) entries of the directory it removes.
//
// Crash. SimulateCrash sets every directory's live entries to its durable entries and every
// reachable file's current contents to its durable contents; everything else is lost. With a
// torn-write seed, a file whose unsynced bytes extend its durable contents (no truncation
// since its last sync) keeps a random prefix (possibly empty, possibly all) of them, as when
// the disk completed part of the last writes. All handles opened before the crash become
// invalid: each of their operations fails with IOError. Locks are released (the process died).
//
// Faults.
//   - Sync failures (FailSyncAfter, FailNextSync) count file Syncs and SyncDirs together. A
//     failed Sync or SyncDir makes nothing durable and returns IOError. Like Linux after a
//     writeback error, a failed file Sync also loses the bytes it should have written: they
//     stay readable until a crash, but a later successful Sync does not rescue them, and after
//     a crash they read back as zero bytes. So an engine that retries a failed fsync and
//     carries on believing its data durable finds zeros (and checksum failures) after a crash.
//   - Append failures (FailAppendAfter, e.g. disk full) return IOError and append nothing.
//
// Paths. Repeated and trailing slashes are ignored. "/" and "." always exist. A path's
// directory is what precedes its last slash ("." when it has none). Renaming directories is
// not supported.
//
// Thread-safety: all methods of the file system and of its handles may be called from any
// thread; one mutex serializes them. REQUIRES: every handle and lock is destroyed before the
// file system.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/file_system.h"

namespace datacave {

struct CrashOptions {
  // When set, unsynced tails survive as random prefixes chosen from this seed (torn writes).
  std::optional<uint64_t> torn_write_seed;
};

// What a test can inspect about one file.
struct FaultFileInfo {
  std::string path;
  uint64_t size = 0;         // current contents
  uint64_t synced_size = 0;  // durable contents
  bool live = false;         // the path names it now (false: removed, but a crash brings it back)
  // A crash leaves the path naming this same file (with synced_size bytes).
  bool durable_entry = false;
};

struct FaultStats {
  uint64_t syncs = 0;      // successful file Syncs
  uint64_t dir_syncs = 0;  // successful SyncDirs
  uint64_t failed_syncs = 0;
  uint64_t failed_appends = 0;
  uint64_t crashes = 0;
};

class FaultInjectionFileSystem final : public FileSystem {
 public:
  FaultInjectionFileSystem();
  ~FaultInjectionFileSystem() override;

  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  bool FileExists(const std::string& path) override;
  Result<uint64_t> GetFileSize(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& dir) override;
  Status RemoveFile(const std::string& path) override;
  Status RenameFile(const std::string& from, const std::string& to) override;
  Status CreateDir(const std::string& dir) override;
  Status RemoveDir(const std::string& dir) override;
  Status SyncDir(const std::string& dir) override;
  // In-memory lock table; the lock file is created (not durably) like the POSIX one does.
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override;

  // Loses everything not durable, as described above.
  void SimulateCrash(const CrashOptions& options = {});

  // The next n syncs (file or directory) succeed; then the following `failures` fail.
  void FailSyncAfter(uint64_t n, uint64_t failures = kForever);
  void FailNextSync() { FailSyncAfter(0, 1); }
  // The next n appends succeed; then the following `failures` fail (as with a full disk).
  void FailAppendAfter(uint64_t n, uint64_t failures = kForever);
  // Disarms all injected faults.
  void ClearFaults();

  // Every file reachable through a live or a durable directory entry, sorted by path.
  std::vector<FaultFileInfo> Files();
  FaultStats stats();

  static constexpr uint64_t kForever = UINT64_MAX;

 private:
  struct Inode {
    std::string current;  // what readers see
    std::string durable;  // what survives a crash
    // Set by truncation, cleared by Sync: current no longer extends durable.
    bool truncated = false;
    // [begin, end) byte ranges whose Sync failed: zeros on disk whatever later Syncs do.
    std::vector<std::pair<uint64_t, uint64_t>> lost;
  };
  struct Dir {
    std::map<std::string, std::shared_ptr<Inode>> live;     // by name
    std::map<std::string, std::shared_ptr<Inode>> durable;  // as of the last SyncDir
  };
  class Handle;
  class SeqFile;
  class RandomFile;
  class WriteFile;
  class Lock;

  // Counts down successes, then failures.
  struct Fault {
    bool armed = false;
    uint64_t ok_left = 0;
    uint64_t fail_left = 0;
    bool Fire();  // true when this operation must fail
  };

  // REQUIRES: mu_ held, for all *Locked methods.
  Dir* FindDirLocked(const std::string& dir);
  std::shared_ptr<Inode> FindFileLocked(const std::string& path);
  Result<std::shared_ptr<Inode>> OpenForWriteLocked(const std::string& path, bool truncate);
  Status AppendLocked(Inode* inode, std::string_view data);
  Status SyncLocked(Inode* inode);
  void ReleaseLockLocked(const std::string& path, uint64_t epoch);

  std::mutex mu_;
  // Guarded by mu_:
  std::map<std::string, Dir> dirs_;  // by normalized path
  std::set<std::string> locks_;      // paths locked in the current epoch
  uint64_t epoch_ = 0;               // incremented by each crash; handles remember theirs
  Fault sync_fault_;
  Fault append_fault_;
  FaultStats stats_;
};

}  // namespace datacave
