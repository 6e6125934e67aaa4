#include "sql/types/numeric_limbs.h"

#include <algorithm>

namespace datacave::sql::limbs {
namespace {

constexpr uint32_t kPow10[] = {1,      10,      100,      1000,      10000,
                               100000, 1000000, 10000000, 100000000, 1000000000};

uint32_t Lo(uint64_t v) {
  return static_cast<uint32_t>(v % kBase);
}
uint32_t Hi(uint64_t v) {
  return static_cast<uint32_t>(v / kBase);
}

}  // namespace

uint32_t SmallPow10(int k) {
  return kPow10[k];
}

void Trim(Limbs* a) {
  while (!a->empty() && a->back() == 0) a->pop_back();
}

Limbs FromUint64(uint64_t v) {
  Limbs out;
  while (v != 0) {
    out.push_back(Lo(v));
    v /= kBase;
  }
  return out;
}

bool ToUint64(const Limbs& a, uint64_t* out) {
  if (a.size() > 3) return false;
  uint64_t v = 0;
  for (size_t i = a.size(); i-- > 0;) {
    if (v > (UINT64_MAX - a[i]) / kBase) return false;
    v = v * kBase + a[i];
  }
  *out = v;
  return true;
}

int Compare(const Limbs& a, const Limbs& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

Limbs Add(const Limbs& a, const Limbs& b) {
  const Limbs& x = a.size() >= b.size() ? a : b;
  const Limbs& y = a.size() >= b.size() ? b : a;
  Limbs out;
  out.resize(x.size() + 1);
  uint32_t carry = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    uint32_t s = x[i] + (i < y.size() ? static_cast<uint32_t>(y[i]) : 0u) + carry;
    carry = s >= kBase ? 1 : 0;
    out[i] = s - carry * kBase;
  }
  out[x.size()] = carry;
  Trim(&out);
  return out;
}

Limbs Sub(const Limbs& a, const Limbs& b) {
  Limbs out(a);
  int64_t borrow = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    int64_t d = int64_t{out[i]} - (i < b.size() ? int64_t{b[i]} : 0) - borrow;
    borrow = d < 0 ? 1 : 0;
    out[i] = static_cast<uint32_t>(d + borrow * kBase);
  }
  Trim(&out);
  return out;
}

Limbs Mul(const Limbs& a, const Limbs& b) {
  if (a.empty() || b.empty()) return Limbs();
  std::basic_string<uint64_t> acc(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    const uint64_t ai = a[i];
    for (size_t j = 0; j < b.size(); ++j) {
      uint64_t cur = acc[i + j] + ai * b[j] + carry;
      acc[i + j] = cur % kBase;
      carry = cur / kBase;
    }
    acc[i + b.size()] += carry;
  }
  Limbs out(acc.size(), 0);
  for (size_t i = 0; i < acc.size(); ++i) out[i] = static_cast<uint32_t>(acc[i]);
  Trim(&out);
  return out;
}

void MulSmall(Limbs* a, uint32_t m, uint32_t add) {
  uint64_t carry = add;
  for (auto& limb : *a) {
    uint64_t cur = uint64_t{limb} * m + carry;
    limb = Lo(cur);
    carry = Hi(cur);
  }
  while (carry != 0) {
    a->push_back(Lo(carry));
    carry /= kBase;
  }
  Trim(a);
}

uint32_t DivSmall(Limbs* a, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = a->size(); i-- > 0;) {
    uint64_t cur = rem * kBase + (*a)[i];
    (*a)[i] = static_cast<uint32_t>(cur / d);
    rem = cur % d;
  }
  Trim(a);
  return static_cast<uint32_t>(rem);
}

Limbs MulPow10(const Limbs& a, int64_t k) {
  if (a.empty() || k == 0) return a;
  Limbs out(static_cast<size_t>(k / kBaseDigits), 0);
  out += a;
  MulSmall(&out, kPow10[k % kBaseDigits]);
  return out;
}

Limbs DivPow10(const Limbs& a, int64_t k, int* first_dropped, bool* dropped_nonzero) {
  *first_dropped = 0;
  *dropped_nonzero = false;
  if (k == 0) return a;
  if (k > DecimalDigits(a)) {
    *dropped_nonzero = !a.empty();
    return Limbs();
  }
  // Drop whole limbs below the digit just under the cut, then the rest by division.
  int64_t below = k - 1;  // digits strictly below the first dropped digit
  size_t whole = static_cast<size_t>(below / kBaseDigits);
  for (size_t i = 0; i < whole && i < a.size(); ++i) *dropped_nonzero |= a[i] != 0;
  Limbs out = a.substr(std::min(whole, a.size()));
  uint32_t rem = DivSmall(&out, kPow10[below % kBaseDigits]);
  *dropped_nonzero |= rem != 0;
  *first_dropped = static_cast<int>(DivSmall(&out, 10));
  *dropped_nonzero |= *first_dropped != 0;
  return out;
}

void DivMod(const Limbs& a, const Limbs& b, Limbs* q, Limbs* r) {
  if (Compare(a, b) < 0) {
    *q = Limbs();
    *r = a;
    return;
  }
  if (b.size() == 1) {
    *q = a;
    uint32_t rem = DivSmall(q, b[0]);
    *r = rem == 0 ? Limbs() : Limbs(1, rem);
    return;
  }
  // Knuth's algorithm D in base 10^9: normalize so the divisor's top limb is >= base / 2,
  // estimate each quotient limb from the top two limbs, correct it at most twice.
  const size_t n = b.size();
  const size_t m = a.size() - n;
  const uint32_t d = kBase / (b[n - 1] + 1);
  Limbs u = a;
  MulSmall(&u, d);
  u.resize(a.size() + 1, 0);
  Limbs v = b;
  MulSmall(&v, d);
  Limbs quotient(m + 1, 0);
  const uint64_t vtop = v[n - 1];
  const uint64_t vnext = v[n - 2];
  for (size_t j = m + 1; j-- > 0;) {
    uint64_t num = uint64_t{u[j + n]} * kBase + u[j + n - 1];
    uint64_t qhat = num / vtop;
    uint64_t rhat = num % vtop;
    while (qhat >= kBase || qhat * vnext > rhat * kBase + u[j + n - 2]) {
      --qhat;
      rhat += vtop;
      if (rhat >= kBase) break;
    }
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (size_t i = 0; i < n; ++i) {
      uint64_t p = qhat * v[i] + carry;
      carry = p / kBase;
      int64_t t = int64_t{u[i + j]} - static_cast<int64_t>(p % kBase) - borrow;
      borrow = t < 0 ? 1 : 0;
      u[i + j] = static_cast<uint32_t>(t + borrow * kBase);
    }
    int64_t top = int64_t{u[j + n]} - static_cast<int64_t>(carry) - borrow;
    if (top < 0) {  // qhat was one too large: add the divisor back
      --qhat;
      uint32_t c = 0;
      for (size_t i = 0; i < n; ++i) {
        uint32_t s = u[i + j] + v[i] + c;
        c = s >= kBase ? 1 : 0;
        u[i + j] = s - c * kBase;
      }
      top += c;
    }
    u[j + n] = static_cast<uint32_t>(top);
    quotient[j] = static_cast<uint32_t>(qhat);
  }
  Trim(&quotient);
  u.resize(n);
  Trim(&u);
  DivSmall(&u, d);
  *q = std::move(quotient);
  *r = std::move(u);
}

int64_t DecimalDigits(const Limbs& a) {
  if (a.empty()) return 0;
  uint32_t top = a.back();
  int digits = 1;
  while (digits < kBaseDigits && top >= kPow10[digits]) ++digits;
  return static_cast<int64_t>(a.size() - 1) * kBaseDigits + digits;
}

int64_t TrailingZeros(const Limbs& a) {
  int64_t zeros = 0;
  for (uint32_t limb : a) {
    if (limb == 0) {
      zeros += kBaseDigits;
      continue;
    }
    while (limb % 10 == 0) {
      limb /= 10;
      ++zeros;
    }
    return zeros;
  }
  return 0;
}

void AppendDecimal(const Limbs& a, std::string* out) {
  if (a.empty()) {
    out->push_back('0');
    return;
  }
  char buf[kBaseDigits];
  uint32_t top = a.back();
  int len = 0;
  do {
    buf[len++] = static_cast<char>('0' + top % 10);
    top /= 10;
  } while (top != 0);
  while (len > 0) out->push_back(buf[--len]);
  for (size_t i = a.size() - 1; i-- > 0;) {
    uint32_t limb = a[i];
    for (int k = kBaseDigits - 1; k >= 0; --k) {
      buf[k] = static_cast<char>('0' + limb % 10);
      limb /= 10;
    }
    out->append(buf, kBaseDigits);
  }
}

Limbs FromDecimal(std::string_view digits) {
  Limbs out;
  out.reserve(digits.size() / kBaseDigits + 1);
  size_t end = digits.size();
  while (end > 0) {
    size_t begin = end >= kBaseDigits ? end - kBaseDigits : 0;
    uint32_t limb = 0;
    for (size_t i = begin; i < end; ++i) limb = limb * 10 + static_cast<uint32_t>(digits[i] - '0');
    out.push_back(limb);
    end = begin;
  }
  Trim(&out);
  return out;
}

}  // namespace datacave::sql::limbs
