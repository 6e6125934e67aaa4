#pragma once

// The sqllogictest backend over libpq: the PostgreSQL v3 protocol, so it drives PostgreSQL 15
// and Datacave's server alike. Statements go through the simple query protocol (PQexec), as
// psql sends them.

#include <libpq-fe.h>

#include <memory>
#include <string>

#include "sql-logic/slt/database.h"

namespace datacave::slt {

class LibpqDatabase : public Database {
 public:
  // Connects with a libpq connection string. Server notices are dropped (they would go to
  // stderr) and client_min_messages is not touched.
  static Result<std::unique_ptr<LibpqDatabase>> Connect(const std::string& conninfo);
  ~LibpqDatabase() override;
  LibpqDatabase(const LibpqDatabase&) = delete;
  LibpqDatabase& operator=(const LibpqDatabase&) = delete;

  // A lost connection comes back as IOError without SQLSTATE.
  Status Execute(std::string_view sql, QueryResult* out) override;

 private:
  explicit LibpqDatabase(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;  // owned
};

// A fresh database per script on one server: CREATE DATABASE slt_<pid>_<n> through an admin
// connection, connect to it with the same connection string plus dbname=, and DROP DATABASE
// ... WITH (FORCE) when the script's Database is destroyed. The factory must outlive the
// databases it hands out.
class LibpqDatabaseFactory : public DatabaseFactory {
 public:
  // admin_conninfo names a database to connect to for CREATE/DROP DATABASE (e.g.
  // dbname=postgres); the role needs CREATEDB.
  explicit LibpqDatabaseFactory(std::string admin_conninfo);
  ~LibpqDatabaseFactory() override;

  Result<std::unique_ptr<Database>> OpenFresh() override;

 private:
  class ScratchDatabase;
  Status Drop(const std::string& name);

  std::string admin_conninfo_;
  std::unique_ptr<LibpqDatabase> admin_;  // connected on first use
  int next_ = 0;
};

}  // namespace datacave::slt
