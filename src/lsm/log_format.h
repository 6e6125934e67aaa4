#pragma once

// The physical layout of the write-ahead log, shared by log::Writer and log::Reader.
// docs/log-format.md describes it in prose.
//
// A log file is a sequence of 32 KiB blocks (the last one may be short). A block holds
// physical records, each a 7-byte header followed by its payload:
//
//   checksum: fixed32  masked CRC32C (crc32c::Mask) of the type byte followed by the payload
//   length:   fixed16  payload length in bytes, little-endian
//   type:     uint8    a RecordType
//   payload:  length bytes
//
// A physical record never crosses a block boundary. A logical record (what the writer was
// given) that does not fit in the rest of a block is split into a FIRST fragment, zero or
// more MIDDLE fragments and a LAST fragment; one that fits is a single FULL record. When
// fewer than kHeaderSize bytes remain in a block, the writer fills them with zeros and
// starts the next record at the next block.

#include <cstddef>
#include <cstdint>

namespace datacave::lsm::log {

// Stored on disk: never renumber.
enum class RecordType : uint8_t {
  // Never written by the writer. A header of zeros is what a preallocated or zero-filled
  // region of the file looks like.
  kZero = 0,
  kFull = 1,
  kFirst = 2,   // the first fragment of a logical record
  kMiddle = 3,  // an interior fragment
  kLast = 4,    // the final fragment
};
constexpr uint8_t kMaxRecordType = static_cast<uint8_t>(RecordType::kLast);

constexpr size_t kBlockSize = 32768;

// checksum (4) + length (2) + type (1).
constexpr size_t kHeaderSize = 4 + 2 + 1;

}  // namespace datacave::lsm::log
