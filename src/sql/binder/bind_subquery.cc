// Subqueries in expressions (scalar, EXISTS, IN, op ANY/ALL) and the outer references that
// make them correlated: a name the subquery's FROM does not have is looked up in the
// enclosing queries' scopes, innermost first, as PostgreSQL does.

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/type_rules.h"

namespace datacave::sql {
namespace {

bool IsNameNotFound(const Status& status) {
  return status.sqlstate() == "42703" || status.sqlstate() == "42P01";
}

}  // namespace

Result<BoundExprPtr> Binder::BindColumnRef(const ast::ColumnRefExpr& ref, Context& context) {
  auto local = BindLocalColumnRef(ref, context);
  if (local.ok() || outer_.empty() || !IsNameNotFound(local.status())) return local;
  // Resolve in the enclosing context with the stack as it was there, so that a name found
  // further out is wrapped once per level.
  OuterScope scope = outer_.back();
  outer_.pop_back();
  const bool was_resolving = resolving_outer_;
  resolving_outer_ = true;
  auto outer = BindExpr(ref, *scope.context);
  resolving_outer_ = was_resolving;
  outer_.push_back(scope);
  if (!outer.ok()) return IsNameNotFound(outer.status()) ? local.status() : outer.status();
  outer_.back().correlated = true;
  auto node = std::make_unique<BoundExpr>();
  node->kind = BoundExprKind::kOuterRef;
  node->type = (*outer)->type;
  node->children.push_back(std::move(outer).value());
  return node;
}

Result<BoundExprPtr> Binder::BindSubquery(const ast::SubqueryExpr& node, Context& context) {
  if (context.no_subqueries_in) {
    return Status::NotSupported("cannot use subquery in " + std::string(context.no_subqueries_in))
        .WithPosition(node.location + 1);
  }
  BoundExprPtr left;
  if (node.left) {
    DC_ASSIGN_OR_RETURN(left, BindExpr(*node.left, context));
  }
  if (node.array) return BindArrayComparison(node, std::move(left), context);

  outer_.push_back({&context, false});
  auto bound = BindQuery(*node.query);
  const bool correlated = outer_.back().correlated;
  outer_.pop_back();
  if (!bound.ok()) return bound.status();

  auto sub = std::make_shared<SubqueryPlan>();
  sub->plan = std::move(bound->plan);
  sub->correlated = correlated;
  auto result = std::make_unique<BoundExpr>();
  result->kind = BoundExprKind::kSubquery;
  result->type = Type::Of(TypeId::kBool);
  if (node.subquery_kind == ast::SubqueryKind::kExists) {
    sub->mode = SubqueryMode::kExists;
    result->subquery = std::move(sub);
    return result;
  }
  const auto& columns = bound->columns;
  if (node.subquery_kind == ast::SubqueryKind::kArray) {
    if (columns.size() != 1) {
      return BindError("42601", "subquery must return only one column", node.location);
    }
    const Type element = ResolveUnknown(columns[0].type);
    const TypeId array = ArrayTypeOf(element.id);
    if (array == TypeId::kUnknown) {
      return Status::NotSupported("ARRAY() of " + TypeDisplayName(element) +
                                  " values is not supported")
          .WithPosition(node.location + 1);
    }
    sub->mode = SubqueryMode::kArray;
    result->type = Type::Of(array);  // PostgreSQL keeps no element typmod here
    result->subquery = std::move(sub);
    return result;
  }
  if (node.subquery_kind == ast::SubqueryKind::kScalar) {
    if (columns.size() != 1) {
      return BindError("42601", "subquery must return only one column", node.location);
    }
    sub->mode = SubqueryMode::kScalar;
    result->type = columns[0].type;
    result->subquery = std::move(sub);
    return result;
  }
  if (columns.size() != 1) {
    return BindError(
        "42601",
        columns.size() > 1 ? "subquery has too many columns" : "subquery has too few columns",
        node.location);
  }
  const Type right_type = columns[0].type;
  if (left->type.id == TypeId::kUnknown) {
    DC_ASSIGN_OR_RETURN(left, CoerceImplicit(std::move(left), ResolveUnknown(right_type)));
  }
  DC_ASSIGN_OR_RETURN(
      auto comparison,
      BindPairComparison(node.subquery_kind == ast::SubqueryKind::kIn ? "=" : node.op, left->type,
                         right_type, node.location));
  sub->mode =
      node.subquery_kind == ast::SubqueryKind::kAll ? SubqueryMode::kAll : SubqueryMode::kAny;
  result->subquery = std::move(sub);
  result->children.push_back(std::move(left));
  result->children.push_back(std::move(comparison));
  if (!node.negated) return result;
  auto negation = std::make_unique<BoundExpr>();
  negation->kind = BoundExprKind::kNot;
  negation->type = Type::Of(TypeId::kBool);
  negation->children.push_back(std::move(result));
  return negation;
}

Result<BoundExprPtr> Binder::BindPairComparison(const std::string& op, const Type& left,
                                                const Type& right, int location) {
  // Bound as `?left op ?right` over a row of the two values, so it takes the same operator
  // resolution and coercions as any comparison.
  std::vector<ScopeColumn> pair_scope = {{"", "?left", left}, {"", "?right", right}};
  ast::OperatorExpr compare(location);
  compare.op = op;
  auto left_ref = std::make_unique<ast::ColumnRefExpr>(location);
  left_ref->names = {"?left"};
  auto right_ref = std::make_unique<ast::ColumnRefExpr>(location);
  right_ref->names = {"?right"};
  compare.left = std::move(left_ref);
  compare.right = std::move(right_ref);
  Context compare_context;
  compare_context.scope = &pair_scope;
  std::vector<OuterScope> saved;
  saved.swap(outer_);
  auto comparison = BindOperator(compare, compare_context);
  saved.swap(outer_);
  if (!comparison.ok()) return comparison.status();
  if ((*comparison)->type.id != TypeId::kBool) {
    return BindError("42809", "op ANY/ALL (array) requires operator to yield boolean", location);
  }
  return comparison;
}

}  // namespace datacave::sql
