#pragma once

// A WriteBatch is a group of updates applied to the database atomically: one WAL record,
// one run of consecutive sequence numbers. docs/write-batch-format.md describes the bytes.
//
//   rep := sequence: fixed64, count: fixed32, record*   (count records)
//   record := kValue         varstring key  varstring value
//           | kDeletion      varstring key
//           | kRangeDeletion varstring begin_key  varstring end_key
//   varstring := varint length, bytes           (PutLengthPrefixed in core/coding.h)
//
// The record tag is the lsm::ValueType byte. The i-th record (from 0) gets sequence number
// Sequence() + i when applied.
//
// Not thread-safe: a batch is built by one thread and then handed over.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "lsm/dbformat.h"

namespace datacave::lsm {

class WriteBatch {
 public:
  // Receives the records of a batch in order, from Iterate.
  class Handler {
   public:
    virtual ~Handler() = default;
    // A non-OK return stops the iteration; Iterate returns it.
    virtual Status Put(std::string_view key, std::string_view value) = 0;
    virtual Status Delete(std::string_view key) = 0;
    // Deletes every key k with begin_key <= k < end_key.
    virtual Status DeleteRange(std::string_view begin_key, std::string_view end_key) = 0;
  };

  // Sequence 0, no records.
  WriteBatch();

  WriteBatch(const WriteBatch&) = default;
  WriteBatch& operator=(const WriteBatch&) = default;
  WriteBatch(WriteBatch&&) = default;
  WriteBatch& operator=(WriteBatch&&) = default;

  void Put(std::string_view key, std::string_view value);
  void Delete(std::string_view key);
  // Deletes [begin_key, end_key). Recorded as given: an empty or inverted range is the
  // reader's business (it deletes nothing), not rejected here.
  void DeleteRange(std::string_view begin_key, std::string_view end_key);

  // Removes every record and resets the sequence to 0.
  void Clear();

  // The number of records, as stored in the header.
  uint32_t Count() const;

  SequenceNumber Sequence() const;
  void SetSequence(SequenceNumber sequence);

  // The size of the encoded batch in bytes (what the WAL record will hold).
  size_t ApproximateSize() const { return rep_.size(); }

  // Appends other's records after this batch's own. This batch's sequence is kept.
  void Append(const WriteBatch& other);

  // Calls the handler once per record, in order. Returns Corruption when the contents are
  // malformed (unknown tag, truncated record, record count differing from the header) --
  // after the handler has already seen the records before the damage; use Validate first
  // when a partial application must be avoided. Returns the handler's first error.
  Status Iterate(Handler* handler) const;

  // OK exactly when Iterate would find the contents well formed.
  Status Validate() const;

  // The encoded batch: a view into this batch, valid until it is next modified or destroyed.
  std::string_view Contents() const { return rep_; }

  // A batch holding a copy of contents (as read from the WAL). Checks only that the header
  // is there; the records are checked by Iterate and Validate.
  static Result<WriteBatch> FromContents(std::string_view contents);

  // The size of the header: sequence (8) and count (4).
  static constexpr size_t kHeaderSize = 12;

 private:
  void SetCount(uint32_t count);

  std::string rep_;  // always at least kHeaderSize bytes
};

}  // namespace datacave::lsm
