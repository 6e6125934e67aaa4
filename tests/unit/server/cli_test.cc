// The datacave binary's command line: subcommands, --help, exit codes, and config errors
// reported as one message with exit code 2.

#include <gtest/gtest.h>

#include <filesystem>

#include "core/password.h"
#include "support/process.h"

namespace datacave {
namespace {

using testing::RunProgram;

testing::RunResult Datacave(std::vector<std::string> args, std::string stdin_data = "") {
  args.insert(args.begin(), DATACAVE_BINARY);
  return RunProgram({.argv = args, .stdin_data = stdin_data});
}

TEST(CliTest, VersionPrintsVersion) {
  auto r = Datacave({"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, std::string("datacave ") + DATACAVE_VERSION + "\n");
}

TEST(CliTest, EverySubcommandHasHelp) {
  for (const char* sub : {"serve", "gen-password-hash", "version"}) {
    auto r = Datacave({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << r.output;
  }
  auto top = Datacave({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.output.find("gen-password-hash"), std::string::npos);
}

TEST(CliTest, BadUsageExitsTwo) {
  EXPECT_EQ(Datacave({}).exit_code, 2);
  EXPECT_EQ(Datacave({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Datacave({"serve"}).exit_code, 2);  // --config is required
  auto r = Datacave({"serve", "--config", "/x.toml", "--set", "novalue"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("expected section.key=value"), std::string::npos);
}

TEST(CliTest, GenPasswordHashFromFlag) {
  auto r = Datacave({"gen-password-hash", "--password", "s3cret"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ASSERT_FALSE(r.output.empty());
  std::string line = r.output.substr(0, r.output.find('\n'));
  auto verifier = ScramVerifier::Parse(line);
  ASSERT_TRUE(verifier.ok()) << line;
  EXPECT_TRUE(verifier->Matches("s3cret"));
}

TEST(CliTest, GenPasswordHashFromStdinKeepsPasswordOutOfArgv) {
  auto r = Datacave({"gen-password-hash"}, "from stdin\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto verifier = ScramVerifier::Parse(r.output.substr(0, r.output.find('\n')));
  ASSERT_TRUE(verifier.ok()) << r.output;
  EXPECT_TRUE(verifier->Matches("from stdin"));  // the newline is not part of it
  // Two runs never share a salt.
  auto again = Datacave({"gen-password-hash"}, "from stdin\n");
  EXPECT_NE(again.output, r.output);
}

TEST(CliTest, GenPasswordHashRefusesEmptyPassword) {
  auto r = Datacave({"gen-password-hash"}, "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("must not be empty"), std::string::npos);
}

TEST(CliTest, ServeWithBadConfigExitsTwoWithOneMessage) {
  testing::TempDir dir;
  std::string path = dir.path() + "/bad.toml";
  testing::WriteFile(path, "[server]\nmax_connections = \"lots\"\n");
  auto r = Datacave({"serve", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output,
            "datacave: " + path + ":2: server.max_connections: expected an integer, got string\n");
  // Nothing was created: the server never started half-configured.
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/data"));
}

TEST(CliTest, ServeWithMissingConfigExitsTwo) {
  auto r = Datacave({"serve", "--config", "/nonexistent/datacave.toml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("/nonexistent/datacave.toml"), std::string::npos);
}

TEST(CliTest, ServeRejectsBadOverrideFromFlagAndEnvironment) {
  testing::TempDir dir;
  std::string path = dir.path() + "/ok.toml";
  testing::WriteFile(path, "");
  auto flag = Datacave({"serve", "--config", path, "--listen", "nowhere"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.output.find("--listen: server.listen"), std::string::npos) << flag.output;

  auto env = RunProgram({.argv = {DATACAVE_BINARY, "serve", "--config", path},
                         .env = {"DATACAVE_LISTEN=127.0.0.1:notaport"}});
  EXPECT_EQ(env.exit_code, 2);
  EXPECT_NE(env.output.find("environment variable DATACAVE_LISTEN"), std::string::npos)
      << env.output;
}

}  // namespace
}  // namespace datacave
