#include "sql/session.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sql/cursor.h"
#include "sql/parser/parser.h"
#include "sql/session_copy.h"
#include "sql/settings.h"
#include "sql/types/datetime.h"

namespace datacave::sql {

Result<std::unique_ptr<Database>> Database::Open(lsm::DB* db, lsm::WriteOptions commit_options) {
  DC_ASSIGN_OR_RETURN(auto catalog, Catalog::Load(db));
  return std::unique_ptr<Database>(new Database(db, commit_options, std::move(catalog)));
}

Result<WriterTurn::Held> WriterTurn::Acquire(const StatementInterrupt* interrupt) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!released_.wait_for(lock, std::chrono::milliseconds(10), [this] { return !held_; })) {
    if (interrupt) {
      DC_RETURN_IF_ERROR(interrupt->Check());
    }
  }
  held_ = true;
  return Held(this);
}

void WriterTurn::Release() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    held_ = false;
  }
  released_.notify_one();
}

namespace {

std::string Lower(std::string_view s) {
  return LowerSettingName(s);
}

// The values a fixed setting accepts besides its own spelling.
bool AcceptsFixedValue(const SettingInfo& info, std::string_view value) {
  const std::string v = Lower(value);
  const std::string name = Lower(info.name);
  if (v == Lower(info.default_value)) return true;
  if (name == "client_encoding") return v == "utf8" || v == "utf-8" || v == "unicode";
  if (name == "datestyle") return v == "iso" || v == "iso, mdy" || v == "mdy, iso";
  if (name == "timezone")
    return v == "utc" || v == "gmt" || v == "etc/utc" || v == "z" || v == "zulu";
  return false;
}

int64_t NowMicros() {
  // Microseconds since 2000-01-01 UTC, PostgreSQL's epoch.
  constexpr int64_t kUnixToPostgres = 946684800LL * 1000000;
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() -
         kUnixToPostgres;
}

// The settings the session keeps in milliseconds (ParseMilliseconds reads them).
bool IsMillisecondsSetting(std::string_view lower_name) {
  return lower_name == "statement_timeout" || lower_name == "idle_in_transaction_session_timeout";
}

Status InFailedTransaction() {
  return Status::Sql(StatusCode::kAborted, "25P02",
                     "current transaction is aborted, commands ignored until end of transaction "
                     "block");
}

}  // namespace

Session::Session(Database* database, SessionOptions options)
    : database_(database), options_(std::move(options)) {
  environment_.user = options_.user;
  environment_.database = options_.database;
  environment_.version = options_.version_text;
  environment_.backend_pid = options_.backend_pid;
  for (const SettingInfo& info : AllSettings()) settings_[Lower(info.name)] = info.default_value;
  settings_["server_version"] = options_.server_version;
  settings_["server_version_num"] = "150000";
  settings_["session_authorization"] = options_.user;
  statement_timeout_ms_ = options_.statement_timeout_ms;
  idle_in_transaction_timeout_ms_ = options_.idle_in_transaction_session_timeout_ms;
  settings_["statement_timeout"] = FormatMilliseconds(statement_timeout_ms_);
  settings_["idle_in_transaction_session_timeout"] =
      FormatMilliseconds(idle_in_transaction_timeout_ms_);
  for (const auto& [name, value] : options_.client_settings) {
    if (FindSetting(name) && CheckAndStoreSetting(name, value, /*reset=*/false).ok()) {
      from_client_.insert(Lower(name));
    }
  }
  initial_settings_ = settings_;
  environment_.session = this;
}

Session::~Session() = default;

std::string Session::GetSetting(std::string_view name) const {
  auto it = settings_.find(Lower(name));
  return it == settings_.end() ? std::string() : it->second;
}

void Session::EnsureTransaction() {
  if (!txn_) {
    txn_ = std::make_unique<Transaction>(database_->db(), database_->commit_options());
    catalog_ = std::make_unique<TransactionCatalog>(database_->catalog());
  }
}

Status Session::CommitTransaction() {
  if (Status cursors = CommitCursors(); !cursors.ok()) {
    RollbackTransaction();
    return cursors;
  }
  savepoints_.clear();
  if (!txn_) return Status::Ok();
  Status s = txn_->Commit();
  if (s.ok()) {
    catalog_->Publish();
  } else {
    catalog_->Discard();
  }
  txn_.reset();
  catalog_.reset();
  return s;
}

void Session::RollbackTransaction() {
  savepoints_.clear();
  RollbackCursors();
  if (txn_) {
    txn_->Rollback();
    catalog_->Discard();
  }
  txn_.reset();
  catalog_.reset();
}

Status Session::ExecuteSavepoint(const ast::TransactionStmt& statement, StatementResult* result) {
  const ast::TransactionKind kind = statement.transaction_kind;
  const char* what = kind == ast::TransactionKind::kSavepoint ? "SAVEPOINT"
                     : kind == ast::TransactionKind::kRelease ? "RELEASE SAVEPOINT"
                                                              : "ROLLBACK TO SAVEPOINT";
  if (state_ == TransactionState::kIdle) {
    return Status::Sql(StatusCode::kInvalidArgument, "25P01",
                       std::string(what) + " can only be used in transaction blocks");
  }
  if (state_ == TransactionState::kFailed && kind != ast::TransactionKind::kRollbackTo) {
    return InFailedTransaction();
  }
  if (kind == ast::TransactionKind::kSavepoint) {
    result->tag = "SAVEPOINT";
    EnsureTransaction();
    Savepoint savepoint{statement.savepoint, txn_->SetMark(), catalog_->changes(), {}};
    for (const auto& [name, cursor] : cursors_) savepoint.cursors.insert(cursor.get());
    savepoints_.push_back(std::move(savepoint));
    return Status::Ok();
  }
  auto newest = std::find_if(savepoints_.rbegin(), savepoints_.rend(),
                             [&](const Savepoint& s) { return s.name == statement.savepoint; });
  if (newest == savepoints_.rend()) {
    return Status::Sql(StatusCode::kNotFound, "3B001",
                       "savepoint \"" + statement.savepoint + "\" does not exist");
  }
  const auto position = std::prev(newest.base());  // the savepoint, as a forward iterator
  if (kind == ast::TransactionKind::kRelease) {
    // The savepoint and those set after it go; the writes since stay.
    result->tag = "RELEASE";
    savepoints_.erase(position, savepoints_.end());
    if (savepoints_.empty()) txn_->ClearMarks();
    return Status::Ok();
  }
  // ROLLBACK TO keeps the savepoint itself, to roll back to again.
  result->tag = "ROLLBACK";
  savepoints_.erase(std::next(position), savepoints_.end());
  txn_->RollbackToMark(position->mark);
  catalog_->RestoreChanges(position->catalog);
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    it = position->cursors.count(it->second.get()) ? std::next(it) : cursors_.erase(it);
  }
  state_ = TransactionState::kInBlock;
  return Status::Ok();
}

Binder Session::MakeBinder(std::vector<Type>* parameter_types) {
  // A portal's statement binds its $n against the prepared statement's types.
  if (bound_parameter_types_) parameter_types = bound_parameter_types_;
  return Binder(catalog_.get(), parameter_types, &environment_);
}

ExecContext Session::MakeExecContext() {
  ExecContext context;
  context.eval.parameters = bound_parameters_;
  context.txn = txn_.get();
  context.memory_limit = options_.query_memory_limit;
  context.eval.txn = context.txn;
  context.eval.memory_limit = context.memory_limit;
  context.eval.interrupt = &interrupt_;
  context.eval.session = this;
  return context;
}

Status Session::Execute(std::string_view query,
                        const std::function<Status(StatementResult&)>& on_result) {
  auto parsed = Parse(query);
  if (!parsed.ok()) {
    if (state_ == TransactionState::kInBlock) state_ = TransactionState::kFailed;
    return parsed.status();
  }
  std::vector<ast::StatementPtr>& statements = *parsed;
  // The data of a COPY FROM STDIN follows the whole query string, so nothing may come after
  // it (PostgreSQL runs the rest once the copy ends; Datacave does not yet).
  for (size_t i = 0; i + 1 < statements.size(); ++i) {
    if (statements[i]->kind == ast::StatementKind::kCopy &&
        statements[i]->As<ast::CopyStmt>().from) {
      if (state_ == TransactionState::kInBlock) state_ = TransactionState::kFailed;
      return Status::NotSupported(
          "COPY FROM STDIN followed by other statements in one query string is not supported");
    }
  }
  // Several statements outside a transaction block run as one implicit transaction.
  implicit_block_ = statements.size() > 1 && state_ == TransactionState::kIdle;
  Status status;
  for (const auto& statement : statements) {
    StatementResult result;
    const std::string_view text = query.substr(statement->offset, statement->length);
    status = ExecuteStatement(*statement, text, &result);
    if (!status.ok()) break;
    status = on_result(result);
    if (!status.ok()) break;
  }
  if (!status.ok()) {
    if (state_ == TransactionState::kInBlock) {
      state_ = TransactionState::kFailed;
    } else if (state_ == TransactionState::kIdle) {
      RollbackTransaction();
    }
  } else if (copy_in_) {
    // The query string's implicit transaction ends with the copy.
    if (state_ == TransactionState::kIdle) copy_in_->commit_at_end = true;
  } else if (state_ == TransactionState::kIdle && txn_) {
    status = CommitTransaction();
  }
  implicit_block_ = false;
  return status;
}

void Session::StartStatementClock() {
  // statement_timeout applies to each statement on its own, also within one query string
  // (as in PostgreSQL 13 and later).
  auto deadline = StatementInterrupt::Clock::time_point::max();
  if (statement_timeout_ms_ > 0) {
    deadline = StatementInterrupt::Clock::now() + std::chrono::milliseconds(statement_timeout_ms_);
  }
  interrupt_.Start(deadline);
}

Status Session::ExecuteStatement(const ast::Statement& statement, std::string_view text,
                                 StatementResult* result) {
  statement_text_ = text;
  StartStatementClock();
  Status s = interrupt_.terminated() ? interrupt_.Check() : RunStatement(statement, result);
  interrupt_.Finish();
  return s;
}

Status Session::RunStatement(const ast::Statement& statement, StatementResult* result) {
  using ast::StatementKind;
  if (statement.kind == StatementKind::kTransaction) {
    return ExecuteTransaction(statement.As<ast::TransactionStmt>(), result);
  }
  if (state_ == TransactionState::kFailed) return InFailedTransaction();
  environment_.statement_timestamp = NowMicros();
  EnsureTransaction();
  txn_->RefreshSnapshot();
  Status s;
  switch (statement.kind) {
    case StatementKind::kSelect:
      s = ExecuteQuery(*statement.As<ast::QueryStatement>().query, result);
      break;
    case StatementKind::kExplain:
      s = ExecuteExplain(statement.As<ast::ExplainStmt>(), result);
      break;
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
    case StatementKind::kCreateTable:
    case StatementKind::kCreateView:
    case StatementKind::kCreateIndex:
    case StatementKind::kDrop:
    case StatementKind::kTruncate:
    case StatementKind::kAlterTable: {
      // Writers take turns until step 5 adds concurrency control; the lock covers the
      // statement and, outside a transaction block, its commit.
      auto turn = database_->writer_turn().Acquire(&interrupt_);
      if (!turn.ok()) {
        s = turn.status();
        break;
      }
      switch (statement.kind) {
        case StatementKind::kInsert:
          s = ExecuteInsert(statement.As<ast::InsertStmt>(), result);
          break;
        case StatementKind::kUpdate:
          s = ExecuteUpdate(statement.As<ast::UpdateStmt>(), result);
          break;
        case StatementKind::kDelete:
          s = ExecuteDelete(statement.As<ast::DeleteStmt>(), result);
          break;
        case StatementKind::kCreateTable:
          s = ExecuteCreateTable(statement.As<ast::CreateTableStmt>(), result);
          break;
        case StatementKind::kCreateView:
          s = ExecuteCreateView(statement.As<ast::CreateViewStmt>(), result);
          break;
        case StatementKind::kCreateIndex:
          s = ExecuteCreateIndex(statement.As<ast::CreateIndexStmt>(), result);
          break;
        case StatementKind::kDrop: s = ExecuteDrop(statement.As<ast::DropStmt>(), result); break;
        case StatementKind::kTruncate:
          s = ExecuteTruncate(statement.As<ast::TruncateStmt>(), result);
          break;
        default: s = ExecuteAlter(statement.As<ast::AlterTableStmt>(), result); break;
      }
      if (s.ok() && state_ == TransactionState::kIdle && !implicit_block_) {
        s = CommitTransaction();
      }
      break;
    }
    case StatementKind::kSet: s = ExecuteSet(statement.As<ast::SetStmt>(), result); break;
    case StatementKind::kShow: s = ExecuteShow(statement.As<ast::ShowStmt>(), result); break;
    case StatementKind::kVacuum: {
      // Nothing to reclaim by hand: compaction does it in the background.
      const auto& vacuum = statement.As<ast::VacuumStmt>();
      for (const auto& name : vacuum.tables) {
        if (!catalog_->Find(name.back())) {
          s = Status::Sql(StatusCode::kNotFound, "42P01",
                          "relation \"" + name.back() + "\" does not exist");
          break;
        }
      }
      result->tag = vacuum.vacuum ? "VACUUM" : "ANALYZE";
      break;
    }
    case StatementKind::kCopy:
      s = ExecuteCopy(statement.As<ast::CopyStmt>(), result);
      // COPY FROM STDIN ends (and commits) when its data has come.
      if (s.ok() && copy_in_) return s;
      break;
    case StatementKind::kDeclareCursor:
      s = ExecuteDeclareCursor(statement.As<ast::DeclareCursorStmt>(), result);
      break;
    case StatementKind::kFetch: s = ExecuteFetch(statement.As<ast::FetchStmt>(), result); break;
    case StatementKind::kCloseCursor:
      s = ExecuteCloseCursor(statement.As<ast::CloseCursorStmt>(), result);
      break;
    case StatementKind::kUnsupported:
      s = Status::NotSupported(statement.As<ast::UnsupportedStmt>().feature + " is not supported");
      break;
    case StatementKind::kTransaction: break;
  }
  if (!s.ok()) return s;
  if (state_ == TransactionState::kIdle && !implicit_block_) return CommitTransaction();
  return Status::Ok();
}

Status Session::ExecuteTransaction(const ast::TransactionStmt& statement, StatementResult* result) {
  switch (statement.transaction_kind) {
    case ast::TransactionKind::kBegin:
      result->tag = "BEGIN";
      if (state_ == TransactionState::kFailed) return InFailedTransaction();
      if (state_ == TransactionState::kInBlock) {
        result->notices.push_back(
            Notice{"WARNING", "25001", "there is already a transaction in progress"});
        return Status::Ok();
      }
      if (statement.isolation_level == "serializable" ||
          statement.isolation_level == "repeatable read") {
        return Status::NotSupported("isolation level " + statement.isolation_level +
                                    " is not supported yet");
      }
      EnsureTransaction();
      state_ = TransactionState::kInBlock;
      implicit_block_ = false;
      return Status::Ok();
    case ast::TransactionKind::kCommit:
      if (state_ == TransactionState::kFailed) {
        RollbackTransaction();
        state_ = TransactionState::kIdle;
        result->tag = "ROLLBACK";
        return Status::Ok();
      }
      result->tag = "COMMIT";
      if (state_ == TransactionState::kIdle && !implicit_block_) {
        result->notices.push_back(
            Notice{"WARNING", "25P01", "there is no transaction in progress"});
        return Status::Ok();
      }
      state_ = TransactionState::kIdle;
      implicit_block_ = false;
      return CommitTransaction();
    case ast::TransactionKind::kSavepoint:
    case ast::TransactionKind::kRelease:
    case ast::TransactionKind::kRollbackTo: return ExecuteSavepoint(statement, result);
    case ast::TransactionKind::kRollback:
      result->tag = "ROLLBACK";
      if (state_ == TransactionState::kIdle && !implicit_block_) {
        result->notices.push_back(
            Notice{"WARNING", "25P01", "there is no transaction in progress"});
      }
      RollbackTransaction();
      state_ = TransactionState::kIdle;
      implicit_block_ = false;
      return Status::Ok();
  }
  return Status::Ok();
}

Status Session::ExecuteQuery(const ast::SelectStmt& query, StatementResult* result) {
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  DC_ASSIGN_OR_RETURN(BoundQuery bound, binder.BindQuery(query));
  if (!parameter_types.empty()) {
    return Status::Sql(StatusCode::kInvalidArgument, "42P02", "there is no parameter $1");
  }
  ExecContext context = MakeExecContext();
  // A query writes nothing, so its plan may run in parallel.
  context.parallel_workers = options_.parallel_workers;
  DC_RETURN_IF_ERROR(CollectAll(*bound.plan, context, &result->rows));
  result->returns_rows = true;
  result->columns = std::move(bound.columns);
  result->tag = "SELECT " + std::to_string(result->rows.size());
  return Status::Ok();
}

Status Session::ExecuteExplain(const ast::ExplainStmt& explain, StatementResult* result) {
  if (explain.analyze) return Status::NotSupported("EXPLAIN ANALYZE is not supported yet");
  if (explain.statement->kind != ast::StatementKind::kSelect) {
    return Status::NotSupported("EXPLAIN of INSERT, UPDATE and DELETE is not supported yet");
  }
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  DC_ASSIGN_OR_RETURN(BoundQuery bound,
                      binder.BindQuery(*explain.statement->As<ast::QueryStatement>().query));
  for (std::string& line : ExplainPlan(*bound.plan)) {
    result->rows.push_back(Row{Value::Text(std::move(line))});
  }
  result->returns_rows = true;
  result->columns.push_back({"QUERY PLAN", Type::Of(TypeId::kText)});
  result->tag = "EXPLAIN";
  return Status::Ok();
}

Status Session::ExecuteSet(const ast::SetStmt& set, StatementResult* result) {
  if (set.name == "all" && set.reset) {
    // Back to what the session started with: the defaults and the client's startup values.
    for (const SettingInfo& info : AllSettings()) {
      const std::string name = Lower(info.name);
      if (!info.fixed) settings_[name] = initial_settings_.at(name);
    }
    DC_RETURN_IF_ERROR(SetMilliseconds("statement_timeout", ""));
    DC_RETURN_IF_ERROR(SetMilliseconds("idle_in_transaction_session_timeout", ""));
    set_in_session_.clear();
    result->tag = "RESET";
    return Status::Ok();
  }
  std::string value;
  for (const auto& expr : set.values) {
    const auto& constant = expr->As<ast::ConstantExpr>();
    if (!value.empty()) value += ", ";
    value += constant.text;
  }
  DC_RETURN_IF_ERROR(ApplySetting(set.name, value, set.reset));
  result->tag = set.reset && !set.local ? "RESET" : "SET";
  return Status::Ok();
}

// SET name = value, or RESET name (reset); SET LOCAL is SET until transactions keep settings.
Status Session::ApplySetting(const std::string& name, const std::string& value, bool reset) {
  DC_RETURN_IF_ERROR(CheckAndStoreSetting(name, value, reset));
  if (reset) {
    set_in_session_.erase(Lower(name));
  } else {
    set_in_session_.insert(Lower(name));
  }
  return Status::Ok();
}

Status Session::CheckAndStoreSetting(const std::string& name, const std::string& set_value,
                                     bool reset) {
  const SettingInfo* info = FindSetting(name);
  const bool custom = name.find('.') != std::string::npos;  // "myapp.x", as PostgreSQL allows
  if (!info && !custom) {
    return Status::Sql(StatusCode::kNotFound, "42704",
                       "unrecognized configuration parameter \"" + name + "\"");
  }
  std::string value = set_value;
  if (reset) {
    // What the session started with: the default, or the client's startup value.
    auto initial = initial_settings_.find(Lower(name));
    value = initial != initial_settings_.end() ? initial->second : info ? info->default_value : "";
  }
  if (info && info->fixed && !reset) {
    if (!AcceptsFixedValue(*info, value)) {
      if (Lower(info->name) == "server_version" || Lower(info->name) == "is_superuser" ||
          Lower(info->name) == "integer_datetimes" || Lower(info->name) == "server_encoding" ||
          Lower(info->name) == "max_identifier_length" || Lower(info->name) == "lc_collate" ||
          Lower(info->name) == "lc_ctype" || Lower(info->name) == "server_version_num") {
        return Status::Sql(StatusCode::kInvalidArgument, "55P02",
                           "parameter \"" + name + "\" cannot be changed");
      }
      return Status::NotSupported("Datacave supports only " + std::string(info->name) + " = '" +
                                  info->default_value + "'");
    }
    return Status::Ok();  // the value Datacave already has, spelled another way
  }
  if (info && IsMillisecondsSetting(Lower(info->name))) {
    return SetMilliseconds(Lower(info->name), reset ? "" : value);
  }
  if (info && Lower(info->name) == "extra_float_digits") {
    int digits = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), digits);
    if (ec != std::errc() || end != value.data() + value.size()) {
      return Status::Sql(StatusCode::kInvalidArgument, "22023",
                         "invalid value for parameter \"extra_float_digits\": \"" + value + "\"");
    }
    if (digits < -15 || digits > 3) {
      return Status::Sql(StatusCode::kInvalidArgument, "22023",
                         std::to_string(digits) +
                             " is outside the valid range for parameter \"extra_float_digits\" "
                             "(-15 .. 3)");
    }
  }
  settings_[Lower(name)] = value;
  return Status::Ok();
}

std::optional<std::string> Session::CurrentSetting(std::string_view name) const {
  auto it = settings_.find(Lower(name));
  if (it == settings_.end()) return std::nullopt;
  return it->second;
}

Result<std::string> Session::SetSetting(std::string_view name,
                                        std::optional<std::string_view> value, bool is_local) {
  (void)is_local;  // as SET LOCAL: the same as SET until transactions keep settings
  DC_RETURN_IF_ERROR(
      ApplySetting(std::string(name), std::string(value.value_or("")), !value.has_value()));
  return GetSetting(name);
}

std::vector<SettingState> Session::SettingsSnapshot() const {
  std::vector<SettingState> states;
  for (const SettingInfo& info : AllSettings()) {
    if (info.hidden) continue;
    const std::string name = Lower(info.name);
    auto reset = initial_settings_.find(name);
    states.push_back({&info, GetSetting(name),
                      reset == initial_settings_.end() ? std::string() : reset->second,
                      set_in_session_.contains(name), from_client_.contains(name)});
  }
  return states;
}

// value "" resets to the server's default.
Status Session::SetMilliseconds(const std::string& name, std::string_view value) {
  const bool statement = name == "statement_timeout";
  int64_t ms =
      statement ? options_.statement_timeout_ms : options_.idle_in_transaction_session_timeout_ms;
  if (!value.empty()) {
    DC_ASSIGN_OR_RETURN(ms, ParseMilliseconds(name, value));
  }
  (statement ? statement_timeout_ms_ : idle_in_transaction_timeout_ms_) = ms;
  settings_[name] = FormatMilliseconds(ms);
  return Status::Ok();
}

Status Session::ExecuteShow(const ast::ShowStmt& show, StatementResult* result) {
  result->returns_rows = true;
  result->tag = "SHOW";
  if (show.name == "all") {
    result->columns = {{"name", Type::Of(TypeId::kText)},
                       {"setting", Type::Of(TypeId::kText)},
                       {"description", Type::Of(TypeId::kText)}};
    for (const SettingInfo& info : AllSettings()) {
      if (info.hidden) continue;
      result->rows.push_back(Row{Value::Text(info.name), Value::Text(GetSetting(info.name)),
                                 Value::Text(info.short_desc)});
    }
    return Status::Ok();
  }
  const SettingInfo* info = FindSetting(show.name);
  auto it = settings_.find(Lower(show.name));
  if (it == settings_.end()) {
    return Status::Sql(StatusCode::kNotFound, "42704",
                       "unrecognized configuration parameter \"" + show.name + "\"");
  }
  result->columns = {{info ? info->name : show.name, Type::Of(TypeId::kText)}};
  result->rows.push_back(Row{Value::Text(it->second)});
  return Status::Ok();
}

}  // namespace datacave::sql
