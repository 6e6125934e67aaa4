#include "lsm/dbformat.h"

#include "core/coding.h"

namespace datacave::lsm {
namespace {

uint64_t PackTag(SequenceNumber sequence, ValueType type) {
  return (sequence << 8) | static_cast<uint64_t>(type);
}

}  // namespace

void AppendInternalKey(std::string* dst, std::string_view user_key, SequenceNumber sequence,
                       ValueType type) {
  dst->append(user_key);
  PutFixed64(dst, PackTag(sequence, type));
}

bool ParseInternalKey(std::string_view internal_key, ParsedInternalKey* result) {
  if (internal_key.size() < 8) return false;
  uint64_t tag = DecodeFixed64(internal_key.data() + internal_key.size() - 8);
  auto type = static_cast<uint8_t>(tag & 0xff);
  if (!IsValidValueType(type)) return false;
  result->user_key = ExtractUserKey(internal_key);
  result->sequence = tag >> 8;
  result->type = static_cast<ValueType>(type);
  return true;
}

int InternalKeyComparator::Compare(std::string_view a, std::string_view b) const {
  int r = user_->Compare(ExtractUserKey(a), ExtractUserKey(b));
  if (r != 0) return r;
  uint64_t a_tag = DecodeFixed64(a.data() + a.size() - 8);
  uint64_t b_tag = DecodeFixed64(b.data() + b.size() - 8);
  if (a_tag > b_tag) return -1;  // newer first
  if (a_tag < b_tag) return 1;
  return 0;
}

void InternalKeyComparator::FindShortestSeparator(std::string* start,
                                                  std::string_view limit) const {
  std::string_view user_start = ExtractUserKey(*start);
  std::string_view user_limit = ExtractUserKey(limit);
  std::string shorter(user_start);
  user_->FindShortestSeparator(&shorter, user_limit);
  if (shorter.size() < user_start.size() && user_->Compare(user_start, shorter) < 0) {
    // A shorter user key that is strictly larger: tag it with the earliest possible entry
    // for that key so it still sorts before every entry of `limit`.
    PutFixed64(&shorter, PackTag(kMaxSequenceNumber, kValueTypeForSeek));
    start->swap(shorter);
  }
}

void InternalKeyComparator::FindShortSuccessor(std::string* key) const {
  std::string_view user_key = ExtractUserKey(*key);
  std::string shorter(user_key);
  user_->FindShortSuccessor(&shorter);
  if (shorter.size() < user_key.size() && user_->Compare(user_key, shorter) < 0) {
    PutFixed64(&shorter, PackTag(kMaxSequenceNumber, kValueTypeForSeek));
    key->swap(shorter);
  }
}

}  // namespace datacave::lsm
