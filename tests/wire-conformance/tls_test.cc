// TLS for client connections, driven by libpq and psql, and by a raw OpenSSL client where a
// client must misbehave. Wherever PostgreSQL 15 can be set up the same way (ssl=on with the
// same certificate, SCRAM over TCP) the same expectations run against it first, so they are
// PostgreSQL's own. The certificates are made by the test (support/tls_certs.h).

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <memory>
#include <pqxx/pqxx>

#include "core/coding.h"
#include "protocol/backend.h"
#include "protocol/messages.h"
#include "support/postgres.h"
#include "support/tls_certs.h"
#include "wire-conformance/datacave_server.h"

namespace datacave {
namespace {

using testing::kAlicePassword;

// One server under test: PostgreSQL 15 or Datacave, and how to reach it as alice.
struct Target {
  std::string name;
  std::string conninfo;  // host=127.0.0.1, port, user=alice, dbname=default; no sslmode
  uint16_t port = 0;
};

class TlsConformance : public ::testing::Test {
 protected:
  void SetUp() override { certs_ = testing::WriteTestCertificates(dir_.path()); }

  std::string TlsSection() const {
    return "[tls]\nenabled = true\ncert_file = \"" + certs_.cert_file + "\"\nkey_file = \"" +
           certs_.key_file + "\"\n";
  }

  // PostgreSQL 15 with ssl=on (or off) and SCRAM over TCP, alice and database "default".
  Target StartPostgres(bool ssl) {
    std::string error;
    pg_ = testing::PostgresServer::Start({.host_auth = "scram-sha-256",
                                          .ssl_cert_file = ssl ? certs_.cert_file : "",
                                          .ssl_key_file = ssl ? certs_.key_file : ""},
                                         &error);
    EXPECT_NE(pg_, nullptr) << error;
    if (pg_ == nullptr) return {};
    pqxx::connection admin(pg_->SuperuserConninfo());
    pqxx::nontransaction tx(admin);
    tx.exec(std::string("CREATE ROLE alice LOGIN PASSWORD ") + tx.quote(kAlicePassword));
    tx.exec("CREATE DATABASE \"default\"");
    return {"PostgreSQL 15", Conninfo("127.0.0.1", pg_->port()), pg_->port()};
  }

  Target StartDatacave(bool tls, const std::string& method = "scram-sha-256",
                       const std::string& auth_keys = "") {
    datacave_ =
        std::make_unique<testing::DatacaveServer>(method, auth_keys, tls ? TlsSection() : "");
    return {"Datacave", Conninfo("127.0.0.1", datacave_->port()), datacave_->port()};
  }

  static std::string Conninfo(const std::string& host, uint16_t port) {
    return "host=" + host + " port=" + std::to_string(port) +
           " user=alice dbname=default connect_timeout=10";
  }

  testing::TempDir dir_;
  testing::TestCertificates certs_;
  std::unique_ptr<testing::PostgresServer> pg_;
  std::unique_ptr<testing::DatacaveServer> datacave_;
};

// Connects with libpq; "" and the connection on success, else libpq's error text.
struct Connected {
  std::string error;
  bool ssl_in_use = false;
  std::string protocol;
};
Connected Connect(const std::string& conninfo) {
  Connected result;
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    result.error = PQerrorMessage(conn);
    if (result.error.empty()) result.error = "(failed without a message)";
  } else {
    result.ssl_in_use = PQsslInUse(conn) == 1;
    const char* protocol = PQsslAttribute(conn, "protocol");
    result.protocol = protocol ? protocol : "";
  }
  PQfinish(conn);
  return result;
}

// libpq's error without the "connection to server at ... port N failed: " prefix, whose
// port differs between the two servers.
std::string Reason(const std::string& error) {
  auto at = error.find("failed: ");
  std::string reason = at == std::string::npos ? error : error.substr(at + 8);
  while (!reason.empty() && reason.back() == '\n') reason.pop_back();
  return reason;
}

TEST_F(TlsConformance, SslmodeRequireEncryptsTheSession) {
  for (bool postgres : {true, false}) {
    Target t = postgres ? StartPostgres(true) : StartDatacave(true);
    SCOPED_TRACE(t.name);
    Connected c = Connect(t.conninfo + " sslmode=require password='" + kAlicePassword + "'");
    EXPECT_EQ(c.error, "");
    EXPECT_TRUE(c.ssl_in_use);
    EXPECT_TRUE(c.protocol == "TLSv1.3" || c.protocol == "TLSv1.2") << c.protocol;
    // sslmode=disable still works: TLS is offered, not imposed.
    EXPECT_EQ(Connect(t.conninfo + " sslmode=disable password='" + kAlicePassword + "'").error, "");
  }
}

TEST_F(TlsConformance, VerifyFullChecksTheCaAndTheHostName) {
  std::vector<std::string> wrong_host, wrong_ca;
  for (bool postgres : {true, false}) {
    Target t = postgres ? StartPostgres(true) : StartDatacave(true);
    SCOPED_TRACE(t.name);
    std::string verify =
        " sslmode=verify-full sslrootcert=" + certs_.ca_file + " password='" + kAlicePassword + "'";
    // The certificate names both localhost and 127.0.0.1.
    EXPECT_EQ(Connect(t.conninfo + verify).error, "");
    EXPECT_EQ(Connect(Conninfo("localhost", t.port) + verify).error, "");
    Connected c = Connect("hostaddr=127.0.0.1 " + Conninfo("wrong.example", t.port) + verify);
    EXPECT_NE(c.error.find("does not match host name \"wrong.example\""), std::string::npos)
        << c.error;
    wrong_host.push_back(Reason(c.error));
    c = Connect(t.conninfo + " sslmode=verify-full sslrootcert=" + certs_.other_ca_file +
                " password='" + kAlicePassword + "'");
    EXPECT_NE(c.error.find("certificate verify failed"), std::string::npos) << c.error;
    wrong_ca.push_back(Reason(c.error));
  }
  EXPECT_EQ(wrong_host[1], wrong_host[0]);
  EXPECT_EQ(wrong_ca[1], wrong_ca[0]);
}

TEST_F(TlsConformance, ChannelBindingRequireUsesScramSha256Plus) {
  std::vector<std::string> wrong_password;
  for (bool postgres : {true, false}) {
    Target t = postgres ? StartPostgres(true) : StartDatacave(true);
    SCOPED_TRACE(t.name);
    // libpq fails this unless the exchange was SCRAM-SHA-256-PLUS and the server proved it
    // knows the channel binding (the hash of the certificate libpq received).
    std::string bound = t.conninfo + " sslmode=verify-full sslrootcert=" + certs_.ca_file +
                        " channel_binding=require";
    EXPECT_EQ(Connect(bound + " password='" + kAlicePassword + "'").error, "");
    Connected c = Connect(bound + " password=wrong");
    EXPECT_NE(c.error.find("password authentication failed for user \"alice\""), std::string::npos)
        << c.error;
    wrong_password.push_back(Reason(c.error));
    // channel_binding=disable picks plain SCRAM-SHA-256 over TLS.
    EXPECT_EQ(Connect(t.conninfo + " sslmode=require channel_binding=disable password='" +
                      kAlicePassword + "'")
                  .error,
              "");
  }
  EXPECT_EQ(wrong_password[1], wrong_password[0]);
}

TEST_F(TlsConformance, ChannelBindingRequireFailsWithoutTls) {
  std::vector<std::string> errors;
  for (bool postgres : {true, false}) {
    Target t = postgres ? StartPostgres(true) : StartDatacave(true);
    SCOPED_TRACE(t.name);
    Connected c = Connect(t.conninfo + " sslmode=disable channel_binding=require password='" +
                          kAlicePassword + "'");
    EXPECT_NE(c.error, "");
    errors.push_back(Reason(c.error));
  }
  EXPECT_EQ(errors[1], errors[0]);
}

TEST_F(TlsConformance, PsqlVerifyFullWithChannelBinding) {
  Target t = StartDatacave(true);
  auto r = testing::RunProgram({.argv = {"/usr/bin/psql",
                                         t.conninfo + " sslmode=verify-full sslrootcert=" +
                                             certs_.ca_file + " channel_binding=require",
                                         "-X", "-A", "-t", "-c", "select 'over tls'"},
                                .env = {std::string("PGPASSWORD=") + kAlicePassword}});
  // Logged in over TLS: the query reaches the server and runs.
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("over tls"), std::string::npos) << r.output;
}

TEST_F(TlsConformance, CleartextPasswordOnlyOverTls) {
  // PostgreSQL says this with pg_hba.conf (hostssl lines); Datacave refuses "password" over
  // plaintext unless auth.allow_cleartext_without_tls, before the password is sent.
  Target t = StartDatacave(true, "password");
  std::string password = " password='" + std::string(kAlicePassword) + "'";
  EXPECT_EQ(Connect(t.conninfo + " sslmode=require" + password).error, "");
  Connected c = Connect(t.conninfo + " sslmode=disable" + password);
  EXPECT_NE(c.error.find("FATAL:  password authentication for user \"alice\" requires an SSL "
                         "connection"),
            std::string::npos)
      << c.error;
  // The key allows it.
  t = StartDatacave(true, "password", "allow_cleartext_without_tls = true\n");
  EXPECT_EQ(Connect(t.conninfo + " sslmode=disable" + password).error, "");
}

// --- A raw client, for what libpq never does. ---

std::string SslRequest() {
  std::string packet;
  PutBigEndian32(&packet, 8);
  PutBigEndian32(&packet, protocol::kSslRequestCode);
  return packet;
}

std::string StartupPacket() {
  std::string body;
  PutBigEndian32(&body, protocol::kProtocolVersion3);
  body.append(std::string("user\0alice\0database\0default\0\0", 29));
  std::string packet;
  PutBigEndian32(&packet, static_cast<uint32_t>(body.size() + 4));
  return packet + body;
}

// What a raw client saw: the answer byte to its first packet, whether a TLS handshake
// (when the answer was 'S') succeeded, and everything the server sent after, until it closed.
struct RawExchange {
  char answer = 0;
  bool handshake_ok = false;
  std::string after;
};

struct RawOptions {
  std::function<void(SSL_CTX*)> configure;  // applied to the client's TLS context
  std::string not_tls;                      // sent after 'S' instead of a handshake
  bool read_after_handshake = true;         // false: hang up once the handshake is done
};

// Sends `first` in one write and reads the one-byte answer. After 'S' it shakes hands (or
// sends options.not_tls); then it reads whatever the server sends until it closes.
RawExchange RawConnect(uint16_t port, const std::string& first, const RawOptions& options = {}) {
  RawExchange result;
  int fd = testing::ConnectLoopback(port);
  if (fd < 0) return result;
  ::send(fd, first.data(), first.size(), MSG_NOSIGNAL);
  if (::recv(fd, &result.answer, 1, 0) != 1) {
    ::close(fd);
    return result;
  }
  char buffer[4096];
  auto append = [&](auto n) {
    if (n > 0) result.after.append(buffer, static_cast<size_t>(n));
    return n > 0;
  };
  if (result.answer != 'S') {
    while (append(::recv(fd, buffer, sizeof buffer, 0))) {
    }
  } else if (!options.not_tls.empty()) {
    ::send(fd, options.not_tls.data(), options.not_tls.size(), MSG_NOSIGNAL);
    while (append(::recv(fd, buffer, sizeof buffer, 0))) {
    }
  } else {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (options.configure) options.configure(ctx);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    result.handshake_ok = SSL_connect(ssl) == 1;
    if (result.handshake_ok && options.read_after_handshake) {
      while (append(SSL_read(ssl, buffer, sizeof buffer))) {
      }
    }
    ERR_clear_error();
    SSL_free(ssl);
    SSL_CTX_free(ctx);
  }
  ::close(fd);
  return result;
}

protocol::ErrorFields FirstError(std::string_view bytes) {
  auto m = protocol::TakeBackendMessage(&bytes);
  if (!m.ok() || !m->has_value() || (*m)->type != 'E') return {};
  auto fields = protocol::ParseErrorFields((*m)->body);
  return fields.ok() ? *fields : protocol::ErrorFields{};
}

TEST_F(TlsConformance, PlaintextAfterSslRequestIsRefused) {
  // CVE-2021-23214: a StartupMessage sent in the clear right behind the SSLRequest (as a man
  // in the middle would inject it) must not be read as if it had come over TLS.
  for (bool tls : {true, false}) {
    std::vector<std::string> errors;
    for (bool postgres : {true, false}) {
      Target t = postgres ? StartPostgres(tls) : StartDatacave(tls);
      SCOPED_TRACE(t.name + (tls ? " with TLS" : " without TLS"));
      RawExchange r = RawConnect(t.port, SslRequest() + StartupPacket());
      EXPECT_EQ(r.answer, tls ? 'S' : 'N');
      EXPECT_EQ(r.handshake_ok, tls);
      protocol::ErrorFields error = FirstError(r.after);
      EXPECT_EQ(error.severity, "FATAL");
      EXPECT_EQ(error.sqlstate, "08P01");
      EXPECT_EQ(error.message, "received unencrypted data after SSL request");
      errors.push_back(error.message + " / " + error.detail);
    }
    EXPECT_EQ(errors[1], errors[0]);
  }
}

TEST_F(TlsConformance, OnlyTls12AndNewer) {
  for (bool postgres : {true, false}) {
    Target t = postgres ? StartPostgres(true) : StartDatacave(true);
    SCOPED_TRACE(t.name);
    RawExchange r = RawConnect(t.port, SslRequest(), {.configure = [](SSL_CTX* ctx) {
                                 SSL_CTX_set_security_level(ctx, 0);  // let it offer TLS 1.1
                                 SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
                                 SSL_CTX_set_max_proto_version(ctx, TLS1_1_VERSION);
                               }});
    EXPECT_EQ(r.answer, 'S');
    EXPECT_FALSE(r.handshake_ok);
    r = RawConnect(
        t.port, SslRequest(),
        {.configure = [](SSL_CTX* ctx) { SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION); },
         .read_after_handshake = false});
    EXPECT_TRUE(r.handshake_ok);
  }
}

TEST_F(TlsConformance, FailedHandshakeEndsOnlyThatConnection) {
  Target t = StartDatacave(true);
  // Plaintext where the ClientHello should be, then a client that hangs up after 'S'.
  RawExchange r = RawConnect(t.port, SslRequest(), {.not_tls = "GET / HTTP/1.0\r\n\r\n"});
  EXPECT_EQ(r.answer, 'S');
  EXPECT_TRUE(r.after.empty());  // the server closed without answering in plaintext
  int fd = testing::ConnectLoopback(t.port);
  std::string request = SslRequest();
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  ::close(fd);
  // The server serves the next client.
  EXPECT_EQ(Connect(t.conninfo + " sslmode=require password='" + kAlicePassword + "'").error, "");
  EXPECT_NE(datacave_->Output().find("TLS handshake with 127.0.0.1:"), std::string::npos)
      << datacave_->Output();
}

}  // namespace
}  // namespace datacave
