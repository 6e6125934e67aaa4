#pragma once

// One client connection: the startup packets (SSLRequest answered 'S' and followed by a TLS
// handshake when [tls] is enabled, 'N' otherwise; GSSENCRequest always 'N'; CancelRequest
// passed to the session registry), authentication with the configured method, the
// session's ParameterStatus messages, then the message loop. The network thread reads and
// writes; the messages of a ready session (its statements) are handled on the worker pool,
// so that a long statement holds a worker, never the network.

#include <asio.hpp>
#include <chrono>
#include <map>
#include <string>

#include "core/config.h"
#include "core/status.h"
#include "protocol/auth.h"
#include "server/metrics.h"
#include "server/session_registry.h"
#include "server/tls.h"
#include "sql/session.h"

namespace datacave::server {

// What every connection reads and nobody changes: built once when the server starts.
struct ConnectionContext {
  std::chrono::milliseconds authentication_timeout{60'000};
  AuthMethod auth_method = AuthMethod::kScramSha256;
  std::map<std::string, protocol::UserSecret, std::less<>> users;  // by user name
  std::string mock_salt_key;  // random per process; see protocol::Authenticator::Options
  bool allow_cleartext_without_tls = false;  // auth.allow_cleartext_without_tls
  TlsContext* tls = nullptr;                 // set when [tls] is enabled; owned by the server
  sql::Database* database = nullptr;         // the SQL engine; owned by the server
  asio::thread_pool* workers = nullptr;      // runs statements; owned by the server
  SessionRegistry* sessions = nullptr;       // for CancelRequest and shutdown; the server's
  // Defaults of the sessions' statement_timeout and idle_in_transaction_session_timeout.
  int64_t statement_timeout_ms = 0;
  int64_t idle_in_transaction_session_timeout_ms = 0;
  uint64_t query_memory_limit = 256ull << 20;
  int parallel_workers_per_query = 2;

  // Parses the users' password hashes (LoadConfig has validated them) and draws the key.
  // tls: the server's TLS context, or nullptr; it must outlive the context.
  static Result<ConnectionContext> FromConfig(const Config& config, TlsContext* tls);
};

// Takes ownership of the socket and serves it on the socket's executor until it closes.
// over_capacity: answer 53300 "too many clients" to the startup packet instead of serving.
// context and metrics must outlive the connection.
void ServeConnection(asio::ip::tcp::socket socket, const ConnectionContext* context,
                     bool over_capacity, Metrics* metrics);

}  // namespace datacave::server
