// The extended query protocol as libpq and libpqxx use it (exec_params, prepared statements,
// binary results), with the same expectations checked against PostgreSQL 15.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <pqxx/pqxx>

#include "support/postgres.h"
#include "wire-conformance/datacave_server.h"

namespace datacave {
namespace {

using testing::kAlicePassword;

// Runs check against Datacave and against PostgreSQL 15, each with a fresh table.
// conninfo: how to open another connection to the same server.
using Check = std::function<void(pqxx::connection&, const std::string& conninfo)>;

void OnBothServers(const Check& check) {
  std::string error;
  auto pg = testing::PostgresServer::Start({.host_auth = "trust"}, &error);
  ASSERT_NE(pg, nullptr) << error;
  testing::DatacaveServer datacave("trust");
  for (const std::string& conninfo : {datacave.Conninfo("alice"), pg->SuperuserConninfo()}) {
    SCOPED_TRACE(conninfo);
    pqxx::connection c(conninfo);
    pqxx::nontransaction(c).exec(
        "CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2))");
    check(c, conninfo);
  }
}

TEST(ExtendedQueryConformance, ExecParamsWithIntTextNumericAndNull) {
  OnBothServers([](pqxx::connection& c, const std::string&) {
    {
      pqxx::work tx(c);
      auto r = tx.exec_params("INSERT INTO items VALUES ($1, $2, $3)", 1, "one", "1.5");
      EXPECT_EQ(r.affected_rows(), 1u);
      tx.exec_params("INSERT INTO items VALUES ($1, $2, $3)", 2, nullptr, nullptr);
      tx.commit();
    }
    pqxx::nontransaction tx(c);
    auto rows = tx.exec_params("SELECT id, name, price FROM items WHERE id >= $1 ORDER BY id", 1);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][1].as<std::string>(), "one");
    EXPECT_EQ(rows[0][2].as<std::string>(), "1.50");
    EXPECT_TRUE(rows[1][1].is_null());
    EXPECT_TRUE(rows[1][2].is_null());
    EXPECT_EQ(tx.exec_params("SELECT $1::text || '!'", "hi").at(0).at(0).as<std::string>(), "hi!");
    auto updated = tx.exec_params("UPDATE items SET price = price + $1 WHERE id = $2", "2.25", 1);
    EXPECT_EQ(updated.affected_rows(), 1u);
    EXPECT_EQ(
        tx.exec_params("SELECT price FROM items WHERE id = $1", 1).at(0).at(0).as<std::string>(),
        "3.75");
  });
}

TEST(ExtendedQueryConformance, PreparedStatementsRunManyTimesAndErrorsRecoverAtSync) {
  OnBothServers([](pqxx::connection& c, const std::string&) {
    c.prepare("ins", "INSERT INTO items (id, name) VALUES ($1, $2)");
    c.prepare("get", "SELECT name FROM items WHERE id = $1");
    for (int i = 1; i <= 5; i++) {
      pqxx::nontransaction tx(c);
      tx.exec_prepared("ins", i, "n" + std::to_string(i));
    }
    for (int i = 1; i <= 5; i++) {
      pqxx::nontransaction tx(c);
      EXPECT_EQ(tx.exec_prepared("get", i).at(0).at(0).as<std::string>(), "n" + std::to_string(i));
    }
    {
      pqxx::nontransaction tx(c);
      try {
        tx.exec_prepared("ins", 1, "again");
        FAIL() << "a duplicate key was accepted";
      } catch (const pqxx::sql_error& e) {
        EXPECT_EQ(e.sqlstate(), "23505");
      }
      try {
        tx.exec_prepared("get", "not a number");
        FAIL() << "a bad integer was accepted";
      } catch (const pqxx::sql_error& e) {
        EXPECT_EQ(e.sqlstate(), "22P02");
      }
      EXPECT_EQ(tx.exec_prepared("get", 3).at(0).at(0).as<std::string>(), "n3");
    }
    // In a transaction block the error fails the block until ROLLBACK.
    {
      pqxx::work tx(c);
      EXPECT_THROW(tx.exec_prepared("ins", 2, "dup"), pqxx::unique_violation);
      try {
        tx.exec_prepared("get", 1);
        FAIL() << "a statement ran in a failed transaction";
      } catch (const pqxx::sql_error& e) {
        EXPECT_EQ(e.sqlstate(), "25P02");
      }
    }
  });
}

TEST(ExtendedQueryConformance, BinaryResultsAndParameters) {
  OnBothServers([](pqxx::connection& c, const std::string& conninfo) {
    pqxx::nontransaction(c).exec("INSERT INTO items VALUES (7, 'seven', 12.25)");
    // libpqxx 6 reads text only; libpq asks for binary results itself.
    PGconn* conn = PQconnectdb(conninfo.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    const Oid types[] = {23};
    const char seven[] = {0, 0, 0, 7};
    const char* values[] = {seven};
    const int lengths[] = {4};
    const int formats[] = {1};
    PGresult* r = PQexecParams(conn, "SELECT id, name, id::int8 * 2 FROM items WHERE id = $1", 1,
                               types, values, lengths, formats, /*resultFormat=*/1);
    ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
    ASSERT_EQ(PQntuples(r), 1);
    EXPECT_EQ(PQfformat(r, 0), 1);
    EXPECT_EQ(PQftype(r, 0), 23u);
    EXPECT_EQ(std::string(PQgetvalue(r, 0, 0), 4), std::string("\0\0\0\x07", 4));
    EXPECT_EQ(std::string(PQgetvalue(r, 0, 1)), "seven");
    EXPECT_EQ(std::string(PQgetvalue(r, 0, 2), 8), std::string("\0\0\0\0\0\0\0\x0e", 8));
    PQclear(r);
    // Describe Statement: the parameter types the server inferred ("" when right), and
    // the result column types (none: NoData).
    auto describe = [conn](const char* name, const char* sql) {
      PGresult* prepared = PQprepare(conn, name, sql, 0, nullptr);
      std::string got = PQresultErrorMessage(prepared);
      PQclear(prepared);
      PGresult* d = PQdescribePrepared(conn, name);
      got += PQresultErrorMessage(d);
      for (int i = 0; i < PQnparams(d); i++) got += std::to_string(PQparamtype(d, i)) + " ";
      got += "->";
      for (int i = 0; i < PQnfields(d); i++) got += " " + std::to_string(PQftype(d, i));
      PQclear(d);
      return got;
    };
    EXPECT_EQ(describe("d", "SELECT name FROM items WHERE id = $1 AND price > $2"),
              "23 1700 -> 25");
    // An INSERT's values take their columns' types: what pgjdbc describes before a first run.
    EXPECT_EQ(describe("i", "INSERT INTO items (id, price) VALUES ($1, $2)"), "23 1700 ->");
    PQfinish(conn);
  });
}

// A cursor declared in SQL with a parameter is a portal of the protocol too: psycopg 3's
// server-side cursor describes it by name (Describe Portal) before it fetches from it.
TEST(ExtendedQueryConformance, DeclaredCursorIsADescribablePortal) {
  OnBothServers([](pqxx::connection& c, const std::string& conninfo) {
    pqxx::nontransaction(c).exec(
        "INSERT INTO items SELECT g, 'n' || g, g FROM generate_series(1, 300) g");
    PGconn* conn = PQconnectdb(conninfo.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    auto command = [](PGresult* r) {
      std::string got = PQresultStatus(r) == PGRES_FATAL_ERROR
                            ? std::string("ERROR ") + PQresultErrorField(r, PG_DIAG_SQLSTATE)
                            : PQcmdStatus(r);
      PQclear(r);
      return got;
    };
    const char* above[] = {"100"};
    const char* declare =
        "DECLARE c CURSOR FOR SELECT id, name FROM items WHERE id > $1 ORDER BY id";
    // Outside a transaction block (an extended-protocol statement before Sync is not in one).
    EXPECT_EQ(command(PQexecParams(conn, declare, 1, nullptr, above, nullptr, nullptr, 0)),
              "ERROR 25P01");
    EXPECT_EQ(command(PQexec(conn, "BEGIN")), "BEGIN");
    EXPECT_EQ(command(PQexecParams(conn, declare, 1, nullptr, above, nullptr, nullptr, 0)),
              "DECLARE CURSOR");
    PGresult* d = PQdescribePortal(conn, "c");
    ASSERT_EQ(PQresultStatus(d), PGRES_COMMAND_OK) << PQresultErrorMessage(d);
    ASSERT_EQ(PQnfields(d), 2);
    EXPECT_EQ(std::string(PQfname(d, 0)), "id");
    EXPECT_EQ(PQftype(d, 0), 23u);
    EXPECT_EQ(std::string(PQfname(d, 1)), "name");
    EXPECT_EQ(PQftype(d, 1), 25u);
    EXPECT_EQ(PQfformat(d, 1), 0);
    PQclear(d);
    // FETCH FORWARD n through the extended protocol, a batch at a time, to the end.
    int fetched = 0;
    while (true) {
      PGresult* r =
          PQexecParams(conn, "FETCH FORWARD 64 FROM c", 0, nullptr, nullptr, nullptr, nullptr, 0);
      ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
      const int rows = PQntuples(r);
      EXPECT_EQ(std::string(PQcmdStatus(r)), "FETCH " + std::to_string(rows));
      if (rows > 0) {
        EXPECT_EQ(std::string(PQgetvalue(r, 0, 0)), std::to_string(101 + fetched));
      }
      PQclear(r);
      fetched += rows;
      if (rows < 64) break;
    }
    EXPECT_EQ(fetched, 200);
    EXPECT_EQ(command(PQexec(conn, "CLOSE c")), "CLOSE CURSOR");
    d = PQdescribePortal(conn, "c");
    EXPECT_EQ(std::string(PQresultErrorField(d, PG_DIAG_SQLSTATE)), "34000");
    PQclear(d);
    EXPECT_EQ(command(PQexec(conn, "ROLLBACK")), "ROLLBACK");
    PQfinish(conn);

    // libpqxx's stateless_cursor: DECLARE SCROLL ... FOR READ ONLY, FETCH 0, MOVE ALL to
    // learn the size, MOVE back and FETCH forward or backward.
    pqxx::work tx(c);
    pqxx::stateless_cursor<pqxx::cursor_base::read_only, pqxx::cursor_base::owned> cursor(
        tx, "SELECT id FROM items ORDER BY id", "mycur", false);
    EXPECT_EQ(cursor.size(), 300u);
    auto rows = cursor.retrieve(10, 13);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][0].as<int>(), 11);
    EXPECT_EQ(rows[2][0].as<int>(), 13);
    rows = cursor.retrieve(299, 296);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][0].as<int>(), 300);
    EXPECT_EQ(rows[2][0].as<int>(), 298);
  });
}

}  // namespace
}  // namespace datacave
