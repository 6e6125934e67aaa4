#include "sql/binder/array_functions.h"

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/type_rules.h"
#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

const Type kInt4 = Type::Of(TypeId::kInt4);
const Type kText = Type::Of(TypeId::kText);

// The one-dimensional array's bounds for dimension `dimension`, or false when it has none
// (an empty array, or another dimension).
bool Bounds(const Value& array, const Value& dimension, int64_t* lower, int64_t* upper) {
  const ArrayData& data = array.array_value();
  if (dimension.int_value() != 1 || data.elements.empty()) return false;
  *lower = data.lower_bound;
  *upper = int64_t{data.lower_bound} + static_cast<int64_t>(data.elements.size()) - 1;
  return true;
}

Result<Value> ArrayUpper(std::span<const Value> args, const Type&) {
  int64_t lower, upper;
  if (!Bounds(args[0], args[1], &lower, &upper)) return Value::Null(TypeId::kInt4);
  return Value::Int4(static_cast<int32_t>(upper));
}
Result<Value> ArrayLower(std::span<const Value> args, const Type&) {
  int64_t lower, upper;
  if (!Bounds(args[0], args[1], &lower, &upper)) return Value::Null(TypeId::kInt4);
  return Value::Int4(static_cast<int32_t>(lower));
}
Result<Value> ArrayLength(std::span<const Value> args, const Type&) {
  int64_t lower, upper;
  if (!Bounds(args[0], args[1], &lower, &upper)) return Value::Null(TypeId::kInt4);
  return Value::Int4(static_cast<int32_t>(upper - lower + 1));
}
Result<Value> Cardinality(std::span<const Value> args, const Type&) {
  return Value::Int4(static_cast<int32_t>(args[0].array_value().elements.size()));
}

// array_to_string(array, delimiter [, null_string]): NULL elements are skipped unless a
// null_string is given. Not strict in the third argument.
Result<Value> ArrayToString(std::span<const Value> args, const Type&) {
  if (args[0].is_null() || args[1].is_null()) return Value::Null(TypeId::kText);
  const bool null_string = args.size() > 2 && !args[2].is_null();
  std::string out;
  bool any = false;
  for (const Value& e : args[0].array_value().elements) {
    if (e.is_null() && !null_string) continue;
    if (any) out += args[1].string_value();
    any = true;
    if (e.is_null()) {
      out += args[2].string_value();
    } else {
      AppendText(e, &out);
    }
  }
  return Value::Text(std::move(out));
}

// array_cat, and the element || array and array || element forms (arguments made arrays
// by the binder). NULL arrays are empty; the result starts at the first array's lower bound.
Result<Value> ArrayCat(std::span<const Value> args, const Type& type) {
  if (args[0].is_null() && args[1].is_null()) return Value::Null(type.id);
  if (args[0].is_null()) return args[1];
  if (args[1].is_null()) return args[0];
  const ArrayData& a = args[0].array_value();
  const ArrayData& b = args[1].array_value();
  std::vector<Value> elements = a.elements;
  elements.insert(elements.end(), b.elements.begin(), b.elements.end());
  const int32_t lower = a.elements.empty() ? b.lower_bound : a.lower_bound;
  return Value::Array(type.id, std::move(elements), lower);
}
Result<Value> ArrayAppend(std::span<const Value> args, const Type& type) {
  std::vector<Value> elements;
  int32_t lower = 1;
  if (!args[0].is_null()) {
    elements = args[0].array_value().elements;
    lower = args[0].array_value().lower_bound;
  }
  elements.push_back(args[1]);
  return Value::Array(type.id, std::move(elements), lower);
}
Result<Value> ArrayPrepend(std::span<const Value> args, const Type& type) {
  std::vector<Value> elements{args[0]};
  int32_t lower = 1;
  if (!args[1].is_null()) {
    const ArrayData& b = args[1].array_value();
    elements.insert(elements.end(), b.elements.begin(), b.elements.end());
    if (!b.elements.empty()) lower = b.lower_bound;  // as PostgreSQL 15: the bound stays
  }
  return Value::Array(type.id, std::move(elements), lower);
}

Result<Value> Constructor(std::span<const Value> args, const Type& type) {
  return Value::Array(type.id, std::vector<Value>(args.begin(), args.end()));
}

Result<Value> Subscript(std::span<const Value> args, const Type& type) {
  const ArrayData& array = args[0].array_value();
  const int64_t i = args[1].int_value() - array.lower_bound;
  if (i < 0 || i >= static_cast<int64_t>(array.elements.size())) return Value::Null(type.id);
  return array.elements[static_cast<size_t>(i)];
}

constexpr ScalarFunction kArrayUpper{"array_upper", true, ArrayUpper};
constexpr ScalarFunction kArrayLower{"array_lower", true, ArrayLower};
constexpr ScalarFunction kArrayLength{"array_length", true, ArrayLength};
constexpr ScalarFunction kCardinality{"cardinality", true, Cardinality};
constexpr ScalarFunction kArrayToString{"array_to_string", false, ArrayToString};
constexpr ScalarFunction kArrayCat{"array_cat", false, ArrayCat};
constexpr ScalarFunction kArrayAppend{"array_append", false, ArrayAppend};
constexpr ScalarFunction kArrayPrepend{"array_prepend", false, ArrayPrepend};
constexpr ScalarFunction kConstructor{"array", false, Constructor};
constexpr ScalarFunction kSubscript{"array_subscript", true, Subscript};

BoundExprPtr Call(const ScalarFunction& function, std::vector<BoundExprPtr> args, Type type) {
  auto node = std::make_unique<BoundExpr>();
  node->kind = BoundExprKind::kFunction;
  node->type = type;
  node->function = &function;
  node->children = std::move(args);
  return node;
}

bool Coerce(BoundExprPtr& arg, const Type& type) {
  auto coerced = CoerceImplicit(std::move(arg), type);
  if (!coerced.ok()) return false;
  arg = std::move(coerced).value();
  return true;
}

bool IsArrayArg(const BoundExprPtr& arg) {
  return IsArrayType(arg->type.id);
}

// int2vector and oidvector concatenate as the int2[] and oid[] they are.
Type PlainArray(TypeId id) {
  if (id == TypeId::kInt2Vector) return Type::Of(TypeId::kInt2Array);
  if (id == TypeId::kOidVector) return Type::Of(TypeId::kOidArray);
  return Type::Of(id);
}

// array || array, element || array, array || element; false when the operands do not fit.
// An unknown literal next to an array is an array, as PostgreSQL prefers anyarray || anyarray.
bool ResolveConcat(std::vector<BoundExprPtr>& args, const ScalarFunction** function, Type* result) {
  if (args.size() != 2) return false;
  BoundExprPtr& a = args[0];
  BoundExprPtr& b = args[1];
  if (!IsArrayArg(a) && !IsArrayArg(b)) return false;
  if (IsArrayArg(a) && IsArrayArg(b)) {
    auto common = CommonType(a->type, b->type);
    if (!common) return false;
    *result = PlainArray(common->id);
    *function = &kArrayCat;
    return Coerce(a, *result) && Coerce(b, *result);
  }
  BoundExprPtr& array = IsArrayArg(a) ? a : b;
  BoundExprPtr& other = IsArrayArg(a) ? b : a;
  *result = PlainArray(array->type.id);
  if (other->kind == BoundExprKind::kConstant && other->type.id == TypeId::kUnknown) {
    *function = &kArrayCat;
    return Coerce(a, *result) && Coerce(b, *result);
  }
  *function = IsArrayArg(a) ? &kArrayAppend : &kArrayPrepend;
  return Coerce(array, *result) && Coerce(other, Type::Of(ArrayElementType(result->id)));
}

}  // namespace

std::optional<Result<BoundExprPtr>> ResolveArrayFunction(std::string_view name,
                                                         std::vector<BoundExprPtr>& args,
                                                         int location) {
  std::string types;
  for (const auto& arg : args) {
    if (!types.empty()) types += name == "||" ? " || " : ", ";
    types += TypeDisplayName(arg->type);
  }
  if (name == "unnest") {
    return Status::NotSupported("unnest is supported only in FROM")
        .WithPosition(location >= 0 ? location + 1 : 0);
  }
  if (name != "||" && !args.empty() && args[0]->type.id == TypeId::kUnknown &&
      (name == "array_upper" || name == "array_lower" || name == "array_length" ||
       name == "cardinality" || name == "array_to_string" || name == "array_cat")) {
    return BindError("42804", "could not determine polymorphic type because input has type unknown",
                     location);
  }
  const ScalarFunction* function = nullptr;
  Type result = kInt4;
  bool fits = false;
  if (name == "array_upper" || name == "array_lower" || name == "array_length") {
    function = name == "array_upper"   ? &kArrayUpper
               : name == "array_lower" ? &kArrayLower
                                       : &kArrayLength;
    fits = args.size() == 2 && IsArrayArg(args[0]) && Coerce(args[1], kInt4);
  } else if (name == "cardinality") {
    function = &kCardinality;
    fits = args.size() == 1 && IsArrayArg(args[0]);
  } else if (name == "array_to_string") {
    function = &kArrayToString;
    result = kText;
    fits = (args.size() == 2 || args.size() == 3) && IsArrayArg(args[0]) &&
           Coerce(args[1], kText) && (args.size() == 2 || Coerce(args[2], kText));
  } else if (name == "array_cat") {
    fits = args.size() == 2 && IsArrayArg(args[0]) && IsArrayArg(args[1]) &&
           ResolveConcat(args, &function, &result);
  } else if (name == "||") {
    fits = ResolveConcat(args, &function, &result);
  } else {
    return std::nullopt;
  }
  if (!fits) {
    const std::string shown =
        name == "||" ? "operator does not exist: " + types
                     : "function " + std::string(name) + "(" + types + ") does not exist";
    return BindError("42883", shown, location)
        .WithDetail(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  return Call(*function, std::move(args), result);
}

BoundExprPtr MakeArrayConstructor(std::vector<BoundExprPtr> elements, const Type& array_type) {
  return Call(kConstructor, std::move(elements), array_type);
}

BoundExprPtr MakeSubscript(BoundExprPtr array, BoundExprPtr index) {
  const Type element{ArrayElementType(array->type.id), array->type.typmod};
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(array));
  args.push_back(std::move(index));
  return Call(kSubscript, std::move(args), element);
}

}  // namespace datacave::sql
