#include "sql/binder/functions.h"

#include <cmath>

#include "sql/binder/array_functions.h"
#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/string_functions.h"
#include "sql/binder/type_rules.h"
#include "sql/execution/regex.h"
#include "sql/types/cast.h"
#include "sql/types/datetime.h"
#include "sql/types/operators.h"
#include "sql/types/utf8.h"

namespace datacave::sql {
namespace {

const Type kText = Type::Of(TypeId::kText);
const Type kInt4 = Type::Of(TypeId::kInt4);
const Type kFloat8 = Type::Of(TypeId::kFloat8);
const Type kBool = Type::Of(TypeId::kBool);

Result<Value> Lower(std::span<const Value> args, const Type&) {
  std::string s = args[0].string_value();
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return Value::Text(std::move(s));
}
Result<Value> Upper(std::span<const Value> args, const Type&) {
  std::string s = args[0].string_value();
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return Value::Text(std::move(s));
}
Result<Value> Length(std::span<const Value> args, const Type&) {
  return Value::Int4(static_cast<int32_t>(Utf8Length(args[0].string_value())));
}
Result<Value> OctetLength(std::span<const Value> args, const Type&) {
  return Value::Int4(static_cast<int32_t>(args[0].string_value().size()));
}
Result<Value> TextCat(std::span<const Value> args, const Type&) {
  return Value::Text(args[0].string_value() + args[1].string_value());
}
Result<Value> Concat(std::span<const Value> args, const Type&) {
  std::string out;
  for (const Value& v : args) {
    if (!v.is_null()) AppendOutput(v, &out);
  }
  return Value::Text(std::move(out));
}
Result<Value> AbsFn(std::span<const Value> args, const Type&) {
  return Abs(args[0]);
}
Result<Value> Power(std::span<const Value> args, const Type&) {
  const double a = args[0].float8_value(), b = args[1].float8_value();
  if (a == 0 && b < 0) {
    return Status::Sql(StatusCode::kInvalidArgument, "2201F",
                       "zero raised to a negative power is undefined");
  }
  if (a < 0 && std::floor(b) != b) {
    return Status::Sql(StatusCode::kInvalidArgument, "2201F",
                       "a negative number raised to a non-integer power yields a complex result");
  }
  const double r = std::pow(a, b);
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) return FloatOverflow();
  return Value::Float8(r);
}
Result<Value> Sqrt(std::span<const Value> args, const Type&) {
  const double a = args[0].float8_value();
  if (a < 0) {
    return Status::Sql(StatusCode::kInvalidArgument, "2201F",
                       "cannot take square root of a negative number");
  }
  return Value::Float8(std::sqrt(a));
}
Result<Value> RoundFn(std::span<const Value> args, const Type& type) {
  if (type.id == TypeId::kFloat8) return Value::Float8(std::nearbyint(args[0].float8_value()));
  const int64_t digits = args.size() > 1 ? args[1].int_value() : 0;
  DC_ASSIGN_OR_RETURN(Numeric n, args[0].numeric_value().Round(static_cast<int32_t>(digits)));
  return Value::FromNumeric(std::move(n));
}
Result<Value> TruncFn(std::span<const Value> args, const Type& type) {
  if (type.id == TypeId::kFloat8) return Value::Float8(std::trunc(args[0].float8_value()));
  const int64_t digits = args.size() > 1 ? args[1].int_value() : 0;
  DC_ASSIGN_OR_RETURN(Numeric n, args[0].numeric_value().Trunc(static_cast<int32_t>(digits)));
  return Value::FromNumeric(std::move(n));
}
Result<Value> FloorFn(std::span<const Value> args, const Type& type) {
  if (type.id == TypeId::kFloat8) return Value::Float8(std::floor(args[0].float8_value()));
  DC_ASSIGN_OR_RETURN(Numeric n, args[0].numeric_value().Floor());
  return Value::FromNumeric(std::move(n));
}
Result<Value> CeilFn(std::span<const Value> args, const Type& type) {
  if (type.id == TypeId::kFloat8) return Value::Float8(std::ceil(args[0].float8_value()));
  DC_ASSIGN_OR_RETURN(Numeric n, args[0].numeric_value().Ceil());
  return Value::FromNumeric(std::move(n));
}
Result<Value> ModFn(std::span<const Value> args, const Type&) {
  return Arithmetic(ArithOp::kMod, args[0], args[1]);
}
Result<Value> Substring(std::span<const Value> args, const Type&) {
  const std::string& s = args[0].string_value();
  int64_t start = args[1].int_value();
  int64_t end = INT64_MAX;
  if (args.size() > 2) {
    const int64_t count = args[2].int_value();
    if (count < 0) {
      return Status::Sql(StatusCode::kInvalidArgument, "22011",
                         "negative substring length not allowed");
    }
    end = start > INT64_MAX - count ? INT64_MAX : start + count;
  }
  // Characters are numbered from 1; positions before the first still count toward the end.
  const int64_t first = std::max<int64_t>(start, 1);
  if (end <= first) return Value::Text("");
  const size_t from = Utf8Offset(s, static_cast<size_t>(first - 1));
  const size_t to = end == INT64_MAX ? s.size() : Utf8Offset(s, static_cast<size_t>(end - 1));
  return Value::Text(s.substr(from, to - from));
}
Result<Value> Trim(std::span<const Value> args, bool left, bool right) {
  std::string_view s = args[0].string_value();
  const std::string_view chars = args.size() > 1 ? std::string_view(args[1].string_value()) : " ";
  if (left) {
    while (!s.empty() && chars.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  }
  if (right) {
    while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  }
  return Value::Text(std::string(s));
}
Result<Value> BTrim(std::span<const Value> args, const Type&) {
  return Trim(args, true, true);
}
Result<Value> LTrim(std::span<const Value> args, const Type&) {
  return Trim(args, true, false);
}
Result<Value> RTrim(std::span<const Value> args, const Type&) {
  return Trim(args, false, true);
}
Result<Value> Replace(std::span<const Value> args, const Type&) {
  std::string s = args[0].string_value();
  const std::string& from = args[1].string_value();
  const std::string& to = args[2].string_value();
  if (from.empty()) return Value::Text(std::move(s));
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out += s.substr(pos, hit - pos) + to;
  }
  out += s.substr(pos);
  return Value::Text(std::move(out));
}
Result<Value> Position(std::span<const Value> args, const Type&) {
  // position(needle IN haystack)
  return CharacterPosition(args[1].string_value(), args[0].string_value());
}
template <bool kCaseInsensitive, bool kNegated>
Result<Value> RegexMatchFn(std::span<const Value> args, const Type&) {
  DC_ASSIGN_OR_RETURN(bool match,
                      RegexMatch(args[0].string_value(), args[1].string_value(), kCaseInsensitive));
  return Value::Bool(match != kNegated);
}
// similar_to_escape(pattern [, escape]): a SIMILAR TO pattern as the POSIX regular expression
// `~` matches, as PostgreSQL rewrites `x SIMILAR TO p` into `x ~ similar_to_escape(p)`: the
// whole string must match; % and _ become .* and .; ., ^, $ and \ are literal outside
// brackets; |, *, +, ?, {m,n}, () and [...] keep their regex meaning (groups do not capture);
// an escaped character is literal. Not strict: a NULL escape gives NULL, without one the escape is
// backslash.
Result<Value> SimilarToEscape(std::span<const Value> args, const Type&) {
  if (args[0].is_null() || (args.size() == 2 && args[1].is_null())) {
    return Value::Null(TypeId::kText);
  }
  std::string_view pattern = args[0].string_value();
  std::string_view escape = args.size() == 2 ? std::string_view(args[1].string_value()) : "\\";
  if (Utf8Length(escape) > 1) {
    return Status::Sql(StatusCode::kInvalidArgument, "22025", "invalid escape string")
        .WithHint("Escape string must be empty or one character.");
  }
  std::string out = "^(?:";
  bool after_escape = false;
  bool in_class = false;
  size_t class_start = 0;  // out's size just after the class's '[' (and a leading '^')
  for (size_t i = 0; i < pattern.size();) {
    // One UTF-8 character at a time, so that a multibyte escape character is matched whole.
    size_t length = 1;
    while (i + length < pattern.size() &&
           (static_cast<unsigned char>(pattern[i + length]) & 0xC0) == 0x80) {
      ++length;
    }
    const std::string_view c = pattern.substr(i, length);
    i += length;
    if (after_escape) {
      // An escaped character is literal (the regex's own escape keeps it so).
      if (!in_class) out += '\\';
      out += c;
      after_escape = false;
    } else if (!escape.empty() && c == escape) {
      after_escape = true;
    } else if (in_class) {
      if (c == "]" && out.size() > class_start) in_class = false;
      if (c == "^" && out.size() == class_start) ++class_start;
      out += c;
    } else if (c == "[") {
      in_class = true;
      out += c;
      class_start = out.size();
    } else if (c == "(") {
      out += "(?:";
    } else if (c == "%") {
      out += ".*";
    } else if (c == "_") {
      out += '.';
    } else if (c == "." || c == "^" || c == "$" || c == "\\") {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  out += ")$";  // a trailing escape character is dropped, as PostgreSQL does
  return Value::Text(std::move(out));
}
// format_type(type oid, typmod): the type's name as psql's \d shows it.
Result<Value> FormatTypeFn(std::span<const Value> args, const Type&) {
  if (args[0].is_null()) return Value::Null(TypeId::kText);
  auto id = TypeIdFromOid(static_cast<uint32_t>(args[0].int_value()));
  if (!id.ok()) return Value::Text("???");
  const int32_t typmod =
      args.size() > 1 && !args[1].is_null() ? static_cast<int32_t>(args[1].int_value()) : -1;
  return Value::Text(FormatType(Type{*id, typmod}));
}
// pg_encoding_to_char(int): every database is UTF8 (encoding 6); others are unknown.
Result<Value> EncodingToChar(std::span<const Value> args, const Type&) {
  return Value::Text(args[0].int_value() == 6 ? "UTF8" : "");
}
Result<Value> NullIf(std::span<const Value> args, const Type& type) {
  if (!args[0].is_null() && !args[1].is_null() && Value::Compare(args[0], args[1]) == 0) {
    return Value::Null(type.id);
  }
  // Compared in the common type; returned in the first argument's (ResolveNullIf).
  if (args[0].is_null() || args[0].type() == type.id) return args[0];
  return Cast(args[0], type, CastContext::kExplicit);
}
template <bool kGreatest>
Result<Value> Extreme(std::span<const Value> args, const Type& type) {
  const Value* best = nullptr;
  for (const Value& v : args) {
    if (v.is_null()) continue;
    if (!best || (kGreatest ? Value::Compare(v, *best) > 0 : Value::Compare(v, *best) < 0))
      best = &v;
  }
  return best ? *best : Value::Null(type.id);
}

// extract(field FROM x), date_part(field, x) and date_trunc(field, x). PostgreSQL lowers the
// field's case before matching it (and names it so lowered in its errors).
std::string LowerField(const Value& field) {
  std::string out = field.string_value();
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}
Result<Value> ExtractFn(std::span<const Value> args, const Type&) {
  const std::string field = LowerField(args[0]);
  const Value& x = args[1];
  if (x.type() == TypeId::kInterval) {
    DC_ASSIGN_OR_RETURN(Numeric n, ExtractInterval(field, x.interval_value()));
    return Value::FromNumeric(std::move(n));
  }
  const DateTimeKind kind = x.type() == TypeId::kDate        ? DateTimeKind::kDate
                            : x.type() == TypeId::kTimestamp ? DateTimeKind::kTimestamp
                                                             : DateTimeKind::kTimestampTz;
  DC_ASSIGN_OR_RETURN(std::optional<Numeric> n, ExtractDateTime(field, kind, x.int_value()));
  if (!n) return Value::Null(TypeId::kNumeric);
  return Value::FromNumeric(std::move(*n));
}
// date_part is extract as a double; on a date it is PostgreSQL's SQL function
// date_part($1, $2::timestamp), so a date answers as a timestamp does (hour 0, its errors).
Result<Value> DatePartFn(std::span<const Value> args, const Type& type) {
  Value x = args[1];
  if (x.type() == TypeId::kDate) {
    DC_ASSIGN_OR_RETURN(int64_t ts, DateToTimestamp(x.date_value()));
    x = Value::Timestamp(ts);
  }
  const Value both[] = {args[0], x};
  DC_ASSIGN_OR_RETURN(Value n, ExtractFn(both, type));
  if (n.is_null()) return Value::Null(TypeId::kFloat8);
  DC_ASSIGN_OR_RETURN(double d, n.numeric_value().ToDouble());
  return Value::Float8(d);
}
Result<Value> DateTruncFn(std::span<const Value> args, const Type&) {
  const std::string field = LowerField(args[0]);
  const Value& x = args[1];
  if (x.type() == TypeId::kInterval) {
    DC_ASSIGN_OR_RETURN(Interval iv, DateTruncInterval(field, x.interval_value()));
    return Value::FromInterval(iv);
  }
  const bool with_time_zone = x.type() == TypeId::kTimestampTz;
  DC_ASSIGN_OR_RETURN(int64_t ts, DateTruncTimestamp(field, x.int_value(), with_time_zone));
  return with_time_zone ? Value::TimestampTz(ts) : Value::Timestamp(ts);
}

struct Signature {
  const char* name;
  ScalarFunction function;
  // Coerces args in place and gives the result type; false when the arguments do not fit.
  bool (*resolve)(std::vector<BoundExprPtr>& args, Type* result);
};

bool CoerceArg(BoundExprPtr& arg, const Type& type) {
  auto coerced = CoerceImplicit(std::move(arg), type);
  if (!coerced.ok()) return false;
  arg = std::move(coerced).value();
  return true;
}

bool CoerceAll(std::vector<BoundExprPtr>& args, const Type& type) {
  for (auto& arg : args) {
    auto coerced = CoerceImplicit(std::move(arg), type);
    if (!coerced.ok()) return false;
    arg = std::move(coerced).value();
  }
  return true;
}

// Text arguments: strings and unknown literals.
bool TextArgs(std::vector<BoundExprPtr>& args, size_t count) {
  if (args.size() != count) return false;
  for (const auto& arg : args) {
    if (!IsStringType(arg->type.id)) return false;
  }
  return CoerceAll(args, kText);
}

bool ResolveTextToText(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return TextArgs(args, 1);
}
bool ResolveTextToInt(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kInt4;
  return TextArgs(args, 1);
}
bool ResolveTrim(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return TextArgs(args, args.size() == 2 ? 2 : 1);
}
bool ResolveTextCat(std::vector<BoundExprPtr>& args, Type* result) {
  // anynonarray || text: the non-text side goes through its output function.
  for (auto& arg : args) {
    if (!IsStringType(arg->type.id)) arg = MakeCast(std::move(arg), kText, CastContext::kExplicit);
  }
  *result = kText;
  return CoerceAll(args, kText);
}
// concat("any" ...): each argument as its output function writes it (Concat formats it).
bool ResolveConcat(std::vector<BoundExprPtr>& args, Type* result) {
  for (auto& arg : args) {
    if (arg->type.id == TypeId::kUnknown && !CoerceArg(arg, kText)) return false;
  }
  *result = kText;
  return !args.empty();
}
// concat_ws(text, "any" ...): the separator a string, the rest any type, as text.
bool ResolveConcatWs(std::vector<BoundExprPtr>& args, Type* result) {
  return args.size() >= 2 && IsStringType(args[0]->type.id) && CoerceArg(args[0], kText) &&
         ResolveConcat(args, result);
}
bool ResolveSameNumeric(std::vector<BoundExprPtr>& args, Type* result) {
  if (args.size() != 1) return false;
  if (args[0]->type.id == TypeId::kUnknown) return (*result = kFloat8, CoerceAll(args, kFloat8));
  if (!IsNumericType(args[0]->type.id)) return false;
  *result = Type::Of(args[0]->type.id);
  return true;
}
bool ResolveFloat2(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kFloat8;
  if (args.size() != 2) return false;
  for (const auto& arg : args) {
    if (!IsNumericType(arg->type.id) && arg->type.id != TypeId::kUnknown) return false;
  }
  return CoerceAll(args, kFloat8);
}
bool ResolveFloat1(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kFloat8;
  if (args.size() != 1) return false;
  if (!IsNumericType(args[0]->type.id) && args[0]->type.id != TypeId::kUnknown) return false;
  return CoerceAll(args, kFloat8);
}
// round/trunc/floor/ceil: PostgreSQL has them for float8 and numeric, so numeric stays
// numeric and everything else (integers, float4, an unknown literal) is float8, the
// preferred numeric type; with digits only numeric has the signature.
bool ResolveRounding(std::vector<BoundExprPtr>& args, Type* result) {
  if (args.empty() || args.size() > 2) return false;
  const TypeId id = args[0]->type.id;
  if (!IsNumericType(id) && id != TypeId::kUnknown) return false;
  const bool is_float =
      args.size() == 1 ? id != TypeId::kNumeric : id == TypeId::kFloat4 || id == TypeId::kFloat8;
  if (is_float && args.size() == 2) return false;
  *result = is_float ? kFloat8 : Type::Of(TypeId::kNumeric);
  auto first = CoerceImplicit(std::move(args[0]), *result);
  if (!first.ok()) return false;
  args[0] = std::move(first).value();
  if (args.size() == 2) {
    auto digits = CoerceImplicit(std::move(args[1]), kInt4);
    if (!digits.ok()) return false;
    args[1] = std::move(digits).value();
  }
  return true;
}
bool ResolveMod(std::vector<BoundExprPtr>& args, Type* result) {
  if (args.size() != 2) return false;
  auto common = CommonType(args[0]->type, args[1]->type);
  if (!common || !IsNumericType(common->id) || common->id == TypeId::kFloat8) return false;
  *result = Type::Of(common->id);
  return CoerceAll(args, *result);
}
bool ResolveSubstring(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  if (args.size() < 2 || args.size() > 3 || !IsStringType(args[0]->type.id)) return false;
  auto text = CoerceImplicit(std::move(args[0]), kText);
  if (!text.ok()) return false;
  args[0] = std::move(text).value();
  for (size_t i = 1; i < args.size(); ++i) {
    auto n = CoerceImplicit(std::move(args[i]), Type::Of(TypeId::kInt8));
    if (!n.ok()) return false;
    args[i] = std::move(n).value();
  }
  return true;
}
bool ResolveReplace(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return TextArgs(args, 3);
}
bool ResolvePosition(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kInt4;
  return TextArgs(args, 2);
}
bool ResolveCommon(std::vector<BoundExprPtr>& args, Type* result) {
  if (args.empty()) return false;
  Type common = Type::Of(TypeId::kUnknown);
  for (const auto& arg : args) {
    auto next = CommonType(common, arg->type);
    if (!next) return false;
    common = *next;
  }
  *result = ResolveUnknown(common);
  return CoerceAll(args, *result);
}
// NULLIF(a, b) is a's type, as PostgreSQL's `a = b` operator sees a: an integer (or float)
// compared with a wider one has a cross-type operator and stays as it is; otherwise both
// are promoted to their common type.
bool ResolveNullIf(std::vector<BoundExprPtr>& args, Type* result) {
  if (args.size() != 2) return false;
  const Type first = args[0]->type;
  const Type second = args[1]->type;
  if (!ResolveCommon(args, result)) return false;
  auto integer = [](TypeId id) {
    return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8;
  };
  auto floating = [](TypeId id) { return id == TypeId::kFloat4 || id == TypeId::kFloat8; };
  const bool integers = integer(first.id) && integer(second.id);
  const bool floats = floating(first.id) && floating(second.id);
  if (integers || floats) *result = first;
  return true;
}

bool ResolveTextToBool2(std::vector<BoundExprPtr>& args, Type* result) {
  *result = Type::Of(TypeId::kBool);
  return TextArgs(args, 2);
}
// format_type(oid, int4): not strict (a NULL typmod means none).
bool ResolveFormatType(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return args.size() == 2 && CoerceArg(args[0], Type::Of(TypeId::kOid)) &&
         CoerceArg(args[1], kInt4);
}
bool ResolveIntToText(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return args.size() == 1 && CoerceAll(args, kInt4);
}

// (text, date | timestamp | timestamptz | interval); a date becomes timestamptz for
// date_trunc (its implicit cast PostgreSQL prefers).
bool DateTimeFieldArgs(std::vector<BoundExprPtr>& args, bool date_allowed) {
  if (args.size() != 2 || !IsStringType(args[0]->type.id) || !CoerceArg(args[0], kText)) {
    return false;
  }
  const TypeId id = args[1]->type.id;
  if (id == TypeId::kDate && !date_allowed) {
    return CoerceArg(args[1], Type::Of(TypeId::kTimestampTz));
  }
  return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz ||
         id == TypeId::kInterval;
}
bool ResolveExtract(std::vector<BoundExprPtr>& args, Type* result) {
  *result = Type::Of(TypeId::kNumeric);
  return DateTimeFieldArgs(args, /*date_allowed=*/true);
}
bool ResolveDatePart(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kFloat8;
  return DateTimeFieldArgs(args, /*date_allowed=*/true);
}
bool ResolveDateTrunc(std::vector<BoundExprPtr>& args, Type* result) {
  if (!DateTimeFieldArgs(args, /*date_allowed=*/false)) return false;
  *result = Type::Of(args[1]->type.id);
  return true;
}

// (text, integer [, text]): lpad and rpad; without the third, left, right and repeat too.
bool ResolveTextInt(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  if (args.size() < 2 || args.size() > 3 || !IsStringType(args[0]->type.id) ||
      (args.size() == 3 && !IsStringType(args[2]->type.id))) {
    return false;
  }
  return CoerceArg(args[0], kText) && CoerceArg(args[1], kInt4) &&
         (args.size() == 2 || CoerceArg(args[2], kText));
}
bool ResolveTextIntOnly(std::vector<BoundExprPtr>& args, Type* result) {
  return args.size() == 2 && ResolveTextInt(args, result);
}
bool ResolveSplitPart(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return args.size() == 3 && IsStringType(args[0]->type.id) && IsStringType(args[1]->type.id) &&
         CoerceArg(args[0], kText) && CoerceArg(args[1], kText) && CoerceArg(args[2], kInt4);
}

bool ResolveSimilarToEscape(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return (args.size() == 1 || args.size() == 2) && TextArgs(args, args.size());
}

// current_setting(name [, missing_ok]) and set_config(name, value, is_local), on the
// session's settings as the statement runs (set_config changes them once per call).
Status NoSession() {
  return Status::NotSupported("settings are only available in a session");
}
Status UnknownSetting(std::string_view name) {
  return Status::Sql(StatusCode::kNotFound, "42704",
                     "unrecognized configuration parameter \"" + std::string(name) + "\"");
}
Result<Value> CurrentSetting(std::span<const Value> args, const EvalContext& context) {
  if (!context.session) return NoSession();
  const std::string& name = args[0].string_value();
  auto value = context.session->CurrentSetting(name);
  if (value) return Value::Text(std::move(*value));
  const bool missing_ok = args.size() > 1 && args[1].bool_value();
  if (missing_ok) return Value::Null(TypeId::kText);
  return UnknownSetting(name);
}
Result<Value> SetConfig(std::span<const Value> args, const EvalContext& context) {
  if (!context.session) return NoSession();
  if (args[0].is_null()) {
    return Status::Sql(StatusCode::kInvalidArgument, "22004", "SET requires parameter name");
  }
  std::optional<std::string_view> value;  // NULL: RESET
  if (!args[1].is_null()) value = args[1].string_value();
  const bool is_local = !args[2].is_null() && args[2].bool_value();
  DC_ASSIGN_OR_RETURN(std::string now,
                      context.session->SetSetting(args[0].string_value(), value, is_local));
  return Value::Text(std::move(now));
}
bool ResolveCurrentSetting(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  if (args.empty() || args.size() > 2 || !IsStringType(args[0]->type.id)) return false;
  return CoerceArg(args[0], kText) && (args.size() == 1 || CoerceArg(args[1], kBool));
}
bool ResolveSetConfig(std::vector<BoundExprPtr>& args, Type* result) {
  *result = kText;
  return args.size() == 3 && IsStringType(args[0]->type.id) && IsStringType(args[1]->type.id) &&
         CoerceArg(args[0], kText) && CoerceArg(args[1], kText) && CoerceArg(args[2], kBool);
}

const Signature kFunctions[] = {
    {"lower", {"lower", true, Lower}, ResolveTextToText},
    {"upper", {"upper", true, Upper}, ResolveTextToText},
    {"length", {"length", true, Length}, ResolveTextToInt},
    {"char_length", {"char_length", true, Length}, ResolveTextToInt},
    {"character_length", {"character_length", true, Length}, ResolveTextToInt},
    {"octet_length", {"octet_length", true, OctetLength}, ResolveTextToInt},
    {"textcat", {"textcat", true, TextCat}, ResolveTextCat},
    {"concat", {"concat", false, Concat}, ResolveConcat},
    {"abs", {"abs", true, AbsFn}, ResolveSameNumeric},
    {"power", {"power", true, Power}, ResolveFloat2},
    {"pow", {"pow", true, Power}, ResolveFloat2},
    {"sqrt", {"sqrt", true, Sqrt}, ResolveFloat1},
    {"round", {"round", true, RoundFn}, ResolveRounding},
    {"trunc", {"trunc", true, TruncFn}, ResolveRounding},
    {"floor", {"floor", true, FloorFn}, ResolveRounding},
    {"ceil", {"ceil", true, CeilFn}, ResolveRounding},
    {"ceiling", {"ceiling", true, CeilFn}, ResolveRounding},
    {"mod", {"mod", true, ModFn}, ResolveMod},
    {"substring", {"substring", true, Substring}, ResolveSubstring},
    {"substr", {"substr", true, Substring}, ResolveSubstring},
    {"btrim", {"btrim", true, BTrim}, ResolveTrim},
    {"ltrim", {"ltrim", true, LTrim}, ResolveTrim},
    {"rtrim", {"rtrim", true, RTrim}, ResolveTrim},
    {"replace", {"replace", true, Replace}, ResolveReplace},
    {"position", {"position", true, Position}, ResolvePosition},
    {"strpos", {"strpos", true, StrPos}, ResolvePosition},
    {"lpad", {"lpad", true, LPad}, ResolveTextInt},
    {"rpad", {"rpad", true, RPad}, ResolveTextInt},
    {"left", {"left", true, Left}, ResolveTextIntOnly},
    {"right", {"right", true, Right}, ResolveTextIntOnly},
    {"repeat", {"repeat", true, Repeat}, ResolveTextIntOnly},
    {"split_part", {"split_part", true, SplitPart}, ResolveSplitPart},
    {"reverse", {"reverse", true, Reverse}, ResolveTextToText},
    {"initcap", {"initcap", true, InitCap}, ResolveTextToText},
    {"concat_ws", {"concat_ws", false, ConcatWs}, ResolveConcatWs},
    {"nullif", {"nullif", false, NullIf}, ResolveNullIf},
    // The functions behind ~, ~*, !~ and !~* (PostgreSQL's names for them).
    {"textregexeq", {"textregexeq", true, RegexMatchFn<false, false>}, ResolveTextToBool2},
    {"textregexne", {"textregexne", true, RegexMatchFn<false, true>}, ResolveTextToBool2},
    {"texticregexeq", {"texticregexeq", true, RegexMatchFn<true, false>}, ResolveTextToBool2},
    {"texticregexne", {"texticregexne", true, RegexMatchFn<true, true>}, ResolveTextToBool2},
    {"format_type", {"format_type", false, FormatTypeFn}, ResolveFormatType},
    {"pg_encoding_to_char", {"pg_encoding_to_char", true, EncodingToChar}, ResolveIntToText},
    {"greatest", {"greatest", false, Extreme<true>}, ResolveCommon},
    {"least", {"least", false, Extreme<false>}, ResolveCommon},
    {"similar_to_escape", {"similar_to_escape", false, SimilarToEscape}, ResolveSimilarToEscape},
    {"extract", {"extract", true, ExtractFn}, ResolveExtract},
    {"date_part", {"date_part", true, DatePartFn}, ResolveDatePart},
    {"date_trunc", {"date_trunc", true, DateTruncFn}, ResolveDateTrunc},
    {"current_setting", {"current_setting", true, nullptr, CurrentSetting}, ResolveCurrentSetting},
    {"set_config", {"set_config", false, nullptr, SetConfig}, ResolveSetConfig},
};

std::string ArgumentTypes(const std::vector<BoundExprPtr>& args) {
  std::string out;
  for (const auto& arg : args) {
    if (!out.empty()) out += ", ";
    out += TypeDisplayName(arg->type);
  }
  return out;
}

// select_common_type's complaint: the common type so far and the first argument's type that
// does not go with it ("text and integer").
std::string UnmatchedTypes(const std::vector<BoundExprPtr>& args) {
  Type common = Type::Of(TypeId::kUnknown);
  for (const auto& arg : args) {
    auto next = CommonType(common, arg->type);
    if (!next) return TypeDisplayName(common) + " and " + TypeDisplayName(arg->type);
    common = *next;
  }
  return ArgumentTypes(args);
}

}  // namespace

bool IsAggregateFunction(std::string_view name) {
  return name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max" ||
         name == "bool_and" || name == "bool_or" || name == "every" || name == "string_agg";
}

Result<BoundExprPtr> ResolveFunction(std::string_view name, std::vector<BoundExprPtr> args,
                                     int location, const FunctionEnvironment& environment) {
  auto constant = [](Value v, TypeId type) { return MakeConstant(std::move(v), Type::Of(type)); };
  if (args.empty()) {
    if (name == "version") return constant(Value::Text(environment.version), TypeId::kText);
    if (name == "current_database" || name == "current_catalog") {
      return constant(Value::Text(environment.database), TypeId::kText);
    }
    if (name == "current_schema") return constant(Value::Text("public"), TypeId::kText);
    if (name == "current_user" || name == "session_user" || name == "user" ||
        name == "current_role") {
      return constant(Value::Text(environment.user), TypeId::kText);
    }
    if (name == "pg_backend_pid")
      return constant(Value::Int4(environment.backend_pid), TypeId::kInt4);
    if (name == "now" || name == "current_timestamp" || name == "transaction_timestamp" ||
        name == "statement_timestamp") {
      return constant(Value::TimestampTz(environment.statement_timestamp), TypeId::kTimestampTz);
    }
    if (name == "localtimestamp") {
      return constant(Value::Timestamp(environment.statement_timestamp), TypeId::kTimestamp);
    }
    if (name == "current_date") {
      return constant(Value::Date(TimestampToDate(environment.statement_timestamp)), TypeId::kDate);
    }
  }
  if (name == "coalesce") {
    auto node = std::make_unique<BoundExpr>();
    node->kind = BoundExprKind::kCoalesce;
    if (!ResolveCommon(args, &node->type)) {
      return BindError("42804", "COALESCE types " + UnmatchedTypes(args) + " cannot be matched",
                       location);
    }
    node->children = std::move(args);
    return node;
  }
  if (auto array = ResolveArrayFunction(name, args, location)) return std::move(*array);
  if ((name == "trunc" && args.size() == 1 && args[0]->type.id == TypeId::kUnknown) ||
      (name == "mod" && args.size() == 2 && args[0]->type.id == TypeId::kUnknown &&
       args[1]->type.id == TypeId::kUnknown)) {
    // trunc(float8), trunc(numeric) and trunc(macaddr): two categories, none preferred;
    // mod has four numeric signatures and no float8 one to prefer.
    return BindError(
               "42725",
               "function " + std::string(name) + "(" + ArgumentTypes(args) + ") is not unique",
               location)
        .WithHint(
            "Could not choose a best candidate function. You might need to add explicit type "
            "casts.");
  }
  for (const Signature& signature : kFunctions) {
    if (name != signature.name) continue;
    std::string types = ArgumentTypes(args);
    Type result;
    if (!signature.resolve(args, &result)) {
      // GREATEST and LEAST are PostgreSQL expressions, not functions: their arguments'
      // types must have a common type, as COALESCE's.
      if (name == "greatest" || name == "least") {
        return BindError("42804",
                         std::string(name == "greatest" ? "GREATEST" : "LEAST") + " types " +
                             UnmatchedTypes(args) + " cannot be matched",
                         location);
      }
      return BindError("42883", "function " + std::string(name) + "(" + types + ") does not exist",
                       location)
          .WithHint(
              "No function matches the given name and argument types. You might need to "
              "add explicit type casts.");
    }
    auto node = std::make_unique<BoundExpr>();
    node->kind = BoundExprKind::kFunction;
    node->type = result;
    node->function = &signature.function;
    node->children = std::move(args);
    return node;
  }
  return BindError("42883",
                   "function " + std::string(name) + "(" + ArgumentTypes(args) + ") does not exist",
                   location)
      .WithHint(
          "No function matches the given name and argument types. You might need to add "
          "explicit type casts.");
}

}  // namespace datacave::sql
