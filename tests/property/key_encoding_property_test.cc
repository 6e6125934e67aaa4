// The order-preserving key encoding: round trip, and encode(a) < encode(b) exactly when
// a < b in SQL order, for each type and with NULLs, and for composite keys.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <limits>

#include "core/key_encoding.h"

namespace datacave {
namespace {

int Sign(int x) {
  return (x > 0) - (x < 0);
}

std::string Encode(const KeyValue& v) {
  std::string k;
  AppendKeyValue(&k, v);
  return k;
}

// Doubles with the interesting ones (zeros, infinities, NaN, denormals) well represented.
rc::Gen<double> AnyDouble() {
  return rc::gen::oneOf(
      rc::gen::arbitrary<double>(),
      rc::gen::element(
          0.0, -0.0, 1.0, -1.0, std::numeric_limits<double>::infinity(),
          -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
          -std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::denorm_min(),
          std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()));
}

// One column's value: a given type, or NULL.
rc::Gen<KeyValue> ColumnValue(int type) {
  rc::Gen<KeyValue> value =
      type == 0 ? rc::gen::map(rc::gen::arbitrary<int64_t>(), [](int64_t v) { return KeyValue(v); })
      : type == 1 ? rc::gen::map(AnyDouble(), [](double v) { return KeyValue(v); })
                  : rc::gen::map(rc::gen::arbitrary<std::string>(),
                                 [](std::string v) { return KeyValue(std::move(v)); });
  return rc::gen::weightedOneOf<KeyValue>(
      {{1, rc::gen::just(KeyValue(KeyNull{}))}, {6, std::move(value)}});
}

RC_GTEST_PROP(KeyEncodingProperty, OrderIsPreservedWithinAType, ()) {
  int type = *rc::gen::inRange(0, 3);
  KeyValue a = *ColumnValue(type);
  KeyValue b = *ColumnValue(type);
  int expected = CompareKeyValues(a, b);
  int actual = Sign(Encode(a).compare(Encode(b)));
  RC_ASSERT(expected == actual);
}

RC_GTEST_PROP(KeyEncodingProperty, RoundTrips, ()) {
  int type = *rc::gen::inRange(0, 3);
  KeyValue v = *ColumnValue(type);
  std::string key = Encode(v);
  std::string_view in = key;
  KeyValue decoded;
  RC_ASSERT(DecodeKeyValue(&in, &decoded));
  RC_ASSERT(in.empty());
  RC_ASSERT(CompareKeyValues(v, decoded) == 0);
  RC_ASSERT(Encode(decoded) == key);
}

// Composite keys of several columns compare column by column, like a SQL row comparison
// with NULLS LAST, because every component is self-delimiting.
RC_GTEST_PROP(KeyEncodingProperty, CompositeKeysOrderLexicographically, ()) {
  auto types = *rc::gen::container<std::vector<int>>(*rc::gen::inRange<size_t>(1, 4),
                                                     rc::gen::inRange(0, 3));
  std::vector<KeyValue> a, b;
  std::string ka, kb;
  for (int t : types) {
    a.push_back(*ColumnValue(t));
    // Often equal in a column, so that later columns decide.
    b.push_back(*rc::gen::oneOf(rc::gen::just(a.back()), ColumnValue(t)));
    AppendKeyValue(&ka, a.back());
    AppendKeyValue(&kb, b.back());
  }
  int expected = 0;
  for (size_t i = 0; i < a.size() && expected == 0; i++) expected = CompareKeyValues(a[i], b[i]);
  RC_ASSERT(Sign(ka.compare(kb)) == expected);
  std::string_view in = ka;
  for (const auto& v : a) {
    KeyValue got;
    RC_ASSERT(DecodeKeyValue(&in, &got));
    RC_ASSERT(CompareKeyValues(got, v) == 0);
  }
  RC_ASSERT(in.empty());
}

}  // namespace
}  // namespace datacave
