#pragma once

// In-memory files for storage tests and fuzzers: a WritableFile that appends to a string and
// a SequentialFile that reads from a view, each able to fail on demand. Header-only so that
// property tests and fuzz targets can use it without the process helpers.

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "core/file_system.h"

namespace datacave::testing {

class StringSink final : public WritableFile {
 public:
  Status Append(std::string_view data) override {
    if (fail_appends_) return Status::IOError("injected append failure");
    contents_.append(data);
    return Status::Ok();
  }
  Status Flush() override { return Status::Ok(); }
  Status Sync() override { return Status::Ok(); }
  Status Close() override { return Status::Ok(); }

  std::string& contents() { return contents_; }
  void set_fail_appends(bool fail) { fail_appends_ = fail; }

 private:
  std::string contents_;
  bool fail_appends_ = false;
};

// Reads from memory owned by the caller, which must outlive the file.
class StringSource final : public SequentialFile {
 public:
  explicit StringSource(std::string_view contents) : contents_(contents) {}

  Status Read(size_t n, char* scratch, std::string_view* result) override {
    if (fail_reads_after_ == 0) return Status::IOError("injected read failure");
    if (fail_reads_after_ > 0) fail_reads_after_--;
    size_t count = std::min(n, contents_.size() - position_);
    // Copy, as a real file does, so that callers cannot come to rely on a stable view.
    if (count > 0) std::memcpy(scratch, contents_.data() + position_, count);
    position_ += count;
    *result = std::string_view(scratch, count);
    return Status::Ok();
  }
  Status Skip(uint64_t n) override {
    position_ = static_cast<size_t>(std::min<uint64_t>(contents_.size(), position_ + n));
    return Status::Ok();
  }

  // Reads succeed `reads` more times, then fail; negative means never fail.
  void set_fail_reads_after(int reads) { fail_reads_after_ = reads; }

 private:
  std::string_view contents_;
  size_t position_ = 0;
  int fail_reads_after_ = -1;
};

}  // namespace datacave::testing
