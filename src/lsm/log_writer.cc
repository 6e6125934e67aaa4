#include "lsm/log_writer.h"

#include <algorithm>
#include <cassert>

#include "core/coding.h"
#include "core/crc32c.h"

namespace datacave::lsm::log {

Writer::Writer(WritableFile* dest, uint64_t initial_length)
    : dest_(dest), file_length_(initial_length), block_offset_(initial_length % kBlockSize) {
  for (uint8_t t = 0; t <= kMaxRecordType; t++) {
    char c = static_cast<char>(t);
    type_crc_[t] = crc32c::Value(std::string_view(&c, 1));
  }
}

Status Writer::AddRecord(std::string_view record) {
  if (!error_.ok()) return error_;
  // Always emit at least one physical record, so that an empty logical record is a FULL
  // record with an empty payload rather than nothing at all.
  bool begin = true;
  do {
    size_t leftover = kBlockSize - block_offset_;
    if (leftover < kHeaderSize) {
      // No room for even a header: pad the block's tail with zeros. The reader skips any
      // block tail shorter than a header, so the padding is never parsed.
      if (leftover > 0) {
        static constexpr char kZeros[kHeaderSize] = {};
        Status s = dest_->Append(std::string_view(kZeros, leftover));
        if (!s.ok()) {
          error_ = s;
          return s;
        }
        file_length_ += leftover;
      }
      block_offset_ = 0;
    }
    size_t available = kBlockSize - block_offset_ - kHeaderSize;
    size_t fragment_length = std::min(record.size(), available);
    bool end = fragment_length == record.size();
    RecordType type;
    if (begin && end) {
      type = RecordType::kFull;
    } else if (begin) {
      type = RecordType::kFirst;
    } else if (end) {
      type = RecordType::kLast;
    } else {
      type = RecordType::kMiddle;
    }
    Status s = EmitPhysicalRecord(type, record.substr(0, fragment_length));
    if (!s.ok()) {
      error_ = s;
      return s;
    }
    record.remove_prefix(fragment_length);
    begin = false;
  } while (!record.empty());
  Status s = dest_->Flush();
  if (!s.ok()) error_ = s;
  return s;
}

Status Writer::EmitPhysicalRecord(RecordType type, std::string_view fragment) {
  assert(fragment.size() <= 0xffff);
  assert(block_offset_ + kHeaderSize + fragment.size() <= kBlockSize);
  uint8_t t = static_cast<uint8_t>(type);
  uint32_t crc = crc32c::Mask(crc32c::Extend(type_crc_[t], fragment));

  std::string header;
  header.reserve(kHeaderSize);
  PutFixed32(&header, crc);
  header.push_back(static_cast<char>(fragment.size() & 0xff));
  header.push_back(static_cast<char>(fragment.size() >> 8));
  header.push_back(static_cast<char>(t));

  DC_RETURN_IF_ERROR(dest_->Append(header));
  DC_RETURN_IF_ERROR(dest_->Append(fragment));
  block_offset_ += kHeaderSize + fragment.size();
  file_length_ += kHeaderSize + fragment.size();
  return Status::Ok();
}

}  // namespace datacave::lsm::log
