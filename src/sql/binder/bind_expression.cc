// Expressions: names, constants, operators, casts, CASE, predicates, function calls and
// aggregates, each given PostgreSQL's type.

#include <charconv>

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/functions.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/parser.h"
#include "sql/types/cast.h"

namespace datacave::sql {

Type ResolveUnknown(const Type& type) {
  return type.id == TypeId::kUnknown ? Type::Of(TypeId::kText) : type;
}

namespace {

constexpr const char* kNoOperatorHint =
    "No operator matches the given name and argument types. You might need to add explicit "
    "type casts.";

Status At(Status status, int location, std::string_view query) {
  (void)query;
  if (location < 0 || status.position() != 0) return status;
  return status.WithPosition(location + 1);
}

bool IsUnknownLiteral(const BoundExpr& expr) {
  return expr.kind == BoundExprKind::kConstant && expr.type.id == TypeId::kUnknown;
}

// PostgreSQL's functional dependency: whether scope[column] is a column of a table (not a
// view or subquery) whose primary key columns, of the same FROM item, are all GROUP BY
// columns, so that it has one value per group.
bool GroupedByPrimaryKey(const std::vector<ScopeColumn>& scope, const std::vector<int>& groups,
                         const TransactionCatalog& catalog, size_t column) {
  const ScopeColumn& c = scope[column];
  if (c.table_oid < kFirstTableOid) return false;
  for (const auto& table : catalog.Tables()) {
    if (table->oid() != c.table_oid) continue;
    if (table->is_view || table->primary_key.empty()) return false;
    for (int key : table->primary_key) {
      bool grouped = false;
      for (int g : groups) {
        if (g < 0) continue;
        const ScopeColumn& group = scope[static_cast<size_t>(g)];
        grouped = grouped || (group.table == c.table && group.table_oid == c.table_oid &&
                              group.column_number == key + 1);
      }
      if (!grouped) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

Status BindError(std::string_view sqlstate, std::string message, int location) {
  Status s = Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::move(message));
  return location >= 0 ? s.WithPosition(location + 1) : s;
}

Result<BoundExprPtr> CoerceImplicit(BoundExprPtr expr, const Type& target) {
  if (expr->type.id == target.id && (expr->type.typmod == target.typmod || target.typmod < 0)) {
    return expr;
  }
  if (IsUnknownLiteral(*expr)) {
    // A quoted literal is read by the target type's input function, once, here.
    if (expr->constant.is_null()) return MakeConstant(Value::Null(target.id), target);
    DC_ASSIGN_OR_RETURN(Value v, ParseText(target, expr->constant.string_value()));
    return MakeConstant(std::move(v), target);
  }
  if (expr->kind == BoundExprKind::kParameter && expr->type.id == TypeId::kUnknown) {
    expr->type = target;
    if (expr->parameter_types) (*expr->parameter_types)[static_cast<size_t>(expr->index)] = target;
    return expr;
  }
  if (expr->type.id == TypeId::kUnknown ||
      CanCast(expr->type.id, target.id, CastContext::kImplicit)) {
    return MakeCast(std::move(expr), target, CastContext::kImplicit);
  }
  return Status::Sql(
      StatusCode::kInvalidArgument, "42804",
      "cannot convert " + TypeDisplayName(expr->type) + " to " + TypeDisplayName(target));
}

Result<BoundExprPtr> Binder::CoerceForAssignment(BoundExprPtr expr, const Type& target,
                                                 const std::string& column_name) {
  if (IsUnknownLiteral(*expr) ||
      (expr->kind == BoundExprKind::kParameter && expr->type.id == TypeId::kUnknown)) {
    return CoerceImplicit(std::move(expr), target);
  }
  if (expr->type == target) return expr;
  if (expr->type.id == TypeId::kUnknown ||
      CanCast(expr->type.id, target.id, CastContext::kAssignment)) {
    return MakeCast(std::move(expr), target, CastContext::kAssignment);
  }
  return Status::Sql(StatusCode::kInvalidArgument, "42804",
                     "column \"" + column_name + "\" is of type " + TypeDisplayName(target) +
                         " but expression is of type " + TypeDisplayName(expr->type))
      .WithDetail("You will need to rewrite or cast the expression.");
}

namespace {

// Coerces both operands to their common type, or fails as PostgreSQL does when there is no
// operator for the pair.
Status UnifyOperands(BoundExprPtr* a, BoundExprPtr* b, std::string_view op, int location) {
  auto common = CommonType((*a)->type, (*b)->type);
  if (!common) {
    return BindError("42883",
                     "operator does not exist: " + TypeDisplayName((*a)->type) + " " +
                         std::string(op) + " " + TypeDisplayName((*b)->type),
                     location)
        .WithHint(kNoOperatorHint);
  }
  if (IsOidType(common->id) &&
      ((*a)->type.id == TypeId::kUnknown || (*b)->type.id == TypeId::kUnknown)) {
    // regproc has no operators of its own: PostgreSQL compares it as an oid, so
    // `typinput = 'textin'` reads the literal as an oid (22P02).
    common = Type::Of(TypeId::kOid);
  }
  DC_ASSIGN_OR_RETURN(*a, CoerceImplicit(std::move(*a), ResolveUnknown(*common)));
  DC_ASSIGN_OR_RETURN(*b, CoerceImplicit(std::move(*b), ResolveUnknown(*common)));
  return Status::Ok();
}

BoundExprPtr MakeNode(BoundExprKind kind, Type type) {
  auto node = std::make_unique<BoundExpr>();
  node->kind = kind;
  node->type = type;
  return node;
}

Result<BoundExprPtr> RequireBoolean(BoundExprPtr expr, std::string_view what, int location) {
  if (expr->type.id == TypeId::kBool) return expr;
  if (expr->type.id == TypeId::kUnknown)
    return CoerceImplicit(std::move(expr), Type::Of(TypeId::kBool));
  return BindError("42804",
                   "argument of " + std::string(what) + " must be type boolean, not type " +
                       TypeDisplayName(expr->type),
                   location);
}

// The result type of date/time arithmetic, or nullopt when the pair has none.
std::optional<Type> DateTimeArithmetic(ArithOp op, TypeId a, TypeId b) {
  const bool is_int = b == TypeId::kInt4 || b == TypeId::kInt2 || b == TypeId::kInt8;
  if (a == TypeId::kDate) {
    if (is_int && (op == ArithOp::kAdd || op == ArithOp::kSub)) return Type::Of(TypeId::kDate);
    if (b == TypeId::kDate && op == ArithOp::kSub) return Type::Of(TypeId::kInt4);
    if (b == TypeId::kInterval && (op == ArithOp::kAdd || op == ArithOp::kSub)) {
      return Type::Of(TypeId::kTimestamp);
    }
  }
  if (a == TypeId::kTimestamp || a == TypeId::kTimestampTz) {
    if (b == TypeId::kInterval && (op == ArithOp::kAdd || op == ArithOp::kSub)) return Type::Of(a);
    if (b == a && op == ArithOp::kSub) return Type::Of(TypeId::kInterval);
  }
  if (a == TypeId::kInterval) {
    if (b == TypeId::kInterval && (op == ArithOp::kAdd || op == ArithOp::kSub)) {
      return Type::Of(TypeId::kInterval);
    }
    if (IsNumericType(b) && (op == ArithOp::kMul || op == ArithOp::kDiv)) {
      return Type::Of(TypeId::kInterval);
    }
  }
  if (is_int && b != TypeId::kDate && a == TypeId::kInt4 && op == ArithOp::kAdd)
    return std::nullopt;
  return std::nullopt;
}

}  // namespace

Result<BoundExprPtr> Binder::BindScalar(const ast::Expr& expr,
                                        const std::vector<ScopeColumn>& scope,
                                        const char* no_subqueries_in) {
  Context context;
  context.scope = &scope;
  context.no_subqueries_in = no_subqueries_in;
  context.clause = "this context";
  return BindExpr(expr, context);
}

Result<BoundExprPtr> Binder::BindExpr(const ast::Expr& expr, Context& context) {
  // Under GROUP BY, a whole expression equal to a grouping expression is that group column.
  if (context.aggregation) {
    const std::string sql = ToSql(expr);
    const auto& groups = context.aggregation->group_sql;
    for (size_t i = 0; i < groups.size(); ++i) {
      if (groups[i] == sql) {
        return MakeColumnRef(static_cast<int>(i), context.aggregation->group_types[i]);
      }
    }
    if (expr.kind == ast::ExprKind::kColumnRef && !expr.As<ast::ColumnRefExpr>().star) {
      // A column spelled differently from its GROUP BY entry (t.a for a) is still that group.
      Context input;
      input.scope = context.aggregation->input_scope;
      auto column = BindColumnRef(expr.As<ast::ColumnRefExpr>(), input);
      if (!column.ok()) return column.status();
      const auto& inputs = context.aggregation->group_input_columns;
      for (size_t i = 0; i < inputs.size(); ++i) {
        if ((*column)->kind == BoundExprKind::kColumn && inputs[i] == (*column)->index) {
          return MakeColumnRef(static_cast<int>(i), context.aggregation->group_types[i]);
        }
      }
    }
  }
  switch (expr.kind) {
    case ast::ExprKind::kConstant: {
      const auto& constant = expr.As<ast::ConstantExpr>();
      switch (constant.constant_kind) {
        case ast::ConstantKind::kNull: return MakeConstant(Value(), Type::Of(TypeId::kUnknown));
        case ast::ConstantKind::kBoolean:
          return MakeConstant(Value::Bool(constant.bool_value), Type::Of(TypeId::kBool));
        case ast::ConstantKind::kInteger: {
          int64_t v = 0;
          const std::string& text = constant.text;
          auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
          if (ec == std::errc() && end == text.data() + text.size()) {
            if (v >= INT32_MIN && v <= INT32_MAX) {
              return MakeConstant(Value::Int4(static_cast<int32_t>(v)), Type::Of(TypeId::kInt4));
            }
            return MakeConstant(Value::Int8(v), Type::Of(TypeId::kInt8));
          }
          [[fallthrough]];
        }
        case ast::ConstantKind::kNumeric: {
          auto v = ParseText(Type::Of(TypeId::kNumeric), constant.text);
          if (!v.ok()) return At(v.status(), expr.location, "");
          return MakeConstant(std::move(v).value(), Type::Of(TypeId::kNumeric));
        }
        case ast::ConstantKind::kString:
          return MakeConstant(Value::String(TypeId::kUnknown, constant.text),
                              Type::Of(TypeId::kUnknown));
        case ast::ConstantKind::kBitString:
          return Status::NotSupported("bit string constants are not supported")
              .WithPosition(expr.location + 1);
      }
      break;
    }
    case ast::ExprKind::kColumnRef: return BindColumnRef(expr.As<ast::ColumnRefExpr>(), context);
    case ast::ExprKind::kParameter: {
      const int index = expr.As<ast::ParameterExpr>().index;
      if (index < 1 || index > 65535) {
        return BindError("42P02", "there is no parameter $" + std::to_string(index), expr.location);
      }
      if (parameter_types_->size() < static_cast<size_t>(index)) {
        parameter_types_->resize(static_cast<size_t>(index), Type::Of(TypeId::kUnknown));
      }
      auto node =
          MakeNode(BoundExprKind::kParameter, (*parameter_types_)[static_cast<size_t>(index - 1)]);
      node->index = index - 1;
      node->parameter_types = parameter_types_;
      context.parameters.push_back(node.get());
      return node;
    }
    case ast::ExprKind::kOperator: return BindOperator(expr.As<ast::OperatorExpr>(), context);
    case ast::ExprKind::kBool: {
      const auto& node = expr.As<ast::BoolExpr>();
      auto bound = MakeNode(node.op == ast::BoolOp::kAnd  ? BoundExprKind::kAnd
                            : node.op == ast::BoolOp::kOr ? BoundExprKind::kOr
                                                          : BoundExprKind::kNot,
                            Type::Of(TypeId::kBool));
      const char* what = node.op == ast::BoolOp::kAnd  ? "AND"
                         : node.op == ast::BoolOp::kOr ? "OR"
                                                       : "NOT";
      for (const auto& arg : node.args) {
        DC_ASSIGN_OR_RETURN(auto child, BindExpr(*arg, context));
        DC_ASSIGN_OR_RETURN(child, RequireBoolean(std::move(child), what, arg->location));
        bound->children.push_back(std::move(child));
      }
      return bound;
    }
    case ast::ExprKind::kNullTest: {
      const auto& node = expr.As<ast::NullTestExpr>();
      auto bound = MakeNode(BoundExprKind::kIsNull, Type::Of(TypeId::kBool));
      bound->negated = node.negated;
      DC_ASSIGN_OR_RETURN(auto child, BindExpr(*node.arg, context));
      bound->children.push_back(std::move(child));
      return bound;
    }
    case ast::ExprKind::kBooleanTest: {
      const auto& node = expr.As<ast::BooleanTestExpr>();
      auto bound = MakeNode(BoundExprKind::kBooleanTest, Type::Of(TypeId::kBool));
      const int test = static_cast<int>(node.test);
      bound->test = test / 2;
      bound->negated = test % 2 == 1;
      DC_ASSIGN_OR_RETURN(auto child, BindExpr(*node.arg, context));
      DC_ASSIGN_OR_RETURN(child, RequireBoolean(std::move(child), "IS TRUE", node.location));
      bound->children.push_back(std::move(child));
      return bound;
    }
    case ast::ExprKind::kDistinctFrom: {
      const auto& node = expr.As<ast::DistinctFromExpr>();
      DC_ASSIGN_OR_RETURN(auto a, BindExpr(*node.left, context));
      DC_ASSIGN_OR_RETURN(auto b, BindExpr(*node.right, context));
      DC_RETURN_IF_ERROR(UnifyOperands(&a, &b, "=", node.location));
      auto bound = MakeNode(BoundExprKind::kIsDistinct, Type::Of(TypeId::kBool));
      bound->negated = node.negated;
      bound->children.push_back(std::move(a));
      bound->children.push_back(std::move(b));
      return bound;
    }
    case ast::ExprKind::kBetween: {
      const auto& node = expr.As<ast::BetweenExpr>();
      auto range = [&](const ast::Expr& low, const ast::Expr& high) -> Result<BoundExprPtr> {
        DC_ASSIGN_OR_RETURN(auto value_low, BindExpr(*node.arg, context));
        DC_ASSIGN_OR_RETURN(auto value_high, BindExpr(*node.arg, context));
        DC_ASSIGN_OR_RETURN(auto lo, BindExpr(low, context));
        DC_ASSIGN_OR_RETURN(auto hi, BindExpr(high, context));
        DC_RETURN_IF_ERROR(UnifyOperands(&value_low, &lo, ">=", node.location));
        DC_RETURN_IF_ERROR(UnifyOperands(&value_high, &hi, "<=", node.location));
        auto both = MakeNode(BoundExprKind::kAnd, Type::Of(TypeId::kBool));
        auto ge = MakeNode(BoundExprKind::kCompare, Type::Of(TypeId::kBool));
        ge->compare = CompareOp::kGe;
        ge->children.push_back(std::move(value_low));
        ge->children.push_back(std::move(lo));
        auto le = MakeNode(BoundExprKind::kCompare, Type::Of(TypeId::kBool));
        le->compare = CompareOp::kLe;
        le->children.push_back(std::move(value_high));
        le->children.push_back(std::move(hi));
        both->children.push_back(std::move(ge));
        both->children.push_back(std::move(le));
        return both;
      };
      DC_ASSIGN_OR_RETURN(auto result, range(*node.low, *node.high));
      if (node.symmetric) {
        auto either = MakeNode(BoundExprKind::kOr, Type::Of(TypeId::kBool));
        either->children.push_back(std::move(result));
        DC_ASSIGN_OR_RETURN(auto swapped, range(*node.high, *node.low));
        either->children.push_back(std::move(swapped));
        result = std::move(either);
      }
      if (node.negated) {
        auto negation = MakeNode(BoundExprKind::kNot, Type::Of(TypeId::kBool));
        negation->children.push_back(std::move(result));
        result = std::move(negation);
      }
      return result;
    }
    case ast::ExprKind::kInList: {
      const auto& node = expr.As<ast::InListExpr>();
      auto bound = MakeNode(BoundExprKind::kInList, Type::Of(TypeId::kBool));
      bound->negated = node.negated;
      DC_ASSIGN_OR_RETURN(auto needle, BindExpr(*node.arg, context));
      Type common = needle->type;
      std::vector<BoundExprPtr> items;
      for (const auto& item : node.list) {
        DC_ASSIGN_OR_RETURN(auto bound_item, BindExpr(*item, context));
        auto next = CommonType(common, bound_item->type);
        if (!next) {
          return BindError("42883",
                           "operator does not exist: " + TypeDisplayName(common) + " = " +
                               TypeDisplayName(bound_item->type),
                           item->location)
              .WithHint(kNoOperatorHint);
        }
        common = *next;
        items.push_back(std::move(bound_item));
      }
      common = ResolveUnknown(common);
      DC_ASSIGN_OR_RETURN(needle, CoerceImplicit(std::move(needle), common));
      bound->children.push_back(std::move(needle));
      for (auto& item : items) {
        DC_ASSIGN_OR_RETURN(item, CoerceImplicit(std::move(item), common));
        bound->children.push_back(std::move(item));
      }
      return bound;
    }
    case ast::ExprKind::kLike: {
      const auto& node = expr.As<ast::LikeExpr>();
      if (node.like_kind == ast::LikeKind::kSimilar) {
        // As PostgreSQL: x ~ similar_to_escape(pattern [, escape]).
        std::vector<BoundExprPtr> pattern_args;
        for (const ast::Expr* part : {node.pattern.get(), node.escape.get()}) {
          if (!part) continue;
          DC_ASSIGN_OR_RETURN(auto child, BindExpr(*part, context));
          pattern_args.push_back(std::move(child));
        }
        std::vector<BoundExprPtr> args;
        DC_ASSIGN_OR_RETURN(auto arg, BindExpr(*node.arg, context));
        args.push_back(std::move(arg));
        DC_ASSIGN_OR_RETURN(
            auto regex, ResolveFunction("similar_to_escape", std::move(pattern_args), node.location,
                                        *environment_));
        args.push_back(std::move(regex));
        if (!IsStringType(args[0]->type.id)) {
          return BindError("42883",
                           "operator does not exist: " + TypeDisplayName(args[0]->type) + " ~ text",
                           node.location)
              .WithHint(kNoOperatorHint);
        }
        return ResolveFunction(node.negated ? "textregexne" : "textregexeq", std::move(args),
                               node.location, *environment_);
      }
      auto bound = MakeNode(BoundExprKind::kLike, Type::Of(TypeId::kBool));
      bound->negated = node.negated;
      bound->flag = node.like_kind == ast::LikeKind::kILike;
      // The ESCAPE string is a third child; Eval rewrites the pattern with it (like_escape).
      for (const ast::Expr* part : {node.arg.get(), node.pattern.get(), node.escape.get()}) {
        if (!part) continue;
        DC_ASSIGN_OR_RETURN(auto child, BindExpr(*part, context));
        if (!IsStringType(child->type.id)) {
          return BindError(
                     "42883",
                     "operator does not exist: " + TypeDisplayName(child->type) + " ~~ unknown",
                     node.location)
              .WithHint(kNoOperatorHint);
        }
        DC_ASSIGN_OR_RETURN(child, CoerceImplicit(std::move(child), Type::Of(TypeId::kText)));
        bound->children.push_back(std::move(child));
      }
      return bound;
    }
    case ast::ExprKind::kCast: {
      const auto& node = expr.As<ast::CastExpr>();
      if (auto reg = BindRegCast(node, context)) return std::move(*reg);
      std::vector<int64_t> modifiers(node.type.modifiers.begin(), node.type.modifiers.end());
      auto target = LookupType(node.type.name, modifiers, node.type.array);
      if (!target.ok()) return At(target.status(), node.type.location, "");
      if (node.arg->kind == ast::ExprKind::kArray && IsArrayType(target->id) &&
          node.arg->As<ast::ArrayExpr>().elements.empty()) {
        return MakeConstant(Value::Array(target->id, {}), *target);  // ARRAY[]::int[]
      }
      DC_ASSIGN_OR_RETURN(auto child, BindExpr(*node.arg, context));
      if (IsUnknownLiteral(*child)) {
        if (child->constant.is_null()) return MakeConstant(Value::Null(target->id), *target);
        auto v = ParseText(*target, child->constant.string_value());
        if (!v.ok()) return At(v.status(), node.arg->location, "");
        return MakeConstant(std::move(v).value(), *target);
      }
      if (child->kind == BoundExprKind::kParameter && child->type.id == TypeId::kUnknown) {
        return CoerceImplicit(std::move(child), *target);
      }
      if (child->type.id != TypeId::kUnknown &&
          !CanCast(child->type.id, target->id, CastContext::kExplicit)) {
        return BindError(
            "42846",
            "cannot cast type " + TypeDisplayName(child->type) + " to " + TypeDisplayName(*target),
            node.location);
      }
      return MakeCast(std::move(child), *target, CastContext::kExplicit);
    }
    case ast::ExprKind::kCase: return BindCase(expr.As<ast::CaseExpr>(), context);
    case ast::ExprKind::kFunction: return BindFunction(expr.As<ast::FunctionExpr>(), context);
    case ast::ExprKind::kSubquery: return BindSubquery(expr.As<ast::SubqueryExpr>(), context);
    case ast::ExprKind::kRow:
      return Status::NotSupported("row constructors are not supported")
          .WithPosition(expr.location + 1);
    case ast::ExprKind::kDefault:
      return BindError("42601", "DEFAULT is not allowed in this context", expr.location);
    case ast::ExprKind::kArray: return BindArrayConstructor(expr.As<ast::ArrayExpr>(), context);
    case ast::ExprKind::kSubscript: return BindSubscript(expr.As<ast::SubscriptExpr>(), context);
  }
  return Status::NotSupported("expression");
}

Result<BoundExprPtr> Binder::BindLocalColumnRef(const ast::ColumnRefExpr& ref, Context& context) {
  if (ref.star) {
    return BindError("42601", "row expansion via \"*\" is not supported here", ref.location);
  }
  if (context.aggregation) {
    // A name the FROM clause does not have may be an enclosing query's (outer reference).
    Context input;
    input.scope = context.aggregation->input_scope;
    DC_ASSIGN_OR_RETURN(auto input_column, BindLocalColumnRef(ref, input));
    // Not a grouping expression (checked by the caller) and not inside an aggregate.
    Context::Aggregation& aggregation = *context.aggregation;
    if (GroupedByPrimaryKey(*aggregation.input_scope, aggregation.group_input_columns, *catalog_,
                            static_cast<size_t>(input_column->index))) {
      // Grouped by its table's primary key: its one value per group, read by an aggregate
      // (min over equal values, or NULLs) computed once however often it is named.
      const std::string key =
          "\x01"
          "dependent " +
          std::to_string(input_column->index);
      size_t i = 0;
      while (i < aggregation.aggregate_sql.size() && aggregation.aggregate_sql[i] != key) ++i;
      const Type type = input_column->type;
      if (i == aggregation.aggregate_sql.size()) {
        AggregateSpec spec;
        spec.kind = AggregateKind::kMin;
        spec.arg = std::move(input_column);
        spec.type = type;
        aggregation.aggregates.push_back(std::move(spec));
        aggregation.aggregate_sql.push_back(key);
      }
      return MakeColumnRef(static_cast<int>(aggregation.group_sql.size() + i), type);
    }
    std::string name;
    for (const auto& part : ref.names) name += (name.empty() ? "" : ".") + part;
    const auto* scope = context.aggregation->input_scope;
    std::string qualified = name;
    if (ref.names.size() == 1) {
      for (const auto& column : *scope) {
        if (column.name == ref.names[0] && !column.using_duplicate) {
          qualified = column.table.empty() ? column.name : column.table + "." + column.name;
          break;
        }
      }
    }
    if (aggregation.ungrouped.ok()) {
      aggregation.ungrouped =
          resolving_outer_
              ? BindError("42803",
                          "subquery uses ungrouped column \"" + qualified + "\" from outer query",
                          ref.location)
              : BindError("42803",
                          "column \"" + qualified +
                              "\" must appear in the GROUP BY clause or be used in an aggregate "
                              "function",
                          ref.location);
    }
    // A stand-in of the column's type; the query fails with `ungrouped` once bound.
    return input_column;
  }
  const std::vector<ScopeColumn>& scope = *context.scope;
  const std::string& column = ref.names.back();
  const std::string table = ref.names.size() >= 2 ? ref.names[ref.names.size() - 2] : "";
  int found = -1;
  bool table_seen = table.empty();
  for (size_t i = 0; i < scope.size(); ++i) {
    if (!table.empty()) {
      if (scope[i].table != table) continue;
      table_seen = true;
    } else if (scope[i].using_duplicate) {
      continue;
    }
    if (scope[i].name != column) continue;
    if (found >= 0) {
      return BindError("42702", "column reference \"" + column + "\" is ambiguous", ref.location);
    }
    found = static_cast<int>(i);
  }
  if (found < 0) {
    if (!table_seen) {
      // A table that is in FROM under an alias: PostgreSQL points at the alias.
      const auto named = catalog_->Find(table);
      for (size_t i = 0; named && i < scope.size(); ++i) {
        if (scope[i].table_oid != named->oid() || scope[i].table.empty()) continue;
        return BindError("42P01",
                         "invalid reference to FROM-clause entry for table \"" + table + "\"",
                         ref.location)
            .WithHint("Perhaps you meant to reference the table alias \"" + scope[i].table + "\".");
      }
      return BindError("42P01", "missing FROM-clause entry for table \"" + table + "\"",
                       ref.location);
    }
    // PostgreSQL quotes a bare name only: column "y", column t.y.
    std::string name = table.empty() ? "\"" + column + "\"" : table + "." + column;
    return BindError("42703", "column " + name + " does not exist", ref.location);
  }
  return MakeColumnRef(found, scope[static_cast<size_t>(found)].type);
}

Result<BoundExprPtr> Binder::BindOperator(const ast::OperatorExpr& node, Context& context) {
  const std::string& op = node.op;
  if (!node.left) {
    DC_ASSIGN_OR_RETURN(auto operand, BindExpr(*node.right, context));
    if (operand->type.id == TypeId::kUnknown) {
      // PostgreSQL's candidates for an unknown operand: prefix - (and ~) have numeric and
      // other categories (interval; bit, inet), so none is chosen (42725); + and @ exist for
      // numbers only, of which float8 is the preferred type.
      if (op == "-" || op == "~") {
        return BindError("42725", "operator is not unique: " + op + " unknown", node.location)
            .WithHint(
                "Could not choose a best candidate operator. You might need to add explicit "
                "type casts.");
      }
      if (op == "+" || op == "@" || op == "|/") {
        DC_ASSIGN_OR_RETURN(operand, CoerceImplicit(std::move(operand), Type::Of(TypeId::kFloat8)));
      }
    }
    if (op == "+" && (IsNumericType(operand->type.id) || operand->type.id == TypeId::kInterval)) {
      return operand;
    }
    if (op == "-") {
      if (IsNumericType(operand->type.id) || operand->type.id == TypeId::kInterval) {
        auto bound = MakeNode(BoundExprKind::kNegate, operand->type);
        bound->children.push_back(std::move(operand));
        return bound;
      }
    }
    if ((op == "@" || op == "|/") && IsNumericType(operand->type.id)) {
      std::vector<BoundExprPtr> args;
      args.push_back(std::move(operand));
      return ResolveFunction(op == "@" ? "abs" : "sqrt", std::move(args), node.location,
                             *environment_);
    }
    return BindError("42883",
                     "operator does not exist: " + op + " " + TypeDisplayName(operand->type),
                     node.location)
        .WithHint(
            "No operator matches the given name and argument type. You might need to add "
            "an explicit type cast.");
  }
  DC_ASSIGN_OR_RETURN(auto a, BindExpr(*node.left, context));
  DC_ASSIGN_OR_RETURN(auto b, BindExpr(*node.right, context));
  static constexpr std::pair<std::string_view, CompareOp> kComparisons[] = {
      {"=", CompareOp::kEq},  {"<>", CompareOp::kNe}, {"<", CompareOp::kLt},
      {"<=", CompareOp::kLe}, {">", CompareOp::kGt},  {">=", CompareOp::kGe}};
  for (const auto& [name, compare] : kComparisons) {
    if (op != name) continue;
    DC_RETURN_IF_ERROR(UnifyOperands(&a, &b, op, node.location));
    auto bound = MakeNode(BoundExprKind::kCompare, Type::Of(TypeId::kBool));
    bound->compare = compare;
    bound->children.push_back(std::move(a));
    bound->children.push_back(std::move(b));
    return bound;
  }
  static constexpr std::pair<std::string_view, std::string_view> kRegexOperators[] = {
      {"~", "textregexeq"},
      {"!~", "textregexne"},
      {"~*", "texticregexeq"},
      {"!~*", "texticregexne"}};
  for (const auto& [name, function] : kRegexOperators) {
    if (op != name) continue;
    if (!IsStringType(a->type.id) || !IsStringType(b->type.id)) {
      return BindError("42883",
                       "operator does not exist: " + TypeDisplayName(a->type) + " " + op + " " +
                           TypeDisplayName(b->type),
                       node.location)
          .WithHint(kNoOperatorHint);
    }
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return ResolveFunction(function, std::move(args), node.location, *environment_);
  }
  if (op == "||") {
    if (IsArrayType(a->type.id) || IsArrayType(b->type.id)) {
      std::vector<BoundExprPtr> args;
      args.push_back(std::move(a));
      args.push_back(std::move(b));
      return ResolveFunction("||", std::move(args), node.location, *environment_);
    }
    if (!IsStringType(a->type.id) && !IsStringType(b->type.id)) {
      return BindError("42883",
                       "operator does not exist: " + TypeDisplayName(a->type) + " || " +
                           TypeDisplayName(b->type),
                       node.location)
          .WithHint(kNoOperatorHint);
    }
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return ResolveFunction("textcat", std::move(args), node.location, *environment_);
  }
  if (op == "^") {
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return ResolveFunction("power", std::move(args), node.location, *environment_);
  }
  static constexpr std::pair<std::string_view, ArithOp> kArithmetic[] = {{"+", ArithOp::kAdd},
                                                                         {"-", ArithOp::kSub},
                                                                         {"*", ArithOp::kMul},
                                                                         {"/", ArithOp::kDiv},
                                                                         {"%", ArithOp::kMod}};
  for (const auto& [name, arith] : kArithmetic) {
    if (op != name) continue;
    // The operand types as written, for the error when no operator fits.
    const std::string operands =
        TypeDisplayName(a->type) + " " + op + " " + TypeDisplayName(b->type);
    // An unknown literal next to a date/time value takes that value's type, except that a
    // date plus or minus a literal reads it as a number of days (date + integer).
    if (a->type.id == TypeId::kUnknown && b->type.id != TypeId::kUnknown &&
        !IsNumericType(b->type.id)) {
      DC_ASSIGN_OR_RETURN(a, CoerceImplicit(std::move(a), b->type));
    }
    if (b->type.id == TypeId::kUnknown && IsDateTimeType(a->type.id)) {
      const Type wanted =
          a->type.id == TypeId::kDate ? Type::Of(TypeId::kInt4) : Type::Of(TypeId::kInterval);
      DC_ASSIGN_OR_RETURN(b, CoerceImplicit(std::move(b), wanted));
    }
    if (b->type.id == TypeId::kUnknown && a->type.id == TypeId::kInterval) {
      DC_ASSIGN_OR_RETURN(b, CoerceImplicit(std::move(b), Type::Of(TypeId::kInterval)));
    }
    std::optional<Type> result;
    if ((IsNumericType(a->type.id) || a->type.id == TypeId::kUnknown) &&
        (IsNumericType(b->type.id) || b->type.id == TypeId::kUnknown)) {
      if (a->type.id == TypeId::kUnknown && b->type.id == TypeId::kUnknown) {
        return BindError("42725", "operator is not unique: unknown " + op + " unknown",
                         node.location)
            .WithHint(
                "Could not choose a best candidate operator. You might need to add explicit "
                "type casts.");
      }
      if (arith == ArithOp::kMod &&
          (a->type.id == TypeId::kFloat4 || a->type.id == TypeId::kFloat8 ||
           b->type.id == TypeId::kFloat4 || b->type.id == TypeId::kFloat8)) {
        return BindError("42883",
                         "operator does not exist: " + TypeDisplayName(a->type) + " % " +
                             TypeDisplayName(b->type),
                         node.location)
            .WithHint(kNoOperatorHint);
      }
      DC_RETURN_IF_ERROR(UnifyOperands(&a, &b, op, node.location));
      result = Type::Of(a->type.id);
    } else if (a->type.id == TypeId::kInterval && IsNumericType(b->type.id) &&
               (arith == ArithOp::kMul || arith == ArithOp::kDiv)) {
      DC_ASSIGN_OR_RETURN(b, CoerceImplicit(std::move(b), Type::Of(TypeId::kFloat8)));
      result = Type::Of(TypeId::kInterval);
    } else if (IsNumericType(a->type.id) && b->type.id == TypeId::kInterval &&
               arith == ArithOp::kMul) {
      // n * interval is interval * n.
      std::swap(a, b);
      DC_ASSIGN_OR_RETURN(b, CoerceImplicit(std::move(b), Type::Of(TypeId::kFloat8)));
      result = Type::Of(TypeId::kInterval);
    } else if (IsNumericType(a->type.id) && b->type.id == TypeId::kDate && arith == ArithOp::kAdd) {
      std::swap(a, b);
      DC_ASSIGN_OR_RETURN(b, CoerceImplicit(std::move(b), Type::Of(TypeId::kInt4)));
      result = Type::Of(TypeId::kDate);
    } else if (a->type.id == TypeId::kInterval && IsDateTimeType(b->type.id) &&
               arith == ArithOp::kAdd) {
      std::swap(a, b);
      result = DateTimeArithmetic(arith, a->type.id, b->type.id);
    } else {
      if (a->type.id == TypeId::kDate && IsNumericType(b->type.id)) {
        DC_ASSIGN_OR_RETURN(b, CoerceImplicit(std::move(b), Type::Of(TypeId::kInt4)));
      }
      result = DateTimeArithmetic(arith, a->type.id, b->type.id);
    }
    if (!result) {
      return BindError("42883", "operator does not exist: " + operands, node.location)
          .WithHint(kNoOperatorHint);
    }
    auto bound = MakeNode(BoundExprKind::kArithmetic, *result);
    bound->arith = arith;
    bound->children.push_back(std::move(a));
    bound->children.push_back(std::move(b));
    return bound;
  }
  return BindError("42883",
                   "operator does not exist: " + TypeDisplayName(a->type) + " " + op + " " +
                       TypeDisplayName(b->type),
                   node.location)
      .WithHint(kNoOperatorHint);
}

Result<BoundExprPtr> Binder::BindCase(const ast::CaseExpr& node, Context& context) {
  auto bound = MakeNode(BoundExprKind::kCase, Type::Of(TypeId::kUnknown));
  BoundExprPtr operand;
  if (node.arg) {
    DC_ASSIGN_OR_RETURN(operand, BindExpr(*node.arg, context));
    // An unknown literal as CASE's operand is text, whatever the WHEN values are.
    if (operand->type.id == TypeId::kUnknown) {
      DC_ASSIGN_OR_RETURN(operand, CoerceImplicit(std::move(operand), Type::Of(TypeId::kText)));
    }
    bound->flag = true;
  }
  std::vector<BoundExprPtr> conditions, results;
  Type result_type = Type::Of(TypeId::kUnknown);
  // The CASE's type so far, widened to cover one more branch (42804 when nothing does).
  auto widen = [&](const Type& branch, int location) -> Status {
    auto common = CommonType(result_type, branch);
    if (!common) {
      return BindError("42804",
                       "CASE types " + TypeDisplayName(result_type) + " and " +
                           TypeDisplayName(branch) + " cannot be matched",
                       location);
    }
    result_type = *common;
    return Status::Ok();
  };
  for (const auto& when : node.whens) {
    DC_ASSIGN_OR_RETURN(auto condition, BindExpr(*when.condition, context));
    if (operand) {
      auto common = CommonType(operand->type, condition->type);
      if (!common) {
        return BindError("42883",
                         "operator does not exist: " + TypeDisplayName(operand->type) + " = " +
                             TypeDisplayName(condition->type),
                         when.condition->location)
            .WithHint(kNoOperatorHint);
      }
      // Each WHEN is its own `operand = value`, compared in the pair's common type: the
      // operand keeps its type and is cast to the value's at evaluation (see Eval).
      DC_ASSIGN_OR_RETURN(condition, CoerceImplicit(std::move(condition), ResolveUnknown(*common)));
      if (operand->type.id == TypeId::kUnknown) {
        DC_ASSIGN_OR_RETURN(operand, CoerceImplicit(std::move(operand), ResolveUnknown(*common)));
      }
    } else {
      DC_ASSIGN_OR_RETURN(
          condition, RequireBoolean(std::move(condition), "CASE/WHEN", when.condition->location));
    }
    DC_ASSIGN_OR_RETURN(auto result, BindExpr(*when.result, context));
    DC_RETURN_IF_ERROR(widen(result->type, when.result->location));
    conditions.push_back(std::move(condition));
    results.push_back(std::move(result));
  }
  BoundExprPtr else_result;
  if (node.else_result) {
    DC_ASSIGN_OR_RETURN(else_result, BindExpr(*node.else_result, context));
    DC_RETURN_IF_ERROR(widen(else_result->type, node.else_result->location));
  }
  result_type = ResolveUnknown(result_type);
  bound->type = result_type;
  if (operand) bound->children.push_back(std::move(operand));
  for (size_t i = 0; i < conditions.size(); ++i) {
    bound->children.push_back(std::move(conditions[i]));
    DC_ASSIGN_OR_RETURN(auto result, CoerceImplicit(std::move(results[i]), result_type));
    bound->children.push_back(std::move(result));
  }
  if (else_result) {
    DC_ASSIGN_OR_RETURN(else_result, CoerceImplicit(std::move(else_result), result_type));
    bound->children.push_back(std::move(else_result));
  }
  return bound;
}

}  // namespace datacave::sql
