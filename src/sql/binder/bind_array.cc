// Array expressions: ARRAY[...] (its elements' common type), subscripts, and
// `x op ANY / ALL (array)` (PostgreSQL's ScalarArrayOpExpr).

#include "sql/binder/array_functions.h"
#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/type_rules.h"
#include "sql/execution/operator.h"

namespace datacave::sql {

Result<BoundExprPtr> Binder::BindArrayConstructor(const ast::ArrayExpr& node, Context& context) {
  std::vector<BoundExprPtr> elements;
  Type common = Type::Of(TypeId::kUnknown);
  for (const auto& element : node.elements) {
    DC_ASSIGN_OR_RETURN(auto bound, BindExpr(*element, context));
    auto next = CommonType(common, bound->type);
    if (!next) {
      return BindError("42804",
                       "ARRAY types " + TypeDisplayName(common) + " and " +
                           TypeDisplayName(bound->type) + " cannot be matched",
                       element->location);
    }
    common = *next;
    elements.push_back(std::move(bound));
  }
  if (elements.empty()) {
    return BindError("42P18", "cannot determine type of empty array", node.location)
        .WithHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
  }
  common = ResolveUnknown(common);
  const TypeId array = ArrayTypeOf(common.id);
  if (array == TypeId::kUnknown) {
    return Status::NotSupported("multidimensional arrays are not supported")
        .WithPosition(node.location + 1);
  }
  for (auto& element : elements) {
    DC_ASSIGN_OR_RETURN(element, CoerceImplicit(std::move(element), common));
  }
  return MakeArrayConstructor(std::move(elements), Type{array, common.typmod});
}

Result<BoundExprPtr> Binder::BindSubscript(const ast::SubscriptExpr& node, Context& context) {
  DC_ASSIGN_OR_RETURN(auto array, BindExpr(*node.arg, context));
  if (!IsArrayType(array->type.id)) {
    return BindError("42804",
                     "cannot subscript type " + TypeDisplayName(array->type) +
                         " because it does not support subscripting",
                     node.arg->location);
  }
  DC_ASSIGN_OR_RETURN(auto index, BindExpr(*node.index, context));
  auto as_int = CoerceForAssignment(std::move(index), Type::Of(TypeId::kInt4), "");
  if (!as_int.ok()) {
    return BindError("42804", "array subscript must have type integer", node.index->location);
  }
  return MakeSubscript(std::move(array), std::move(as_int).value());
}

Result<BoundExprPtr> Binder::BindArrayComparison(const ast::SubqueryExpr& node, BoundExprPtr left,
                                                 Context& context) {
  DC_ASSIGN_OR_RETURN(auto array, BindExpr(*node.array, context));
  if (array->type.id == TypeId::kUnknown) {
    // '{1,2}' or $1 on the right: an array of the left operand's type.
    const Type element = ResolveUnknown(left->type);
    const TypeId type = ArrayTypeOf(element.id);
    if (type == TypeId::kUnknown) {
      return BindError("42809", "op ANY/ALL (array) requires array on right side", node.location);
    }
    DC_ASSIGN_OR_RETURN(array, CoerceImplicit(std::move(array), Type{type, element.typmod}));
  }
  if (!IsArrayType(array->type.id)) {
    return BindError("42809", "op ANY/ALL (array) requires array on right side", node.location);
  }
  const Type element{ArrayElementType(array->type.id), array->type.typmod};
  if (left->type.id == TypeId::kUnknown) {
    DC_ASSIGN_OR_RETURN(left, CoerceImplicit(std::move(left), element));
  }
  DC_ASSIGN_OR_RETURN(auto comparison,
                      BindPairComparison(node.op, left->type, element, node.location));
  auto result = std::make_unique<BoundExpr>();
  result->kind = BoundExprKind::kArrayCompare;
  result->type = Type::Of(TypeId::kBool);
  result->flag = node.subquery_kind == ast::SubqueryKind::kAll;
  result->children.push_back(std::move(left));
  result->children.push_back(std::move(array));
  result->children.push_back(std::move(comparison));
  return result;
}

Result<OperatorPtr> Binder::BindUnnest(const ast::FunctionExpr& call, Context& context) {
  std::vector<BoundExprPtr> args;
  for (const auto& arg : call.args) {
    DC_ASSIGN_OR_RETURN(auto bound, BindExpr(*arg, context));
    args.push_back(std::move(bound));
  }
  if (args.size() != 1 || !IsArrayType(args[0]->type.id)) {
    if (args.size() > 1) {
      return Status::NotSupported("unnest of several arrays is not supported")
          .WithPosition(call.location + 1);
    }
    std::string types = args.empty() ? "" : TypeDisplayName(args[0]->type);
    return BindError("42883", "function unnest(" + types + ") does not exist", call.location)
        .WithDetail(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  const Type element{ArrayElementType(args[0]->type.id), args[0]->type.typmod};
  return MakeUnnest(std::move(args[0]), element);
}

}  // namespace datacave::sql
