#pragma once

// Join algorithms: a hash join when the join condition has equality conjuncts between the
// two sides (`l.a = r.b`, expressions of one side each, of the same type), the other conjuncts
// staying as a residual filter; a nested loop for any other condition.

#include "sql/execution/expression.h"
#include "sql/execution/operator.h"

namespace datacave::sql {

// REQUIRES: condition (may be null) is bound over left's columns followed by right's.
OperatorPtr PlanJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, BoundExprPtr condition);

}  // namespace datacave::sql
