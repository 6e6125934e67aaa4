// The server's storage: [storage] settings become engine options, wal_sync decides whether a
// commit is synced, and the periodic syncer makes unsynced commits durable (checked through
// simulated power cuts), reports its failure once and stops cleanly.

#include "server/storage.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/fault_injection_file_system.h"
#include "support/process.h"

namespace datacave::server {
namespace {

using namespace std::chrono_literals;

TEST(StorageOptionsTest, MapsTheStorageSection) {
  FaultInjectionFileSystem fs;
  Config::Storage config;
  config.memtable_size = 3 << 20;
  config.block_cache_size = 5 << 20;
  config.compression = Compression::kZstd;
  lsm::Options options = StorageOptions(config, &fs);
  EXPECT_EQ(options.write_buffer_size, size_t{3} << 20);
  EXPECT_EQ(options.block_cache_size, size_t{5} << 20);
  EXPECT_EQ(options.compression, lsm::CompressionType::kZstd);
  EXPECT_EQ(options.file_system, &fs);
  EXPECT_TRUE(options.create_if_missing);

  config.block_cache_size = 0;  // the engine's "no cache"
  EXPECT_EQ(StorageOptions(config, &fs).block_cache_size, 0u);
  config.compression = Compression::kNone;
  EXPECT_EQ(StorageOptions(config, &fs).compression, lsm::CompressionType::kNone);
  config.compression = Compression::kLz4;
  EXPECT_EQ(StorageOptions(config, &fs).compression, lsm::CompressionType::kLz4);
}

TEST(StorageOptionsTest, OnlyCommitModeSyncsEachCommit) {
  EXPECT_TRUE(CommitWriteOptions(WalSync::kCommit).sync);
  EXPECT_FALSE(CommitWriteOptions(WalSync::kPeriodic).sync);
  EXPECT_FALSE(CommitWriteOptions(WalSync::kOff).sync);
}

TEST(StorageOptionsTest, ShardsLiveInSubdirectories) {
  EXPECT_EQ(ShardPath("/var/lib/datacave", 0), "/var/lib/datacave/shard-0");
  EXPECT_EQ(ShardPath("data", 12), "data/shard-12");
}

TEST(StorageOptionsTest, DescribesTheSettingsInConfigUnits) {
  Config::Storage config;
  EXPECT_EQ(DescribeStorage(config),
            "wal_sync=commit, memtable_size=64MB, block_cache_size=256MB, compression=lz4");
  config.wal_sync = WalSync::kPeriodic;
  config.wal_sync_interval_ms = 250;
  config.memtable_size = (1 << 20) + 512;
  config.block_cache_size = 0;
  config.compression = Compression::kNone;
  EXPECT_EQ(DescribeStorage(config),
            "wal_sync=periodic (every 250 ms), memtable_size=1049088B, block_cache_size=0B, "
            "compression=none");
}

class StorageTest : public ::testing::Test {
 protected:
  StorageTest() {
    config_.path = "/data";
    config_.memtable_size = 1 << 20;
    config_.block_cache_size = 1 << 20;
  }

  std::unique_ptr<Storage> Open() {
    auto storage = Storage::Open(config_, &fs_);
    EXPECT_TRUE(storage.ok()) << storage.status().ToString();
    return storage.ok() ? std::move(storage).value() : nullptr;
  }

  std::string Get(Storage* storage, std::string_view key) {
    std::string value;
    Status s = storage->db()->Get({}, key, &value);
    if (s.IsNotFound()) return "NOT_FOUND";
    if (!s.ok()) return "ERROR: " + s.ToString();
    return value;
  }

  // Closes the storage, cuts the power, reopens it and reads key.
  std::string GetAfterPowerCut(std::unique_ptr<Storage>* storage, std::string_view key) {
    storage->reset();
    fs_.SimulateCrash();
    *storage = Open();
    return Get(storage->get(), key);
  }

  FaultInjectionFileSystem fs_;
  Config::Storage config_;
};

TEST_F(StorageTest, OpensShardZeroInsideTheDataDirectory) {
  auto storage = Open();
  ASSERT_NE(storage, nullptr);
  EXPECT_TRUE(fs_.FileExists("/data/shard-0/CURRENT"));
  EXPECT_TRUE(fs_.FileExists("/data/shard-0/LOCK"));
  EXPECT_TRUE(storage->health().ok());
}

TEST_F(StorageTest, CommitModeCommitsSurviveAPowerCut) {
  config_.wal_sync = WalSync::kCommit;
  auto storage = Open();
  ASSERT_TRUE(storage->db()->Put(storage->commit_options(), "k", "v").ok());
  EXPECT_EQ(GetAfterPowerCut(&storage, "k"), "v");
}

TEST_F(StorageTest, OffModeLeavesCommitsUnsynced) {
  config_.wal_sync = WalSync::kOff;
  auto storage = Open();
  ASSERT_TRUE(storage->db()->Put(storage->commit_options(), "k", "v").ok());
  EXPECT_EQ(storage->db()->GetStatistics().wal_syncs, 0u);
  EXPECT_EQ(GetAfterPowerCut(&storage, "k"), "NOT_FOUND");  // what "off" risks
}

TEST_F(StorageTest, PeriodicSyncerMakesUnsyncedCommitsDurable) {
  config_.wal_sync = WalSync::kPeriodic;
  config_.wal_sync_interval_ms = 5;
  auto storage = Open();
  ASSERT_FALSE(storage->commit_options().sync);
  ASSERT_TRUE(storage->db()->Put(storage->commit_options(), "k", "v").ok());
  // The engine serializes syncs and writes in one queue and counts a sync before the writers
  // behind it return, so a sync counted after Put returned began after the write: it covers
  // it.
  uint64_t before = storage->db()->GetStatistics().wal_syncs;
  ASSERT_TRUE(
      testing::WaitUntil([&] { return storage->db()->GetStatistics().wal_syncs > before; }, 20s));
  EXPECT_EQ(GetAfterPowerCut(&storage, "k"), "v");
}

TEST_F(StorageTest, FailedPeriodicSyncMakesStorageUnhealthyOnce) {
  config_.wal_sync = WalSync::kPeriodic;
  config_.wal_sync_interval_ms = 1;
  auto storage = Open();
  fs_.FailSyncAfter(0);  // every sync from now on fails
  ASSERT_TRUE(storage->db()->Put(storage->commit_options(), "k", "v").ok());  // unsynced
  ASSERT_TRUE(testing::WaitUntil([&] { return !storage->health().ok(); }, 20s));
  Status health = storage->health();
  EXPECT_EQ(health.code(), StatusCode::kIOError) << health.ToString();
  // The engine refuses writes now; the syncer gave up rather than fail again and again.
  EXPECT_FALSE(storage->db()->Put(storage->commit_options(), "k2", "v").ok());
  std::this_thread::sleep_for(20ms);  // twenty intervals
  EXPECT_EQ(fs_.stats().failed_syncs, 1u);
  EXPECT_EQ(storage->health().code(), StatusCode::kIOError);
}

TEST_F(StorageTest, IdlePeriodicSyncerDoesNotSync) {
  config_.wal_sync = WalSync::kPeriodic;
  config_.wal_sync_interval_ms = 1;
  auto storage = Open();
  ASSERT_TRUE(storage->db()->Put(storage->commit_options(), "k", "v").ok());
  ASSERT_TRUE(
      testing::WaitUntil([&] { return storage->db()->GetStatistics().wal_syncs > 0; }, 20s));
  uint64_t syncs = storage->db()->GetStatistics().wal_syncs;
  std::this_thread::sleep_for(20ms);  // twenty intervals with nothing written
  EXPECT_EQ(storage->db()->GetStatistics().wal_syncs, syncs);
}

TEST_F(StorageTest, FailedCommitMakesStorageUnhealthyInEveryMode) {
  config_.wal_sync = WalSync::kCommit;
  auto storage = Open();
  EXPECT_TRUE(storage->health().ok());
  fs_.FailNextSync();
  EXPECT_FALSE(storage->db()->Put(storage->commit_options(), "k", "v").ok());
  EXPECT_EQ(storage->health().code(), StatusCode::kIOError);
}

TEST_F(StorageTest, ClosingDoesNotWaitForTheNextSync) {
  config_.wal_sync = WalSync::kPeriodic;
  config_.wal_sync_interval_ms = 60'000;
  auto storage = Open();
  auto start = std::chrono::steady_clock::now();
  storage.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST_F(StorageTest, DamagedDatabaseIsRefusedWithItsPathAndKind) {
  { auto storage = Open(); }
  auto current = fs_.NewWritableFile("/data/shard-0/CURRENT");
  ASSERT_TRUE(current.ok());
  ASSERT_TRUE((*current)->Append("not a manifest name").ok());
  ASSERT_TRUE((*current)->Close().ok());
  auto storage = Storage::Open(config_, &fs_);
  ASSERT_FALSE(storage.ok());
  EXPECT_EQ(storage.status().code(), StatusCode::kCorruption);
  EXPECT_NE(storage.status().message().find("cannot open storage in /data/shard-0: Corruption:"),
            std::string::npos)
      << storage.status().message();
}

TEST_F(StorageTest, SecondOpenOfTheSameShardIsBusy) {
  auto first = Open();
  auto second = Storage::Open(config_, &fs_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy) << second.status().ToString();
}

}  // namespace
}  // namespace datacave::server
