// The memory promise of lsm/options.h: however much is written and read, the engine's memory
// stays within its budgets (the active and the immutable memtable, and the block cache) plus
// a small constant. Measured as the process's anonymous resident memory, which leaves out
// table files mapped for reading: those pages belong to the kernel's page cache.

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include "lsm/db.h"
#include "support/process.h"

namespace datacave::lsm {
namespace {

// RssAnon from /proc/self/status, in bytes.
uint64_t AnonymousResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("RssAnon:", 0) == 0) return std::stoull(line.substr(8)) * 1024;  // kB
  }
  return 0;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define DATACAVE_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DATACAVE_SANITIZED 1
#endif

TEST(DBMemoryTest, StaysWithinMemtableAndBlockCacheBudgets) {
#ifdef DATACAVE_SANITIZED
  GTEST_SKIP() << "sanitizers keep freed memory in quarantine: resident memory means little";
#endif
  constexpr size_t kWriteBuffer = 4 << 20;
  constexpr size_t kBlockCache = 4 << 20;
  // Iterators, table builders, the table cache's open tables (index and filter blocks),
  // version metadata, and the allocator's own slack.
  constexpr uint64_t kConstant = 16 << 20;

  testing::TempDir dir;
  Options options;  // LZ4: blocks are decompressed into the block cache
  options.write_buffer_size = kWriteBuffer;
  options.block_cache_size = kBlockCache;
  auto opened = DB::Open(options, dir.path() + "/db");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  std::unique_ptr<DB> db = std::move(opened).value();

  const uint64_t baseline = AnonymousResidentBytes();
  ASSERT_GT(baseline, 0u);
  uint64_t peak = baseline;
  auto sample = [&] { peak = std::max(peak, AnonymousResidentBytes()); };

  // 64 MiB of keys and values, sixteen times the memtable budget, in random order.
  constexpr int kKeys = 400'000;
  std::mt19937_64 rng(7);
  std::string value(150, ' ');
  for (int i = 0; i < kKeys; i++) {
    // Half random, half repeated: LZ4 compresses blocks (so reads decompress them into the
    // block cache) without shrinking the data much.
    for (size_t j = 0; j < value.size() / 2; j++) value[j] = static_cast<char>('a' + rng() % 26);
    char key[16];
    std::snprintf(key, sizeof key, "%012llu", static_cast<unsigned long long>(rng() % kKeys));
    ASSERT_TRUE(db->Put({}, key, value).ok());
    if (i % 10'000 == 0) sample();
  }
  ASSERT_TRUE(db->Flush().ok());
  sample();
  std::string got;
  for (int i = 0; i < 100'000; i++) {
    char key[16];
    std::snprintf(key, sizeof key, "%012llu", static_cast<unsigned long long>(rng() % kKeys));
    Status s = db->Get({}, key, &got);
    ASSERT_TRUE(s.ok() || s.IsNotFound()) << s.ToString();
    if (i % 10'000 == 0) sample();
  }
  auto it = db->NewIterator({});
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (++n % 50'000 == 0) sample();
  }
  ASSERT_TRUE(it->status().ok()) << it->status().ToString();
  sample();

  const uint64_t budget = 2 * kWriteBuffer + kBlockCache + kConstant;
  EXPECT_LE(peak - baseline, budget) << "peak growth " << (peak - baseline) / 1024 << " KiB";
  std::printf("anonymous memory growth: %llu KiB (budget %llu KiB)\n",
              static_cast<unsigned long long>((peak - baseline) / 1024),
              static_cast<unsigned long long>(budget / 1024));
}

}  // namespace
}  // namespace datacave::lsm
