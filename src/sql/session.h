#pragma once

// The SQL engine's entry point. A Database is the shared state of one data directory (the
// LSM, the catalog); a Session is one client's: its settings, its transaction, and the
// statements it runs. The server creates one Session per connection and calls it from that
// connection's thread only.
//
// Transactions follow PostgreSQL: outside BEGIN each statement commits on its own (a query
// string with several statements runs them as one implicit transaction); inside, a failed
// statement aborts the transaction and every later one answers 25P02 until ROLLBACK.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "lsm/db.h"
#include "sql/binder/binder.h"
#include "sql/binder/functions.h"
#include "sql/catalog/catalog.h"
#include "sql/storage/transaction.h"

namespace datacave::sql {

class Database {
 public:
  // Loads the catalog. db must outlive the Database.
  static Result<std::unique_ptr<Database>> Open(lsm::DB* db, lsm::WriteOptions commit_options);

  lsm::DB* db() const { return db_; }
  Catalog* catalog() const { return catalog_.get(); }
  const lsm::WriteOptions& commit_options() const { return commit_options_; }
  // Until step 5 brings concurrency control, statements that write run one at a time.
  std::mutex& write_mutex() { return write_mutex_; }

 private:
  Database(lsm::DB* db, lsm::WriteOptions commit_options, std::unique_ptr<Catalog> catalog)
      : db_(db), commit_options_(commit_options), catalog_(std::move(catalog)) {}

  lsm::DB* const db_;
  const lsm::WriteOptions commit_options_;
  std::unique_ptr<Catalog> catalog_;
  std::mutex write_mutex_;
};

enum class TransactionState { kIdle, kInBlock, kFailed };

// A NoticeResponse (or WARNING): PostgreSQL's severity, SQLSTATE and message.
struct Notice {
  std::string severity = "NOTICE";
  std::string sqlstate;
  std::string message;
};

// One statement's outcome, as the wire protocol reports it.
struct StatementResult {
  std::string tag;            // CommandComplete: "SELECT 3", "INSERT 0 1", "BEGIN"
  bool returns_rows = false;  // RowDescription and DataRows precede the tag
  std::vector<OutputColumn> columns;
  std::vector<Row> rows;
  std::vector<Notice> notices;  // NoticeResponses, before the rows
};

struct SessionOptions {
  std::string user = "postgres";
  std::string database = "default";
  int32_t backend_pid = 0;
  std::string server_version = "15.0";
  std::string version_text;  // what version() returns
  uint64_t query_memory_limit = 256ull << 20;
};

class Session {
 public:
  Session(Database* database, SessionOptions options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The simple query protocol: every statement of query in turn, each result handed to
  // on_result as it completes. Stops at the first error, which it returns (earlier results
  // have been delivered). An empty query delivers nothing.
  Status Execute(std::string_view query, const std::function<Status(StatementResult&)>& on_result);

  TransactionState transaction_state() const { return state_; }

  // The current value of a setting ("DateStyle" ...), for ParameterStatus and SHOW.
  std::string GetSetting(std::string_view name) const;

 private:
  struct StatementRun;
  Status ExecuteStatement(const ast::Statement& statement, std::string_view text,
                          StatementResult* result);
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
  Status ExecuteSet(const ast::SetStmt& set, StatementResult* result);
  Status ExecuteShow(const ast::ShowStmt& show, StatementResult* result);

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
  std::map<std::string, std::string, std::less<>> settings_;
};

}  // namespace datacave::sql
