// The real file system, on POSIX system calls. Errors carry the path and strerror.

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "core/file_system.h"

namespace datacave {
namespace {

Status PosixError(std::string_view context, const std::string& path, int err) {
  std::string msg(context);
  msg += " ";
  msg += path;
  msg += ": ";
  msg += std::strerror(err);
  if (err == ENOENT) return Status::NotFound(std::move(msg));
  return Status::IOError(std::move(msg));
}

class PosixSequentialFile final : public SequentialFile {
 public:
  PosixSequentialFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixSequentialFile() override { ::close(fd_); }

  Status Read(size_t n, char* scratch, std::string_view* result) override {
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::read(fd_, scratch + done, n - done);
      if (r < 0) {
        if (errno == EINTR) continue;
        return PosixError("reading", path_, errno);
      }
      if (r == 0) break;
      done += static_cast<size_t>(r);
    }
    *result = std::string_view(scratch, done);
    return Status::Ok();
  }

  Status Skip(uint64_t n) override {
    if (::lseek(fd_, static_cast<off_t>(n), SEEK_CUR) < 0)
      return PosixError("seeking", path_, errno);
    return Status::Ok();
  }

 private:
  const std::string path_;
  const int fd_;
};

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixRandomAccessFile() override { ::close(fd_); }

  Status Read(uint64_t offset, size_t n, char* scratch, std::string_view* result) const override {
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd_, scratch + done, n - done, static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        return PosixError("reading", path_, errno);
      }
      if (r == 0) break;
      done += static_cast<size_t>(r);
    }
    *result = std::string_view(scratch, done);
    return Status::Ok();
  }

 private:
  const std::string path_;
  const int fd_;
};

// A read-only file mapped into memory: reads are views into the mapping, with no system call
// and no copy. Used for files opened for random access (tables), which never change once
// written.
class PosixMappedFile final : public RandomAccessFile {
 public:
  PosixMappedFile(std::string path, const char* base, size_t size, std::atomic<int>* budget)
      : path_(std::move(path)), base_(base), size_(size), budget_(budget) {}
  ~PosixMappedFile() override {
    ::munmap(const_cast<char*>(base_), size_);
    budget_->fetch_add(1, std::memory_order_relaxed);
  }

  std::string_view mapped() const override { return {base_, size_}; }

  Status Read(uint64_t offset, size_t n, char*, std::string_view* result) const override {
    if (offset > size_) {
      *result = {};
      return Status::Ok();
    }
    *result = std::string_view(base_ + offset, std::min<uint64_t>(n, size_ - offset));
    return Status::Ok();
  }

 private:
  const std::string path_;
  const char* const base_;
  const size_t size_;
  std::atomic<int>* const budget_;  // mappings left; this one is returned on destruction
};

// Appends are gathered in a buffer and written with one write(2) on Flush (the log writer
// flushes once per record), on Sync and on Close, or when the buffer fills.
class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd)
      : path_(std::move(path)), fd_(fd), buffer_(new char[kBufferSize]) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) (void)Close();  // the caller did not ask about errors
  }

  Status Append(std::string_view data) override {
    if (fd_ < 0) return Status::IOError("append to closed file " + path_);
    size_t copy = std::min(data.size(), kBufferSize - used_);
    std::memcpy(buffer_.get() + used_, data.data(), copy);
    used_ += copy;
    data.remove_prefix(copy);
    if (data.empty()) return Status::Ok();
    DC_RETURN_IF_ERROR(FlushBuffer());
    if (data.size() < kBufferSize) {
      std::memcpy(buffer_.get(), data.data(), data.size());
      used_ = data.size();
      return Status::Ok();
    }
    return WriteAll(data);
  }

  Status Flush() override {
    if (fd_ < 0) return Status::IOError("flush of closed file " + path_);
    return FlushBuffer();
  }

  Status Sync() override {
    if (fd_ < 0) return Status::IOError("sync of closed file " + path_);
    DC_RETURN_IF_ERROR(FlushBuffer());
    if (::fdatasync(fd_) != 0) return PosixError("syncing", path_, errno);
    return Status::Ok();
  }

  Status Close() override {
    if (fd_ < 0) return Status::Ok();
    Status s = FlushBuffer();
    int rc = ::close(fd_);
    fd_ = -1;
    if (s.ok() && rc != 0) s = PosixError("closing", path_, errno);
    return s;
  }

 private:
  static constexpr size_t kBufferSize = 64 << 10;

  Status FlushBuffer() {
    Status s = WriteAll({buffer_.get(), used_});
    used_ = 0;  // after a failed write the file is broken anyway: do not write it twice
    return s;
  }

  Status WriteAll(std::string_view data) {
    while (!data.empty()) {
      ssize_t w = ::write(fd_, data.data(), data.size());
      if (w < 0) {
        if (errno == EINTR) continue;
        return PosixError("writing", path_, errno);
      }
      data.remove_prefix(static_cast<size_t>(w));
    }
    return Status::Ok();
  }

  const std::string path_;
  int fd_;
  std::unique_ptr<char[]> buffer_;
  size_t used_ = 0;
};

class PosixFileLock final : public FileLock {
 public:
  explicit PosixFileLock(int fd) : fd_(fd) {}
  ~PosixFileLock() override {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }

 private:
  const int fd_;
};

Result<int> OpenFd(const std::string& path, int flags, std::string_view what) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) return PosixError(what, path, errno);
  return fd;
}

class PosixFileSystem final : public FileSystem {
 public:
  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override {
    DC_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_RDONLY, "opening"));
    return std::unique_ptr<SequentialFile>(new PosixSequentialFile(path, fd));
  }

  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override {
    DC_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_RDONLY, "opening"));
    // Map the file while mappings are left (address space and the kernel's map count are
    // finite); otherwise, or for an empty file, read it with pread.
    struct stat st;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      if (mappings_left_.fetch_sub(1, std::memory_order_relaxed) > 0) {
        auto size = static_cast<size_t>(st.st_size);
        void* base = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
        if (base != MAP_FAILED) {
          ::close(fd);  // the mapping keeps the file open
          return std::unique_ptr<RandomAccessFile>(
              new PosixMappedFile(path, static_cast<const char*>(base), size, &mappings_left_));
        }
      }
      mappings_left_.fetch_add(1, std::memory_order_relaxed);
    }
    return std::unique_ptr<RandomAccessFile>(new PosixRandomAccessFile(path, fd));
  }

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    DC_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_WRONLY | O_CREAT | O_TRUNC, "creating"));
    return std::unique_ptr<WritableFile>(new PosixWritableFile(path, fd));
  }

  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override {
    DC_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_WRONLY | O_CREAT | O_APPEND, "opening"));
    return std::unique_ptr<WritableFile>(new PosixWritableFile(path, fd));
  }

  bool FileExists(const std::string& path) override { return ::access(path.c_str(), F_OK) == 0; }

  Result<uint64_t> GetFileSize(const std::string& path) override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return PosixError("stat of", path, errno);
    return static_cast<uint64_t>(st.st_size);
  }

  Result<std::vector<std::string>> ListDir(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return PosixError("listing", dir, errno);
    std::vector<std::string> names;
    while (struct dirent* entry = ::readdir(d)) {
      std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    ::closedir(d);
    return names;
  }

  Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return PosixError("removing", path, errno);
    return Status::Ok();
  }

  Status RenameFile(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return PosixError("renaming", from, errno);
    return Status::Ok();
  }

  Status CreateDir(const std::string& dir) override {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IOError("creating directory " + dir + ": " + ec.message());
    return Status::Ok();
  }

  Status RemoveDir(const std::string& dir) override {
    if (::rmdir(dir.c_str()) != 0) return PosixError("removing directory", dir, errno);
    return Status::Ok();
  }

  Status SyncDir(const std::string& dir) override {
    DC_ASSIGN_OR_RETURN(int fd, OpenFd(dir, O_RDONLY | O_DIRECTORY, "opening directory"));
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) return PosixError("syncing directory", dir, err);
    return Status::Ok();
  }

  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override {
    DC_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_RDWR | O_CREAT, "opening lock file"));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int err = errno;
      char holder[32] = {};
      ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
      ::close(fd);
      if (err != EWOULDBLOCK) return PosixError("locking", path, err);
      std::string msg = path + " is locked by another process";
      if (n > 0) msg += " (pid " + std::string(holder, static_cast<size_t>(n)) + ")";
      return Status::Busy(std::move(msg));
    }
    std::string pid = std::to_string(::getpid());
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
      int err = errno;
      ::close(fd);
      return PosixError("writing lock file", path, err);
    }
    return std::unique_ptr<FileLock>(new PosixFileLock(fd));
  }

 private:
  // Table files are mapped while fewer than this many are; the rest use pread.
  std::atomic<int> mappings_left_{4096};
};

}  // namespace

FileSystem* FileSystem::Default() {
  static PosixFileSystem* fs = new PosixFileSystem();  // never destroyed: used until exit
  return fs;
}

Status WriteStringToFile(FileSystem* fs, std::string_view data, const std::string& path,
                         bool sync) {
  DC_ASSIGN_OR_RETURN(auto file, fs->NewWritableFile(path));
  DC_RETURN_IF_ERROR(file->Append(data));
  if (sync) DC_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

Result<std::string> ReadFileToString(FileSystem* fs, const std::string& path) {
  DC_ASSIGN_OR_RETURN(auto file, fs->NewSequentialFile(path));
  std::string out;
  constexpr size_t kChunk = 64 * 1024;
  std::unique_ptr<char[]> scratch(new char[kChunk]);
  for (;;) {
    std::string_view piece;
    DC_RETURN_IF_ERROR(file->Read(kChunk, scratch.get(), &piece));
    if (piece.empty()) break;
    out.append(piece);
  }
  return out;
}

}  // namespace datacave
