#include "lsm/table/bloom.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/coding.h"

namespace datacave::lsm {
namespace {

std::string Key(uint32_t i) {
  std::string k;
  PutFixed32(&k, i);
  return k;
}

std::string BuildFilter(int bits_per_key, uint32_t n, uint32_t first = 0) {
  FilterBlockBuilder builder(bits_per_key);
  for (uint32_t i = first; i < first + n; i++) builder.AddKey(Key(i));
  return builder.Finish();
}

double FalsePositiveRate(const std::string& filter, uint32_t absent_from) {
  constexpr uint32_t kProbes = 100000;
  uint32_t hits = 0;
  for (uint32_t i = absent_from; i < absent_from + kProbes; i++) {
    if (BloomFilterPolicy::KeyMayMatch(Key(i), filter)) hits++;
  }
  return static_cast<double>(hits) / kProbes;
}

TEST(BloomTest, EmptyFilterMatchesNothing) {
  const std::string filter = BuildFilter(10, 0);
  EXPECT_FALSE(BloomFilterPolicy::KeyMayMatch("hello", filter));
  EXPECT_FALSE(BloomFilterPolicy::KeyMayMatch("", filter));
}

TEST(BloomTest, SmallFilter) {
  FilterBlockBuilder builder(10);
  builder.AddKey("hello");
  builder.AddKey("world");
  const std::string filter = builder.Finish();
  EXPECT_TRUE(BloomFilterPolicy::KeyMayMatch("hello", filter));
  EXPECT_TRUE(BloomFilterPolicy::KeyMayMatch("world", filter));
  EXPECT_FALSE(BloomFilterPolicy::KeyMayMatch("x", filter));
  EXPECT_FALSE(BloomFilterPolicy::KeyMayMatch("foo", filter));
}

TEST(BloomTest, NoFalseNegativesAndAbout1PercentFalsePositives) {
  for (uint32_t n : {1u, 10u, 100u, 1000u, 10000u, 100000u}) {
    SCOPED_TRACE(n);
    const std::string filter = BuildFilter(10, n);
    // 10 bits per key, rounded up to whole bytes, at least 64 bits, plus the probe count.
    EXPECT_EQ(filter.size(), std::max<size_t>((size_t{n} * 10 + 7) / 8, 8) + 1);
    for (uint32_t i = 0; i < n; i++) ASSERT_TRUE(BloomFilterPolicy::KeyMayMatch(Key(i), filter));
    const double rate = FalsePositiveRate(filter, 1u << 30);
    if (n >= 1000) {
      // The theoretical rate for 10 bits and 6 probes is 0.84%.
      EXPECT_LT(rate, 0.0125);
      std::printf("bloom: %u keys, 10 bits/key: false-positive rate %.3f%%\n", n, rate * 100);
    }
  }
}

TEST(BloomTest, MoreBitsFewerFalsePositives) {
  const double rate5 = FalsePositiveRate(BuildFilter(5, 10000), 1u << 30);
  const double rate20 = FalsePositiveRate(BuildFilter(20, 10000), 1u << 30);
  EXPECT_GT(rate5, 0.05);
  EXPECT_LT(rate20, 0.001);
  std::printf("bloom: 5 bits/key %.3f%%, 20 bits/key %.4f%%\n", rate5 * 100, rate20 * 100);
}

TEST(BloomTest, RepeatedKeysAreStoredOnce) {
  FilterBlockBuilder builder(10);
  for (int i = 0; i < 1000; i++) builder.AddKey("same");
  EXPECT_EQ(builder.Finish().size(), 8u + 1);  // the 64-bit minimum
}

TEST(BloomTest, MalformedFiltersMatchEverything) {
  EXPECT_TRUE(BloomFilterPolicy::KeyMayMatch("a", ""));
  EXPECT_TRUE(BloomFilterPolicy::KeyMayMatch("a", "x"));
  std::string reserved(9, '\0');
  reserved.back() = 31;  // more probes than any filter we write
  EXPECT_TRUE(BloomFilterPolicy::KeyMayMatch("a", reserved));
  reserved.back() = 0;
  EXPECT_TRUE(BloomFilterPolicy::KeyMayMatch("a", reserved));
}

TEST(BloomTest, HashIsStable) {
  // The hash is part of the file format: these values must never change.
  EXPECT_EQ(BloomHash(""), 0xa9302b82e06284f8ull);
  EXPECT_EQ(BloomHash("a"), 0xc9bfd03f48888cafull);
  EXPECT_EQ(BloomHash("hello"), 0x2c587e76c1c83fbeull);
  EXPECT_EQ(BloomHash("datacave-bloom-hash"), 0x61fd525f67369ac5ull);  // past 8 bytes
  EXPECT_NE(BloomHash("a"), BloomHash("b"));
  EXPECT_NE(BloomHash(std::string(8, 'x')), BloomHash(std::string(9, 'x')));
  EXPECT_NE(BloomHash(std::string("\0", 1)), BloomHash(""));
}

}  // namespace
}  // namespace datacave::lsm
