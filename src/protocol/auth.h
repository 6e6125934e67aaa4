#pragma once

// The authentication exchange of one connection, as PostgreSQL 15 runs it: trust, cleartext
// password, MD5, SCRAM-SHA-256 (RFC 5802 / RFC 7677) and, over TLS, SCRAM-SHA-256-PLUS with
// the tls-server-end-point channel binding (RFC 5929). Bytes in, bytes out: the server owns
// the socket, the TLS session and the user list, and hands in the channel-binding bytes.
//
// A client never learns whether a user exists: for an unknown user the exchange runs to its
// end against a made-up secret and fails exactly as a wrong password does (28P01).
//
// Not thread-safe; one per connection.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/password.h"
#include "core/status.h"

namespace datacave::protocol {

// What the server stores for a user (config: auth.users.password_hash).
struct UserSecret {
  std::optional<ScramVerifier> scram;
  std::string md5_hash;  // "md5<32 hex>" when the user has an MD5 hash instead
};

class Authenticator {
 public:
  struct Options {
    AuthMethod method = AuthMethod::kScramSha256;
    std::string user;
    // nullptr: the user is unknown. Not owned; must outlive the Authenticator.
    const UserSecret* secret = nullptr;
    // Makes the fake SCRAM salt of an unknown user stable across attempts (as PostgreSQL's
    // mock salt is), so that probing twice does not reveal that the salt is made up. One
    // random key per server process.
    std::string mock_salt_key;
    // Random bytes for nonces and salts; SecureRandomBytes when empty. Tests fix it.
    std::function<Result<std::string>(size_t)> random;
    // The tls-server-end-point channel-binding data (RFC 5929: the hash of the server's
    // certificate) when the connection is TLS and the server can bind to it; empty otherwise.
    // When set, SCRAM-SHA-256-PLUS is offered first, as PostgreSQL does over TLS, and a client
    // that claims ('y') we cannot bind is refused as a possible downgrade.
    std::string tls_server_end_point;
  };

  enum class State { kNeedMessage, kOk, kFailed };

  explicit Authenticator(Options options);

  // Appends the first request (AuthenticationSASL, MD5Password, CleartextPassword, or
  // AuthenticationOk for trust) to *out.
  State Begin(std::string* out);
  // Handles the body of one 'p' message and appends the reply to *out. On kOk the reply
  // ends with AuthenticationOk. On kFailed, error() is what the client must get as FATAL.
  // REQUIRES: the last call returned kNeedMessage.
  State OnPasswordMessage(std::string_view body, std::string* out);

  const Status& error() const { return error_; }

 private:
  enum class Step { kStart, kCleartext, kMd5, kScramFirst, kScramFinal, kDone };

  State Fail(Status error);
  State PasswordFailed();
  State OnScramFirst(std::string_view body, std::string* out);
  State OnScramFinal(std::string_view body, std::string* out);
  Result<std::string> Random(size_t n);

  Options options_;
  Step step_ = Step::kStart;
  Status error_;
  ScramVerifier verifier_;  // the user's, or a mock that matches no password
  bool mock_ = false;
  std::string md5_salt_;
  // SCRAM exchange state (RFC 5802 names).
  bool channel_binding_ = false;  // the client chose SCRAM-SHA-256-PLUS
  std::string gs2_header_;
  std::string client_first_bare_;
  std::string server_first_;
  std::string nonce_;  // client nonce + server nonce
};

// The SCRAM-SHA-256 client side, for tests and fuzzers: builds client-first, checks
// server-first and produces client-final, then verifies the server signature.
class ScramClient {
 public:
  // user goes into client-first only (libpq leaves it empty; the server ignores it).
  // gs2_header: "n,," (no binding), "y,," (could bind, thinks the server cannot) or
  // "p=tls-server-end-point,," with channel_binding the certificate hash (SCRAM-SHA-256-PLUS).
  ScramClient(std::string user, std::string password, std::string client_nonce,
              std::string gs2_header = "n,,", std::string channel_binding = "");
  std::string ClientFirst() const;  // gs2 header + "n=<user>,r=<nonce>"
  Result<std::string> ClientFinal(std::string_view server_first);
  bool VerifyServerFinal(std::string_view server_final) const;

 private:
  std::string user_;
  std::string password_;
  std::string nonce_;
  std::string gs2_header_;
  std::string channel_binding_;
  std::string auth_message_;
  std::string salted_password_;
};

}  // namespace datacave::protocol
