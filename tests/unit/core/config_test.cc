#include "core/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "support/process.h"

namespace datacave {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  Result<Config> Load(const std::string& toml, std::vector<ConfigOverride> overrides = {}) {
    testing::WriteFile(path_, toml);
    return LoadConfig(path_, overrides);
  }
  // Expects loading to fail with a message containing every fragment.
  void ExpectError(const std::string& toml, const std::vector<std::string>& fragments,
                   std::vector<ConfigOverride> overrides = {}) {
    auto config = Load(toml, std::move(overrides));
    ASSERT_FALSE(config.ok()) << "loaded:\n" << toml;
    for (const auto& f : fragments) {
      EXPECT_NE(config.status().message().find(f), std::string::npos)
          << "message: " << config.status().message() << "\nmissing: " << f;
    }
  }

  testing::TempDir dir_;
  std::string path_ = dir_.path() + "/datacave.toml";
};

TEST_F(ConfigTest, EmptyFileGivesDefaults) {
  auto config = Load("");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server.listen.ToString(), "127.0.0.1:5433");
  EXPECT_EQ(config->server.max_connections, 100);
  EXPECT_EQ(config->storage.path, dir_.path() + "/data");
  EXPECT_EQ(config->storage.wal_sync, WalSync::kCommit);
  EXPECT_EQ(config->storage.memtable_size, 64u << 20);
  EXPECT_EQ(config->storage.compression, Compression::kLz4);
  EXPECT_EQ(config->metrics.listen.ToString(), "127.0.0.1:9187");
  EXPECT_EQ(config->auth.method, AuthMethod::kScramSha256);
  EXPECT_FALSE(config->auth.allow_cleartext_without_tls);
  EXPECT_FALSE(config->tls.enabled);
  EXPECT_TRUE(config->auth.users.empty());
}

TEST_F(ConfigTest, ExampleConfigLoadsWithDocumentedValues) {
  auto config = LoadConfig(std::string(DATACAVE_SOURCE_DIR) + "/config.example.toml", {});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server.listen.ToString(), "127.0.0.1:5433");
  EXPECT_EQ(config->storage.path, std::string(DATACAVE_SOURCE_DIR) + "/data");
  ASSERT_EQ(config->auth.users.size(), 1u);
  EXPECT_EQ(config->auth.users[0].name, "admin");
}

TEST_F(ConfigTest, ValuesAreRead) {
  auto config = Load(R"(
[server]
listen = "[::1]:6000"
max_connections = 7
statement_timeout_ms = 1500
worker_threads = 3
query_memory_limit = "32MB"
parallel_workers_per_query = 4
shutdown_timeout_ms = 250
log_level = "debug"
[storage]
path = "/var/lib/dc"
wal_sync = "periodic"
wal_sync_interval_ms = 20
memtable_size = 4194304
block_cache_size = "1GB"
compression = "zstd"
[metrics]
enabled = false
[auth]
method = "trust"
[[auth.users]]
name = "bob"
)");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server.listen.host, "::1");
  EXPECT_EQ(config->server.listen.port, 6000);
  EXPECT_EQ(config->server.listen.ToString(), "[::1]:6000");
  EXPECT_EQ(config->server.max_connections, 7);
  EXPECT_EQ(config->server.statement_timeout_ms, 1500);
  EXPECT_EQ(config->server.worker_threads, 3);
  EXPECT_EQ(config->server.query_memory_limit, 32ull << 20);
  EXPECT_EQ(config->server.parallel_workers_per_query, 4);
  EXPECT_EQ(config->server.shutdown_timeout_ms, 250);
  EXPECT_EQ(config->server.log_level, "debug");
  EXPECT_EQ(config->storage.path, "/var/lib/dc");
  EXPECT_EQ(config->storage.wal_sync, WalSync::kPeriodic);
  EXPECT_EQ(config->storage.wal_sync_interval_ms, 20);
  EXPECT_EQ(config->storage.memtable_size, 4194304u);
  EXPECT_EQ(config->storage.block_cache_size, 1ull << 30);
  EXPECT_EQ(config->storage.compression, Compression::kZstd);
  EXPECT_FALSE(config->metrics.enabled);
  EXPECT_EQ(config->auth.method, AuthMethod::kTrust);
  ASSERT_EQ(config->auth.users.size(), 1u);
  EXPECT_EQ(config->auth.users[0].name, "bob");
}

TEST_F(ConfigTest, RelativePathsFollowTheConfigFile) {
  auto config = Load("[storage]\npath = \"sub/dir\"\n[tls]\ncert_file = \"c.pem\"\n");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->storage.path, dir_.path() + "/sub/dir");
  EXPECT_EQ(config->tls.cert_file, dir_.path() + "/c.pem");
}

TEST_F(ConfigTest, SyntaxErrorNamesTheFile) {
  ExpectError("[server\nlisten = 1\n", {path_, "syntax error"});
  ExpectError("[server]\nlisten = \"a:1\"\nlisten = \"b:2\"\n", {path_});  // duplicate key
}

TEST_F(ConfigTest, MissingFileIsAnError) {
  auto config = LoadConfig(dir_.path() + "/nope.toml", {});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("nope.toml"), std::string::npos);
}

TEST_F(ConfigTest, UnknownSectionAndKeysNameFileLineAndKey) {
  ExpectError("[server]\nlisten = \"127.0.0.1:1\"\n\n[sever]\nx = 1\n",
              {path_ + ":", "sever", "unknown section"});
  ExpectError("[server]\nlisten = \"127.0.0.1:1\"\nmax_conections = 5\n",
              {path_ + ":3", "server.max_conections", "unknown key"});
  ExpectError("stray = 1\n", {path_ + ":1", "stray", "unknown key"});
  ExpectError("[[auth.users]]\nname = \"a\"\npassword = \"x\"\n",
              {path_ + ":3", "auth.users.password", "unknown key"});
  ExpectError("server = 5\n", {path_ + ":1", "server", "expected a [section]"});
}

TEST_F(ConfigTest, WrongTypesNameFileLineAndKey) {
  ExpectError("[server]\nmax_connections = \"100\"\n",
              {path_ + ":2", "server.max_connections", "expected an integer", "string"});
  ExpectError("[server]\nlisten = 5433\n", {path_ + ":2", "server.listen", "expected a string"});
  ExpectError("[metrics]\nenabled = \"yes\"\n",
              {path_ + ":2", "metrics.enabled", "expected true or false"});
  ExpectError("[storage]\nmemtable_size = 1.5\n",
              {path_ + ":2", "storage.memtable_size", "expected a size"});
  ExpectError("[storage]\npath = [\"a\"]\n", {path_ + ":2", "storage.path", "expected a string"});
  ExpectError("[auth]\nusers = \"admin\"\n", {path_ + ":2", "auth.users", "array of tables"});
  ExpectError("[auth]\nusers = [1]\n", {path_ + ":2", "auth.users", "expected a table"});
}

TEST_F(ConfigTest, InvalidValuesNameFileLineAndKey) {
  struct Case {
    std::string toml;
    std::string key;
    std::string problem;
  };
  std::vector<Case> cases = {
      {"[server]\nlisten = \"localhost\"\n", "server.listen", "missing :port"},
      {"[server]\nlisten = \"127.0.0.1:70000\"\n", "server.listen", "port must be"},
      {"[server]\nlisten = \"127.0.0.1:http\"\n", "server.listen", "port must be"},
      {"[server]\nlisten = \":5433\"\n", "server.listen", "missing host"},
      {"[server]\nlisten = \"::1:5433\"\n", "server.listen", "brackets"},
      {"[server]\nmax_connections = 0\n", "server.max_connections", "between 1 and 100000"},
      {"[server]\nstatement_timeout_ms = -1\n", "server.statement_timeout_ms", "between 0"},
      {"[server]\nauthentication_timeout_ms = 5\n", "server.authentication_timeout_ms",
       "between 100"},
      {"[server]\nworker_threads = -1\n", "server.worker_threads", "between 0 and 1024"},
      {"[server]\nquery_memory_limit = \"512kB\"\n", "server.query_memory_limit",
       "at least 1048576"},
      {"[server]\nparallel_workers_per_query = 65\n", "server.parallel_workers_per_query",
       "between 0 and 64"},
      {"[server]\nshutdown_timeout_ms = 3600001\n", "server.shutdown_timeout_ms",
       "between 0 and 3600000"},
      {"[server]\nlog_level = \"loud\"\n", "server.log_level", "must be one of"},
      {"[storage]\npath = \"\"\n", "storage.path", "must not be empty"},
      {"[storage]\nwal_sync = \"always\"\n", "storage.wal_sync",
       "must be one of \"commit\", \"periodic\", \"off\""},
      {"[storage]\nwal_sync_interval_ms = 0\n", "storage.wal_sync_interval_ms", "between 1"},
      {"[storage]\nmemtable_size = \"64 potatoes\"\n", "storage.memtable_size", "not a size"},
      {"[storage]\nmemtable_size = \"99999999999TB\"\n", "storage.memtable_size", "not a size"},
      {"[storage]\nmemtable_size = 1024\n", "storage.memtable_size", "at least 1048576"},
      {"[storage]\nblock_cache_size = -5\n", "storage.block_cache_size", "must not be negative"},
      {"[storage]\ncompression = \"gzip\"\n", "storage.compression", "must be one of"},
      {"[cluster]\nshards = 0\n", "cluster.shards", "between 1"},
      {"[auth]\nmethod = \"kerberos\"\n", "auth.method", "must be one of"},
      {"[[auth.users]]\nname = \"a\"\npassword_hash = \"hunter2\"\n", "auth.users.password_hash",
       "not a SCRAM-SHA-256 verifier"},
      {"[[auth.users]]\nname = \"a\"\n", "auth.users", "needs a password_hash"},
      {"[[auth.users]]\nname = \"a\"\npassword_hash = \"md5ee69efad287c7423caf0b3229d71f567\"\n",
       "auth.users.password_hash", "cannot log in with auth.method \"scram-sha-256\""},
      {"[[auth.users]]\npassword_hash = \"x\"\n", "auth.users", "non-empty name"},
      {"[auth]\nmethod = \"trust\"\n[[auth.users]]\nname = \"a\"\n[[auth.users]]\nname = \"a\"\n",
       "auth.users.name", "listed twice"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.toml);
    ExpectError(c.toml, {path_ + ":", c.key, c.problem});
  }
}

TEST_F(ConfigTest, Md5HashesServeTheMd5AndPasswordMethods) {
  for (const char* method : {"md5", "password"}) {
    auto config = Load(std::string("[auth]\nmethod = \"") + method +
                       "\"\nallow_cleartext_without_tls = true\n"
                       "[[auth.users]]\nname = \"alice\"\n"
                       "password_hash = \"md5ee69efad287c7423caf0b3229d71f567\"\n");
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    EXPECT_EQ(config->auth.users.at(0).password_hash, "md5ee69efad287c7423caf0b3229d71f567");
  }
}

TEST_F(ConfigTest, TlsNeedsACertificateAndAKey) {
  ExpectError("[tls]\nenabled = true\n", {path_ + ":2", "tls.enabled", "needs tls.cert_file"});
  ExpectError("[tls]\nenabled = true\ncert_file = \"c.pem\"\n",
              {path_ + ":2", "tls.enabled", "needs tls.key_file"});
  // Whether they load is the server's business at start-up (exit code 1, serve_test.cc).
  auto config = Load("[tls]\nenabled = true\ncert_file = \"c.pem\"\nkey_file = \"k.pem\"\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_TRUE(config->tls.enabled);
  EXPECT_EQ(config->tls.key_file, dir_.path() + "/k.pem");
}

TEST_F(ConfigTest, CleartextPasswordsNeedTlsOrAnExplicitYes) {
  const std::string users =
      "[[auth.users]]\nname = \"alice\"\npassword_hash = \"md5ee69efad287c7423caf0b3229d71f567\"\n";
  ExpectError("[auth]\nmethod = \"password\"\n" + users,
              {path_ + ":2", "auth.method", "cleartext", "allow_cleartext_without_tls"});
  auto allowed =
      Load("[auth]\nmethod = \"password\"\nallow_cleartext_without_tls = true\n" + users);
  ASSERT_TRUE(allowed.ok()) << allowed.status().ToString();
  EXPECT_TRUE(allowed->auth.allow_cleartext_without_tls);
  auto with_tls = Load(
      "[tls]\nenabled = true\ncert_file = \"c.pem\"\nkey_file = \"k.pem\"\n"
      "[auth]\nmethod = \"password\"\n" +
      users);
  ASSERT_TRUE(with_tls.ok()) << with_tls.status().ToString();
  EXPECT_FALSE(with_tls->auth.allow_cleartext_without_tls);  // the default
  ExpectError("[auth]\nallow_cleartext_without_tls = \"yes\"\n",
              {"auth.allow_cleartext_without_tls", "expected"});
}

TEST_F(ConfigTest, NotImplementedOptionsAreRefusedNotIgnored) {
  ExpectError("[audit]\nenabled = true\n", {path_ + ":2", "audit.enabled", "not implemented yet"});
  ExpectError("[encryption]\nenabled = true\n",
              {path_ + ":2", "encryption.enabled", "not implemented yet"});
  ExpectError("[cluster]\nshards = 4\n", {path_ + ":2", "cluster.shards", "not implemented yet"});
  ExpectError("[cluster]\nreplication_factor = 3\n",
              {path_ + ":2", "cluster.replication_factor", "not implemented yet"});
  // The defaults themselves are fine.
  EXPECT_TRUE(Load("[tls]\nenabled = false\n[cluster]\nshards = 1\n").ok());
}

TEST_F(ConfigTest, OverridesWinAndAreNamedInErrors) {
  auto config = Load("[server]\nlisten = \"127.0.0.1:5433\"\nmax_connections = 5\n",
                     {{"server.listen", "127.0.0.1:6543", "--listen", true},
                      {"server.max_connections", "9", "--set server.max_connections=9"},
                      {"storage.path", "rel/data", "--data-dir", true}});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server.listen.port, 6543);
  EXPECT_EQ(config->server.max_connections, 9);
  EXPECT_EQ(config->storage.path, (std::filesystem::current_path() / "rel/data").string());

  ExpectError("", {"--set server.max_connections=0", "server.max_connections", "between 1"},
              {{"server.max_connections", "0", "--set server.max_connections=0"}});
  ExpectError("", {"--set server.nope=1", "server.nope", "unknown key"},
              {{"server.nope", "1", "--set server.nope=1"}});
  ExpectError("", {"--set bogus", "section.key"}, {{"bogus", "1", "--set bogus"}});
  ExpectError("", {"environment variable DATACAVE_LISTEN", "server.listen", "missing :port"},
              {{"server.listen", "nowhere", "environment variable DATACAVE_LISTEN", true}});
  // A bare word is a string; a string-only override never turns into a number.
  ExpectError("", {"--data-dir", "storage.path"}, {{"storage.path", "", "--data-dir", true}});
  auto numeric_dir = Load("", {{"storage.path", "/tmp/123", "--data-dir", true}});
  ASSERT_TRUE(numeric_dir.ok());
}

TEST_F(ConfigTest, EnvironmentVariablesBecomeOverrides) {
  ::setenv("DATACAVE_LISTEN", "127.0.0.1:7777", 1);
  ::setenv("DATACAVE_DATA_DIR", "/tmp/dc-env", 1);
  auto overrides = OverridesFromEnvironment();
  ::unsetenv("DATACAVE_LISTEN");
  ::unsetenv("DATACAVE_DATA_DIR");
  auto config = Load("", overrides);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server.listen.port, 7777);
  EXPECT_EQ(config->storage.path, "/tmp/dc-env");
}

TEST(ByteSizeTest, PostgresUnits) {
  EXPECT_EQ(*ParseByteSize("0"), 0u);
  EXPECT_EQ(*ParseByteSize("512kB"), 512u << 10);
  EXPECT_EQ(*ParseByteSize("64MB"), 64u << 20);
  EXPECT_EQ(*ParseByteSize("2GB"), 2ull << 30);
  EXPECT_EQ(*ParseByteSize("1TB"), 1ull << 40);
  EXPECT_FALSE(ParseByteSize("").ok());
  EXPECT_FALSE(ParseByteSize("MB").ok());
  EXPECT_FALSE(ParseByteSize("64mb").ok());
  EXPECT_FALSE(ParseByteSize("-1MB").ok());
}

}  // namespace
}  // namespace datacave
