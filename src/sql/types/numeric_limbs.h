#pragma once

// Unsigned big integers in little-endian base-10^9 limbs, for Numeric (internal to
// sql/types). A std::u32string keeps up to three limbs without heap memory. Normalized
// values have no high zero limbs; the empty string is zero.

#include <cstdint>
#include <string>
#include <string_view>

namespace datacave::sql::limbs {

using Limbs = std::u32string;
constexpr uint32_t kBase = 1000000000;
constexpr int kBaseDigits = 9;

// 10^k for 0 <= k <= 9.
uint32_t SmallPow10(int k);
void Trim(Limbs* a);
Limbs FromUint64(uint64_t v);
// False when a does not fit.
bool ToUint64(const Limbs& a, uint64_t* out);
int Compare(const Limbs& a, const Limbs& b);
Limbs Add(const Limbs& a, const Limbs& b);
// REQUIRES: a >= b.
Limbs Sub(const Limbs& a, const Limbs& b);
Limbs Mul(const Limbs& a, const Limbs& b);
// a * m + add, in place.
void MulSmall(Limbs* a, uint32_t m, uint32_t add = 0);
// a / d in place; returns the remainder. REQUIRES: d > 0.
uint32_t DivSmall(Limbs* a, uint32_t d);
// a * 10^k. REQUIRES: k >= 0.
Limbs MulPow10(const Limbs& a, int64_t k);
// a / 10^k, truncated; *dropped_nonzero tells whether the dropped digits were not all zero
// and *first_dropped is the most significant dropped digit (0 when k is 0).
Limbs DivPow10(const Limbs& a, int64_t k, int* first_dropped, bool* dropped_nonzero);
// Quotient and remainder. REQUIRES: b non-zero.
void DivMod(const Limbs& a, const Limbs& b, Limbs* q, Limbs* r);
// Number of decimal digits (0 for zero).
int64_t DecimalDigits(const Limbs& a);
// Trailing decimal zeros (0 for zero).
int64_t TrailingZeros(const Limbs& a);
void AppendDecimal(const Limbs& a, std::string* out);  // "0" for zero
// REQUIRES: digits are all '0'..'9'.
Limbs FromDecimal(std::string_view digits);

}  // namespace datacave::sql::limbs
