#include "server/storage.h"

#include <spdlog/spdlog.h>

namespace datacave::server {
namespace {

// The largest unit that divides n exactly, as config.example.toml writes sizes ("64MB").
std::string FormatByteSize(uint64_t n) {
  constexpr std::pair<uint64_t, const char*> kUnits[] = {
      {uint64_t{1} << 30, "GB"}, {uint64_t{1} << 20, "MB"}, {uint64_t{1} << 10, "kB"}};
  for (const auto& [size, unit] : kUnits) {
    if (n >= size && n % size == 0) return std::to_string(n / size) + unit;
  }
  return std::to_string(n) + "B";
}

}  // namespace

lsm::Options StorageOptions(const Config::Storage& config, FileSystem* file_system) {
  lsm::Options options;
  options.file_system = file_system;
  options.write_buffer_size = static_cast<size_t>(config.memtable_size);
  options.block_cache_size = static_cast<size_t>(config.block_cache_size);
  switch (config.compression) {
    case Compression::kNone: options.compression = lsm::CompressionType::kNone; break;
    case Compression::kLz4: options.compression = lsm::CompressionType::kLz4; break;
    case Compression::kZstd: options.compression = lsm::CompressionType::kZstd; break;
  }
  return options;
}

lsm::WriteOptions CommitWriteOptions(WalSync wal_sync) {
  lsm::WriteOptions options;
  options.sync = wal_sync == WalSync::kCommit;
  return options;
}

std::string ShardPath(const std::string& data_dir, int shard) {
  return data_dir + "/shard-" + std::to_string(shard);
}

std::string DescribeStorage(const Config::Storage& config) {
  std::string out = "wal_sync=" + std::string(WalSyncName(config.wal_sync));
  if (config.wal_sync == WalSync::kPeriodic) {
    out += " (every " + std::to_string(config.wal_sync_interval_ms) + " ms)";
  }
  out += ", memtable_size=" + FormatByteSize(config.memtable_size);
  out += ", block_cache_size=" + FormatByteSize(config.block_cache_size);
  out += ", compression=" + std::string(CompressionName(config.compression));
  return out;
}

Result<std::unique_ptr<Storage>> Storage::Open(const Config::Storage& config,
                                               FileSystem* file_system) {
  std::string path = ShardPath(config.path, 0);
  auto db = lsm::DB::Open(StorageOptions(config, file_system), path);
  if (!db.ok()) {
    // The code name says what kind of trouble it is (Corruption wants a restore, IOError or
    // Busy may not): the engine's messages alone do not always say.
    return db.status().WithContext("cannot open storage in " + path + ": " +
                                   std::string(StatusCodeName(db.status().code())));
  }
  std::unique_ptr<Storage> storage(
      new Storage(std::move(db).value(), CommitWriteOptions(config.wal_sync)));
  if (config.wal_sync == WalSync::kPeriodic) {
    auto interval = std::chrono::milliseconds(config.wal_sync_interval_ms);
    storage->syncer_ = std::thread([s = storage.get(), interval] { s->SyncLoop(interval); });
  }
  return storage;
}

Storage::Storage(std::unique_ptr<lsm::DB> db, const lsm::WriteOptions& commit_options)
    : db_(std::move(db)), commit_options_(commit_options) {}

Storage::~Storage() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (syncer_.joinable()) syncer_.join();
  // db_ closes after the syncer is gone: no SyncWal can race with the engine's shutdown.
}

Status Storage::health() const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!sync_error_.ok()) return sync_error_;
  }
  return db_->Health();
}

void Storage::SyncLoop(std::chrono::milliseconds interval) {
  std::unique_lock<std::mutex> lock(mutex_);
  lsm::SequenceNumber synced = 0;
  for (;;) {
    // wait_for with a predicate: a spurious wake-up neither syncs early nor misses a stop.
    if (stop_cv_.wait_for(lock, interval, [this] { return stopping_; })) return;
    lock.unlock();
    // Idle ticks skip the fsync. A write still on its way to the log when the sequence is
    // read is covered by the next tick.
    lsm::SequenceNumber latest = db_->LatestSequence();
    Status s;
    if (latest != synced) {
      s = db_->SyncWal();
      if (s.ok()) synced = latest;
    }
    lock.lock();
    if (!s.ok()) {
      // The engine refuses writes from now on, so retrying could only repeat the error: log
      // it once and stop.
      spdlog::error("periodic WAL sync failed, storage refuses writes from now on: {}",
                    s.ToString());
      sync_error_ = std::move(s);
      return;
    }
  }
}

}  // namespace datacave::server
