// Function calls: aggregates (collected into the GROUP BY's aggregate operator) and scalar
// functions (functions.h).

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/parser.h"

namespace datacave::sql {

Result<BoundExprPtr> Binder::BindFunction(const ast::FunctionExpr& call, Context& context) {
  std::string name = call.name.back();
  if (call.name.size() == 2 && call.name[0] != "pg_catalog") {
    return BindError("3F000", "schema \"" + call.name[0] + "\" does not exist", call.location);
  }
  if (call.name.size() > 2) {
    return BindError("0A000", "cross-database references are not implemented", call.location);
  }
  if (call.over) return BindWindowFunction(call, context);
  if (IsWindowFunction(name)) {
    return BindError("42809", "window function " + name + " requires an OVER clause",
                     call.location);
  }
  if (IsAggregateFunction(name)) return BindAggregate(call, context);
  if (name == "generate_series") {
    // A select list's set-returning function: a column of the ProjectSet operator.
    Context::SetFunction* set = context.set_function;
    if (!set) {
      return Status::NotSupported("set-returning functions are not allowed in " +
                                  std::string(context.clause))
          .WithPosition(call.location + 1);
    }
    const std::string sql = ToSql(call);
    if (set->refs.empty()) {
      Context inner = context;
      inner.set_function = nullptr;
      DC_ASSIGN_OR_RETURN(set->type, BindGenerateSeries(call, inner, &set->args));
      set->sql = sql;
    } else if (set->sql != sql) {
      return Status::NotSupported("more than one set-returning function in a select list")
          .WithPosition(call.location + 1);
    }
    auto ref = MakeColumnRef(-1, set->type);  // numbered when the plan is built
    set->refs.push_back(ref.get());
    return ref;
  }
  if (call.distinct || call.star || call.filter || !call.order_by.empty()) {
    return BindError(
        "42809",
        "DISTINCT, ORDER BY, FILTER or * specified, but " + name + " is not an aggregate function",
        call.location);
  }
  std::vector<BoundExprPtr> args;
  for (const auto& arg : call.args) {
    DC_ASSIGN_OR_RETURN(auto bound, BindExpr(*arg, context));
    args.push_back(std::move(bound));
  }
  if ((name == "extract" || name == "date_part" || name == "date_trunc") && args.size() == 2 &&
      args[1]->type.id == TypeId::kUnknown) {
    // A quoted literal fits date, timestamp, timestamptz and interval alike.
    return BindError("42725",
                     "function " + std::string(name == "extract" ? "pg_catalog." : "") + name +
                         "(unknown, unknown) is not unique",
                     call.location)
        .WithHint(
            "Could not choose a best candidate function. You might need to add explicit type "
            "casts.");
  }
  if (auto catalog_function = BindCatalogFunction(name, args, call.location)) {
    return std::move(*catalog_function);
  }
  return ResolveFunction(name, std::move(args), call.location, *environment_);
}

namespace {

// Sets *local when expr names a column of its own query, *outer when it names an enclosing
// query's (subqueries in it aside).
void NamesColumns(const BoundExpr& expr, bool* local, bool* outer) {
  if (expr.kind == BoundExprKind::kColumn) *local = true;
  if (expr.kind == BoundExprKind::kOuterRef) {
    *outer = true;
    return;
  }
  for (const auto& child : expr.children) NamesColumns(*child, local, outer);
}

}  // namespace

bool ReadsRows(const BoundExpr& expr) {
  if (expr.kind == BoundExprKind::kColumn) return true;
  if (expr.kind == BoundExprKind::kOuterRef) return false;
  if (expr.kind == BoundExprKind::kSubquery && (!expr.subquery || expr.subquery->correlated)) {
    return true;
  }
  for (const auto& child : expr.children) {
    if (ReadsRows(*child)) return true;
  }
  return false;
}

Result<BoundExprPtr> Binder::BindAggregate(const ast::FunctionExpr& call, Context& context) {
  const std::string& name = call.name.back();
  if (!context.aggregation) {
    if (context.aggregates_allowed) {
      return BindError("42803", "aggregate function calls cannot be nested", call.location);
    }
    return BindError("42803",
                     "aggregate functions are not allowed in " + std::string(context.clause),
                     call.location);
  }
  Context::Aggregation& aggregation = *context.aggregation;
  // The same aggregate twice (count(*) in the list and in HAVING) is computed once.
  const std::string sql = ToSql(call);
  for (size_t i = 0; i < aggregation.aggregate_sql.size(); ++i) {
    if (aggregation.aggregate_sql[i] == sql) {
      return MakeColumnRef(static_cast<int>(aggregation.group_sql.size() + i),
                           aggregation.aggregates[i].type);
    }
  }
  if (!call.order_by.empty() && name != "string_agg") {
    return Status::NotSupported("ORDER BY in aggregate " + name).WithPosition(call.location + 1);
  }
  // Arguments see the rows below the aggregate, where aggregates may not nest.
  Context inner;
  inner.scope = aggregation.input_scope;
  inner.clause = "aggregate function calls";
  inner.aggregates_allowed = true;
  DC_ASSIGN_OR_RETURN(AggregateSpec spec, BindAggregateSpec(call, inner));
  // An aggregate whose arguments name only an enclosing query's columns is that query's
  // aggregate in PostgreSQL; computing it here would give other rows, so it is refused.
  bool local = false, outer = false;
  for (const BoundExpr* part : {spec.arg.get(), spec.filter.get(), spec.separator.get()}) {
    if (part) NamesColumns(*part, &local, &outer);
  }
  if (outer && !local) {
    return Status::NotSupported("aggregates of only an outer query's columns are not supported yet")
        .WithPosition(call.location + 1);
  }
  if ((spec.kind == AggregateKind::kMin || spec.kind == AggregateKind::kMax) && !spec.filter &&
      !ReadsRows(*spec.arg)) {
    DC_ASSIGN_OR_RETURN(auto again, BindExpr(*call.args[0], inner));
    DC_ASSIGN_OR_RETURN(again, CoerceImplicit(std::move(again), spec.arg->type));
    aggregation.row_independent_args.push_back(std::move(again));
  }
  const Type type = spec.type;
  aggregation.aggregates.push_back(std::move(spec));
  aggregation.aggregate_sql.push_back(sql);
  return MakeColumnRef(
      static_cast<int>(aggregation.group_sql.size() + aggregation.aggregates.size() - 1), type);
}

Result<AggregateSpec> Binder::BindAggregateSpec(const ast::FunctionExpr& call, Context& inner) {
  const std::string& name = call.name.back();
  AggregateSpec spec;
  spec.distinct = call.distinct;
  auto wrong_arguments = [&]() {
    std::string types;
    return BindError("42883", "function " + name + " does not exist with these arguments",
                     call.location);
  };
  if (call.star) {
    if (name != "count")
      return BindError("42809", name + "(*) is not an aggregate function", call.location);
    spec.kind = AggregateKind::kCountStar;
    spec.type = Type::Of(TypeId::kInt8);
  } else {
    if (call.args.empty()) return wrong_arguments();
    if (name == "string_agg" ? call.args.size() != 2 : call.args.size() != 1)
      return wrong_arguments();
    DC_ASSIGN_OR_RETURN(spec.arg, BindExpr(*call.args[0], inner));
    const TypeId arg = spec.arg->type.id;
    if (name == "count") {
      spec.kind = AggregateKind::kCount;
      spec.type = Type::Of(TypeId::kInt8);
    } else if (name == "sum" || name == "avg") {
      spec.kind = name == "sum" ? AggregateKind::kSum : AggregateKind::kAvg;
      Type accumulator;
      if (arg == TypeId::kInt2 || arg == TypeId::kInt4) {
        accumulator = Type::Of(name == "sum" ? TypeId::kInt8 : TypeId::kNumeric);
      } else if (arg == TypeId::kUnknown) {
        // sum and avg take numbers and interval (and money): no category to prefer.
        return BindError("42725", "function " + name + "(unknown) is not unique", call.location)
            .WithHint(
                "Could not choose a best candidate function. You might need to add explicit "
                "type casts.");
      } else if (arg == TypeId::kInt8 || arg == TypeId::kNumeric) {
        accumulator = Type::Of(TypeId::kNumeric);
      } else if (arg == TypeId::kFloat4 || arg == TypeId::kFloat8) {
        accumulator = Type::Of(name == "sum" ? arg : TypeId::kFloat8);
      } else if (arg == TypeId::kInterval) {
        accumulator = Type::Of(TypeId::kInterval);
      } else {
        return BindError(
            "42883",
            "function " + name + "(" + TypeDisplayName(spec.arg->type) + ") does not exist",
            call.location);
      }
      DC_ASSIGN_OR_RETURN(spec.arg, CoerceImplicit(std::move(spec.arg), accumulator));
      spec.type = accumulator;
    } else if (name == "min" || name == "max") {
      spec.kind = name == "min" ? AggregateKind::kMin : AggregateKind::kMax;
      if (arg == TypeId::kUnknown) {
        DC_ASSIGN_OR_RETURN(spec.arg, CoerceImplicit(std::move(spec.arg), Type::Of(TypeId::kText)));
      }
      if (arg == TypeId::kBool) {
        return BindError("42883", "function " + name + "(boolean) does not exist", call.location)
            .WithHint(
                "No function matches the given name and argument types. You might need to add "
                "explicit type casts.");
      }
      spec.type = Type::Of(spec.arg->type.id);
    } else if (name == "bool_and" || name == "bool_or" || name == "every") {
      spec.kind = name == "bool_or" ? AggregateKind::kBoolOr : AggregateKind::kBoolAnd;
      if (arg != TypeId::kBool && arg != TypeId::kUnknown) {
        return BindError(
            "42883",
            "function " + name + "(" + TypeDisplayName(spec.arg->type) + ") does not exist",
            call.location);
      }
      DC_ASSIGN_OR_RETURN(spec.arg, CoerceImplicit(std::move(spec.arg), Type::Of(TypeId::kBool)));
      spec.type = Type::Of(TypeId::kBool);
    } else {  // string_agg
      spec.kind = AggregateKind::kStringAgg;
      if (!IsStringType(arg)) {
        return BindError(
            "42883",
            "function string_agg(" + TypeDisplayName(spec.arg->type) + ", unknown) does not exist",
            call.location);
      }
      if (!call.order_by.empty()) {
        return Status::NotSupported("ORDER BY in string_agg").WithPosition(call.location + 1);
      }
      DC_ASSIGN_OR_RETURN(spec.arg, CoerceImplicit(std::move(spec.arg), Type::Of(TypeId::kText)));
      DC_ASSIGN_OR_RETURN(spec.separator, BindExpr(*call.args[1], inner));
      DC_ASSIGN_OR_RETURN(spec.separator,
                          CoerceImplicit(std::move(spec.separator), Type::Of(TypeId::kText)));
      spec.type = Type::Of(TypeId::kText);
    }
  }
  if (call.filter) {
    inner.clause = "FILTER";
    DC_ASSIGN_OR_RETURN(spec.filter, BindExpr(*call.filter, inner));
    if (spec.filter->type.id != TypeId::kBool) {
      DC_ASSIGN_OR_RETURN(spec.filter,
                          CoerceImplicit(std::move(spec.filter), Type::Of(TypeId::kBool)));
    }
  }
  return spec;
}

Result<Type> Binder::BindGenerateSeries(const ast::FunctionExpr& call, Context& context,
                                        std::vector<BoundExprPtr>* bound_args) {
  std::vector<BoundExprPtr>& args = *bound_args;
  for (const auto& arg : call.args) {
    DC_ASSIGN_OR_RETURN(auto bound, BindExpr(*arg, context));
    args.push_back(std::move(bound));
  }
  std::string signature;
  bool all_unknown = true;
  for (const auto& arg : args) {
    signature += (signature.empty() ? "" : ", ") + TypeDisplayName(arg->type);
    all_unknown = all_unknown && arg->type.id == TypeId::kUnknown;
  }
  if (call.distinct || call.star || call.filter || !call.order_by.empty()) {
    return BindError("42809",
                     "DISTINCT, ORDER BY, FILTER or * specified, but generate_series is not an "
                     "aggregate function",
                     call.location);
  }
  if (args.size() < 2 || args.size() > 3) {
    return BindError("42883", "function generate_series(" + signature + ") does not exist",
                     call.location);
  }
  if (all_unknown) {
    return BindError("42725", "function generate_series(" + signature + ") is not unique",
                     call.location)
        .WithHint(
            "Could not choose a best candidate function. You might need to add explicit type "
            "casts.");
  }
  // PostgreSQL's candidates: (int4...), (int8...), (numeric...), (timestamp, timestamp,
  // interval), (timestamptz, timestamptz, interval); the widest the arguments need wins.
  TypeId series = TypeId::kInt4;
  bool datetime = false, numeric = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const TypeId id = args[i]->type.id;
    if (id == TypeId::kUnknown) continue;
    const bool point =
        i < 2 && (id == TypeId::kTimestamp || id == TypeId::kTimestampTz || id == TypeId::kDate);
    if (point || (i == 2 && id == TypeId::kInterval)) {
      datetime = true;
      if (point && id != TypeId::kTimestamp) series = TypeId::kTimestampTz;
      if (point && id == TypeId::kTimestamp && series != TypeId::kTimestampTz) {
        series = TypeId::kTimestamp;
      }
    } else if (id == TypeId::kInt2 || id == TypeId::kInt4) {
    } else if (id == TypeId::kInt8) {
      if (series == TypeId::kInt4) series = TypeId::kInt8;
    } else if (id == TypeId::kNumeric) {
      series = TypeId::kNumeric;
    } else {
      numeric = false;
    }
  }
  if (datetime) {
    if (series == TypeId::kInt4) series = TypeId::kTimestampTz;  // the preferred type
    if (args.size() != 3 || !numeric || series == TypeId::kInt8 || series == TypeId::kNumeric) {
      return BindError("42883", "function generate_series(" + signature + ") does not exist",
                       call.location);
    }
  } else if (!numeric) {
    return BindError("42883", "function generate_series(" + signature + ") does not exist",
                     call.location);
  }
  const Type type = Type::Of(series);
  for (size_t i = 0; i < args.size(); ++i) {
    const Type target = datetime && i == 2 ? Type::Of(TypeId::kInterval) : type;
    DC_ASSIGN_OR_RETURN(args[i], CoerceImplicit(std::move(args[i]), target));
  }
  return type;
}

}  // namespace datacave::sql
