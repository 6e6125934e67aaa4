#include "support/tls_certs.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

#include "support/process.h"

namespace datacave::testing {
namespace {

// Test set-up cannot go on without its certificates: stop loudly.
void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "tls_certs: %s failed\n", what);
  std::abort();
}

void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  Check(ext != nullptr, "X509V3_EXT_conf_nid");
  Check(X509_add_ext(cert, ext, -1) == 1, "X509_add_ext");
  X509_EXTENSION_free(ext);
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<size_t>(size));
  BIO_free(bio);
  return text;
}

}  // namespace

PkeyPtr MakeKey(KeyKind kind) {
  EVP_PKEY* key = nullptr;
  switch (kind) {
    case KeyKind::kEcP256: key = EVP_EC_gen("P-256"); break;
    case KeyKind::kRsa2048: key = EVP_RSA_gen(2048); break;
    case KeyKind::kEd25519: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
  }
  Check(key != nullptr, "key generation");
  return PkeyPtr(key);
}

X509Ptr MakeCertificate(const CertificateOptions& options, EVP_PKEY* key, X509* issuer,
                        EVP_PKEY* issuer_key) {
  X509Ptr cert(X509_new());
  Check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);  // v3, for extensions
  // A random serial: browsers and OpenSSL dislike two certificates with one issuer+serial.
  BIGNUM* serial = BN_new();
  Check(BN_rand(serial, 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "BN_rand");
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(options.common_name.c_str()),
                             -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (options.is_ca) {
    AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    AddExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    AddExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
  }
  AddExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
  std::string san;
  for (const auto& dns : options.dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + dns;
  for (const auto& ip : options.ip_addresses) san += (san.empty() ? "IP:" : ",IP:") + ip;
  if (!san.empty()) AddExtension(cert.get(), signer, NID_subject_alt_name, san);

  EVP_PKEY* signing_key = issuer_key != nullptr ? issuer_key : key;
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  Check(EVP_DigestSignInit(md, &pctx, options.digest, nullptr, signing_key) == 1,
        "EVP_DigestSignInit");
  if (options.rsa_pss) {
    Check(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1, "PSS padding");
    Check(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1, "PSS salt");
  }
  Check(X509_sign_ctx(cert.get(), md) > 0, "X509_sign_ctx");
  EVP_MD_CTX_free(md);
  return cert;
}

std::string ToPem(X509* certificate) {
  BIO* bio = BIO_new(BIO_s_mem());
  Check(PEM_write_bio_X509(bio, certificate) == 1, "PEM_write_bio_X509");
  return BioText(bio);
}

std::string ToPem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  Check(PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
  return BioText(bio);
}

TestCertificates WriteTestCertificates(const std::string& dir) {
  PkeyPtr ca_key = MakeKey(KeyKind::kEcP256);
  X509Ptr ca = MakeCertificate({.common_name = "Datacave Test CA", .is_ca = true}, ca_key.get(),
                               nullptr, nullptr);
  PkeyPtr server_key = MakeKey(KeyKind::kEcP256);
  X509Ptr server = MakeCertificate(
      {.common_name = "localhost", .dns_names = {"localhost"}, .ip_addresses = {"127.0.0.1"}},
      server_key.get(), ca.get(), ca_key.get());
  PkeyPtr other_key = MakeKey(KeyKind::kEcP256);
  X509Ptr other = MakeCertificate({.common_name = "Some Other CA", .is_ca = true}, other_key.get(),
                                  nullptr, nullptr);
  TestCertificates files{.ca_file = dir + "/ca.crt",
                         .cert_file = dir + "/server.crt",
                         .key_file = dir + "/server.key",
                         .other_ca_file = dir + "/other-ca.crt"};
  WriteFile(files.ca_file, ToPem(ca.get()));
  WriteFile(files.cert_file, ToPem(server.get()));
  WriteFile(files.key_file, ToPem(server_key.get()));
  ::chmod(files.key_file.c_str(), 0600);  // PostgreSQL refuses group- or world-readable keys
  WriteFile(files.other_ca_file, ToPem(other.get()));
  return files;
}

}  // namespace datacave::testing
