// Date and timestamp arithmetic, extract() and date_trunc().

#include <array>

#include "sql/types/datetime.h"

namespace datacave::sql {
namespace {

constexpr int64_t kJulianOfEpoch = 2451545;  // 2000-01-01
constexpr int64_t kUsecsPerHour = 3600 * kUsecsPerSec;
constexpr int64_t kUsecsPerMinute = 60 * kUsecsPerSec;

Status Range(std::string_view what) {
  return Status::Sql(StatusCode::kInvalidArgument, "22008", std::string(what) + " out of range");
}

bool IsInfinite(int64_t ts) {
  return ts == kTimestampNegInfinity || ts == kTimestampPosInfinity;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// A timestamp's fields; year is astronomical.
struct Fields {
  int64_t year;
  int month, day;
  int64_t days;  // since 2000-01-01
  int64_t time;  // microseconds since midnight
};

Fields Split(int64_t ts) {
  Fields f;
  f.days = FloorDiv(ts, kUsecsPerDay);
  f.time = ts - f.days * kUsecsPerDay;
  CivilFromDays(f.days, &f.year, &f.month, &f.day);
  return f;
}

Result<int64_t> Join(int64_t days, int64_t time) {
  if (days < kMinDate || days >= kEndTimestampDate) return Range("timestamp");
  int64_t ts = days * kUsecsPerDay + time;
  if (ts < kMinTimestamp || ts >= kEndTimestamp) return Range("timestamp");
  return ts;
}

// The canonical name of a date/time unit as extract() and date_trunc() accept them, or "".
std::string_view CanonicalUnit(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 56> kAliases = {{
      {"microsecond", "microseconds"},
      {"microseconds", "microseconds"},
      {"us", "microseconds"},
      {"usec", "microseconds"},
      {"usecs", "microseconds"},
      {"useconds", "microseconds"},
      {"millisecond", "milliseconds"},
      {"milliseconds", "milliseconds"},
      {"ms", "milliseconds"},
      {"msec", "milliseconds"},
      {"msecs", "milliseconds"},
      {"mseconds", "milliseconds"},
      {"second", "second"},
      {"seconds", "second"},
      {"s", "second"},
      {"sec", "second"},
      {"secs", "second"},
      {"minute", "minute"},
      {"minutes", "minute"},
      {"m", "minute"},
      {"min", "minute"},
      {"mins", "minute"},
      {"hour", "hour"},
      {"hours", "hour"},
      {"h", "hour"},
      {"hr", "hour"},
      {"hrs", "hour"},
      {"day", "day"},
      {"days", "day"},
      {"d", "day"},
      {"week", "week"},
      {"weeks", "week"},
      {"w", "week"},
      {"month", "month"},
      {"months", "month"},
      {"mon", "month"},
      {"mons", "month"},
      {"quarter", "quarter"},
      {"qtr", "quarter"},
      {"year", "year"},
      {"years", "year"},
      {"y", "year"},
      {"yr", "year"},
      {"yrs", "year"},
      {"decade", "decade"},
      {"decades", "decade"},
      {"dec", "decade"},
      {"century", "century"},
      {"centuries", "century"},
      {"c", "century"},
      {"millennium", "millennium"},
      {"millennia", "millennium"},
      {"mil", "millennium"},
      {"mils", "millennium"},
      {"j", "julian"},
      {"jd", "julian"},
  }};
  static constexpr std::string_view kPlain[] = {
      "epoch", "dow", "doy", "isodow", "isoyear", "julian", "timezone", "timezone_h", "timezone_m"};
  for (const auto& [alias, canonical] : kAliases) {
    if (alias == s) return canonical;
  }
  for (std::string_view p : kPlain) {
    if (p == s) return p;
  }
  if (s == "timezone_hour") return "timezone_h";
  if (s == "timezone_minute") return "timezone_m";
  return "";
}

Status NotRecognized(std::string_view field, std::string_view type) {
  return Status::Sql(
      StatusCode::kInvalidArgument, "22023",
      "unit \"" + std::string(field) + "\" not recognized for type " + std::string(type));
}

// date_trunc's units: PostgreSQL does not recognize (22023) the ones that are no calendar
// unit (its RESERV tokens), and does not support (0A000) the other ones it cannot truncate to.
bool TruncatableUnit(std::string_view unit) {
  return !unit.empty() && unit != "epoch" && unit != "dow" && unit != "doy" && unit != "isodow" &&
         unit != "isoyear" && unit != "julian";
}

Status NotSupported(std::string_view field, std::string_view type) {
  return Status::NotSupported("unit \"" + std::string(field) + "\" not supported for type " +
                              std::string(type));
}

std::string_view KindName(DateTimeKind kind) {
  switch (kind) {
    case DateTimeKind::kDate: return "date";
    case DateTimeKind::kTimestamp: return "timestamp without time zone";
    case DateTimeKind::kTimestampTz: return "timestamp with time zone";
  }
  return "date";
}

// Monday-based ISO 8601 week and week-year of a day.
void IsoWeek(int64_t days, int64_t* iso_year, int64_t* week) {
  int64_t isodow = ((days % 7) + 7 + 5) % 7 + 1;  // 2000-01-01 was a Saturday (6)
  int64_t thursday = days - isodow + 4;
  int64_t y;
  int m, d;
  CivilFromDays(thursday, &y, &m, &d);
  *iso_year = y;
  *week = (thursday - DaysFromCivil(y, 1, 1)) / 7 + 1;
}

int64_t Decade(int64_t y) {
  return y >= 0 ? y / 10 : -((8 - (y - 1)) / 10);
}
int64_t Century(int64_t y) {
  return y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100);
}
int64_t Millennium(int64_t y) {
  return y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000);
}

}  // namespace

Result<int64_t> RoundTimestamp(int64_t ts, int precision) {
  if (IsInfinite(ts) || precision >= 6) return ts;
  int64_t unit = 1;
  for (int i = precision; i < 6; ++i) unit *= 10;
  // Half away from zero, as PostgreSQL's AdjustTimestampForTypmod.
  int64_t half = unit / 2;
  int64_t r = ts >= 0 ? ((ts + half) / unit) * unit : -((-ts + half) / unit) * unit;
  if (r < kMinTimestamp || r >= kEndTimestamp) return Range("timestamp");
  return r;
}

Result<int32_t> DateAddDays(int32_t date, int64_t days) {
  if (date == kDatePosInfinity || date == kDateNegInfinity) return date;
  int64_t r = int64_t{date} + days;
  if (r < kMinDate || r >= kEndDate) return Range("date");
  return static_cast<int32_t>(r);
}

Result<int32_t> DateSubtract(int32_t a, int32_t b) {
  if (a == kDatePosInfinity || a == kDateNegInfinity || b == kDatePosInfinity ||
      b == kDateNegInfinity) {
    return Status::Sql(StatusCode::kInvalidArgument, "22008", "cannot subtract infinite dates");
  }
  return a - b;  // both within the date range, so no overflow
}

Result<int64_t> DateToTimestamp(int32_t date) {
  if (date == kDatePosInfinity) return kTimestampPosInfinity;
  if (date == kDateNegInfinity) return kTimestampNegInfinity;
  if (date >= kEndTimestampDate) {
    return Status::Sql(StatusCode::kInvalidArgument, "22008", "date out of range for timestamp");
  }
  return int64_t{date} * kUsecsPerDay;
}

int32_t TimestampToDate(int64_t ts) {
  if (ts == kTimestampPosInfinity) return kDatePosInfinity;
  if (ts == kTimestampNegInfinity) return kDateNegInfinity;
  return static_cast<int32_t>(FloorDiv(ts, kUsecsPerDay));
}

Result<int64_t> TimestampAddInterval(int64_t ts, const Interval& iv) {
  if (IsInfinite(ts)) return ts;
  if (iv.months != 0) {
    Fields f = Split(ts);
    int64_t total = f.year * 12 + (f.month - 1) + iv.months;
    int64_t year = FloorDiv(total, 12);
    int month = static_cast<int>(total - year * 12) + 1;
    int dim = static_cast<int>(
        DaysFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
        DaysFromCivil(year, month, 1));
    DC_ASSIGN_OR_RETURN(ts, Join(DaysFromCivil(year, month, f.day > dim ? dim : f.day), f.time));
  }
  if (iv.days != 0) {
    Fields f = Split(ts);
    DC_ASSIGN_OR_RETURN(ts, Join(f.days + iv.days, f.time));
  }
  int64_t r;
  if (__builtin_add_overflow(ts, iv.time, &r) || r < kMinTimestamp || r >= kEndTimestamp) {
    return Range("timestamp");
  }
  return r;
}

Result<int64_t> TimestampSubInterval(int64_t ts, const Interval& iv) {
  DC_ASSIGN_OR_RETURN(Interval neg, IntervalNegate(iv));
  return TimestampAddInterval(ts, neg);
}

Result<Interval> TimestampSubtract(int64_t a, int64_t b) {
  if (IsInfinite(a) || IsInfinite(b)) {
    return Status::Sql(StatusCode::kInvalidArgument, "22008",
                       "cannot subtract infinite timestamps");
  }
  Interval r;
  if (__builtin_sub_overflow(a, b, &r.time)) return Range("interval");
  // interval_justify_hours: whole days out of the time, with matching signs.
  int64_t days = r.time / kUsecsPerDay;
  r.time -= days * kUsecsPerDay;
  if (days > 0 && r.time < 0) {
    r.time += kUsecsPerDay;
    --days;
  } else if (days < 0 && r.time > 0) {
    r.time -= kUsecsPerDay;
    ++days;
  }
  r.days = static_cast<int32_t>(days);
  return r;
}

Result<std::optional<Numeric>> ExtractDateTime(std::string_view field, DateTimeKind kind,
                                               int64_t value) {
  std::string_view unit = CanonicalUnit(field);
  std::string_view type = KindName(kind);
  if (unit.empty()) return NotRecognized(field, type);
  bool is_date = kind == DateTimeKind::kDate;
  if (is_date &&
      (unit == "hour" || unit == "minute" || unit == "second" || unit == "milliseconds" ||
       unit == "microseconds" || unit.starts_with("timezone"))) {
    return NotSupported(field, type);
  }
  if (kind == DateTimeKind::kTimestamp && unit.starts_with("timezone")) {
    return NotSupported(field, type);
  }
  int64_t ts = value;
  if (is_date) {
    if (value == kDatePosInfinity)
      ts = kTimestampPosInfinity;
    else if (value == kDateNegInfinity)
      ts = kTimestampNegInfinity;
    else
      ts = value * kUsecsPerDay;
  }
  if (IsInfinite(ts)) {
    if (unit == "year" || unit == "decade" || unit == "century" || unit == "millennium" ||
        unit == "julian" || unit == "isoyear" || unit == "epoch") {
      return std::optional<Numeric>(Numeric::Infinity(ts == kTimestampNegInfinity));
    }
    return std::optional<Numeric>();
  }
  Fields f = Split(ts);
  int64_t sec_usec = f.time % kUsecsPerMinute;
  auto integer = [](int64_t v) { return std::optional<Numeric>(Numeric::FromInt64(v)); };
  if (unit == "microseconds") return integer(sec_usec);
  if (unit == "milliseconds") return std::optional<Numeric>(Numeric::FromScaledInt64(sec_usec, 3));
  if (unit == "second") return std::optional<Numeric>(Numeric::FromScaledInt64(sec_usec, 6));
  if (unit == "minute") return integer(f.time / kUsecsPerMinute % 60);
  if (unit == "hour") return integer(f.time / kUsecsPerHour);
  if (unit == "day") return integer(f.day);
  if (unit == "month") return integer(f.month);
  if (unit == "quarter") return integer((f.month - 1) / 3 + 1);
  if (unit == "year") return integer(f.year > 0 ? f.year : f.year - 1);
  if (unit == "decade") return integer(Decade(f.year));
  if (unit == "century") return integer(Century(f.year));
  if (unit == "millennium") return integer(Millennium(f.year));
  if (unit == "dow" || unit == "isodow") {
    int64_t dow = ((f.days % 7) + 7 + 6) % 7;  // 2000-01-01 was a Saturday
    return integer(unit == "isodow" && dow == 0 ? 7 : dow);
  }
  if (unit == "doy") return integer(f.days - DaysFromCivil(f.year, 1, 1) + 1);
  if (unit == "week" || unit == "isoyear") {
    int64_t iso_year, week;
    IsoWeek(f.days, &iso_year, &week);
    if (unit == "week") return integer(week);
    return integer(iso_year > 0 ? iso_year : iso_year - 1);
  }
  if (unit == "epoch") {
    int64_t usec = ts - int64_t{kUnixEpochDays} * kUsecsPerDay;
    if (is_date) return integer(usec / kUsecsPerSec);
    return std::optional<Numeric>(Numeric::FromScaledInt64(usec, 6));
  }
  if (unit == "julian") {
    Numeric day = Numeric::FromInt64(f.days + kJulianOfEpoch);
    if (is_date) return std::optional<Numeric>(day);
    DC_ASSIGN_OR_RETURN(Numeric frac,
                        Numeric::Div(Numeric::FromInt64(f.time), Numeric::FromInt64(kUsecsPerDay)));
    DC_ASSIGN_OR_RETURN(Numeric sum, Numeric::Add(day, frac));
    return std::optional<Numeric>(sum);
  }
  if (unit.starts_with("timezone")) return integer(0);  // the session time zone is UTC
  return NotSupported(field, type);
}

Result<Numeric> ExtractInterval(std::string_view field, const Interval& iv) {
  std::string_view unit = CanonicalUnit(field);
  if (unit.empty()) return NotRecognized(field, "interval");
  int64_t year = iv.months / 12, mon = iv.months % 12;
  int64_t hour = iv.time / kUsecsPerHour;
  int64_t minute = iv.time / kUsecsPerMinute % 60;
  int64_t sec_usec = iv.time % kUsecsPerMinute;
  if (unit == "microseconds") return Numeric::FromInt64(sec_usec);
  if (unit == "milliseconds") return Numeric::FromScaledInt64(sec_usec, 3);
  if (unit == "second") return Numeric::FromScaledInt64(sec_usec, 6);
  if (unit == "minute") return Numeric::FromInt64(minute);
  if (unit == "hour") return Numeric::FromInt64(hour);
  if (unit == "day") return Numeric::FromInt64(iv.days);
  if (unit == "month") return Numeric::FromInt64(mon);
  if (unit == "quarter") return Numeric::FromInt64(mon / 3 + 1);
  if (unit == "year") return Numeric::FromInt64(year);
  if (unit == "decade") return Numeric::FromInt64(year / 10);
  if (unit == "century") return Numeric::FromInt64(year / 100);
  if (unit == "millennium") return Numeric::FromInt64(year / 1000);
  if (unit == "epoch") {
    // 365.25 days a year, 30 days a month, as PostgreSQL.
    int64_t secs = (1461 * year + 120 * mon + 4 * int64_t{iv.days}) * (86400 / 4);
    int64_t usec;
    if (!__builtin_mul_overflow(secs, kUsecsPerSec, &usec) &&
        !__builtin_add_overflow(usec, iv.time, &usec)) {
      return Numeric::FromScaledInt64(usec, 6);
    }
    return Numeric::Add(Numeric::FromInt64(secs), Numeric::FromScaledInt64(iv.time, 6));
  }
  return NotSupported(field, "interval");
}

Result<int64_t> DateTruncTimestamp(std::string_view field, int64_t ts, bool with_time_zone) {
  std::string_view unit = CanonicalUnit(field);
  std::string_view type =
      KindName(with_time_zone ? DateTimeKind::kTimestampTz : DateTimeKind::kTimestamp);
  if (!TruncatableUnit(unit)) return NotRecognized(field, type);
  if (IsInfinite(ts)) return ts;
  Fields f = Split(ts);
  int64_t year = f.year;
  int month = f.month;
  int64_t day_of = f.days;
  if (unit == "microseconds") return ts;
  if (unit == "milliseconds") return Join(f.days, f.time / 1000 * 1000);
  if (unit == "second") return Join(f.days, f.time / kUsecsPerSec * kUsecsPerSec);
  if (unit == "minute") return Join(f.days, f.time / kUsecsPerMinute * kUsecsPerMinute);
  if (unit == "hour") return Join(f.days, f.time / kUsecsPerHour * kUsecsPerHour);
  if (unit == "day") return Join(f.days, 0);
  if (unit == "week") return Join(day_of - ((((day_of % 7) + 7 + 5) % 7)), 0);
  if (unit == "month") return Join(DaysFromCivil(year, month, 1), 0);
  if (unit == "quarter") return Join(DaysFromCivil(year, (month - 1) / 3 * 3 + 1, 1), 0);
  if (unit == "year") return Join(DaysFromCivil(year, 1, 1), 0);
  if (unit == "decade") {
    year = year > 0 ? (year / 10) * 10 : -((8 - (year - 1)) / 10) * 10;
    return Join(DaysFromCivil(year, 1, 1), 0);
  }
  if (unit == "century") {
    year = year > 0 ? ((year + 99) / 100) * 100 - 99 : -((99 - (year - 1)) / 100) * 100 + 1;
    return Join(DaysFromCivil(year, 1, 1), 0);
  }
  if (unit == "millennium") {
    year = year > 0 ? ((year + 999) / 1000) * 1000 - 999 : -((999 - (year - 1)) / 1000) * 1000 + 1;
    return Join(DaysFromCivil(year, 1, 1), 0);
  }
  return NotSupported(field, type);
}

Result<Interval> DateTruncInterval(std::string_view field, const Interval& iv) {
  std::string_view unit = CanonicalUnit(field);
  if (!TruncatableUnit(unit)) return NotRecognized(field, "interval");
  int64_t year = iv.months / 12, mon = iv.months % 12, days = iv.days;
  int64_t hour = iv.time / kUsecsPerHour, minute = iv.time / kUsecsPerMinute % 60;
  int64_t sec = iv.time / kUsecsPerSec % 60, usec = iv.time % kUsecsPerSec;
  if (unit == "week") {
    return Status::NotSupported("unit \"" + std::string(field) +
                                "\" not supported for type interval")
        .WithDetail("Months usually have fractional weeks.");
  }
  // Each unit clears everything below it; the cases fall through on purpose.
  static constexpr std::string_view kOrder[] = {
      "millennium", "century", "decade", "year",   "quarter",      "month",
      "day",        "hour",    "minute", "second", "milliseconds", "microseconds"};
  int level = -1;
  for (int i = 0; i < 12; ++i) {
    if (kOrder[i] == unit) level = i;
  }
  if (level < 0) return NotSupported(field, "interval");
  if (level == 0) year = year / 1000 * 1000;
  if (level == 1) year = year / 100 * 100;
  if (level == 2) year = year / 10 * 10;
  if (level <= 3) mon = 0;
  if (level == 4) mon = mon / 3 * 3;
  if (level <= 5) days = 0;
  if (level <= 6) hour = 0;
  if (level <= 7) minute = 0;
  if (level <= 8) sec = 0;
  if (level <= 9) usec = 0;
  if (level == 10) usec = usec / 1000 * 1000;
  Interval r;
  r.months = static_cast<int32_t>(year * 12 + mon);
  r.days = static_cast<int32_t>(days);
  r.time = ((hour * 60 + minute) * 60 + sec) * kUsecsPerSec + usec;
  return r;
}

}  // namespace datacave::sql
