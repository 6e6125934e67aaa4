#pragma once

// A SQL cursor (DECLARE ... CURSOR FOR query): a query's rows, handed out by FETCH and MOVE
// from a position that moves as PostgreSQL's portals move (pquery.c's DoPortalRunFetch and
// PortalRunSelect), so that every FETCH count, MOVE count and edge case answers as there.
//
// The rows are read from the plan only when a FETCH needs them, and kept in a buffer: a
// SCROLL cursor keeps every row it has read (it may move back to them); any other cursor
// drops the rows behind its position, so reading a large result batch by batch holds one
// plan batch at a time. The buffer counts against the per-query memory limit (53200).
//
// Ownership: the cursor owns its plan, the values of its $n parameters and, when it reads
// at its own snapshot, that read-only transaction. Not thread-safe: a cursor belongs to one
// session's thread.

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "sql/binder/binder.h"
#include "sql/execution/operator.h"
#include "sql/parser/ast.h"
#include "sql/storage/transaction.h"

namespace datacave::sql {

class Cursor {
 public:
  struct Options {
    bool scroll = false;  // may move backward
    bool hold = false;    // WITH HOLD
    // For pg_cursors: the DECLARE statement, and when it ran (microseconds since 2000).
    std::string statement;
    int64_t creation_time = 0;
  };

  // plan runs in context, whose parameters are replaced by the cursor's own copy of them.
  // reader: the transaction context.txn points to, when the cursor reads at a snapshot of
  // its own (nullptr: context.txn is the session's, and ReadAll must run before it changes).
  Cursor(std::string name, Options options, std::vector<OutputColumn> columns, OperatorPtr plan,
         ExecContext context, std::vector<Value> parameters, std::unique_ptr<Transaction> reader);
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // FETCH (rows != nullptr: the rows are appended) or MOVE (rows == nullptr) by direction
  // and count (ast::kFetchAll for ALL); returns the count of the tag "FETCH n" / "MOVE n".
  // Moving backward, or back to the start, is 55000 unless the cursor is SCROLL.
  Result<uint64_t> Fetch(ast::FetchDirection direction, int64_t count, std::vector<Row>* rows);

  // Reads the rest of the rows into the buffer now and lets go of the plan and its reader:
  // before the rows it reads may change, and when a WITH HOLD cursor outlives its
  // transaction (PostgreSQL materialises a holdable cursor at commit as well).
  Status ReadAll();

  const std::string& name() const { return name_; }
  const Options& options() const { return options_; }
  const std::vector<OutputColumn>& columns() const { return columns_; }
  // Past the last row (an Execute of the cursor as a portal then completes).
  bool at_end() const { return at_end_; }

 private:
  // Row number k (1-based), read from the plan if need be; nullptr past the last row.
  Result<const Row*> RowAt(uint64_t k);
  Status ReadBatch();
  // PortalRunSelect: up to count rows forward or backward from the position.
  Result<uint64_t> RunSelect(bool forward, int64_t count, std::vector<Row>* rows);
  // Back to before the first row (DoPortalRewind).
  Status Rewind();
  // A cursor that is not SCROLL forgets the rows it has passed.
  void DropPassedRows();

  const std::string name_;
  const Options options_;
  const std::vector<OutputColumn> columns_;
  OperatorPtr plan_;  // null once every row is in the buffer
  std::vector<Value> parameters_;
  std::unique_ptr<Transaction> reader_;
  ExecContext context_;

  std::deque<Row> buffer_;
  uint64_t first_buffered_ = 1;  // the row number of buffer_.front()
  uint64_t buffer_bytes_ = 0;

  // PostgreSQL's portal position: at_start_ before the first row, at_end_ past the last,
  // else on row position_ (position_ counts the rows up to and including the current one).
  bool at_start_ = true;
  bool at_end_ = false;
  uint64_t position_ = 0;
};

}  // namespace datacave::sql
