// Stopping statements and sessions from outside: CancelRequest, statement_timeout,
// idle_in_transaction_session_timeout, and a long statement not holding up other
// connections. Each check runs against Datacave and against PostgreSQL 15 with the same
// expectations; the config defaults of the timeouts are Datacave's own.

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/coding.h"
#include "support/postgres.h"
#include "support/process.h"
#include "wire-conformance/datacave_server.h"

namespace datacave {
namespace {

using namespace std::chrono_literals;

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Connection = std::unique_ptr<PGconn, PgConnDeleter>;

struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

Connection Connect(const std::string& conninfo) {
  Connection c(PQconnectdb(conninfo.c_str()));
  EXPECT_EQ(PQstatus(c.get()), CONNECTION_OK) << PQerrorMessage(c.get());
  return c;
}

// One statement; its SQLSTATE ("" on success) and its error message, or its first value.
struct Outcome {
  std::string sqlstate;
  std::string text;
};
Outcome Exec(PGconn* c, const std::string& sql) {
  ResultPtr r(PQexec(c, sql.c_str()));
  auto status = PQresultStatus(r.get());
  if (status == PGRES_COMMAND_OK) return {"", ""};
  if (status == PGRES_TUPLES_OK) {
    return {"", PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : ""};
  }
  const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
  const char* message = PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY);
  return {state ? state : "(none)", message ? message : PQerrorMessage(c)};
}

// A statement that runs for minutes on both servers in little memory: a billion-row
// three-way cross join of a 1000-row table, counted.
constexpr const char* kLongQuery = "SELECT count(*) FROM thousand a, thousand b, thousand c";

void CreateThousand(PGconn* c) {
  EXPECT_EQ(Exec(c, "CREATE TABLE thousand (n int)").sqlstate, "");
  EXPECT_EQ(Exec(c,
                 "INSERT INTO thousand SELECT n FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL "
                 "SELECT n + 1 FROM r WHERE n < 1000) SELECT n FROM r) s")
                .sqlstate,
            "");
}

// Runs check against PostgreSQL 15 and against Datacave (started with server_keys in its
// [server] section), each with the table `thousand`.
using Check = std::function<void(const std::string& conninfo)>;
void OnBothServers(const Check& check) {
  std::string error;
  auto pg = testing::PostgresServer::Start({.host_auth = "trust"}, &error);
  ASSERT_NE(pg, nullptr) << error;
  testing::DatacaveServer datacave("trust");
  for (const std::string& conninfo : {datacave.Conninfo("alice"), pg->SuperuserConninfo()}) {
    SCOPED_TRACE(conninfo);
    Connection setup = Connect(conninfo);
    CreateThousand(setup.get());
    check(conninfo);
  }
}

// A CancelRequest quoting the given key, sent on a connection of its own.
void SendCancelRequest(uint16_t port, int32_t pid, int32_t secret) {
  std::string packet;
  PutBigEndian32(&packet, 16);
  PutBigEndian32(&packet, 80877102);
  PutBigEndian32(&packet, static_cast<uint32_t>(pid));
  PutBigEndian32(&packet, static_cast<uint32_t>(secret));
  int fd = testing::ConnectLoopback(port);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::send(fd, packet.data(), packet.size(), MSG_NOSIGNAL), 16);
  char byte;
  EXPECT_EQ(::recv(fd, &byte, 1, 0), 0) << "no reply, the server just closes";
  ::close(fd);
}

// Whether the query sent on c is still running after `wait`.
bool StillRunning(PGconn* c, std::chrono::milliseconds wait) {
  std::this_thread::sleep_for(wait);
  EXPECT_EQ(PQconsumeInput(c), 1) << PQerrorMessage(c);
  return PQisBusy(c) == 1;
}

TEST(SessionControlConformance, CancelRequestStopsOnlyTheStatementItNames) {
  OnBothServers([](const std::string& conninfo) {
    Connection running = Connect(conninfo);
    ASSERT_EQ(PQsendQuery(running.get(), kLongQuery), 1);
    ASSERT_TRUE(StillRunning(running.get(), 300ms));

    // Another connection is served meanwhile: the long statement holds no shared thread.
    Connection other = Connect(conninfo);
    EXPECT_EQ(Exec(other.get(), "SELECT 40 + 2").text, "42");

    // A wrong secret cancels nothing.
    const auto port = static_cast<uint16_t>(std::stoi(PQport(running.get())));
    SendCancelRequest(port, PQbackendPID(running.get()), 0x1234567);
    EXPECT_TRUE(StillRunning(running.get(), 300ms));

    PGcancel* cancel = PQgetCancel(running.get());
    char error[256];
    EXPECT_EQ(PQcancel(cancel, error, sizeof error), 1) << error;
    PQfreeCancel(cancel);
    ResultPtr result(PQgetResult(running.get()));
    EXPECT_EQ(PQresultStatus(result.get()), PGRES_FATAL_ERROR);
    EXPECT_STREQ(PQresultErrorField(result.get(), PG_DIAG_SQLSTATE), "57014");
    EXPECT_STREQ(PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY),
                 "canceling statement due to user request");
    while (ResultPtr(PQgetResult(running.get()))) {
    }
    // The session goes on, and the cancel does not linger for the next statement.
    EXPECT_EQ(Exec(running.get(), "SELECT count(*) FROM thousand").text, "1000");
  });
}

TEST(SessionControlConformance, StatementTimeoutCancelsEachStatementThatRunsTooLong) {
  OnBothServers([](const std::string& conninfo) {
    Connection c = Connect(conninfo);
    EXPECT_EQ(Exec(c.get(), "SHOW statement_timeout").text, "0");
    EXPECT_EQ(Exec(c.get(), "SET statement_timeout = '200ms'").sqlstate, "");
    Outcome timed_out = Exec(c.get(), kLongQuery);
    EXPECT_EQ(timed_out.sqlstate, "57014");
    EXPECT_EQ(timed_out.text, "canceling statement due to statement timeout");
    EXPECT_EQ(Exec(c.get(), "SELECT count(*) FROM thousand").text, "1000");

    // In a transaction block the timeout fails the block, like any error.
    EXPECT_EQ(Exec(c.get(), "BEGIN").sqlstate, "");
    EXPECT_EQ(Exec(c.get(), kLongQuery).sqlstate, "57014");
    EXPECT_EQ(Exec(c.get(), "SELECT 1").sqlstate, "25P02");
    EXPECT_EQ(Exec(c.get(), "ROLLBACK").sqlstate, "");

    // PostgreSQL's units, rounding and display.
    const std::pair<std::string, std::string> values[] = {
        {"1000", "1s"},       {"'1500ms'", "1500ms"}, {"'90s'", "90s"}, {"'5 min'", "5min"},
        {"'1.5s'", "1500ms"}, {"'2h'", "2h"},         {"'1d'", "1d"},   {"0", "0"}};
    for (const auto& [value, shown] : values) {
      EXPECT_EQ(Exec(c.get(), "SET statement_timeout = " + value).sqlstate, "") << value;
      EXPECT_EQ(Exec(c.get(), "SHOW statement_timeout").text, shown) << value;
    }
    Outcome bad = Exec(c.get(), "SET statement_timeout = 'soon'");
    EXPECT_EQ(bad.sqlstate, "22023");
    EXPECT_EQ(bad.text, "invalid value for parameter \"statement_timeout\": \"soon\"");
    bad = Exec(c.get(), "SET statement_timeout = '-1s'");
    EXPECT_EQ(bad.sqlstate, "22023");
    EXPECT_EQ(bad.text,
              "-1000 ms is outside the valid range for parameter \"statement_timeout\" "
              "(0 .. 2147483647)");
    EXPECT_EQ(Exec(c.get(), "SET statement_timeout = '25d'").sqlstate, "22023");
    EXPECT_EQ(Exec(c.get(), "SHOW statement_timeout").text, "0");
  });
}

TEST(SessionControlConformance, IdleInTransactionTimeoutEndsTheSession) {
  OnBothServers([](const std::string& conninfo) {
    // Idle outside a transaction block: nothing happens.
    Connection idle = Connect(conninfo);
    EXPECT_EQ(Exec(idle.get(), "SET idle_in_transaction_session_timeout = '200ms'").sqlstate, "");
    EXPECT_EQ(Exec(idle.get(), "SHOW idle_in_transaction_session_timeout").text, "200ms");
    std::this_thread::sleep_for(600ms);
    EXPECT_EQ(Exec(idle.get(), "SELECT 1").text, "1");

    // Idle inside one: the server ends the session and rolls the transaction back.
    Connection c = Connect(conninfo);
    EXPECT_EQ(Exec(c.get(), "SET idle_in_transaction_session_timeout = '200ms'").sqlstate, "");
    EXPECT_EQ(Exec(c.get(), "BEGIN").sqlstate, "");
    EXPECT_EQ(Exec(c.get(), "INSERT INTO thousand VALUES (0)").sqlstate, "");
    std::this_thread::sleep_for(800ms);
    ResultPtr r(PQexec(c.get(), "SELECT 1"));
    EXPECT_NE(PQresultStatus(r.get()), PGRES_TUPLES_OK);
    EXPECT_NE(std::string(PQerrorMessage(c.get()))
                  .find("terminating connection due to idle-in-transaction timeout"),
              std::string::npos)
        << PQerrorMessage(c.get());
    EXPECT_EQ(PQstatus(c.get()), CONNECTION_BAD);
    EXPECT_EQ(Exec(idle.get(), "SELECT count(*) FROM thousand WHERE n = 0").text, "0");
  });
}

TEST(SessionControlConformance, ConfigSetsTheTimeoutsDefaults) {
  testing::DatacaveServer datacave(
      "trust", "", "",
      "statement_timeout_ms = 250\nidle_in_transaction_session_timeout_ms = 60000\n");
  Connection c = Connect(datacave.Conninfo("alice"));
  CreateThousand(c.get());
  EXPECT_EQ(Exec(c.get(), "SHOW statement_timeout").text, "250ms");
  EXPECT_EQ(Exec(c.get(), "SHOW idle_in_transaction_session_timeout").text, "1min");
  EXPECT_EQ(Exec(c.get(), kLongQuery).sqlstate, "57014");
  // RESET goes back to the server's default, not to PostgreSQL's.
  EXPECT_EQ(Exec(c.get(), "SET statement_timeout = 0").sqlstate, "");
  EXPECT_EQ(Exec(c.get(), "RESET statement_timeout").sqlstate, "");
  EXPECT_EQ(Exec(c.get(), "SHOW statement_timeout").text, "250ms");
}

}  // namespace
}  // namespace datacave
