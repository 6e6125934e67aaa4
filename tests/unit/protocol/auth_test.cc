// The authentication exchange: RFC 7677's SCRAM-SHA-256 example, SCRAM/MD5/cleartext/trust
// round trips against the client side, SCRAM-SHA-256-PLUS with channel binding, and the ways
// an exchange must fail.

#include "protocol/auth.h"

#include <gtest/gtest.h>

#include "core/coding.h"
#include "protocol/backend.h"
#include "protocol/frontend.h"

namespace datacave::protocol {
namespace {

using State = Authenticator::State;

// Splits the authentication replies into (code, data) pairs.
std::vector<std::pair<int32_t, std::string>> AuthReplies(std::string_view out) {
  std::vector<std::pair<int32_t, std::string>> replies;
  for (;;) {
    auto m = TakeBackendMessage(&out);
    if (!m.ok() || !m->has_value()) break;
    EXPECT_EQ((*m)->type, 'R');
    int32_t code = static_cast<int32_t>(DecodeBigEndian32((*m)->body.data()));
    replies.emplace_back(code, std::string((*m)->body.substr(4)));
  }
  EXPECT_TRUE(out.empty());
  return replies;
}

// Deterministic "random" bytes, so tests can predict nonces and salts.
Result<std::string> Fixed(size_t n) {
  return std::string(n, 'x');
}

class AuthTest : public ::testing::Test {
 protected:
  UserSecret Scram(const std::string& password) {
    UserSecret s;
    s.scram = ScramVerifier::FromSalt(password, "0123456789abcdef", 4096);
    return s;
  }

  Authenticator Make(AuthMethod method, const UserSecret* secret, std::string user = "alice") {
    return Authenticator({.method = method,
                          .user = std::move(user),
                          .secret = secret,
                          .mock_salt_key = "key",
                          .random = Fixed});
  }

  // Runs a SCRAM exchange with the given password; returns the final state.
  State RunScram(Authenticator& auth, const std::string& password, std::string* error = nullptr) {
    std::string out;
    EXPECT_EQ(auth.Begin(&out), State::kNeedMessage);
    auto replies = AuthReplies(out);
    EXPECT_EQ(replies.at(0).first, 10);
    EXPECT_EQ(replies.at(0).second, std::string("SCRAM-SHA-256\0\0", 15));
    ScramClient client("", password, "clientnonce");
    out.clear();
    State s = auth.OnPasswordMessage(
        EncodeSaslInitialResponse({"SCRAM-SHA-256", client.ClientFirst()}), &out);
    if (s != State::kNeedMessage) return s;
    replies = AuthReplies(out);
    EXPECT_EQ(replies.at(0).first, 11);
    auto final_message = client.ClientFinal(replies.at(0).second);
    EXPECT_TRUE(final_message.ok());
    out.clear();
    s = auth.OnPasswordMessage(*final_message, &out);
    if (s == State::kOk) {
      replies = AuthReplies(out);
      EXPECT_EQ(replies.size(), 2u);
      EXPECT_EQ(replies.at(0).first, 12);
      EXPECT_TRUE(client.VerifyServerFinal(replies.at(0).second));
      EXPECT_EQ(replies.at(1).first, 0);
    } else if (error != nullptr) {
      *error = auth.error().message();
    }
    return s;
  }
};

TEST(ScramClientTest, Rfc7677Example) {
  // RFC 7677 section 3: user "user", password "pencil".
  ScramClient client("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
  EXPECT_EQ(client.ClientFirst(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  auto final_message = client.ClientFinal(
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
  ASSERT_TRUE(final_message.ok());
  EXPECT_EQ(*final_message,
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
  EXPECT_TRUE(client.VerifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
}

TEST_F(AuthTest, ScramServerNonceAndSaltAsPostgresSendsThem) {
  UserSecret secret = Scram("pencil");
  Authenticator auth = Make(AuthMethod::kScramSha256, &secret);
  std::string out;
  ASSERT_EQ(auth.Begin(&out), State::kNeedMessage);
  out.clear();
  ASSERT_EQ(auth.OnPasswordMessage(
                EncodeSaslInitialResponse({"SCRAM-SHA-256", std::string("n,,n=,r=abc")}), &out),
            State::kNeedMessage);
  // The client nonce, then 18 random bytes in base64; the verifier's salt and iterations.
  EXPECT_EQ(AuthReplies(out).at(0).second, "r=abc" + scram::Base64Encode(std::string(18, 'x')) +
                                               ",s=" + scram::Base64Encode("0123456789abcdef") +
                                               ",i=4096");
}

TEST_F(AuthTest, ScramRightAndWrongPassword) {
  UserSecret secret = Scram("pencil");
  Authenticator good = Make(AuthMethod::kScramSha256, &secret);
  EXPECT_EQ(RunScram(good, "pencil"), State::kOk);
  Authenticator bad = Make(AuthMethod::kScramSha256, &secret);
  std::string error;
  EXPECT_EQ(RunScram(bad, "crayon", &error), State::kFailed);
  EXPECT_EQ(error, "password authentication failed for user \"alice\"");
  EXPECT_EQ(bad.error().sqlstate(), "28P01");
}

TEST_F(AuthTest, UnknownUserFailsLikeAWrongPasswordWithAStableSalt) {
  auto salt_of = [&](const std::string& user) {
    Authenticator auth = Make(AuthMethod::kScramSha256, nullptr, user);
    std::string out;
    EXPECT_EQ(auth.Begin(&out), State::kNeedMessage);
    out.clear();
    EXPECT_EQ(auth.OnPasswordMessage(
                  EncodeSaslInitialResponse({"SCRAM-SHA-256", std::string("n,,n=,r=abc")}), &out),
              State::kNeedMessage);
    std::string first = AuthReplies(out).at(0).second;
    return first.substr(first.find(",s="));
  };
  EXPECT_EQ(salt_of("bob"), salt_of("bob"));
  EXPECT_NE(salt_of("bob"), salt_of("carol"));
  Authenticator auth = Make(AuthMethod::kScramSha256, nullptr, "bob");
  std::string error;
  EXPECT_EQ(RunScram(auth, "", &error), State::kFailed);
  EXPECT_EQ(error, "password authentication failed for user \"bob\"");
}

TEST_F(AuthTest, ScramProtocolViolations) {
  UserSecret secret = Scram("pencil");
  struct Case {
    std::string mechanism;
    std::string data;
    std::string sqlstate;
  };
  for (const Case& c : std::vector<Case>{
           {"SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,n=,r=abc", "08P01"},
           {"SCRAM-SHA-256", "p=tls-server-end-point,,n=,r=abc", "08P01"},
           {"SCRAM-SHA-256", "", "08P01"},
           {"SCRAM-SHA-256", "x,,n=,r=abc", "08P01"},
           {"SCRAM-SHA-256", "n,a=bob,n=,r=abc", "0A000"},
           {"SCRAM-SHA-256", "n,,m=ext,n=,r=abc", "0A000"},
           {"SCRAM-SHA-256", "n,,r=abc", "08P01"},
           {"SCRAM-SHA-256", "n,,n=,r=a\x01", "08P01"},
       }) {
    Authenticator auth = Make(AuthMethod::kScramSha256, &secret);
    std::string out;
    ASSERT_EQ(auth.Begin(&out), State::kNeedMessage);
    EXPECT_EQ(auth.OnPasswordMessage(EncodeSaslInitialResponse({c.mechanism, c.data}), &out),
              State::kFailed)
        << c.data;
    EXPECT_EQ(auth.error().sqlstate(), c.sqlstate) << c.data << ": " << auth.error().message();
  }
  // 'y' is fine without TLS: the client is right that we cannot bind.
  Authenticator y = Make(AuthMethod::kScramSha256, &secret);
  std::string out;
  ASSERT_EQ(y.Begin(&out), State::kNeedMessage);
  EXPECT_EQ(y.OnPasswordMessage(EncodeSaslInitialResponse({"SCRAM-SHA-256", "y,,n=,r=abc"}), &out),
            State::kNeedMessage);
}

// --- SCRAM-SHA-256-PLUS: over TLS the server hands in its certificate's hash. ---

constexpr std::string_view kEndPoint = "0123456789abcdef0123456789abcdef";  // a SHA-256 size
constexpr const char* kBindHeader = "p=tls-server-end-point,,";

class ScramPlusTest : public AuthTest {
 protected:
  Authenticator MakeTls(const UserSecret* secret, std::string user = "alice") {
    return Authenticator({.method = AuthMethod::kScramSha256,
                          .user = std::move(user),
                          .secret = secret,
                          .mock_salt_key = "key",
                          .random = Fixed,
                          .tls_server_end_point = std::string(kEndPoint)});
  }

  // Runs an exchange as `client` under `mechanism`; returns the final state, and the error.
  State Run(Authenticator& auth, ScramClient& client, const std::string& mechanism,
            std::string* sqlstate = nullptr) {
    std::string out;
    EXPECT_EQ(auth.Begin(&out), State::kNeedMessage);
    out.clear();
    State s =
        auth.OnPasswordMessage(EncodeSaslInitialResponse({mechanism, client.ClientFirst()}), &out);
    if (s == State::kNeedMessage) {
      auto final_message = client.ClientFinal(AuthReplies(out).at(0).second);
      EXPECT_TRUE(final_message.ok());
      out.clear();
      s = auth.OnPasswordMessage(*final_message, &out);
      if (s == State::kOk) {
        auto replies = AuthReplies(out);
        EXPECT_EQ(replies.at(0).first, 12);
        EXPECT_TRUE(client.VerifyServerFinal(replies.at(0).second));
      }
    }
    if (s == State::kFailed && sqlstate != nullptr) *sqlstate = auth.error().sqlstate();
    return s;
  }
};

TEST_F(ScramPlusTest, OfferedFirstOnlyOverTls) {
  UserSecret secret = Scram("pencil");
  Authenticator tls = MakeTls(&secret);
  std::string out;
  ASSERT_EQ(tls.Begin(&out), State::kNeedMessage);
  EXPECT_EQ(AuthReplies(out).at(0).second,
            std::string("SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0", 34));
  // Without TLS (no end point) only SCRAM-SHA-256 is listed: see RunScram.
}

TEST_F(ScramPlusTest, BindsToTheCertificateHash) {
  UserSecret secret = Scram("pencil");
  Authenticator good = MakeTls(&secret);
  ScramClient client("", "pencil", "clientnonce", kBindHeader, std::string(kEndPoint));
  EXPECT_EQ(Run(good, client, "SCRAM-SHA-256-PLUS"), State::kOk);

  // What a client behind a man in the middle computes: the hash of another certificate.
  Authenticator other = MakeTls(&secret);
  ScramClient fooled("", "pencil", "clientnonce", kBindHeader, std::string(32, 'm'));
  std::string sqlstate;
  EXPECT_EQ(Run(other, fooled, "SCRAM-SHA-256-PLUS", &sqlstate), State::kFailed);
  EXPECT_EQ(sqlstate, "28000");
  EXPECT_EQ(other.error().message(), "SCRAM channel binding check failed");

  Authenticator wrong = MakeTls(&secret);
  ScramClient guesser("", "crayon", "clientnonce", kBindHeader, std::string(kEndPoint));
  EXPECT_EQ(Run(wrong, guesser, "SCRAM-SHA-256-PLUS", &sqlstate), State::kFailed);
  EXPECT_EQ(sqlstate, "28P01");

  // An unknown user fails as a wrong password does, binding or not.
  Authenticator unknown = MakeTls(nullptr, "bob");
  ScramClient nobody("", "pencil", "clientnonce", kBindHeader, std::string(kEndPoint));
  EXPECT_EQ(Run(unknown, nobody, "SCRAM-SHA-256-PLUS", &sqlstate), State::kFailed);
  EXPECT_EQ(sqlstate, "28P01");
}

TEST_F(ScramPlusTest, PlainScramStillWorksOverTls) {
  // libpq with channel_binding=disable, and clients without binding support (JDBC).
  UserSecret secret = Scram("pencil");
  Authenticator auth = MakeTls(&secret);
  ScramClient client("", "pencil", "clientnonce");
  EXPECT_EQ(Run(auth, client, "SCRAM-SHA-256"), State::kOk);
}

TEST_F(ScramPlusTest, FlagsThatDoNotMatchTheMechanismAreRefused) {
  UserSecret secret = Scram("pencil");
  struct Case {
    std::string mechanism;
    std::string gs2_header;
    std::string sqlstate;
  };
  for (const Case& c : std::vector<Case>{
           // -PLUS chosen, but no binding in the message.
           {"SCRAM-SHA-256-PLUS", "n,,", "08P01"},
           {"SCRAM-SHA-256-PLUS", "y,,", "08P01"},
           // Binding data under the mechanism without binding.
           {"SCRAM-SHA-256", kBindHeader, "08P01"},
           // 'y' over TLS: someone removed -PLUS from the list the client saw (RFC 5802 6).
           {"SCRAM-SHA-256", "y,,", "28000"},
           // Only tls-server-end-point exists here.
           {"SCRAM-SHA-256-PLUS", "p=tls-unique,,", "08P01"},
           {"SCRAM-SHA-256-PLUS", "p=tls-server-end-point,a=bob,", "0A000"},
           {"SCRAM-SHA-256-PLUS", "p=tls-server-end-point", "08P01"},
           {"SCRAM-SHA-512-PLUS", kBindHeader, "08P01"},
       }) {
    SCOPED_TRACE(c.mechanism + " " + c.gs2_header);
    Authenticator auth = MakeTls(&secret);
    ScramClient client("", "pencil", "abc", c.gs2_header, std::string(kEndPoint));
    std::string sqlstate;
    EXPECT_EQ(Run(auth, client, c.mechanism, &sqlstate), State::kFailed);
    EXPECT_EQ(sqlstate, c.sqlstate) << auth.error().message();
  }
}

TEST_F(ScramPlusTest, FinalMessageMustRepeatTheBindingHeader) {
  // A client-final whose c= drops the certificate hash, or claims no binding.
  UserSecret secret = Scram("pencil");
  std::string nonce = "abc" + scram::Base64Encode(std::string(18, 'x'));
  std::string proof = ",p=" + scram::Base64Encode(std::string(32, 'p'));
  for (const std::string& c : {scram::Base64Encode(kBindHeader), std::string("biws")}) {
    Authenticator auth = MakeTls(&secret);
    std::string out;
    ASSERT_EQ(auth.Begin(&out), State::kNeedMessage);
    ASSERT_EQ(
        auth.OnPasswordMessage(EncodeSaslInitialResponse(
                                   {"SCRAM-SHA-256-PLUS", std::string(kBindHeader) + "n=,r=abc"}),
                               &out),
        State::kNeedMessage);
    EXPECT_EQ(auth.OnPasswordMessage("c=" + c + ",r=" + nonce + proof, &out), State::kFailed);
    EXPECT_EQ(auth.error().sqlstate(), "28000") << c;
  }
}

TEST_F(AuthTest, ScramFinalMessageChecks) {
  UserSecret secret = Scram("pencil");
  std::string nonce = "abc" + scram::Base64Encode(std::string(18, 'x'));
  std::string proof = ",p=" + scram::Base64Encode(std::string(32, 'p'));
  for (const std::string& final_message : {
           "c=eSws,r=" + nonce + proof,       // binding flag differs from client-first
           "c=biws,r=abc" + proof,            // nonce mismatch
           "c=biws,r=" + nonce,               // no proof
           "c=biws,r=" + nonce + ",p=short",  // proof not 32 bytes
           "r=" + nonce + proof,              // no channel binding
       }) {
    Authenticator auth = Make(AuthMethod::kScramSha256, &secret);
    std::string out;
    ASSERT_EQ(auth.Begin(&out), State::kNeedMessage);
    ASSERT_EQ(auth.OnPasswordMessage(
                  EncodeSaslInitialResponse({"SCRAM-SHA-256", std::string("n,,n=,r=abc")}), &out),
              State::kNeedMessage);
    EXPECT_EQ(auth.OnPasswordMessage(final_message, &out), State::kFailed) << final_message;
    EXPECT_EQ(auth.error().sqlstate(), "08P01") << final_message;
  }
}

TEST_F(AuthTest, Md5WithAnMd5Hash) {
  UserSecret secret;
  secret.md5_hash = Md5PasswordHash("pencil", "alice");
  for (const auto& [password, expected] : std::vector<std::pair<std::string, State>>{
           {"pencil", State::kOk}, {"crayon", State::kFailed}}) {
    Authenticator auth = Make(AuthMethod::kMd5, &secret);
    std::string out;
    ASSERT_EQ(auth.Begin(&out), State::kNeedMessage);
    auto replies = AuthReplies(out);
    ASSERT_EQ(replies.at(0).first, 5);
    EXPECT_EQ(replies.at(0).second, "xxxx");  // the salt
    std::string response =
        Md5ChallengeResponse(Md5PasswordHash(password, "alice"), replies.at(0).second);
    out.clear();
    EXPECT_EQ(auth.OnPasswordMessage(EncodePassword(response), &out), expected);
  }
}

TEST_F(AuthTest, Md5MethodUsesScramForAScramVerifierAsPostgresDoes) {
  UserSecret secret = Scram("pencil");
  Authenticator auth = Make(AuthMethod::kMd5, &secret);
  EXPECT_EQ(RunScram(auth, "pencil"), State::kOk);
}

TEST_F(AuthTest, CleartextAgainstEitherKindOfSecret) {
  UserSecret scram = Scram("pencil");
  UserSecret md5;
  md5.md5_hash = Md5PasswordHash("pencil", "alice");
  for (const UserSecret* secret : std::vector<const UserSecret*>{&scram, &md5, nullptr}) {
    for (std::string password : {"pencil", "crayon", ""}) {
      Authenticator auth = Make(AuthMethod::kPassword, secret);
      std::string out;
      ASSERT_EQ(auth.Begin(&out), State::kNeedMessage);
      EXPECT_EQ(AuthReplies(out).at(0).first, 3);
      out.clear();
      State expected = secret != nullptr && password == "pencil" ? State::kOk : State::kFailed;
      EXPECT_EQ(auth.OnPasswordMessage(EncodePassword(password), &out), expected) << password;
      if (expected == State::kFailed) {
        EXPECT_EQ(auth.error().sqlstate(), "28P01");
      }
    }
  }
}

TEST_F(AuthTest, TrustNeedsNoMessage) {
  Authenticator auth = Make(AuthMethod::kTrust, nullptr);
  std::string out;
  EXPECT_EQ(auth.Begin(&out), State::kOk);
  EXPECT_EQ(AuthReplies(out).at(0).first, 0);
}

TEST_F(AuthTest, MessagesAfterTheEndAreRefused) {
  UserSecret secret = Scram("pencil");
  Authenticator auth = Make(AuthMethod::kScramSha256, &secret);
  ASSERT_EQ(RunScram(auth, "pencil"), State::kOk);
  std::string out;
  EXPECT_EQ(auth.OnPasswordMessage("anything", &out), State::kFailed);
}

}  // namespace
}  // namespace datacave::protocol
