// Properties of the write-ahead log and the write batch: whatever is written reads back
// exactly; a log cut anywhere reads back as exactly the records that were complete before
// the cut; damage never produces a record that was not written; a batch round-trips through
// its bytes.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "lsm/log_reader.h"
#include "lsm/log_writer.h"
#include "lsm/write_batch.h"
#include "support/string_file.h"

namespace datacave::lsm {
namespace {

using testing::StringSink;
using testing::StringSource;

// A record of the given size whose bytes depend on seed, so records differ from each other
// and from their neighbours' fragments. Cheap to make at 100 KB, unlike a generated string.
std::string MakeRecord(size_t size, uint32_t seed) {
  std::string s(size, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s[i] = static_cast<char>(x);
  }
  return s;
}

// Sizes skewed towards the interesting: tiny, around a block, and up to ~100 KB.
rc::Gen<size_t> GenRecordSize() {
  return rc::gen::oneOf(rc::gen::inRange<size_t>(0, 16), rc::gen::inRange<size_t>(0, 200),
                        rc::gen::inRange<size_t>(log::kBlockSize - 64, log::kBlockSize + 64),
                        rc::gen::inRange<size_t>(0, 100'001));
}

struct WrittenLog {
  std::vector<std::string> records;
  std::vector<uint64_t> ends;  // the file length after each record
  std::string contents;
};

WrittenLog WriteRandomLog() {
  auto sizes =
      *rc::gen::container<std::vector<size_t>>(*rc::gen::inRange<size_t>(0, 24), GenRecordSize());
  auto seed = *rc::gen::arbitrary<uint32_t>();
  WrittenLog log;
  StringSink sink;
  log::Writer writer(&sink);
  for (size_t i = 0; i < sizes.size(); i++) {
    log.records.push_back(MakeRecord(sizes[i], seed + static_cast<uint32_t>(i)));
    RC_ASSERT(writer.AddRecord(log.records.back()).ok());
    log.ends.push_back(writer.FileLength());
  }
  log.contents = std::move(sink.contents());
  RC_ASSERT(log.contents.size() == writer.FileLength());
  return log;
}

class CountingReporter final : public log::Reader::Reporter {
 public:
  void Corruption(size_t bytes, const Status&) override {
    reports++;
    dropped += bytes;
  }
  int reports = 0;
  size_t dropped = 0;
};

struct ReadBack {
  std::vector<std::string> records;
  bool mid_log_corruption;
  uint64_t last_record_end;
  int reports;
};

ReadBack ReadAll(std::string_view contents) {
  StringSource source(contents);
  CountingReporter reporter;
  log::Reader reader(&source, &reporter, /*verify_checksums=*/true, 0);
  ReadBack out;
  std::string_view record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch)) out.records.emplace_back(record);
  out.mid_log_corruption = reader.MidLogCorruption();
  out.last_record_end = reader.LastRecordEndOffset();
  out.reports = reporter.reports;
  RC_ASSERT(reader.status().ok());
  return out;
}

RC_GTEST_PROP(LogProperty, RecordsRoundTripExactly, ()) {
  WrittenLog log = WriteRandomLog();
  ReadBack got = ReadAll(log.contents);
  RC_ASSERT(got.records == log.records);
  RC_ASSERT(got.reports == 0);
  RC_ASSERT(got.last_record_end == log.contents.size());
}

RC_GTEST_PROP(LogProperty, TruncationYieldsExactlyTheCompletePrefix, ()) {
  WrittenLog log = WriteRandomLog();
  auto cut = *rc::gen::inRange<size_t>(0, log.contents.size() + 1);
  // The records that ended at or before the cut survive, and nothing else.
  size_t complete = 0;
  while (complete < log.ends.size() && log.ends[complete] <= cut) complete++;
  ReadBack got = ReadAll(std::string_view(log.contents).substr(0, cut));
  RC_ASSERT(got.records.size() == complete);
  for (size_t i = 0; i < complete; i++) RC_ASSERT(got.records[i] == log.records[i]);
  RC_ASSERT(!got.mid_log_corruption);
  RC_ASSERT(got.last_record_end == (complete == 0 ? 0 : log.ends[complete - 1]));
}

RC_GTEST_PROP(LogProperty, FlippedBitNeverYieldsAnUnwrittenRecord, ()) {
  WrittenLog log = WriteRandomLog();
  RC_PRE(!log.contents.empty());
  auto offset = *rc::gen::inRange<size_t>(0, log.contents.size());
  auto bit = *rc::gen::inRange(0, 8);
  std::string damaged = log.contents;
  damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << bit));
  ReadBack got = ReadAll(damaged);
  // What comes back is a subsequence of what was written, in order.
  size_t next = 0;
  for (const auto& record : got.records) {
    while (next < log.records.size() && log.records[next] != record) next++;
    RC_ASSERT(next < log.records.size());
    next++;
  }
  // A bit that the writer wrote is inside some physical record (or padding), so unless it
  // was padding, something is reported.
  if (got.records.size() < log.records.size()) RC_ASSERT(got.reports > 0);
}

// Damaging record i's checksum loses record i. When a record follows, the damage is
// classed as mid-log (whichever block the next record is in); when i is the last record,
// it is a torn tail and everything before it survives.
RC_GTEST_PROP(LogProperty, DamagedChecksumIsMidLogExactlyWhenARecordFollows, ()) {
  WrittenLog log = WriteRandomLog();
  RC_PRE(!log.records.empty());
  auto i = *rc::gen::inRange<size_t>(0, log.records.size());
  uint64_t start = i == 0 ? 0 : log.ends[i - 1];
  if (log::kBlockSize - start % log::kBlockSize < log::kHeaderSize) {
    start += log::kBlockSize - start % log::kBlockSize;  // the writer padded the block
  }
  auto offset = start + *rc::gen::inRange<uint64_t>(0, 4);
  std::string damaged = log.contents;
  damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << *rc::gen::inRange(0, 8)));
  ReadBack got = ReadAll(damaged);
  RC_ASSERT(got.reports > 0);
  RC_ASSERT(got.records.size() >= i);
  for (size_t k = 0; k < i; k++) RC_ASSERT(got.records[k] == log.records[k]);
  bool last = i + 1 == log.records.size();
  RC_ASSERT(got.mid_log_corruption == !last);
  if (last) {
    RC_ASSERT(got.records.size() == i);
    RC_ASSERT(got.last_record_end == (i == 0 ? 0 : log.ends[i - 1]));
  }
}

// One operation of a write batch: type, key and value (the end key for a range).
using Op = std::tuple<ValueType, std::string, std::string>;

rc::Gen<Op> GenOp() {
  return rc::gen::tuple(
      rc::gen::element(ValueType::kValue, ValueType::kDeletion, ValueType::kRangeDeletion),
      rc::gen::arbitrary<std::string>(), rc::gen::arbitrary<std::string>());
}

class Recorder final : public WriteBatch::Handler {
 public:
  Status Put(std::string_view key, std::string_view value) override {
    ops.emplace_back(ValueType::kValue, std::string(key), std::string(value));
    return Status::Ok();
  }
  Status Delete(std::string_view key) override {
    ops.emplace_back(ValueType::kDeletion, std::string(key), "");
    return Status::Ok();
  }
  Status DeleteRange(std::string_view begin, std::string_view end) override {
    ops.emplace_back(ValueType::kRangeDeletion, std::string(begin), std::string(end));
    return Status::Ok();
  }
  std::vector<Op> ops;
};

void AddOps(WriteBatch* batch, std::vector<Op>* ops) {
  for (auto& [type, key, value] : *ops) {
    switch (type) {
      case ValueType::kValue: batch->Put(key, value); break;
      case ValueType::kDeletion:
        batch->Delete(key);
        value.clear();  // a delete carries no value
        break;
      case ValueType::kRangeDeletion: batch->DeleteRange(key, value); break;
    }
  }
}

RC_GTEST_PROP(WriteBatchProperty, OpsRoundTripThroughContents, (uint64_t sequence)) {
  auto ops = *rc::gen::container<std::vector<Op>>(GenOp());
  WriteBatch batch;
  AddOps(&batch, &ops);
  batch.SetSequence(sequence);
  RC_ASSERT(batch.Count() == ops.size());

  auto copy = WriteBatch::FromContents(std::string(batch.Contents()));
  RC_ASSERT(copy.ok());
  RC_ASSERT(copy->Sequence() == sequence);
  RC_ASSERT(copy->Count() == ops.size());
  Recorder recorder;
  RC_ASSERT(copy->Iterate(&recorder).ok());
  RC_ASSERT(recorder.ops == ops);
}

RC_GTEST_PROP(WriteBatchProperty, AppendConcatenates, ()) {
  auto first = *rc::gen::container<std::vector<Op>>(GenOp());
  auto second = *rc::gen::container<std::vector<Op>>(GenOp());
  WriteBatch a;
  WriteBatch b;
  AddOps(&a, &first);
  AddOps(&b, &second);
  a.Append(b);
  Recorder recorder;
  RC_ASSERT(a.Iterate(&recorder).ok());
  first.insert(first.end(), second.begin(), second.end());
  RC_ASSERT(recorder.ops == first);
  RC_ASSERT(a.Count() == first.size());
}

RC_GTEST_PROP(WriteBatchProperty, TruncatedContentsAreCorruption, ()) {
  auto ops = *rc::gen::nonEmpty(rc::gen::container<std::vector<Op>>(GenOp()));
  WriteBatch batch;
  AddOps(&batch, &ops);
  std::string contents(batch.Contents());
  auto cut = *rc::gen::inRange<size_t>(WriteBatch::kHeaderSize, contents.size());
  auto truncated = WriteBatch::FromContents(contents.substr(0, cut));
  RC_ASSERT(truncated.ok());
  RC_ASSERT(truncated->Validate().IsCorruption());
}

}  // namespace
}  // namespace datacave::lsm
