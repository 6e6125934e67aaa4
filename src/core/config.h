#pragma once

// Datacave's configuration: a TOML file (documented key by key in config.example.toml),
// optionally overridden by environment variables and command-line flags.
//
// Loading is all-or-nothing: an unknown key, a value of the wrong type, a value out of range
// or an option that is accepted but not implemented yet makes LoadConfig fail with one
// message that names where the value came from (file and line, environment variable, or
// flag) and the key. The server never starts half-configured.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace datacave {

struct HostPort {
  std::string host;
  uint16_t port = 0;
  std::string ToString() const;  // "127.0.0.1:5433", "[::1]:5433"
};

enum class WalSync { kCommit, kPeriodic, kOff };
enum class Compression { kNone, kLz4, kZstd };
enum class AuthMethod { kScramSha256, kMd5, kPassword, kTrust };

// The spellings config files use ("periodic", "lz4").
std::string_view WalSyncName(WalSync wal_sync);
std::string_view CompressionName(Compression compression);

struct UserEntry {
  std::string name;
  // A SCRAM-SHA-256 verifier (datacave gen-password-hash), or for auth.method "md5" or
  // "password" an MD5 hash ("md5" + hex MD5 of password + user name). Empty under "trust".
  std::string password_hash;
};

struct Config {
  struct Server {
    HostPort listen{"127.0.0.1", 5433};
    int64_t max_connections = 100;
    int64_t statement_timeout_ms = 0;                    // 0: no limit
    int64_t idle_in_transaction_session_timeout_ms = 0;  // 0: no limit
    int64_t authentication_timeout_ms = 60'000;
    int64_t worker_threads = 0;  // 0: one per CPU core
    int64_t shutdown_timeout_ms = 10'000;
    uint64_t query_memory_limit = 256ull << 20;  // per statement: sorts, hash tables
    int64_t parallel_workers_per_query = 2;      // threads a query's plan may use; < 2: one
    std::string log_level = "info";
  } server;
  struct Storage {
    std::string path = "./data";  // resolved: relative to the config file's directory
    WalSync wal_sync = WalSync::kCommit;
    int64_t wal_sync_interval_ms = 100;  // for wal_sync = "periodic"
    uint64_t memtable_size = 64ull << 20;
    uint64_t block_cache_size = 256ull << 20;
    Compression compression = Compression::kLz4;
  } storage;
  struct Cluster {
    int64_t shards = 1;
    int64_t replication_factor = 1;
  } cluster;
  struct Metrics {
    bool enabled = true;
    HostPort listen{"127.0.0.1", 9187};
  } metrics;
  struct Tls {
    bool enabled = false;
    std::string cert_file;
    std::string key_file;
  } tls;
  struct Auth {
    AuthMethod method = AuthMethod::kScramSha256;
    // Lets method "password" accept clients that did not ask for TLS, whose passwords then
    // cross the network readable. Off: such clients are refused before they send it.
    bool allow_cleartext_without_tls = false;
    std::vector<UserEntry> users;
  } auth;
  struct Audit {
    bool enabled = false;
    std::string path;
  } audit;
  struct Encryption {
    bool enabled = false;
    std::string key_file;
  } encryption;
};

// Overrides applied on top of the file, in order (later wins). `key` is dotted
// ("server.listen"); `value` is a TOML value ("200", "true", "\"x\"") or, when it does not
// parse as one, a bare string. `origin` names the source in error messages
// ("--listen", "environment variable DATACAVE_LISTEN"). Flags and variables that can only
// hold a string (an address, a path) set is_string.
struct ConfigOverride {
  std::string key;
  std::string value;
  std::string origin;
  bool is_string = false;  // take value as a string as it stands, never as TOML
};

// Loads and validates. Relative paths in the file are resolved against the file's
// directory; relative paths given as overrides against the working directory.
Result<Config> LoadConfig(const std::string& path, const std::vector<ConfigOverride>& overrides);

// The overrides that environment variables ask for (DATACAVE_LISTEN, DATACAVE_DATA_DIR,
// DATACAVE_METRICS_LISTEN, DATACAVE_LOG_LEVEL).
std::vector<ConfigOverride> OverridesFromEnvironment();

// Parses "host:port", "[v6addr]:port".
Result<HostPort> ParseHostPort(std::string_view text);

// Parses a byte size: an integer, or a string with a unit as PostgreSQL writes them
// ("64MB", "1GB", "512kB"; powers of 1024).
Result<uint64_t> ParseByteSize(std::string_view text);

}  // namespace datacave
