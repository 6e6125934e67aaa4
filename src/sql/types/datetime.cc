// Calendar arithmetic, and the text forms of dates, timestamps and intervals.

#include "sql/types/datetime.h"

#include <cmath>
#include <cstdlib>
#include <functional>
#include <vector>

namespace datacave::sql {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int MonthFromName(std::string_view s) {
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  if (s.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (kNames[i].substr(0, s.size()) == s) return i + 1;
  }
  if (s == "sept") return 9;
  return 0;
}

// Parses an unsigned decimal; false on overflow beyond 10^15 or non-digits.
bool ParseUint(std::string_view s, int64_t* out) {
  if (!AllDigits(s) || s.size() > 15) return false;
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  *out = v;
  return true;
}

enum class Failure { kNone, kSyntax, kFieldRange, kTzRange, kUnsupported };

struct ParsedDateTime {
  enum Special { kNoSpecial, kEpoch, kPosInf, kNegInf } special = kNoSpecial;
  bool have_date = false;
  int64_t year = 0;
  int month = 0, day = 0;
  bool bc = false;
  bool have_time = false;
  int64_t time = 0;  // microseconds since midnight
  int ampm = 0;      // 1 am, 2 pm
  int hour = 0;
  bool have_tz = false;
  int64_t tz_seconds = 0;  // east of UTC
  std::string unsupported;
};

int64_t AdjustTwoDigitYear(int64_t year, size_t digits) {
  if (digits > 2) return year;
  return year < 70 ? year + 2000 : year + 1900;
}

Failure ParseTzOffset(std::string_view s, int64_t* seconds) {
  // [+-]H, HH, HHMM, HHMMSS, HH:MM, HH:MM:SS
  bool negative = s[0] == '-';
  s.remove_prefix(1);
  int64_t h = 0, m = 0, sec = 0;
  size_t colon = s.find(':');
  if (colon != std::string_view::npos) {
    std::string_view hs = s.substr(0, colon), rest = s.substr(colon + 1);
    size_t colon2 = rest.find(':');
    std::string_view ms = rest.substr(0, colon2);
    if (!ParseUint(hs, &h) || !ParseUint(ms, &m)) return Failure::kSyntax;
    if (colon2 != std::string_view::npos && !ParseUint(rest.substr(colon2 + 1), &sec)) {
      return Failure::kSyntax;
    }
  } else {
    int64_t v = 0;
    if (!ParseUint(s, &v)) return Failure::kSyntax;
    if (s.size() <= 2) {
      h = v;
    } else if (s.size() <= 4) {
      h = v / 100, m = v % 100;
    } else if (s.size() <= 6) {
      h = v / 10000, m = v / 100 % 100, sec = v % 100;
    } else {
      return Failure::kSyntax;
    }
  }
  if (m > 59 || sec > 59) return Failure::kFieldRange;
  if (h > 15) return Failure::kTzRange;
  *seconds = (h * 3600 + m * 60 + sec) * (negative ? -1 : 1);
  return Failure::kNone;
}

// "HH:MM[:SS[.frac]]" followed by an optional zone or am/pm.
Failure ParseTimeField(std::string_view s, ParsedDateTime* p) {
  size_t i = 0;
  int64_t parts[3] = {0, 0, 0};
  int nparts = 0;
  while (nparts < 3) {
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start || i - start > 9) return Failure::kSyntax;
    (void)ParseUint(s.substr(start, i - start), &parts[nparts++]);
    if (i < s.size() && s[i] == ':' && nparts < 3) {
      ++i;
      continue;
    }
    break;
  }
  if (nparts < 2) return Failure::kSyntax;
  double frac = 0;
  if (i < s.size() && s[i] == '.') {
    size_t start = i;
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    frac = std::strtod(std::string(s.substr(start, i - start)).c_str(), nullptr);
  }
  std::string_view rest = s.substr(i);
  if (rest == "am" || rest == "pm") {
    p->ampm = rest == "am" ? 1 : 2;
  } else if (rest == "z") {
    p->have_tz = true;
  } else if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
    Failure f = ParseTzOffset(rest, &p->tz_seconds);
    if (f != Failure::kNone) return f;
    p->have_tz = true;
  } else if (!rest.empty()) {
    return Failure::kSyntax;
  }
  if (p->have_time) return Failure::kSyntax;
  int64_t h = parts[0], m = parts[1], sec = parts[2];
  int64_t fusec = static_cast<int64_t>(std::rint(frac * 1e6));
  if (m > 59 || sec > 60 || h > 24 || (h == 24 && (m != 0 || sec != 0 || fusec != 0))) {
    return Failure::kFieldRange;
  }
  p->have_time = true;
  p->hour = static_cast<int>(h);
  p->time = ((h * 60 + m) * 60 + sec) * kUsecsPerSec + fusec;
  return Failure::kNone;
}

Failure SetDate(ParsedDateTime* p, int64_t year, size_t year_digits, int64_t month, int64_t day) {
  if (p->have_date) return Failure::kSyntax;
  p->have_date = true;
  if (month < 1 || month > 12 || day < 1 || day > 31) return Failure::kFieldRange;
  p->year = AdjustTwoDigitYear(year, year_digits);
  p->month = static_cast<int>(month);
  p->day = static_cast<int>(day);
  return Failure::kNone;
}

// "2024-01-31", "1/31/2024", "2024-jan-31", "31-jan-2024" (separator - / or .).
Failure ParseDateField(std::string_view s, ParsedDateTime* p) {
  char sep = 0;
  for (char c : s) {
    if (c == '-' || c == '/' || c == '.') {
      sep = c;
      break;
    }
  }
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3) return Failure::kSyntax;
  int month_part = -1;
  int64_t v[3] = {0, 0, 0};
  for (size_t i = 0; i < 3; ++i) {
    if (!parts[i].empty() && IsAlpha(parts[i][0])) {
      int m = MonthFromName(parts[i]);
      if (m == 0 || month_part >= 0) return Failure::kSyntax;
      month_part = static_cast<int>(i);
      v[i] = m;
    } else if (!ParseUint(parts[i], &v[i])) {
      return Failure::kSyntax;
    }
  }
  if (month_part >= 0) {
    if (month_part != 1) return Failure::kSyntax;
    if (parts[0].size() > 2) return SetDate(p, v[0], parts[0].size(), v[1], v[2]);
    return SetDate(p, v[2], parts[2].size(), v[1], v[0]);
  }
  if (parts[0].size() > 2) return SetDate(p, v[0], parts[0].size(), v[1], v[2]);
  return SetDate(p, v[2], parts[2].size(), v[0], v[1]);  // MDY
}

// Splits the input into fields as PostgreSQL's ParseDateTime would for these forms.
std::vector<std::string> SplitFields(std::string_view text) {
  std::string s = Lower(text);
  std::vector<std::string> fields;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) fields.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsSpace(c) || c == ',') {
      flush();
    } else if (c == 't' && i > 0 && IsDigit(s[i - 1]) && i + 1 < s.size() && IsDigit(s[i + 1])) {
      flush();  // ISO 8601 'T' between date and time
    } else {
      cur.push_back(c);
    }
  }
  flush();
  return fields;
}

Failure DecodeDateTime(std::string_view text, ParsedDateTime* p) {
  std::vector<std::string> fields = SplitFields(text);
  if (fields.empty()) return Failure::kSyntax;
  std::vector<std::pair<int64_t, size_t>> numbers;  // value, digit count
  int month_name = 0;
  for (const std::string& f : fields) {
    if (f == "epoch" || f == "infinity" || f == "+infinity" || f == "-infinity") {
      if (fields.size() != 1) return Failure::kSyntax;
      p->special = f == "epoch"       ? ParsedDateTime::kEpoch
                   : f == "-infinity" ? ParsedDateTime::kNegInf
                                      : ParsedDateTime::kPosInf;
      return Failure::kNone;
    }
    if (f == "now" || f == "today" || f == "tomorrow" || f == "yesterday" || f == "allballs") {
      p->unsupported = "the special date/time input \"" + f + "\"";
      return Failure::kUnsupported;
    }
    if (f == "bc") {
      p->bc = true;
    } else if (f == "ad") {
    } else if (f == "am" || f == "pm") {
      if (p->ampm != 0) return Failure::kSyntax;
      p->ampm = f == "am" ? 1 : 2;
    } else if (f == "z" || f == "utc" || f == "gmt" || f == "zulu" || f == "ut") {
      if (p->have_tz) return Failure::kSyntax;
      p->have_tz = true;
      p->tz_seconds = 0;
    } else if (IsDigit(f[0]) && f.find(':') != std::string::npos) {
      Failure r = ParseTimeField(f, p);
      if (r != Failure::kNone) return r;
    } else if ((f[0] == '+' || f[0] == '-') && f.size() > 1 && IsDigit(f[1])) {
      if (p->have_tz) return Failure::kSyntax;
      Failure r = ParseTzOffset(f, &p->tz_seconds);
      if (r != Failure::kNone) return r;
      p->have_tz = true;
    } else if (IsDigit(f[0]) && f.find_first_of("-/.") != std::string::npos) {
      Failure r = ParseDateField(f, p);
      if (r != Failure::kNone) return r;
    } else if (AllDigits(f)) {
      int64_t v = 0;
      if (f.size() == 8 && !p->have_date && ParseUint(f, &v)) {
        Failure r = SetDate(p, v / 10000, 4, v / 100 % 100, v % 100);
        if (r != Failure::kNone) return r;
      } else if (f.size() == 6 && !p->have_date && month_name == 0 && ParseUint(f, &v)) {
        Failure r = SetDate(p, v / 10000, 2, v / 100 % 100, v % 100);
        if (r != Failure::kNone) return r;
      } else if (ParseUint(f, &v)) {
        numbers.emplace_back(v, f.size());
      } else {
        return Failure::kSyntax;
      }
    } else if (IsAlpha(f[0]) && MonthFromName(f) != 0 && month_name == 0) {
      month_name = MonthFromName(f);
    } else if (f.find('/') != std::string::npos && IsAlpha(f[0])) {
      p->unsupported = "time zone \"" + f + "\"";
      return Failure::kUnsupported;
    } else {
      return Failure::kSyntax;
    }
  }
  if (month_name != 0) {
    if (numbers.size() != 2) return Failure::kSyntax;
    auto [a, a_digits] = numbers[0];
    auto [b, b_digits] = numbers[1];
    if (a_digits > 2) return SetDate(p, a, a_digits, month_name, b);
    return SetDate(p, b, b_digits, month_name, a);
  }
  if (!numbers.empty()) return Failure::kSyntax;
  if (p->ampm != 0) {
    if (!p->have_time) return Failure::kSyntax;
    if (p->hour > 12 || p->hour == 0) return Failure::kFieldRange;
    if (p->ampm == 1 && p->hour == 12) p->time -= 12 * 3600 * kUsecsPerSec;
    if (p->ampm == 2 && p->hour != 12) p->time += 12 * 3600 * kUsecsPerSec;
  }
  if (p->have_date) {
    if (p->year == 0) return Failure::kFieldRange;  // there is no year 0
    if (p->bc) p->year = 1 - p->year;
    if (p->day > DaysInMonth(p->year, p->month)) return Failure::kFieldRange;
  } else if (p->bc) {
    return Failure::kSyntax;
  }
  return Failure::kNone;
}

Status DateTimeError(Failure f, std::string_view type_name, std::string_view text,
                     const std::string& unsupported) {
  std::string quoted = "\"" + std::string(text) + "\"";
  switch (f) {
    case Failure::kFieldRange:
      return Status::Sql(StatusCode::kInvalidArgument, "22008",
                         "date/time field value out of range: " + quoted);
    case Failure::kTzRange:
      return Status::Sql(StatusCode::kInvalidArgument, "22009",
                         "time zone displacement out of range: " + quoted);
    case Failure::kUnsupported: return Status::NotSupported(unsupported + " is not supported");
    default:
      return Status::Sql(StatusCode::kInvalidArgument, "22007",
                         "invalid input syntax for type " + std::string(type_name) + ": " + quoted);
  }
}

void AppendPadded(int64_t v, int width, std::string* out) {
  std::string digits = std::to_string(v);
  if (digits.size() < static_cast<size_t>(width))
    out->append(static_cast<size_t>(width) - digits.size(), '0');
  out->append(digits);
}

// ":SS[.ffffff]" seconds with trailing zeros of the fraction dropped.
void AppendSeconds(int64_t usec, std::string* out) {
  AppendPadded(usec / kUsecsPerSec, 2, out);
  int64_t frac = usec % kUsecsPerSec;
  if (frac == 0) return;
  char buf[8];
  int len = 6;
  for (int i = 5; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  while (len > 0 && buf[len - 1] == '0') --len;
  out->push_back('.');
  out->append(buf, static_cast<size_t>(len));
}

__extension__ typedef __int128 Int128;

Int128 IntervalSpan(const Interval& iv) {
  return Int128{iv.time} + Int128{iv.days} * kUsecsPerDay + Int128{iv.months} * 30 * kUsecsPerDay;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, int m, int d) {
  // Howard Hinnant's days_from_civil, shifted to 2000-01-01.
  y -= m <= 2 ? 1 : 0;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (m + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 - 10957;
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  int64_t z = days + 10957 + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

Result<int32_t> ParseDate(std::string_view text) {
  ParsedDateTime p;
  Failure f = DecodeDateTime(text, &p);
  if (f != Failure::kNone) return DateTimeError(f, "date", text, p.unsupported);
  switch (p.special) {
    case ParsedDateTime::kEpoch: return kUnixEpochDays;
    case ParsedDateTime::kPosInf: return kDatePosInfinity;
    case ParsedDateTime::kNegInf: return kDateNegInfinity;
    case ParsedDateTime::kNoSpecial: break;
  }
  if (!p.have_date) return DateTimeError(Failure::kSyntax, "date", text, "");
  int64_t days = DaysFromCivil(p.year, p.month, p.day);
  if (days < kMinDate || days >= kEndDate) {
    return Status::Sql(StatusCode::kInvalidArgument, "22008",
                       "date out of range: \"" + std::string(text) + "\"");
  }
  return static_cast<int32_t>(days);
}

Result<int64_t> ParseTimestamp(std::string_view text, bool with_time_zone) {
  std::string_view type_name = with_time_zone ? "timestamp with time zone" : "timestamp";
  ParsedDateTime p;
  Failure f = DecodeDateTime(text, &p);
  if (f != Failure::kNone) return DateTimeError(f, type_name, text, p.unsupported);
  switch (p.special) {
    case ParsedDateTime::kEpoch: return int64_t{kUnixEpochDays} * kUsecsPerDay;
    case ParsedDateTime::kPosInf: return kTimestampPosInfinity;
    case ParsedDateTime::kNegInf: return kTimestampNegInfinity;
    case ParsedDateTime::kNoSpecial: break;
  }
  if (!p.have_date) return DateTimeError(Failure::kSyntax, type_name, text, "");
  int64_t days = DaysFromCivil(p.year, p.month, p.day);
  auto out_of_range = [&] {
    return Status::Sql(StatusCode::kInvalidArgument, "22008",
                       "timestamp out of range: \"" + std::string(text) + "\"");
  };
  if (days < kMinDate || days >= kEndTimestampDate) return out_of_range();
  int64_t ts = days * kUsecsPerDay + p.time;
  if (with_time_zone) ts -= p.tz_seconds * kUsecsPerSec;
  if (ts < kMinTimestamp || ts >= kEndTimestamp) return out_of_range();
  return ts;
}

void AppendDate(int32_t date, std::string* out) {
  if (date == kDatePosInfinity) return out->append("infinity"), void();
  if (date == kDateNegInfinity) return out->append("-infinity"), void();
  int64_t y;
  int m, d;
  CivilFromDays(date, &y, &m, &d);
  AppendPadded(y > 0 ? y : 1 - y, 4, out);
  out->push_back('-');
  AppendPadded(m, 2, out);
  out->push_back('-');
  AppendPadded(d, 2, out);
  if (y <= 0) out->append(" BC");
}

void AppendTimestamp(int64_t ts, bool with_time_zone, std::string* out) {
  if (ts == kTimestampPosInfinity) return out->append("infinity"), void();
  if (ts == kTimestampNegInfinity) return out->append("-infinity"), void();
  int64_t days = ts / kUsecsPerDay;
  int64_t time = ts % kUsecsPerDay;
  if (time < 0) time += kUsecsPerDay, --days;
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  AppendPadded(y > 0 ? y : 1 - y, 4, out);
  out->push_back('-');
  AppendPadded(m, 2, out);
  out->push_back('-');
  AppendPadded(d, 2, out);
  out->push_back(' ');
  AppendPadded(time / (3600 * kUsecsPerSec), 2, out);
  out->push_back(':');
  AppendPadded(time / (60 * kUsecsPerSec) % 60, 2, out);
  out->push_back(':');
  AppendSeconds(time % (60 * kUsecsPerSec), out);
  if (with_time_zone) out->append("+00");
  if (y <= 0) out->append(" BC");
}

void AppendInterval(const Interval& iv, std::string* out) {
  bool is_zero = true, is_before = false;
  auto part = [&](int64_t value, std::string_view unit) {
    if (value == 0) return;
    if (!is_zero) out->push_back(' ');
    if (is_before && value > 0) out->push_back('+');
    out->append(std::to_string(value));
    out->push_back(' ');
    out->append(unit);
    if (value != 1) out->push_back('s');
    is_before = value < 0;
    is_zero = false;
  };
  part(iv.months / 12, "year");
  part(iv.months % 12, "mon");
  part(iv.days, "day");
  if (is_zero || iv.time != 0) {
    bool minus = iv.time < 0;
    // |time| without overflowing on INT64_MIN.
    uint64_t t = minus ? 0 - static_cast<uint64_t>(iv.time) : static_cast<uint64_t>(iv.time);
    if (!is_zero) out->push_back(' ');
    if (minus) {
      out->push_back('-');
    } else if (is_before) {
      out->push_back('+');
    }
    constexpr uint64_t kHour = 3600ULL * kUsecsPerSec, kMinute = 60ULL * kUsecsPerSec;
    AppendPadded(static_cast<int64_t>(t / kHour), 2, out);
    out->push_back(':');
    AppendPadded(static_cast<int64_t>(t % kHour / kMinute), 2, out);
    out->push_back(':');
    AppendSeconds(static_cast<int64_t>(t % kMinute), out);
  }
}

int CompareIntervals(const Interval& a, const Interval& b) {
  Int128 x = IntervalSpan(a), y = IntervalSpan(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

size_t HashInterval(const Interval& iv) {
  Int128 span = IntervalSpan(iv);
  auto lo = static_cast<uint64_t>(span);
  auto hi = static_cast<uint64_t>(span >> 64);
  return std::hash<uint64_t>()(lo) ^ (std::hash<uint64_t>()(hi) * 0x9e3779b97f4a7c15ULL);
}

}  // namespace datacave::sql
