#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/coding.h"
#include "core/crc32c.h"
#include "core/file_system.h"
#include "lsm/log_reader.h"
#include "lsm/log_writer.h"
#include "support/process.h"
#include "support/string_file.h"

namespace datacave::lsm::log {
namespace {

using datacave::testing::StringSink;
using datacave::testing::StringSource;

// A string of length n made by repeating a pattern.
std::string BigString(const std::string& pattern, size_t n) {
  std::string s;
  while (s.size() < n) s.append(pattern);
  s.resize(n);
  return s;
}

std::string NumberString(int i) {
  return std::to_string(i) + ".";
}

class CollectingReporter final : public Reader::Reporter {
 public:
  void Corruption(size_t bytes, const Status& reason) override {
    dropped_bytes += bytes;
    reasons.push_back(reason.ToString());
  }
  bool Mentions(std::string_view text) const {
    for (const auto& r : reasons) {
      if (r.find(text) != std::string::npos) return true;
    }
    return false;
  }
  size_t dropped_bytes = 0;
  std::vector<std::string> reasons;
};

// What a full read of a log yields.
struct ReadOutcome {
  std::vector<std::string> records;
  std::vector<uint64_t> offsets;  // LastRecordOffset() after each record
  CollectingReporter reporter;
  uint64_t last_record_end = 0;
  bool mid_log_corruption = false;
  uint64_t dropped_bytes = 0;
  Status status;
};

ReadOutcome ReadLog(std::string_view contents, uint64_t initial_offset = 0,
                    bool verify_checksums = true) {
  ReadOutcome out;
  StringSource source(contents);
  Reader reader(&source, &out.reporter, verify_checksums, initial_offset);
  std::string_view record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch)) {
    out.records.emplace_back(record);
    out.offsets.push_back(reader.LastRecordOffset());
  }
  out.last_record_end = reader.LastRecordEndOffset();
  out.mid_log_corruption = reader.MidLogCorruption();
  out.dropped_bytes = reader.DroppedBytes();
  out.status = reader.status();
  return out;
}

class LogTest : public ::testing::Test {
 protected:
  // Appends a record and remembers where it ends.
  void Write(const std::string& record) {
    ASSERT_TRUE(writer_.AddRecord(record).ok());
    written_.push_back(record);
    ends_.push_back(writer_.FileLength());
  }
  std::string& contents() { return sink_.contents(); }
  std::vector<std::string> Prefix(size_t n) const {
    return {written_.begin(), written_.begin() + static_cast<std::ptrdiff_t>(n)};
  }
  // Where record i's bytes begin (after any padding the writer put before it).
  uint64_t StartOf(size_t i) const {
    uint64_t start = i == 0 ? 0 : ends_[i - 1];
    if (kBlockSize - start % kBlockSize < kHeaderSize) start += kBlockSize - start % kBlockSize;
    return start;
  }
  void FlipBit(uint64_t offset, int bit = 0) {
    contents()[offset] = static_cast<char>(contents()[offset] ^ (1 << bit));
  }

  StringSink sink_;
  Writer writer_{&sink_};
  std::vector<std::string> written_;
  std::vector<uint64_t> ends_;
};

TEST_F(LogTest, EmptyLog) {
  ReadOutcome out = ReadLog(contents());
  EXPECT_TRUE(out.records.empty());
  EXPECT_EQ(out.dropped_bytes, 0u);
  EXPECT_EQ(out.last_record_end, 0u);
  EXPECT_TRUE(out.status.ok());
}

TEST_F(LogTest, SmallRecordsRoundTrip) {
  Write("foo");
  Write("bar");
  Write("");
  Write("xxxx");
  EXPECT_EQ(contents().size(), 4 * kHeaderSize + 10);
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, written_);
  EXPECT_EQ(out.offsets, (std::vector<uint64_t>{0, 10, 20, 27}));
  EXPECT_EQ(out.dropped_bytes, 0u);
  EXPECT_TRUE(out.reporter.reasons.empty());
  EXPECT_EQ(out.last_record_end, contents().size());
  EXPECT_FALSE(out.mid_log_corruption);
}

TEST_F(LogTest, ManyRecordsAcrossManyBlocks) {
  for (int i = 0; i < 100000; i++) Write(NumberString(i));
  ASSERT_GT(contents().size(), 10 * kBlockSize);
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, written_);
  EXPECT_TRUE(out.reporter.reasons.empty());
  EXPECT_EQ(out.last_record_end, contents().size());
}

TEST_F(LogTest, LargeRecordsAreFragmented) {
  Write("small");
  Write(BigString("medium", 50000));
  Write(BigString("large", 100000));
  Write(BigString("huge", 1000000));
  Write("tail");
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, written_);
  EXPECT_TRUE(out.reporter.reasons.empty());
  // A fragmented record is reported at the offset of its FIRST fragment.
  for (size_t i = 0; i < written_.size(); i++) EXPECT_EQ(out.offsets[i], StartOf(i)) << i;
}

// The cases around the end of a block: a record that leaves `room` bytes, then another.
TEST_F(LogTest, BlockBoundaries) {
  for (size_t room : {0u, 1u, 3u, 6u, 7u, 8u, 9u, 10u, 11u}) {
    SCOPED_TRACE("room " + std::to_string(room));
    StringSink sink;
    Writer writer(&sink);
    std::string first = BigString("a", kBlockSize - kHeaderSize - room);
    ASSERT_TRUE(writer.AddRecord(first).ok());
    ASSERT_EQ(writer.FileLength(), kBlockSize - room);

    // A log that ends right there reads back cleanly, aligned or not.
    ReadOutcome alone = ReadLog(sink.contents());
    EXPECT_EQ(alone.records, std::vector<std::string>{first});
    EXPECT_TRUE(alone.reporter.reasons.empty());

    ASSERT_TRUE(writer.AddRecord("foo").ok());
    if (room < kHeaderSize) {
      // Padding, then a FULL record at the start of the next block.
      EXPECT_EQ(writer.FileLength(), kBlockSize + kHeaderSize + 3);
      EXPECT_EQ(sink.contents().substr(kBlockSize - room, room), std::string(room, '\0'));
    } else if (room < kHeaderSize + 3) {
      // A (possibly empty) FIRST fragment here, the LAST in the next block.
      EXPECT_EQ(writer.FileLength(), kBlockSize + kHeaderSize + 3 - (room - kHeaderSize));
      EXPECT_EQ(static_cast<RecordType>(sink.contents()[kBlockSize - room + 6]),
                RecordType::kFirst);
    } else {
      EXPECT_EQ(writer.FileLength(), kBlockSize - room + kHeaderSize + 3);
    }
    ASSERT_TRUE(writer.AddRecord("bar").ok());
    ReadOutcome out = ReadLog(sink.contents());
    EXPECT_EQ(out.records, (std::vector<std::string>{first, "foo", "bar"}));
    EXPECT_TRUE(out.reporter.reasons.empty());
    EXPECT_EQ(out.last_record_end, sink.contents().size());
  }
}

TEST_F(LogTest, EmptyRecordFillsTheLastSevenBytes) {
  Write(BigString("a", kBlockSize - 2 * kHeaderSize));
  Write("");
  EXPECT_EQ(contents().size(), kBlockSize);
  Write("next");
  EXPECT_EQ(ReadLog(contents()).records, written_);
}

TEST_F(LogTest, ReopenForAppendOnRealFiles) {
  datacave::testing::TempDir dir;
  FileSystem* fs = FileSystem::Default();
  std::string path = dir.path() + "/000001.log";
  // The first record leaves 3 bytes in the block, so the reopened writer must pad.
  std::vector<std::string> records = {BigString("r", kBlockSize - kHeaderSize - 3)};
  {
    auto file = fs->NewWritableFile(path);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    Writer writer(file->get());
    ASSERT_TRUE(writer.AddRecord(records[0]).ok());
    ASSERT_TRUE((*file)->Sync().ok());
    ASSERT_TRUE((*file)->Close().ok());
  }
  for (int round = 0; round < 3; round++) {
    auto size = fs->GetFileSize(path);
    ASSERT_TRUE(size.ok());
    auto file = fs->NewAppendableFile(path);
    ASSERT_TRUE(file.ok());
    Writer writer(file->get(), *size);
    std::string record =
        round == 1 ? BigString("big", 3 * kBlockSize) : "round" + std::to_string(round);
    ASSERT_TRUE(writer.AddRecord(record).ok());
    records.push_back(record);
    ASSERT_TRUE((*file)->Close().ok());
    EXPECT_EQ(*fs->GetFileSize(path), writer.FileLength());
  }
  auto contents = ReadFileToString(fs, path);
  ASSERT_TRUE(contents.ok());
  ReadOutcome out = ReadLog(*contents);
  EXPECT_EQ(out.records, records);
  EXPECT_TRUE(out.reporter.reasons.empty());

  // The same file through the POSIX SequentialFile.
  auto file = fs->NewSequentialFile(path);
  ASSERT_TRUE(file.ok());
  CollectingReporter reporter;
  Reader reader(file->get(), &reporter, true, 0);
  std::string_view record;
  std::string scratch;
  std::vector<std::string> got;
  while (reader.ReadRecord(&record, &scratch)) got.emplace_back(record);
  EXPECT_EQ(got, records);
  EXPECT_EQ(reader.LastRecordEndOffset(), contents->size());
}

// Truncates the log at `length` and checks the torn-tail rules: the first `intact` records
// come back, the rest is reported, and the log is good up to the end of record intact-1.
void ExpectTornTail(const std::string& log, size_t length, const std::vector<std::string>& all,
                    size_t intact, uint64_t good_end) {
  SCOPED_TRACE("truncated to " + std::to_string(length));
  ReadOutcome out = ReadLog(std::string_view(log).substr(0, length));
  ASSERT_EQ(out.records.size(), intact);
  for (size_t i = 0; i < intact; i++) ASSERT_EQ(out.records[i], all[i]);
  EXPECT_EQ(out.last_record_end, good_end);
  EXPECT_FALSE(out.mid_log_corruption);
  EXPECT_TRUE(out.status.ok());
  if (length > good_end) {
    EXPECT_GT(out.dropped_bytes, 0u);
    EXPECT_FALSE(out.reporter.reasons.empty());
  } else {
    EXPECT_TRUE(out.reporter.reasons.empty());
  }
}

TEST_F(LogTest, TornTailAtEveryOffsetOfAFragmentedLastRecord) {
  Write("first");
  Write(BigString("second", 31000));
  Write("third");
  Write(BigString("last", 3000));  // FIRST in block 0, LAST in block 1
  ASSERT_LT(ends_[2], kBlockSize - kHeaderSize);
  ASSERT_GT(ends_[3], kBlockSize);
  for (size_t length = ends_[2]; length < contents().size(); length++) {
    ExpectTornTail(contents(), length, written_, 3, ends_[2]);
  }
  ExpectTornTail(contents(), contents().size(), written_, 4, ends_[3]);
}

TEST_F(LogTest, TornTailInARecordWithMiddleFragments) {
  Write("first");
  Write(BigString("spans three blocks", 2 * kBlockSize + 100));
  const uint64_t start = ends_[0];
  for (size_t length = start; length < contents().size(); length++) {
    // Every offset near a fragment boundary, a sample elsewhere.
    size_t in_block = length % kBlockSize;
    if (in_block > 64 && in_block < kBlockSize - 64 && length % 37 != 0) continue;
    ExpectTornTail(contents(), length, written_, 1, start);
  }
}

TEST_F(LogTest, FlippedBitInTheLastRecordIsATornTail) {
  Write("first");
  Write(BigString("second", 40000));
  Write(BigString("last", 500));
  const uint64_t start = ends_[1];
  // Checksum, length, type and payload bytes of the last record.
  for (uint64_t offset :
       {start, start + 3, start + 4, start + 5, start + 6, start + 7, start + 300, ends_[2] - 1}) {
    for (int bit : {0, 7}) {
      SCOPED_TRACE("offset " + std::to_string(offset) + " bit " + std::to_string(bit));
      std::string damaged = contents();
      damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << bit));
      ReadOutcome out = ReadLog(damaged);
      EXPECT_EQ(out.records, Prefix(2));
      EXPECT_GT(out.dropped_bytes, 0u);
      EXPECT_FALSE(out.mid_log_corruption);
      EXPECT_EQ(out.last_record_end, start);
    }
  }
}

// Damage in the middle: the reader drops the rest of the damaged block, reports any
// fragments orphaned by it, and returns every record that starts in a later block.
TEST_F(LogTest, FlippedBitInAMiddleRecordIsReportedAndLaterBlocksStillRead) {
  for (int i = 0; i < 10; i++) Write(BigString(NumberString(i), 10000));
  FlipBit(StartOf(1) + kHeaderSize + 10);  // record 1's payload, in block 0
  ReadOutcome out = ReadLog(contents());

  std::vector<std::string> expected = {written_[0]};
  for (size_t i = 2; i < written_.size(); i++) {
    if (StartOf(i) >= kBlockSize) expected.push_back(written_[i]);
  }
  EXPECT_EQ(out.records, expected);
  // Records 1 and 2 and the FIRST fragment of record 3 share block 0; record 3's LAST
  // fragment in block 1 is an orphan.
  ASSERT_EQ(expected.size(), 7u);
  EXPECT_TRUE(out.reporter.Mentions("checksum mismatch"));
  EXPECT_TRUE(out.reporter.Mentions("missing start of fragmented record"));
  EXPECT_TRUE(out.mid_log_corruption);
  EXPECT_EQ(out.last_record_end, contents().size());
}

// Damage followed by intact records in the same, last block: nothing after the damage is
// returned, but the intact record the damaged one's length leads to shows it is not a tail.
TEST_F(LogTest, DamageFollowedByIntactRecordsInTheLastBlockIsMidLog) {
  for (int i = 0; i < 5; i++) Write(BigString(NumberString(i), 100));
  for (uint64_t offset : {StartOf(2), StartOf(2) + 3, StartOf(2) + kHeaderSize + 50}) {
    SCOPED_TRACE("offset " + std::to_string(offset));
    std::string damaged = contents();
    damaged[offset] = static_cast<char>(damaged[offset] ^ 1);
    ReadOutcome out = ReadLog(damaged);
    EXPECT_EQ(out.records, Prefix(2));
    EXPECT_TRUE(out.reporter.Mentions("checksum mismatch"));
    EXPECT_TRUE(out.mid_log_corruption);
    EXPECT_EQ(out.last_record_end, ends_[1]);
  }
  // The same damage to the last record has nothing after it: a torn tail.
  std::string damaged = contents();
  damaged[StartOf(4) + kHeaderSize] = static_cast<char>(damaged[StartOf(4) + kHeaderSize] ^ 1);
  EXPECT_FALSE(ReadLog(damaged).mid_log_corruption);
  // A damaged length leads nowhere: indistinguishable from a torn tail (documented).
  damaged = contents();
  damaged[StartOf(2) + 4] = static_cast<char>(damaged[StartOf(2) + 4] ^ 1);
  ReadOutcome out = ReadLog(damaged);
  EXPECT_EQ(out.records, Prefix(2));
  EXPECT_FALSE(out.mid_log_corruption);
}

TEST_F(LogTest, DamagedFragmentOfASpanningRecordInTheMiddle) {
  Write("first");
  Write(BigString("spanning", 2 * kBlockSize));
  Write("after");
  FlipBit(kBlockSize + kHeaderSize + 1);  // the MIDDLE fragment's payload
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, (std::vector<std::string>{"first", "after"}));
  EXPECT_TRUE(out.reporter.Mentions("error in middle of record"));
  EXPECT_TRUE(out.mid_log_corruption);
}

TEST_F(LogTest, ZeroFilledTailIsDroppedAsATail) {
  Write("one");
  Write(BigString("two", 20000));
  const uint64_t end = contents().size();
  contents().append(2 * kBlockSize + 100, '\0');  // preallocated space
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, written_);
  EXPECT_TRUE(out.reporter.Mentions("zero-filled region"));
  EXPECT_FALSE(out.mid_log_corruption);
  EXPECT_EQ(out.last_record_end, end);
  EXPECT_TRUE(out.status.ok());
}

TEST_F(LogTest, ZeroFilledBlockAlignedTail) {
  Write(BigString("a", kBlockSize - kHeaderSize));
  contents().append(kBlockSize, '\0');
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, written_);
  EXPECT_FALSE(out.mid_log_corruption);
  EXPECT_EQ(out.last_record_end, kBlockSize);
}

TEST_F(LogTest, ZeroFilledHoleFollowedByRecordsIsMidLogCorruption) {
  Write("before");
  contents().append(kBlockSize - contents().size(), '\0');
  Writer after(&sink_, contents().size());
  ASSERT_TRUE(after.AddRecord("after").ok());
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, (std::vector<std::string>{"before", "after"}));
  EXPECT_TRUE(out.reporter.Mentions("zero-filled region"));
  EXPECT_TRUE(out.mid_log_corruption);
}

TEST_F(LogTest, UnknownTypeWithAValidChecksumIsDropped) {
  Write("good");
  // Hand-build a record of type 9 whose checksum is right.
  std::string payload = "future";
  char type = 9;
  std::string record;
  PutFixed32(&record,
             crc32c::Mask(crc32c::Extend(crc32c::Value(std::string_view(&type, 1)), payload)));
  record.push_back(static_cast<char>(payload.size()));
  record.push_back(0);
  record.push_back(type);
  record += payload;
  contents() += record;
  ReadOutcome out = ReadLog(contents());
  EXPECT_EQ(out.records, written_);
  EXPECT_TRUE(out.reporter.Mentions("unknown record type 9"));
}

TEST_F(LogTest, WithoutChecksumsDamageGoesUnnoticed) {
  Write("payload");
  FlipBit(kHeaderSize + 1);
  EXPECT_EQ(ReadLog(contents(), 0, /*verify_checksums=*/false).records,
            std::vector<std::string>{"p`yload"});
  EXPECT_TRUE(ReadLog(contents()).records.empty());
}

TEST_F(LogTest, InitialOffsetStartsAtTheFirstRecordAtOrAfterIt) {
  Write("zero");
  Write(BigString("one", 2 * kBlockSize + 5));
  Write("two");
  Write(BigString("three", kBlockSize));
  Write("four");
  for (size_t i = 0; i < written_.size(); i++) {
    ReadOutcome exact = ReadLog(contents(), StartOf(i));
    EXPECT_EQ(exact.records,
              std::vector<std::string>(written_.begin() + static_cast<long>(i), written_.end()))
        << i;
    EXPECT_TRUE(exact.reporter.reasons.empty()) << i;
    ReadOutcome after = ReadLog(contents(), StartOf(i) + 1);
    EXPECT_EQ(after.records,
              std::vector<std::string>(written_.begin() + static_cast<long>(i) + 1, written_.end()))
        << i;
    EXPECT_TRUE(after.reporter.reasons.empty()) << i;
  }
  ReadOutcome past = ReadLog(contents(), contents().size() + 5);
  EXPECT_TRUE(past.records.empty());
  EXPECT_EQ(past.last_record_end, contents().size() + 5);
}

TEST_F(LogTest, ReadErrorIsReportedAndStopsReading) {
  for (int i = 0; i < 3; i++) Write(BigString(NumberString(i), kBlockSize));
  StringSource source(contents());
  source.set_fail_reads_after(2);
  CollectingReporter reporter;
  Reader reader(&source, &reporter, true, 0);
  std::string_view record;
  std::string scratch;
  ASSERT_TRUE(reader.ReadRecord(&record, &scratch));
  EXPECT_EQ(record, written_[0]);
  EXPECT_FALSE(reader.ReadRecord(&record, &scratch));
  EXPECT_EQ(reader.status().code(), StatusCode::kIOError);
  EXPECT_TRUE(reporter.Mentions("injected read failure"));
}

TEST_F(LogTest, WriterErrorsAreSticky) {
  Write("ok");
  sink_.set_fail_appends(true);
  EXPECT_EQ(writer_.AddRecord("lost").code(), StatusCode::kIOError);
  sink_.set_fail_appends(false);
  EXPECT_EQ(writer_.AddRecord("also refused").code(), StatusCode::kIOError);
  EXPECT_EQ(ReadLog(contents()).records, written_);
}

}  // namespace
}  // namespace datacave::lsm::log
