// Real client drivers (psycopg2, psycopg 3, pgjdbc, node-postgres) run a scripted application
// session (tests/wire-conformance/clients: types, transactions, errors, prepared statements,
// batches) against Datacave with SCRAM and against a throwaway PostgreSQL 15 with SCRAM; the
// scripts check every value themselves and exit non-zero on a mismatch. A driver that is not
// installed is skipped (scripts/setup installs them all).

#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>
#include <ostream>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "support/postgres.h"
#include "support/process.h"
#include "wire-conformance/datacave_server.h"

namespace datacave {
namespace {

const std::string kClientsDir =
    std::string(DATACAVE_SOURCE_DIR) + "/tests/wire-conformance/clients";
// Debian's interpreters and jars (the drivers are Debian packages, not pip or Maven ones),
// except node-postgres: npm's pg, pinned by clients/node/package-lock.json and installed
// into clients/node/node_modules by scripts/setup (`npm ci`).
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kJava = "/usr/bin/java";
constexpr const char* kPgjdbcJar = "/usr/share/java/postgresql.jar";
constexpr const char* kNode = "/usr/bin/node";
const std::string kNodeDir = kClientsDir + "/node";

struct Driver {
  std::string name;
  std::vector<std::string> argv;   // runs the session
  std::vector<std::string> probe;  // exits 0 when the driver is installed
};

std::vector<Driver> Drivers() {
  return {
      {"psycopg2",
       {kPython, kClientsDir + "/psycopg2_session.py"},
       {kPython, "-c", "import psycopg2"}},
      {"psycopg3",
       {kPython, kClientsDir + "/psycopg3_session.py"},
       {kPython, "-c", "import psycopg"}},
      {"pgjdbc",
       {kJava, "-cp", kPgjdbcJar, kClientsDir + "/pgjdbc_session.java"},
       {"/usr/bin/test", "-r", kPgjdbcJar}},
      {"node_postgres",
       {kNode, kNodeDir + "/node_postgres_session.js"},
       {kNode, "-e", "require('" + kNodeDir + "/node_modules/pg')"}},
  };
}

// The reason a driver cannot run here, or "" when it can.
std::string MissingReason(const Driver& driver) {
  if (::access(driver.probe[0].c_str(), X_OK) != 0) return driver.probe[0] + " is not installed";
  auto probe = testing::RunProgram({.argv = driver.probe});
  if (probe.exit_code != 0) {
    return driver.name + " is not installed (scripts/setup installs it): " + probe.output;
  }
  return "";
}

struct Case {
  Driver driver;
  bool postgres;  // PostgreSQL 15 rather than Datacave
};

// For test names and failure messages (GoogleTest would print the bytes).
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.driver.name << (c.postgres ? " on PostgreSQL 15" : " on Datacave");
}

class ClientDriverSession : public ::testing::TestWithParam<Case> {};

TEST_P(ClientDriverSession, Passes) {
  const Case& c = GetParam();
  std::string missing = MissingReason(c.driver);
  if (!missing.empty()) GTEST_SKIP() << missing;

  // alice with a SCRAM verifier and the database "default" on either server, so the drivers'
  // own SCRAM implementations (libpq's for both psycopgs, pgjdbc's, node-postgres's) log in.
  std::unique_ptr<testing::PostgresServer> pg;
  std::unique_ptr<testing::DatacaveServer> datacave;
  uint16_t port;
  if (c.postgres) {
    std::string error;
    pg = testing::PostgresServer::Start({.host_auth = "scram-sha-256"}, &error);
    ASSERT_NE(pg, nullptr) << error;
    pqxx::connection admin(pg->SuperuserConninfo());
    pqxx::nontransaction tx(admin);
    tx.exec(std::string("CREATE ROLE alice LOGIN PASSWORD ") + tx.quote(testing::kAlicePassword));
    tx.exec("CREATE DATABASE \"default\" OWNER alice");
    port = pg->port();
  } else {
    datacave = std::make_unique<testing::DatacaveServer>("scram-sha-256");
    port = datacave->port();
  }

  auto run = testing::RunProgram(
      {.argv = c.driver.argv,
       .env = {"PGHOST=127.0.0.1", "PGPORT=" + std::to_string(port), "PGUSER=alice",
               std::string("PGPASSWORD=") + testing::kAlicePassword, "PGDATABASE=default"}});
  EXPECT_EQ(run.exit_code, 0) << run.output
                              << (datacave ? "\nserver log:\n" + datacave->Output() : "");
  EXPECT_NE(run.output.find("session passed"), std::string::npos) << run.output;
}

std::vector<Case> Cases() {
  std::vector<Case> cases;
  for (const Driver& d : Drivers()) {
    cases.push_back({d, false});
    cases.push_back({d, true});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Drivers, ClientDriverSession, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return param_info.param.driver.name +
                                  (param_info.param.postgres ? "_Postgres15" : "_Datacave");
                         });

}  // namespace
}  // namespace datacave
