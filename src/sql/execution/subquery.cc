// Subqueries in expressions: scalar, EXISTS, ARRAY(...), and op ANY/ALL (IN is = ANY; NOT IN
// is its negation, which keeps SQL's NULL rule: x NOT IN (..., NULL) is NULL unless x
// matched); and op ANY/ALL over an array, which follows the same rules.

#include "sql/execution/operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

// The subquery's first `wanted` rows (all when 0), from the cache or by running the plan
// with `row` as the outer row.
Result<const std::vector<Row>*> Rows(SubqueryPlan& sub, size_t wanted, const Row& row,
                                     const EvalContext& context) {
  if (sub.cached) return &sub.rows;
  ExecContext exec;
  exec.txn = context.txn;
  exec.memory_limit = context.memory_limit;
  exec.eval = context;
  exec.eval.outer_row = &row;
  exec.eval.outer = &context;
  sub.plan->Rewind();
  sub.rows.clear();
  Batch batch;
  uint64_t bytes = 0;
  while (wanted == 0 || sub.rows.size() < wanted) {
    DC_RETURN_IF_ERROR(sub.plan->Next(exec, &batch));
    if (batch.empty()) break;
    for (auto& r : batch) {
      bytes += ApproximateRowBytes(r);
      sub.rows.push_back(std::move(r));
    }
    if (bytes > context.memory_limit) {
      return MemoryLimitExceeded("a subquery", context.memory_limit);
    }
  }
  sub.cached = !sub.correlated;
  return &sub.rows;
}

// op ANY (any) or op ALL over values: the comparison of left with each, under SQL's rules
// (true as soon as one is true for ANY, false as soon as one is false for ALL, else NULL if
// one was NULL).
template <typename Values, typename Get>
Result<Value> Quantify(Value left, const Values& values, Get get, const BoundExpr& comparison,
                       bool any, const EvalContext& context) {
  if (values.empty()) return Value::Bool(!any);
  Row pair{std::move(left), Value()};
  bool saw_null = false;
  for (const auto& item : values) {
    pair[1] = get(item);
    DC_ASSIGN_OR_RETURN(Value v, Eval(comparison, pair, context));
    if (v.is_null()) {
      saw_null = true;
    } else if (v.bool_value() == any) {
      return Value::Bool(any);
    }
  }
  return saw_null ? Value::Null(TypeId::kBool) : Value::Bool(!any);
}

}  // namespace

Result<Value> EvalSubquery(const BoundExpr& expr, const Row& row, const EvalContext& context) {
  SubqueryPlan& sub = *expr.subquery;
  switch (sub.mode) {
    case SubqueryMode::kScalar: {
      DC_ASSIGN_OR_RETURN(const std::vector<Row>* rows, Rows(sub, 2, row, context));
      if (rows->size() > 1) {
        return Status::Sql(StatusCode::kInvalidArgument, "21000",
                           "more than one row returned by a subquery used as an expression");
      }
      if (rows->empty()) return Value::Null(expr.type.id);
      return (*rows)[0][0];
    }
    case SubqueryMode::kArray: {
      DC_ASSIGN_OR_RETURN(const std::vector<Row>* rows, Rows(sub, 0, row, context));
      const TypeId element = ArrayElementType(expr.type.id);
      std::vector<Value> elements;
      elements.reserve(rows->size());
      for (const Row& r : *rows) {
        if (r[0].is_null()) {
          elements.push_back(Value::Null(element));
        } else if (r[0].type() == element) {
          elements.push_back(r[0]);
        } else {  // an unknown literal's column, shown as text
          DC_ASSIGN_OR_RETURN(Value v, Cast(r[0], Type::Of(element), CastContext::kImplicit));
          elements.push_back(std::move(v));
        }
      }
      return Value::Array(expr.type.id, std::move(elements));
    }
    case SubqueryMode::kExists: {
      DC_ASSIGN_OR_RETURN(const std::vector<Row>* rows, Rows(sub, 1, row, context));
      return Value::Bool(!rows->empty());
    }
    case SubqueryMode::kAny:
    case SubqueryMode::kAll: {
      const bool any = sub.mode == SubqueryMode::kAny;
      DC_ASSIGN_OR_RETURN(const std::vector<Row>* rows, Rows(sub, 0, row, context));
      if (rows->empty()) return Value::Bool(!any);
      DC_ASSIGN_OR_RETURN(Value left, Eval(*expr.children[0], row, context));
      return Quantify(
          std::move(left), *rows, [](const Row& r) -> const Value& { return r[0]; },
          *expr.children[1], any, context);
    }
  }
  return Status::NotSupported("subquery");
}

Result<Value> EvalArrayCompare(const BoundExpr& expr, const Row& row, const EvalContext& context) {
  DC_ASSIGN_OR_RETURN(Value left, Eval(*expr.children[0], row, context));
  DC_ASSIGN_OR_RETURN(Value array, Eval(*expr.children[1], row, context));
  if (array.is_null()) return Value::Null(TypeId::kBool);
  return Quantify(
      std::move(left), array.array_value().elements,
      [](const Value& v) -> const Value& { return v; }, *expr.children[2], !expr.flag, context);
}

}  // namespace datacave::sql
