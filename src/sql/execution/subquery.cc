// Subqueries in expressions: scalar, EXISTS, and op ANY/ALL (IN is = ANY; NOT IN is its
// negation, which keeps SQL's NULL rule: x NOT IN (..., NULL) is NULL unless x matched).

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

// An array element as PostgreSQL's array output writes it: quoted when empty, "NULL", or
// holding a delimiter, brace, quote, backslash or white space.
std::string ArrayElementText(const std::string& text) {
  bool quote = text.empty() || text == "NULL" || text == "null";
  for (char c : text) {
    if (c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || c == ' ' || c == '\t' ||
        c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      quote = true;
    }
  }
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
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
      std::string out = "{";
      for (const Row& r : *rows) {
        if (out.size() > 1) out += ',';
        out += r[0].is_null() ? "NULL" : ArrayElementText(ToText(r[0]));
      }
      return Value::Text(out + "}");
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
      Row pair{std::move(left), Value()};
      bool saw_null = false;
      for (const Row& r : *rows) {
        pair[1] = r[0];
        DC_ASSIGN_OR_RETURN(Value v, Eval(*expr.children[1], pair, context));
        if (v.is_null()) {
          saw_null = true;
        } else if (v.bool_value() == any) {
          return Value::Bool(any);
        }
      }
      return saw_null ? Value::Null(TypeId::kBool) : Value::Bool(!any);
    }
  }
  return Status::NotSupported("subquery");
}

}  // namespace datacave::sql
