#include "sql/binder/string_functions.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/cast.h"
#include "sql/types/utf8.h"

namespace datacave::sql {
namespace {

// PostgreSQL's largest allocation (MaxAllocSize) and its 4-byte varlena header.
constexpr int64_t kMaxAllocSize = 0x3fffffff;
constexpr int64_t kVarlenaHeader = 4;

Status RequestedLengthTooLarge() {
  return Status::Sql(StatusCode::kInvalidArgument, "54000", "requested length too large");
}

// The first `chars` characters of s (all of it when shorter).
std::string_view Prefix(std::string_view s, int64_t chars) {
  if (chars <= 0) return {};
  return s.substr(0, Utf8Offset(s, static_cast<size_t>(chars)));
}

// s from character `chars` (0-based) on.
std::string_view Suffix(std::string_view s, int64_t chars) {
  if (chars <= 0) return s;
  return s.substr(Utf8Offset(s, static_cast<size_t>(chars)));
}

// lpad / rpad: s cut or filled to `length` characters with `fill` repeated.
Result<Value> Pad(std::span<const Value> args, bool left) {
  const std::string& s = args[0].string_value();
  int64_t length = std::max<int64_t>(args[1].int_value(), 0);
  const std::string_view fill = args.size() > 2 ? std::string_view(args[2].string_value()) : " ";
  const int64_t s_length = static_cast<int64_t>(Utf8Length(s));
  if (s_length >= length) return Value::Text(std::string(Prefix(s, length)));
  if (fill.empty()) return Value::Text(s);
  // PostgreSQL checks the worst case: every character four bytes (UTF-8's longest).
  if (length * 4 + kVarlenaHeader > kMaxAllocSize) return RequestedLengthTooLarge();
  std::string padding;
  const size_t fill_length = Utf8Length(fill);
  for (int64_t missing = length - s_length; missing > 0;) {
    const int64_t chars = std::min<int64_t>(missing, static_cast<int64_t>(fill_length));
    padding += Prefix(fill, chars);
    missing -= chars;
  }
  return Value::Text(left ? padding + s : s + padding);
}

}  // namespace

void AppendOutput(const Value& value, std::string* out) {
  if (IsStringType(value.type())) {
    *out += value.string_value();
  } else {
    AppendText(value, out);
  }
}

Value CharacterPosition(std::string_view haystack, std::string_view needle) {
  const size_t hit = haystack.find(needle);
  if (hit == std::string::npos) return Value::Int4(0);
  return Value::Int4(static_cast<int32_t>(Utf8Length(haystack.substr(0, hit)) + 1));
}

Result<Value> StrPos(std::span<const Value> args, const Type&) {
  return CharacterPosition(args[0].string_value(), args[1].string_value());
}

Result<Value> LPad(std::span<const Value> args, const Type&) {
  return Pad(args, true);
}

Result<Value> RPad(std::span<const Value> args, const Type&) {
  return Pad(args, false);
}

// left(s, n): the first n characters; n < 0: all but the last -n.
Result<Value> Left(std::span<const Value> args, const Type&) {
  const std::string& s = args[0].string_value();
  int64_t n = args[1].int_value();
  if (n < 0) n += static_cast<int64_t>(Utf8Length(s));
  return Value::Text(std::string(Prefix(s, n)));
}

// right(s, n): the last n characters; n < 0: all but the first -n.
Result<Value> Right(std::span<const Value> args, const Type&) {
  const std::string& s = args[0].string_value();
  const int64_t n = args[1].int_value();
  // PostgreSQL negates n in 32 bits: right(s, -2147483648) skips nothing.
  const int64_t skip = n == INT32_MIN ? 0 : (n < 0 ? -n : static_cast<int64_t>(Utf8Length(s)) - n);
  return Value::Text(std::string(Suffix(s, skip)));
}

// split_part(s, delimiter, n): the n-th field (from the end when n < 0); empty past the last.
Result<Value> SplitPart(std::span<const Value> args, const Type&) {
  const std::string& s = args[0].string_value();
  const std::string& delimiter = args[1].string_value();
  const int64_t n = args[2].int_value();
  if (n == 0) {
    return Status::Sql(StatusCode::kInvalidArgument, "22023", "field position must not be zero");
  }
  if (s.empty()) return Value::Text("");
  std::vector<std::string_view> fields;
  if (delimiter.empty()) {
    fields.push_back(s);
  } else {
    size_t start = 0;
    for (size_t hit; (hit = s.find(delimiter, start)) != std::string::npos;
         start = hit + delimiter.size()) {
      fields.push_back(std::string_view(s).substr(start, hit - start));
    }
    fields.push_back(std::string_view(s).substr(start));
  }
  const int64_t count = static_cast<int64_t>(fields.size());
  const int64_t index = n > 0 ? n - 1 : count + n;
  if (index < 0 || index >= count) return Value::Text("");
  return Value::Text(std::string(fields[static_cast<size_t>(index)]));
}

Result<Value> Repeat(std::span<const Value> args, const Type&) {
  const std::string& s = args[0].string_value();
  const int64_t count = std::max<int64_t>(args[1].int_value(), 0);
  if (static_cast<int64_t>(s.size()) * count + kVarlenaHeader > kMaxAllocSize) {
    return RequestedLengthTooLarge();
  }
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) out += s;
  return Value::Text(std::move(out));
}

// reverse(s), character by character.
Result<Value> Reverse(std::span<const Value> args, const Type&) {
  const std::string& s = args[0].string_value();
  std::string out(s.size(), '\0');
  size_t end = s.size();
  for (size_t i = 0; i < s.size();) {
    size_t length = 1;
    while (i + length < s.size() && IsUtf8Continuation(s[i + length])) ++length;
    end -= length;
    s.copy(out.data() + end, length, i);
    i += length;
  }
  return Value::Text(std::move(out));
}

// initcap(s): each word's first letter upper case, the rest lower case; words are runs of
// letters and digits. Only ASCII letters change case, as in lower and upper here.
Result<Value> InitCap(std::span<const Value> args, const Type&) {
  std::string out = args[0].string_value();
  bool in_word = false;
  for (char& c : out) {
    const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    if (in_word && upper) c = static_cast<char>(c + 32);
    if (!in_word && lower) c = static_cast<char>(c - 32);
    // A byte of a multibyte character counts as a letter (kept as it is).
    in_word = upper || lower || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) & 0x80);
  }
  return Value::Text(std::move(out));
}

// concat_ws(separator, ...): the non-NULL arguments joined by separator; NULL when it is.
Result<Value> ConcatWs(std::span<const Value> args, const Type&) {
  if (args[0].is_null()) return Value::Null(TypeId::kText);
  std::string out;
  bool first = true;
  for (const Value& v : args.subspan(1)) {
    if (v.is_null()) continue;
    if (!first) out += args[0].string_value();
    AppendOutput(v, &out);
    first = false;
  }
  return Value::Text(std::move(out));
}

}  // namespace datacave::sql
