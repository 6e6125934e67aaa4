#include "core/coding.h"

#include <endian.h>

namespace datacave {

void PutFixed32(std::string* dst, uint32_t value) {
  uint32_t le = htole32(value);
  dst->append(reinterpret_cast<const char*>(&le), sizeof le);
}

void PutFixed64(std::string* dst, uint64_t value) {
  uint64_t le = htole64(value);
  dst->append(reinterpret_cast<const char*>(&le), sizeof le);
}

void PutBigEndian16(std::string* dst, uint16_t value) {
  uint16_t be = htobe16(value);
  dst->append(reinterpret_cast<const char*>(&be), sizeof be);
}

void PutBigEndian32(std::string* dst, uint32_t value) {
  uint32_t be = htobe32(value);
  dst->append(reinterpret_cast<const char*>(&be), sizeof be);
}

void PutBigEndian64(std::string* dst, uint64_t value) {
  uint64_t be = htobe64(value);
  dst->append(reinterpret_cast<const char*>(&be), sizeof be);
}

void PutVarint64(std::string* dst, uint64_t value) {
  char buf[kMaxVarint64Bytes];
  int n = 0;
  while (value >= 0x80) {
    buf[n++] = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  buf[n++] = static_cast<char>(value);
  dst->append(buf, static_cast<size_t>(n));
}

void PutVarint32(std::string* dst, uint32_t value) {
  PutVarint64(dst, value);
}

void PutLengthPrefixed(std::string* dst, std::string_view value) {
  PutVarint64(dst, value.size());
  dst->append(value);
}

int VarintLength(uint64_t value) {
  int len = 1;
  while (value >= 0x80) {
    value >>= 7;
    len++;
  }
  return len;
}

bool GetFixed32(std::string_view* input, uint32_t* value) {
  if (input->size() < sizeof(uint32_t)) return false;
  *value = DecodeFixed32(input->data());
  input->remove_prefix(sizeof(uint32_t));
  return true;
}

bool GetFixed64(std::string_view* input, uint64_t* value) {
  if (input->size() < sizeof(uint64_t)) return false;
  *value = DecodeFixed64(input->data());
  input->remove_prefix(sizeof(uint64_t));
  return true;
}

bool GetVarint64Slow(std::string_view* input, uint64_t* value) {
  uint64_t result = 0;
  for (size_t i = 0; i < input->size() && i < kMaxVarint64Bytes; i++) {
    auto byte = static_cast<uint8_t>((*input)[i]);
    uint64_t group = byte & 0x7fu;
    // The tenth byte may only carry the single remaining bit of a 64-bit value.
    if (i == kMaxVarint64Bytes - 1 && group > 1) return false;
    result |= group << (7 * i);
    if ((byte & 0x80) == 0) {
      *value = result;
      input->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

bool GetVarint32Slow(std::string_view* input, uint32_t* value) {
  std::string_view copy = *input;
  uint64_t wide;
  if (!GetVarint64Slow(&copy, &wide) || wide > UINT32_MAX) return false;
  *value = static_cast<uint32_t>(wide);
  *input = copy;
  return true;
}

bool GetLengthPrefixed(std::string_view* input, std::string_view* result) {
  uint64_t len;
  if (!GetVarint64(input, &len) || len > input->size()) return false;
  *result = input->substr(0, len);
  input->remove_prefix(len);
  return true;
}

}  // namespace datacave
