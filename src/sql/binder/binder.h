#pragma once

// The binder: resolves the parser's names against the catalog, decides every expression's
// type with PostgreSQL's rules (integer literals are int4, int8 or numeric by size; quoted
// literals take the type their context wants; mixed numeric operands widen), checks what
// PostgreSQL checks (42703 unknown column, 42702 ambiguous, 42P01 unknown table, 42803
// ungrouped column, 42883 no such operator or function), and plans the query into physical
// operators.
//
// Thread safety: one binder per statement, on the session's thread.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "sql/binder/functions.h"
#include "sql/catalog/catalog.h"
#include "sql/execution/operator.h"
#include "sql/parser/ast.h"

namespace datacave::sql {

// A result column as RowDescription describes it.
struct OutputColumn {
  std::string name;
  Type type;
  uint32_t table_oid = 0;     // the column's table, when it is a plain column reference
  int16_t column_number = 0;  // its attnum (1-based), or 0
  // Shown as text but an unknown literal: a set operation may still read it as another type.
  bool was_unknown = false;
  // When was_unknown and the column is a literal (a quoted string or NULL): the literal, and
  // its 0-based location, so that a set operation reads it as the column's type once, while
  // binding (22P02 even over no rows, as PostgreSQL), rather than row by row.
  std::optional<Value> literal;
  int literal_location = -1;
};

struct BoundQuery {
  OperatorPtr plan;
  std::vector<OutputColumn> columns;
};

// A column visible to expressions: a FROM item's column, at an index of the input row.
struct ScopeColumn {
  std::string table;  // the FROM item's name or alias
  std::string name;
  Type type;
  uint32_t table_oid = 0;
  int16_t column_number = 0;
  // The right side's copy of a JOIN ... USING column: only a qualified name (a1.k, a1.*)
  // reaches it; unqualified names and a bare `*` see the one merged column.
  bool using_duplicate = false;
  // Its place in an unqualified `*` (RankForStar); ties keep the scope's order.
  int star_rank = 0;
};

class Binder {
 public:
  // parameter_types: $n types known so far (from Parse); the binder fills in unknown ones
  // (kUnknown) from context and grows the vector for higher $n.
  Binder(TransactionCatalog* catalog, std::vector<Type>* parameter_types,
         const FunctionEnvironment* environment)
      : catalog_(catalog), parameter_types_(parameter_types), environment_(environment) {}

  Result<BoundQuery> BindQuery(const ast::SelectStmt& query);

  // An expression over the given columns (a WHERE of UPDATE/DELETE, a DEFAULT, a CHECK).
  // no_subqueries_in: where subqueries are refused (0A000), e.g. "check constraint".
  Result<BoundExprPtr> BindScalar(const ast::Expr& expr, const std::vector<ScopeColumn>& scope,
                                  const char* no_subqueries_in = nullptr);

  // A WITH clause in front of INSERT, UPDATE or DELETE: its queries stay in scope for the
  // rest of the statement (every later BindQuery, BindScalar and BindFromList sees them).
  // 42712 for a name given twice.
  Status AddWith(const ast::WithClause& with);

  // The FROM list of UPDATE ... FROM or DELETE ... USING: its items (for PlanFromItems), their
  // columns appended to *scope (which holds the target table's). 42712 when two items, the
  // target among them, have one name.
  Result<std::vector<OperatorPtr>> BindFromList(
      const std::vector<std::unique_ptr<ast::TableRef>>& from, std::vector<ScopeColumn>* scope);

  // expr converted to target for storing into a column (INSERT/UPDATE): quoted literals are
  // parsed as the column's type, other types need an assignment cast (42804 otherwise).
  Result<BoundExprPtr> CoerceForAssignment(BoundExprPtr expr, const Type& target,
                                           const std::string& column_name);

 private:
  struct Context;
  friend class ExpressionBinder;

  Result<BoundExprPtr> BindExpr(const ast::Expr& expr, Context& context);
  // A name in the current scope, else (in a subquery) in an enclosing query's.
  Result<BoundExprPtr> BindColumnRef(const ast::ColumnRefExpr& ref, Context& context);
  Result<BoundExprPtr> BindLocalColumnRef(const ast::ColumnRefExpr& ref, Context& context);
  Result<BoundExprPtr> BindSubquery(const ast::SubqueryExpr& node, Context& context);
  // `?left op ?right` over a row of two values of these types, with the operator resolution
  // of any comparison: op ANY/ALL's test of one value (42809 unless boolean).
  Result<BoundExprPtr> BindPairComparison(const std::string& op, const Type& left,
                                          const Type& right, int location);
  // Arrays (bind_array.cc): ARRAY[...], x[i], and x op ANY/ALL (array).
  Result<BoundExprPtr> BindArrayConstructor(const ast::ArrayExpr& node, Context& context);
  Result<BoundExprPtr> BindSubscript(const ast::SubscriptExpr& node, Context& context);
  Result<BoundExprPtr> BindArrayComparison(const ast::SubqueryExpr& node, BoundExprPtr left,
                                           Context& context);
  // unnest(array) in FROM.
  Result<OperatorPtr> BindUnnest(const ast::FunctionExpr& call, Context& context);
  Result<BoundExprPtr> BindOperator(const ast::OperatorExpr& node, Context& context);
  Result<BoundExprPtr> BindCase(const ast::CaseExpr& node, Context& context);
  Result<BoundExprPtr> BindFunction(const ast::FunctionExpr& call, Context& context);
  Result<BoundExprPtr> BindAggregate(const ast::FunctionExpr& call, Context& context);
  // An aggregate's kind, arguments and type; arguments bound in `inner`.
  Result<AggregateSpec> BindAggregateSpec(const ast::FunctionExpr& call, Context& inner);
  // f(...) OVER (...): a column of the window operator (bind_window.cc).
  Result<BoundExprPtr> BindWindowFunction(const ast::FunctionExpr& call, Context& context);
  Status BindWindowFrame(const ast::WindowSpec& spec, WindowFrame* frame);
  // generate_series(...)'s arguments into *args, converted to the series' type (returned).
  Result<Type> BindGenerateSeries(const ast::FunctionExpr& call, Context& context,
                                  std::vector<BoundExprPtr>* args);
  // The FROM items, each bound on its own, their columns appended to scope in order.
  Result<std::vector<OperatorPtr>> BindFrom(const ast::SelectStmt& query,
                                            std::vector<ScopeColumn>* scope);
  Result<OperatorPtr> BindTableRef(const ast::TableRef& ref, std::vector<ScopeColumn>* scope);
  // One item of a FROM list: BindTableRef, its columns ranked after those before it for `*`.
  Result<OperatorPtr> BindFromItem(const ast::TableRef& ref, std::vector<ScopeColumn>* scope);
  Result<BoundQuery> BindSelectBody(const ast::SelectStmt& query);
  Result<BoundQuery> BindValues(const ast::SelectStmt& query);
  Result<BoundQuery> BindSetOperation(const ast::SelectStmt& query);
  Result<BoundQuery> BindQueryBody(const ast::SelectStmt& query);
  // A FROM item naming a WITH query in scope, or nullopt when ref names none.
  std::optional<Result<OperatorPtr>> BindCteRef(const ast::TableRef& ref,
                                                std::vector<ScopeColumn>* scope);
  Result<BoundQuery> BindCte(size_t index);
  // The statement's view of the catalog for system relations, reg* casts and catalog
  // functions (bind_catalog.cc), made on first use.
  std::shared_ptr<const CatalogLookups> Lookups();
  // A function over the catalog (pg_get_userbyid, pg_get_indexdef ...) or one psql and
  // drivers call that needs no catalog; nullopt when name is none of them.
  std::optional<Result<BoundExprPtr>> BindCatalogFunction(const std::string& name,
                                                          std::vector<BoundExprPtr>& args,
                                                          int location);
  // expr::regclass, ::regtype, ::regnamespace, ::regrole (as OIDs), and such a cast then
  // cast to text (the object's name); expr::regproc and ::regprocedure (types of their own,
  // names resolved without the catalog); nullopt when expr is not one.
  std::optional<Result<BoundExprPtr>> BindRegCast(const ast::CastExpr& expr, Context& context);
  // query's LIMIT and OFFSET (if any) over plan.
  Result<OperatorPtr> BindLimit(const ast::SelectStmt& query, OperatorPtr plan);

  TransactionCatalog* catalog_;
  std::vector<Type>* parameter_types_;
  const FunctionEnvironment* environment_;

  // While a subquery is bound: the expression contexts it is nested in, innermost last, and
  // whether it referred to each (a correlated subquery is run once per outer row).
  struct OuterScope {
    Context* context;
    bool correlated = false;
  };
  std::vector<OuterScope> outer_;
  bool resolving_outer_ = false;  // binding a name in an enclosing query's scope

  // The WITH queries in scope, innermost last. A reference binds the query again (a CTE is
  // inlined, as a view is); inside a recursive CTE's recursive term its own name reads the
  // working table.
  struct CteEntry {
    const ast::CommonTableExpr* cte;
    bool recursive = false;
    std::shared_ptr<std::vector<Row>> working;  // set while its recursive term is bound
    std::vector<OutputColumn> working_columns;
  };
  std::vector<CteEntry> ctes_;
  std::shared_ptr<const CatalogLookups> lookups_;
};

// Makes expr of type `target` (an implicit conversion, as for operator arguments): unknown
// literals are parsed as target, other types cast if PostgreSQL casts them implicitly.
Result<BoundExprPtr> CoerceImplicit(BoundExprPtr expr, const Type& target);

// The type a result column of type `type` is shown as: unknown becomes text.
Type ResolveUnknown(const Type& type);

}  // namespace datacave::sql
