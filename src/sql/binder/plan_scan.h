#pragma once

// Access paths: how one table is read for a WHERE clause. When equality conjuncts
// `key column = constant or parameter` pin every primary-key column, the scan reads exactly
// that key; with a one-column integer or text key, <, <=, >, >= and BETWEEN give a key range.
// Otherwise the whole table is read. The predicate stays as a filter above the scan either
// way: the range only narrows what is read.

#include <memory>
#include <string>

#include "sql/catalog/catalog.h"
#include "sql/execution/expression.h"
#include "sql/execution/operator.h"

namespace datacave::sql {

// REQUIRES: predicate (may be null) is bound over the table's columns, column i of its input
// being column i of the table. relation is EXPLAIN's name for it ("t" or "t x").
OperatorPtr PlanTableScan(std::shared_ptr<const TableInfo> table, const BoundExpr* predicate,
                          bool with_key, const std::string& relation);

// For a plan whose root is a whole-table scan: the scan PlanTableScan chooses for predicate;
// any other plan is returned as it is.
OperatorPtr NarrowTableScan(OperatorPtr plan, const BoundExpr& predicate);

}  // namespace datacave::sql
