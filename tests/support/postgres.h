#pragma once

// A throwaway PostgreSQL 15 for oracle tests: initdb in a temporary directory, a postmaster
// on a free loopback port kept as our child, stopped by pid (fast shutdown) and removed at
// the end. When running as root, both run as the `postgres` user (PostgreSQL refuses root).

#include <cstdint>
#include <memory>
#include <string>

#include "support/process.h"

namespace datacave::testing {

class PostgresServer {
 public:
  struct Options {
    // pg_hba method for TCP connections ("trust", "scram-sha-256", "md5", "password").
    // Unix-socket connections are always trusted, for SuperuserConninfo().
    std::string host_auth = "trust";
    // PEM files for ssl=on (copied into the server's directory, owned by the user the
    // server runs as, as PostgreSQL requires of its key). Empty: ssl=off.
    std::string ssl_cert_file;
    std::string ssl_key_file;
  };

  // Starts the server and waits until it accepts connections. On failure returns nullptr
  // and explains why in *error.
  static std::unique_ptr<PostgresServer> Start(const Options& options, std::string* error);
  ~PostgresServer();

  uint16_t port() const { return port_; }
  // A libpq connection string for the superuser `postgres` over the Unix socket.
  std::string SuperuserConninfo() const;
  // A libpq connection string for TCP on 127.0.0.1 (add user= and password=), without TLS.
  std::string TcpConninfo() const;

 private:
  PostgresServer() = default;
  std::string dir_;
  uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> postmaster_;
};

// Where PostgreSQL 15's server binaries live.
constexpr const char* kPostgresBinDir = "/usr/lib/postgresql/15/bin";

}  // namespace datacave::testing
