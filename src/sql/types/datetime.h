#pragma once

// DATE, TIMESTAMP, TIMESTAMPTZ and INTERVAL: PostgreSQL 15's representations, text forms
// (DateStyle=ISO, MDY; IntervalStyle=postgres; TimeZone=UTC) and arithmetic.
//
// A date is int32 days since 2000-01-01; a timestamp(tz) is int64 microseconds since
// 2000-01-01 00:00:00 UTC; both use their type's extreme values for -infinity/infinity, as
// PostgreSQL does. Years are astronomical inside (1 BC is year 0). Only UTC is supported as
// a session time zone, so a timestamptz is printed with "+00" and timestamptz arithmetic is
// timestamp arithmetic.
//
// Thread safety: pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "sql/types/numeric.h"

namespace datacave::sql {

struct Interval {
  int64_t time = 0;  // microseconds
  int32_t days = 0;
  int32_t months = 0;
  friend bool operator==(const Interval&, const Interval&) = default;  // field-wise
};

constexpr int32_t kDateNegInfinity = INT32_MIN;
constexpr int32_t kDatePosInfinity = INT32_MAX;
constexpr int64_t kTimestampNegInfinity = INT64_MIN;
constexpr int64_t kTimestampPosInfinity = INT64_MAX;
constexpr int64_t kUsecsPerSec = 1000000;
constexpr int64_t kUsecsPerDay = 86400 * kUsecsPerSec;
// Days from 2000-01-01 to 1970-01-01.
constexpr int32_t kUnixEpochDays = -10957;
// PostgreSQL's ranges: dates from 4714-11-24 BC (Julian day 0) up to (not including)
// 5874898-01-01; timestamps from 4714-11-24 00:00 BC up to 294277-01-01.
constexpr int64_t kMinDate = -2451545;
constexpr int64_t kEndDate = 2147483494 - 2451545;
constexpr int64_t kEndTimestampDate = 109203528 - 2451545;
constexpr int64_t kMinTimestamp = -211813488000000000LL;
constexpr int64_t kEndTimestamp = 9223371331200000000LL;

// Calendar: astronomical year, month 1..12, day 1..31 <-> days since 2000-01-01.
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);

// PostgreSQL's input functions (date_in, timestamp_in, timestamptz_in, interval_in):
// ISO 'YYYY-MM-DD', 'MM/DD/YYYY', 'YYYYMMDD', month names, 'BC'; times 'HH:MM[:SS[.f]]' with
// 'T' or a blank before them and am/pm; zones 'Z', 'UTC', 'GMT', '+HH', '+HH:MM', '+HHMM'
// (ignored by timestamp); 'epoch', 'infinity', '-infinity'. Errors 22007 (invalid input
// syntax for type date: "..."), 22008 (date/time field value out of range, date out of
// range, timestamp out of range), 22009 (time zone displacement out of range), 0A000 for
// named zones and the clock words now/today/tomorrow/yesterday.
Result<int32_t> ParseDate(std::string_view text);
Result<int64_t> ParseTimestamp(std::string_view text, bool with_time_zone);
// '1 day', '2 hours 3 minutes', '1 year 2 mons', '01:02:03', '-1 day', '@ 1 day ago',
// fractional units, ISO 8601 'P1Y2M3DT4H5M6S'. Errors 22007, 22015.
Result<Interval> ParseInterval(std::string_view text);

void AppendDate(int32_t date, std::string* out);
void AppendTimestamp(int64_t ts, bool with_time_zone, std::string* out);
void AppendInterval(const Interval& iv, std::string* out);

// PostgreSQL compares intervals as if a month were 30 days and a day 24 hours, so
// '1 mon' = '30 days'. Hash agrees with that.
int CompareIntervals(const Interval& a, const Interval& b);
size_t HashInterval(const Interval& iv);

// Rounds to timestamp(p) / interval(p) precision (p in 0..6); infinities pass.
Result<int64_t> RoundTimestamp(int64_t ts, int precision);
Interval RoundInterval(const Interval& iv, int precision);

// Arithmetic, with PostgreSQL's errors ("date out of range", "timestamp out of range",
// "interval out of range", "cannot subtract infinite dates", ...).
Result<int32_t> DateAddDays(int32_t date, int64_t days);
Result<int32_t> DateSubtract(int32_t a, int32_t b);
Result<int64_t> DateToTimestamp(int32_t date);
int32_t TimestampToDate(int64_t ts);
Result<int64_t> TimestampAddInterval(int64_t ts, const Interval& iv);
Result<int64_t> TimestampSubInterval(int64_t ts, const Interval& iv);
Result<Interval> TimestampSubtract(int64_t a, int64_t b);
Result<Interval> IntervalAdd(const Interval& a, const Interval& b);
Result<Interval> IntervalSub(const Interval& a, const Interval& b);
Result<Interval> IntervalNegate(const Interval& a);
Result<Interval> IntervalMul(const Interval& a, double factor);
Result<Interval> IntervalDiv(const Interval& a, double factor);

// extract(field FROM x): numeric, as PostgreSQL 14+ returns it (date_part is this as a
// double). nullopt where PostgreSQL returns NULL (non-monotonic fields of infinities).
// Errors: 22023 unit "x" not recognized for type date, 0A000 unit "hour" not supported for
// type date. field is lower case.
enum class DateTimeKind { kDate, kTimestamp, kTimestampTz };
Result<std::optional<Numeric>> ExtractDateTime(std::string_view field, DateTimeKind kind,
                                               int64_t value);
Result<Numeric> ExtractInterval(std::string_view field, const Interval& iv);

// date_trunc(field, x).
Result<int64_t> DateTruncTimestamp(std::string_view field, int64_t ts, bool with_time_zone);
Result<Interval> DateTruncInterval(std::string_view field, const Interval& iv);

}  // namespace datacave::sql
