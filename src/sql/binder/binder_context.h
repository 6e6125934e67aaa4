#pragma once

// The binder's per-expression state, shared by its implementation files.

#include <string>
#include <vector>

#include "sql/binder/binder.h"

namespace datacave::sql {

struct Binder::Context {
  const std::vector<ScopeColumn>* scope = nullptr;
  // Where the expression is, for "aggregate functions are not allowed in WHERE".
  const char* clause = "WHERE";
  bool aggregates_allowed = false;
  const char* no_subqueries_in = nullptr;  // "check constraint", "DEFAULT expression"

  // Set while binding above a GROUP BY (or an aggregate): expressions see the aggregate's
  // output (the groups, then the aggregates) rather than the FROM clause's rows.
  struct Aggregation {
    std::vector<std::string> group_sql;  // each GROUP BY expression as ToSql prints it
    std::vector<Type> group_types;
    std::vector<int> group_input_columns;  // the input column a group is, or -1
    std::vector<AggregateSpec> aggregates;
    std::vector<std::string> aggregate_sql;  // to reuse one aggregate used twice
    const std::vector<ScopeColumn>* input_scope = nullptr;
    // The arguments of min and max calls that name no column of the rows aggregated, bound
    // again: PostgreSQL's min/max optimisation may evaluate such an argument before the scan,
    // even over no rows (BindSelectBody decides whether it does).
    std::vector<BoundExprPtr> row_independent_args;
    // The first column named outside GROUP BY and aggregates (42803). PostgreSQL checks for
    // them once the whole query is analysed, so its other errors (42883, 42725 ...) come
    // first: BindSelectBody returns this one at its end.
    Status ungrouped = Status::Ok();
  };
  Aggregation* aggregation = nullptr;

  // Set while binding a select list or ORDER BY, where window functions may appear. Each
  // distinct window becomes one window operator above the aggregate; a call binds to a
  // column whose number is known only once every aggregate is (FinishWindows sets it).
  struct Windowing {
    const std::vector<ast::NamedWindow>* named = nullptr;
    struct Window {
      std::string key;  // the window as SQL, to share one operator
      WindowDefinition definition;
      std::vector<WindowFunctionSpec> functions;
      std::vector<BoundExpr*> refs;  // the column reference of each function
    };
    std::vector<Window> windows;
  };
  Windowing* windowing = nullptr;

  // Set while binding a select list: its generate_series call (one, maybe used twice).
  struct SetFunction {
    std::string sql;
    std::vector<BoundExprPtr> args;
    Type type;
    std::vector<BoundExpr*> refs;
  };
  SetFunction* set_function = nullptr;

  std::vector<BoundExpr*> parameters;  // parameter nodes bound, to retype at the end
};

// A function that is only a window function (row_number, rank, lag ...): bind_window.cc.
bool IsWindowFunction(std::string_view name);

// Whether expr's value may depend on the row it is evaluated on: it names a column of it,
// or holds a correlated subquery (which might name one). Outer references do not count.
bool ReadsRows(const BoundExpr& expr);

// The column name PostgreSQL gives an unnamed select-list or RETURNING item (FigureColname).
std::string FigureColumnName(const ast::Expr& expr);

// What `*` or `t.*` (star, at a 0-based location) expands to in a select list or RETURNING:
// the scope's column indexes in output order. 42P01 when no FROM item is called t.
Result<std::vector<size_t>> StarColumns(const std::vector<ScopeColumn>& scope,
                                        const ast::ColumnRefExpr& star, int location);

// A 4xxxx error at a 0-based byte location of the statement (-1: none).
Status BindError(std::string_view sqlstate, std::string message, int location);

}  // namespace datacave::sql
