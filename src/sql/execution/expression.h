#pragma once

// Bound expressions: what the binder makes of the parser's expressions once names are
// resolved and types decided, and their evaluation against one row.
//
// Evaluation is row at a time inside each operator's batch loop. AND, OR, CASE and COALESCE
// evaluate lazily, so `x <> 0 AND 10 / x > 1` never divides by zero, as in PostgreSQL.
//
// Thread safety: a bound expression is immutable once built; Eval is reentrant.

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "sql/execution/interrupt.h"
#include "sql/types/cast.h"
#include "sql/types/operators.h"
#include "sql/types/value.h"

namespace datacave::sql {

struct BoundExpr;
struct SubqueryPlan;  // operator.h
class Transaction;
class SessionState;  // session_state.h
using BoundExprPtr = std::unique_ptr<BoundExpr>;
using Row = std::vector<Value>;

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

// A scalar function: its result from its (already evaluated, already cast) arguments.
// NULL arguments reach it only when strict is false.
struct EvalContext;

struct ScalarFunction {
  const char* name;
  bool strict = true;  // any NULL argument gives NULL without calling
  Result<Value> (*call)(std::span<const Value> args, const Type& result_type);
  // Instead of call, for functions of the session's state (current_setting, set_config).
  Result<Value> (*call_in_session)(std::span<const Value> args,
                                   const EvalContext& context) = nullptr;
};

enum class BoundExprKind {
  kConstant,    // constant
  kColumn,      // input row's column `index`
  kParameter,   // $index+1
  kCast,        // children[0] cast to type
  kArithmetic,  // arith(children[0], children[1])
  kNegate,
  kCompare,  // compare(children[0], children[1]) -> bool
  kAnd,
  kOr,
  kNot,
  kIsNull,       // negated: IS NOT NULL
  kIsDistinct,   // negated: IS NOT DISTINCT FROM
  kBooleanTest,  // IS TRUE / FALSE / UNKNOWN; negated flips
  kCase,         // children: [operand,] when, then, when, then, ..., [else]; see has_operand
  kCoalesce,
  kFunction,
  kLike,    // children: value, pattern; case_insensitive; negated
  kInList,  // children[0] IN (children[1..]); negated
  // A subquery (see SubqueryPlan): (SELECT ...), EXISTS, or children[0] op ANY/ALL, where
  // children[1] compares column 0 (the left value) with column 1 (a subquery row's value).
  kSubquery,
  // children[0] op ANY (flag: ALL) the array children[1], where children[2] compares column 0
  // (the left value) with column 1 (an element); evaluated in subquery.cc.
  kArrayCompare,
  // children[0] evaluated against the enclosing query's row: a correlated reference.
  kOuterRef,
  // children[0] looked up by its text form (an OID's digits, a name) in `lookup`, a table
  // the binder made from the catalog the statement sees (oid::regclass::text,
  // pg_get_indexdef(oid), $1::regtype ...); a key not in it gives `constant`, or with flag
  // the key's text. NULL gives NULL.
  kLookup,
};

struct BoundExpr {
  BoundExprKind kind = BoundExprKind::kConstant;
  Type type;
  Value constant;
  int index = -1;  // kColumn, kParameter
  ArithOp arith = ArithOp::kAdd;
  CompareOp compare = CompareOp::kEq;
  bool negated = false;
  bool flag = false;  // kCase: has an operand; kLike: ILIKE; kBooleanTest: tests TRUE (else FALSE),
                      // see test
  int test = 0;       // kBooleanTest: 0 TRUE, 1 FALSE, 2 UNKNOWN
  CastContext cast_context = CastContext::kExplicit;
  const ScalarFunction* function = nullptr;
  // kParameter: the statement's $n types, owned by whoever runs the binder; the binder
  // records a type it infers for this parameter there (a prepared statement describes it).
  std::vector<Type>* parameter_types = nullptr;
  std::shared_ptr<SubqueryPlan> subquery;                                   // kSubquery
  std::shared_ptr<const std::map<std::string, Value, std::less<>>> lookup;  // kLookup
  std::vector<BoundExprPtr> children;
};

BoundExprPtr MakeConstant(Value value, Type type);
BoundExprPtr MakeColumnRef(int index, Type type);
BoundExprPtr MakeCast(BoundExprPtr child, Type target, CastContext context);

// Marks in *read (one entry per input column) the input columns expr reads. A subquery
// might read any (its outer references are evaluated inside its plan), so it marks all.
void MarkColumnsRead(const BoundExpr& expr, std::vector<bool>* read);

// What evaluation may need beyond the row.
struct EvalContext {
  // $n values. A text value sent without a type arrives as an unknown-typed string and is
  // read as the type the binder gave the parameter.
  std::span<const Value> parameters;
  // For subqueries: the transaction they read in and the memory they may hold.
  Transaction* txn = nullptr;
  uint64_t memory_limit = 256ull << 20;
  // Inside a subquery: the enclosing query's row and context, for kOuterRef.
  const Row* outer_row = nullptr;
  const EvalContext* outer = nullptr;
  // Cancel, statement_timeout and shutdown; nullptr when nothing can interrupt.
  const StatementInterrupt* interrupt = nullptr;
  // The session, for current_setting() and set_config(); nullptr outside a
  // session.
  SessionState* session = nullptr;
};

// OK, or why the statement must stop now (see execution/interrupt.h).
inline Status CheckInterrupt(const EvalContext& context) {
  return context.interrupt ? context.interrupt->Check() : Status::Ok();
}

Result<Value> Eval(const BoundExpr& expr, const Row& row, const EvalContext& context);
// kSubquery's evaluation (subquery.cc): runs the plan, or reuses an uncorrelated one's rows.
Result<Value> EvalSubquery(const BoundExpr& expr, const Row& row, const EvalContext& context);
// kArrayCompare's evaluation (subquery.cc), with op ANY/ALL (SELECT ...)'s NULL rules.
Result<Value> EvalArrayCompare(const BoundExpr& expr, const Row& row, const EvalContext& context);

// True when the value is a non-NULL true boolean (a WHERE or HAVING passes).
inline bool IsTrue(const Value& v) {
  return !v.is_null() && v.bool_value();
}

// SQL LIKE on UTF-8 text (with escape character '\'); ILIKE folds ASCII case.
bool LikeMatch(std::string_view text, std::string_view pattern, bool case_insensitive);
// like_escape: pattern with escape (one character, or empty for none) rewritten to use
// backslash, the escape LikeMatch reads. 22025 for a longer escape.
Result<std::string> LikeEscape(std::string_view pattern, std::string_view escape);

// A short description for EXPLAIN.
std::string DescribeExpr(const BoundExpr& expr);

}  // namespace datacave::sql
