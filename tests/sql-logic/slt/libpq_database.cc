#include "sql-logic/slt/libpq_database.h"

#include <unistd.h>

#include <charconv>
#include <cstring>

namespace datacave::slt {
namespace {

void DropNotice(void* /*arg*/, const char* /*message*/) {}

// "INSERT 0 5", "UPDATE 3", "SELECT 7" -> the count; nullopt for tags without one.
std::optional<int64_t> RowsAffected(PGresult* res) {
  const char* tuples = PQcmdTuples(res);
  if (tuples == nullptr || *tuples == '\0') return std::nullopt;
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(tuples, tuples + std::strlen(tuples), n);
  if (ec != std::errc()) return std::nullopt;
  return n;
}

std::string Field(PGresult* res, int code) {
  const char* value = PQresultErrorField(res, code);
  return value == nullptr ? "" : value;
}

// libpq wants the whole string NUL-terminated; a value in single quotes for conninfo.
std::string QuoteConninfo(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

}  // namespace

Result<std::unique_ptr<LibpqDatabase>> LibpqDatabase::Connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Status::IOError("libpq could not allocate a connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Status::IOError("cannot connect: " + message);
  }
  PQsetNoticeProcessor(conn, DropNotice, nullptr);
  return std::unique_ptr<LibpqDatabase>(new LibpqDatabase(conn));
}

LibpqDatabase::~LibpqDatabase() {
  PQfinish(conn_);
}

Status LibpqDatabase::Execute(std::string_view sql, QueryResult* out) {
  *out = QueryResult();
  std::string text(sql);
  // PQexec returns the last result of a multi-statement string; we keep the first error or,
  // without one, the last result, which is what a script means by running the text.
  PGresult* res = PQexec(conn_, text.c_str());
  if (res == nullptr || PQstatus(conn_) == CONNECTION_BAD) {
    std::string message = PQerrorMessage(conn_);
    if (res != nullptr) PQclear(res);
    return Status::IOError("connection lost: " + message);
  }
  Status status;
  switch (PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY: out->rows_affected = RowsAffected(res); break;
    case PGRES_TUPLES_OK: {
      int columns = PQnfields(res);
      int rows = PQntuples(res);
      for (int c = 0; c < columns; c++) {
        out->column_types.push_back(PQftype(res, c));
        out->column_names.emplace_back(PQfname(res, c));
      }
      out->rows.resize(static_cast<size_t>(rows));
      for (int r = 0; r < rows; r++) {
        auto& row = out->rows[static_cast<size_t>(r)];
        row.reserve(static_cast<size_t>(columns));
        for (int c = 0; c < columns; c++) {
          if (PQgetisnull(res, r, c)) {
            row.emplace_back(std::nullopt);
          } else {
            row.emplace_back(
                std::string(PQgetvalue(res, r, c), static_cast<size_t>(PQgetlength(res, r, c))));
          }
        }
      }
      out->rows_affected = RowsAffected(res);
      break;
    }
    case PGRES_FATAL_ERROR: {
      std::string sqlstate = Field(res, PG_DIAG_SQLSTATE);
      std::string message = Field(res, PG_DIAG_MESSAGE_PRIMARY);
      if (sqlstate.empty()) {  // a client-side error: libpq says why in the connection
        message = PQerrorMessage(conn_);
        PQclear(res);
        return Status::IOError(message);
      }
      status = Status::Sql(StatusCode::kInvalidArgument, sqlstate, message);
      break;
    }
    default:
      status = Status::NotSupported(std::string("unexpected libpq result ") +
                                    PQresStatus(PQresultStatus(res)));
      break;
  }
  PQclear(res);
  return status;
}

class LibpqDatabaseFactory::ScratchDatabase : public Database {
 public:
  ScratchDatabase(LibpqDatabaseFactory* factory, std::string name,
                  std::unique_ptr<LibpqDatabase> db)
      : factory_(factory), name_(std::move(name)), db_(std::move(db)) {}
  ~ScratchDatabase() override {
    db_.reset();  // disconnect first, so the drop does not have to force anyone out
    (void)factory_->Drop(name_);
  }
  Status Execute(std::string_view sql, QueryResult* out) override { return db_->Execute(sql, out); }

 private:
  LibpqDatabaseFactory* factory_;
  std::string name_;
  std::unique_ptr<LibpqDatabase> db_;
};

LibpqDatabaseFactory::LibpqDatabaseFactory(std::string admin_conninfo)
    : admin_conninfo_(std::move(admin_conninfo)) {}

LibpqDatabaseFactory::~LibpqDatabaseFactory() = default;

Result<std::unique_ptr<Database>> LibpqDatabaseFactory::OpenFresh() {
  if (!admin_) {
    auto admin = LibpqDatabase::Connect(admin_conninfo_);
    if (!admin.ok()) return admin.status();
    admin_ = std::move(admin).value();
  }
  std::string name = "slt_" + std::to_string(::getpid()) + "_" + std::to_string(next_++);
  QueryResult ignored;
  // A leftover from a crashed run of the same pid would make CREATE fail; drop it first.
  DC_RETURN_IF_ERROR(admin_->Execute("DROP DATABASE IF EXISTS " + name, &ignored));
  DC_RETURN_IF_ERROR(admin_->Execute("CREATE DATABASE " + name, &ignored));
  // Later keywords win in a libpq connection string, so appending dbname= redirects it.
  auto db = LibpqDatabase::Connect(admin_conninfo_ + " dbname=" + QuoteConninfo(name));
  if (!db.ok()) {
    (void)Drop(name);
    return db.status();
  }
  return std::unique_ptr<Database>(new ScratchDatabase(this, name, std::move(db).value()));
}

Status LibpqDatabaseFactory::Drop(const std::string& name) {
  QueryResult ignored;
  return admin_->Execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", &ignored);
}

}  // namespace datacave::slt
