// The in-memory crash-modelling file system. One mutex guards the whole tree: tests value
// determinism and simplicity over concurrency here.

#include "core/fault_injection_file_system.h"

#include <algorithm>
#include <random>
#include <unordered_set>

namespace datacave {
namespace {

// Collapses repeated slashes and drops a trailing one; "" becomes ".".
std::string Normalize(const std::string& path) {
  if (path.empty()) return ".";
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// A normalized path's directory and name within it.
std::pair<std::string, std::string> Split(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {".", path};
  if (slash == 0) return {"/", path.substr(1)};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

Status Invalidated(const std::string& path) {
  return Status::IOError("handle of " + path + " invalidated by a simulated crash");
}

}  // namespace

bool FaultInjectionFileSystem::Fault::Fire() {
  if (!armed) return false;
  if (ok_left > 0) {
    --ok_left;
    return false;
  }
  if (fail_left == 0) {
    armed = false;
    return false;
  }
  if (fail_left != kForever) --fail_left;
  return true;
}

// What every handle shares: the file it refers to and the epoch it was opened in.
class FaultInjectionFileSystem::Handle {
 public:
  Handle(FaultInjectionFileSystem* fs, std::string path, std::shared_ptr<Inode> inode)
      : fs_(fs), path_(std::move(path)), inode_(std::move(inode)), epoch_(fs->epoch_) {}

 protected:
  // REQUIRES: fs_->mu_ held.
  bool ValidLocked() const { return epoch_ == fs_->epoch_; }

  FaultInjectionFileSystem* const fs_;
  const std::string path_;
  const std::shared_ptr<Inode> inode_;
  const uint64_t epoch_;
};

class FaultInjectionFileSystem::SeqFile final : public SequentialFile, Handle {
 public:
  using Handle::Handle;

  Status Read(size_t n, char* scratch, std::string_view* result) override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    if (!ValidLocked()) return Invalidated(path_);
    const std::string& data = inode_->current;
    const size_t start = std::min<uint64_t>(pos_, data.size());
    const size_t len = std::min(n, data.size() - start);
    std::copy_n(data.data() + start, len, scratch);
    pos_ += len;
    *result = std::string_view(scratch, len);
    return Status::Ok();
  }

  Status Skip(uint64_t n) override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    if (!ValidLocked()) return Invalidated(path_);
    pos_ = std::min<uint64_t>(pos_ + n, inode_->current.size());
    return Status::Ok();
  }

 private:
  uint64_t pos_ = 0;
};

class FaultInjectionFileSystem::RandomFile final : public RandomAccessFile, Handle {
 public:
  using Handle::Handle;

  Status Read(uint64_t offset, size_t n, char* scratch, std::string_view* result) const override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    if (!ValidLocked()) return Invalidated(path_);
    const std::string& data = inode_->current;
    const size_t start = std::min<uint64_t>(offset, data.size());
    const size_t len = std::min(n, data.size() - start);
    std::copy_n(data.data() + start, len, scratch);
    *result = std::string_view(scratch, len);
    return Status::Ok();
  }
};

class FaultInjectionFileSystem::WriteFile final : public WritableFile, Handle {
 public:
  using Handle::Handle;

  Status Append(std::string_view data) override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    DC_RETURN_IF_ERROR(CheckLocked("append to"));
    return fs_->AppendLocked(inode_.get(), data);
  }

  Status Flush() override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    return CheckLocked("flush of");
  }

  Status Sync() override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    DC_RETURN_IF_ERROR(CheckLocked("sync of"));
    return fs_->SyncLocked(inode_.get());
  }

  Status Close() override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    if (closed_) return Status::Ok();
    closed_ = true;
    if (!ValidLocked()) return Invalidated(path_);
    return Status::Ok();
  }

 private:
  Status CheckLocked(std::string_view what) const {
    if (!ValidLocked()) return Invalidated(path_);
    if (closed_) return Status::IOError(std::string(what) + " closed file " + path_);
    return Status::Ok();
  }

  bool closed_ = false;
};

class FaultInjectionFileSystem::Lock final : public FileLock {
 public:
  Lock(FaultInjectionFileSystem* fs, std::string path, uint64_t epoch)
      : fs_(fs), path_(std::move(path)), epoch_(epoch) {}
  ~Lock() override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    fs_->ReleaseLockLocked(path_, epoch_);
  }

 private:
  FaultInjectionFileSystem* const fs_;
  const std::string path_;
  const uint64_t epoch_;
};

FaultInjectionFileSystem::FaultInjectionFileSystem() {
  dirs_["/"];
  dirs_["."];
}

FaultInjectionFileSystem::~FaultInjectionFileSystem() = default;

FaultInjectionFileSystem::Dir* FaultInjectionFileSystem::FindDirLocked(const std::string& dir) {
  auto it = dirs_.find(dir);
  return it == dirs_.end() ? nullptr : &it->second;
}

std::shared_ptr<FaultInjectionFileSystem::Inode> FaultInjectionFileSystem::FindFileLocked(
    const std::string& path) {
  auto [dir_name, name] = Split(path);
  Dir* dir = FindDirLocked(dir_name);
  if (dir == nullptr) return nullptr;
  auto it = dir->live.find(name);
  return it == dir->live.end() ? nullptr : it->second;
}

Result<std::shared_ptr<FaultInjectionFileSystem::Inode>>
FaultInjectionFileSystem::OpenForWriteLocked(const std::string& path, bool truncate) {
  auto [dir_name, name] = Split(path);
  Dir* dir = FindDirLocked(dir_name);
  if (dir == nullptr) return Status::NotFound("creating " + path + ": no such directory");
  if (dirs_.count(path) != 0) return Status::IOError("creating " + path + ": is a directory");
  std::shared_ptr<Inode>& slot = dir->live[name];
  if (slot == nullptr) {
    slot = std::make_shared<Inode>();
  } else if (truncate) {
    slot->current.clear();
    slot->truncated = true;
    slot->lost.clear();  // those offsets will hold new bytes
  }
  return slot;
}

Status FaultInjectionFileSystem::AppendLocked(Inode* inode, std::string_view data) {
  if (append_fault_.Fire()) {
    ++stats_.failed_appends;
    return Status::IOError("injected append failure: no space left on device");
  }
  inode->current.append(data);
  return Status::Ok();
}

Status FaultInjectionFileSystem::SyncLocked(Inode* inode) {
  if (sync_fault_.Fire()) {
    ++stats_.failed_syncs;
    // The kernel gave up on the dirty pages: their bytes never reach the disk.
    const uint64_t begin = inode->truncated ? 0 : inode->durable.size();
    if (inode->current.size() > begin) inode->lost.emplace_back(begin, inode->current.size());
    return Status::IOError("injected sync failure");
  }
  ++stats_.syncs;
  inode->durable = inode->current;
  for (auto [begin, end] : inode->lost) {
    if (begin >= inode->durable.size()) continue;
    std::fill(inode->durable.begin() + static_cast<std::ptrdiff_t>(begin),
              inode->durable.begin() +
                  static_cast<std::ptrdiff_t>(std::min<uint64_t>(end, inode->durable.size())),
              '\0');
  }
  inode->truncated = false;
  return Status::Ok();
}

Result<std::unique_ptr<SequentialFile>> FaultInjectionFileSystem::NewSequentialFile(
    const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  std::shared_ptr<Inode> inode = FindFileLocked(p);
  if (inode == nullptr) return Status::NotFound("opening " + p + ": no such file");
  return std::unique_ptr<SequentialFile>(new SeqFile(this, p, std::move(inode)));
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectionFileSystem::NewRandomAccessFile(
    const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  std::shared_ptr<Inode> inode = FindFileLocked(p);
  if (inode == nullptr) return Status::NotFound("opening " + p + ": no such file");
  return std::unique_ptr<RandomAccessFile>(new RandomFile(this, p, std::move(inode)));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::NewWritableFile(
    const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  DC_ASSIGN_OR_RETURN(std::shared_ptr<Inode> inode, OpenForWriteLocked(p, /*truncate=*/true));
  return std::unique_ptr<WritableFile>(new WriteFile(this, p, std::move(inode)));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::NewAppendableFile(
    const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  DC_ASSIGN_OR_RETURN(std::shared_ptr<Inode> inode, OpenForWriteLocked(p, /*truncate=*/false));
  return std::unique_ptr<WritableFile>(new WriteFile(this, p, std::move(inode)));
}

bool FaultInjectionFileSystem::FileExists(const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  return FindFileLocked(p) != nullptr || dirs_.count(p) != 0;
}

Result<uint64_t> FaultInjectionFileSystem::GetFileSize(const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  std::shared_ptr<Inode> inode = FindFileLocked(p);
  if (inode == nullptr) return Status::NotFound("stat of " + p + ": no such file");
  return uint64_t{inode->current.size()};
}

Result<std::vector<std::string>> FaultInjectionFileSystem::ListDir(const std::string& dir) {
  const std::string d = Normalize(dir);
  std::lock_guard<std::mutex> lock(mu_);
  Dir* state = FindDirLocked(d);
  if (state == nullptr) return Status::NotFound("listing " + d + ": no such directory");
  std::vector<std::string> names;
  for (const auto& [name, inode] : state->live) names.push_back(name);
  for (const auto& [path, unused] : dirs_) {
    if (path == "/" || path == ".") continue;
    auto [parent, name] = Split(path);
    if (parent == d) names.push_back(name);
  }
  return names;
}

Status FaultInjectionFileSystem::RemoveFile(const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  auto [dir_name, name] = Split(p);
  Dir* dir = FindDirLocked(dir_name);
  if (dir == nullptr || dir->live.erase(name) == 0) {
    if (dirs_.count(p) != 0) return Status::IOError("removing " + p + ": is a directory");
    return Status::NotFound("removing " + p + ": no such file");
  }
  return Status::Ok();
}

Status FaultInjectionFileSystem::RenameFile(const std::string& from, const std::string& to) {
  const std::string f = Normalize(from);
  const std::string t = Normalize(to);
  std::lock_guard<std::mutex> lock(mu_);
  if (dirs_.count(f) != 0) return Status::NotSupported("renaming directory " + f);
  std::shared_ptr<Inode> inode = FindFileLocked(f);
  if (inode == nullptr) return Status::NotFound("renaming " + f + ": no such file");
  auto [to_dir_name, to_name] = Split(t);
  Dir* to_dir = FindDirLocked(to_dir_name);
  if (to_dir == nullptr) return Status::NotFound("renaming to " + t + ": no such directory");
  if (dirs_.count(t) != 0) return Status::IOError("renaming to " + t + ": is a directory");
  auto [from_dir_name, from_name] = Split(f);
  FindDirLocked(from_dir_name)->live.erase(from_name);
  to_dir->live[to_name] = std::move(inode);
  return Status::Ok();
}

Status FaultInjectionFileSystem::CreateDir(const std::string& dir) {
  std::string d = Normalize(dir);
  std::lock_guard<std::mutex> lock(mu_);
  // Walk up until an existing directory, then create the missing ones (all durably).
  std::vector<std::string> missing;
  while (dirs_.count(d) == 0) {
    if (FindFileLocked(d) != nullptr) return Status::IOError("creating directory " + d + ": file");
    missing.push_back(d);
    d = Split(d).first;
  }
  for (const std::string& m : missing) dirs_[m];
  return Status::Ok();
}

Status FaultInjectionFileSystem::RemoveDir(const std::string& dir) {
  const std::string d = Normalize(dir);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = dirs_.find(d);
  if (it == dirs_.end()) return Status::NotFound("removing directory " + d + ": no such directory");
  if (d == "/" || d == ".") return Status::InvalidArgument("removing directory " + d);
  bool empty = it->second.live.empty();
  for (const auto& [path, unused] : dirs_) {
    if (path != d && Split(path).first == d) empty = false;
  }
  if (!empty) return Status::IOError("removing directory " + d + ": not empty");
  dirs_.erase(it);
  return Status::Ok();
}

Status FaultInjectionFileSystem::SyncDir(const std::string& dir) {
  const std::string d = Normalize(dir);
  std::lock_guard<std::mutex> lock(mu_);
  Dir* state = FindDirLocked(d);
  if (state == nullptr) return Status::NotFound("syncing directory " + d + ": no such directory");
  if (sync_fault_.Fire()) {
    ++stats_.failed_syncs;
    return Status::IOError("injected sync failure of directory " + d);
  }
  ++stats_.dir_syncs;
  state->durable = state->live;
  return Status::Ok();
}

Result<std::unique_ptr<FileLock>> FaultInjectionFileSystem::LockFile(const std::string& path) {
  const std::string p = Normalize(path);
  std::lock_guard<std::mutex> lock(mu_);
  if (locks_.count(p) != 0) return Status::Busy(p + " is locked by another holder");
  DC_RETURN_IF_ERROR(OpenForWriteLocked(p, /*truncate=*/false).status());
  locks_.insert(p);
  return std::unique_ptr<FileLock>(new Lock(this, p, epoch_));
}

void FaultInjectionFileSystem::ReleaseLockLocked(const std::string& path, uint64_t epoch) {
  // A lock from before a crash died with its process; the path may be locked anew since.
  if (epoch == epoch_) locks_.erase(path);
}

void FaultInjectionFileSystem::SimulateCrash(const CrashOptions& options) {
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.crashes;
  ++epoch_;
  locks_.clear();
  std::mt19937_64 rng(options.torn_write_seed.value_or(0));
  std::unordered_set<Inode*> done;  // a file may have entries in two directories
  for (auto& [path, dir] : dirs_) {
    dir.live = dir.durable;
    for (auto& [name, inode] : dir.live) {
      if (!done.insert(inode.get()).second) continue;
      std::string image = inode->durable;
      const size_t unsynced = inode->current.size() - std::min(inode->current.size(), image.size());
      if (options.torn_write_seed.has_value() && !inode->truncated && unsynced > 0) {
        const size_t keep = static_cast<size_t>(rng() % (uint64_t{unsynced} + 1));
        const size_t base = image.size();
        image.append(inode->current, base, keep);
        for (auto [begin, end] : inode->lost) {  // lost bytes never reached the disk
          for (uint64_t i = std::max<uint64_t>(begin, base); i < end && i < image.size(); ++i) {
            image[i] = '\0';
          }
        }
      }
      inode->current = image;
      inode->durable = std::move(image);
      inode->truncated = false;
      inode->lost.clear();
    }
  }
}

void FaultInjectionFileSystem::FailSyncAfter(uint64_t n, uint64_t failures) {
  std::lock_guard<std::mutex> lock(mu_);
  sync_fault_ = Fault{true, n, failures};
}

void FaultInjectionFileSystem::FailAppendAfter(uint64_t n, uint64_t failures) {
  std::lock_guard<std::mutex> lock(mu_);
  append_fault_ = Fault{true, n, failures};
}

void FaultInjectionFileSystem::ClearFaults() {
  std::lock_guard<std::mutex> lock(mu_);
  sync_fault_ = Fault{};
  append_fault_ = Fault{};
}

std::vector<FaultFileInfo> FaultInjectionFileSystem::Files() {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, FaultFileInfo> files;
  for (const auto& [dir_path, dir] : dirs_) {
    const std::string prefix = dir_path == "/" ? "/" : dir_path == "." ? "" : dir_path + "/";
    for (const auto* entries : {&dir.live, &dir.durable}) {
      for (const auto& [name, inode] : *entries) {
        FaultFileInfo& info = files[prefix + name];
        info.path = prefix + name;
        auto durable = dir.durable.find(name);
        auto live = dir.live.find(name);
        // Sizes of the file a lookup of the path finds now, else of the one a crash restores.
        const Inode& shown = live != dir.live.end() ? *live->second : *durable->second;
        info.size = shown.current.size();
        info.synced_size = shown.durable.size();
        info.live = live != dir.live.end();
        info.durable_entry = durable != dir.durable.end() &&
                             (live == dir.live.end() || durable->second == live->second);
      }
    }
  }
  std::vector<FaultFileInfo> out;
  for (auto& [path, info] : files) out.push_back(std::move(info));
  return out;
}

FaultStats FaultInjectionFileSystem::stats() {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace datacave
