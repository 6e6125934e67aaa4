// TLS set-up: the tls-server-end-point channel binding (RFC 5929 4.1) for each kind of
// certificate signature, checked against a hash computed here from the certificate's DER
// bytes, and the errors a bad certificate or key gives at start-up.

#include "server/tls.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "support/process.h"
#include "support/tls_certs.h"

namespace datacave::server {
namespace {

using testing::CertificateOptions;
using testing::KeyKind;
using testing::MakeCertificate;
using testing::MakeKey;

// The certificate's DER encoding hashed with `digest`, computed independently of tls.cc.
std::string HashOfDer(X509* cert, const EVP_MD* digest) {
  unsigned char* der = nullptr;
  int length = i2d_X509(cert, &der);
  EXPECT_GT(length, 0);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int hash_length = 0;
  EXPECT_EQ(EVP_Digest(der, static_cast<size_t>(length), hash, &hash_length, digest, nullptr), 1);
  OPENSSL_free(der);
  return std::string(reinterpret_cast<char*>(hash), hash_length);
}

testing::X509Ptr SelfSigned(EVP_PKEY* key, const EVP_MD* digest, bool rsa_pss = false) {
  return MakeCertificate({.common_name = "x", .digest = digest, .rsa_pss = rsa_pss}, key, nullptr,
                         nullptr);
}

TEST(TlsServerEndPointTest, HashOfTheSignatureAlgorithm) {
  auto ec = MakeKey(KeyKind::kEcP256);
  for (const EVP_MD* digest : {EVP_sha256(), EVP_sha384(), EVP_sha512()}) {
    auto cert = SelfSigned(ec.get(), digest);
    auto end_point = TlsServerEndPoint(cert.get());
    ASSERT_TRUE(end_point.ok()) << end_point.status().ToString();
    EXPECT_EQ(*end_point, HashOfDer(cert.get(), digest)) << EVP_MD_get0_name(digest);
    EXPECT_EQ(end_point->size(), static_cast<size_t>(EVP_MD_get_size(digest)));
  }
}

TEST(TlsServerEndPointTest, Sha1BecomesSha256) {
  auto rsa = MakeKey(KeyKind::kRsa2048);
  auto cert = SelfSigned(rsa.get(), EVP_sha1());
  auto end_point = TlsServerEndPoint(cert.get());
  ASSERT_TRUE(end_point.ok()) << end_point.status().ToString();
  EXPECT_EQ(*end_point, HashOfDer(cert.get(), EVP_sha256()));
}

TEST(TlsServerEndPointTest, RsaPssUsesItsParameterHash) {
  // RSA-PSS names its hash in the algorithm's parameters, not in the OID.
  auto rsa = MakeKey(KeyKind::kRsa2048);
  auto cert = SelfSigned(rsa.get(), EVP_sha384(), /*rsa_pss=*/true);
  auto end_point = TlsServerEndPoint(cert.get());
  ASSERT_TRUE(end_point.ok()) << end_point.status().ToString();
  EXPECT_EQ(*end_point, HashOfDer(cert.get(), EVP_sha384()));
}

TEST(TlsServerEndPointTest, Ed25519HasNoHashToBindWith) {
  auto ed = MakeKey(KeyKind::kEd25519);
  auto cert = SelfSigned(ed.get(), nullptr);
  auto end_point = TlsServerEndPoint(cert.get());
  EXPECT_FALSE(end_point.ok());
  EXPECT_EQ(end_point.status().code(), StatusCode::kNotSupported);
}

class TlsContextTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  testing::TestCertificates certs_ = testing::WriteTestCertificates(dir_.path());
};

TEST_F(TlsContextTest, LoadsAMatchingPairAndComputesTheBinding) {
  auto tls = TlsContext::Load(
      {.enabled = true, .cert_file = certs_.cert_file, .key_file = certs_.key_file});
  ASSERT_TRUE(tls.ok()) << tls.status().ToString();
  EXPECT_EQ((*tls)->server_end_point().size(), 32u);  // ECDSA with SHA-256
  EXPECT_EQ(SSL_CTX_get_min_proto_version((*tls)->context().native_handle()), TLS1_2_VERSION);
}

TEST_F(TlsContextTest, BadFilesNameTheFileAndTheReason) {
  auto missing = TlsContext::Load(
      {.enabled = true, .cert_file = dir_.path() + "/nope.crt", .key_file = certs_.key_file});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("tls.cert_file " + dir_.path() + "/nope.crt"),
            std::string::npos)
      << missing.status().message();

  auto not_a_key = TlsContext::Load(
      {.enabled = true, .cert_file = certs_.cert_file, .key_file = certs_.ca_file});
  ASSERT_FALSE(not_a_key.ok());
  EXPECT_NE(not_a_key.status().message().find("cannot load the private key"), std::string::npos)
      << not_a_key.status().message();

  // A key of its own, not the certificate's.
  std::string other_key = dir_.path() + "/other.key";
  testing::WriteFile(other_key, testing::ToPem(MakeKey(KeyKind::kEcP256).get()));
  auto mismatch =
      TlsContext::Load({.enabled = true, .cert_file = certs_.cert_file, .key_file = other_key});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.status().message().find("does not match the certificate"), std::string::npos)
      << mismatch.status().message();
}

}  // namespace
}  // namespace datacave::server
