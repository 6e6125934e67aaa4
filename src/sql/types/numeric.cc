#include "sql/types/numeric.h"

#include <algorithm>
#include <functional>

#include "sql/types/numeric_limbs.h"

namespace datacave::sql {

using limbs::Limbs;

namespace {

Status Overflow() {
  return Status::Sql(StatusCode::kInvalidArgument, "22003", "value overflows numeric format");
}

Status DivisionByZero() {
  return Status::Sql(StatusCode::kInvalidArgument, "22012", "division by zero");
}

int Sign(const Numeric& n) {
  if (n.is_negative()) return -1;
  return n.is_zero() ? 0 : 1;
}

// The magnitude of a finite value scaled to `scale` digits. REQUIRES: scale >= its scale.
Limbs Aligned(const Limbs& mag, int32_t from, int32_t to) {
  return limbs::MulPow10(mag, to - from);
}

}  // namespace

Numeric Numeric::FromInt64(int64_t v) {
  return FromScaledInt64(v, 0);
}

Numeric Numeric::FromScaledInt64(int64_t v, int32_t scale) {
  Numeric n;
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  n.mag_ = limbs::FromUint64(mag);
  n.negative_ = v < 0;
  n.scale_ = scale;
  return n;
}

Result<Numeric> Numeric::Make(std::u32string mag, int32_t scale, bool negative) {
  limbs::Trim(&mag);
  if (scale > kNumericMaxDscale) return Overflow();
  Numeric n;
  n.mag_ = std::move(mag);
  n.scale_ = scale;
  n.negative_ = negative && !n.mag_.empty();
  if (!n.mag_.empty() && n.LeadingExponent() > kNumericMaxExponent) return Overflow();
  return n;
}

int32_t Numeric::LeadingExponent() const {
  return static_cast<int32_t>(limbs::DecimalDigits(mag_) - 1 - scale_);
}

void Numeric::Base10000Lead(int32_t* weight, int32_t* first_digit) const {
  if (!is_finite() || mag_.empty()) {
    *weight = 0;
    *first_digit = 0;
    return;
  }
  int32_t e = LeadingExponent();
  int32_t w = e >= 0 ? e / 4 : -((-e + 3) / 4);
  int64_t want = e - 4 * w + 1;  // decimal digits in the leading base-10000 digit
  int64_t have = limbs::DecimalDigits(mag_);
  int dropped = 0;
  bool nonzero = false;
  Limbs lead = want < have ? limbs::DivPow10(mag_, have - want, &dropped, &nonzero) : mag_;
  uint64_t v = 0;
  (void)limbs::ToUint64(lead, &v);
  for (int64_t i = have; i < want; ++i) v *= 10;
  *weight = w;
  *first_digit = static_cast<int32_t>(v);
}

int Numeric::Compare(const Numeric& a, const Numeric& b) {
  auto rank = [](const Numeric& n) {
    switch (n.kind_) {
      case Kind::kNegInf: return 0;
      case Kind::kFinite: return 1;
      case Kind::kPosInf: return 2;
      case Kind::kNaN: return 3;
    }
    return 3;
  };
  int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra != 1) return 0;
  int sa = Sign(a), sb = Sign(b);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int mag_cmp;
  int32_t ea = a.LeadingExponent(), eb = b.LeadingExponent();
  if (ea != eb) {
    mag_cmp = ea < eb ? -1 : 1;
  } else if (a.scale_ == b.scale_) {
    mag_cmp = limbs::Compare(a.mag_, b.mag_);
  } else if (a.scale_ < b.scale_) {
    mag_cmp = limbs::Compare(Aligned(a.mag_, a.scale_, b.scale_), b.mag_);
  } else {
    mag_cmp = limbs::Compare(a.mag_, Aligned(b.mag_, b.scale_, a.scale_));
  }
  return sa < 0 ? -mag_cmp : mag_cmp;
}

size_t Numeric::Hash() const {
  if (!is_finite()) return std::hash<int>()(static_cast<int>(kind_)) * 0x9e3779b97f4a7c15ULL;
  if (mag_.empty()) return 0;
  // Hash the value with trailing zeros after the point removed, so 1.50 and 1.5 agree.
  int64_t strip = std::min<int64_t>(scale_, limbs::TrailingZeros(mag_));
  const Limbs* mag = &mag_;
  Limbs stripped;
  if (strip > 0) {
    int dropped = 0;
    bool nonzero = false;
    stripped = limbs::DivPow10(mag_, strip, &dropped, &nonzero);
    mag = &stripped;
  }
  size_t h = std::hash<std::u32string>()(*mag);
  h ^= (static_cast<size_t>(scale_ - strip) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  return negative_ ? ~h : h;
}

Result<Numeric> Numeric::Add(const Numeric& a, const Numeric& b) {
  if (!a.is_finite() || !b.is_finite()) {
    if (a.is_nan() || b.is_nan()) return NaN();
    if (a.is_infinite() && b.is_infinite()) return a.kind_ == b.kind_ ? a : NaN();
    return a.is_infinite() ? a : b;
  }
  int32_t scale = std::max(a.scale_, b.scale_);
  Limbs x = Aligned(a.mag_, a.scale_, scale);
  Limbs y = Aligned(b.mag_, b.scale_, scale);
  if (a.negative_ == b.negative_) return Make(limbs::Add(x, y), scale, a.negative_);
  int cmp = limbs::Compare(x, y);
  if (cmp >= 0) return Make(limbs::Sub(x, y), scale, a.negative_);
  return Make(limbs::Sub(y, x), scale, b.negative_);
}

Result<Numeric> Numeric::Sub(const Numeric& a, const Numeric& b) {
  return Add(a, b.Negate());
}

Result<Numeric> Numeric::Mul(const Numeric& a, const Numeric& b) {
  if (!a.is_finite() || !b.is_finite()) {
    if (a.is_nan() || b.is_nan()) return NaN();
    int sign = Sign(a) * Sign(b);
    if (sign == 0) return NaN();  // infinity times zero
    return Infinity(sign < 0);
  }
  int32_t scale = a.scale_ + b.scale_;
  Limbs product = limbs::Mul(a.mag_, b.mag_);
  bool negative = a.negative_ != b.negative_;
  if (scale <= kNumericMaxDscale) return Make(std::move(product), scale, negative);
  // PostgreSQL rounds the product to the largest display scale rather than failing.
  Numeric wide;
  wide.mag_ = std::move(product);
  wide.scale_ = scale;
  wide.negative_ = negative && !wide.mag_.empty();
  return wide.Rescale(kNumericMaxDscale, true);
}

Result<Numeric> Numeric::Div(const Numeric& a, const Numeric& b) {
  if (!a.is_finite() || !b.is_finite()) {
    if (a.is_nan() || b.is_nan()) return NaN();
    if (a.is_infinite()) {
      if (b.is_infinite()) return NaN();
      int sign = Sign(b);
      if (sign == 0) return DivisionByZero();
      return Infinity((sign < 0) != a.is_negative());
    }
    return Numeric();  // finite / infinity
  }
  if (b.mag_.empty()) return DivisionByZero();
  // PostgreSQL's select_div_scale: at least 16 significant digits, at least either input's
  // scale, at most 1000.
  int32_t w1, d1, w2, d2;
  a.Base10000Lead(&w1, &d1);
  b.Base10000Lead(&w2, &d2);
  int32_t qweight = w1 - w2;
  if (d1 <= d2) --qweight;
  int32_t rscale = kNumericMinSigDigits - qweight * 4;
  rscale = std::max({rscale, a.scale_, b.scale_, 0});
  rscale = std::min(rscale, kNumericMaxDisplayScale);
  // round(a.mag * 10^(b.scale + rscale - a.scale) / b.mag), half away from zero.
  int64_t k = int64_t{b.scale_} + rscale - a.scale_;
  Limbs num = k >= 0 ? limbs::MulPow10(a.mag_, k) : a.mag_;
  Limbs den = k >= 0 ? b.mag_ : limbs::MulPow10(b.mag_, -k);
  Limbs q, r;
  limbs::DivMod(num, den, &q, &r);
  if (limbs::Compare(limbs::Add(r, r), den) >= 0) limbs::MulSmall(&q, 1, 1);
  return Make(std::move(q), rscale, a.negative_ != b.negative_);
}

Result<Numeric> Numeric::Mod(const Numeric& a, const Numeric& b) {
  if (!a.is_finite() || !b.is_finite()) {
    if (a.is_nan() || b.is_nan()) return NaN();
    if (a.is_infinite()) {
      if (b.is_zero()) return DivisionByZero();
      return NaN();
    }
    return a;  // finite % infinity
  }
  if (b.mag_.empty()) return DivisionByZero();
  int32_t scale = std::max(a.scale_, b.scale_);
  Limbs q, r;
  limbs::DivMod(Aligned(a.mag_, a.scale_, scale), Aligned(b.mag_, b.scale_, scale), &q, &r);
  return Make(std::move(r), scale, a.negative_);
}

Numeric Numeric::Negate() const {
  Numeric n = *this;
  if (kind_ == Kind::kPosInf) {
    n.kind_ = Kind::kNegInf;
  } else if (kind_ == Kind::kNegInf) {
    n.kind_ = Kind::kPosInf;
  } else if (is_finite() && !mag_.empty()) {
    n.negative_ = !negative_;
  }
  return n;
}

Numeric Numeric::Abs() const {
  return is_negative() ? Negate() : *this;
}

Result<Numeric> Numeric::Rescale(int32_t s, bool round) const {
  if (!is_finite()) return *this;
  if (s >= scale_) return Make(limbs::MulPow10(mag_, s - scale_), s, negative_);
  int first = 0;
  bool nonzero = false;
  Limbs q = limbs::DivPow10(mag_, int64_t{scale_} - s, &first, &nonzero);
  if (round && first >= 5) limbs::MulSmall(&q, 1, 1);
  if (s < 0) return Make(limbs::MulPow10(q, -int64_t{s}), 0, negative_);
  return Make(std::move(q), s, negative_);
}

Result<Numeric> Numeric::Round(int32_t s) const {
  // PostgreSQL clamps the requested scale to +-NUMERIC_MAX_RESULT_SCALE.
  return Rescale(std::clamp(s, -2000, 2000), true);
}

Result<Numeric> Numeric::Trunc(int32_t s) const {
  return Rescale(std::clamp(s, -2000, 2000), false);
}

Result<Numeric> Numeric::Ceil() const {
  if (!is_finite()) return *this;
  int first = 0;
  bool nonzero = false;
  Limbs q = limbs::DivPow10(mag_, scale_, &first, &nonzero);
  if (nonzero && !negative_) limbs::MulSmall(&q, 1, 1);
  return Make(std::move(q), 0, negative_);
}

Result<Numeric> Numeric::Floor() const {
  if (!is_finite()) return *this;
  int first = 0;
  bool nonzero = false;
  Limbs q = limbs::DivPow10(mag_, scale_, &first, &nonzero);
  if (nonzero && negative_) limbs::MulSmall(&q, 1, 1);
  return Make(std::move(q), 0, negative_);
}

Result<Numeric> Numeric::ApplyTypmod(int32_t typmod) const {
  if (typmod < 4 || is_nan()) return *this;
  int32_t precision = ((typmod - 4) >> 16) & 0xffff;
  int32_t scale = (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
  int32_t max_digits = precision - scale;
  auto overflow = [&](std::string detail) {
    return Status::Sql(StatusCode::kInvalidArgument, "22003", "numeric field overflow")
        .WithDetail(std::move(detail));
  };
  std::string field =
      "A field with precision " + std::to_string(precision) + ", scale " + std::to_string(scale);
  if (is_infinite()) return overflow(field + " cannot hold an infinite value.");
  DC_ASSIGN_OR_RETURN(Numeric rounded, Rescale(scale, true));
  if (!rounded.mag_.empty() && rounded.LeadingExponent() + 1 > max_digits) {
    return overflow(field + " must round to an absolute value less than " +
                    (max_digits != 0 ? "10^" + std::to_string(max_digits) : "1") + ".");
  }
  return rounded;
}

bool Numeric::ToInt64(int64_t* out) const {
  if (!is_finite()) return false;
  int first = 0;
  bool nonzero = false;
  Limbs q = limbs::DivPow10(mag_, scale_, &first, &nonzero);
  if (first >= 5) limbs::MulSmall(&q, 1, 1);
  uint64_t v = 0;
  if (!limbs::ToUint64(q, &v)) return false;
  if (negative_) {
    if (v > uint64_t{1} << 63) return false;
    *out = static_cast<int64_t>(0 - v);
  } else {
    if (v > static_cast<uint64_t>(INT64_MAX)) return false;
    *out = static_cast<int64_t>(v);
  }
  return true;
}

}  // namespace datacave::sql
