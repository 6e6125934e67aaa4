#pragma once

// Reads logical records back from a write-ahead log written by log::Writer, and tells the
// caller precisely what it had to drop, so that recovery can tell a torn tail (the normal
// result of a crash during a write) from damage in the middle of the log (which is not).
//
// Recovery rules (docs/log-format.md states them in prose):
//
//  1. Every logical record that is complete and whose fragments pass their checksums (when
//     verify_checksums) is returned intact, in order. A record is never returned partially,
//     and (with verify_checksums) nothing is returned that the writer did not write as one
//     record.
//  2. Bytes that cannot be part of such a record are dropped, and each drop is reported
//     to the Reporter with a byte count and a reason:
//       - a header or payload cut short by the end of the file ("truncated record");
//       - a FIRST/MIDDLE sequence the file ends inside ("partial record at end of file");
//       - a checksum mismatch, an impossible length or an unknown type: the rest of that
//         block is dropped, since a damaged length makes every later offset in the block
//         untrustworthy; reading resumes at the next block boundary;
//       - a zero header (type 0, length 0), which is what preallocated or zero-filled space
//         looks like: the rest of that block is dropped;
//       - MIDDLE/LAST fragments whose FIRST was lost, or a FIRST/FULL arriving while a
//         record was still open: the orphaned fragments are dropped.
//     Drops before initial_offset are neither reported nor counted.
//  3. After a drop the reader goes on: any complete record later in the file is returned.
//     It also notes whether the damage was followed by intact data: a record returned after
//     a drop, or -- when a record fails its checksum (or has an unknown type under a valid
//     checksum) but its length still leads to an intact record in the same block -- that
//     record. The latter is only evidence, never returned: bytes reached through a damaged
//     header could be a record-shaped part of some payload. Damage to a length field in
//     the last block, with nothing readable after it, is indistinguishable from a torn
//     tail and is treated as one.
//     Hence the caller's decision, once ReadRecord has returned false:
//       - !status().ok(): reading the file failed; nothing is known about the rest of it.
//       - MidLogCorruption(): intact data follows damage, so the damage is in the middle of
//         the log -- not a torn write. The database refuses to open rather than silently
//         lose the dropped writes.
//       - otherwise, any drops were confined to the tail: the log is good up to
//         LastRecordEndOffset(), and the file may be truncated there (and reopened for
//         append with log::Writer(file, LastRecordEndOffset())).
//
// Not thread-safe. Views returned by ReadRecord are valid until the next call.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/file_system.h"
#include "core/status.h"
#include "lsm/log_format.h"

namespace datacave::lsm::log {

class Reader {
 public:
  // Receives each drop. Called synchronously from within ReadRecord.
  class Reporter {
   public:
    virtual ~Reporter() = default;
    // `bytes` were dropped (an approximate count: it may include headers) for `reason`,
    // a Corruption status, or the IOError that stopped reading.
    virtual void Corruption(size_t bytes, const Status& reason) = 0;
  };

  // Reads from *file, which must outlive the reader and is not owned. reporter may be null
  // (drops are still counted); when not null it must outlive the reader.
  // initial_offset: the first logical record returned is the first one that starts at or
  // after this physical offset. REQUIRES: file is positioned at offset 0.
  Reader(SequentialFile* file, Reporter* reporter, bool verify_checksums,
         uint64_t initial_offset = 0);

  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Reads the next logical record into *record and returns true, or returns false at the
  // end of the file (or after a read error; see status()). *record points into *scratch or
  // into the reader's own buffer and stays valid until the next call or the reader's
  // destruction. *scratch is temporary storage, clobbered on every call.
  bool ReadRecord(std::string_view* record, std::string* scratch);

  // The physical offset at which the last record returned by ReadRecord starts (its first
  // fragment's header). Undefined before the first record is returned.
  uint64_t LastRecordOffset() const { return last_record_offset_; }

  // The physical offset just past the last fragment of the last record returned, or
  // initial_offset when none has been returned. Everything before it is good log.
  uint64_t LastRecordEndOffset() const { return last_record_end_offset_; }

  // True when intact data was found after a reported drop (rule 3): the log is damaged
  // somewhere other than its tail. Meaningful once ReadRecord has returned false.
  bool MidLogCorruption() const { return mid_log_corruption_; }

  // The sum of the byte counts reported as dropped so far.
  uint64_t DroppedBytes() const { return dropped_bytes_; }

  // OK, or the error from the file that ended reading (also reported as a drop).
  const Status& status() const { return read_status_; }

 private:
  // What ReadPhysicalRecord found. Values beyond RecordType's are the reader's own.
  enum class Physical {
    kFull,
    kFirst,
    kMiddle,
    kLast,
    kEof,      // end of file or read error; nothing more will come
    kBad,      // a damaged record, already reported
    kSkipped,  // a good record that starts before initial_offset_
  };

  // Skips whole blocks before initial_offset_. False when the file could not skip.
  bool SkipToInitialBlock();
  // True when `rest` starts with a physical record of a known type and a valid checksum.
  bool IntactRecordAt(std::string_view rest) const;
  // Drops and reports the rest of the block, which starts with a damaged record claiming
  // `length` payload bytes, noting whether an intact record follows at that length.
  void DropDamagedBlock(uint32_t length, std::string_view reason);
  // Records the end of the record about to be returned.
  void RecordReturned();
  // Reads the next physical record, refilling buffer_ a block at a time.
  Physical ReadPhysicalRecord(std::string_view* fragment);
  // Reports a drop of `bytes` ending at the current position, unless it lies before
  // initial_offset_. True when reported.
  bool ReportCorruption(uint64_t bytes, std::string_view reason);
  // Reports unconditionally.
  void ReportDrop(uint64_t bytes, const Status& reason);

  SequentialFile* const file_;
  Reporter* const reporter_;
  const bool verify_checksums_;
  const uint64_t initial_offset_;

  std::unique_ptr<char[]> backing_store_;  // kBlockSize bytes
  std::string_view buffer_;                // the unread rest of the current block
  bool eof_ = false;                       // the last read returned less than a block
  uint64_t end_of_buffer_offset_ = 0;      // file offset just past buffer_
  bool started_ = false;                   // SkipToInitialBlock has run
  bool resyncing_;  // skipping fragments of a record that began before initial_offset_

  uint64_t last_record_offset_ = 0;
  uint64_t last_record_end_offset_;
  uint64_t dropped_bytes_ = 0;
  bool dropped_any_ = false;
  bool mid_log_corruption_ = false;
  Status read_status_;
};

}  // namespace datacave::lsm::log
