#pragma once

// In-memory files for table tests and fuzzers: a WritableFile that appends to a string and
// a RandomAccessFile that reads from one. Header-only so that fuzz targets need no test
// support library.

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "core/file_system.h"

namespace datacave::testing {

// Appends to a string the test owns, which must outlive the file.
class StringTableSink final : public WritableFile {
 public:
  explicit StringTableSink(std::string* contents) : contents_(contents) {}
  Status Append(std::string_view data) override {
    contents_->append(data);
    return Status::Ok();
  }
  Status Flush() override { return Status::Ok(); }
  Status Sync() override { return Status::Ok(); }
  Status Close() override { return Status::Ok(); }

 private:
  std::string* contents_;
};

// Serves reads from its own copy of the contents. Reads past the end come back short.
class StringRandomAccessFile final : public RandomAccessFile {
 public:
  explicit StringRandomAccessFile(std::string contents) : contents_(std::move(contents)) {}
  Status Read(uint64_t offset, size_t n, char* scratch, std::string_view* result) const override {
    if (offset > contents_.size()) {
      *result = {};
      return Status::Ok();
    }
    const size_t start = static_cast<size_t>(offset);
    n = std::min(n, contents_.size() - start);
    std::memcpy(scratch, contents_.data() + start, n);
    *result = std::string_view(scratch, n);
    return Status::Ok();
  }

 private:
  std::string contents_;
};

}  // namespace datacave::testing
