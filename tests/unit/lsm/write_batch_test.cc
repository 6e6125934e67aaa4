#include "lsm/write_batch.h"

#include <gtest/gtest.h>

#include <string>

#include "core/coding.h"

namespace datacave::lsm {
namespace {

// Renders a batch as "Put(k, v) Delete(k) DeleteRange(b, e) " in order.
class Printer final : public WriteBatch::Handler {
 public:
  Status Put(std::string_view key, std::string_view value) override {
    out += "Put(" + std::string(key) + ", " + std::string(value) + ") ";
    return Next();
  }
  Status Delete(std::string_view key) override {
    out += "Delete(" + std::string(key) + ") ";
    return Next();
  }
  Status DeleteRange(std::string_view begin, std::string_view end) override {
    out += "DeleteRange(" + std::string(begin) + ", " + std::string(end) + ") ";
    return Next();
  }
  std::string out;
  int fail_after = -1;  // records accepted before the handler fails

 private:
  Status Next() {
    if (fail_after == 0) return Status::Aborted("handler gave up");
    if (fail_after > 0) fail_after--;
    return Status::Ok();
  }
};

std::string Print(const WriteBatch& batch) {
  Printer printer;
  Status s = batch.Iterate(&printer);
  if (!s.ok()) return s.ToString();
  return printer.out;
}

TEST(WriteBatchTest, Empty) {
  WriteBatch batch;
  EXPECT_EQ(batch.Count(), 0u);
  EXPECT_EQ(batch.Sequence(), 0u);
  EXPECT_EQ(batch.Contents(), std::string(WriteBatch::kHeaderSize, '\0'));
  EXPECT_EQ(batch.ApproximateSize(), WriteBatch::kHeaderSize);
  EXPECT_EQ(Print(batch), "");
  EXPECT_TRUE(batch.Validate().ok());
}

TEST(WriteBatchTest, EveryOperationInOrder) {
  WriteBatch batch;
  batch.Put("foo", "bar");
  batch.Delete("box");
  batch.DeleteRange("a", "m");
  batch.Put("baz", "");
  batch.Put("", "empty key");
  batch.SetSequence(100);
  EXPECT_EQ(batch.Count(), 5u);
  EXPECT_EQ(batch.Sequence(), 100u);
  EXPECT_EQ(Print(batch),
            "Put(foo, bar) Delete(box) DeleteRange(a, m) Put(baz, ) Put(, empty key) ");
}

TEST(WriteBatchTest, ExactBytes) {
  WriteBatch batch;
  batch.SetSequence(0x0102030405060708);
  batch.Put("k", "vv");
  batch.Delete("d");
  batch.DeleteRange("b", "e");
  std::string expected;
  PutFixed64(&expected, 0x0102030405060708);
  PutFixed32(&expected, 3);
  expected += std::string("\x01\x01k\x02vv", 6);
  expected += std::string(
      "\x00\x01"
      "d",
      3);
  expected += std::string(
      "\x02\x01"
      "b\x01"
      "e",
      5);
  EXPECT_EQ(batch.Contents(), expected);
}

TEST(WriteBatchTest, SequenceUsesAllSixtyFourBits) {
  WriteBatch batch;
  batch.SetSequence(kMaxSequenceNumber);
  batch.Put("a", "b");
  EXPECT_EQ(batch.Sequence(), kMaxSequenceNumber);
  batch.SetSequence(1);
  EXPECT_EQ(batch.Sequence(), 1u);
  EXPECT_EQ(batch.Count(), 1u);
}

TEST(WriteBatchTest, ClearResetsEverything) {
  WriteBatch batch;
  batch.SetSequence(7);
  batch.Put("a", "b");
  batch.Clear();
  EXPECT_EQ(batch.Count(), 0u);
  EXPECT_EQ(batch.Sequence(), 0u);
  EXPECT_EQ(batch.ApproximateSize(), WriteBatch::kHeaderSize);
  batch.Delete("x");
  EXPECT_EQ(Print(batch), "Delete(x) ");
}

TEST(WriteBatchTest, ApproximateSizeGrowsWithEveryRecord) {
  WriteBatch batch;
  size_t empty = batch.ApproximateSize();
  batch.Put("foo", "bar");
  size_t one = batch.ApproximateSize();
  EXPECT_EQ(one, empty + 1 + 4 + 4);
  batch.Delete("foo");
  EXPECT_EQ(batch.ApproximateSize(), one + 1 + 4);
  EXPECT_EQ(batch.ApproximateSize(), batch.Contents().size());
}

TEST(WriteBatchTest, Append) {
  WriteBatch a;
  WriteBatch b;
  a.SetSequence(200);
  b.SetSequence(300);
  a.Append(b);
  EXPECT_EQ(Print(a), "");
  EXPECT_EQ(a.Count(), 0u);
  b.Put("a", "va");
  a.Append(b);
  EXPECT_EQ(Print(a), "Put(a, va) ");
  EXPECT_EQ(a.Count(), 1u);
  b.Clear();
  b.Put("b", "vb");
  b.DeleteRange("c", "d");
  a.Append(b);
  EXPECT_EQ(Print(a), "Put(a, va) Put(b, vb) DeleteRange(c, d) ");
  b.Delete("foo");
  a.Append(b);
  EXPECT_EQ(Print(a),
            "Put(a, va) Put(b, vb) DeleteRange(c, d) Put(b, vb) DeleteRange(c, d) "
            "Delete(foo) ");
  EXPECT_EQ(a.Count(), 6u);
  EXPECT_EQ(a.Sequence(), 200u);  // the receiver's sequence is kept
}

TEST(WriteBatchTest, FromContentsRoundTrips) {
  WriteBatch batch;
  batch.SetSequence(42);
  batch.Put("k1", "v1");
  batch.DeleteRange("x", "z");
  auto copy = WriteBatch::FromContents(batch.Contents());
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->Contents(), batch.Contents());
  EXPECT_EQ(copy->Sequence(), 42u);
  EXPECT_EQ(copy->Count(), 2u);
  EXPECT_EQ(Print(*copy), "Put(k1, v1) DeleteRange(x, z) ");
}

TEST(WriteBatchTest, FromContentsRejectsAShortHeader) {
  for (size_t n = 0; n < WriteBatch::kHeaderSize; n++) {
    auto batch = WriteBatch::FromContents(std::string(n, '\0'));
    EXPECT_TRUE(batch.status().IsCorruption()) << n;
  }
  EXPECT_TRUE(WriteBatch::FromContents(std::string(WriteBatch::kHeaderSize, '\0')).ok());
}

// Contents with a valid header but the given records and count.
WriteBatch Raw(uint32_t count, std::string_view records) {
  std::string rep;
  PutFixed64(&rep, 9);
  PutFixed32(&rep, count);
  rep += records;
  auto batch = WriteBatch::FromContents(rep);
  EXPECT_TRUE(batch.ok());
  return std::move(batch).value();
}

TEST(WriteBatchTest, MalformedContentsAreCorruption) {
  struct Case {
    const char* what;
    uint32_t count;
    std::string records;
  } cases[] = {
      {"unknown tag", 1, std::string("\x03\x01k", 3)},
      {"high tag", 1, std::string("\xff\x01k", 3)},
      {"tag only", 1, std::string("\x01", 1)},
      {"put without value", 1, std::string("\x01\x01k", 3)},
      {"key longer than the batch", 1, std::string("\x00\x05k", 3)},
      {"overlong varint", 1, std::string("\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 11)},
      {"range without end", 1, std::string("\x02\x01k", 3)},
      {"count too high", 2, std::string("\x00\x01k", 3)},
      {"count too low", 0, std::string("\x00\x01k", 3)},
      {"count zero, bytes follow", 0, std::string("\x00", 1)},
  };
  for (const auto& c : cases) {
    WriteBatch batch = Raw(c.count, c.records);
    EXPECT_TRUE(batch.Validate().IsCorruption()) << c.what;
    Printer printer;
    EXPECT_TRUE(batch.Iterate(&printer).IsCorruption()) << c.what;
  }
}

TEST(WriteBatchTest, EveryTruncationIsCorruption) {
  WriteBatch batch;
  batch.Put("key", "value");
  batch.Delete("gone");
  batch.DeleteRange("from", "to");
  std::string full(batch.Contents());
  for (size_t n = WriteBatch::kHeaderSize; n < full.size(); n++) {
    auto cut = WriteBatch::FromContents(full.substr(0, n));
    ASSERT_TRUE(cut.ok());
    EXPECT_TRUE(cut->Validate().IsCorruption()) << n;
  }
}

TEST(WriteBatchTest, HandlerSeesThePrefixBeforeDamage) {
  WriteBatch good;
  good.Put("a", "1");
  std::string rep(good.Contents());
  rep += "\x07";  // an unknown tag after a good record
  rep[8] = 2;     // and a count that covers it
  auto batch = WriteBatch::FromContents(rep);
  ASSERT_TRUE(batch.ok());
  Printer printer;
  EXPECT_TRUE(batch->Iterate(&printer).IsCorruption());
  EXPECT_EQ(printer.out, "Put(a, 1) ");
}

TEST(WriteBatchTest, HandlerErrorStopsIteration) {
  WriteBatch batch;
  batch.Put("a", "1");
  batch.Delete("b");
  batch.Put("c", "3");
  Printer printer;
  printer.fail_after = 1;
  Status s = batch.Iterate(&printer);
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_EQ(printer.out, "Put(a, 1) Delete(b) ");
}

}  // namespace
}  // namespace datacave::lsm
