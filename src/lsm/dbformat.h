#pragma once

// Internal keys: how the engine versions user keys.
//
// Every write gets a sequence number; an internal key is the user key followed by 8 bytes,
// fixed64 little-endian of (sequence << 8 | type). Internal keys order by user key
// ascending, then by sequence number descending, so the newest version of a key comes first
// and a read at snapshot S seeks to (key, S) and takes the first entry it finds.

#include <cstdint>
#include <string>
#include <string_view>

#include "lsm/comparator.h"

namespace datacave::lsm {

using SequenceNumber = uint64_t;

// Sequence numbers use 56 bits, leaving 8 for the type.
constexpr SequenceNumber kMaxSequenceNumber = (uint64_t{1} << 56) - 1;

// The kind of an entry. Stored on disk (WAL records, tables): never renumber.
enum class ValueType : uint8_t {
  kDeletion = 0,       // a point tombstone
  kValue = 1,          // a put
  kRangeDeletion = 2,  // deletes [user key, value) -- value holds the exclusive end key
};

// When seeking, the type that sorts first among entries of one (user key, sequence):
// types sort descending too, so the largest type is the first.
constexpr ValueType kValueTypeForSeek = ValueType::kRangeDeletion;

inline bool IsValidValueType(uint8_t t) {
  return t <= static_cast<uint8_t>(ValueType::kRangeDeletion);
}

struct ParsedInternalKey {
  std::string_view user_key;
  SequenceNumber sequence = 0;
  ValueType type = ValueType::kValue;
};

// Appends user_key + tag to *dst.
void AppendInternalKey(std::string* dst, std::string_view user_key, SequenceNumber sequence,
                       ValueType type);

// False when the key is shorter than 8 bytes or has an unknown type.
bool ParseInternalKey(std::string_view internal_key, ParsedInternalKey* result);

// REQUIRES: internal_key.size() >= 8.
inline std::string_view ExtractUserKey(std::string_view internal_key) {
  return internal_key.substr(0, internal_key.size() - 8);
}

// A range tombstone: deletes user keys in [begin, end) written before `sequence`.
struct RangeTombstone {
  std::string begin;
  std::string end;
  SequenceNumber sequence = 0;
};

// Orders internal keys: user key ascending by the user comparator, then sequence and type
// descending.
class InternalKeyComparator final : public Comparator {
 public:
  explicit InternalKeyComparator(const Comparator* user) : user_(user) {}
  int Compare(std::string_view a, std::string_view b) const override;
  std::string_view Name() const override { return "datacave.InternalKeyComparator"; }
  void FindShortestSeparator(std::string* start, std::string_view limit) const override;
  void FindShortSuccessor(std::string* key) const override;
  const Comparator* user_comparator() const { return user_; }

 private:
  const Comparator* user_;
};

}  // namespace datacave::lsm
