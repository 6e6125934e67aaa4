// What UPDATE, DELETE and INSERT need of the binder beyond a query and a scalar: the FROM
// list of UPDATE ... FROM and DELETE ... USING, and a WITH clause in front of the statement.

#include <set>

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"

namespace datacave::sql {
namespace {

// The names a FROM item brings into its query's namespace: its alias or table name, or for
// a join without an alias, those of both sides.
void CollectRefNames(const ast::TableRef& ref, std::vector<std::string>* names) {
  if (!ref.alias.name.empty()) {
    names->push_back(ref.alias.name);
  } else if (ref.kind == ast::TableRefKind::kTable) {
    names->push_back(ref.name.back());
  } else if (ref.kind == ast::TableRefKind::kFunction) {
    names->push_back(ref.function->As<ast::FunctionExpr>().name.back());
  } else if (ref.kind == ast::TableRefKind::kJoin) {
    CollectRefNames(*ref.left, names);
    CollectRefNames(*ref.right, names);
  }
}

}  // namespace

Status Binder::AddWith(const ast::WithClause& with) {
  const size_t depth = ctes_.size();
  for (const auto& cte : with.ctes) {
    for (size_t i = depth; i < ctes_.size(); ++i) {
      if (ctes_[i].cte->name == cte.name) {
        return BindError("42712", "WITH query name \"" + cte.name + "\" specified more than once",
                         cte.location);
      }
    }
    ctes_.push_back({&cte, with.recursive, nullptr, {}});
  }
  return Status::Ok();
}

Result<std::vector<OperatorPtr>> Binder::BindFromList(
    const std::vector<std::unique_ptr<ast::TableRef>>& from, std::vector<ScopeColumn>* scope) {
  // PostgreSQL refuses two FROM items of one name (the target's among them), checking each
  // item once it is bound: 42712.
  std::set<std::string> seen;
  for (const ScopeColumn& column : *scope) {
    if (!column.table.empty()) seen.insert(column.table);
  }
  std::vector<OperatorPtr> items;
  for (const auto& ref : from) {
    DC_ASSIGN_OR_RETURN(auto item, BindFromItem(*ref, scope));
    std::vector<std::string> names;
    CollectRefNames(*ref, &names);
    for (const std::string& name : names) {
      if (!seen.insert(name).second) {
        return BindError("42712", "table name \"" + name + "\" specified more than once",
                         ref->location);
      }
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace datacave::sql
