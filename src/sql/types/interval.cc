// INTERVAL input (postgres and ISO 8601 forms) and interval arithmetic.

#include <cmath>
#include <cstdlib>
#include <vector>

#include "sql/types/datetime.h"

namespace datacave::sql {
namespace {

enum class Unit {
  kNone,
  kMicro,
  kMilli,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kYear,
  kDecade,
  kCentury,
  kMillennium
};

Unit UnitFromName(std::string_view s) {
  struct Entry {
    std::string_view name;
    Unit unit;
  };
  static constexpr Entry kUnits[] = {
      {"microsecond", Unit::kMicro},
      {"microseconds", Unit::kMicro},
      {"usec", Unit::kMicro},
      {"usecs", Unit::kMicro},
      {"us", Unit::kMicro},
      {"millisecond", Unit::kMilli},
      {"milliseconds", Unit::kMilli},
      {"msec", Unit::kMilli},
      {"msecs", Unit::kMilli},
      {"ms", Unit::kMilli},
      {"second", Unit::kSecond},
      {"seconds", Unit::kSecond},
      {"sec", Unit::kSecond},
      {"secs", Unit::kSecond},
      {"s", Unit::kSecond},
      {"minute", Unit::kMinute},
      {"minutes", Unit::kMinute},
      {"min", Unit::kMinute},
      {"mins", Unit::kMinute},
      {"m", Unit::kMinute},
      {"hour", Unit::kHour},
      {"hours", Unit::kHour},
      {"hr", Unit::kHour},
      {"hrs", Unit::kHour},
      {"h", Unit::kHour},
      {"day", Unit::kDay},
      {"days", Unit::kDay},
      {"d", Unit::kDay},
      {"week", Unit::kWeek},
      {"weeks", Unit::kWeek},
      {"w", Unit::kWeek},
      {"month", Unit::kMonth},
      {"months", Unit::kMonth},
      {"mon", Unit::kMonth},
      {"mons", Unit::kMonth},
      {"year", Unit::kYear},
      {"years", Unit::kYear},
      {"yr", Unit::kYear},
      {"yrs", Unit::kYear},
      {"y", Unit::kYear},
      {"decade", Unit::kDecade},
      {"decades", Unit::kDecade},
      {"dec", Unit::kDecade},
      {"decs", Unit::kDecade},
      {"century", Unit::kCentury},
      {"centuries", Unit::kCentury},
      {"c", Unit::kCentury},
      {"millennium", Unit::kMillennium},
      {"millennia", Unit::kMillennium},
      {"mil", Unit::kMillennium},
      {"mils", Unit::kMillennium},
  };
  for (const Entry& e : kUnits) {
    if (e.name == s) return e.unit;
  }
  return Unit::kNone;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAlpha(char c) {
  return c >= 'a' && c <= 'z';
}

// Fields accumulate in wide integers and are range-checked once at the end.
struct Accum {
  long double months = 0;  // whole months (fractional years were rounded)
  long double days = 0;    // whole days
  long double usec = 0;
  bool range_error = false;

  // PostgreSQL's AdjustFractDays: whole days of frac * scale to days, the rest to time.
  void FractDays(long double frac, int scale) {
    long double d = frac * scale;
    long double whole = std::trunc(d);
    days += whole;
    usec += (d - whole) * kUsecsPerDay;
  }

  void Add(long double v, Unit unit) {
    long double whole = std::trunc(v), frac = v - whole;
    switch (unit) {
      case Unit::kNone:
      case Unit::kSecond: usec += v * kUsecsPerSec; break;
      case Unit::kMicro: usec += v; break;
      case Unit::kMilli: usec += v * 1000; break;
      case Unit::kMinute: usec += v * 60 * kUsecsPerSec; break;
      case Unit::kHour: usec += v * 3600 * kUsecsPerSec; break;
      case Unit::kDay:
        days += whole;
        usec += frac * kUsecsPerDay;
        break;
      case Unit::kWeek:
        days += whole * 7;
        FractDays(frac, 7);
        break;
      case Unit::kMonth:
        months += whole;
        FractDays(frac, 30);
        break;
      case Unit::kYear: months += whole * 12 + std::rint(frac * 12); break;
      case Unit::kDecade: months += whole * 120 + std::rint(frac * 120); break;
      case Unit::kCentury: months += whole * 1200 + std::rint(frac * 1200); break;
      case Unit::kMillennium: months += whole * 12000 + std::rint(frac * 12000); break;
    }
  }
};

// A signed decimal number at the start of s; advances s. False when none.
bool TakeNumber(std::string_view* s, long double* out) {
  size_t i = 0;
  if (i < s->size() && ((*s)[i] == '+' || (*s)[i] == '-')) ++i;
  size_t digits_start = i;
  while (i < s->size() && (IsDigit((*s)[i]) || (*s)[i] == '.')) ++i;
  if (i == digits_start || (i == digits_start + 1 && (*s)[digits_start] == '.')) return false;
  std::string num(s->substr(0, i));
  char* end = nullptr;
  *out = std::strtold(num.c_str(), &end);
  if (end != num.c_str() + num.size()) return false;
  s->remove_prefix(i);
  return true;
}

// "[+-]H:M[:S[.f]]" in microseconds.
bool TakeTime(std::string_view s, long double* usec) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  long double parts[3] = {0, 0, 0};
  int n = 0;
  while (n < 3) {
    long double v;
    if (s.empty() || !IsDigit(s[0]) || !TakeNumber(&s, &v)) return false;
    parts[n++] = v;
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      continue;
    }
    break;
  }
  if (!s.empty() || n < 2 || parts[1] >= 60 || parts[2] >= 60) return false;
  if (parts[0] != std::trunc(parts[0]) || parts[1] != std::trunc(parts[1])) return false;
  long double v = ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * kUsecsPerSec;
  *usec = negative ? -v : v;
  return true;
}

bool ParseIso8601(std::string_view s, Accum* acc) {
  s.remove_prefix(1);  // 'p'
  bool time_part = false;
  if (s.empty()) return false;
  while (!s.empty()) {
    if (s[0] == 't') {
      if (time_part) return false;
      time_part = true;
      s.remove_prefix(1);
      continue;
    }
    long double v;
    if (!TakeNumber(&s, &v) || s.empty()) return false;
    char unit = s[0];
    s.remove_prefix(1);
    if (!time_part) {
      switch (unit) {
        case 'y': acc->Add(v, Unit::kYear); break;
        case 'm': acc->Add(v, Unit::kMonth); break;
        case 'w': acc->Add(v, Unit::kWeek); break;
        case 'd': acc->Add(v, Unit::kDay); break;
        default: return false;
      }
    } else {
      switch (unit) {
        case 'h': acc->Add(v, Unit::kHour); break;
        case 'm': acc->Add(v, Unit::kMinute); break;
        case 's': acc->Add(v, Unit::kSecond); break;
        default: return false;
      }
    }
  }
  return true;
}

bool ParsePostgres(std::string_view text, Accum* acc) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == ',') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' &&
           text[i] != '\r' && text[i] != ',') {
      ++i;
    }
    tokens.push_back(text.substr(start, i - start));
  }
  if (tokens.empty()) return false;
  bool ago = false, any = false;
  for (size_t t = 0; t < tokens.size(); ++t) {
    std::string_view tok = tokens[t];
    if (tok == "@") continue;
    if (tok == "ago") {
      if (t + 1 != tokens.size() || ago) return false;
      ago = true;
      continue;
    }
    if (tok.find(':') != std::string_view::npos) {
      long double usec;
      if (!TakeTime(tok, &usec)) return false;
      acc->usec += usec;
      any = true;
      continue;
    }
    long double v;
    if (!TakeNumber(&tok, &v)) return false;
    Unit unit = Unit::kNone;
    if (!tok.empty()) {
      unit = UnitFromName(tok);
      if (unit == Unit::kNone) return false;
    } else if (t + 1 < tokens.size() && !tokens[t + 1].empty() && IsAlpha(tokens[t + 1][0]) &&
               tokens[t + 1] != "ago") {
      unit = UnitFromName(tokens[++t]);
      if (unit == Unit::kNone) return false;
    }
    acc->Add(v, unit);
    any = true;
  }
  if (!any) return false;
  if (ago) {
    acc->months = -acc->months;
    acc->days = -acc->days;
    acc->usec = -acc->usec;
  }
  return true;
}

Status IntervalOutOfRange() {
  return Status::Sql(StatusCode::kInvalidArgument, "22008", "interval out of range");
}

bool FitsInt32(double v) {
  return !std::isnan(v) && v >= INT32_MIN && v <= INT32_MAX;
}
// Doubles at or beyond 2^63 do not fit an int64.
bool FitsInt64(double v) {
  return !std::isnan(v) && v >= -9223372036854775808.0 && v < 9223372036854775808.0;
}
double TsRound(double v) {
  return std::rint(v * 1e6) / 1e6;
}

}  // namespace

Result<Interval> ParseInterval(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  size_t b = s.find_first_not_of(" \t\n\r\v\f");
  std::string_view trimmed =
      b == std::string::npos ? std::string_view() : std::string_view(s).substr(b);
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t' ||
                              trimmed.back() == '\n' || trimmed.back() == '\r')) {
    trimmed.remove_suffix(1);
  }
  Accum acc;
  bool ok = !trimmed.empty() && trimmed[0] == 'p' ? ParseIso8601(trimmed, &acc)
                                                  : ParsePostgres(trimmed, &acc);
  if (!ok) {
    return Status::Sql(StatusCode::kInvalidArgument, "22007",
                       "invalid input syntax for type interval: \"" + std::string(text) + "\"");
  }
  long double usec = std::rint(acc.usec);
  if (acc.months < INT32_MIN || acc.months > INT32_MAX || acc.days < INT32_MIN ||
      acc.days > INT32_MAX || usec < -9.2e18L || usec > 9.2e18L) {
    return Status::Sql(StatusCode::kInvalidArgument, "22015",
                       "interval field value out of range: \"" + std::string(text) + "\"");
  }
  return Interval{static_cast<int64_t>(usec), static_cast<int32_t>(acc.days),
                  static_cast<int32_t>(acc.months)};
}

Interval RoundInterval(const Interval& iv, int precision) {
  int64_t unit = 1;
  for (int i = precision; i < 6; ++i) unit *= 10;
  Interval out = iv;
  if (unit == 1) return out;
  // Round half away from zero, as PostgreSQL's AdjustIntervalForTypmod.
  int64_t half = unit / 2;
  out.time = iv.time >= 0 ? ((iv.time + half) / unit) * unit : -((-iv.time + half) / unit) * unit;
  return out;
}

Result<Interval> IntervalAdd(const Interval& a, const Interval& b) {
  Interval r;
  if (__builtin_add_overflow(a.months, b.months, &r.months) ||
      __builtin_add_overflow(a.days, b.days, &r.days) ||
      __builtin_add_overflow(a.time, b.time, &r.time)) {
    return IntervalOutOfRange();
  }
  return r;
}

Result<Interval> IntervalNegate(const Interval& a) {
  Interval r;
  if (__builtin_sub_overflow(0, a.months, &r.months) ||
      __builtin_sub_overflow(0, a.days, &r.days) ||
      __builtin_sub_overflow(int64_t{0}, a.time, &r.time)) {
    return IntervalOutOfRange();
  }
  return r;
}

Result<Interval> IntervalSub(const Interval& a, const Interval& b) {
  Interval r;
  if (__builtin_sub_overflow(a.months, b.months, &r.months) ||
      __builtin_sub_overflow(a.days, b.days, &r.days) ||
      __builtin_sub_overflow(a.time, b.time, &r.time)) {
    return IntervalOutOfRange();
  }
  return r;
}

namespace {

// The tail of PostgreSQL's interval_mul and interval_div: months and days are the scaled
// fields, time the scaled microseconds. Fractional months become days (30 per month) and
// fractional days become time, each step rounded to microseconds.
Result<Interval> SpreadFractions(double months, double days, double time) {
  if (!FitsInt32(months) || !FitsInt32(days)) return IntervalOutOfRange();
  Interval r;
  r.months = static_cast<int32_t>(months);
  r.days = static_cast<int32_t>(days);
  double month_remainder_days = TsRound((months - r.months) * 30);
  double sec_remainder = TsRound(
      (days - r.days + month_remainder_days - static_cast<int>(month_remainder_days)) * 86400.0);
  if (std::fabs(sec_remainder) >= 86400) {
    auto whole = static_cast<int32_t>(sec_remainder / 86400);
    if (__builtin_add_overflow(r.days, whole, &r.days)) return IntervalOutOfRange();
    sec_remainder -= whole * 86400.0;
  }
  if (__builtin_add_overflow(r.days, static_cast<int32_t>(month_remainder_days), &r.days)) {
    return IntervalOutOfRange();
  }
  double t = std::rint(time + sec_remainder * 1e6);
  if (!FitsInt64(t)) return IntervalOutOfRange();
  r.time = static_cast<int64_t>(t);
  return r;
}

}  // namespace

Result<Interval> IntervalMul(const Interval& a, double factor) {
  if (std::isnan(factor)) return IntervalOutOfRange();
  return SpreadFractions(a.months * factor, a.days * factor, static_cast<double>(a.time) * factor);
}

Result<Interval> IntervalDiv(const Interval& a, double factor) {
  if (factor == 0.0) {
    return Status::Sql(StatusCode::kInvalidArgument, "22012", "division by zero");
  }
  if (std::isnan(factor)) return IntervalOutOfRange();
  return SpreadFractions(a.months / factor, a.days / factor, static_cast<double>(a.time) / factor);
}

}  // namespace datacave::sql
