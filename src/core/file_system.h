#pragma once

// The file-system interface. All storage I/O goes through it, so that tests can substitute a
// fault-injecting implementation (dropping unsynced data, failing fsync) and encryption at
// rest can wrap the real one without the engine knowing.
//
// Paths are plain strings. Every method is thread-safe unless a class says otherwise.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave {

// Reads a file from front to back. Not thread-safe: one reader at a time.
class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Reads up to n bytes into scratch (n bytes long) and points *result at what was read,
  // which is shorter than n only at end of file. *result may point into scratch.
  virtual Status Read(size_t n, char* scratch, std::string_view* result) = 0;
  virtual Status Skip(uint64_t n) = 0;
};

// Positioned reads; safe to call from many threads at once.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Reads up to n bytes at offset; *result is shorter than n only past the end of the file.
  // It points into scratch, or into memory the file owns (a mapped file), which stays valid
  // as long as the file.
  virtual Status Read(uint64_t offset, size_t n, char* scratch, std::string_view* result) const = 0;
  // The whole file, when it is mapped into memory (valid as long as the file); empty when
  // it is not, and reads must go through Read.
  virtual std::string_view mapped() const { return {}; }
};

// An append-only file. Not thread-safe: the owner serializes calls.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  // Hands buffered data to the operating system (survives a process crash, not power loss).
  virtual Status Flush() = 0;
  // Makes everything appended so far durable (survives power loss). A failed Sync means the
  // data may be lost; callers must not retry and assume success (PostgreSQL's fsync lesson).
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

// Held while a data directory is in use; released when destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The POSIX implementation; lives for the whole process.
  static FileSystem* Default();

  virtual Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;
  // Creates the file, or truncates it when it exists.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  // Opens the file for appending, creating it when it does not exist.
  virtual Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) = 0;

  virtual bool FileExists(const std::string& path) = 0;
  virtual Result<uint64_t> GetFileSize(const std::string& path) = 0;
  // Names (not paths) of the entries in dir, without "." and "..", in no particular order.
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  // Atomically replaces `to` with `from`. Durable only after SyncDir of the directory.
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Creates dir and any missing parents; OK when it already exists.
  virtual Status CreateDir(const std::string& dir) = 0;
  virtual Status RemoveDir(const std::string& dir) = 0;
  // Makes creations, renames and removals of entries in dir durable.
  virtual Status SyncDir(const std::string& dir) = 0;

  // Takes an exclusive lock on path (creating the file), held by the returned object. Fails
  // with Busy when another holder, in this process or another, has it. The lock file records
  // the holder's process id for the error message.
  virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) = 0;
};

// Convenience helpers built on the interface.
Status WriteStringToFile(FileSystem* fs, std::string_view data, const std::string& path, bool sync);
Result<std::string> ReadFileToString(FileSystem* fs, const std::string& path);

}  // namespace datacave
