#include "sql-logic/slt/session_database.h"

#include "core/fault_injection_file_system.h"
#include "lsm/db.h"
#include "sql/session.h"
#include "sql/types/cast.h"

namespace datacave::slt {
namespace {

class SessionDatabase final : public Database {
 public:
  static Result<std::unique_ptr<Database>> Open() {
    auto db = std::unique_ptr<SessionDatabase>(new SessionDatabase());
    lsm::Options options;
    options.file_system = &db->fs_;
    options.create_if_missing = true;
    DC_ASSIGN_OR_RETURN(db->lsm_, lsm::DB::Open(options, "/slt"));
    DC_ASSIGN_OR_RETURN(db->database_, sql::Database::Open(db->lsm_.get(), lsm::WriteOptions{}));
    db->session_ = std::make_unique<sql::Session>(db->database_.get(), sql::SessionOptions{});
    return std::unique_ptr<Database>(std::move(db));
  }

  Status Execute(std::string_view sql, QueryResult* out) override {
    *out = QueryResult();
    return session_->Execute(sql, [out](sql::StatementResult& result) {
      *out = QueryResult();
      for (const auto& column : result.columns) {
        out->column_types.push_back(sql::TypeOid(column.type.id));
        out->column_names.push_back(column.name);
      }
      for (const auto& row : result.rows) {
        std::vector<std::optional<std::string>> values;
        for (const auto& value : row) {
          if (value.is_null()) {
            values.emplace_back();
          } else {
            values.emplace_back(sql::ToText(value));
          }
        }
        out->rows.push_back(std::move(values));
      }
      // The last number of the command tag ("INSERT 0 3", "SELECT 2").
      const size_t space = result.tag.rfind(' ');
      if (space != std::string::npos) {
        const std::string count = result.tag.substr(space + 1);
        if (!count.empty() && count.find_first_not_of("0123456789") == std::string::npos) {
          out->rows_affected = std::stoll(count);
        }
      }
      return Status::Ok();
    });
  }

 private:
  SessionDatabase() = default;

  FaultInjectionFileSystem fs_;
  std::unique_ptr<lsm::DB> lsm_;
  std::unique_ptr<sql::Database> database_;
  std::unique_ptr<sql::Session> session_;
};

}  // namespace

Result<std::unique_ptr<Database>> SessionDatabaseFactory::OpenFresh() {
  return SessionDatabase::Open();
}

}  // namespace datacave::slt
