// Real clients (libpqxx, libpq, psql) log in to `datacave serve` with every auth.method, see
// the ParameterStatus values they depend on, and run queries on a connection that an error
// leaves usable. The failure messages are checked against PostgreSQL 15's
// own, from a throwaway server set up the same way.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <pqxx/pqxx>

#include "support/postgres.h"
#include "wire-conformance/datacave_server.h"

namespace datacave {
namespace {

using namespace std::chrono_literals;

using testing::kAlicePassword;
using testing::kBobPassword;
using Datacave = testing::DatacaveServer;

// Connects with libpqxx; returns "" on success, else the error text.
std::string ConnectError(const std::string& conninfo) {
  try {
    pqxx::connection c(conninfo);
    return "";
  } catch (const pqxx::broken_connection& e) {
    return e.what();
  }
}

// What follows "FATAL:  " in a libpq connection error.
std::string FatalMessage(const std::string& error) {
  auto at = error.find("FATAL:  ");
  if (at == std::string::npos) return "(no FATAL in: " + error + ")";
  std::string message = error.substr(at + 8);
  return message.substr(0, message.find('\n'));
}

TEST(AuthenticationConformance, ScramRightAndWrongPassword) {
  Datacave datacave("scram-sha-256");
  EXPECT_EQ(ConnectError(datacave.Conninfo("alice", kAlicePassword)), "");
  EXPECT_EQ(FatalMessage(ConnectError(datacave.Conninfo("alice", "wrong"))),
            "password authentication failed for user \"alice\"");
  // libpq insists on a password when asked for SCRAM.
  EXPECT_NE(ConnectError(datacave.Conninfo("alice")).find("no password supplied"),
            std::string::npos);
}

TEST(AuthenticationConformance, Md5UsesMd5HashesAndScramForScramVerifiers) {
  Datacave datacave("md5");
  EXPECT_EQ(ConnectError(datacave.Conninfo("bob", kBobPassword)), "");
  EXPECT_EQ(FatalMessage(ConnectError(datacave.Conninfo("bob", kAlicePassword))),
            "password authentication failed for user \"bob\"");
  // As in PostgreSQL: a user with a SCRAM verifier is asked for SCRAM under md5.
  EXPECT_EQ(ConnectError(datacave.Conninfo("alice", kAlicePassword)), "");
}

TEST(AuthenticationConformance, CleartextPasswordChecksEitherKindOfSecret) {
  // Without TLS only when the config says so (tls_test.cc: cleartext over TLS, and refused).
  Datacave datacave("password", "allow_cleartext_without_tls = true\n");
  EXPECT_EQ(ConnectError(datacave.Conninfo("alice", kAlicePassword)), "");
  EXPECT_EQ(ConnectError(datacave.Conninfo("bob", kBobPassword)), "");
  EXPECT_EQ(FatalMessage(ConnectError(datacave.Conninfo("alice", kBobPassword))),
            "password authentication failed for user \"alice\"");
}

TEST(AuthenticationConformance, TrustNeedsNoPasswordButAKnownUser) {
  Datacave datacave("trust");
  EXPECT_EQ(ConnectError(datacave.Conninfo("alice")), "");
  EXPECT_EQ(FatalMessage(ConnectError(datacave.Conninfo("nobody"))),
            "role \"nobody\" does not exist");
}

TEST(AuthenticationConformance, FailuresReadAsPostgres15s) {
  // The same three failures from PostgreSQL 15 with SCRAM on TCP, and from Datacave.
  std::string error;
  auto pg = testing::PostgresServer::Start({.host_auth = "scram-sha-256"}, &error);
  ASSERT_NE(pg, nullptr) << error;
  {
    pqxx::connection admin(pg->SuperuserConninfo());
    pqxx::nontransaction tx(admin);
    tx.exec(std::string("CREATE ROLE alice LOGIN PASSWORD ") + tx.quote(kAlicePassword));
    tx.exec("CREATE DATABASE \"default\"");
  }
  Datacave datacave("scram-sha-256");
  auto both = [&](const std::string& user, const std::string& password, const std::string& dbname) {
    std::string pg_error = FatalMessage(ConnectError(
        pg->TcpConninfo() + " user=" + user + " password='" + password + "' dbname=" + dbname));
    std::string our_error = FatalMessage(ConnectError(datacave.Conninfo(user, password, dbname)));
    EXPECT_EQ(our_error, pg_error);
    return our_error;
  };
  EXPECT_EQ(both("alice", "wrong", "default"), "password authentication failed for user \"alice\"");
  // An unknown user is indistinguishable from a wrong password.
  EXPECT_EQ(both("nobody", "wrong", "default"),
            "password authentication failed for user \"nobody\"");
  EXPECT_EQ(both("alice", kAlicePassword, "nope"), "database \"nope\" does not exist");
  // Without a database name libpq asks for the user's, which does not exist here.
  EXPECT_EQ(FatalMessage(ConnectError(datacave.Conninfo("alice", kAlicePassword, "''"))),
            "database \"alice\" does not exist");
}

TEST(AuthenticationConformance, ParameterStatusAsClientsNeedIt) {
  Datacave datacave("scram-sha-256");
  std::string conninfo =
      datacave.Conninfo("alice", kAlicePassword) + " application_name=conformance";
  PGconn* conn = PQconnectdb(conninfo.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  auto status = [&](const char* name) {
    const char* v = PQparameterStatus(conn, name);
    return std::string(v ? v : "(missing)");
  };
  EXPECT_EQ(status("server_version"), std::string("15.0 (Datacave ") + DATACAVE_VERSION + ")");
  EXPECT_EQ(PQserverVersion(conn), 150000);
  EXPECT_EQ(status("server_encoding"), "UTF8");
  EXPECT_EQ(status("client_encoding"), "UTF8");
  EXPECT_EQ(status("DateStyle"), "ISO, MDY");
  EXPECT_EQ(status("IntervalStyle"), "postgres");
  EXPECT_EQ(status("TimeZone"), "UTC");
  EXPECT_EQ(status("integer_datetimes"), "on");
  EXPECT_EQ(status("standard_conforming_strings"), "on");
  EXPECT_EQ(status("application_name"), "conformance");
  EXPECT_EQ(status("is_superuser"), "on");
  EXPECT_EQ(status("session_authorization"), "alice");
  EXPECT_EQ(status("default_transaction_read_only"), "off");
  EXPECT_EQ(status("in_hot_standby"), "off");
  EXPECT_NE(PQbackendPID(conn), 0);
  EXPECT_EQ(PQtransactionStatus(conn), PQTRANS_IDLE);
  // The session runs with the client's startup settings, and RESET returns to them.
  auto value = [&](const char* sql) {
    PGresult* result = PQexec(conn, sql);
    std::string v = PQresultStatus(result) == PGRES_TUPLES_OK ? PQgetvalue(result, 0, 0)
                                                              : PQresultErrorMessage(result);
    PQclear(result);
    return v;
  };
  EXPECT_EQ(value("SHOW application_name"), "conformance");
  PQclear(PQexec(conn, "SET application_name = 'other'"));
  EXPECT_EQ(value("SHOW application_name"), "other");
  PQclear(PQexec(conn, "RESET application_name"));
  EXPECT_EQ(value("SELECT setting || ' ' || source FROM pg_settings WHERE name = "
                  "'application_name'"),
            "conformance client");
  PQclear(PQexec(conn, "SET application_name = 'other'; RESET ALL"));
  EXPECT_EQ(value("SHOW application_name"), "conformance");
  PQfinish(conn);

  // libpqxx accepts the version, and escapes as standard_conforming_strings=on requires.
  pqxx::connection c(datacave.Conninfo("alice", kAlicePassword));
  EXPECT_EQ(c.server_version(), 150000);
  EXPECT_EQ(c.esc("a'b\\c"), "a''b\\c");
}

TEST(AuthenticationConformance, QueriesRunAndErrorsLeaveTheConnectionUsable) {
  Datacave datacave("scram-sha-256");
  pqxx::connection c(datacave.Conninfo("alice", kAlicePassword));
  for (int i = 0; i < 2; i++) {
    pqxx::nontransaction tx(c);
    EXPECT_EQ(tx.exec1("SELECT 40 + 2")[0].as<int>(), 42);
    try {
      tx.exec("SELECT nope");
      FAIL() << "a bad query succeeded";
    } catch (const pqxx::sql_error& e) {
      EXPECT_EQ(e.sqlstate(), "42703");
    }
  }
  // exec_params goes through Parse/Bind/Describe/Execute/Sync; an error there leaves the
  // connection usable too.
  for (int i = 0; i < 2; i++) {
    pqxx::nontransaction tx(c);
    EXPECT_EQ(tx.exec_params("SELECT $1 + 1", i).at(0).at(0).as<int>(), i + 1);
    try {
      tx.exec_params("SELECT nope + $1", 1);
      FAIL() << "a bad query succeeded";
    } catch (const pqxx::sql_error& e) {
      EXPECT_EQ(e.sqlstate(), "42703");
    }
  }
  EXPECT_TRUE(c.is_open());
}

TEST(AuthenticationConformance, PsqlPrintsTheQueryErrorNotAFatal) {
  Datacave datacave("scram-sha-256");
  auto r = testing::RunProgram(
      {.argv = {"/usr/bin/psql", datacave.Conninfo("alice"), "-X", "-c", "select 1/0"},
       .env = {std::string("PGPASSWORD=") + kAlicePassword}});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("ERROR:  division by zero"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("FATAL"), std::string::npos) << r.output;
  // An empty query is fine.
  r = testing::RunProgram({.argv = {"/usr/bin/psql", datacave.Conninfo("alice"), "-X", "-c", ";"},
                           .env = {std::string("PGPASSWORD=") + kAlicePassword}});
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

}  // namespace
}  // namespace datacave
