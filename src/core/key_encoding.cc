#include "core/key_encoding.h"

#include <bit>
#include <cmath>
#include <limits>

#include "core/coding.h"

namespace datacave {
namespace {

constexpr char kTagInt64 = 0x10;
constexpr char kTagDouble = 0x20;
constexpr char kTagText = 0x30;
constexpr char kTagNull = static_cast<char>(0xF0);

constexpr uint64_t kSignBit = uint64_t{1} << 63;

// Maps a double to an unsigned integer whose order is the double's SQL order.
uint64_t OrderedDoubleBits(double value) {
  if (std::isnan(value)) value = std::numeric_limits<double>::quiet_NaN();
  if (value == 0.0) value = 0.0;  // folds -0.0 into 0.0: they are equal in SQL
  auto bits = std::bit_cast<uint64_t>(value);
  if (std::isnan(value)) bits &= ~kSignBit;  // one canonical NaN, above +Infinity
  return (bits & kSignBit) ? ~bits : bits | kSignBit;
}

double DoubleFromOrderedBits(uint64_t bits) {
  bits = (bits & kSignBit) ? bits & ~kSignBit : ~bits;
  return std::bit_cast<double>(bits);
}

}  // namespace

void AppendKeyNull(std::string* key) {
  key->push_back(kTagNull);
}

void AppendKeyInt64(std::string* key, int64_t value) {
  key->push_back(kTagInt64);
  PutBigEndian64(key, static_cast<uint64_t>(value) ^ kSignBit);
}

void AppendKeyDouble(std::string* key, double value) {
  key->push_back(kTagDouble);
  PutBigEndian64(key, OrderedDoubleBits(value));
}

void AppendKeyText(std::string* key, std::string_view value) {
  key->push_back(kTagText);
  size_t start = 0;
  for (size_t zero = value.find('\0'); zero != std::string_view::npos;
       zero = value.find('\0', start)) {
    key->append(value.substr(start, zero - start));
    key->push_back('\0');
    key->push_back(static_cast<char>(0xFF));
    start = zero + 1;
  }
  key->append(value.substr(start));
  key->push_back('\0');
  key->push_back('\1');
}

void AppendKeyValue(std::string* key, const KeyValue& value) {
  struct Appender {
    std::string* key;
    void operator()(const KeyNull&) const { AppendKeyNull(key); }
    void operator()(int64_t v) const { AppendKeyInt64(key, v); }
    void operator()(double v) const { AppendKeyDouble(key, v); }
    void operator()(const std::string& v) const { AppendKeyText(key, v); }
  };
  std::visit(Appender{key}, value);
}

bool DecodeKeyValue(std::string_view* input, KeyValue* value) {
  if (input->empty()) return false;
  char tag = input->front();
  input->remove_prefix(1);
  switch (tag) {
    case kTagNull: *value = KeyNull{}; return true;
    case kTagInt64:
      if (input->size() < 8) return false;
      *value = static_cast<int64_t>(DecodeBigEndian64(input->data()) ^ kSignBit);
      input->remove_prefix(8);
      return true;
    case kTagDouble:
      if (input->size() < 8) return false;
      *value = DoubleFromOrderedBits(DecodeBigEndian64(input->data()));
      input->remove_prefix(8);
      return true;
    case kTagText: {
      std::string text;
      for (;;) {
        size_t zero = input->find('\0');
        if (zero == std::string_view::npos || zero + 1 >= input->size()) return false;
        text.append(input->substr(0, zero));
        char escape = (*input)[zero + 1];
        input->remove_prefix(zero + 2);
        if (escape == '\1') break;
        if (escape != static_cast<char>(0xFF)) return false;
        text.push_back('\0');
      }
      *value = std::move(text);
      return true;
    }
    default: return false;
  }
}

int CompareKeyValues(const KeyValue& a, const KeyValue& b) {
  if (a.index() != b.index()) {
    bool a_null = std::holds_alternative<KeyNull>(a);
    bool b_null = std::holds_alternative<KeyNull>(b);
    if (a_null || b_null) return a_null ? 1 : -1;
    return a.index() < b.index() ? -1 : 1;
  }
  if (std::holds_alternative<KeyNull>(a)) return 0;
  if (const auto* ia = std::get_if<int64_t>(&a)) {
    int64_t ib = std::get<int64_t>(b);
    return *ia < ib ? -1 : (*ia > ib ? 1 : 0);
  }
  if (const auto* da = std::get_if<double>(&a)) {
    double db = std::get<double>(b);
    bool a_nan = std::isnan(*da), b_nan = std::isnan(db);
    if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
    return *da < db ? -1 : (*da > db ? 1 : 0);
  }
  int c = std::get<std::string>(a).compare(std::get<std::string>(b));
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace datacave
