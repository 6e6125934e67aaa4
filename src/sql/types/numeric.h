#pragma once

// NUMERIC: exact decimal numbers of arbitrary precision with PostgreSQL 15's semantics.
//
// A finite value is coefficient / 10^scale: the coefficient is a magnitude in base 10^9
// limbs plus a sign, and scale is PostgreSQL's display scale (dscale, 0..16383), the number
// of digits after the decimal point that the value carries and prints. 1.50 and 1.5 are
// equal but print differently, as in PostgreSQL. There are also NaN, Infinity and
// -Infinity (PostgreSQL 14+). Values up to 27 significant digits need no heap memory (the
// limbs live in a short-string buffer).
//
// Result scales follow PostgreSQL: + and - take the larger scale, * the sum (at most
// 16383), / the scale from select_div_scale (at least 16 significant digits), % the larger
// scale. Rounding is half away from zero. Results beyond 131072 digits before the point or
// 16383 after are 22003 "value overflows numeric format".
//
// Thread safety: a value type; const methods may be called concurrently.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace datacave::sql {

// PostgreSQL's numeric limits.
constexpr int32_t kNumericMaxDisplayScale = 1000;  // NUMERIC_MAX_DISPLAY_SCALE
constexpr int32_t kNumericMaxDscale = 16383;       // NUMERIC_DSCALE_MAX
constexpr int32_t kNumericMinSigDigits = 16;       // NUMERIC_MIN_SIG_DIGITS
// The largest decimal exponent of a leading digit (weight 32767 in base 10000).
constexpr int32_t kNumericMaxExponent = 131071;

class Numeric {
 public:
  enum class Kind : uint8_t { kFinite, kNaN, kPosInf, kNegInf };

  Numeric() = default;  // 0
  static Numeric NaN() { return Numeric(Kind::kNaN); }
  static Numeric Infinity(bool negative = false) {
    return Numeric(negative ? Kind::kNegInf : Kind::kPosInf);
  }
  static Numeric FromInt64(int64_t v);
  // value / 10^scale. REQUIRES: 0 <= scale <= kNumericMaxDscale.
  static Numeric FromScaledInt64(int64_t v, int32_t scale);
  // PostgreSQL's float8_numeric / float4_numeric: the value printed with `digits`
  // significant digits (15 for float8, 6 for float4), so 0.1::float8::numeric is 0.1.
  static Result<Numeric> FromDouble(double v, int digits);

  // PostgreSQL's numeric_in: surrounding whitespace, sign, digits with an optional point,
  // an exponent; NaN, Infinity, inf (any case, signed). Errors: 22P02 invalid input syntax
  // for type numeric: "<input>", 22003 value overflows numeric format.
  static Result<Numeric> Parse(std::string_view text);
  // numeric_out: digits with exactly scale() of them after the point; "NaN", "Infinity",
  // "-Infinity".
  void AppendText(std::string* out) const;
  std::string ToString() const;

  // PostgreSQL's binary format (numeric_send): int16 ndigits, int16 weight, uint16 sign,
  // uint16 dscale, then ndigits base-10000 digits, all big-endian.
  void AppendBinary(std::string* out) const;
  // numeric_recv: 22P03 for a bad sign, digit, scale or length; digits beyond dscale are
  // truncated as PostgreSQL does. Short input: 08P01 insufficient data left in message.
  // *consumed is the number of bytes read.
  static Result<Numeric> FromBinary(std::string_view bytes, size_t* consumed);

  Kind kind() const { return kind_; }
  bool is_finite() const { return kind_ == Kind::kFinite; }
  bool is_nan() const { return kind_ == Kind::kNaN; }
  bool is_infinite() const { return kind_ == Kind::kPosInf || kind_ == Kind::kNegInf; }
  bool is_zero() const { return is_finite() && mag_.empty(); }
  // True for negative finite values and -Infinity (never for zero).
  bool is_negative() const { return kind_ == Kind::kNegInf || (is_finite() && negative_); }
  int32_t scale() const { return scale_; }

  // Rounded half away from zero to an integer; false when not finite or outside int64.
  bool ToInt64(int64_t* out) const;
  // numeric_float8: through the text form, as PostgreSQL does. NaN and infinities map to
  // their double counterparts; 22003 when the value exceeds double's range.
  Result<double> ToDouble() const;

  // PostgreSQL's order: -Infinity < finite values < Infinity < NaN; NaN equals NaN.
  static int Compare(const Numeric& a, const Numeric& b);
  friend bool operator==(const Numeric& a, const Numeric& b) { return Compare(a, b) == 0; }
  // Equal values (1.5 and 1.50) hash alike.
  size_t Hash() const;

  // Arithmetic with PostgreSQL's result scales, errors and infinity rules.
  static Result<Numeric> Add(const Numeric& a, const Numeric& b);
  static Result<Numeric> Sub(const Numeric& a, const Numeric& b);
  static Result<Numeric> Mul(const Numeric& a, const Numeric& b);
  // 22012 division by zero.
  static Result<Numeric> Div(const Numeric& a, const Numeric& b);
  // Truncating division's remainder, sign of a. 22012 division by zero.
  static Result<Numeric> Mod(const Numeric& a, const Numeric& b);
  Numeric Negate() const;
  Numeric Abs() const;

  // round(x, s) and trunc(x, s): s may be negative (round to tens, hundreds, ...); the
  // result's scale is max(s, 0). Infinities and NaN pass through.
  Result<Numeric> Round(int32_t s) const;
  Result<Numeric> Trunc(int32_t s) const;
  // ceil / floor: scale 0.
  Result<Numeric> Ceil() const;
  Result<Numeric> Floor() const;

  // Fits the value to numeric(precision, scale) as PostgreSQL's apply_typmod: rounds to
  // scale, then 22003 "numeric field overflow" (with PostgreSQL's detail) when too many
  // digits remain before the point, or for an infinity. typmod -1 leaves the value alone.
  Result<Numeric> ApplyTypmod(int32_t typmod) const;

  // The decimal exponent of the leading digit (1234.5 -> 3, 0.012 -> -2). REQUIRES: a
  // finite non-zero value.
  int32_t LeadingExponent() const;

 private:
  explicit Numeric(Kind kind) : kind_(kind) {}
  // A finite value from limbs of |value| * 10^scale: trims high zero limbs, and 22003
  // "value overflows numeric format" beyond the format's limits.
  static Result<Numeric> Make(std::u32string mag, int32_t scale, bool negative);
  // The base-10000 weight and leading digit PostgreSQL's select_div_scale looks at.
  void Base10000Lead(int32_t* weight, int32_t* first_digit) const;
  // Rounds (or truncates) to s digits after the point, PostgreSQL's round_var/trunc_var.
  Result<Numeric> Rescale(int32_t s, bool round) const;

  // Little-endian base-10^9 limbs of |value| * 10^scale_, no high zero limbs; empty is 0.
  std::u32string mag_;
  int32_t scale_ = 0;
  bool negative_ = false;  // only for non-zero finite values
  Kind kind_ = Kind::kFinite;
};

}  // namespace datacave::sql
