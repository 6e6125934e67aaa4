#pragma once

// The SQL engine's entry point. A Database is the shared state of one data directory (the
// LSM, the catalog); a Session is one client's: its settings, its transaction, and the
// statements it runs. The server creates one Session per connection and calls it from that
// connection's thread only.
//
// Transactions follow PostgreSQL: outside BEGIN each statement commits on its own (a query
// string with several statements runs them as one implicit transaction); inside, a failed
// statement aborts the transaction and every later one answers 25P02 until ROLLBACK.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "lsm/db.h"
#include "sql/binder/binder.h"
#include "sql/binder/functions.h"
#include "sql/catalog/catalog.h"
#include "sql/execution/interrupt.h"
#include "sql/session_state.h"
#include "sql/storage/transaction.h"

namespace datacave::sql {

class Cursor;

// Until step 5 brings concurrency control, statements that write take turns. A statement
// waiting for its turn can still be cancelled or time out. (A condition variable rather than
// std::timed_mutex, whose timed lock ThreadSanitizer cannot follow.)
class WriterTurn {
 public:
  // The turn while it lives.
  class Held {
   public:
    Held() = default;
    explicit Held(WriterTurn* turn) : turn_(turn) {}
    Held(Held&& other) noexcept : turn_(std::exchange(other.turn_, nullptr)) {}
    Held& operator=(Held&&) = delete;
    ~Held() { Release(); }
    void Release() {
      if (turn_) std::exchange(turn_, nullptr)->Release();
    }

   private:
    WriterTurn* turn_ = nullptr;
  };

  // Waits for the turn, giving up with interrupt's error (checked every 10 ms; nullptr:
  // waits for as long as it takes).
  Result<Held> Acquire(const StatementInterrupt* interrupt);

 private:
  void Release();

  std::mutex mutex_;
  std::condition_variable released_;
  bool held_ = false;
};

class Database {
 public:
  // Loads the catalog. db must outlive the Database.
  static Result<std::unique_ptr<Database>> Open(lsm::DB* db, lsm::WriteOptions commit_options);

  lsm::DB* db() const { return db_; }
  Catalog* catalog() const { return catalog_.get(); }
  const lsm::WriteOptions& commit_options() const { return commit_options_; }
  WriterTurn& writer_turn() { return writer_turn_; }

 private:
  Database(lsm::DB* db, lsm::WriteOptions commit_options, std::unique_ptr<Catalog> catalog)
      : db_(db), commit_options_(commit_options), catalog_(std::move(catalog)) {}

  lsm::DB* const db_;
  const lsm::WriteOptions commit_options_;
  std::unique_ptr<Catalog> catalog_;
  WriterTurn writer_turn_;
};

enum class TransactionState { kIdle, kInBlock, kFailed };

// A NoticeResponse (or WARNING): PostgreSQL's severity, SQLSTATE and message.
struct Notice {
  std::string severity = "NOTICE";
  std::string sqlstate;
  std::string message;
};

// A COPY statement's data transfer: none, COPY FROM STDIN, or COPY TO STDOUT.
enum class CopyDirection { kNone, kIn, kOut };

// One statement's outcome, as the wire protocol reports it.
struct StatementResult {
  std::string tag;            // CommandComplete: "SELECT 3", "INSERT 0 1", "BEGIN"
  bool returns_rows = false;  // RowDescription and DataRows precede the tag
  std::vector<OutputColumn> columns;
  std::vector<Row> rows;
  std::vector<Notice> notices;  // NoticeResponses, before the rows
  // COPY: kIn means the session now waits for the data (CopyInData ... CopyInDone) and the
  // tag comes from CopyInDone; kOut means copy_data holds the rows, one text line each,
  // before the tag. copy_columns: the column count of CopyInResponse/CopyOutResponse (the
  // format is always text).
  CopyDirection copy = CopyDirection::kNone;
  int copy_columns = 0;
  std::vector<std::string> copy_data;
};

// The extended query protocol's view of a prepared statement or a portal.
struct Description {
  std::vector<Type> parameter_types;  // statements only: $1, $2 ... (unresolved ones are text)
  bool returns_rows = false;          // RowDescription, else NoData
  std::vector<OutputColumn> columns;
  std::vector<int16_t> result_formats;  // portals only: as Bind sent them (0, 1 or n codes)
};

// One Execute of a portal: rows up to the limit, and whether the portal has more.
struct PortalBatch {
  StatementResult result;    // rows of this batch; tag set only when the portal is done
  bool empty_query = false;  // the statement was empty: EmptyQueryResponse
  bool suspended = false;    // the row limit was reached: PortalSuspended
};

struct SessionOptions {
  std::string user = "postgres";
  std::string database = "default";
  int32_t backend_pid = 0;
  std::string server_version = "15.0";
  std::string version_text;  // what version() returns
  uint64_t query_memory_limit = 256ull << 20;
  // The defaults of the settings statement_timeout and idle_in_transaction_session_timeout
  // (the server's config); 0 = none.
  int64_t statement_timeout_ms = 0;
  int64_t idle_in_transaction_session_timeout_ms = 0;
  // Threads a query's parallel plan may run on, the session's own among them; below 2, one.
  // See server.parallel_workers_per_query in config.example.toml.
  int parallel_workers = 0;
  // Settings the client sent in its startup packet (application_name, extra_float_digits
  // ...), applied as the session starts and kept as what RESET returns to. One Datacave
  // refuses keeps its default: PostgreSQL would refuse the connection, but clients send
  // values Datacave cannot follow yet (pgjdbc sends the JVM's TimeZone).
  std::vector<std::pair<std::string, std::string>> client_settings;
};

class Session : private SessionState {
 public:
  Session(Database* database, SessionOptions options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The simple query protocol: every statement of query in turn, each result handed to
  // on_result as it completes. Stops at the first error, which it returns (earlier results
  // have been delivered). An empty query delivers nothing.
  Status Execute(std::string_view query, const std::function<Status(StatementResult&)>& on_result);

  // The extended query protocol. Names are the client's; "" is the unnamed statement or
  // portal, which the next Parse or Bind replaces. Errors carry PostgreSQL's SQLSTATEs.
  //
  // Parse: one statement (or none) with the client's parameter type OIDs (0 = infer). A
  // SELECT is bound now, so that its parameter types and columns can be described; other
  // statements learn parameter types when they run (a $n sent as text is read then).
  Status Prepare(const std::string& name, std::string_view sql,
                 const std::vector<uint32_t>& parameter_type_oids);
  Result<Description> DescribeStatement(std::string_view name);
  // Bind: values as sent (nullopt = NULL) in the formats of PostgreSQL's codes (none = all
  // text, one = all, else one per value). result_formats are kept for the caller.
  Status Bind(const std::string& portal, std::string_view statement,
              const std::vector<int16_t>& parameter_formats,
              const std::vector<std::optional<std::string>>& values,
              std::vector<int16_t> result_formats);
  // Describing a portal runs its statement (its rows are then kept for Execute), since only
  // a SELECT's columns are known before it runs. A cursor of SQL DECLARE is a portal too:
  // describing it runs nothing, and Execute fetches forward from its position.
  Result<Description> DescribePortal(std::string_view name);
  // At most max_rows rows (0 = all); the next call resumes where this one stopped.
  Result<PortalBatch> ExecutePortal(std::string_view name, int64_t max_rows);
  // kind 'S' or 'P'; closing what does not exist is not an error.
  void Close(char kind, std::string_view name);
  // Sync: ends the implicit transaction of statements run outside BEGIN; its error, if the
  // commit fails.
  Status Sync();

  // COPY FROM STDIN, after a result with copy == kIn: the data as the client sends it (in
  // pieces of any size; rows are inserted in batches as they complete), then its end, which
  // answers the tag "COPY n". An error in the data ends the copy and aborts the statement
  // (an implicit transaction rolls back, a block fails); so do CopyInFail (57014 "COPY from
  // stdin failed: ...") and AbortCopyIn (the caller's error, e.g. a protocol violation).
  // Errors name the line in their where(): `COPY t, line 3, column b: "x"`.
  bool copy_in_active() const { return copy_in_ != nullptr; }
  Status CopyInData(std::string_view data);
  Result<std::string> CopyInDone();
  Status CopyInFail(std::string_view message);
  Status AbortCopyIn(Status error);

  TransactionState transaction_state() const { return state_; }

  // How a statement is stopped from outside: Cancel() and Terminate() may be called from
  // any thread (a CancelRequest, shutdown), also while the session runs a statement.
  StatementInterrupt& interrupt() { return interrupt_; }
  // The idle_in_transaction_session_timeout setting; 0 = none. The server closes the
  // connection when the session waits that long for a client inside a transaction.
  std::chrono::milliseconds idle_in_transaction_timeout() const {
    return std::chrono::milliseconds(idle_in_transaction_timeout_ms_);
  }

  // The current value of a setting ("DateStyle" ...), for ParameterStatus and SHOW.
  std::string GetSetting(std::string_view name) const;

 private:
  struct StatementRun;
  struct PreparedStatement;
  struct Portal;
  struct CopyIn;
  void InferAssignedParameters(const ast::Statement& statement, std::vector<Type>* types);
  Result<Portal*> FindPortal(std::string_view name);  // 34000 when there is none
  Status RunPortal(Portal& portal);
  // After a failed statement: the block fails, an implicit transaction rolls back.
  void AbortStatement();
  // Starts statement_timeout's clock for a statement (interrupt_.Finish() stops it).
  void StartStatementClock();
  // Runs one statement under its statement_timeout (RunStatement does the work).
  Status ExecuteStatement(const ast::Statement& statement, std::string_view text,
                          StatementResult* result);
  Status RunStatement(const ast::Statement& statement, StatementResult* result);
  // SET of a setting in milliseconds: validates, keeps PostgreSQL's display form.
  Status SetMilliseconds(const std::string& name, std::string_view value);
  // SET name = value or RESET name, remembering which settings the session set.
  Status ApplySetting(const std::string& name, const std::string& value, bool reset);
  Status CheckAndStoreSetting(const std::string& name, const std::string& value, bool reset);
  // SessionState, for statements (pg_settings, current_setting, set_config).
  std::optional<std::string> CurrentSetting(std::string_view name) const override;
  Result<std::string> SetSetting(std::string_view name, std::optional<std::string_view> value,
                                 bool is_local) override;
  std::vector<SettingState> SettingsSnapshot() const override;
  std::vector<OpenCursor> OpenCursors() const override;
  Status ExecuteTransaction(const ast::TransactionStmt& statement, StatementResult* result);
  Status ExecuteQuery(const ast::SelectStmt& query, StatementResult* result);
  Status ExecuteExplain(const ast::ExplainStmt& explain, StatementResult* result);
  Status ExecuteInsert(const ast::InsertStmt& insert, StatementResult* result);
  Status ExecuteUpdate(const ast::UpdateStmt& update, StatementResult* result);
  Status ExecuteDelete(const ast::DeleteStmt& del, StatementResult* result);
  Status ExecuteCreateTable(const ast::CreateTableStmt& create, StatementResult* result);
  Status ExecuteCreateView(const ast::CreateViewStmt& create, StatementResult* result);
  Status ExecuteDrop(const ast::DropStmt& drop, StatementResult* result);
  Status ExecuteTruncate(const ast::TruncateStmt& truncate, StatementResult* result);
  Status ExecuteAlter(const ast::AlterTableStmt& alter, StatementResult* result);
  Status ExecuteCreateIndex(const ast::CreateIndexStmt& create, StatementResult* result);
  Status ExecuteDropIndex(const ast::DropStmt& drop, StatementResult* result);
  Status RewriteRows(const std::shared_ptr<const TableInfo>& current, const TableInfo& table);
  Status ExecuteSet(const ast::SetStmt& set, StatementResult* result);
  Status ExecuteShow(const ast::ShowStmt& show, StatementResult* result);
  Status ExecuteCopy(const ast::CopyStmt& copy, StatementResult* result);
  // Cursors (session_cursor.cc).
  Status ExecuteDeclareCursor(const ast::DeclareCursorStmt& declare, StatementResult* result);
  Status ExecuteFetch(const ast::FetchStmt& fetch, StatementResult* result);
  Status ExecuteCloseCursor(const ast::CloseCursorStmt& close, StatementResult* result);
  Cursor* FindCursor(std::string_view name) const;  // nullptr when there is none
  // The cursor a portal name means: nullptr when a protocol portal has the name (or nobody).
  Cursor* FindCursorPortal(std::string_view name) const;
  Result<PortalBatch> ExecuteCursorPortal(Cursor& cursor, int64_t max_rows);
  // At the end of a transaction: the cursors it declared close, but for WITH HOLD ones on
  // commit, which read the rest of their rows now (an error fails the commit).
  Status CommitCursors();
  void RollbackCursors();
  Status ExecuteCopyTo(const ast::CopyStmt& copy, StatementResult* result);
  // Converts and checks the complete rows read so far; inserts them when a batch is full (or
  // flush is set).
  Status CopyInRows(bool flush);
  Status InsertCopyBatch();

  // Starts the implicit or explicit transaction a statement runs in, if none is open.
  void EnsureTransaction();
  Status CommitTransaction();
  void RollbackTransaction();
  Binder MakeBinder(std::vector<Type>* parameter_types);
  ExecContext MakeExecContext();

  Database* const database_;
  const SessionOptions options_;
  FunctionEnvironment environment_;
  std::unique_ptr<Transaction> txn_;
  std::unique_ptr<TransactionCatalog> catalog_;
  TransactionState state_ = TransactionState::kIdle;
  bool implicit_block_ = false;  // a multi-statement query string without BEGIN
  // The text of the statement running (pg_cursors shows a cursor's DECLARE).
  std::string_view statement_text_;
  // Settings by lower-case name: current values, the values at the session's start, and the
  // ones SET since (pg_settings' source 'session').
  std::map<std::string, std::string, std::less<>> settings_;
  std::map<std::string, std::string, std::less<>> initial_settings_;
  std::set<std::string, std::less<>> set_in_session_;
  std::set<std::string, std::less<>> from_client_;  // settings the startup packet gave
  int64_t statement_timeout_ms_ = 0;
  int64_t idle_in_transaction_timeout_ms_ = 0;
  StatementInterrupt interrupt_;

  std::map<std::string, std::shared_ptr<PreparedStatement>, std::less<>> statements_;
  std::map<std::string, std::shared_ptr<Portal>, std::less<>> portals_;
  // While a portal runs: its parameter types (the binder's) and values (EvalContext's).
  std::vector<Type>* bound_parameter_types_ = nullptr;
  std::span<const Value> bound_parameters_;
  std::unique_ptr<CopyIn> copy_in_;  // while a COPY FROM STDIN waits for data
  // SQL cursors by name. held_cursors_: the WITH HOLD ones a committed transaction kept,
  // which a later rollback leaves alone.
  std::map<std::string, std::unique_ptr<Cursor>, std::less<>> cursors_;
  std::set<std::string, std::less<>> held_cursors_;

  // The transaction block's savepoints, oldest first (a name may repeat; the newest wins).
  // Rolling back to one returns the writes, the catalog's changes and the open cursors to
  // what they were when it was set.
  struct Savepoint {
    std::string name;
    Transaction::Mark mark;
    TransactionCatalog::Changes catalog;
    std::set<const Cursor*> cursors;
  };
  std::vector<Savepoint> savepoints_;
  Status ExecuteSavepoint(const ast::TransactionStmt& statement, StatementResult* result);
};

}  // namespace datacave::sql
