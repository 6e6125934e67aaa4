#include "lsm/table/table.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/coding.h"
#include "core/crc32c.h"
#include "lsm/dbformat.h"
#include "lsm/table/table_builder.h"
#include "support/memory_file.h"

namespace datacave::lsm {
namespace {

using Model = std::map<std::string, std::string>;
using testing::StringRandomAccessFile;
using testing::StringTableSink;

constexpr char kFileName[] = "000042.sst";

std::string BuildTable(const TableOptions& options, const Model& model) {
  std::string contents;
  StringTableSink sink(&contents);
  TableBuilder builder(options, &sink);
  for (const auto& [k, v] : model) EXPECT_TRUE(builder.Add(k, v).ok());
  EXPECT_EQ(builder.NumEntries(), model.size());
  EXPECT_TRUE(builder.Finish().ok());
  EXPECT_EQ(builder.FileSize(), contents.size());
  return contents;
}

Result<std::unique_ptr<Table>> OpenTable(const TableOptions& options, std::string contents) {
  const uint64_t size = contents.size();
  return Table::Open(options, std::make_unique<StringRandomAccessFile>(std::move(contents)), size,
                     kFileName);
}

Model SampleModel(int n) {
  Model m;
  for (int i = 0; i < n; i++) {
    char key[32];
    std::snprintf(key, sizeof key, "key%06d", i * 3);  // gaps for absent keys
    // Compressible values of varying length.
    m[key] = std::string(static_cast<size_t>(i % 200), static_cast<char>('a' + i % 3)) +
             std::to_string(i);
  }
  return m;
}

// Scans forward and backward, seeks to every key and between keys, and looks every key up.
void CheckTable(const Table& table, const Model& model) {
  auto it = table.NewIterator(ReadOptions());
  it->SeekToFirst();
  for (const auto& [k, v] : model) {
    ASSERT_TRUE(it->Valid());
    ASSERT_EQ(it->key(), k);
    ASSERT_EQ(it->value(), v);
    it->Next();
  }
  ASSERT_FALSE(it->Valid());
  it->SeekToLast();
  for (auto m = model.rbegin(); m != model.rend(); ++m) {
    ASSERT_TRUE(it->Valid());
    ASSERT_EQ(it->key(), m->first);
    it->Prev();
  }
  ASSERT_FALSE(it->Valid());
  for (const auto& entry : model) {
    // Named, not bound: clang 14 cannot capture structured bindings in the lambda below.
    const std::string& k = entry.first;
    const std::string& v = entry.second;
    it->Seek(k);
    ASSERT_TRUE(it->Valid());
    ASSERT_EQ(it->key(), k);
    it->Seek(k + '\0');
    auto next = model.upper_bound(k);
    if (next == model.end()) {
      ASSERT_FALSE(it->Valid());
    } else {
      ASSERT_TRUE(it->Valid());
      ASSERT_EQ(it->key(), next->first);
    }
    bool found = false;
    ASSERT_TRUE(table
                    .InternalGet(ReadOptions(), k,
                                 [&](std::string_view key, std::string_view value) {
                                   found = true;
                                   EXPECT_EQ(key, k);
                                   EXPECT_EQ(value, v);
                                 })
                    .ok());
    ASSERT_TRUE(found) << k;
  }
  ASSERT_TRUE(it->status().ok());
}

class TableCompressionTest : public ::testing::TestWithParam<CompressionType> {};

TEST_P(TableCompressionTest, RoundTrip) {
  TableOptions options;
  options.compression = GetParam();
  options.block_size = 1024;
  const Model model = SampleModel(5000);
  const std::string contents = BuildTable(options, model);
  if (GetParam() != CompressionType::kNone) {
    // The values are repetitive: compression must have paid off.
    TableOptions plain = options;
    plain.compression = CompressionType::kNone;
    EXPECT_LT(contents.size(), BuildTable(plain, model).size() / 2);
  }
  auto table = OpenTable(options, contents);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  CheckTable(**table, model);
}

INSTANTIATE_TEST_SUITE_P(Compression, TableCompressionTest,
                         ::testing::Values(CompressionType::kNone, CompressionType::kLz4,
                                           CompressionType::kZstd));

TEST(TableTest, EmptyTable) {
  TableOptions options;
  auto table = OpenTable(options, BuildTable(options, {}));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto it = (*table)->NewIterator(ReadOptions());
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  it->SeekToLast();
  EXPECT_FALSE(it->Valid());
  it->Seek("a");
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(it->status().ok());
  bool called = false;
  EXPECT_TRUE((*table)->InternalGet(ReadOptions(), "a", [&](auto, auto) { called = true; }).ok());
  EXPECT_FALSE(called);
}

TEST(TableTest, InternalGetMissesAndBloomFilter) {
  TableOptions options;
  const Model model = SampleModel(3000);  // keys key000000, key000003, ...
  auto table = OpenTable(options, BuildTable(options, model));
  ASSERT_TRUE(table.ok());
  // Absent keys between present ones: the filter answers most of them without a block
  // read; the rest seek to the next key, which the caller sees is not the one asked for.
  int filter_passed = 0;
  int absent = 0;
  for (int i = 0; i < 9000; i++) {
    if (i % 3 == 0) continue;
    char key[32];
    std::snprintf(key, sizeof key, "key%06d", i);
    absent++;
    bool called = false;
    ASSERT_TRUE((*table)
                    ->InternalGet(ReadOptions(), key,
                                  [&](std::string_view found, std::string_view) {
                                    called = true;
                                    EXPECT_NE(found, key);
                                  })
                    .ok());
    if (called) filter_passed++;
  }
  const double rate = static_cast<double>(filter_passed) / absent;
  std::printf("table bloom false-positive rate: %.2f%% of %d absent keys\n", rate * 100, absent);
  EXPECT_LT(rate, 0.02);

  // Without a filter every absent key between present ones reaches a data block.
  options.bloom_bits_per_key = 0;
  auto unfiltered = OpenTable(options, BuildTable(options, model));
  ASSERT_TRUE(unfiltered.ok());
  bool called = false;
  ASSERT_TRUE((*unfiltered)
                  ->InternalGet(ReadOptions(), "key000001", [&](auto, auto) { called = true; })
                  .ok());
  EXPECT_TRUE(called);
}

TEST(TableTest, FilterOnUserKeyOfInternalKeys) {
  InternalKeyComparator icmp(BytewiseComparator());
  TableOptions options;
  options.comparator = &icmp;
  options.filter_on_user_key = true;
  std::string contents;
  StringTableSink sink(&contents);
  TableBuilder builder(options, &sink);
  for (int i = 0; i < 1000; i++) {
    std::string user = "user" + std::to_string(1000 + i);
    // Two versions of each key: newest first.
    for (SequenceNumber seq : {SequenceNumber{200}, SequenceNumber{100}}) {
      std::string ikey;
      AppendInternalKey(&ikey, user, seq + static_cast<SequenceNumber>(i), ValueType::kValue);
      ASSERT_TRUE(builder.Add(ikey, "v" + std::to_string(seq)).ok());
    }
  }
  ASSERT_TRUE(builder.Finish().ok());
  auto table = OpenTable(options, contents);
  ASSERT_TRUE(table.ok()) << table.status().ToString();

  // A lookup at a snapshot sequence no entry has still passes the filter (it is keyed by
  // user key) and finds the newest version at or below it.
  std::string lookup;
  AppendInternalKey(&lookup, "user1500", 650, kValueTypeForSeek);
  std::string found_value;
  ASSERT_TRUE((*table)
                  ->InternalGet(ReadOptions(), lookup,
                                [&](std::string_view key, std::string_view value) {
                                  EXPECT_EQ(ExtractUserKey(key), "user1500");
                                  found_value = value;
                                })
                  .ok());
  EXPECT_EQ(found_value, "v100");  // sequences 700 > 650 >= 600

  int passed = 0;
  for (int i = 0; i < 1000; i++) {
    std::string absent;
    AppendInternalKey(&absent, "absent" + std::to_string(i), 1000, kValueTypeForSeek);
    ASSERT_TRUE((*table)->InternalGet(ReadOptions(), absent, [&](auto, auto) { passed++; }).ok());
  }
  EXPECT_LT(passed, 30);
}

TEST(TableTest, WrongComparatorIsAnError) {
  TableOptions options;
  const std::string contents = BuildTable(options, SampleModel(10));
  InternalKeyComparator icmp(BytewiseComparator());
  options.comparator = &icmp;
  auto table = OpenTable(options, contents);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find(kFileName), std::string::npos);
  EXPECT_NE(table.status().message().find("datacave.BytewiseComparator"), std::string::npos);
}

// The offsets of the parts of a table, from its footer.
Footer ReadFooter(const std::string& contents) {
  Footer footer;
  EXPECT_TRUE(
      footer.DecodeFrom(std::string_view(contents).substr(contents.size() - Footer::kEncodedLength))
          .ok());
  return footer;
}

// Opens the table and reads everything; returns the first error.
Status OpenAndScan(const TableOptions& options, std::string contents) {
  DC_ASSIGN_OR_RETURN(std::unique_ptr<Table> table, OpenTable(options, std::move(contents)));
  auto it = table->NewIterator(ReadOptions());
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
  }
  return it->status();
}

void ExpectCorruptionNamingFile(const Status& s) {
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(kFileName), std::string::npos) << s.ToString();
}

TEST(TableTest, CorruptDataBlockIsReported) {
  TableOptions options;
  options.compression = CompressionType::kNone;
  const std::string good = BuildTable(options, SampleModel(500));
  ASSERT_TRUE(OpenAndScan(options, good).ok());
  // Every byte of the first data block and its trailer.
  const Footer footer = ReadFooter(good);
  for (size_t i = 0; i < 200; i++) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    ExpectCorruptionNamingFile(OpenAndScan(options, bad));
  }
  // Point reads see it too.
  std::string bad = good;
  bad[10] = static_cast<char>(bad[10] ^ 0x80);
  auto table = OpenTable(options, bad);
  ASSERT_TRUE(table.ok());
  Status s = (*table)->InternalGet(ReadOptions(), "key000000", [](auto, auto) {});
  ExpectCorruptionNamingFile(s);
  // Without checksum verification the damage goes unnoticed, but nothing breaks.
  ReadOptions no_verify;
  no_verify.verify_checksums = false;
  EXPECT_TRUE((*table)->InternalGet(no_verify, "key000000", [](auto, auto) {}).ok());
  EXPECT_GT(footer.index_handle().offset(), 200u);
}

TEST(TableTest, CorruptIndexMetaindexOrFooterFailsOpen) {
  TableOptions options;
  const std::string good = BuildTable(options, SampleModel(500));
  const Footer footer = ReadFooter(good);
  std::vector<size_t> positions;
  // Every byte of the index and metaindex blocks (with trailers) and of the footer.
  for (const BlockHandle& h : {footer.index_handle(), footer.metaindex_handle()}) {
    for (uint64_t i = h.offset(); i < h.offset() + h.size() + kBlockTrailerSize; i++) {
      positions.push_back(static_cast<size_t>(i));
    }
  }
  for (size_t i = good.size() - Footer::kEncodedLength; i < good.size(); i++) {
    positions.push_back(i);
  }
  for (size_t pos : positions) {
    SCOPED_TRACE(pos);
    std::string bad = good;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x10);
    auto table = OpenTable(options, bad);
    ASSERT_FALSE(table.ok());
    ExpectCorruptionNamingFile(table.status());
  }
}

// Damage that passes the checksum (a writer bug, or a read without verification) is caught
// by the block parser, and still named after the file.
TEST(TableTest, MalformedDataBlockBehindValidChecksumIsCorruption) {
  TableOptions options;
  options.compression = CompressionType::kNone;
  std::string contents = BuildTable(options, SampleModel(500));
  // The first data block starts at 0 and its restart count is the last fixed32 before its
  // trailer: claim more restart points than fit, and re-checksum the block. The first
  // index entry gives the block's size.
  BlockHandle first;
  const Footer footer = ReadFooter(contents);
  auto index_contents = ReadBlock(StringRandomAccessFile(contents), contents.size(), kFileName,
                                  footer.index_handle(), true);
  ASSERT_TRUE(index_contents.ok());
  auto index_it =
      Block::NewIterator(std::make_shared<const Block>(*index_contents), BytewiseComparator());
  index_it->SeekToFirst();
  ASSERT_TRUE(index_it->Valid());
  std::string_view handle_input = index_it->value();
  ASSERT_TRUE(first.DecodeFrom(&handle_input).ok());
  const size_t n = static_cast<size_t>(first.size());
  std::string count;
  PutFixed32(&count, 0x7fffffff);
  contents.replace(n - 4, 4, count);
  std::string crc;
  PutFixed32(&crc, crc32c::Mask(crc32c::Value(std::string_view(contents).substr(0, n + 1))));
  contents.replace(n + 1, 4, crc);

  auto table = OpenTable(options, contents);
  ASSERT_TRUE(table.ok());
  auto it = (*table)->NewIterator(ReadOptions());
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  ExpectCorruptionNamingFile(it->status());
  // Backward, the scan reaches the damaged block last and stops there.
  it = (*table)->NewIterator(ReadOptions());
  size_t seen = 0;
  for (it->SeekToLast(); it->Valid(); it->Prev()) seen++;
  EXPECT_GT(seen, 0u);
  EXPECT_LT(seen, 500u);
  ExpectCorruptionNamingFile(it->status());
  ExpectCorruptionNamingFile((*table)->InternalGet(ReadOptions(), "key000000", [](auto, auto) {}));
}

TEST(TableTest, OversizedBlockIsRefused) {
  TableOptions options;
  options.compression = CompressionType::kNone;
  std::string contents;
  StringTableSink sink(&contents);
  TableBuilder builder(options, &sink);
  Status s = builder.Add("big", std::string(kMaxBlockSize, 'v'));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  // The error is sticky.
  EXPECT_EQ(builder.Add("later", "v").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(builder.Finish().code(), StatusCode::kInvalidArgument);
}

TEST(TableTest, TruncatedFileIsCorruption) {
  TableOptions options;
  const std::string good = BuildTable(options, SampleModel(200));
  for (size_t n : {size_t{0}, size_t{10}, Footer::kEncodedLength - 1, Footer::kEncodedLength,
                   good.size() / 2, good.size() - 1}) {
    SCOPED_TRACE(n);
    auto table = OpenTable(options, good.substr(0, n));
    ASSERT_FALSE(table.ok());
    ExpectCorruptionNamingFile(table.status());
  }
}

TEST(TableTest, ApproximateOffsetOf) {
  TableOptions options;
  options.compression = CompressionType::kNone;
  Model model;
  for (int i = 0; i < 100; i++) model["k" + std::to_string(100 + i)] = std::string(1000, 'v');
  const std::string contents = BuildTable(options, model);
  auto table = OpenTable(options, contents);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)->ApproximateOffsetOf("a"), 0u);
  EXPECT_EQ((*table)->ApproximateOffsetOf("k100"), 0u);
  const uint64_t middle = (*table)->ApproximateOffsetOf("k150");
  EXPECT_GT(middle, 45000u);
  EXPECT_LT(middle, 55000u);
  const uint64_t end = (*table)->ApproximateOffsetOf("z");
  EXPECT_GT(end, 100000u);
  EXPECT_LT(end, contents.size());
}

TEST(TableTest, RestartIntervalOneAndTinyBlocks) {
  TableOptions options;
  options.block_size = 1;  // one entry per block
  options.block_restart_interval = 1;
  const Model model = SampleModel(300);
  auto table = OpenTable(options, BuildTable(options, model));
  ASSERT_TRUE(table.ok());
  CheckTable(**table, model);
}

TEST(FormatTest, CompressionKeptOnlyWhenItSaves12Point5Percent) {
  std::string compressed;
  const std::string repetitive(4096, 'x');
  for (CompressionType type : {CompressionType::kLz4, CompressionType::kZstd}) {
    ASSERT_TRUE(CompressBlock(type, repetitive, &compressed));
    auto round_trip = UncompressBlock(static_cast<uint8_t>(type), compressed);
    ASSERT_TRUE(round_trip.ok());
    EXPECT_EQ(*round_trip, repetitive);
    // Pseudo-random bytes do not compress.
    std::string noise;
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 4096; i++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      noise.push_back(static_cast<char>(x));
    }
    EXPECT_FALSE(CompressBlock(type, noise, &compressed));
  }
  EXPECT_FALSE(CompressBlock(CompressionType::kNone, repetitive, &compressed));
}

TEST(FormatTest, DecompressedSizeIsBoundedBeforeAllocating) {
  // An LZ4 block claiming 1 GiB.
  std::string lz4;
  PutVarint32(&lz4, 1u << 30);
  lz4 += "garbage";
  auto r = UncompressBlock(static_cast<uint8_t>(CompressionType::kLz4), lz4);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption());
  EXPECT_NE(r.status().message().find("too large"), std::string::npos);
  // A zstd frame header claiming 1 TiB: magic, single-segment with an 8-byte content size.
  std::string zstd("\x28\xb5\x2f\xfd\xe0", 5);
  PutFixed64(&zstd, uint64_t{1} << 40);
  r = UncompressBlock(static_cast<uint8_t>(CompressionType::kZstd), zstd);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too large"), std::string::npos);
  // Garbage, truncation and unknown types.
  std::string good;
  ASSERT_TRUE(CompressBlock(CompressionType::kZstd, std::string(1000, 'z'), &good));
  EXPECT_TRUE(UncompressBlock(2, good.substr(0, good.size() - 1)).status().IsCorruption());
  EXPECT_TRUE(UncompressBlock(2, "not zstd").status().IsCorruption());
  EXPECT_TRUE(UncompressBlock(1, "\x05\x01").status().IsCorruption());
  EXPECT_TRUE(UncompressBlock(3, "x").status().IsCorruption());
}

TEST(FormatTest, BlockHandleOutOfRangeIsCorruption) {
  StringRandomAccessFile file(std::string(100, 'x'));
  for (BlockHandle h : {BlockHandle(0, 96), BlockHandle(96, 0), BlockHandle(101, 0),
                        BlockHandle(0, uint64_t{1} << 62), BlockHandle(~uint64_t{0}, 10)}) {
    auto r = ReadBlock(file, 100, kFileName, h, true);
    ASSERT_FALSE(r.ok());
    ExpectCorruptionNamingFile(r.status());
  }
}

}  // namespace
}  // namespace datacave::lsm

namespace datacave::lsm {
namespace {

TEST(TableRangeTombstoneTest, TombstonesRoundTripOutsideTheDataBlocks) {
  TableOptions options;
  std::string contents;
  testing::StringTableSink sink(&contents);
  TableBuilder builder(options, &sink);
  ASSERT_TRUE(builder.Add("b", "1").ok());
  builder.AddRangeTombstone("a", 7, "m");
  builder.AddRangeTombstone(std::string("x\0y", 3), kMaxSequenceNumber, "z");
  ASSERT_TRUE(builder.Finish().ok());
  auto table = OpenTable(options, contents);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const auto& tombstones = (*table)->range_tombstones();
  ASSERT_EQ(tombstones.size(), 2u);
  EXPECT_EQ(tombstones[0].begin, "a");
  EXPECT_EQ(tombstones[0].end, "m");
  EXPECT_EQ(tombstones[0].sequence, 7u);
  EXPECT_EQ(tombstones[1].begin, std::string("x\0y", 3));
  EXPECT_EQ(tombstones[1].sequence, kMaxSequenceNumber);
  // The data blocks hold only the point entry.
  auto it = (*table)->NewIterator({});
  int entries = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) entries++;
  EXPECT_EQ(entries, 1);
}

TEST(TableRangeTombstoneTest, TableWithoutTombstonesHasNone) {
  TableOptions options;
  auto table = OpenTable(options, BuildTable(options, {{"k", "v"}}));
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE((*table)->range_tombstones().empty());
}

}  // namespace
}  // namespace datacave::lsm
