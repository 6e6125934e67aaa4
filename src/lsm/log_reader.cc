#include "lsm/log_reader.h"

#include "core/coding.h"
#include "core/crc32c.h"

namespace datacave::lsm::log {

Reader::Reader(SequentialFile* file, Reporter* reporter, bool verify_checksums,
               uint64_t initial_offset)
    : file_(file),
      reporter_(reporter),
      verify_checksums_(verify_checksums),
      initial_offset_(initial_offset),
      backing_store_(std::make_unique<char[]>(kBlockSize)),
      resyncing_(initial_offset > 0),
      last_record_end_offset_(initial_offset) {}

bool Reader::SkipToInitialBlock() {
  uint64_t offset_in_block = initial_offset_ % kBlockSize;
  uint64_t block_start = initial_offset_ - offset_in_block;
  // An offset inside a block's trailer cannot start a record; the next block can.
  if (offset_in_block > kBlockSize - kHeaderSize) block_start += kBlockSize;
  end_of_buffer_offset_ = block_start;
  if (block_start > 0) {
    Status s = file_->Skip(block_start);
    if (!s.ok()) {
      read_status_ = s;
      eof_ = true;
      ReportDrop(block_start, s);
      return false;
    }
  }
  return true;
}

bool Reader::ReadRecord(std::string_view* record, std::string* scratch) {
  if (!started_) {
    started_ = true;
    if (initial_offset_ > 0 && !SkipToInitialBlock()) return false;
  }
  scratch->clear();
  *record = {};
  bool in_fragmented_record = false;
  uint64_t open_record_offset = 0;  // where the record being assembled starts
  uint64_t open_record_bytes = 0;   // its physical size so far, headers included

  for (;;) {
    std::string_view fragment;
    Physical type = ReadPhysicalRecord(&fragment);
    if (type == Physical::kSkipped) continue;
    // Meaningful only for the four good kinds: where the fragment's header starts.
    uint64_t fragment_bytes = kHeaderSize + fragment.size();
    uint64_t fragment_offset = 0;
    if (type != Physical::kEof && type != Physical::kBad) {
      fragment_offset = end_of_buffer_offset_ - buffer_.size() - fragment_bytes;
    }

    if (resyncing_) {
      // Starting mid-log: the fragments of a record that began before initial_offset_ are
      // not damage, just not ours.
      if (type == Physical::kMiddle) continue;
      if (type == Physical::kLast) {
        resyncing_ = false;
        continue;
      }
      resyncing_ = false;
    }

    switch (type) {
      case Physical::kFull:
        if (in_fragmented_record) {
          ReportCorruption(open_record_bytes, "partial record without end");
        }
        scratch->clear();
        *record = fragment;
        last_record_offset_ = fragment_offset;
        RecordReturned();
        return true;

      case Physical::kFirst:
        if (in_fragmented_record) {
          ReportCorruption(open_record_bytes, "partial record without end");
        }
        open_record_offset = fragment_offset;
        open_record_bytes = fragment_bytes;
        scratch->assign(fragment);
        in_fragmented_record = true;
        break;

      case Physical::kMiddle:
        if (!in_fragmented_record) {
          ReportCorruption(fragment_bytes, "missing start of fragmented record");
        } else {
          scratch->append(fragment);
          open_record_bytes += fragment_bytes;
        }
        break;

      case Physical::kLast:
        if (!in_fragmented_record) {
          ReportCorruption(fragment_bytes, "missing start of fragmented record");
          break;
        }
        scratch->append(fragment);
        *record = *scratch;
        last_record_offset_ = open_record_offset;
        RecordReturned();
        return true;

      case Physical::kEof:
        if (in_fragmented_record) {
          // The writer died between fragments: a torn tail.
          ReportCorruption(open_record_bytes, "partial record at end of file");
        }
        scratch->clear();
        return false;

      case Physical::kBad:
        if (in_fragmented_record) {
          ReportCorruption(open_record_bytes, "error in middle of record");
          in_fragmented_record = false;
          scratch->clear();
        }
        break;

      case Physical::kSkipped: break;
    }
  }
}

Reader::Physical Reader::ReadPhysicalRecord(std::string_view* fragment) {
  for (;;) {
    if (buffer_.size() < kHeaderSize) {
      if (!eof_) {
        // The previous block was whole, so what is left of it is trailer padding: skip it.
        buffer_ = {};
        Status s = file_->Read(kBlockSize, backing_store_.get(), &buffer_);
        if (!s.ok()) {
          buffer_ = {};
          eof_ = true;
          read_status_ = s;
          ReportDrop(kBlockSize, s);
          return Physical::kEof;
        }
        end_of_buffer_offset_ += buffer_.size();
        if (buffer_.size() < kBlockSize) eof_ = true;
        continue;
      }
      // A short last block ends here. Leftover bytes are a header the file cut short (the
      // writer never ends a file with padding: padding is always followed by a record).
      if (!buffer_.empty()) {
        size_t dropped = buffer_.size();
        buffer_ = {};
        ReportCorruption(dropped, "truncated record header at end of file");
      }
      return Physical::kEof;
    }

    const char* header = buffer_.data();
    uint32_t length = static_cast<uint32_t>(static_cast<uint8_t>(header[4])) |
                      (static_cast<uint32_t>(static_cast<uint8_t>(header[5])) << 8);
    uint8_t type = static_cast<uint8_t>(header[6]);

    if (kHeaderSize + length > buffer_.size()) {
      size_t dropped = buffer_.size();
      buffer_ = {};
      if (!eof_) {
        ReportCorruption(dropped, "bad record length");
        return Physical::kBad;
      }
      ReportCorruption(dropped, "truncated record at end of file");
      return Physical::kEof;
    }

    if (type == static_cast<uint8_t>(RecordType::kZero) && length == 0) {
      // Zeros where a header should be: preallocated or never-written space. Nothing in the
      // rest of the block can be trusted to be a record boundary.
      size_t dropped = buffer_.size();
      buffer_ = {};
      ReportCorruption(dropped, "zero-filled region");
      return Physical::kBad;
    }

    if (verify_checksums_) {
      uint32_t expected = crc32c::Unmask(DecodeFixed32(header));
      uint32_t actual = crc32c::Value(std::string_view(header + 6, 1 + length));
      if (actual != expected) {
        // The length may be the damaged field, so the rest of the block is dropped too.
        DropDamagedBlock(length, "checksum mismatch");
        return Physical::kBad;
      }
    }

    if (type == 0 || type > kMaxRecordType) {
      DropDamagedBlock(length, "unknown record type " + std::to_string(type));
      return Physical::kBad;
    }

    buffer_.remove_prefix(kHeaderSize + length);
    if (end_of_buffer_offset_ - buffer_.size() - kHeaderSize - length < initial_offset_) {
      // Starts before the requested offset: not the caller's, and not damage either.
      return Physical::kSkipped;
    }
    *fragment = std::string_view(header + kHeaderSize, length);
    switch (static_cast<RecordType>(type)) {
      case RecordType::kFull: return Physical::kFull;
      case RecordType::kFirst: return Physical::kFirst;
      case RecordType::kMiddle: return Physical::kMiddle;
      case RecordType::kLast: return Physical::kLast;
      case RecordType::kZero: break;  // rejected above
    }
    return Physical::kBad;
  }
}

bool Reader::IntactRecordAt(std::string_view rest) const {
  if (rest.size() < kHeaderSize) return false;
  uint32_t length = static_cast<uint32_t>(static_cast<uint8_t>(rest[4])) |
                    (static_cast<uint32_t>(static_cast<uint8_t>(rest[5])) << 8);
  uint8_t type = static_cast<uint8_t>(rest[6]);
  if (type == 0 || type > kMaxRecordType || kHeaderSize + length > rest.size()) return false;
  uint32_t expected = crc32c::Unmask(DecodeFixed32(rest.data()));
  return crc32c::Value(rest.substr(6, 1 + length)) == expected;
}

void Reader::DropDamagedBlock(uint32_t length, std::string_view reason) {
  // A checksum mismatch usually means damaged payload or checksum bytes, with the length
  // intact. If the length leads to an intact record, the writer went on writing after this
  // record, so the damage is not a torn tail -- even when nothing readable comes later.
  // Checking just this one hop costs one CRC, and a corrupted length simply finds nothing.
  bool followed = verify_checksums_ && kHeaderSize + length <= buffer_.size() &&
                  IntactRecordAt(buffer_.substr(kHeaderSize + length));
  size_t dropped = buffer_.size();
  buffer_ = {};
  if (ReportCorruption(dropped, reason) && followed) mid_log_corruption_ = true;
}

void Reader::RecordReturned() {
  last_record_end_offset_ = end_of_buffer_offset_ - buffer_.size();
  if (dropped_any_) mid_log_corruption_ = true;
}

bool Reader::ReportCorruption(uint64_t bytes, std::string_view reason) {
  // The dropped bytes end at the current position; ignore those before initial_offset_.
  uint64_t position = end_of_buffer_offset_ - buffer_.size();
  if (initial_offset_ > 0 && (position < bytes || position - bytes < initial_offset_)) {
    return false;
  }
  ReportDrop(bytes, Status::Corruption(std::string(reason)));
  return true;
}

void Reader::ReportDrop(uint64_t bytes, const Status& reason) {
  dropped_any_ = true;
  dropped_bytes_ += bytes;
  if (reporter_ != nullptr) reporter_->Corruption(static_cast<size_t>(bytes), reason);
}

}  // namespace datacave::lsm::log
