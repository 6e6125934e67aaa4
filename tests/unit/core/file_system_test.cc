#include "core/file_system.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/process.h"

namespace datacave {
namespace {

class FileSystemTest : public ::testing::Test {
 protected:
  FileSystem* fs_ = FileSystem::Default();
  testing::TempDir dir_;
  std::string Path(const std::string& name) { return dir_.path() + "/" + name; }
};

TEST_F(FileSystemTest, WriteAppendReadBack) {
  {
    auto f = fs_->NewWritableFile(Path("a"));
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ASSERT_TRUE((*f)->Append("hello ").ok());
    ASSERT_TRUE((*f)->Sync().ok());
    ASSERT_TRUE((*f)->Close().ok());
  }
  {
    auto f = fs_->NewAppendableFile(Path("a"));
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE((*f)->Append("world").ok());
    ASSERT_TRUE((*f)->Close().ok());
    EXPECT_FALSE((*f)->Append("after close").ok());
  }
  auto text = ReadFileToString(fs_, Path("a"));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "hello world");
  EXPECT_EQ(*fs_->GetFileSize(Path("a")), 11u);

  auto random = fs_->NewRandomAccessFile(Path("a"));
  ASSERT_TRUE(random.ok());
  char scratch[16];
  std::string_view got;
  ASSERT_TRUE((*random)->Read(6, 16, scratch, &got).ok());
  EXPECT_EQ(got, "world");  // short read at end of file

  auto seq = fs_->NewSequentialFile(Path("a"));
  ASSERT_TRUE(seq.ok());
  ASSERT_TRUE((*seq)->Skip(6).ok());
  ASSERT_TRUE((*seq)->Read(3, scratch, &got).ok());
  EXPECT_EQ(got, "wor");
}

TEST_F(FileSystemTest, NewWritableFileTruncates) {
  ASSERT_TRUE(WriteStringToFile(fs_, "long contents", Path("t"), false).ok());
  ASSERT_TRUE(WriteStringToFile(fs_, "short", Path("t"), true).ok());
  EXPECT_EQ(*ReadFileToString(fs_, Path("t")), "short");
}

TEST_F(FileSystemTest, DirectoryOperations) {
  ASSERT_TRUE(fs_->CreateDir(Path("d/e")).ok());
  ASSERT_TRUE(fs_->CreateDir(Path("d/e")).ok());  // idempotent
  ASSERT_TRUE(WriteStringToFile(fs_, "x", Path("d/one"), false).ok());
  ASSERT_TRUE(fs_->RenameFile(Path("d/one"), Path("d/two")).ok());
  ASSERT_TRUE(fs_->SyncDir(Path("d")).ok());
  auto names = fs_->ListDir(Path("d"));
  ASSERT_TRUE(names.ok());
  std::sort(names->begin(), names->end());
  EXPECT_EQ(*names, (std::vector<std::string>{"e", "two"}));
  EXPECT_TRUE(fs_->FileExists(Path("d/two")));
  EXPECT_FALSE(fs_->FileExists(Path("d/one")));
  ASSERT_TRUE(fs_->RemoveFile(Path("d/two")).ok());
  ASSERT_TRUE(fs_->RemoveDir(Path("d/e")).ok());
}

TEST_F(FileSystemTest, MissingFilesAreNotFoundWithThePath) {
  auto f = fs_->NewSequentialFile(Path("missing"));
  ASSERT_FALSE(f.ok());
  EXPECT_TRUE(f.status().IsNotFound());
  EXPECT_NE(f.status().message().find(Path("missing")), std::string::npos);
  EXPECT_TRUE(fs_->RemoveFile(Path("missing")).IsNotFound());
  EXPECT_FALSE(fs_->GetFileSize(Path("missing")).ok());
  EXPECT_FALSE(fs_->ListDir(Path("missing")).ok());
}

TEST_F(FileSystemTest, LockIsExclusiveUntilReleased) {
  auto first = fs_->LockFile(Path("LOCK"));
  ASSERT_TRUE(first.ok());
  auto second = fs_->LockFile(Path("LOCK"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  EXPECT_NE(second.status().message().find("pid " + std::to_string(getpid())), std::string::npos)
      << second.status().message();
  first.value().reset();
  EXPECT_TRUE(fs_->LockFile(Path("LOCK")).ok());
}

}  // namespace
}  // namespace datacave
