// UNION / INTERSECT / EXCEPT [ALL]: both sides bound on their own, each result column
// converted to the two sides' common type (PostgreSQL's select_common_type, with an unknown
// literal taking the other side's type), then ORDER BY (result column names or positions
// only, as in PostgreSQL) and LIMIT/OFFSET over the result.

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/type_rules.h"
#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

// A column's literal (OutputColumn::literal) read as type, once, while binding.
Result<Value> ReadLiteral(const OutputColumn& column, const Type& type) {
  const Value& literal = *column.literal;
  if (literal.is_null()) return Value::Null(type.id);
  auto value = ParseText(type, literal.string_value());
  if (value.ok() || column.literal_location < 0 || value.status().position() != 0) return value;
  return value.status().WithPosition(column.literal_location + 1);
}

// The side's plan with its columns converted to types (a projection, when any differ).
Result<OperatorPtr> Convert(BoundQuery side, const std::vector<Type>& types) {
  bool same = true;
  for (size_t i = 0; i < types.size(); ++i) same = same && side.columns[i].type == types[i];
  if (same) return std::move(side.plan);
  std::vector<BoundExprPtr> exprs;
  for (size_t i = 0; i < types.size(); ++i) {
    auto column = MakeColumnRef(static_cast<int>(i), side.columns[i].type);
    if (side.columns[i].type == types[i]) {
      exprs.push_back(std::move(column));
    } else if (side.columns[i].was_unknown && side.columns[i].literal) {
      DC_ASSIGN_OR_RETURN(Value value, ReadLiteral(side.columns[i], types[i]));
      exprs.push_back(MakeConstant(std::move(value), types[i]));
    } else if (side.columns[i].was_unknown) {
      // A literal already read as text is read again by the target type's input function.
      exprs.push_back(MakeCast(std::move(column), types[i], CastContext::kExplicit));
    } else {
      DC_ASSIGN_OR_RETURN(column, CoerceImplicit(std::move(column), types[i]));
      exprs.push_back(std::move(column));
    }
  }
  return MakeProjection(std::move(side.plan), std::move(exprs));
}

}  // namespace

Result<BoundQuery> Binder::BindSetOperation(const ast::SelectStmt& query) {
  static constexpr const char* kNames[] = {"UNION", "INTERSECT", "EXCEPT"};
  const char* name = kNames[static_cast<int>(query.set_op)];
  DC_ASSIGN_OR_RETURN(BoundQuery left, BindQuery(*query.left));
  DC_ASSIGN_OR_RETURN(BoundQuery right, BindQuery(*query.right));
  if (left.columns.size() != right.columns.size()) {
    return BindError("42601",
                     "each " + std::string(name) + " query must have the same number of columns",
                     query.right->location);
  }
  BoundQuery result;
  std::vector<Type> types;
  for (size_t i = 0; i < left.columns.size(); ++i) {
    const OutputColumn& l = left.columns[i];
    const OutputColumn& r = right.columns[i];
    const Type unknown = Type::Of(TypeId::kUnknown);
    auto common = CommonType(l.was_unknown ? unknown : l.type, r.was_unknown ? unknown : r.type);
    if (!common) {
      return BindError("42804",
                       std::string(name) + " types " + TypeDisplayName(l.type) + " and " +
                           TypeDisplayName(r.type) + " cannot be matched",
                       query.right->location);
    }
    types.push_back(ResolveUnknown(*common));
    result.columns.push_back({l.name, types.back()});
    // PostgreSQL converts each column's literals before it looks at the next column.
    for (const OutputColumn* side : {&l, &r}) {
      if (side->was_unknown && side->literal && side->type != types.back()) {
        DC_RETURN_IF_ERROR(ReadLiteral(*side, types.back()).status());
      }
    }
  }
  DC_ASSIGN_OR_RETURN(OperatorPtr left_plan, Convert(std::move(left), types));
  DC_ASSIGN_OR_RETURN(OperatorPtr right_plan, Convert(std::move(right), types));
  static constexpr SetOpKind kKinds[] = {SetOpKind::kUnion, SetOpKind::kIntersect,
                                         SetOpKind::kExcept};
  OperatorPtr plan = MakeSetOperation(std::move(left_plan), std::move(right_plan),
                                      kKinds[static_cast<int>(query.set_op)], query.set_all);

  std::vector<SortKey> keys;
  for (const auto& item : query.order_by) {
    SortKey key{-1, item.descending,
                item.nulls == ast::NullsOrder::kDefault ? item.descending
                                                        : item.nulls == ast::NullsOrder::kFirst};
    const ast::Expr& expr = *item.expr;
    if (expr.kind == ast::ExprKind::kConstant &&
        expr.As<ast::ConstantExpr>().constant_kind == ast::ConstantKind::kInteger) {
      const std::string& text = expr.As<ast::ConstantExpr>().text;
      const size_t position = text.size() > 9 ? 0 : std::stoul(text);
      if (position < 1 || position > result.columns.size()) {
        return BindError("42P10", "ORDER BY position " + text + " is not in select list",
                         expr.location);
      }
      key.column = static_cast<int>(position - 1);
    } else if (expr.kind == ast::ExprKind::kColumnRef &&
               expr.As<ast::ColumnRefExpr>().names.size() == 1) {
      const std::string& column = expr.As<ast::ColumnRefExpr>().names[0];
      for (size_t i = 0; i < result.columns.size() && key.column < 0; ++i) {
        if (result.columns[i].name == column) key.column = static_cast<int>(i);
      }
      if (key.column < 0) {
        return BindError("42703", "column \"" + column + "\" does not exist", expr.location);
      }
    } else {
      return BindError("0A000", "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", expr.location)
          .WithDetail("Only result column names can be used, not expressions or functions.");
    }
    keys.push_back(key);
  }
  if (!keys.empty()) plan = MakeSort(std::move(plan), std::move(keys));
  DC_ASSIGN_OR_RETURN(result.plan, BindLimit(query, std::move(plan)));
  return result;
}

}  // namespace datacave::sql
