#pragma once

// Certificates for TLS tests, made with the OpenSSL C API when the test runs: nothing is
// committed, so nothing expires. A test CA signs a server certificate for localhost and
// 127.0.0.1, the names libpq's sslmode=verify-full checks.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace datacave::testing {

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

enum class KeyKind { kEcP256, kRsa2048, kEd25519 };

// A fresh private key. Aborts the test binary on failure (OpenSSL out of memory).
PkeyPtr MakeKey(KeyKind kind);

struct CertificateOptions {
  std::string common_name;
  std::vector<std::string> dns_names;     // subjectAltName DNS entries
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries ("127.0.0.1")
  bool is_ca = false;
  // The signature's hash; nullptr for keys that sign without one (Ed25519).
  const EVP_MD* digest = EVP_sha256();
  bool rsa_pss = false;  // sign with RSASSA-PSS (REQUIRES: an RSA issuer key)
};

// A certificate for `key`, valid from an hour ago for a year, signed by issuer_key in the
// name of issuer (nullptr: self-signed).
X509Ptr MakeCertificate(const CertificateOptions& options, EVP_PKEY* key, X509* issuer,
                        EVP_PKEY* issuer_key);

std::string ToPem(X509* certificate);
std::string ToPem(EVP_PKEY* key);  // PKCS#8, unencrypted

// PEM files in a directory: a CA and a server certificate it signed (SAN DNS:localhost,
// IP:127.0.0.1), the server's key (mode 0600), and an unrelated second CA.
struct TestCertificates {
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  std::string other_ca_file;  // signed nothing here: verify-full against it must fail
};
TestCertificates WriteTestCertificates(const std::string& dir);

}  // namespace datacave::testing
