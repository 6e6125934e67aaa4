#pragma once

// Order-preserving key encoding.
//
// Rows and index entries are stored in the LSM under keys whose bytewise order (memcmp) is
// the SQL order of the values they encode, so that a primary-key range predicate becomes a
// range scan. A key is a concatenation of components; each component is a tag byte followed
// by a self-delimiting payload, so a prefix of components is a prefix of the key.
//
//   tag   value    payload
//   0x10  int64    8 bytes big-endian with the sign bit flipped
//   0x20  double   8 bytes: IEEE bits, all flipped when negative, else sign bit set;
//                  -0.0 is stored as 0.0 and every NaN as one NaN above +Infinity
//                  (PostgreSQL's float order)
//   0x30  text     the bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x01
//                  (bytewise order, PostgreSQL's "C" collation)
//   0xF0  NULL     no payload; NULL sorts after every value, PostgreSQL's default for ASC
//
// Values of different types order by tag; within a column every value has one type.
// Guarantee (tested as a property): for values a and b of one type, or NULL,
//   Encode(a) < Encode(b)  exactly when  a < b  in SQL order (NULLS LAST).

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace datacave {

struct KeyNull {
  bool operator==(const KeyNull&) const = default;
};
using KeyValue = std::variant<KeyNull, int64_t, double, std::string>;

void AppendKeyNull(std::string* key);
void AppendKeyInt64(std::string* key, int64_t value);
void AppendKeyDouble(std::string* key, double value);
void AppendKeyText(std::string* key, std::string_view value);
void AppendKeyValue(std::string* key, const KeyValue& value);

// Consumes one component from the front of *input. Returns false on malformed input
// (unknown tag, truncated payload, bad escape); *input is then unspecified.
bool DecodeKeyValue(std::string_view* input, KeyValue* value);

// The reference order the encoding must agree with: <0, 0 or >0. NULL is greatest; values
// of different types compare by type index. NaN equals NaN and exceeds every other double.
int CompareKeyValues(const KeyValue& a, const KeyValue& b);

}  // namespace datacave
