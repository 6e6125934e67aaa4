#pragma once

// Join algorithms: a hash join when the join condition has equality conjuncts between the
// two sides (`l.a = r.b`, expressions of one side each, of the same type), the other conjuncts
// staying as a residual filter; a nested loop for any other condition.

#include "sql/execution/expression.h"
#include "sql/execution/operator.h"

namespace datacave::sql {

// REQUIRES: condition (may be null) is bound over left's columns followed by right's.
OperatorPtr PlanJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, BoundExprPtr condition);

// The FROM items of a query (their rows' cross product) filtered by its WHERE predicate.
// Each conjunct of the predicate is applied as early as it can be: on its one item (where
// a primary key may narrow the scan), or at the join that brings its last item in, as a
// hash join key when it is an equality between the two sides. The items are joined left to
// right, except that an item the joined ones have a conjunct with goes before one they have
// none with, so that `FROM a, b, c WHERE a.x = c.x AND c.y = b.y` builds no cross product.
// Conjuncts with subqueries are applied last, over the whole row.
//
// REQUIRES: predicate (may be null) is bound over the items' columns in FROM order.
// The result has the items' columns in FROM order.
OperatorPtr PlanFromItems(std::vector<OperatorPtr> items, BoundExprPtr predicate);

}  // namespace datacave::sql
