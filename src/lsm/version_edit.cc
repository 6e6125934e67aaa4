#include "lsm/version_edit.h"

#include "core/coding.h"

namespace datacave::lsm {
namespace {

// Field tags. Stored on disk: never renumber.
enum Tag : uint32_t {
  kComparator = 1,
  kLogNumber = 2,
  kNextFileNumber = 3,
  kLastSequence = 4,
  kDeletedFile = 6,
  kNewFile = 7,
};

bool GetLevel(std::string_view* input, int* level) {
  uint32_t v;
  if (!GetVarint32(input, &v) || v >= kNumLevels) return false;
  *level = static_cast<int>(v);
  return true;
}

bool GetInternalKey(std::string_view* input, std::string* key) {
  std::string_view v;
  ParsedInternalKey parsed;
  if (!GetLengthPrefixed(input, &v) || !ParseInternalKey(v, &parsed)) return false;
  key->assign(v.data(), v.size());
  return true;
}

}  // namespace

void VersionEdit::EncodeTo(std::string* dst) const {
  if (comparator_) {
    PutVarint32(dst, kComparator);
    PutLengthPrefixed(dst, *comparator_);
  }
  if (log_number_) {
    PutVarint32(dst, kLogNumber);
    PutVarint64(dst, *log_number_);
  }
  if (next_file_number_) {
    PutVarint32(dst, kNextFileNumber);
    PutVarint64(dst, *next_file_number_);
  }
  if (last_sequence_) {
    PutVarint32(dst, kLastSequence);
    PutVarint64(dst, *last_sequence_);
  }
  for (const auto& [level, number] : deleted_files_) {
    PutVarint32(dst, kDeletedFile);
    PutVarint32(dst, static_cast<uint32_t>(level));
    PutVarint64(dst, number);
  }
  for (const auto& [level, f] : new_files_) {
    PutVarint32(dst, kNewFile);
    PutVarint32(dst, static_cast<uint32_t>(level));
    PutVarint64(dst, f.number);
    PutVarint64(dst, f.file_size);
    PutLengthPrefixed(dst, f.smallest);
    PutLengthPrefixed(dst, f.largest);
  }
}

Status VersionEdit::DecodeFrom(std::string_view src) {
  Clear();
  std::string_view input = src;
  const char* error = nullptr;
  while (error == nullptr && !input.empty()) {
    uint32_t tag;
    if (!GetVarint32(&input, &tag)) {
      error = "tag";
      break;
    }
    uint64_t number;
    int level;
    std::string_view text;
    switch (tag) {
      case kComparator:
        if (GetLengthPrefixed(&input, &text)) {
          comparator_ = std::string(text);
        } else {
          error = "comparator name";
        }
        break;
      case kLogNumber:
        if (GetVarint64(&input, &number)) {
          log_number_ = number;
        } else {
          error = "log number";
        }
        break;
      case kNextFileNumber:
        if (GetVarint64(&input, &number)) {
          next_file_number_ = number;
        } else {
          error = "next file number";
        }
        break;
      case kLastSequence:
        if (GetVarint64(&input, &number) && number <= kMaxSequenceNumber) {
          last_sequence_ = number;
        } else {
          error = "last sequence number";
        }
        break;
      case kDeletedFile:
        if (GetLevel(&input, &level) && GetVarint64(&input, &number)) {
          deleted_files_.emplace(level, number);
        } else {
          error = "deleted file entry";
        }
        break;
      case kNewFile: {
        FileMetaData f;
        if (GetLevel(&input, &level) && GetVarint64(&input, &f.number) &&
            GetVarint64(&input, &f.file_size) && GetInternalKey(&input, &f.smallest) &&
            GetInternalKey(&input, &f.largest)) {
          new_files_.emplace_back(level, std::move(f));
        } else {
          error = "new file entry";
        }
        break;
      }
      default: error = "unknown tag"; break;
    }
  }
  if (error != nullptr) {
    Clear();
    return Status::Corruption(std::string("version edit: bad ") + error);
  }
  return Status::Ok();
}

std::string VersionEdit::DebugString() const {
  std::string r = "VersionEdit {";
  if (comparator_) r += "\n  comparator: " + *comparator_;
  if (log_number_) r += "\n  log number: " + std::to_string(*log_number_);
  if (next_file_number_) r += "\n  next file: " + std::to_string(*next_file_number_);
  if (last_sequence_) r += "\n  last sequence: " + std::to_string(*last_sequence_);
  for (const auto& [level, number] : deleted_files_) {
    r += "\n  remove L" + std::to_string(level) + " #" + std::to_string(number);
  }
  for (const auto& [level, f] : new_files_) {
    r += "\n  add L" + std::to_string(level) + " #" + std::to_string(f.number) + " (" +
         std::to_string(f.file_size) + " bytes)";
  }
  return r + "\n}\n";
}

}  // namespace datacave::lsm
