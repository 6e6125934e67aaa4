// Text input and output of every type, checked against PostgreSQL 15. Each table says which
// query produced its expected column (psql -A, DateStyle ISO, MDY, TimeZone UTC).

#include <gtest/gtest.h>

#include "sql/types/cast.h"
#include "unit/sql/types/test_util.h"

namespace datacave::sql {
namespace {

using testing::In;
using testing::T;

struct Case {
  std::string_view type;
  std::string_view input;
  std::string_view expected;
};

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(In(T(c.type), c.input), c.expected) << c.type << " '" << c.input << "'";
  }
}

TEST(TextIoTest, Integers) {
  // select '  12 '::int4; select '12.5'::int4; select '99999999999'::int4; ...
  Check({
      {"int4", "  12 ", "12"},
      {"int4", "-2147483648", "-2147483648"},
      {"int4", "+7", "7"},
      {"int4", "12.5", "ERROR 22P02: invalid input syntax for type integer: \"12.5\""},
      {"int4", "99999999999",
       "ERROR 22003: value \"99999999999\" is out of range for type integer"},
      {"int4", "", "ERROR 22P02: invalid input syntax for type integer: \"\""},
      {"int4", "2147483648", "ERROR 22003: value \"2147483648\" is out of range for type integer"},
      {"int2", "32767", "32767"},
      {"int2", "32768", "ERROR 22003: value \"32768\" is out of range for type smallint"},
      {"int8", "-9223372036854775808", "-9223372036854775808"},
      {"int8", "9223372036854775808",
       "ERROR 22003: value \"9223372036854775808\" is out of range for type bigint"},
      {"int8", "1 2", "ERROR 22P02: invalid input syntax for type bigint: \"1 2\""},
      {"oid", "-1", "4294967295"},
      {"oid", "4294967295", "4294967295"},
  });
}

TEST(TextIoTest, Booleans) {
  // select 't'::bool, 'TRUE'::bool, ' yes '::bool, 'on'::bool, '1'::bool, 'of'::bool, 'n'::bool
  Check({
      {"bool", "t", "t"},
      {"bool", "TRUE", "t"},
      {"bool", " yes ", "t"},
      {"bool", "on", "t"},
      {"bool", "1", "t"},
      {"bool", "of", "f"},
      {"bool", "n", "f"},
      {"bool", "0", "f"},
      {"bool", "o", "ERROR 22P02: invalid input syntax for type boolean: \"o\""},
      {"bool", "truex", "ERROR 22P02: invalid input syntax for type boolean: \"truex\""},
  });
}

TEST(TextIoTest, Floats) {
  // select 1e15::float8, 123456789012345::float8, 0.00001::float8, 1e6::float4, 123456::float4,
  // '4.9e-324'::float8, '1e-310'::float8, 'NaN'::float8, '-Infinity'::float8, 0.1::float8,
  // '1e400'::float8, '1e39'::float4, '1e-400'::float8
  Check({
      {"float8", "1e15", "1e+15"},
      {"float8", "123456789012345", "123456789012345"},
      {"float8", "0.00001", "1e-05"},
      {"float8", "0.0001", "0.0001"},
      {"float4", "1e6", "1e+06"},
      {"float4", "123456", "123456"},
      {"float8", "4.9e-324", "5e-324"},
      {"float8", "1e-310", "1e-310"},
      {"float8", " NaN ", "NaN"},
      {"float8", "-Infinity", "-Infinity"},
      {"float8", "inf", "Infinity"},
      {"float8", "0.1", "0.1"},
      {"float8", "-0", "-0"},
      {"float4", "0.1", "0.1"},
      {"float8", "1e400", "ERROR 22003: \"1e400\" is out of range for type double precision"},
      {"float8", "1e-400", "ERROR 22003: \"1e-400\" is out of range for type double precision"},
      {"float4", "1e39", "ERROR 22003: \"1e39\" is out of range for type real"},
      {"float8", "x", "ERROR 22P02: invalid input syntax for type double precision: \"x\""},
  });
}

TEST(TextIoTest, Numerics) {
  // select ' 1.5e3 '::numeric, '-.5'::numeric, '5.'::numeric, '1e-3'::numeric,
  // '0.000'::numeric, '-0'::numeric, 'inf'::numeric, '-inf'::numeric, ' NaN '::numeric,
  // '+Infinity'::numeric, 1.50::numeric; select 'x'::numeric; select '.'::numeric;
  // select '1e131072'::numeric; select '1e-16384'::numeric; select '1e2147483648'::numeric
  Check({
      {"numeric", " 1.5e3 ", "1500"},
      {"numeric", "-.5", "-0.5"},
      {"numeric", "5.", "5"},
      {"numeric", "1e-3", "0.001"},
      {"numeric", "0.000", "0.000"},
      {"numeric", "-0", "0"},
      {"numeric", "inf", "Infinity"},
      {"numeric", "-inf", "-Infinity"},
      {"numeric", " NaN ", "NaN"},
      {"numeric", "+Infinity", "Infinity"},
      {"numeric", "1.50", "1.50"},
      {"numeric", "x", "ERROR 22P02: invalid input syntax for type numeric: \"x\""},
      {"numeric", ".", "ERROR 22P02: invalid input syntax for type numeric: \".\""},
      {"numeric", "1e131072", "ERROR 22003: value overflows numeric format"},
      {"numeric", "1e-16384", "ERROR 22003: value overflows numeric format"},
      {"numeric", "1e2147483648", "ERROR 22003: value overflows numeric format"},
  });
  EXPECT_EQ(In(T("numeric"), "1e131071").size(), 131072u);
}

TEST(TextIoTest, NumericTypmods) {
  // select 1.005::numeric(10,2), (-1.005)::numeric(10,2), 12345::numeric(2,-3),
  // 0.00012::numeric(3,5); select 123.456::numeric(4,2); select 12345678::numeric(2,-3);
  // select 0.5::numeric(3,5); select 'Infinity'::numeric(3,1); select 'NaN'::numeric(3,1)
  EXPECT_EQ(In(T("numeric", {10, 2}), "1.005"), "1.01");
  EXPECT_EQ(In(T("numeric", {10, 2}), "-1.005"), "-1.01");
  EXPECT_EQ(In(T("numeric", {2, -3}), "12345"), "12000");
  EXPECT_EQ(In(T("numeric", {3, 5}), "0.00012"), "0.00012");
  EXPECT_EQ(In(T("numeric", {4, 2}), "123.456"),
            "ERROR 22003: numeric field overflow DETAIL: A field with precision 4, scale 2 must "
            "round to an absolute value less than 10^2.");
  EXPECT_EQ(In(T("numeric", {2, -3}), "12345678"),
            "ERROR 22003: numeric field overflow DETAIL: A field with precision 2, scale -3 must "
            "round to an absolute value less than 10^5.");
  EXPECT_EQ(In(T("numeric", {3, 5}), "0.5"),
            "ERROR 22003: numeric field overflow DETAIL: A field with precision 3, scale 5 must "
            "round to an absolute value less than 10^-2.");
  EXPECT_EQ(In(T("numeric", {3, 1}), "Infinity"),
            "ERROR 22003: numeric field overflow DETAIL: A field with precision 3, scale 1 "
            "cannot hold an infinite value.");
  EXPECT_EQ(In(T("numeric", {3, 1}), "NaN"), "NaN");
}

TEST(TextIoTest, Strings) {
  // select 'ab '::varchar(2), 'abc'::char(2), 'a'::char(3); select 'éé'::varchar(1);
  // insert into t(v varchar(3)) values ('abcd') -> 22001; values ('abc  ') -> ok
  EXPECT_EQ(In(T("varchar", {3}), "abc  "), "abc");
  EXPECT_EQ(In(T("varchar", {3}), "abcd"),
            "ERROR 22001: value too long for type character varying(3)");
  EXPECT_EQ(In(T("char", {3}), "abcd"), "ERROR 22001: value too long for type character(3)");
  EXPECT_EQ(In(T("char", {3}), "a"), "a  ");
  EXPECT_EQ(In(T("char", {3}), "éé"), "éé ");
  EXPECT_EQ(In(T("text"), "  x "), "  x ");
  // select '\x4142ff'::bytea, 'a\\b\101'::bytea, '\x 41 42'::bytea; select '\x4'::bytea;
  // select '\xzz'::bytea; select 'a\b'::bytea
  EXPECT_EQ(In(T("bytea"), "\\x4142FF"), "\\x4142ff");
  EXPECT_EQ(In(T("bytea"), "a\\\\b\\101"), "\\x615c6241");
  EXPECT_EQ(In(T("bytea"), "\\x 41 42"), "\\x4142");
  EXPECT_EQ(In(T("bytea"), "\\x4"), "ERROR 22023: invalid hexadecimal data: odd number of digits");
  EXPECT_EQ(In(T("bytea"), "\\xzz"), "ERROR 22023: invalid hexadecimal digit: \"z\"");
  EXPECT_EQ(In(T("bytea"), "a\\b"), "ERROR 22P02: invalid input syntax for type bytea");
}

TEST(TextIoTest, Dates) {
  // select '2024-01-31'::date, '2024-1-5'::date, '01/31/2024'::date, '1-31-2024'::date,
  // '20240131'::date, 'Jan 31 2024'::date, '31 Jan 2024'::date, 'January 31, 2024'::date,
  // '2024-01-31 BC'::date, 'epoch'::date, 'infinity'::date, '-infinity'::date,
  // '0044-03-15 BC'::date, '5874897-12-31'::date, '4714-11-24 BC'::date, '2024-01-31 12:34'::date,
  // '2024-Jan-31'::date, '1/2/99'::date, '1/2/69'::date, '1/2/70'::date, '2 Jan 99'::date,
  // '010203'::date, and the errors below one at a time.
  Check({
      {"date", "2024-01-31", "2024-01-31"},
      {"date", "2024-1-5", "2024-01-05"},
      {"date", "01/31/2024", "2024-01-31"},
      {"date", "1-31-2024", "2024-01-31"},
      {"date", "20240131", "2024-01-31"},
      {"date", "Jan 31 2024", "2024-01-31"},
      {"date", "31 Jan 2024", "2024-01-31"},
      {"date", "January 31, 2024", "2024-01-31"},
      {"date", "2024-01-31 BC", "2024-01-31 BC"},
      {"date", "epoch", "1970-01-01"},
      {"date", "infinity", "infinity"},
      {"date", "-infinity", "-infinity"},
      {"date", "0044-03-15 BC", "0044-03-15 BC"},
      {"date", "5874897-12-31", "5874897-12-31"},
      {"date", "4714-11-24 BC", "4714-11-24 BC"},
      {"date", "  2024-01-31  ", "2024-01-31"},
      {"date", "2024-01-31 12:34", "2024-01-31"},
      {"date", "2024-Jan-31", "2024-01-31"},
      {"date", "1/2/99", "1999-01-02"},
      {"date", "1/2/69", "2069-01-02"},
      {"date", "1/2/70", "1970-01-02"},
      {"date", "2 Jan 99", "1999-01-02"},
      {"date", "010203", "2001-02-03"},
      {"date", "2024-01-31 12:34:56.789", "2024-01-31"},
      {"date", "2024-02-30", "ERROR 22008: date/time field value out of range: \"2024-02-30\""},
      {"date", "2024-13-01", "ERROR 22008: date/time field value out of range: \"2024-13-01\""},
      {"date", "99-01-02", "ERROR 22008: date/time field value out of range: \"99-01-02\""},
      {"date", "0000-01-01", "ERROR 22008: date/time field value out of range: \"0000-01-01\""},
      {"date", "abc", "ERROR 22007: invalid input syntax for type date: \"abc\""},
      {"date", "", "ERROR 22007: invalid input syntax for type date: \"\""},
      {"date", "5874898-01-01", "ERROR 22008: date out of range: \"5874898-01-01\""},
      {"date", "4714-11-23 BC", "ERROR 22008: date out of range: \"4714-11-23 BC\""},
  });
}

TEST(TextIoTest, Timestamps) {
  // select '2024-01-31 12:34:56.789'::timestamp, '2024-01-31T12:34:56'::timestamp, ...
  // (the same inputs as below, one column each)
  Check({
      {"timestamp", "2024-01-31 12:34:56.789", "2024-01-31 12:34:56.789"},
      {"timestamp", "2024-01-31T12:34:56", "2024-01-31 12:34:56"},
      {"timestamp", "2024-01-31 12:34:56+02", "2024-01-31 12:34:56"},
      {"timestamptz", "2024-01-31 12:34:56+02", "2024-01-31 10:34:56+00"},
      {"timestamptz", "2024-01-31 12:34:56+05:30", "2024-01-31 07:04:56+00"},
      {"timestamptz", "2024-01-31 12:34:56Z", "2024-01-31 12:34:56+00"},
      {"timestamptz", "2024-01-31 12:34:56 UTC", "2024-01-31 12:34:56+00"},
      {"timestamptz", "2024-01-31T12:34:56.5-0830", "2024-01-31 21:04:56.5+00"},
      {"timestamptz", "epoch", "1970-01-01 00:00:00+00"},
      {"timestamp", "infinity", "infinity"},
      {"timestamptz", "-infinity", "-infinity"},
      {"timestamp", "2024-01-31", "2024-01-31 00:00:00"},
      {"timestamp", "2024-01-31 24:00:00", "2024-02-01 00:00:00"},
      {"timestamp", "2024-01-31 1:2:3.1234567", "2024-01-31 01:02:03.123457"},
      {"timestamp", "294276-12-31 23:59:59.999999", "294276-12-31 23:59:59.999999"},
      {"timestamptz", "2024-01-31 12:34:56 BC", "2024-01-31 12:34:56+00 BC"},
      {"timestamp", "2024-01-31 12:34 pm", "2024-01-31 12:34:00"},
      {"timestamp", "2024-01-31 12:00am", "2024-01-31 00:00:00"},
      {"timestamptz", "2024-01-31 12:34:56 GMT", "2024-01-31 12:34:56+00"},
      {"timestamptz", "2024-01-31 12:34:56 +02", "2024-01-31 10:34:56+00"},
      {"timestamptz", "2024-01-31 12:34:56+15", "2024-01-30 21:34:56+00"},
      {"timestamptz", "2024-01-31 12:34:56+15:59:59", "2024-01-30 20:34:57+00"},
      {"timestamp", "294277-01-01", "ERROR 22008: timestamp out of range: \"294277-01-01\""},
      {"timestamp", "1104104-2-1", "ERROR 22008: timestamp out of range: \"1104104-2-1\""},
      {"timestamp", "2024-01-31 25:00",
       "ERROR 22008: date/time field value out of range: \"2024-01-31 25:00\""},
      {"timestamp", "2024-01-31 12:60",
       "ERROR 22008: date/time field value out of range: \"2024-01-31 12:60\""},
      {"timestamptz", "2024-01-31 12:34:56 foo",
       "ERROR 22007: invalid input syntax for type timestamp with time zone: \"2024-01-31 "
       "12:34:56 foo\""},
      {"timestamptz", "2024-01-31 12:34:56+16",
       "ERROR 22009: time zone displacement out of range: \"2024-01-31 12:34:56+16\""},
      {"timestamp", "abc", "ERROR 22007: invalid input syntax for type timestamp: \"abc\""},
  });
  // select '2024-01-31 12:34:56.789'::timestamp(1), '...'::timestamptz(0)
  EXPECT_EQ(In(T("timestamp", {1}), "2024-01-31 12:34:56.789"), "2024-01-31 12:34:56.8");
  EXPECT_EQ(In(T("timestamptz", {0}), "2024-01-31 12:34:56.789"), "2024-01-31 12:34:57+00");
}

TEST(TextIoTest, Intervals) {
  // select interval '1 day', interval '2 hours 3 minutes', ... (the inputs below, in order);
  // select interval 'abc'; select interval '1 foo'; select interval '';
  // select interval '2147483648 days'
  Check({
      {"interval", "1 day", "1 day"},
      {"interval", "2 hours 3 minutes", "02:03:00"},
      {"interval", "1 year 2 mons", "1 year 2 mons"},
      {"interval", "01:02:03", "01:02:03"},
      {"interval", "-1 day", "-1 days"},
      {"interval", "P1Y2M3DT4H5M6S", "1 year 2 mons 3 days 04:05:06"},
      {"interval", "1.5 days", "1 day 12:00:00"},
      {"interval", "1 day -01:00:00", "1 day -01:00:00"},
      {"interval", "-00:00:01", "-00:00:01"},
      {"interval", "0", "00:00:00"},
      {"interval", "@ 1 day ago", "-1 days"},
      {"interval", "1 week", "7 days"},
      {"interval", "1.5 months", "1 mon 15 days"},
      {"interval", "1 decade", "10 years"},
      {"interval", "100 years", "100 years"},
      {"interval", "-1 year -2 mons +3 days -04:05:06.5", "-1 years -2 mons +3 days -04:05:06.5"},
      {"interval", "1:2", "01:02:00"},
      {"interval", "10", "00:00:10"},
      {"interval", "1 millisecond", "00:00:00.001"},
      {"interval", "1 us", "00:00:00.000001"},
      {"interval", "PT1.5S", "00:00:01.5"},
      {"interval", "P0.5Y", "6 mons"},
      {"interval", "2 days 25:00:00", "2 days 25:00:00"},
      {"interval", "3 mons ago", "-3 mons"},
      {"interval", "P1W", "7 days"},
      {"interval", "1 h 2 m 3 s", "01:02:03"},
      {"interval", "1.5", "00:00:01.5"},
      {"interval", "178000000 years", "178000000 years"},
      {"interval", "abc", "ERROR 22007: invalid input syntax for type interval: \"abc\""},
      {"interval", "1 foo", "ERROR 22007: invalid input syntax for type interval: \"1 foo\""},
      {"interval", "", "ERROR 22007: invalid input syntax for type interval: \"\""},
      {"interval", "2147483648 days",
       "ERROR 22015: interval field value out of range: \"2147483648 days\""},
  });
  // select '1.56789 sec'::interval(2)
  EXPECT_EQ(In(T("interval", {2}), "1.56789 sec"), "00:00:01.57");
}

}  // namespace
}  // namespace datacave::sql
