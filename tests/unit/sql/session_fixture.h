#pragma once

// A test fixture for SQL through sql::Session, shared by the SQL unit tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/fault_injection_file_system.h"
#include "sql/session.h"
#include "sql/types/cast.h"

namespace datacave::sql {

// A database on an in-memory file system that can be closed and reopened.
class SessionFixture : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    session_.reset();
    database_.reset();
    lsm_.reset();
    lsm::Options options;
    options.file_system = &fs_;
    auto db = lsm::DB::Open(options, "/db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    lsm_ = std::move(db).value();
    auto database = Database::Open(lsm_.get(), lsm::WriteOptions{});
    ASSERT_TRUE(database.ok()) << database.status().ToString();
    database_ = std::move(database).value();
    session_ = std::make_unique<Session>(database_.get(), SessionOptions{});
  }

  // The last statement's rows as "a,b;c,d" (NULL as "N"), its tag, or "ERROR <sqlstate>".
  std::string Run(std::string_view sql, Session* session = nullptr) {
    std::string out;
    Status s = (session ? session : session_.get())->Execute(sql, [&](StatementResult& result) {
      out = result.returns_rows ? "" : result.tag;
      for (size_t r = 0; r < result.rows.size(); ++r) {
        if (r > 0) out += ";";
        for (size_t c = 0; c < result.rows[r].size(); ++c) {
          if (c > 0) out += ",";
          const Value& v = result.rows[r][c];
          out += v.is_null() ? "N" : ToText(v);
        }
      }
      return Status::Ok();
    });
    if (!s.ok()) return "ERROR " + std::string(s.sqlstate());
    return out;
  }

  FaultInjectionFileSystem fs_;
  std::unique_ptr<lsm::DB> lsm_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;
};

}  // namespace datacave::sql
