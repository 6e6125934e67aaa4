#include "core/fault_injection_file_system.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

namespace datacave {
namespace {

class FaultInjectionFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs_.CreateDir("/db").ok()); }

  // Writes a file with `synced` synced then `unsynced` appended, and syncs its directory.
  void WriteDurable(const std::string& path, const std::string& synced,
                    const std::string& unsynced = "") {
    auto f = fs_.NewWritableFile(path);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ASSERT_TRUE((*f)->Append(synced).ok());
    ASSERT_TRUE((*f)->Sync().ok());
    ASSERT_TRUE((*f)->Append(unsynced).ok());
    ASSERT_TRUE((*f)->Close().ok());
    ASSERT_TRUE(fs_.SyncDir("/db").ok());
  }

  std::string Read(const std::string& path) {
    auto text = ReadFileToString(&fs_, path);
    return text.ok() ? *text : "<" + text.status().ToString() + ">";
  }

  std::vector<std::string> List(const std::string& dir) {
    auto names = fs_.ListDir(dir);
    EXPECT_TRUE(names.ok()) << names.status().ToString();
    if (!names.ok()) return {};
    std::sort(names->begin(), names->end());
    return *names;
  }

  FaultInjectionFileSystem fs_;
};

// The same ground as the POSIX file_system_test: the in-memory one must behave alike.
TEST_F(FaultInjectionFileSystemTest, WriteAppendReadBack) {
  WriteDurable("/db/a", "hello ");
  {
    auto f = fs_.NewAppendableFile("/db/a");
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE((*f)->Append("world").ok());
    ASSERT_TRUE((*f)->Flush().ok());
    ASSERT_TRUE((*f)->Close().ok());
    EXPECT_FALSE((*f)->Append("after close").ok());
  }
  EXPECT_EQ(Read("/db/a"), "hello world");
  EXPECT_EQ(*fs_.GetFileSize("/db/a"), 11u);

  auto random = fs_.NewRandomAccessFile("/db/a");
  ASSERT_TRUE(random.ok());
  char scratch[16];
  std::string_view got;
  ASSERT_TRUE((*random)->Read(6, 16, scratch, &got).ok());
  EXPECT_EQ(got, "world");  // short read at end of file
  ASSERT_TRUE((*random)->Read(100, 4, scratch, &got).ok());
  EXPECT_EQ(got, "");

  auto seq = fs_.NewSequentialFile("/db/a");
  ASSERT_TRUE(seq.ok());
  ASSERT_TRUE((*seq)->Skip(6).ok());
  ASSERT_TRUE((*seq)->Read(3, scratch, &got).ok());
  EXPECT_EQ(got, "wor");
  ASSERT_TRUE((*seq)->Read(16, scratch, &got).ok());
  EXPECT_EQ(got, "ld");
}

TEST_F(FaultInjectionFileSystemTest, NewWritableFileTruncates) {
  ASSERT_TRUE(WriteStringToFile(&fs_, "long contents", "/db/t", false).ok());
  ASSERT_TRUE(WriteStringToFile(&fs_, "short", "/db/t", true).ok());
  EXPECT_EQ(Read("/db/t"), "short");
}

TEST_F(FaultInjectionFileSystemTest, DirectoryOperations) {
  ASSERT_TRUE(fs_.CreateDir("/db/d/e").ok());
  ASSERT_TRUE(fs_.CreateDir("/db/d/e/").ok());  // idempotent, trailing slash ignored
  ASSERT_TRUE(WriteStringToFile(&fs_, "x", "/db/d/one", false).ok());
  ASSERT_TRUE(fs_.RenameFile("/db/d/one", "/db/d/two").ok());
  ASSERT_TRUE(fs_.SyncDir("/db/d").ok());
  EXPECT_EQ(List("/db/d"), (std::vector<std::string>{"e", "two"}));
  EXPECT_EQ(List("/db"), (std::vector<std::string>{"d"}));
  EXPECT_TRUE(fs_.FileExists("/db/d/two"));
  EXPECT_TRUE(fs_.FileExists("/db//d/e"));
  EXPECT_FALSE(fs_.FileExists("/db/d/one"));
  EXPECT_FALSE(fs_.RemoveDir("/db/d").ok());  // not empty
  ASSERT_TRUE(fs_.RemoveFile("/db/d/two").ok());
  ASSERT_TRUE(fs_.RemoveDir("/db/d/e").ok());
  ASSERT_TRUE(fs_.RemoveDir("/db/d").ok());
  EXPECT_FALSE(fs_.FileExists("/db/d"));
}

TEST_F(FaultInjectionFileSystemTest, RenameReplacesTarget) {
  WriteDurable("/db/new", "new");
  WriteDurable("/db/CURRENT", "old");
  ASSERT_TRUE(fs_.RenameFile("/db/new", "/db/CURRENT").ok());
  EXPECT_EQ(Read("/db/CURRENT"), "new");
  EXPECT_EQ(List("/db"), (std::vector<std::string>{"CURRENT"}));
}

TEST_F(FaultInjectionFileSystemTest, MissingFilesAreNotFoundWithThePath) {
  auto f = fs_.NewSequentialFile("/db/missing");
  ASSERT_FALSE(f.ok());
  EXPECT_TRUE(f.status().IsNotFound());
  EXPECT_NE(f.status().message().find("/db/missing"), std::string::npos);
  EXPECT_TRUE(fs_.RemoveFile("/db/missing").IsNotFound());
  EXPECT_TRUE(fs_.RenameFile("/db/missing", "/db/x").IsNotFound());
  EXPECT_FALSE(fs_.GetFileSize("/db/missing").ok());
  EXPECT_FALSE(fs_.ListDir("/db/missing").ok());
  EXPECT_TRUE(fs_.NewWritableFile("/nodir/f").status().IsNotFound());
}

TEST_F(FaultInjectionFileSystemTest, LockIsExclusiveUntilReleased) {
  auto first = fs_.LockFile("/db/LOCK");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(fs_.FileExists("/db/LOCK"));
  auto second = fs_.LockFile("/db/LOCK");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  first.value().reset();
  EXPECT_TRUE(fs_.LockFile("/db/LOCK").ok());
}

TEST_F(FaultInjectionFileSystemTest, CrashReleasesLocks) {
  auto before = fs_.LockFile("/db/LOCK");
  ASSERT_TRUE(before.ok());
  fs_.SimulateCrash();
  auto after = fs_.LockFile("/db/LOCK");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  before.value().reset();  // the dead holder's release must not free the new lock
  EXPECT_EQ(fs_.LockFile("/db/LOCK").status().code(), StatusCode::kBusy);
}

// Durability rules.

TEST_F(FaultInjectionFileSystemTest, SyncedDataSurvivesAndUnsyncedIsDropped) {
  WriteDurable("/db/log", "synced", "-unsynced");
  EXPECT_EQ(Read("/db/log"), "synced-unsynced");
  fs_.SimulateCrash();
  EXPECT_EQ(Read("/db/log"), "synced");
}

TEST_F(FaultInjectionFileSystemTest, UnsyncedTruncationReverts) {
  WriteDurable("/db/f", "old contents");
  ASSERT_TRUE(WriteStringToFile(&fs_, "new", "/db/f", false).ok());
  fs_.SimulateCrash({.torn_write_seed = 7});  // a truncated file is never torn
  EXPECT_EQ(Read("/db/f"), "old contents");
}

TEST_F(FaultInjectionFileSystemTest, TornWriteKeepsAPrefixOfTheUnsyncedBytes) {
  const std::string tail = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::set<size_t> sizes;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    WriteDurable("/db/log", "head:", tail);
    fs_.SimulateCrash({.torn_write_seed = seed});
    const std::string got = Read("/db/log");
    ASSERT_GE(got.size(), 5u);
    ASSERT_EQ(got, ("head:" + tail).substr(0, got.size())) << "seed " << seed;
    sizes.insert(got.size());
  }
  EXPECT_GT(sizes.size(), 5u);  // the seed really varies the cut
}

TEST_F(FaultInjectionFileSystemTest, NewFileWithoutSyncDirVanishes) {
  WriteDurable("/db/old", "x");
  ASSERT_TRUE(WriteStringToFile(&fs_, "synced data", "/db/new", /*sync=*/true).ok());
  fs_.SimulateCrash();
  EXPECT_FALSE(fs_.FileExists("/db/new"));
  EXPECT_EQ(List("/db"), (std::vector<std::string>{"old"}));
}

TEST_F(FaultInjectionFileSystemTest, RenameWithoutSyncDirReverts) {
  WriteDurable("/db/CURRENT", "manifest-1");
  WriteDurable("/db/CURRENT.tmp", "manifest-2");
  ASSERT_TRUE(fs_.RenameFile("/db/CURRENT.tmp", "/db/CURRENT").ok());
  fs_.SimulateCrash();
  EXPECT_EQ(Read("/db/CURRENT"), "manifest-1");
  EXPECT_EQ(Read("/db/CURRENT.tmp"), "manifest-2");

  ASSERT_TRUE(fs_.RenameFile("/db/CURRENT.tmp", "/db/CURRENT").ok());
  ASSERT_TRUE(fs_.SyncDir("/db").ok());
  fs_.SimulateCrash();
  EXPECT_EQ(Read("/db/CURRENT"), "manifest-2");
  EXPECT_FALSE(fs_.FileExists("/db/CURRENT.tmp"));
}

TEST_F(FaultInjectionFileSystemTest, RemovalWithoutSyncDirReverts) {
  WriteDurable("/db/000005.log", "records", "+tail");
  ASSERT_TRUE(fs_.RemoveFile("/db/000005.log").ok());
  EXPECT_FALSE(fs_.FileExists("/db/000005.log"));
  fs_.SimulateCrash();
  EXPECT_EQ(Read("/db/000005.log"), "records");

  ASSERT_TRUE(fs_.RemoveFile("/db/000005.log").ok());
  ASSERT_TRUE(fs_.SyncDir("/db").ok());
  fs_.SimulateCrash();
  EXPECT_FALSE(fs_.FileExists("/db/000005.log"));
}

TEST_F(FaultInjectionFileSystemTest, RemovedFileStaysUsableThroughOpenHandles) {
  WriteDurable("/db/f", "abc");
  auto f = fs_.NewRandomAccessFile("/db/f");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(fs_.RemoveFile("/db/f").ok());
  char scratch[8];
  std::string_view got;
  ASSERT_TRUE((*f)->Read(0, 8, scratch, &got).ok());
  EXPECT_EQ(got, "abc");
}

TEST_F(FaultInjectionFileSystemTest, HandlesAreInvalidAfterCrash) {
  WriteDurable("/db/f", "abc");
  auto writer = fs_.NewAppendableFile("/db/f");
  auto random = fs_.NewRandomAccessFile("/db/f");
  auto seq = fs_.NewSequentialFile("/db/f");
  ASSERT_TRUE(writer.ok() && random.ok() && seq.ok());
  fs_.SimulateCrash();
  char scratch[8];
  std::string_view got;
  EXPECT_EQ((*writer)->Append("x").code(), StatusCode::kIOError);
  EXPECT_EQ((*writer)->Sync().code(), StatusCode::kIOError);
  EXPECT_EQ((*writer)->Flush().code(), StatusCode::kIOError);
  EXPECT_EQ((*writer)->Close().code(), StatusCode::kIOError);
  EXPECT_EQ((*random)->Read(0, 8, scratch, &got).code(), StatusCode::kIOError);
  EXPECT_EQ((*seq)->Read(8, scratch, &got).code(), StatusCode::kIOError);
  EXPECT_EQ((*seq)->Skip(1).code(), StatusCode::kIOError);
  EXPECT_EQ(Read("/db/f"), "abc");  // new handles work
}

// Injected faults.

TEST_F(FaultInjectionFileSystemTest, InjectedSyncFailureSurfacesAndLosesTheData) {
  auto f = fs_.NewWritableFile("/db/log");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(fs_.SyncDir("/db").ok());
  ASSERT_TRUE((*f)->Append("good").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  fs_.FailNextSync();
  ASSERT_TRUE((*f)->Append("LOST").ok());
  EXPECT_EQ((*f)->Sync().code(), StatusCode::kIOError);
  EXPECT_EQ(Read("/db/log"), "goodLOST");  // still in the "page cache"
  // A retried sync succeeds, but the bytes whose writeback failed never reach the disk.
  ASSERT_TRUE((*f)->Append("more").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  fs_.SimulateCrash();
  EXPECT_EQ(Read("/db/log"), std::string("good\0\0\0\0more", 12));
  EXPECT_EQ(fs_.stats().failed_syncs, 1u);
}

TEST_F(FaultInjectionFileSystemTest, FailSyncAfterCountsFileAndDirectorySyncs) {
  fs_.FailSyncAfter(2, /*failures=*/2);
  auto f = fs_.NewWritableFile("/db/f");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE((*f)->Sync().ok());
  EXPECT_TRUE(fs_.SyncDir("/db").ok());
  EXPECT_EQ(fs_.SyncDir("/db").code(), StatusCode::kIOError);
  EXPECT_EQ((*f)->Sync().code(), StatusCode::kIOError);
  EXPECT_TRUE((*f)->Sync().ok());  // the two failures are used up
  fs_.FailSyncAfter(0);            // forever
  for (int i = 0; i < 3; ++i) EXPECT_FALSE((*f)->Sync().ok());
  fs_.ClearFaults();
  EXPECT_TRUE((*f)->Sync().ok());
  EXPECT_EQ(fs_.stats().failed_syncs, 5u);
}

TEST_F(FaultInjectionFileSystemTest, FailedSyncDirMakesNothingDurable) {
  ASSERT_TRUE(WriteStringToFile(&fs_, "data", "/db/f", true).ok());
  fs_.FailNextSync();
  EXPECT_EQ(fs_.SyncDir("/db").code(), StatusCode::kIOError);
  fs_.SimulateCrash();
  EXPECT_FALSE(fs_.FileExists("/db/f"));
}

TEST_F(FaultInjectionFileSystemTest, InjectedAppendFailureAppendsNothing) {
  auto f = fs_.NewWritableFile("/db/f");
  ASSERT_TRUE(f.ok());
  fs_.FailAppendAfter(1);
  EXPECT_TRUE((*f)->Append("ok").ok());
  Status s = (*f)->Append("full");
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_NE(s.message().find("no space"), std::string::npos);
  EXPECT_EQ(*fs_.GetFileSize("/db/f"), 2u);
  EXPECT_EQ(fs_.stats().failed_appends, 1u);
}

TEST_F(FaultInjectionFileSystemTest, FilesReportsSyncedAndTotalSizes) {
  WriteDurable("/db/a", "12345", "678");
  WriteDurable("/db/c", "gone");
  ASSERT_TRUE(WriteStringToFile(&fs_, "xy", "/db/b", false).ok());
  ASSERT_TRUE(fs_.RemoveFile("/db/c").ok());
  std::vector<FaultFileInfo> files = fs_.Files();
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, "/db/a");
  EXPECT_EQ(files[0].size, 8u);
  EXPECT_EQ(files[0].synced_size, 5u);
  EXPECT_TRUE(files[0].live && files[0].durable_entry);
  EXPECT_EQ(files[1].path, "/db/b");
  EXPECT_EQ(files[1].synced_size, 0u);
  EXPECT_TRUE(files[1].live);
  EXPECT_FALSE(files[1].durable_entry);
  EXPECT_EQ(files[2].path, "/db/c");
  EXPECT_FALSE(files[2].live);
  EXPECT_TRUE(files[2].durable_entry);
}

TEST_F(FaultInjectionFileSystemTest, ConcurrentWritersAndListers) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      const std::string path = "/db/f" + std::to_string(t);
      auto f = fs_.NewWritableFile(path);
      ASSERT_TRUE(f.ok());
      for (int i = 0; i < 500; ++i) {
        ASSERT_TRUE((*f)->Append("0123456789").ok());
        if (i % 50 == 0) {
          ASSERT_TRUE((*f)->Sync().ok());
        }
        if (i % 100 == 0) {
          ASSERT_TRUE(fs_.ListDir("/db").ok());
        }
      }
      ASSERT_TRUE((*f)->Sync().ok());
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE(fs_.SyncDir("/db").ok());
  fs_.SimulateCrash();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(*fs_.GetFileSize("/db/f" + std::to_string(t)), 5000u);
}

}  // namespace
}  // namespace datacave
