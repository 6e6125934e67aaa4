#include "protocol/auth.h"

#include <openssl/crypto.h>

#include "protocol/backend.h"
#include "protocol/frontend.h"

namespace datacave::protocol {
namespace {

constexpr std::string_view kScramSha256 = "SCRAM-SHA-256";
constexpr std::string_view kScramSha256Plus = "SCRAM-SHA-256-PLUS";
constexpr std::string_view kTlsServerEndPoint = "tls-server-end-point";
constexpr size_t kServerNonceBytes = 18;  // PostgreSQL's SCRAM_RAW_NONCE_LEN
constexpr size_t kMd5SaltBytes = 4;

Status Malformed(std::string_view detail) {
  return Status::Sql(StatusCode::kInvalidArgument, "08P01",
                     "malformed SCRAM message: " + std::string(detail));
}

// PostgreSQL reports channel-binding failures as 28000, not as protocol violations: the
// client spoke the protocol correctly, but what it binds to is not what we have.
Status BindingRefused(std::string message) {
  return Status::Sql(StatusCode::kInvalidArgument, "28000", std::move(message));
}

// Reads "<name>=<value>" up to the next ',' (or the end) from the front of *input.
Result<std::string_view> ReadAttribute(std::string_view* input, char name) {
  if (input->size() < 2 || (*input)[0] != name || (*input)[1] != '=') {
    return Malformed(std::string("expected attribute \"") + name + "\"");
  }
  auto comma = input->find(',');
  std::string_view value = input->substr(2, comma == std::string_view::npos ? comma : comma - 2);
  input->remove_prefix(comma == std::string_view::npos ? input->size() : comma + 1);
  return value;
}

bool PrintableNonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

std::string Xor(std::string_view a, std::string_view b) {
  std::string out(a);
  for (size_t i = 0; i < out.size() && i < b.size(); i++) out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Authenticator::Authenticator(Options options) : options_(std::move(options)) {}

Result<std::string> Authenticator::Random(size_t n) {
  return options_.random ? options_.random(n) : SecureRandomBytes(n);
}

Authenticator::State Authenticator::Fail(Status error) {
  step_ = Step::kDone;
  error_ = std::move(error);
  return State::kFailed;
}

Authenticator::State Authenticator::PasswordFailed() {
  // Wrong password and unknown user look the same, as in PostgreSQL.
  return Fail(Status::Sql(StatusCode::kInvalidArgument, "28P01",
                          "password authentication failed for user \"" + options_.user + "\""));
}

Authenticator::State Authenticator::Begin(std::string* out) {
  const UserSecret* secret = options_.secret;
  switch (options_.method) {
    case AuthMethod::kTrust:
      step_ = Step::kDone;
      AppendAuthenticationOk(out);
      return State::kOk;
    case AuthMethod::kPassword:
      step_ = Step::kCleartext;
      AppendAuthenticationCleartextPassword(out);
      return State::kNeedMessage;
    case AuthMethod::kMd5:
      // As in PostgreSQL, MD5 is used only for a user whose stored secret is an MD5 hash; a
      // SCRAM verifier cannot answer an MD5 challenge, so those users (and unknown users,
      // as with PostgreSQL's default password_encryption) get SCRAM instead.
      if (secret != nullptr && !secret->md5_hash.empty()) {
        auto salt = Random(kMd5SaltBytes);
        if (!salt.ok()) return Fail(salt.status());
        md5_salt_ = std::move(salt).value();
        step_ = Step::kMd5;
        AppendAuthenticationMd5Password(out, md5_salt_);
        return State::kNeedMessage;
      }
      break;
    case AuthMethod::kScramSha256: break;
  }
  if (secret != nullptr && secret->scram) {
    verifier_ = *secret->scram;
  } else {
    // A made-up verifier: the salt is stable per user name, the keys match no password.
    mock_ = true;
    verifier_.iterations = ScramVerifier::kDefaultIterations;
    verifier_.salt =
        scram::Sha256(options_.mock_salt_key + options_.user).substr(0, ScramVerifier::kSaltBytes);
    verifier_.stored_key = std::string(ScramVerifier::kKeyBytes, '\0');
    verifier_.server_key = std::string(ScramVerifier::kKeyBytes, '\0');
  }
  step_ = Step::kScramFirst;
  // Over TLS PostgreSQL lists -PLUS first; libpq picks it unless channel_binding=disable.
  std::vector<std::string> mechanisms;
  if (!options_.tls_server_end_point.empty()) mechanisms.emplace_back(kScramSha256Plus);
  mechanisms.emplace_back(kScramSha256);
  AppendAuthenticationSasl(out, mechanisms);
  return State::kNeedMessage;
}

Authenticator::State Authenticator::OnPasswordMessage(std::string_view body, std::string* out) {
  switch (step_) {
    case Step::kCleartext: {
      auto password = DecodePassword(body);
      if (!password.ok()) return Fail(password.status());
      const UserSecret* secret = options_.secret;
      bool ok = false;
      if (password->empty()) {
        ok = false;  // PostgreSQL refuses empty passwords outright
      } else if (secret != nullptr && secret->scram) {
        ok = secret->scram->Matches(*password);
      } else if (secret != nullptr && !secret->md5_hash.empty()) {
        ok = ConstantTimeEqual(Md5PasswordHash(*password, options_.user), secret->md5_hash);
      }
      if (!ok) return PasswordFailed();
      step_ = Step::kDone;
      AppendAuthenticationOk(out);
      return State::kOk;
    }
    case Step::kMd5: {
      auto response = DecodePassword(body);
      if (!response.ok()) return Fail(response.status());
      if (!ConstantTimeEqual(*response,
                             Md5ChallengeResponse(options_.secret->md5_hash, md5_salt_))) {
        return PasswordFailed();
      }
      step_ = Step::kDone;
      AppendAuthenticationOk(out);
      return State::kOk;
    }
    case Step::kScramFirst: return OnScramFirst(body, out);
    case Step::kScramFinal: return OnScramFinal(body, out);
    case Step::kStart:
    case Step::kDone: break;
  }
  return Fail(Status::Sql(StatusCode::kInvalidArgument, "08P01",
                          "unexpected password message: authentication is not in progress"));
}

Authenticator::State Authenticator::OnScramFirst(std::string_view body, std::string* out) {
  auto initial = DecodeSaslInitialResponse(body);
  if (!initial.ok()) return Fail(initial.status());
  const bool can_bind = !options_.tls_server_end_point.empty();
  if (initial->mechanism == kScramSha256Plus && can_bind) {
    channel_binding_ = true;
  } else if (initial->mechanism != kScramSha256) {
    // -PLUS included when there is no TLS channel to bind to.
    return Fail(Status::Sql(StatusCode::kInvalidArgument, "08P01",
                            "client selected an invalid SASL authentication mechanism"));
  }
  std::string_view input = initial->data ? std::string_view(*initial->data) : "";
  if (input.empty()) return Fail(Malformed("the message is empty"));
  // gs2-header: the channel-binding flag, then an optional authzid, each followed by ','.
  // 'n': the client does not bind. 'y': it could, but thinks we cannot; if we can, a man in
  // the middle may have removed -PLUS from our list, so the exchange fails (RFC 5802 6).
  // 'p=<type>': it binds, which needs -PLUS and the one type we have.
  char flag = input[0];
  if ((flag == 'n' || flag == 'y') && channel_binding_) {
    return Fail(
        Malformed("the client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include "
                  "channel binding data"));
  }
  if (flag == 'y' && can_bind) {
    return Fail(BindingRefused(
        "SCRAM channel binding negotiation error: the client supports SCRAM channel binding "
        "but thinks the server does not; however, this server does support channel binding"));
  }
  if (flag == 'n' || flag == 'y') {
    if (input.size() < 2 || input[1] != ',') return Fail(Malformed("comma expected"));
    input.remove_prefix(2);
  } else if (flag == 'p') {
    if (!channel_binding_) {
      return Fail(Malformed(
          "the client selected SCRAM-SHA-256 without channel binding, but the SCRAM message "
          "includes channel binding data"));
    }
    auto type = ReadAttribute(&input, 'p');
    if (!type.ok()) return Fail(type.status());
    if (*type != kTlsServerEndPoint) {
      return Fail(
          Status::Sql(StatusCode::kInvalidArgument, "08P01",
                      "unsupported SCRAM channel-binding type \"" + std::string(*type) + "\""));
    }
  } else {
    return Fail(Malformed("unexpected channel-binding flag"));
  }
  if (!input.empty() && input[0] == 'a') {
    return Fail(
        Status::NotSupported("client uses authorization identity, but it is not supported"));
  }
  if (input.empty() || input[0] != ',') {
    return Fail(Malformed("unexpected attribute in client-first-message"));
  }
  input.remove_prefix(1);
  gs2_header_ = std::string(initial->data->data(), initial->data->size() - input.size());
  client_first_bare_ = std::string(input);
  if (!input.empty() && input[0] == 'm') {
    return Fail(Status::NotSupported("client requires an unsupported SCRAM extension"));
  }
  // The user name in the message is ignored (libpq sends it empty, JDBC '*'): the startup
  // packet's user is the one that authenticates, as in PostgreSQL.
  auto name = ReadAttribute(&input, 'n');
  if (!name.ok()) return Fail(name.status());
  auto client_nonce = ReadAttribute(&input, 'r');
  if (!client_nonce.ok()) return Fail(client_nonce.status());
  if (!PrintableNonce(*client_nonce)) {
    return Fail(Status::Sql(StatusCode::kInvalidArgument, "08P01",
                            "non-printable characters in SCRAM nonce"));
  }
  // Optional extensions may follow; we support none and ignore them, as PostgreSQL does.
  auto server_nonce = Random(kServerNonceBytes);
  if (!server_nonce.ok()) return Fail(server_nonce.status());
  nonce_ = std::string(*client_nonce) + scram::Base64Encode(*server_nonce);
  server_first_ = "r=" + nonce_ + ",s=" + scram::Base64Encode(verifier_.salt) +
                  ",i=" + std::to_string(verifier_.iterations);
  step_ = Step::kScramFinal;
  AppendAuthenticationSaslContinue(out, server_first_);
  return State::kNeedMessage;
}

Authenticator::State Authenticator::OnScramFinal(std::string_view body, std::string* out) {
  // A SASLResponse body is the client-final-message itself:
  //   c=<base64 gs2-header>,r=<nonce>[,extensions],p=<base64 ClientProof>
  std::string_view input = body;
  auto proof_at = input.rfind(",p=");
  if (proof_at == std::string_view::npos) return Fail(Malformed("missing proof"));
  std::string_view without_proof = input.substr(0, proof_at);
  auto binding = ReadAttribute(&input, 'c');
  if (!binding.ok()) return Fail(binding.status());
  // c= is the gs2 header again, followed with -PLUS by the channel-binding data: this is
  // what ties the proof to our TLS certificate. A man in the middle that terminates TLS
  // with its own certificate makes the client hash that one, and the check fails.
  if (channel_binding_) {
    if (!ConstantTimeEqual(*binding,
                           scram::Base64Encode(gs2_header_ + options_.tls_server_end_point))) {
      return Fail(BindingRefused("SCRAM channel binding check failed"));
    }
  } else if (*binding != scram::Base64Encode(gs2_header_)) {
    return Fail(Status::Sql(StatusCode::kInvalidArgument, "08P01",
                            "unexpected SCRAM channel-binding attribute in client-final-message"));
  }
  auto nonce = ReadAttribute(&input, 'r');
  if (!nonce.ok()) return Fail(nonce.status());
  if (*nonce != nonce_) {
    return Fail(Status::Sql(StatusCode::kInvalidArgument, "08P01", "SCRAM nonce mismatch"));
  }
  input = body.substr(proof_at + 1);
  auto proof_text = ReadAttribute(&input, 'p');
  if (!proof_text.ok()) return Fail(proof_text.status());
  if (!input.empty()) return Fail(Malformed("garbage found at the end of client-final-message"));
  auto proof = scram::Base64Decode(*proof_text);
  if (!proof.ok() || proof->size() != ScramVerifier::kKeyBytes) {
    return Fail(Malformed("malformed proof in client-final-message"));
  }
  std::string auth_message =
      client_first_bare_ + "," + server_first_ + "," + std::string(without_proof);
  std::string client_signature = scram::HmacSha256(verifier_.stored_key, auth_message);
  std::string client_key = Xor(*proof, client_signature);
  if (mock_ || !ConstantTimeEqual(scram::Sha256(client_key), verifier_.stored_key)) {
    return PasswordFailed();
  }
  std::string server_signature = scram::HmacSha256(verifier_.server_key, auth_message);
  step_ = Step::kDone;
  AppendAuthenticationSaslFinal(out, "v=" + scram::Base64Encode(server_signature));
  AppendAuthenticationOk(out);
  return State::kOk;
}

ScramClient::ScramClient(std::string user, std::string password, std::string client_nonce,
                         std::string gs2_header, std::string channel_binding)
    : user_(std::move(user)),
      password_(std::move(password)),
      nonce_(std::move(client_nonce)),
      gs2_header_(std::move(gs2_header)),
      channel_binding_(std::move(channel_binding)) {}

std::string ScramClient::ClientFirst() const {
  return gs2_header_ + "n=" + user_ + ",r=" + nonce_;
}

Result<std::string> ScramClient::ClientFinal(std::string_view server_first) {
  std::string_view input = server_first;
  auto nonce = ReadAttribute(&input, 'r');
  auto salt = nonce.ok() ? ReadAttribute(&input, 's') : nonce;
  auto iterations = salt.ok() ? ReadAttribute(&input, 'i') : salt;
  if (!iterations.ok()) return iterations.status();
  if (nonce->substr(0, nonce_.size()) != nonce_) return Malformed("server nonce mismatch");
  auto raw_salt = scram::Base64Decode(*salt);
  if (!raw_salt.ok()) return raw_salt.status();
  int count = 0;
  for (char c : *iterations) {
    if (c < '0' || c > '9' || count > 1'000'000) return Malformed("bad iteration count");
    count = count * 10 + (c - '0');
  }
  if (count < 1) return Malformed("bad iteration count");
  salted_password_ = scram::SaltedPassword(password_, *raw_salt, count);
  std::string without_proof =
      "c=" + scram::Base64Encode(gs2_header_ + channel_binding_) + ",r=" + std::string(*nonce);
  auth_message_ = ClientFirst().substr(gs2_header_.size()) + "," + std::string(server_first) + "," +
                  without_proof;
  std::string client_key = scram::HmacSha256(salted_password_, "Client Key");
  std::string signature = scram::HmacSha256(scram::Sha256(client_key), auth_message_);
  return without_proof + ",p=" + scram::Base64Encode(Xor(client_key, signature));
}

bool ScramClient::VerifyServerFinal(std::string_view server_final) const {
  std::string server_key = scram::HmacSha256(salted_password_, "Server Key");
  return server_final == "v=" + scram::Base64Encode(scram::HmacSha256(server_key, auth_message_));
}

}  // namespace datacave::protocol
