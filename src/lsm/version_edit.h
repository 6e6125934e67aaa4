#pragma once

// A VersionEdit is one change to the set of files that make up the database: tables added
// to or removed from levels, and the counters that recovery needs. The manifest is a log
// of encoded edits; replaying them in order rebuilds the current version.
//
// Encoding: a sequence of fields, each a varint32 tag followed by its payload (see
// docs/manifest-format.md). Unknown tags are Corruption: an edit we cannot fully
// understand must not be applied partially.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "lsm/dbformat.h"

namespace datacave::lsm {

constexpr int kNumLevels = 7;

// What the engine knows about one table file.
struct FileMetaData {
  uint64_t number = 0;
  uint64_t file_size = 0;
  std::string smallest;  // smallest internal key in the table
  std::string largest;   // largest internal key in the table
  // Runtime only, not encoded:
  int allowed_seeks = 1 << 30;
};

class VersionEdit {
 public:
  void Clear() { *this = VersionEdit(); }

  void SetComparatorName(std::string_view name) { comparator_ = std::string(name); }
  void SetLogNumber(uint64_t number) { log_number_ = number; }
  void SetNextFileNumber(uint64_t number) { next_file_number_ = number; }
  void SetLastSequence(SequenceNumber sequence) { last_sequence_ = sequence; }
  // REQUIRES: 0 <= level < kNumLevels.
  void AddFile(int level, FileMetaData file) { new_files_.emplace_back(level, std::move(file)); }
  void RemoveFile(int level, uint64_t number) { deleted_files_.emplace(level, number); }

  void EncodeTo(std::string* dst) const;
  // Replaces *this with the decoded edit. Corruption on any malformed input.
  Status DecodeFrom(std::string_view src);

  const std::optional<std::string>& comparator() const { return comparator_; }
  const std::optional<uint64_t>& log_number() const { return log_number_; }
  const std::optional<uint64_t>& next_file_number() const { return next_file_number_; }
  const std::optional<SequenceNumber>& last_sequence() const { return last_sequence_; }
  const std::vector<std::pair<int, FileMetaData>>& new_files() const { return new_files_; }
  const std::set<std::pair<int, uint64_t>>& deleted_files() const { return deleted_files_; }

  std::string DebugString() const;

 private:
  std::optional<std::string> comparator_;
  std::optional<uint64_t> log_number_;
  std::optional<uint64_t> next_file_number_;
  std::optional<SequenceNumber> last_sequence_;
  std::set<std::pair<int, uint64_t>> deleted_files_;
  std::vector<std::pair<int, FileMetaData>> new_files_;
};

}  // namespace datacave::lsm
