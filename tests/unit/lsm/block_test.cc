#include "lsm/table/block.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/coding.h"
#include "lsm/table/block_builder.h"

namespace datacave::lsm {
namespace {

using Model = std::map<std::string, std::string>;

std::shared_ptr<const Block> Build(const Model& model, int restart_interval) {
  BlockBuilder builder(restart_interval, BytewiseComparator());
  for (const auto& [k, v] : model) builder.Add(k, v);
  return std::make_shared<const Block>(std::string(builder.Finish()));
}

std::unique_ptr<Iterator> Iter(std::shared_ptr<const Block> block) {
  return Block::NewIterator(std::move(block), BytewiseComparator());
}

Model SampleModel(int n) {
  Model m;
  for (int i = 0; i < n; i++) {
    // Shared prefixes of varying length, and values of varying size.
    m["key" + std::to_string(i * 7 % 1000) + "/" + std::string(static_cast<size_t>(i % 5), 'x')] =
        std::string(static_cast<size_t>(i % 17), static_cast<char>('a' + i % 26));
  }
  return m;
}

TEST(BlockTest, EmptyBlock) {
  auto it = Iter(Build({}, 16));
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  it->SeekToLast();
  EXPECT_FALSE(it->Valid());
  it->Seek("a");
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(it->status().ok());
}

TEST(BlockTest, RoundTripForwardBackwardAndSeek) {
  const Model model = SampleModel(300);
  for (int interval : {1, 2, 3, 16, 1000}) {
    SCOPED_TRACE(interval);
    auto it = Iter(Build(model, interval));
    it->SeekToFirst();
    for (const auto& [k, v] : model) {
      ASSERT_TRUE(it->Valid());
      EXPECT_EQ(it->key(), k);
      EXPECT_EQ(it->value(), v);
      it->Next();
    }
    EXPECT_FALSE(it->Valid());

    it->SeekToLast();
    for (auto m = model.rbegin(); m != model.rend(); ++m) {
      ASSERT_TRUE(it->Valid());
      EXPECT_EQ(it->key(), m->first);
      EXPECT_EQ(it->value(), m->second);
      it->Prev();
    }
    EXPECT_FALSE(it->Valid());

    for (const auto& [k, v] : model) {
      it->Seek(k);
      ASSERT_TRUE(it->Valid());
      EXPECT_EQ(it->key(), k);
      // Between keys: a key just past k lands on k's successor.
      std::string after = k + '\0';
      it->Seek(after);
      auto next = model.upper_bound(k);
      if (next == model.end()) {
        EXPECT_FALSE(it->Valid());
      } else {
        ASSERT_TRUE(it->Valid());
        EXPECT_EQ(it->key(), next->first);
        // And Prev from there comes back to k.
        it->Prev();
        ASSERT_TRUE(it->Valid());
        EXPECT_EQ(it->key(), k);
      }
    }
    it->Seek("");
    ASSERT_TRUE(it->Valid());
    EXPECT_EQ(it->key(), model.begin()->first);
    it->Seek("\xff");
    EXPECT_FALSE(it->Valid());
    EXPECT_TRUE(it->status().ok());
  }
}

TEST(BlockTest, IteratorKeepsBlockAlive) {
  auto block = Build(SampleModel(50), 4);
  auto it = Iter(block);
  block.reset();
  it->SeekToLast();
  EXPECT_TRUE(it->Valid());
}

TEST(BlockTest, MalformedRestartArrayIsCorruption) {
  std::string too_many;
  PutFixed32(&too_many, 0);
  PutFixed32(&too_many, 1000);  // 1000 restart points in 8 bytes
  for (const std::string& contents : {std::string(), std::string("ab"), too_many,
                                      std::string(4, '\0') /* zero restart points */}) {
    auto it = Iter(std::make_shared<const Block>(contents));
    it->SeekToFirst();
    EXPECT_FALSE(it->Valid());
    EXPECT_TRUE(it->status().IsCorruption()) << it->status().ToString();
  }
}

TEST(BlockTest, EntryPastTheRestartArrayIsCorruption) {
  std::string contents;
  PutVarint32(&contents, 0);    // shared
  PutVarint32(&contents, 100);  // non-shared: more bytes than the block has
  PutVarint32(&contents, 0);    // value length
  contents += "abc";
  PutFixed32(&contents, 0);
  PutFixed32(&contents, 1);
  auto it = Iter(std::make_shared<const Block>(contents));
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(it->status().IsCorruption());
}

TEST(BlockTest, RestartPointOutOfRangeIsCorruption) {
  BlockBuilder builder(1, BytewiseComparator());
  builder.Add("a", "1");
  builder.Add("b", "2");
  std::string contents(builder.Finish());
  // Point the second restart past the restart array.
  const size_t second = contents.size() - 8;
  contents.replace(second, 4, std::string("\xff\xff\x00\x00", 4));
  auto it = Iter(std::make_shared<const Block>(contents));
  it->Seek("b");
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(it->status().IsCorruption());
}

// Every truncation and every single-byte change of a valid block must be handled without a
// crash or out-of-bounds read (the sanitizer build checks the latter).
TEST(BlockTest, DamagedBlocksNeverCrash) {
  BlockBuilder builder(3, BytewiseComparator());
  for (const auto& [k, v] : SampleModel(40)) builder.Add(k, v);
  const std::string contents(builder.Finish());
  auto exercise = [](const std::string& bytes) {
    auto it = Iter(std::make_shared<const Block>(bytes));
    int steps = 0;
    for (it->SeekToFirst(); it->Valid() && steps < 1000; it->Next()) steps++;
    for (it->SeekToLast(); it->Valid() && steps < 2000; it->Prev()) steps++;
    it->Seek("key5");
    if (it->Valid()) it->Prev();
    EXPECT_TRUE(it->status().ok() || it->status().IsCorruption()) << it->status().ToString();
  };
  for (size_t n = 0; n < contents.size(); n++) exercise(contents.substr(0, n));
  for (size_t i = 0; i < contents.size(); i++) {
    std::string damaged = contents;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x55);
    exercise(damaged);
  }
}

}  // namespace
}  // namespace datacave::lsm
