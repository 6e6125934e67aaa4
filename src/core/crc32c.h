#pragma once

// CRC-32C (Castagnoli), the checksum on every WAL record and SSTable block. Uses the SSE4.2
// crc32 instruction when the CPU has it, and a table-driven loop otherwise; both give the
// same answer (tested).

#include <cstdint>
#include <string_view>

namespace datacave::crc32c {

// The CRC of concat(A, data) where init_crc is the CRC of A.
uint32_t Extend(uint32_t init_crc, std::string_view data);

inline uint32_t Value(std::string_view data) {
  return Extend(0, data);
}

// Storing the CRC of a string that itself contains CRCs weakens the check, so stored CRCs
// are masked (as LevelDB does).
constexpr uint32_t kMaskDelta = 0xa282ead8u;
inline uint32_t Mask(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + kMaskDelta;
}
inline uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

// The portable implementation, exposed so that tests can compare it to the hardware one.
uint32_t ExtendPortable(uint32_t init_crc, std::string_view data);

}  // namespace datacave::crc32c
