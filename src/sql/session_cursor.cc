// SQL cursors in a session: DECLARE, FETCH/MOVE and CLOSE, their end with the transaction,
// and their second life as portals of the extended protocol (psycopg 3 describes a cursor
// it declared as a portal before it fetches from it).
//
// A cursor reads at the snapshot of its DECLARE, as in PostgreSQL. When the transaction has
// written nothing yet, the cursor gets a read-only transaction of its own, taken at DECLARE,
// and reads its rows on demand; later writes of the session's transaction cannot reach it
// (nor disturb its open iterators). When the transaction has written, those writes must be
// seen, so the cursor reads all of its rows at DECLARE.

#include "sql/cursor.h"
#include "sql/session.h"

namespace datacave::sql {
namespace {

Status NoSuchCursor(std::string_view name) {
  return Status::Sql(StatusCode::kNotFound, "34000",
                     "cursor \"" + std::string(name) + "\" does not exist");
}

}  // namespace

Cursor* Session::FindCursor(std::string_view name) const {
  auto it = cursors_.find(name);
  return it == cursors_.end() ? nullptr : it->second.get();
}

std::vector<OpenCursor> Session::OpenCursors() const {
  std::vector<OpenCursor> open;
  for (const auto& [name, cursor] : cursors_) {
    const Cursor::Options& options = cursor->options();
    open.push_back({name, options.statement, options.hold, /*binary=*/false, options.scroll,
                    options.creation_time});
  }
  return open;
}

Status Session::ExecuteDeclareCursor(const ast::DeclareCursorStmt& declare,
                                     StatementResult* result) {
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  DC_ASSIGN_OR_RETURN(BoundQuery bound, binder.BindQuery(*declare.query));
  if (!parameter_types.empty()) {
    return Status::Sql(StatusCode::kInvalidArgument, "42P02", "there is no parameter $1");
  }
  if (declare.binary) {
    return Status::NotSupported("DECLARE BINARY CURSOR is not supported")
        .WithHint("Declare the cursor without BINARY; FETCH then returns text.");
  }
  // Only a WITH HOLD cursor outlives a transaction, so any other needs a block to live in
  // (an implicit transaction, even of a query string with several statements, does not do).
  if (!declare.hold && state_ != TransactionState::kInBlock) {
    return Status::Sql(StatusCode::kInvalidArgument, "25P01",
                       "DECLARE CURSOR can only be used in transaction blocks");
  }
  // Cursors and the extended protocol's portals share one namespace, as in PostgreSQL.
  if (FindCursor(declare.name) || portals_.count(declare.name)) {
    return Status::Sql(StatusCode::kInvalidArgument, "42P03",
                       "cursor \"" + declare.name + "\" already exists");
  }
  ExecContext context = MakeExecContext();
  std::unique_ptr<Transaction> reader;
  const bool read_now = txn_->has_writes();
  if (!read_now) {
    reader = std::make_unique<Transaction>(database_->db(), database_->commit_options());
    context.txn = reader.get();
    context.eval.txn = reader.get();
  }
  const Cursor::Options options{.scroll = declare.scroll,
                                .hold = declare.hold,
                                .statement = std::string(statement_text_),
                                .creation_time = environment_.statement_timestamp};
  auto cursor = std::make_unique<Cursor>(
      declare.name, options, std::move(bound.columns), std::move(bound.plan), context,
      std::vector<Value>(bound_parameters_.begin(), bound_parameters_.end()), std::move(reader));
  if (read_now) DC_RETURN_IF_ERROR(cursor->ReadAll());
  cursors_[declare.name] = std::move(cursor);
  result->tag = "DECLARE CURSOR";
  return Status::Ok();
}

Status Session::ExecuteFetch(const ast::FetchStmt& fetch, StatementResult* result) {
  Cursor* cursor = FindCursor(fetch.cursor);
  if (!cursor) return NoSuchCursor(fetch.cursor);
  DC_ASSIGN_OR_RETURN(uint64_t count, cursor->Fetch(fetch.direction, fetch.count,
                                                    fetch.move ? nullptr : &result->rows));
  if (!fetch.move) {
    result->returns_rows = true;
    result->columns = cursor->columns();
  }
  result->tag = (fetch.move ? "MOVE " : "FETCH ") + std::to_string(count);
  return Status::Ok();
}

Status Session::ExecuteCloseCursor(const ast::CloseCursorStmt& close, StatementResult* result) {
  if (close.all) {
    cursors_.clear();
    held_cursors_.clear();
    result->tag = "CLOSE CURSOR ALL";
    return Status::Ok();
  }
  auto it = cursors_.find(close.name);
  if (it == cursors_.end()) return NoSuchCursor(close.name);
  cursors_.erase(it);
  held_cursors_.erase(close.name);
  result->tag = "CLOSE CURSOR";
  return Status::Ok();
}

// An Execute of a cursor as a portal: as PostgreSQL's PortalRun of a SELECT, it fetches
// forward, tags "SELECT n", and is suspended unless it ran past the last row.
// REQUIRES: the transaction has not failed.
Result<PortalBatch> Session::ExecuteCursorPortal(Cursor& cursor, int64_t max_rows) {
  PortalBatch batch;
  StartStatementClock();
  auto count = cursor.Fetch(ast::FetchDirection::kForward, max_rows > 0 ? max_rows : ast::kFetchAll,
                            &batch.result.rows);
  interrupt_.Finish();
  if (!count.ok()) {
    AbortStatement();
    return count.status();
  }
  batch.result.returns_rows = true;
  batch.result.columns = cursor.columns();
  if (max_rows > 0 && !cursor.at_end()) {
    batch.suspended = true;
  } else {
    batch.result.tag = "SELECT " + std::to_string(*count);
  }
  return batch;
}

Status Session::CommitCursors() {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    if (!it->second->options().hold) {
      it = cursors_.erase(it);
      continue;
    }
    DC_RETURN_IF_ERROR(it->second->ReadAll());
    held_cursors_.insert(it->first);
    ++it;
  }
  return Status::Ok();
}

void Session::RollbackCursors() {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    it = held_cursors_.count(it->first) ? std::next(it) : cursors_.erase(it);
  }
}

}  // namespace datacave::sql
