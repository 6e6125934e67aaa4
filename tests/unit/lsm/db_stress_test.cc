// Everything at once, for a bounded time: writers (some syncing), point readers, iterators
// walking both ways, snapshots checked for stability, flushes, CompactRange calls and
// compactions in the background. Run under ThreadSanitizer by scripts/test (the tsan
// configuration).
//
// Each writer owns its keys and writes increasing versions, so every reader can check what
// it sees: a key's value never goes backwards within one snapshot, and a snapshot read twice
// gives the same answer.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "core/fault_injection_file_system.h"
#include "lsm/db.h"

namespace datacave::lsm {
namespace {

constexpr int kWriters = 3;
constexpr int kKeysPerWriter = 50;

std::string Key(int writer, int key) {
  return "w" + std::to_string(writer) + "k" + std::to_string(key);
}

TEST(DBStressTest, WritersReadersIteratorsSnapshotsAndCompactionsTogether) {
  FaultInjectionFileSystem fs;
  Options options;
  options.file_system = &fs;
  options.write_buffer_size = 16 << 10;
  options.l0_compaction_trigger = 2;
  options.max_bytes_for_level_base = 64 << 10;
  options.target_file_size = 16 << 10;
  options.block_cache_size = 256 << 10;
  auto opened = DB::Open(options, "/stress");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  std::unique_ptr<DB> db = std::move(opened).value();

  // Two seconds in the test suite; scripts/stress runs it for as long as it is asked to.
  const char* env = std::getenv("DATACAVE_STRESS_SECONDS");
  const long seconds = env != nullptr && *env != '\0' ? std::strtol(env, nullptr, 10) : 2;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::atomic<bool> failed{false};
  std::atomic<uint64_t> writes{0}, reads{0};
  auto running = [&] { return !failed && std::chrono::steady_clock::now() < deadline; };

  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; w++) {
    threads.emplace_back([&, w] {
      std::mt19937 rng(static_cast<unsigned>(w));
      for (uint64_t version = 1; running(); version++) {
        WriteOptions wo;
        wo.sync = rng() % 8 == 0;
        int key = static_cast<int>(rng() % kKeysPerWriter);
        // Values carry a version padded to a fixed width, so they compare as numbers.
        char value[32];
        std::snprintf(value, sizeof value, "%012llu", static_cast<unsigned long long>(version));
        Status s = rng() % 20 == 0 ? db->Delete(wo, Key(w, key)) : db->Put(wo, Key(w, key), value);
        if (!s.ok()) failed = true;
        writes++;
      }
    });
  }
  // Point readers: a snapshot read twice must agree.
  for (int r = 0; r < 2; r++) {
    threads.emplace_back([&, r] {
      std::mt19937 rng(static_cast<unsigned>(100 + r));
      while (running()) {
        auto snapshot = db->GetSnapshot();
        ReadOptions ro;
        ro.snapshot = snapshot.get();
        std::string key =
            Key(static_cast<int>(rng() % kWriters), static_cast<int>(rng() % kKeysPerWriter));
        std::string first, second;
        Status a = db->Get(ro, key, &first);
        Status b = db->Get(ro, key, &second);
        if (a.ok() != b.ok() || (a.ok() && first != second)) failed = true;
        if (!a.ok() && !a.IsNotFound()) failed = true;
        reads++;
      }
    });
  }
  // Iterators: forward then backward over one snapshot see the same keys, sorted.
  threads.emplace_back([&] {
    while (running()) {
      auto it = db->NewIterator({});
      std::vector<std::string> forward, backward;
      for (it->SeekToFirst(); it->Valid(); it->Next()) forward.emplace_back(it->key());
      for (it->SeekToLast(); it->Valid(); it->Prev()) backward.emplace_back(it->key());
      std::reverse(backward.begin(), backward.end());
      if (!it->status().ok() || forward != backward ||
          !std::is_sorted(forward.begin(), forward.end())) {
        failed = true;
      }
    }
  });
  // Explicit flushes on top of the automatic ones, and now and then a CompactRange of one
  // writer's keys or of everything.
  threads.emplace_back([&] {
    for (int round = 0; running(); round++) {
      if (!db->Flush().ok()) failed = true;
      if (round % 4 == 3) {
        std::string begin = Key(round % kWriters, 0), end = Key(round % kWriters, 9);
        Status s = round % 8 == 7 ? db->CompactRange(std::nullopt, std::nullopt)
                                  : db->CompactRange(begin, end);
        if (!s.ok()) failed = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  for (auto& t : threads) t.join();

  EXPECT_FALSE(failed.load());
  EXPECT_GT(writes.load(), 0u);
  EXPECT_GT(reads.load(), 0u);
  EXPECT_GT(db->GetStatistics().flushes, 0u);
  // And the result survives a reopen.
  std::vector<std::pair<std::string, std::string>> before;
  {
    auto it = db->NewIterator({});
    for (it->SeekToFirst(); it->Valid(); it->Next()) before.emplace_back(it->key(), it->value());
  }
  db.reset();
  opened = DB::Open(options, "/stress");
  ASSERT_TRUE(opened.ok());
  std::vector<std::pair<std::string, std::string>> after;
  auto it = (*opened)->NewIterator({});
  for (it->SeekToFirst(); it->Valid(); it->Next()) after.emplace_back(it->key(), it->value());
  EXPECT_EQ(before, after);
}

}  // namespace
}  // namespace datacave::lsm
