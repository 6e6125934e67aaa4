#include "server/tls.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

namespace datacave::server {

std::string OpenSslErrors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown error" : text;
}

Result<std::string> TlsServerEndPoint(X509* certificate) {
  int digest_nid = NID_undef;
  // X509_get_signature_info understands RSA-PSS, whose hash is a parameter, not in the OID.
  if (X509_get_signature_info(certificate, &digest_nid, nullptr, nullptr, nullptr) != 1) {
    ERR_clear_error();
    return Status::NotSupported("cannot determine the certificate's signature algorithm");
  }
  const EVP_MD* digest = nullptr;
  if (digest_nid == NID_md5 || digest_nid == NID_sha1) {
    digest = EVP_sha256();  // RFC 5929: those two are too weak, SHA-256 stands in for them
  } else if (digest_nid != NID_undef) {
    digest = EVP_get_digestbynid(digest_nid);
  }
  if (digest == nullptr) {
    return Status::NotSupported("the certificate's signature algorithm has no hash to bind with");
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(certificate, digest, hash, &length) != 1) {
    return Status::IOError("hashing the server certificate failed: " + OpenSslErrors());
  }
  return std::string(reinterpret_cast<const char*>(hash), length);
}

Result<std::unique_ptr<TlsContext>> TlsContext::Load(const Config::Tls& config) {
  ERR_clear_error();
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) return Status::IOError("cannot create a TLS context: " + OpenSslErrors());
  // From here asio owns ctx and frees it with the context.
  std::unique_ptr<TlsContext> tls(new TlsContext(asio::ssl::context(ctx)));
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  // As PostgreSQL: no session tickets or cache (every connection is a new session), and
  // the server's cipher preference.
  SSL_CTX_set_options(ctx,
                      SSL_OP_NO_TICKET | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  if (SSL_CTX_use_certificate_chain_file(ctx, config.cert_file.c_str()) != 1) {
    return Status::InvalidArgument("tls.cert_file " + config.cert_file +
                                   ": cannot load the certificate: " + OpenSslErrors());
  }
  // OpenSSL notices a key of another certificate while loading it; the check after covers
  // the other ways a pair can disagree.
  bool loaded = SSL_CTX_use_PrivateKey_file(ctx, config.key_file.c_str(), SSL_FILETYPE_PEM) == 1;
  bool mismatch = !loaded && ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH;
  if (!loaded && !mismatch) {
    return Status::InvalidArgument("tls.key_file " + config.key_file +
                                   ": cannot load the private key: " + OpenSslErrors());
  }
  if (mismatch || SSL_CTX_check_private_key(ctx) != 1) {
    return Status::InvalidArgument("tls.key_file " + config.key_file +
                                   " does not match the certificate in tls.cert_file " +
                                   config.cert_file + ": " + OpenSslErrors());
  }
  auto end_point = TlsServerEndPoint(SSL_CTX_get0_certificate(ctx));
  if (end_point.ok()) {
    tls->server_end_point_ = std::move(end_point).value();
  } else {
    spdlog::warn("tls.cert_file {}: SCRAM-SHA-256-PLUS is not offered: {}", config.cert_file,
                 end_point.status().message());
  }
  return tls;
}

}  // namespace datacave::server
