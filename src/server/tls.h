#pragma once

// TLS for client connections ([tls] in the config): the server's certificate chain and key,
// loaded and checked once at start-up, and what SCRAM-SHA-256-PLUS binds to.
//
// Owned by the server; connections borrow the context (asio::ssl::context is safe to share
// between streams once configured). Read-only after Load, so any thread may use it.

#include <openssl/x509.h>

#include <asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "core/config.h"
#include "core/status.h"

namespace datacave::server {

class TlsContext {
 public:
  // Loads the PEM certificate chain and private key and checks that they belong together.
  // TLS 1.2 is the oldest version offered (PostgreSQL 15's default ssl_min_protocol_version).
  // Fails with a message naming the file and OpenSSL's reason, so `serve` can exit before it
  // listens. REQUIRES: config.enabled.
  static Result<std::unique_ptr<TlsContext>> Load(const Config::Tls& config);

  asio::ssl::context& context() { return context_; }

  // The tls-server-end-point channel-binding data for SCRAM-SHA-256-PLUS, or empty when the
  // certificate's signature has no single hash (e.g. Ed25519): then -PLUS is not offered.
  const std::string& server_end_point() const { return server_end_point_; }

 private:
  explicit TlsContext(asio::ssl::context context) : context_(std::move(context)) {}
  asio::ssl::context context_;
  std::string server_end_point_;
};

// RFC 5929 section 4.1: the certificate's DER bytes hashed with the hash of its signature
// algorithm, except that MD5 and SHA-1 become SHA-256. NotSupported when the signature
// algorithm has no such hash (Ed25519, Ed448), as PostgreSQL cannot bind to those either.
Result<std::string> TlsServerEndPoint(X509* certificate);

// OpenSSL's queued errors as one line (and clears the queue); "unknown error" when empty.
std::string OpenSslErrors();

}  // namespace datacave::server
