#pragma once

// Byte-level coding shared by every on-disk and on-wire format.
//
// Byte views are std::string_view: a pointer and a length into memory someone else owns. A
// view never outlives its owner; functions that return views say whose memory they point at.
//
// Fixed-width integers are little-endian (the on-disk formats of the LSM). Big-endian
// helpers exist for the PostgreSQL wire protocol and for order-preserving keys. Varints are
// LEB128 (7 bits per byte, low group first), as in LevelDB and protobuf.

#include <endian.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace datacave {

constexpr int kMaxVarint32Bytes = 5;
constexpr int kMaxVarint64Bytes = 10;

// --- Encoding: append to a string. ---
void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
void PutBigEndian16(std::string* dst, uint16_t value);
void PutBigEndian32(std::string* dst, uint32_t value);
void PutBigEndian64(std::string* dst, uint64_t value);
void PutVarint32(std::string* dst, uint32_t value);
void PutVarint64(std::string* dst, uint64_t value);
// A varint length followed by the bytes.
void PutLengthPrefixed(std::string* dst, std::string_view value);

int VarintLength(uint64_t value);

// --- Raw stores into and loads from a buffer of at least the right size. ---
// Writes value as a varint at dst (at most kMaxVarint64Bytes) and returns the end.
inline char* EncodeVarint64(char* dst, uint64_t value) {
  while (value >= 0x80) {
    *dst++ = static_cast<char>(value | 0x80);
    value >>= 7;
  }
  *dst++ = static_cast<char>(value);
  return dst;
}
inline void EncodeFixed32(char* p, uint32_t value) {
  value = htole32(value);
  std::memcpy(p, &value, sizeof value);
}
inline void EncodeFixed64(char* p, uint64_t value) {
  value = htole64(value);
  std::memcpy(p, &value, sizeof value);
}
inline uint32_t DecodeFixed32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return le32toh(v);
}
inline uint64_t DecodeFixed64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return le64toh(v);
}
inline uint16_t DecodeBigEndian16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, sizeof v);
  return be16toh(v);
}
inline uint32_t DecodeBigEndian32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return be32toh(v);
}
inline uint64_t DecodeBigEndian64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return be64toh(v);
}

// --- Decoding: consume from the front of a view. ---
// Each Get* returns false, leaving *input unspecified, when the input is too short or
// malformed (a varint longer than its type allows). They never read past input->end().
bool GetFixed32(std::string_view* input, uint32_t* value);
bool GetFixed64(std::string_view* input, uint64_t* value);
bool GetVarint32Slow(std::string_view* input, uint32_t* value);
bool GetVarint64Slow(std::string_view* input, uint64_t* value);
// Inline for the one-byte case (lengths in blocks and memtable entries): it is most of
// the decoding on the read and write paths.
inline bool GetVarint32(std::string_view* input, uint32_t* value) {
  if (!input->empty() && (static_cast<uint8_t>(input->front()) & 0x80) == 0) {
    *value = static_cast<uint8_t>(input->front());
    input->remove_prefix(1);
    return true;
  }
  return GetVarint32Slow(input, value);
}
inline bool GetVarint64(std::string_view* input, uint64_t* value) {
  if (!input->empty() && (static_cast<uint8_t>(input->front()) & 0x80) == 0) {
    *value = static_cast<uint8_t>(input->front());
    input->remove_prefix(1);
    return true;
  }
  return GetVarint64Slow(input, value);
}
// *result points into the memory *input points into.
bool GetLengthPrefixed(std::string_view* input, std::string_view* result);

}  // namespace datacave
