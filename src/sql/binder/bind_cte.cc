// WITH queries (common table expressions) and WITH RECURSIVE. A CTE is bound again at each
// reference, in the scope where it was written (the WITH queries before it, and its own name
// too when recursive). A recursive CTE must be `non-recursive term UNION [ALL] recursive
// term`; its recursive term reads the previous round's rows through a working table.

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/type_rules.h"

namespace datacave::sql {

Result<BoundQuery> Binder::BindQuery(const ast::SelectStmt& query) {
  const size_t depth = ctes_.size();
  Status added = query.with ? AddWith(*query.with) : Status::Ok();
  auto result = added.ok() ? BindQueryBody(query) : Result<BoundQuery>(added);
  ctes_.resize(depth);
  // Whoever reads the query's rows reads all their columns; the scans below decode only
  // what the plan reads (PhysicalOperator::PruneColumns).
  if (result.ok())
    result->plan->PruneColumns(std::vector<bool>(result->plan->types().size(), true));
  return result;
}

std::optional<Result<OperatorPtr>> Binder::BindCteRef(const ast::TableRef& ref,
                                                      std::vector<ScopeColumn>* scope) {
  if (ref.name.size() != 1) return std::nullopt;
  size_t index = ctes_.size();
  while (index > 0 && ctes_[index - 1].cte->name != ref.name[0]) --index;
  if (index == 0) return std::nullopt;
  const CteEntry& entry = ctes_[--index];
  BoundQuery bound;
  if (entry.working) {
    bound.columns = entry.working_columns;
    std::vector<Type> types;
    for (const auto& column : bound.columns) types.push_back(column.type);
    bound.plan = MakeWorkingTableScan(std::move(types), entry.working);
  } else {
    auto result = BindCte(index);
    if (!result.ok()) return Result<OperatorPtr>(result.status());
    bound = std::move(result).value();
  }
  const std::string alias = ref.alias.name.empty() ? ref.name[0] : ref.alias.name;
  for (size_t i = 0; i < bound.columns.size(); ++i) {
    std::string column =
        i < ref.alias.columns.size() ? ref.alias.columns[i] : bound.columns[i].name;
    scope->push_back({alias, column, bound.columns[i].type, 0, 0});
  }
  return Result<OperatorPtr>(std::move(bound.plan));
}

Result<BoundQuery> Binder::BindCte(size_t index) {
  // Bound where it was written: later WITH queries and inner ones are out of scope.
  std::vector<CteEntry> saved(ctes_.begin() + static_cast<long>(index), ctes_.end());
  ctes_.resize(index);
  const ast::CommonTableExpr& cte = *saved[0].cte;
  const ast::SelectStmt& query = *cte.query;
  const bool recursive = saved[0].recursive && query.body == ast::SelectStmt::Body::kSetOp &&
                         query.set_op == ast::SetOpKind::kUnion && !query.with &&
                         query.order_by.empty() && !query.limit && !query.offset;
  auto bind = [&]() -> Result<BoundQuery> {
    if (!recursive) return BindQuery(query);
    DC_ASSIGN_OR_RETURN(BoundQuery anchor, BindQuery(*query.left));
    for (size_t i = 0; i < anchor.columns.size() && i < cte.columns.size(); ++i) {
      anchor.columns[i].name = cte.columns[i];
    }
    auto working = std::make_shared<std::vector<Row>>();
    ctes_.push_back({&cte, true, working, anchor.columns});
    auto step = BindQuery(*query.right);
    ctes_.pop_back();
    if (!step.ok()) return step.status();
    if (step->columns.size() != anchor.columns.size()) {
      return BindError("42601", "each UNION query must have the same number of columns",
                       query.right->location);
    }
    for (size_t i = 0; i < anchor.columns.size(); ++i) {
      const Type& want = anchor.columns[i].type;
      const Type& got = step->columns[i].type;
      if (want.id != got.id) {
        return BindError("42804",
                         "recursive query \"" + cte.name + "\" column " + std::to_string(i + 1) +
                             " has type " + TypeDisplayName(want) +
                             " in non-recursive term but type " + TypeDisplayName(got) + " overall",
                         query.left->location);
      }
    }
    BoundQuery result;
    result.columns = anchor.columns;
    result.plan = MakeRecursiveUnion(std::move(anchor.plan), std::move(step->plan),
                                     std::move(working), query.set_all);
    return result;
  };
  auto result = bind();
  ctes_.insert(ctes_.end(), saved.begin(), saved.end());
  if (!result.ok()) return result;
  if (cte.columns.size() > result->columns.size()) {
    return BindError("42P10",
                     "WITH query \"" + cte.name + "\" has " +
                         std::to_string(result->columns.size()) + " columns available but " +
                         std::to_string(cte.columns.size()) + " columns specified",
                     cte.location);
  }
  for (size_t i = 0; i < cte.columns.size(); ++i) result->columns[i].name = cte.columns[i];
  return result;
}

}  // namespace datacave::sql
