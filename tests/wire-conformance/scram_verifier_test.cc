// A verifier printed by `datacave gen-password-hash` is a PostgreSQL SCRAM-SHA-256 verifier:
// set as a role's password in a throwaway PostgreSQL 15 (pg_hba: scram-sha-256 on TCP), the
// cleartext password logs in over SCRAM and a wrong one is refused with 28P01.

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "support/postgres.h"

namespace datacave {
namespace {

std::string GenerateVerifier(const std::string& password) {
  auto r = testing::RunProgram(
      {.argv = {DATACAVE_BINARY, "gen-password-hash"}, .stdin_data = password + "\n"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.output.substr(0, r.output.find('\n'));
}

TEST(ScramVerifierConformance, VerifierLogsInToPostgres15) {
  std::string error;
  auto pg = testing::PostgresServer::Start({.host_auth = "scram-sha-256"}, &error);
  ASSERT_NE(pg, nullptr) << error;

  const std::string password = "Tr0ub4dor&3 with spaces";
  std::string verifier = GenerateVerifier(password);
  ASSERT_EQ(verifier.rfind("SCRAM-SHA-256$4096:", 0), 0u) << verifier;
  {
    pqxx::connection admin(pg->SuperuserConninfo());
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE ROLE alice LOGIN PASSWORD " + tx.quote(verifier));
    // PostgreSQL stored our verifier as it is (it did not hash it again).
    auto stored = tx.exec1("SELECT rolpassword FROM pg_authid WHERE rolname = 'alice'");
    EXPECT_EQ(stored[0].as<std::string>(), verifier);
  }

  // SCRAM over TCP with the right password.
  pqxx::connection alice(pg->TcpConninfo() + " user=alice password='" + password + "'");
  pqxx::nontransaction tx(alice);
  EXPECT_EQ(tx.exec1("SELECT current_user")[0].as<std::string>(), "alice");

  // And the wrong one fails as PostgreSQL fails it.
  try {
    pqxx::connection wrong(pg->TcpConninfo() + " user=alice password='not it'");
    FAIL() << "logged in with a wrong password";
  } catch (const pqxx::broken_connection& e) {
    EXPECT_NE(std::string(e.what()).find("password authentication failed"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace datacave
