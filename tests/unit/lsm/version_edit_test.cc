#include "lsm/version_edit.h"

#include <gtest/gtest.h>

#include "lsm/filename.h"
#include "support/process.h"

namespace datacave::lsm {
namespace {

std::string IKey(std::string_view user, SequenceNumber seq) {
  std::string k;
  AppendInternalKey(&k, user, seq, ValueType::kValue);
  return k;
}

TEST(VersionEditTest, EncodeDecodeRoundTrip) {
  VersionEdit edit;
  edit.SetComparatorName("datacave.BytewiseComparator");
  edit.SetLogNumber(12);
  edit.SetNextFileNumber(40);
  edit.SetLastSequence(kMaxSequenceNumber);
  edit.RemoveFile(3, 17);
  edit.RemoveFile(0, 5);
  edit.AddFile(
      0, {.number = 33, .file_size = 4096, .smallest = IKey("a", 9), .largest = IKey("zz", 1)});
  edit.AddFile(6, {.number = 34,
                   .file_size = 1,
                   .smallest = IKey("", 0),
                   .largest = IKey(std::string("\0\xff", 2), 7)});
  std::string encoded;
  edit.EncodeTo(&encoded);

  VersionEdit decoded;
  ASSERT_TRUE(decoded.DecodeFrom(encoded).ok());
  std::string again;
  decoded.EncodeTo(&again);
  EXPECT_EQ(again, encoded);
  EXPECT_EQ(decoded.comparator(), "datacave.BytewiseComparator");
  EXPECT_EQ(decoded.log_number(), 12u);
  EXPECT_EQ(decoded.next_file_number(), 40u);
  EXPECT_EQ(decoded.last_sequence(), kMaxSequenceNumber);
  EXPECT_EQ(decoded.deleted_files().size(), 2u);
  ASSERT_EQ(decoded.new_files().size(), 2u);
  EXPECT_EQ(decoded.new_files()[1].first, 6);
  EXPECT_EQ(decoded.new_files()[1].second.largest, IKey(std::string("\0\xff", 2), 7));
  EXPECT_NE(decoded.DebugString().find("add L0 #33"), std::string::npos);
}

TEST(VersionEditTest, EmptyEditDecodes) {
  VersionEdit edit;
  std::string encoded;
  edit.EncodeTo(&encoded);
  EXPECT_TRUE(encoded.empty());
  VersionEdit decoded;
  EXPECT_TRUE(decoded.DecodeFrom(encoded).ok());
  EXPECT_FALSE(decoded.log_number().has_value());
}

TEST(VersionEditTest, MalformedEditsAreCorruptionAndLeaveNothingBehind) {
  VersionEdit edit;
  edit.SetLogNumber(3);
  edit.AddFile(1,
               {.number = 9, .file_size = 10, .smallest = IKey("a", 1), .largest = IKey("b", 1)});
  std::string good;
  edit.EncodeTo(&good);
  // Every strict prefix that cuts a field is malformed.
  for (size_t cut = 1; cut < good.size(); cut++) {
    VersionEdit d;
    Status s = d.DecodeFrom(std::string_view(good).substr(0, cut));
    if (cut == 2) continue;  // exactly after the log-number field: a valid shorter edit
    EXPECT_TRUE(s.IsCorruption()) << "cut at " << cut;
    EXPECT_TRUE(d.new_files().empty());
  }
  VersionEdit d;
  EXPECT_TRUE(d.DecodeFrom(std::string("\x63\x01", 2)).IsCorruption());  // unknown tag 99
  std::string bad_level;
  bad_level.push_back(7);  // new file
  bad_level.push_back(9);  // level 9 does not exist
  EXPECT_TRUE(d.DecodeFrom(bad_level).IsCorruption());
  std::string short_key =
      "\x07\x01\x01\x01\x03"
      "abc"
      "\x03"
      "abc";  // keys without tags
  EXPECT_TRUE(d.DecodeFrom(short_key).IsCorruption());
}

TEST(FileNameTest, NamesRoundTrip) {
  struct Case {
    std::string path;
    uint64_t number;
    FileType type;
  };
  for (const Case& c :
       std::vector<Case>{{LogFileName("d", 7), 7, FileType::kLog},
                         {TableFileName("d", 123456789), 123456789, FileType::kTable},
                         {ManifestFileName("d", 2), 2, FileType::kManifest},
                         {TempFileName("d", 3), 3, FileType::kTemp},
                         {CurrentFileName("d"), 0, FileType::kCurrent},
                         {LockFileName("d"), 0, FileType::kLock}}) {
    uint64_t number;
    FileType type;
    std::string name = c.path.substr(2);
    ASSERT_TRUE(ParseFileName(name, &number, &type)) << name;
    EXPECT_EQ(number, c.number);
    EXPECT_EQ(type, c.type);
  }
  EXPECT_EQ(LogFileName("dir", 7), "dir/000007.log");
  uint64_t n;
  FileType t;
  for (const char* bad : {"", "foo", "000001.txt", ".log", "x.sst", "MANIFEST-", "MANIFEST-x",
                          "-1.log", "1.log.bak"}) {
    EXPECT_FALSE(ParseFileName(bad, &n, &t)) << bad;
  }
}

TEST(FileNameTest, SetCurrentFileIsAtomicAndNamesTheManifest) {
  testing::TempDir dir;
  FileSystem* fs = FileSystem::Default();
  ASSERT_TRUE(SetCurrentFile(fs, dir.path(), 5).ok());
  EXPECT_EQ(*ReadFileToString(fs, CurrentFileName(dir.path())), "MANIFEST-000005\n");
  ASSERT_TRUE(SetCurrentFile(fs, dir.path(), 6).ok());
  EXPECT_EQ(*ReadFileToString(fs, CurrentFileName(dir.path())), "MANIFEST-000006\n");
  auto names = fs->ListDir(dir.path());
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"CURRENT"});  // no temp file left behind
}

}  // namespace
}  // namespace datacave::lsm
