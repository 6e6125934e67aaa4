#pragma once

// Appends logical records to a write-ahead log in the format of lsm/log_format.h.
//
// The writer hands every record to the file (Append, then Flush) but never syncs: durability
// is the caller's decision (sync per write, per group commit, or not at all).
//
// Not thread-safe: the owner serializes calls, as for the WritableFile underneath.

#include <array>
#include <cstdint>
#include <string_view>

#include "core/file_system.h"
#include "core/status.h"
#include "lsm/log_format.h"

namespace datacave::lsm::log {

class Writer {
 public:
  // Appends to *dest, which must outlive the writer and is not owned by it.
  // initial_length is the number of bytes already in dest: 0 for a new log, or the length
  // of an existing log being reopened for append. REQUIRES: a reopened log ends on a
  // record boundary (log::Reader::LastRecordEndOffset() of a clean read); appending after
  // a torn tail would leave the damage in the middle of the log.
  explicit Writer(WritableFile* dest, uint64_t initial_length = 0);

  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Appends one logical record of any size (including empty). On error the file may hold a
  // partial record, so the writer stops: this and every later call return the first error.
  Status AddRecord(std::string_view record);

  // Bytes in the file so far, including initial_length and block padding.
  uint64_t FileLength() const { return file_length_; }

 private:
  Status EmitPhysicalRecord(RecordType type, std::string_view fragment);

  WritableFile* dest_;
  uint64_t file_length_;
  size_t block_offset_;  // where in the current block the next byte goes
  Status error_;         // the first failure; sticky

  // CRC32C of each type byte, so that a record's checksum only has to extend over the payload.
  std::array<uint32_t, kMaxRecordType + 1> type_crc_;
};

}  // namespace datacave::lsm::log
