// Casts and arithmetic, checked against PostgreSQL 15 (the query above each block produced
// the expected values).

#include <gtest/gtest.h>

#include "sql/types/binary.h"
#include "sql/types/cast.h"
#include "sql/types/datetime.h"
#include "sql/types/operators.h"
#include "unit/sql/types/test_util.h"

namespace datacave::sql {
namespace {

using testing::ErrorString;
using testing::Show;
using testing::T;

Value V(std::string_view type, std::string_view text) {
  return ParseText(T(type), text).value();
}

std::string Op(ArithOp op, const Value& a, const Value& b) {
  return Show(Arithmetic(op, a, b));
}

std::string CastTo(const Value& v, const Type& t, CastContext c = CastContext::kExplicit) {
  return Show(Cast(v, t, c));
}

TEST(NumericArithTest, DivisionScalesAsPostgres) {
  // select 1.0/3, 1/3::numeric, 10::numeric/4, 100000::numeric/3, 0.001::numeric/7,
  //        1e20::numeric/3, 2::numeric/0.0003, 10::numeric/3
  const ArithOp div = ArithOp::kDiv;
  EXPECT_EQ(Op(div, V("numeric", "1.0"), V("numeric", "3")), "0.33333333333333333333");
  EXPECT_EQ(Op(div, V("numeric", "1"), V("numeric", "3")), "0.33333333333333333333");
  EXPECT_EQ(Op(div, V("numeric", "10"), V("numeric", "4")), "2.5000000000000000");
  EXPECT_EQ(Op(div, V("numeric", "100000"), V("numeric", "3")), "33333.333333333333");
  EXPECT_EQ(Op(div, V("numeric", "0.001"), V("numeric", "7")), "0.00014285714285714286");
  EXPECT_EQ(Op(div, V("numeric", "1e20"), V("numeric", "3")), "33333333333333333333");
  EXPECT_EQ(Op(div, V("numeric", "2"), V("numeric", "0.0003")), "6666.6666666666666667");
  EXPECT_EQ(Op(div, V("numeric", "10"), V("numeric", "3")), "3.3333333333333333");
  // select avg(x) from (values (1),(2),(4)) v(x): sum 7 / count 3 as numeric
  EXPECT_EQ(Op(div, V("numeric", "7"), V("numeric", "3")), "2.3333333333333333");
}

TEST(NumericArithTest, SpecialValuesAndModulo) {
  // select 'Infinity'::numeric + '-Infinity'::numeric, 'Infinity'::numeric * 0,
  // 5::numeric / 'Infinity', 'Infinity'::numeric / 'Infinity', 5::numeric % 'Infinity';
  // select 'Infinity'::numeric / 0; select 'Infinity'::numeric % 0; select 'NaN'::numeric / 0
  // select 5.5 % 2, -5.5 % 2, 5 % -3, -5 % 3, 12.345 % 0.1
  Value inf = V("numeric", "Infinity");
  EXPECT_EQ(Op(ArithOp::kAdd, inf, V("numeric", "-Infinity")), "NaN");
  EXPECT_EQ(Op(ArithOp::kMul, inf, V("numeric", "0")), "NaN");
  EXPECT_EQ(Op(ArithOp::kDiv, V("numeric", "5"), inf), "0");
  EXPECT_EQ(Op(ArithOp::kDiv, inf, inf), "NaN");
  EXPECT_EQ(Op(ArithOp::kMod, V("numeric", "5"), inf), "5");
  EXPECT_EQ(Op(ArithOp::kDiv, inf, V("numeric", "0")), "ERROR 22012: division by zero");
  EXPECT_EQ(Op(ArithOp::kMod, inf, V("numeric", "0")), "ERROR 22012: division by zero");
  EXPECT_EQ(Op(ArithOp::kDiv, V("numeric", "NaN"), V("numeric", "0")), "NaN");
  EXPECT_EQ(Op(ArithOp::kMod, V("numeric", "5.5"), V("numeric", "2")), "1.5");
  EXPECT_EQ(Op(ArithOp::kMod, V("numeric", "-5.5"), V("numeric", "2")), "-1.5");
  EXPECT_EQ(Op(ArithOp::kMod, V("numeric", "5"), V("numeric", "-3")), "2");
  EXPECT_EQ(Op(ArithOp::kMod, V("numeric", "-5"), V("numeric", "3")), "-2");
  EXPECT_EQ(Op(ArithOp::kMod, V("numeric", "12.345"), V("numeric", "0.1")), "0.045");
  // select 1e131071::numeric * 1e131071::numeric; select 1e-16383::numeric * 1e-10 > -1
  EXPECT_EQ(Op(ArithOp::kMul, V("numeric", "1e131071"), V("numeric", "1e131071")),
            "ERROR 22003: value overflows numeric format");
  Result<Value> tiny = Arithmetic(ArithOp::kMul, V("numeric", "1e-16383"), V("numeric", "1e-10"));
  ASSERT_TRUE(tiny.ok());
  EXPECT_TRUE(tiny->numeric_value().is_zero());
  EXPECT_EQ(tiny->numeric_value().scale(), 16383);
}

TEST(IntegerArithTest, OverflowAndSigns) {
  // select 32767::int2 + 1::int2; select (-2147483648)::int4 / -1; select 7 % -3, -7 % 3,
  // 7 / -2; select 1/0; select abs(-5)
  EXPECT_EQ(Op(ArithOp::kAdd, Value::Int2(32767), Value::Int2(1)),
            "ERROR 22003: smallint out of range");
  EXPECT_EQ(Op(ArithOp::kDiv, Value::Int4(INT32_MIN), Value::Int4(-1)),
            "ERROR 22003: integer out of range");
  EXPECT_EQ(Op(ArithOp::kMod, Value::Int4(INT32_MIN), Value::Int4(-1)), "0");
  EXPECT_EQ(Op(ArithOp::kMod, Value::Int4(7), Value::Int4(-3)), "1");
  EXPECT_EQ(Op(ArithOp::kMod, Value::Int4(-7), Value::Int4(3)), "-1");
  EXPECT_EQ(Op(ArithOp::kDiv, Value::Int4(7), Value::Int4(-2)), "-3");
  EXPECT_EQ(Op(ArithOp::kDiv, Value::Int4(1), Value::Int4(0)), "ERROR 22012: division by zero");
  EXPECT_EQ(Op(ArithOp::kMul, Value::Int8(INT64_MAX), Value::Int8(2)),
            "ERROR 22003: bigint out of range");
  EXPECT_EQ(Show(Negate(Value::Int4(INT32_MIN))), "ERROR 22003: integer out of range");
  EXPECT_EQ(Show(Abs(Value::Int4(INT32_MIN))), "ERROR 22003: integer out of range");
  EXPECT_EQ(Show(Abs(Value::Int4(-5))), "5");
  EXPECT_EQ(Op(ArithOp::kAdd, Value::Null(TypeId::kInt4), Value::Int4(1)), "NULL");
}

TEST(FloatArithTest, OverflowUnderflowAndNaN) {
  // select 1e300::float8 * 1e300::float8; select 1e-300::float8 * 1e-300::float8;
  // select 1::float8/0; select 'NaN'::float8/0; select 1e30::float4 * 1e10::float4;
  // select 0.1::float8 + 0.2
  EXPECT_EQ(Op(ArithOp::kMul, Value::Float8(1e300), Value::Float8(1e300)),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(Op(ArithOp::kMul, Value::Float8(1e-300), Value::Float8(1e-300)),
            "ERROR 22003: value out of range: underflow");
  EXPECT_EQ(Op(ArithOp::kDiv, Value::Float8(1), Value::Float8(0)), "ERROR 22012: division by zero");
  EXPECT_EQ(Op(ArithOp::kDiv, Value::Float8(NAN), Value::Float8(0)), "NaN");
  EXPECT_EQ(Op(ArithOp::kMul, Value::Float4(1e30f), Value::Float4(1e10f)),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(Op(ArithOp::kAdd, Value::Float8(0.1), Value::Float8(0.2)), "0.30000000000000004");
  // NaN sorts above everything and equals itself; -0 = 0.
  EXPECT_GT(Value::Compare(Value::Float8(NAN), Value::Float8(INFINITY)), 0);
  EXPECT_EQ(Value::Float8(NAN), Value::Float8(NAN));
  EXPECT_EQ(Value::Float8(-0.0), Value::Float8(0.0));
  EXPECT_EQ(Value::Float8(-0.0).Hash(), Value::Float8(0.0).Hash());
}

// Compare's REQUIRES is one type (the binder's job), but values of two types must never abort
// the process (std::bad_variant_access): numbers compare by value, exactly between integers
// and numerics, and anything else in a consistent order.
TEST(ValueCompareTest, MismatchedTypesNeverThrow) {
  const Numeric two_and_a_half = Numeric::Parse("2.5").value();
  EXPECT_LT(Value::Compare(Value::Int4(2), Value::FromNumeric(two_and_a_half)), 0);
  EXPECT_GT(Value::Compare(Value::FromNumeric(two_and_a_half), Value::Int8(2)), 0);
  EXPECT_EQ(Value::Compare(Value::Int8(9007199254740993),
                           Value::FromNumeric(Numeric::FromInt64(9007199254740993))),
            0);
  EXPECT_EQ(Value::Compare(Value::Float4(1.5f), Value::Float8(1.5)), 0);
  EXPECT_LT(Value::Compare(Value::Int4(3), Value::Float8(3.5)), 0);
  EXPECT_GT(Value::Compare(Value::Float8(NAN), Value::FromNumeric(Numeric::Infinity())), 0);
  EXPECT_EQ(Value::Compare(Value::FromNumeric(Numeric::NaN()), Value::Float8(NAN)), 0);
  // Numbers before other kinds; other kinds in opposite orders for the two argument orders.
  const Value text = Value::Text("1");
  const Value interval = V("interval", "1 day");
  EXPECT_LT(Value::Compare(Value::Int4(1), text), 0);
  EXPECT_GT(Value::Compare(text, Value::Int4(1)), 0);
  EXPECT_EQ(Value::Compare(text, interval), -Value::Compare(interval, text));
  EXPECT_NE(Value::Compare(text, interval), 0);
  EXPECT_NE(Value::Compare(Value::Bool(true), Value::FromNumeric(two_and_a_half)), 0);
}

TEST(DateTimeArithTest, MatchesPostgres) {
  // select date '2024-01-31' + 1, date '2024-03-01' - date '2024-01-01',
  // date '2024-01-31' + interval '1 month', timestamp '2024-01-31 10:00' + interval '1 month
  // 1 day 1 hour', timestamp '2024-03-31' - interval '1 month', timestamp '2024-01-02 03:00' -
  // timestamp '2024-01-01 00:00', timestamp '2024-01-01' - timestamp '2024-01-02 03:00',
  // interval '1 day' + interval '1 hour', interval '1 mon' * 1.5, interval '1 day' * 0.3,
  // interval '1 hour' / 7, interval '1 year 1 mon 1 day' / 3, -interval '1 day 1 hour',
  // date '2024-01-31' - interval '1 hour', interval '5 days' * -1,
  // timestamp '2000-01-01' - timestamp '1999-01-01'
  EXPECT_EQ(Op(ArithOp::kAdd, V("date", "2024-01-31"), Value::Int4(1)), "2024-02-01");
  EXPECT_EQ(Op(ArithOp::kSub, V("date", "2024-03-01"), V("date", "2024-01-01")), "60");
  EXPECT_EQ(Op(ArithOp::kAdd, V("date", "2024-01-31"), V("interval", "1 month")),
            "2024-02-29 00:00:00");
  EXPECT_EQ(
      Op(ArithOp::kAdd, V("timestamp", "2024-01-31 10:00"), V("interval", "1 month 1 day 1 hour")),
      "2024-03-01 11:00:00");
  EXPECT_EQ(Op(ArithOp::kSub, V("timestamp", "2024-03-31"), V("interval", "1 month")),
            "2024-02-29 00:00:00");
  EXPECT_EQ(Op(ArithOp::kSub, V("timestamp", "2024-01-02 03:00"), V("timestamp", "2024-01-01")),
            "1 day 03:00:00");
  EXPECT_EQ(Op(ArithOp::kSub, V("timestamp", "2024-01-01"), V("timestamp", "2024-01-02 03:00")),
            "-1 days -03:00:00");
  EXPECT_EQ(Op(ArithOp::kAdd, V("interval", "1 day"), V("interval", "1 hour")), "1 day 01:00:00");
  EXPECT_EQ(Op(ArithOp::kMul, V("interval", "1 mon"), Value::Float8(1.5)), "1 mon 15 days");
  EXPECT_EQ(Op(ArithOp::kMul, V("interval", "1 day"), Value::Float8(0.3)), "07:12:00");
  EXPECT_EQ(Op(ArithOp::kDiv, V("interval", "1 hour"), Value::Float8(7)), "00:08:34.285714");
  EXPECT_EQ(Op(ArithOp::kDiv, V("interval", "1 year 1 mon 1 day"), Value::Float8(3)),
            "4 mons 10 days 08:00:00");
  EXPECT_EQ(Show(Negate(V("interval", "1 day 1 hour"))), "-1 days -01:00:00");
  EXPECT_EQ(Op(ArithOp::kSub, V("date", "2024-01-31"), V("interval", "1 hour")),
            "2024-01-30 23:00:00");
  EXPECT_EQ(Op(ArithOp::kMul, V("interval", "5 days"), Value::Float8(-1)), "-5 days");
  EXPECT_EQ(Op(ArithOp::kSub, V("timestamp", "2000-01-01"), V("timestamp", "1999-01-01")),
            "365 days");
  // select interval '1 mon' = interval '30 days'
  EXPECT_EQ(V("interval", "1 mon"), V("interval", "30 days"));
  EXPECT_EQ(V("interval", "1 mon").Hash(), V("interval", "30 days").Hash());
  // select date '5874897-12-31' + 1; select date 'infinity' - date '2024-01-01';
  // select date 'infinity' + 1; select timestamp 'infinity' - timestamp '2024-01-01';
  // select interval '1 day' / 0; select interval '178000000 years' * 100;
  // select interval '1 day' * 'NaN'::float8
  EXPECT_EQ(Op(ArithOp::kAdd, V("date", "5874897-12-31"), Value::Int4(1)),
            "ERROR 22008: date out of range");
  EXPECT_EQ(Op(ArithOp::kSub, V("date", "infinity"), V("date", "2024-01-01")),
            "ERROR 22008: cannot subtract infinite dates");
  EXPECT_EQ(Op(ArithOp::kAdd, V("date", "infinity"), Value::Int4(1)), "infinity");
  EXPECT_EQ(Op(ArithOp::kSub, V("timestamp", "infinity"), V("timestamp", "2024-01-01")),
            "ERROR 22008: cannot subtract infinite timestamps");
  EXPECT_EQ(Op(ArithOp::kDiv, V("interval", "1 day"), Value::Float8(0)),
            "ERROR 22012: division by zero");
  EXPECT_EQ(Op(ArithOp::kMul, V("interval", "178000000 years"), Value::Float8(100)),
            "ERROR 22008: interval out of range");
  EXPECT_EQ(Op(ArithOp::kMul, V("interval", "1 day"), Value::Float8(NAN)),
            "ERROR 22008: interval out of range");
}

std::string Extract(std::string_view field, const Value& v) {
  if (v.type() == TypeId::kInterval) {
    Result<Numeric> n = ExtractInterval(field, v.interval_value());
    return n.ok() ? n->ToString() : ErrorString(n.status());
  }
  DateTimeKind kind = v.type() == TypeId::kDate        ? DateTimeKind::kDate
                      : v.type() == TypeId::kTimestamp ? DateTimeKind::kTimestamp
                                                       : DateTimeKind::kTimestampTz;
  auto n = ExtractDateTime(field, kind, v.int_value());
  if (!n.ok()) return ErrorString(n.status());
  return n->has_value() ? (*n)->ToString() : "NULL";
}

TEST(DateTimeFunctionsTest, ExtractMatchesPostgres) {
  // select extract(year from timestamp '2024-01-31 12:34:56.789'), extract(second from ...),
  // extract(epoch from ...), extract(epoch from date '2024-01-31'), extract(dow ...), doy,
  // week, quarter, milliseconds, microseconds, julian (date), century, decade, millennium,
  // extract(isodow from date '2024-01-28'), extract(isoyear from date '2024-12-30'),
  // extract(epoch from interval '1 year 2 days 3 hours'), extract(day from interval '40 days'),
  // extract(month from interval '14 mons'), extract(year from date '0044-03-15 BC'),
  // extract(century from date '0044-03-15 BC'), extract(epoch from timestamptz '...+00'),
  // extract(timezone from timestamptz ...), extract(hour from interval '-25 hours')
  Value ts = V("timestamp", "2024-01-31 12:34:56.789");
  Value d = V("date", "2024-01-31");
  EXPECT_EQ(Extract("year", ts), "2024");
  EXPECT_EQ(Extract("second", ts), "56.789000");
  EXPECT_EQ(Extract("epoch", ts), "1706704496.789000");
  EXPECT_EQ(Extract("epoch", d), "1706659200");
  EXPECT_EQ(Extract("dow", d), "3");
  EXPECT_EQ(Extract("doy", d), "31");
  EXPECT_EQ(Extract("week", d), "5");
  EXPECT_EQ(Extract("quarter", d), "1");
  EXPECT_EQ(Extract("milliseconds", ts), "56789.000");
  EXPECT_EQ(Extract("microseconds", ts), "56789000");
  EXPECT_EQ(Extract("julian", d), "2460341");
  EXPECT_EQ(Extract("century", d), "21");
  EXPECT_EQ(Extract("decade", d), "202");
  EXPECT_EQ(Extract("millennium", d), "3");
  EXPECT_EQ(Extract("isodow", V("date", "2024-01-28")), "7");
  EXPECT_EQ(Extract("isoyear", V("date", "2024-12-30")), "2025");
  EXPECT_EQ(Extract("epoch", V("interval", "1 year 2 days 3 hours")), "31741200.000000");
  EXPECT_EQ(Extract("day", V("interval", "40 days")), "40");
  EXPECT_EQ(Extract("month", V("interval", "14 mons")), "2");
  EXPECT_EQ(Extract("year", V("date", "0044-03-15 BC")), "-44");
  EXPECT_EQ(Extract("century", V("date", "0044-03-15 BC")), "-1");
  EXPECT_EQ(Extract("epoch", V("timestamptz", "2024-01-31 12:34:56.789+00")), "1706704496.789000");
  EXPECT_EQ(Extract("timezone", V("timestamptz", "2024-01-31 12:00+00")), "0");
  EXPECT_EQ(Extract("hour", V("interval", "-25 hours")), "-25");
  // select extract(hour from date '2024-01-31'); select extract(foo from date '2024-01-31');
  // select extract(timezone from timestamp '2024-01-31')
  EXPECT_EQ(Extract("hour", d), "ERROR 0A000: unit \"hour\" not supported for type date");
  EXPECT_EQ(Extract("foo", d), "ERROR 22023: unit \"foo\" not recognized for type date");
  EXPECT_EQ(Extract("timezone", V("timestamp", "2024-01-31")),
            "ERROR 0A000: unit \"timezone\" not supported for type timestamp without time zone");
}

std::string Trunc(std::string_view field, const Value& v) {
  if (v.type() == TypeId::kInterval) {
    Result<Interval> iv = DateTruncInterval(field, v.interval_value());
    return iv.ok() ? ToText(Value::FromInterval(*iv)) : ErrorString(iv.status());
  }
  Result<int64_t> ts = DateTruncTimestamp(field, v.int_value(), v.type() == TypeId::kTimestampTz);
  if (!ts.ok()) return ErrorString(ts.status());
  return ToText(v.type() == TypeId::kTimestamp ? Value::Timestamp(*ts) : Value::TimestampTz(*ts));
}

TEST(DateTimeFunctionsTest, DateTruncMatchesPostgres) {
  // select date_trunc('month', timestamp '2024-01-31 12:34:56.789'), week, quarter (2024-05-31),
  // millisecond (12:34:56.7891), decade, century, millennium, hour (timestamptz),
  // date_trunc('day', interval '1 year 2 days 03:04:05'), date_trunc('year', interval '1 year
  // 14 mons'), date_trunc('century', date '0044-03-15 BC'); date_trunc('foo', timestamp ...);
  // date_trunc('week', interval '1 day')
  Value ts = V("timestamp", "2024-01-31 12:34:56.789");
  EXPECT_EQ(Trunc("month", ts), "2024-01-01 00:00:00");
  EXPECT_EQ(Trunc("week", ts), "2024-01-29 00:00:00");
  EXPECT_EQ(Trunc("quarter", V("timestamp", "2024-05-31 12:34:56.789")), "2024-04-01 00:00:00");
  EXPECT_EQ(Trunc("millisecond", V("timestamp", "2024-01-31 12:34:56.7891")),
            "2024-01-31 12:34:56.789");
  EXPECT_EQ(Trunc("decade", ts), "2020-01-01 00:00:00");
  EXPECT_EQ(Trunc("century", ts), "2001-01-01 00:00:00");
  EXPECT_EQ(Trunc("millennium", ts), "2001-01-01 00:00:00");
  EXPECT_EQ(Trunc("hour", V("timestamptz", "2024-01-31 12:34:56+00")), "2024-01-31 12:00:00+00");
  EXPECT_EQ(Trunc("day", V("interval", "1 year 2 days 03:04:05")), "1 year 2 days");
  EXPECT_EQ(Trunc("year", V("interval", "1 year 14 mons")), "2 years");
  EXPECT_EQ(Trunc("century", V("timestamptz", "0044-03-15 BC")), "0100-01-01 00:00:00+00 BC");
  EXPECT_EQ(Trunc("foo", ts),
            "ERROR 22023: unit \"foo\" not recognized for type timestamp without time zone");
  EXPECT_EQ(Trunc("week", V("interval", "1 day")),
            "ERROR 0A000: unit \"week\" not supported for type interval DETAIL: Months usually "
            "have fractional weeks.");
}

TEST(CastTest, MatchesPostgres) {
  // select 2.5::numeric::int4, (-2.5)::numeric::int4, 2.5::float8::int4, 3.5::float8::int4,
  // (-2.5)::float8::int8; select 'NaN'::numeric::int4; select 'Infinity'::numeric::int4
  EXPECT_EQ(CastTo(V("numeric", "2.5"), T("int4")), "3");
  EXPECT_EQ(CastTo(V("numeric", "-2.5"), T("int4")), "-3");
  EXPECT_EQ(CastTo(Value::Float8(2.5), T("int4")), "2");
  EXPECT_EQ(CastTo(Value::Float8(3.5), T("int4")), "4");
  EXPECT_EQ(CastTo(Value::Float8(-2.5), T("int8")), "-2");
  EXPECT_EQ(CastTo(V("numeric", "NaN"), T("int4")), "ERROR 0A000: cannot convert NaN to integer");
  EXPECT_EQ(CastTo(V("numeric", "Infinity"), T("int4")),
            "ERROR 0A000: cannot convert infinity to integer");
  // select 0.1::float8::numeric, (1::float8/3)::numeric, (1::float4/3)::numeric,
  // 'NaN'::float8::numeric, 'Infinity'::float8::numeric
  EXPECT_EQ(CastTo(Value::Float8(0.1), T("numeric")), "0.1");
  EXPECT_EQ(CastTo(Value::Float8(1.0 / 3), T("numeric")), "0.333333333333333");
  EXPECT_EQ(CastTo(Value::Float4(1.0f / 3), T("numeric")), "0.333333");
  EXPECT_EQ(CastTo(Value::Float8(NAN), T("numeric")), "NaN");
  EXPECT_EQ(CastTo(Value::Float8(INFINITY), T("numeric")), "Infinity");
  // select 12345678901::int8::int4; select 1e10::float8::int4; select 'NaN'::float8::int8;
  // select 3.7::float8::int2; select 1e100::float8::float4; select 1e-100::float8::float4;
  // select 1e39::numeric::float4; select 40000::int4::int2 (insert into int2 column)
  EXPECT_EQ(CastTo(Value::Int8(12345678901), T("int4")), "ERROR 22003: integer out of range");
  EXPECT_EQ(CastTo(Value::Float8(1e10), T("int4")), "ERROR 22003: integer out of range");
  EXPECT_EQ(CastTo(Value::Float8(NAN), T("int8")), "ERROR 22003: bigint out of range");
  EXPECT_EQ(CastTo(Value::Float8(3.7), T("int2")), "4");
  EXPECT_EQ(CastTo(Value::Float8(1e100), T("float4")), "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(CastTo(Value::Float8(1e-100), T("float4")),
            "ERROR 22003: value out of range: underflow");
  EXPECT_EQ(CastTo(V("numeric", "1e39"), T("float4")),
            "ERROR 22003: \"1000000000000000000000000000000000000000\" is out of range for type "
            "real");
  EXPECT_EQ(CastTo(Value::Int4(40000), T("int2"), CastContext::kAssignment),
            "ERROR 22003: smallint out of range");
  // select true::text, 1::bool, 0::bool, true::int4, 12.5::numeric::text::varchar(2),
  // 'abc'::char(5)::text || '|', 2147483648::int8::oid
  EXPECT_EQ(CastTo(Value::Bool(true), T("text")), "true");
  EXPECT_EQ(CastTo(Value::Int4(1), T("bool")), "t");
  EXPECT_EQ(CastTo(Value::Int4(0), T("bool")), "f");
  EXPECT_EQ(CastTo(Value::Bool(true), T("int4")), "1");
  EXPECT_EQ(CastTo(V("text", "12.5"), T("varchar", {2})), "12");
  EXPECT_EQ(CastTo(V("text", "12.5"), T("varchar", {2}), CastContext::kAssignment),
            "ERROR 22001: value too long for type character varying(2)");
  EXPECT_EQ(CastTo(V("bpchar", "abc"), T("char", {5})), "abc  ");
  EXPECT_EQ(CastTo(V("bpchar", "abc"), T("text")), "abc");
  EXPECT_EQ(CastTo(Value::Int8(2147483648), T("oid")), "2147483648");
  // select '2024-01-31 12:34:56'::timestamp::date, '2024-01-31'::date::timestamptz
  EXPECT_EQ(CastTo(V("timestamp", "2024-01-31 12:34:56"), T("date")), "2024-01-31");
  EXPECT_EQ(CastTo(V("date", "2024-01-31"), T("timestamptz")), "2024-01-31 00:00:00+00");
  EXPECT_EQ(CastTo(V("text", "  12 "), T("int4")), "12");
  // select '5874897-01-01'::date::timestamp
  EXPECT_EQ(CastTo(V("date", "5874897-01-01"), T("timestamp")),
            "ERROR 22008: date out of range for timestamp");
  EXPECT_EQ(CastTo(Value::Null(TypeId::kText), T("int4")), "NULL");
}

TEST(CastTest, ContextsFollowPgCast) {
  // select castcontext from pg_cast where castsource = ... and casttarget = ...
  EXPECT_TRUE(CanCast(TypeId::kInt4, TypeId::kInt8, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kInt8, TypeId::kInt4, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kInt8, TypeId::kInt4, CastContext::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kNumeric, TypeId::kFloat8, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kFloat8, TypeId::kNumeric, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kInt4, TypeId::kBool, CastContext::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kInt4, TypeId::kBool, CastContext::kExplicit));
  EXPECT_TRUE(CanCast(TypeId::kInt4, TypeId::kText, CastContext::kAssignment));
  EXPECT_FALSE(CanCast(TypeId::kInt4, TypeId::kText, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kText, TypeId::kInt4, CastContext::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kText, TypeId::kInt4, CastContext::kExplicit));
  EXPECT_TRUE(CanCast(TypeId::kUnknown, TypeId::kDate, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kDate, TypeId::kTimestampTz, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kDate, TypeId::kInterval, CastContext::kExplicit));
  EXPECT_FALSE(CanCast(TypeId::kBytea, TypeId::kInt4, CastContext::kExplicit));
}

TEST(TypeTest, NamesOidsAndModifiers) {
  // select format_type('timestamp(3)'::regtype, 3), format_type(1043, 14), format_type(1042, -1),
  // format_type(1042, 5), format_type(1700, 655366), format_type(1186, (32767<<16)|3), ...
  EXPECT_EQ(FormatType(T("timestamp", {3})), "timestamp(3) without time zone");
  EXPECT_EQ(FormatType(T("character varying", {10})), "character varying(10)");
  EXPECT_EQ(FormatType(T("bpchar")), "bpchar");
  EXPECT_EQ(FormatType(T("char")), "character(1)");
  EXPECT_EQ(FormatType(T("decimal", {10, 2})), "numeric(10,2)");
  EXPECT_EQ(FormatType(T("numeric", {5, -2})), "numeric(5,-2)");
  EXPECT_EQ(FormatType(T("numeric", {4})), "numeric(4,0)");
  EXPECT_EQ(FormatType(T("timestamptz", {2})), "timestamp(2) with time zone");
  EXPECT_EQ(FormatType(T("interval", {3})), "interval(3)");
  EXPECT_EQ(T("interval", {3}).typmod, 2147418115);
  EXPECT_EQ(T("numeric", {10, 2}).typmod, 655366);
  EXPECT_EQ(FormatType(T("float8")), "double precision");
  EXPECT_EQ(FormatType(T("float", {3})), "real");
  EXPECT_EQ(FormatType(T("float", {30})), "double precision");
  EXPECT_EQ(FormatType(T("int")), "integer");
  EXPECT_EQ(TypeOid(TypeId::kNumeric), 1700u);
  EXPECT_EQ(TypeOid(TypeId::kTimestampTz), 1184u);
  EXPECT_EQ(TypeLength(TypeId::kInterval), 16);
  EXPECT_EQ(TypeIdFromOid(1043).value(), TypeId::kVarchar);
  auto err = [](std::string_view name, std::vector<int64_t> mods) {
    return ErrorString(LookupType(name, mods).status());
  };
  // select 1::numeric(0,0); ...(1001,0); ...(10,1001); ...(10,-1001); ...(1,2,3);
  // 'abc'::varchar(0); 'abc'::varchar(10485761); 'abc'::char(0); 1::float(0); 1::float(54);
  // 1::foo; 1::int4(3)
  EXPECT_EQ(err("numeric", {0, 0}), "ERROR 22023: NUMERIC precision 0 must be between 1 and 1000");
  EXPECT_EQ(err("numeric", {1001, 0}),
            "ERROR 22023: NUMERIC precision 1001 must be between 1 and 1000");
  EXPECT_EQ(err("numeric", {10, 1001}),
            "ERROR 22023: NUMERIC scale 1001 must be between -1000 and 1000");
  EXPECT_EQ(err("numeric", {10, -1001}),
            "ERROR 22023: NUMERIC scale -1001 must be between -1000 and 1000");
  EXPECT_EQ(err("numeric", {1, 2, 3}), "ERROR 22023: invalid NUMERIC type modifier");
  EXPECT_EQ(err("varchar", {0}), "ERROR 22023: length for type varchar must be at least 1");
  EXPECT_EQ(err("varchar", {10485761}),
            "ERROR 22023: length for type varchar cannot exceed 10485760");
  EXPECT_EQ(err("char", {0}), "ERROR 22023: length for type char must be at least 1");
  EXPECT_EQ(err("float", {0}), "ERROR 22023: precision for type float must be at least 1 bit");
  EXPECT_EQ(err("float", {54}), "ERROR 22023: precision for type float must be less than 54 bits");
  EXPECT_EQ(err("foo", {}), "ERROR 42704: type \"foo\" does not exist");
  EXPECT_EQ(err("int4", {3}), "ERROR 42601: type modifier is not allowed for type \"int4\"");
}

TEST(BinaryTest, KnownEncodingsAndErrors) {
  std::string out;
  // numeric_send(12345.678): ndigits 3, weight 1, sign 0, dscale 3, digits 1 2345 6780
  AppendBinary(V("numeric", "12345.678"), &out);
  EXPECT_EQ(out, std::string("\0\3\0\1\0\0\0\3\0\1\x09\x29\x1a\x7c", 14));
  out.clear();
  // numeric_send(0.00012): weight -1, digits 1 2000
  AppendBinary(V("numeric", "0.00012"), &out);
  EXPECT_EQ(out, std::string("\0\2\xff\xff\0\0\0\5\0\1\x07\xd0", 12));
  EXPECT_EQ(Show(ParseBinary(T("numeric"), out)), "0.00012");
  EXPECT_EQ(Show(ParseBinary(T("int4"), std::string("\0\0\1", 3))),
            "ERROR 08P01: insufficient data left in message");
  EXPECT_EQ(Show(ParseBinary(T("int4"), std::string("\0\0\0\1\0", 5))),
            "ERROR 22P03: incorrect binary data format");
  EXPECT_EQ(Show(ParseBinary(T("numeric"), std::string("\0\0\0\0\x12\x34\0\0", 8))),
            "ERROR 22P03: invalid sign in external \"numeric\" value");
  EXPECT_EQ(Show(ParseBinary(T("numeric"), std::string("\0\1\0\0\0\0\0\0\x27\x10", 10))),
            "ERROR 22P03: invalid digit in external \"numeric\" value");
  EXPECT_EQ(Show(ParseBinary(T("text"), std::string("a\xc3(", 3))),
            "ERROR 22021: invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
  EXPECT_EQ(Show(ParseBinary(T("date"), std::string("\x7f\xff\0\0", 4))),
            "ERROR 22008: date out of range");
  // Digits hidden by dscale are truncated: 1.2345 sent with dscale 2 reads as 1.23.
  EXPECT_EQ(Show(ParseBinary(T("numeric"), std::string("\0\2\0\0\0\0\0\2\0\1\x09\x29", 12))),
            "1.23");
}

}  // namespace
}  // namespace datacave::sql
