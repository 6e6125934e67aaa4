#include "lsm/db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "core/fault_injection_file_system.h"
#include "lsm/filename.h"
#include "lsm/log_writer.h"
#include "lsm/write_batch.h"
#include "support/process.h"

namespace datacave::lsm {
namespace {

class DBTest : public ::testing::Test {
 protected:
  DBTest() {
    options_.file_system = &fs_;
    options_.write_buffer_size = 64 << 10;  // small, so tests cross memtable switches
    options_.block_cache_size = 1 << 20;
  }

  void Open() {
    db_.reset();
    auto db = DB::Open(options_, path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }

  std::string Get(std::string_view key, const Snapshot* snapshot = nullptr) {
    ReadOptions ro;
    ro.snapshot = snapshot;
    std::string value;
    Status s = db_->Get(ro, key, &value);
    if (s.IsNotFound()) return "NOT_FOUND";
    if (!s.ok()) return "ERROR: " + s.ToString();
    return value;
  }

  std::string Contents(const Snapshot* snapshot = nullptr) {
    ReadOptions ro;
    ro.snapshot = snapshot;
    auto it = db_->NewIterator(ro);
    std::string out;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out += std::string(it->key()) + "=" + std::string(it->value()) + " ";
    }
    if (!it->status().ok()) out += "ERROR: " + it->status().ToString();
    return out;
  }

  FaultInjectionFileSystem fs_;
  Options options_;
  std::string path_ = "/db";
  std::unique_ptr<DB> db_;
  WriteOptions sync_{.sync = true};
};

TEST_F(DBTest, PutGetDeleteAndIterate) {
  Open();
  EXPECT_EQ(Get("a"), "NOT_FOUND");
  ASSERT_TRUE(db_->Put({}, "a", "1").ok());
  ASSERT_TRUE(db_->Put({}, "b", "2").ok());
  ASSERT_TRUE(db_->Put({}, "a", "3").ok());
  EXPECT_EQ(Get("a"), "3");
  ASSERT_TRUE(db_->Delete({}, "b").ok());
  EXPECT_EQ(Get("b"), "NOT_FOUND");
  EXPECT_EQ(Contents(), "a=3 ");
  EXPECT_EQ(db_->LatestSequence(), 4u);
}

TEST_F(DBTest, BatchesAreAtomicAndSequenced) {
  Open();
  WriteBatch batch;
  batch.Put("x", "1");
  batch.Put("y", "2");
  batch.Delete("x");
  ASSERT_TRUE(db_->Write({}, &batch).ok());
  EXPECT_EQ(Contents(), "y=2 ");
  EXPECT_EQ(db_->LatestSequence(), 3u);
  WriteBatch empty;
  ASSERT_TRUE(db_->Write({}, &empty).ok());
  EXPECT_EQ(db_->LatestSequence(), 3u);
}

TEST_F(DBTest, SurvivesReopenFromWalAndFromTables) {
  Open();
  ASSERT_TRUE(db_->Put({}, "wal", "only").ok());
  Open();  // clean close: the memtable was only in the WAL
  EXPECT_EQ(Get("wal"), "only");
  ASSERT_TRUE(db_->Put({}, "flushed", "yes").ok());
  ASSERT_TRUE(db_->Flush().ok());
  EXPECT_GE(db_->GetStatistics().files_per_level[0], 1);
  Open();
  EXPECT_EQ(Get("wal"), "only");
  EXPECT_EQ(Get("flushed"), "yes");
  // Sequence numbers continue after recovery.
  SequenceNumber before = db_->LatestSequence();
  ASSERT_TRUE(db_->Put({}, "next", "v").ok());
  EXPECT_EQ(db_->LatestSequence(), before + 1);
}

TEST_F(DBTest, ManyWritesCrossMemtablesAndStayReadable) {
  Open();
  std::string value(100, 'v');
  for (int i = 0; i < 5000; i++) {
    ASSERT_TRUE(db_->Put({}, "key" + std::to_string(i), value + std::to_string(i)).ok());
  }
  ASSERT_TRUE(db_->Flush().ok());
  Statistics stats = db_->GetStatistics();
  EXPECT_GT(stats.flushes, 3u);
  EXPECT_GT(stats.WriteAmplification(), 1.0);
  for (int i = 0; i < 5000; i += 97)
    EXPECT_EQ(Get("key" + std::to_string(i)), value + std::to_string(i));
  Open();
  int count = 0;
  auto it = db_->NewIterator({});
  for (it->SeekToFirst(); it->Valid(); it->Next()) count++;
  EXPECT_EQ(count, 5000);
  EXPECT_TRUE(it->status().ok());
  EXPECT_GT(db_->GetStatistics().block_cache_misses, 0u);
}

TEST_F(DBTest, DeleteRangeHidesKeysInMemtableAndTables) {
  Open();
  for (char c = 'a'; c <= 'f'; c++) ASSERT_TRUE(db_->Put({}, std::string(1, c), "old").ok());
  ASSERT_TRUE(db_->Flush().ok());
  auto before = db_->GetSnapshot();
  ASSERT_TRUE(db_->DeleteRange({}, "b", "e").ok());
  ASSERT_TRUE(db_->Put({}, "c", "new").ok());  // written after the range delete: visible
  EXPECT_EQ(Contents(), "a=old c=new e=old f=old ");
  EXPECT_EQ(Get("b"), "NOT_FOUND");
  EXPECT_EQ(Get("d"), "NOT_FOUND");
  EXPECT_EQ(Get("e"), "old");  // the end is exclusive
  EXPECT_EQ(Contents(before.get()), "a=old b=old c=old d=old e=old f=old ");
  ASSERT_TRUE(db_->Flush().ok());  // the tombstone moves into a table
  EXPECT_EQ(Contents(), "a=old c=new e=old f=old ");
  Open();
  EXPECT_EQ(Contents(), "a=old c=new e=old f=old ");
  EXPECT_EQ(Get("d"), "NOT_FOUND");
  // An empty or inverted range deletes nothing.
  ASSERT_TRUE(db_->DeleteRange({}, "z", "a").ok());
  EXPECT_EQ(Get("a"), "old");
}

TEST_F(DBTest, SnapshotsSeeThePast) {
  Open();
  ASSERT_TRUE(db_->Put({}, "k", "v1").ok());
  auto s1 = db_->GetSnapshot();
  ASSERT_TRUE(db_->Put({}, "k", "v2").ok());
  ASSERT_TRUE(db_->Flush().ok());
  ASSERT_TRUE(db_->Delete({}, "k").ok());
  EXPECT_EQ(Get("k", s1.get()), "v1");
  EXPECT_EQ(Get("k"), "NOT_FOUND");
  EXPECT_EQ(Contents(s1.get()), "k=v1 ");
}

TEST_F(DBTest, LatestSequenceForKeyCountsEveryKindOfWrite) {
  Open();
  EXPECT_EQ(*db_->GetLatestSequenceForKey("k"), 0u);
  ASSERT_TRUE(db_->Put({}, "k", "v").ok());      // 1
  ASSERT_TRUE(db_->Put({}, "other", "v").ok());  // 2
  EXPECT_EQ(*db_->GetLatestSequenceForKey("k"), 1u);
  ASSERT_TRUE(db_->Delete({}, "k").ok());  // 3
  EXPECT_EQ(*db_->GetLatestSequenceForKey("k"), 3u);
  ASSERT_TRUE(db_->Flush().ok());
  EXPECT_EQ(*db_->GetLatestSequenceForKey("k"), 3u);
  ASSERT_TRUE(db_->DeleteRange({}, "a", "z").ok());  // 4
  EXPECT_EQ(*db_->GetLatestSequenceForKey("k"), 4u);
  EXPECT_EQ(*db_->GetLatestSequenceForKey("zz"), 0u);
}

TEST_F(DBTest, ConcurrentSyncWritersAreGroupCommitted) {
  Open();
  constexpr int kThreads = 8, kWrites = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; i++) {
        ASSERT_TRUE(db_->Put(sync_, "t" + std::to_string(t) + "-" + std::to_string(i), "v").ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  Statistics stats = db_->GetStatistics();
  EXPECT_EQ(db_->LatestSequence(), uint64_t{kThreads * kWrites});
  EXPECT_GE(stats.wal_syncs, 1u);
  EXPECT_LE(stats.wal_syncs, uint64_t{kThreads * kWrites});
  // Everything acknowledged with sync survives a power cut.
  db_.reset();
  fs_.SimulateCrash({});
  Open();
  for (int t = 0; t < kThreads; t++) {
    for (int i = 0; i < kWrites; i += 17) {
      EXPECT_EQ(Get("t" + std::to_string(t) + "-" + std::to_string(i)), "v");
    }
  }
}

TEST_F(DBTest, FlushesInterleaveWithConcurrentWriters) {
  Open();
  std::atomic<bool> stop{false};
  std::thread flusher([&] {
    while (!stop) ASSERT_TRUE(db_->Flush().ok());
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; t++) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 300; i++) {
        ASSERT_TRUE(db_->Put({}, "w" + std::to_string(t) + "-" + std::to_string(i), "v").ok());
      }
    });
  }
  for (auto& w : writers) w.join();
  stop = true;
  flusher.join();
  int count = 0;
  auto it = db_->NewIterator({});
  for (it->SeekToFirst(); it->Valid(); it->Next()) count++;
  EXPECT_EQ(count, 1200);
}

TEST_F(DBTest, FailedSyncStopsWritesAndIsNeverReportedAsSuccess) {
  Open();
  ASSERT_TRUE(db_->Put(sync_, "before", "1").ok());
  fs_.FailNextSync();
  Status s = db_->Put(sync_, "during", "2");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  // The engine does not carry on as if the data were durable.
  EXPECT_FALSE(db_->Put(sync_, "after", "3").ok());
  EXPECT_FALSE(db_->Put({}, "after", "3").ok());
  EXPECT_EQ(Get("before"), "1");
  EXPECT_EQ(Get("during"), "NOT_FOUND");
  db_.reset();
  fs_.SimulateCrash({});
  fs_.ClearFaults();
  Open();
  EXPECT_EQ(Get("before"), "1");
  EXPECT_EQ(Get("after"), "NOT_FOUND");
}

TEST_F(DBTest, SyncWalMakesEarlierUnsyncedWritesDurable) {
  Open();
  ASSERT_TRUE(db_->Put({}, "a", "1").ok());
  ASSERT_TRUE(db_->Put({}, "b", "2").ok());
  ASSERT_TRUE(db_->SyncWal().ok());
  ASSERT_TRUE(db_->Put({}, "c", "3").ok());  // after the sync: may be lost
  EXPECT_EQ(db_->GetStatistics().wal_syncs, 1u);
  db_.reset();
  fs_.SimulateCrash({});
  Open();
  EXPECT_EQ(Get("a"), "1");
  EXPECT_EQ(Get("b"), "2");
  EXPECT_EQ(Get("c"), "NOT_FOUND");
}

TEST_F(DBTest, FailedSyncWalStopsWrites) {
  Open();
  ASSERT_TRUE(db_->Put({}, "a", "1").ok());
  fs_.FailNextSync();
  EXPECT_EQ(db_->SyncWal().code(), StatusCode::kIOError);
  EXPECT_FALSE(db_->Put({}, "b", "2").ok());
  EXPECT_FALSE(db_->SyncWal().ok());
}

TEST_F(DBTest, TornWalTailIsDroppedAndEarlierWritesKept) {
  Open();
  ASSERT_TRUE(db_->Put(sync_, "kept", "1").ok());
  ASSERT_TRUE(db_->Put({}, "maybe", std::string(5000, 'x')).ok());  // never synced
  db_.reset();
  fs_.SimulateCrash({.torn_write_seed = 7});
  Open();
  EXPECT_EQ(Get("kept"), "1");
  std::string maybe = Get("maybe");
  EXPECT_TRUE(maybe == "NOT_FOUND" || maybe == std::string(5000, 'x'));  // never half
}

// A crash may lose unsynced writes, but only from the end: never an earlier write while a
// later one survives, even when they sit in different logs (a memtable switch between each).
TEST_F(DBTest, UnsyncedWritesAcrossLogSwitchesAreLostOnlyFromTheEnd) {
  options_.write_buffer_size = 1;  // every write switches to a new memtable and log
  for (uint64_t seed = 1; seed <= 40; seed++) {
    path_ = "/db" + std::to_string(seed);
    Open();
    for (int i = 0; i < 6; i++) {
      ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), std::string(100, 'v')).ok());
    }
    db_.reset();
    fs_.SimulateCrash({.torn_write_seed = seed});
    Open();
    bool missing = false;
    for (int i = 0; i < 6; i++) {
      bool found = Get("k" + std::to_string(i)) != "NOT_FOUND";
      EXPECT_FALSE(found && missing) << "k" << i << " survived an earlier loss, seed " << seed;
      missing = missing || !found;
    }
    db_.reset();
  }
}

TEST_F(DBTest, ASyncWriteMakesEveryEarlierLogDurable) {
  // Switching logs does not sync the old one; the next sync write must, before its own.
  options_.write_buffer_size = 1;
  for (uint64_t seed = 1; seed <= 20; seed++) {
    path_ = "/sync" + std::to_string(seed);
    Open();
    for (int i = 0; i < 5; i++) {
      ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), std::string(100, 'v')).ok());
    }
    WriteOptions sync;
    sync.sync = true;
    ASSERT_TRUE(db_->Put(sync, "k5", "last").ok());
    db_.reset();
    fs_.SimulateCrash({.torn_write_seed = seed});
    Open();
    for (int i = 0; i < 5; i++) {
      EXPECT_EQ(Get("k" + std::to_string(i)), std::string(100, 'v')) << "seed " << seed;
    }
    EXPECT_EQ(Get("k5"), "last");
    db_.reset();
  }
}

TEST_F(DBTest, RecoveryStopsWhereAnOlderLogLostItsTail) {
  // Two logs as a crash can leave them when the older one was never synced: its last
  // record is gone, the newer one is intact. Replaying the newer one would bring back a
  // write without the one before it, so recovery must stop at the gap.
  Open();
  db_.reset();
  auto write_log = [&](uint64_t number,
                       const std::vector<std::pair<SequenceNumber, std::string>>& puts,
                       SequenceNumber start) {
    auto file = fs_.NewWritableFile(LogFileName(path_, number));
    ASSERT_TRUE(file.ok());
    log::Writer writer(file->get());
    WriteBatch marker;
    marker.SetSequence(start);
    ASSERT_TRUE(writer.AddRecord(marker.Contents()).ok());
    for (const auto& [sequence, key] : puts) {
      WriteBatch batch;
      batch.Put(key, "v");
      batch.SetSequence(sequence);
      ASSERT_TRUE(writer.AddRecord(batch.Contents()).ok());
    }
    ASSERT_TRUE((*file)->Close().ok());
  };
  write_log(100, {{1, "a"}}, 1);  // "b" at sequence 2 was lost with the log's tail
  write_log(101, {{3, "c"}}, 3);
  Open();
  EXPECT_EQ(Get("a"), "v");
  EXPECT_EQ(Get("c"), "NOT_FOUND");
  // The discarded log is gone: new writes and another reopen do not bring "c" back.
  ASSERT_TRUE(db_->Put({}, "d", "v").ok());
  db_.reset();
  Open();
  EXPECT_EQ(Get("c"), "NOT_FOUND");
  EXPECT_EQ(Get("d"), "v");
}

TEST_F(DBTest, RecoveryReplaysLogsWithoutGapsInFull) {
  Open();
  db_.reset();
  for (uint64_t number : {uint64_t{100}, uint64_t{101}}) {
    auto file = fs_.NewWritableFile(LogFileName(path_, number));
    ASSERT_TRUE(file.ok());
    log::Writer writer(file->get());
    const SequenceNumber start = number == 100 ? 1 : 3;
    WriteBatch marker;
    marker.SetSequence(start);
    ASSERT_TRUE(writer.AddRecord(marker.Contents()).ok());
    for (SequenceNumber sequence = start; sequence < start + 2; sequence++) {
      WriteBatch batch;
      batch.Put("k" + std::to_string(sequence), "v");
      batch.SetSequence(sequence);
      ASSERT_TRUE(writer.AddRecord(batch.Contents()).ok());
    }
    ASSERT_TRUE((*file)->Close().ok());
  }
  Open();
  for (int i = 1; i <= 4; i++) EXPECT_EQ(Get("k" + std::to_string(i)), "v") << i;
}

TEST_F(DBTest, CorruptionInTheMiddleOfTheWalRefusesToOpen) {
  Open();
  for (int i = 0; i < 50; i++) ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), "v").ok());
  db_.reset();
  // Flip a byte early in the live log: damage followed by intact records.
  std::string log;
  for (const auto& f : fs_.Files()) {
    if (f.path.size() > 4 && f.path.substr(f.path.size() - 4) == ".log" && f.size > 0) log = f.path;
  }
  ASSERT_FALSE(log.empty());
  auto contents = ReadFileToString(&fs_, log);
  ASSERT_TRUE(contents.ok());
  std::string damaged = *contents;
  damaged[20] = static_cast<char>(damaged[20] ^ 0x40);
  ASSERT_TRUE(WriteStringToFile(&fs_, damaged, log, true).ok());
  auto db = DB::Open(options_, path_);
  ASSERT_FALSE(db.ok());
  EXPECT_TRUE(db.status().IsCorruption()) << db.status().ToString();
  EXPECT_NE(db.status().message().find(".log"), std::string::npos);
}

TEST_F(DBTest, CorruptTableIsReportedNotReadAsData) {
  options_.block_cache_size = 0;
  Open();
  for (int i = 0; i < 100; i++) ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), "value").ok());
  ASSERT_TRUE(db_->Flush().ok());
  db_.reset();
  std::string table;
  for (const auto& f : fs_.Files()) {
    if (f.path.size() > 4 && f.path.substr(f.path.size() - 4) == ".sst") table = f.path;
  }
  ASSERT_FALSE(table.empty());
  std::string contents = *ReadFileToString(&fs_, table);
  contents[10] = static_cast<char>(contents[10] ^ 1);
  ASSERT_TRUE(WriteStringToFile(&fs_, contents, table, true).ok());
  Open();
  std::string got = Get("k1");
  EXPECT_NE(got.find("Corruption"), std::string::npos) << got;
  EXPECT_NE(got.find(".sst"), std::string::npos) << got;
  EXPECT_NE(Contents().find("Corruption"), std::string::npos);
}

TEST_F(DBTest, CompactionMovesDataDownAndKeepsItReadable) {
  options_.max_bytes_for_level_base = 64 << 10;
  options_.target_file_size = 16 << 10;
  Open();
  std::string value(100, 'v');
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < 3000; i++) {
      ASSERT_TRUE(db_->Put({}, "key" + std::to_string(i), value + std::to_string(round)).ok());
    }
  }
  ASSERT_TRUE(db_->Flush().ok());
  Statistics stats = db_->GetStatistics();
  EXPECT_GT(stats.compactions, 0u);
  EXPECT_LT(stats.files_per_level[0], options_.l0_stop_writes_trigger);
  uint64_t deeper = 0;
  for (size_t level = 1; level < stats.bytes_per_level.size(); level++) {
    deeper += stats.bytes_per_level[level];
  }
  EXPECT_GT(deeper, 0u);
  for (int i = 0; i < 3000; i += 61) EXPECT_EQ(Get("key" + std::to_string(i)), value + "2");
  Open();
  int count = 0;
  auto it = db_->NewIterator({});
  for (it->SeekToFirst(); it->Valid(); it->Next()) count++;
  EXPECT_EQ(count, 3000);
}

// Many small files per level, so that reads go through the per-level binary search and
// the concatenating level iterator.
TEST_F(DBTest, CompactRangeMovesDataDownAndReadsStillSeeEveryKey) {
  options_.target_file_size = 4 << 10;
  options_.max_bytes_for_level_base = 1 << 30;  // no automatic compaction below level 0
  options_.write_buffer_size = 4 << 20;         // a table per explicit Flush only
  options_.compression = CompressionType::kNone;
  Open();
  std::map<std::string, std::string> model;
  auto key = [](int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "key%06d", i);
    return std::string(buf);
  };
  for (int round = 0; round < 3; round++) {
    for (int i = round; i < 3000; i += 2) {
      std::string value = "v" + std::to_string(round) + std::string(100, 'x');
      ASSERT_TRUE(db_->Put({}, key(i), value).ok());
      model[key(i)] = value;
    }
    ASSERT_TRUE(db_->Flush().ok());
  }
  ASSERT_TRUE(db_->DeleteRange({}, key(1000), key(2000)).ok());
  model.erase(model.lower_bound(key(1000)), model.lower_bound(key(2000)));
  auto snapshot = db_->GetSnapshot();  // keeps nothing: taken after every write
  ASSERT_TRUE(db_->CompactRange(std::nullopt, std::nullopt).ok());
  Statistics stats = db_->GetStatistics();
  EXPECT_EQ(stats.files_per_level[0], 0);
  EXPECT_GT(stats.files_per_level[1], 10);
  EXPECT_GT(stats.compactions, 0u);

  for (int i = 0; i < 3000; i++) {
    auto found = model.find(key(i));
    EXPECT_EQ(Get(key(i)), found == model.end() ? "NOT_FOUND" : found->second) << key(i);
  }
  auto it = db_->NewIterator({});
  auto expected = model.begin();
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    ASSERT_NE(expected, model.end());
    ASSERT_EQ(it->key(), expected->first);
  }
  EXPECT_EQ(expected, model.end());
  auto reverse = model.rbegin();
  for (it->SeekToLast(); it->Valid(); it->Prev(), ++reverse) {
    ASSERT_NE(reverse, model.rend());
    ASSERT_EQ(it->key(), reverse->first);
  }
  EXPECT_EQ(reverse, model.rend());
  for (int i = 0; i < 3100; i += 7) {
    it->Seek(key(i));
    auto want = model.lower_bound(key(i));
    if (want == model.end()) {
      EXPECT_FALSE(it->Valid());
    } else {
      ASSERT_TRUE(it->Valid());
      EXPECT_EQ(it->key(), want->first);
      EXPECT_EQ(it->value(), want->second);
    }
  }
  ASSERT_TRUE(it->status().ok()) << it->status().ToString();

  // A second compaction of a sub-range finds everything already at the bottom.
  uint64_t compactions = db_->GetStatistics().compactions;
  ASSERT_TRUE(db_->CompactRange(key(10), key(20)).ok());
  EXPECT_EQ(db_->GetStatistics().compactions, compactions);
  Open();
  EXPECT_EQ(Get(key(1500)), "NOT_FOUND");
  EXPECT_EQ(Get(key(2500)), model[key(2500)]);
}

TEST_F(DBTest, CompactRangeReclaimsSpaceOfDeletedKeys) {
  Open();
  for (int i = 0; i < 2000; i++) {
    ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), std::string(100, 'v')).ok());
  }
  ASSERT_TRUE(db_->CompactRange(std::nullopt, std::nullopt).ok());
  auto total = [&] {
    uint64_t bytes = 0;
    for (uint64_t b : db_->GetStatistics().bytes_per_level) bytes += b;
    return bytes;
  };
  uint64_t before = total();
  ASSERT_TRUE(db_->DeleteRange({}, "k", "l").ok());
  ASSERT_TRUE(db_->CompactRange(std::nullopt, std::nullopt).ok());
  EXPECT_LT(total(), before / 10);
  EXPECT_EQ(Contents(), "");
}

TEST_F(DBTest, CompactionKeepsWhatSnapshotsSee) {
  options_.l0_compaction_trigger = 2;
  Open();
  for (int i = 0; i < 200; i++) ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), "old").ok());
  auto snapshot = db_->GetSnapshot();
  for (int round = 0; round < 5; round++) {
    for (int i = 0; i < 200; i++) ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), "new").ok());
    ASSERT_TRUE(db_->Delete({}, "k7").ok());
    ASSERT_TRUE(db_->Flush().ok());
  }
  EXPECT_GT(db_->GetStatistics().compactions, 0u);
  EXPECT_EQ(Get("k5", snapshot.get()), "old");
  EXPECT_EQ(Get("k7", snapshot.get()), "old");
  EXPECT_EQ(Get("k5"), "new");
  EXPECT_EQ(Get("k7"), "NOT_FOUND");
}

TEST_F(DBTest, CompactionReclaimsSpaceOfDeletedRanges) {
  options_.l0_compaction_trigger = 2;
  Open();
  std::string value(200, 'x');
  for (int i = 0; i < 2000; i++) {
    char key[16];
    std::snprintf(key, sizeof key, "k%05d", i);
    ASSERT_TRUE(db_->Put({}, key, value).ok());
  }
  ASSERT_TRUE(db_->Flush().ok());
  ASSERT_TRUE(db_->DeleteRange({}, "k00000", "k01900").ok());
  ASSERT_TRUE(db_->Delete({}, "k01950").ok());
  // Push everything through compaction: more flushes of unrelated keys.
  for (int round = 0; round < 4; round++) {
    ASSERT_TRUE(db_->Put({}, "z" + std::to_string(round), "v").ok());
    ASSERT_TRUE(db_->Flush().ok());
  }
  Statistics stats = db_->GetStatistics();
  uint64_t total = 0;
  for (uint64_t b : stats.bytes_per_level) total += b;
  EXPECT_LT(total, 2000u * 200 / 4) << "deleted data should be gone after compaction";
  EXPECT_EQ(Get("k00500"), "NOT_FOUND");
  EXPECT_EQ(Get("k01950"), "NOT_FOUND");
  EXPECT_EQ(Get("k01960"), value);
  int count = 0;
  auto it = db_->NewIterator({});
  for (it->SeekToFirst(); it->Valid(); it->Next()) count++;
  EXPECT_EQ(count, 99 + 4);
}

TEST_F(DBTest, DeletionsAboveOlderDataSurviveCompaction) {
  options_.l0_compaction_trigger = 2;
  options_.max_bytes_for_level_base = 16 << 10;
  options_.target_file_size = 4 << 10;
  Open();
  std::string value(100, 'x');
  // Enough data to reach levels 2 and beyond.
  for (int i = 0; i < 3000; i++) {
    char key[16];
    std::snprintf(key, sizeof key, "k%05d", i);
    ASSERT_TRUE(db_->Put({}, key, value).ok());
  }
  ASSERT_TRUE(db_->Flush().ok());
  Statistics before = db_->GetStatistics();
  ASSERT_GT(before.files_per_level[2] + before.files_per_level[3], 0);
  // Delete keys whose values now live deep down, then let only shallow compactions run.
  for (int i = 0; i < 3000; i += 100) {
    char key[16];
    std::snprintf(key, sizeof key, "k%05d", i);
    ASSERT_TRUE(db_->Delete({}, key).ok());
    ASSERT_TRUE(db_->Flush().ok());
  }
  for (int i = 0; i < 3000; i += 100) {
    char key[16];
    std::snprintf(key, sizeof key, "k%05d", i);
    EXPECT_EQ(Get(key), "NOT_FOUND") << key;
  }
  EXPECT_EQ(Get("k00001"), value);
}

TEST_F(DBTest, TinyWriteBufferStillMakesProgress) {
  options_.write_buffer_size = 1;  // smaller than an empty memtable
  Open();
  for (int i = 0; i < 50; i++) ASSERT_TRUE(db_->Put({}, "k" + std::to_string(i), "v").ok());
  ASSERT_TRUE(db_->Flush().ok());
  EXPECT_EQ(Get("k49"), "v");
  EXPECT_LE(db_->GetStatistics().flushes, 51u);
}

TEST_F(DBTest, SecondOpenOfTheSameDirectoryIsRefused) {
  Open();
  auto second = DB::Open(options_, path_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
}

TEST_F(DBTest, OpenOptionsAreHonored) {
  options_.create_if_missing = false;
  EXPECT_FALSE(DB::Open(options_, path_).ok());
  options_.create_if_missing = true;
  Open();
  db_.reset();
  options_.error_if_exists = true;
  EXPECT_FALSE(DB::Open(options_, path_).ok());
  options_.error_if_exists = false;
  options_.l0_compaction_trigger = options_.l0_stop_writes_trigger + 1;  // would hang writes
  EXPECT_EQ(DB::Open(options_, path_).status().code(), StatusCode::kInvalidArgument);
}

// On the real file system tables are mapped and uncompressed blocks read in place (never
// cached); compressed ones go through the block cache. A flipped bit is caught either way.
TEST_F(DBTest, MappedTablesAreReadInPlaceAndDamageIsCaught) {
  for (CompressionType compression : {CompressionType::kNone, CompressionType::kLz4}) {
    testing::TempDir dir;
    Options options;
    options.compression = compression;
    options.block_cache_size = 1 << 20;
    const std::string path = dir.path() + "/db";
    auto db = DB::Open(options, path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto value_of = [](int i) { return std::string(50, static_cast<char>('a' + i % 26)); };
    for (int i = 0; i < 1000; i++) {
      ASSERT_TRUE((*db)->Put({}, "k" + std::to_string(i), value_of(i)).ok());
    }
    ASSERT_TRUE((*db)->Flush().ok());
    std::string value;
    ASSERT_TRUE((*db)->Get({}, "k500", &value).ok());
    EXPECT_EQ(value, value_of(500));
    Statistics stats = (*db)->GetStatistics();
    if (compression == CompressionType::kNone) {
      EXPECT_EQ(stats.block_cache_hits + stats.block_cache_misses, 0u);  // no cache lookups
    } else {
      EXPECT_GT(stats.block_cache_misses, 0u);
    }
    db.value().reset();

    std::string table;
    auto names = FileSystem::Default()->ListDir(path);
    ASSERT_TRUE(names.ok());
    for (const std::string& name : names.value()) {
      if (name.size() > 4 && name.substr(name.size() - 4) == ".sst") table = path + "/" + name;
    }
    ASSERT_FALSE(table.empty());
    std::string contents = *ReadFileToString(FileSystem::Default(), table);
    contents[20] = static_cast<char>(contents[20] ^ 1);  // inside the first data block
    ASSERT_TRUE(WriteStringToFile(FileSystem::Default(), contents, table, true).ok());
    auto reopened = DB::Open(options, path);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    auto it = (*reopened)->NewIterator({});
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
    }
    EXPECT_TRUE(it->status().IsCorruption()) << it->status().ToString();
    EXPECT_NE(it->status().message().find(".sst"), std::string::npos);
  }
}

TEST_F(DBTest, WorksOnTheRealFileSystem) {
  testing::TempDir dir;
  Options options;
  options.write_buffer_size = 32 << 10;
  auto db = DB::Open(options, dir.path() + "/db");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  for (int i = 0; i < 2000; i++) {
    ASSERT_TRUE((*db)->Put({}, "k" + std::to_string(i), std::string(50, 'x')).ok());
  }
  ASSERT_TRUE((*db)->Flush().ok());
  db.value().reset();
  auto again = DB::Open(options, dir.path() + "/db");
  ASSERT_TRUE(again.ok());
  std::string value;
  EXPECT_TRUE((*again)->Get({}, "k1999", &value).ok());
  // Old logs and manifests were cleaned up: one log, one manifest, CURRENT, LOCK, tables.
  auto names = FileSystem::Default()->ListDir(dir.path() + "/db");
  int logs = 0, manifests = 0;
  for (const auto& n : *names) {
    uint64_t number;
    FileType type;
    if (!ParseFileName(n, &number, &type)) continue;
    logs += type == FileType::kLog;
    manifests += type == FileType::kManifest;
  }
  EXPECT_EQ(logs, 1);
  EXPECT_EQ(manifests, 1);
}

}  // namespace
}  // namespace datacave::lsm
