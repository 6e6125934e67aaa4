// Numeric's text and binary forms and its conversions to and from double.

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "core/coding.h"
#include "sql/types/numeric.h"
#include "sql/types/numeric_limbs.h"

namespace datacave::sql {

using limbs::Limbs;

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

Status Syntax(std::string_view text) {
  return Status::Sql(StatusCode::kInvalidArgument, "22P02",
                     "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

Status Overflow() {
  return Status::Sql(StatusCode::kInvalidArgument, "22003", "value overflows numeric format");
}

Status BadBinary(std::string_view what) {
  return Status::Sql(StatusCode::kInvalidArgument, "22P03",
                     "invalid " + std::string(what) + " in external \"numeric\" value");
}

Status Insufficient() {
  return Status::Sql(StatusCode::kInvalidArgument, "08P01", "insufficient data left in message");
}

constexpr uint16_t kSignPos = 0x0000;
constexpr uint16_t kSignNeg = 0x4000;
constexpr uint16_t kSignNaN = 0xC000;
constexpr uint16_t kSignPosInf = 0xD000;
constexpr uint16_t kSignNegInf = 0xF000;

}  // namespace

Result<Numeric> Numeric::Parse(std::string_view text) {
  std::string_view s = TrimSpace(text);
  if (EqualsIgnoreCase(s, "nan")) return NaN();
  {
    std::string_view t = s;
    bool negative = false;
    if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
      negative = t[0] == '-';
      t.remove_prefix(1);
    }
    if (EqualsIgnoreCase(t, "infinity") || EqualsIgnoreCase(t, "inf")) return Infinity(negative);
  }
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits;
  int64_t frac = 0;
  bool seen_point = false, seen_digit = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      seen_digit = true;
      if (!digits.empty() || c != '0') digits.push_back(c);
      if (seen_point) ++frac;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return Syntax(text);
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    while (i < s.size() && IsSpace(s[i])) ++i;  // strtol skips leading blanks
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i >= s.size() || !IsDigit(s[i])) return Syntax(text);
    bool huge = false;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent >= 1073741823) huge = true, exponent = 1073741823;
    }
    if (huge) return Overflow();  // PostgreSQL: |exponent| >= INT_MAX / 2
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) return Syntax(text);
  int64_t scale = frac - exponent;
  int64_t dscale = scale < 0 ? 0 : scale;
  if (dscale > kNumericMaxDscale) return Overflow();
  if (digits.empty()) return FromScaledInt64(0, static_cast<int32_t>(dscale));
  int64_t lead = static_cast<int64_t>(digits.size()) - 1 - scale;
  if (lead > kNumericMaxExponent) return Overflow();
  Limbs mag = limbs::FromDecimal(digits);
  if (scale < dscale) mag = limbs::MulPow10(mag, dscale - scale);
  return Make(std::move(mag), static_cast<int32_t>(dscale), negative);
}

void Numeric::AppendText(std::string* out) const {
  switch (kind_) {
    case Kind::kNaN: out->append("NaN"); return;
    case Kind::kPosInf: out->append("Infinity"); return;
    case Kind::kNegInf: out->append("-Infinity"); return;
    case Kind::kFinite: break;
  }
  if (negative_) out->push_back('-');
  size_t start = out->size();
  limbs::AppendDecimal(mag_, out);
  if (scale_ == 0) return;
  size_t len = out->size() - start;
  size_t scale = static_cast<size_t>(scale_);
  if (len <= scale) out->insert(start, scale + 1 - len, '0');
  out->insert(out->size() - scale, 1, '.');
}

std::string Numeric::ToString() const {
  std::string out;
  AppendText(&out);
  return out;
}

void Numeric::AppendBinary(std::string* out) const {
  uint16_t sign = kSignPos;
  switch (kind_) {
    case Kind::kNaN: sign = kSignNaN; break;
    case Kind::kPosInf: sign = kSignPosInf; break;
    case Kind::kNegInf: sign = kSignNegInf; break;
    case Kind::kFinite: sign = negative_ ? kSignNeg : kSignPos; break;
  }
  if (!is_finite() || mag_.empty()) {
    PutBigEndian16(out, 0);
    PutBigEndian16(out, 0);
    PutBigEndian16(out, sign);
    PutBigEndian16(out, is_finite() ? static_cast<uint16_t>(scale_) : 0);
    return;
  }
  // Lay the digits out in groups of four aligned at the decimal point.
  std::string digits;
  limbs::AppendDecimal(mag_, &digits);
  int64_t int_digits = static_cast<int64_t>(digits.size()) - scale_;
  // Integer part padded on the left to a multiple of 4; fraction padded on the right.
  std::string padded;
  int64_t weight;
  if (int_digits > 0) {
    int64_t pad = (4 - int_digits % 4) % 4;
    padded.assign(static_cast<size_t>(pad), '0');
    padded += digits;
    weight = (int_digits + pad) / 4 - 1;
  } else {
    // 0.00ddd: -int_digits zeros follow the point before the first digit.
    int64_t zeros = -int_digits;
    int64_t whole_groups = zeros / 4;
    padded.assign(static_cast<size_t>(zeros % 4), '0');
    padded += digits;
    weight = -1 - whole_groups;
  }
  padded.append(static_cast<size_t>((4 - padded.size() % 4) % 4), '0');
  std::vector<uint16_t> groups;
  for (size_t g = 0; g < padded.size(); g += 4) {
    groups.push_back(static_cast<uint16_t>((padded[g] - '0') * 1000 + (padded[g + 1] - '0') * 100 +
                                           (padded[g + 2] - '0') * 10 + (padded[g + 3] - '0')));
  }
  size_t first = 0;
  while (first < groups.size() && groups[first] == 0) ++first;
  size_t last = groups.size();
  while (last > first && groups[last - 1] == 0) --last;
  weight -= static_cast<int64_t>(first);
  PutBigEndian16(out, static_cast<uint16_t>(last - first));
  PutBigEndian16(out, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  PutBigEndian16(out, sign);
  PutBigEndian16(out, static_cast<uint16_t>(scale_));
  for (size_t g = first; g < last; ++g) PutBigEndian16(out, groups[g]);
}

Result<Numeric> Numeric::FromBinary(std::string_view bytes, size_t* consumed) {
  if (bytes.size() < 8) return Insufficient();
  const char* p = bytes.data();
  uint16_t ndigits = DecodeBigEndian16(p);
  auto weight = static_cast<int16_t>(DecodeBigEndian16(p + 2));
  uint16_t sign = DecodeBigEndian16(p + 4);
  uint16_t dscale = DecodeBigEndian16(p + 6);
  if (sign != kSignPos && sign != kSignNeg && sign != kSignNaN && sign != kSignPosInf &&
      sign != kSignNegInf) {
    return BadBinary("sign");
  }
  if (dscale > kNumericMaxDscale) return BadBinary("scale");
  if (bytes.size() < 8 + size_t{ndigits} * 2) return Insufficient();
  std::string digits;
  digits.reserve(size_t{ndigits} * 4);
  for (size_t i = 0; i < ndigits; ++i) {
    auto d = static_cast<int16_t>(DecodeBigEndian16(p + 8 + 2 * i));
    if (d < 0 || d >= 10000) return BadBinary("digit");
    char group[5];
    std::snprintf(group, sizeof(group), "%04d", d);
    digits.append(group, 4);
  }
  *consumed = 8 + size_t{ndigits} * 2;
  if (sign == kSignNaN) return NaN();
  if (sign == kSignPosInf || sign == kSignNegInf) return Infinity(sign == kSignNegInf);
  // value = digits / 10^frac, frac = 4 * (ndigits - weight - 1) (negative: multiply).
  int64_t frac = 4 * (int64_t{ndigits} - weight - 1);
  size_t nonzero = digits.find_first_not_of('0');
  if (nonzero == std::string::npos) return FromScaledInt64(0, dscale);
  Numeric raw;
  raw.negative_ = sign == kSignNeg;
  std::string_view significant = std::string_view(digits).substr(nonzero);
  if (frac < 0) {
    raw.mag_ = limbs::MulPow10(limbs::FromDecimal(significant), -frac);
    raw.scale_ = 0;
  } else {
    raw.mag_ = limbs::FromDecimal(significant);
    raw.scale_ = static_cast<int32_t>(frac);
  }
  return raw.Rescale(dscale, false);
}

Result<Numeric> Numeric::FromDouble(double v, int digits) {
  if (v != v) return NaN();
  if (v == HUGE_VAL || v == -HUGE_VAL) return Infinity(v < 0);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*g", digits, v);
  return Parse(buf);
}

Result<double> Numeric::ToDouble() const {
  switch (kind_) {
    case Kind::kNaN: return std::numeric_limits<double>::quiet_NaN();
    case Kind::kPosInf: return HUGE_VAL;
    case Kind::kNegInf: return -HUGE_VAL;
    case Kind::kFinite: break;
  }
  std::string text = ToString();
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (errno == ERANGE && (d == 0.0 || d == HUGE_VAL || d == -HUGE_VAL)) {
    return Status::Sql(StatusCode::kInvalidArgument, "22003",
                       "\"" + text + "\" is out of range for type double precision");
  }
  return d;
}

}  // namespace datacave::sql
