#include "lsm/write_batch.h"

#include <cstring>

#include "core/coding.h"

namespace datacave::lsm {
namespace {

// Accepts everything: lets Validate reuse Iterate's parser.
class NullHandler final : public WriteBatch::Handler {
 public:
  Status Put(std::string_view, std::string_view) override { return Status::Ok(); }
  Status Delete(std::string_view) override { return Status::Ok(); }
  Status DeleteRange(std::string_view, std::string_view) override { return Status::Ok(); }
};

}  // namespace

WriteBatch::WriteBatch() {
  Clear();
}

void WriteBatch::Clear() {
  rep_.clear();
  rep_.resize(kHeaderSize);
}

uint32_t WriteBatch::Count() const {
  return DecodeFixed32(rep_.data() + 8);
}

void WriteBatch::SetCount(uint32_t count) {
  std::string encoded;
  PutFixed32(&encoded, count);
  std::memcpy(rep_.data() + 8, encoded.data(), encoded.size());
}

SequenceNumber WriteBatch::Sequence() const {
  return DecodeFixed64(rep_.data());
}

void WriteBatch::SetSequence(SequenceNumber sequence) {
  std::string encoded;
  PutFixed64(&encoded, sequence);
  std::memcpy(rep_.data(), encoded.data(), encoded.size());
}

void WriteBatch::Put(std::string_view key, std::string_view value) {
  SetCount(Count() + 1);
  rep_.push_back(static_cast<char>(ValueType::kValue));
  PutLengthPrefixed(&rep_, key);
  PutLengthPrefixed(&rep_, value);
}

void WriteBatch::Delete(std::string_view key) {
  SetCount(Count() + 1);
  rep_.push_back(static_cast<char>(ValueType::kDeletion));
  PutLengthPrefixed(&rep_, key);
}

void WriteBatch::DeleteRange(std::string_view begin_key, std::string_view end_key) {
  SetCount(Count() + 1);
  rep_.push_back(static_cast<char>(ValueType::kRangeDeletion));
  PutLengthPrefixed(&rep_, begin_key);
  PutLengthPrefixed(&rep_, end_key);
}

void WriteBatch::Append(const WriteBatch& other) {
  SetCount(Count() + other.Count());
  rep_.append(other.rep_, kHeaderSize);
}

Status WriteBatch::Iterate(Handler* handler) const {
  std::string_view input = rep_;
  input.remove_prefix(kHeaderSize);
  const uint32_t expected = Count();
  uint32_t found = 0;
  while (!input.empty()) {
    if (found == expected) {
      return Status::Corruption("write batch has bytes after its " + std::to_string(expected) +
                                " records");
    }
    uint8_t tag = static_cast<uint8_t>(input.front());
    input.remove_prefix(1);
    std::string_view key;
    std::string_view value;
    if (!IsValidValueType(tag)) {
      return Status::Corruption("unknown write batch record tag " + std::to_string(tag));
    }
    switch (static_cast<ValueType>(tag)) {
      case ValueType::kValue:
        if (!GetLengthPrefixed(&input, &key) || !GetLengthPrefixed(&input, &value)) {
          return Status::Corruption("truncated write batch put");
        }
        DC_RETURN_IF_ERROR(handler->Put(key, value));
        break;
      case ValueType::kDeletion:
        if (!GetLengthPrefixed(&input, &key)) {
          return Status::Corruption("truncated write batch delete");
        }
        DC_RETURN_IF_ERROR(handler->Delete(key));
        break;
      case ValueType::kRangeDeletion:
        if (!GetLengthPrefixed(&input, &key) || !GetLengthPrefixed(&input, &value)) {
          return Status::Corruption("truncated write batch range delete");
        }
        DC_RETURN_IF_ERROR(handler->DeleteRange(key, value));
        break;
    }
    found++;
  }
  if (found != expected) {
    return Status::Corruption("write batch header says " + std::to_string(expected) +
                              " records, contents hold " + std::to_string(found));
  }
  return Status::Ok();
}

Status WriteBatch::Validate() const {
  NullHandler handler;
  return Iterate(&handler);
}

Result<WriteBatch> WriteBatch::FromContents(std::string_view contents) {
  if (contents.size() < kHeaderSize) {
    return Status::Corruption("write batch is " + std::to_string(contents.size()) +
                              " bytes, shorter than its " + std::to_string(kHeaderSize) +
                              "-byte header");
  }
  WriteBatch batch;
  batch.rep_.assign(contents);
  return batch;
}

}  // namespace datacave::lsm
