#include "server/connection.h"

#include <spdlog/spdlog.h>

#include <array>
#include <string>

#include "core/coding.h"
#include "protocol/backend.h"
#include "protocol/frontend.h"
#include "protocol/messages.h"
#include "server/client_stream.h"
#include "server/query_handler.h"
#include "server/server.h"

namespace datacave::server {
namespace {

// The only database there is until the catalog (step 3) can hold more.
constexpr std::string_view kDatabaseName = "default";

Status Fatal(std::string_view sqlstate, std::string message) {
  return Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::move(message));
}

// Bytes that arrived with an SSLRequest or GSSENCRequest, before our answer: they were never
// encrypted, and may have been injected by a man in the middle (CVE-2021-23214). PostgreSQL
// 15 ends the connection with this error, after the TLS handshake when it answered 'S'.
protocol::ErrorFields UnencryptedDataError(std::string_view request) {
  protocol::ErrorFields error;
  error.severity = "FATAL";
  error.sqlstate = "08P01";
  error.message = "received unencrypted data after " + std::string(request);
  error.detail =
      "This could be either a client-software bug or evidence of an attempted "
      "man-in-the-middle attack.";
  return error;
}

// Counts the statements (CommandComplete tags) and errors (SQLSTATEs) among the encoded
// replies, for /metrics; the replies are whole messages.
void CountReplies(std::string_view replies, Metrics* metrics) {
  while (replies.size() >= 5) {
    const char type = replies[0];
    const size_t length = DecodeBigEndian32(replies.data() + 1);
    if (length < 4 || replies.size() < 1 + length) return;
    std::string_view body = replies.substr(5, length - 4);
    replies.remove_prefix(1 + length);
    if (type == 'C') {
      metrics->statements[static_cast<size_t>(StatementKindOfTag(body))]++;
    } else if (type == 'E') {
      // Fields: a code byte and a NUL-terminated value each; 'C' is the SQLSTATE.
      while (!body.empty() && body[0] != '\0') {
        const char field = body[0];
        const size_t end = body.find('\0', 1);
        if (end == std::string_view::npos) break;
        if (field == 'C') metrics->CountError(body.substr(1, end - 1));
        body.remove_prefix(end + 1);
      }
    }
  }
}

// Drives one connection with asynchronous reads, so that a slow or idle client costs no
// thread. Owned by the shared_ptr captured in its pending handlers.
//
// Input and output are strictly alternating: read what has arrived, handle every complete
// message in it, write all replies, then read again. So replies always reach the client
// before the server waits for it (Flush and Sync need nothing more), and the input buffer
// grows only with bytes the client really sent, never with a length it claims. The TLS
// handshake, when the client asks for it, sits between a write ('S') and the next read.
//
// Threads: reads, writes and timers run on the network thread. Once the session is ready,
// handling the messages (running statements) moves to the worker pool and the write that
// follows back to the network thread. Alternation makes this safe without a lock: while a
// worker handles messages, nothing else of this connection is pending (the idle timer's
// handler may still run, but it only compares idle_generation_, which only the network
// thread touches), and asio's queues order the hand-overs.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(asio::ip::tcp::socket socket, const ConnectionContext* context, bool over_capacity,
          Metrics* metrics)
      : stream_(std::move(socket)),
        deadline_(stream_.executor()),
        idle_timer_(stream_.executor()),
        context_(context),
        over_capacity_(over_capacity),
        metrics_(metrics) {}

  ~Session() {
    if (key_.pid != 0) context_->sessions->Unregister(key_.pid);
    metrics_->connections_active--;
  }

  void Begin() {
    metrics_->connections_active++;
    asio::error_code peer_error;
    auto peer = stream_.socket().remote_endpoint(peer_error);
    if (!peer_error) peer_ = peer.address().to_string() + ":" + std::to_string(peer.port());
    // Start-up and authentication must finish within the timeout, as in PostgreSQL.
    deadline_.expires_after(context_->authentication_timeout);
    deadline_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (ec) return;  // cancelled: authentication finished first
      self->metrics_->protocol_errors++;
      self->Close();
    });
    Read();
  }

 private:
  enum class Phase { kStartup, kAuthenticating, kReady };

  void Read() {
    if (phase_ == Phase::kReady && context_->sessions->terminating()) return TerminateIdle();
    ArmIdleInTransactionTimer();
    reading_ = true;
    stream_.AsyncReadSome(asio::buffer(chunk_),
                          [self = shared_from_this()](const asio::error_code& ec, size_t n) {
                            self->reading_ = false;
                            self->idle_generation_++;  // the idle timer, if pending, is stale
                            self->idle_timer_.cancel();
                            if (self->closing_) return;  // the idle timeout ended it
                            if (ec) return self->Close();
                            self->metrics_->bytes_received += n;
                            self->in_.append(self->chunk_.data(), n);
                            self->HandleInput();
                          });
  }

  void HandleInput() {
    std::string_view input = in_;
    while (!closing_ && !start_tls_ && phase_ != Phase::kReady) {
      size_t before = input.size();
      if (phase_ == Phase::kStartup) {
        TakeStartupPacket(&input);
      } else {
        TakeMessage(&input);
      }
      if (input.size() == before) break;  // the next message is not all here yet
    }
    in_.erase(0, in_.size() - input.size());
    if (phase_ == Phase::kReady && !closing_ && HasWholeMessage()) return HandleOnWorker();
    Write();
  }

  // True when in_ starts with a complete message, or with a header too bad to wait for.
  bool HasWholeMessage() const {
    if (in_.size() < 5) return false;
    auto header = protocol::DecodeMessageHeader(std::string_view(in_).substr(0, 5),
                                                protocol::kMaxMessageLength);
    return !header.ok() || in_.size() >= 5 + size_t{header->body_length};
  }

  // The ready session's messages run on a worker; their replies are written back here.
  void HandleOnWorker() {
    context_->sessions->WorkStarted();
    asio::post(*context_->workers, [self = shared_from_this()] {
      const auto start = std::chrono::steady_clock::now();
      const size_t replies_before = self->out_.size();
      self->HandleReadyMessages();
      self->metrics_->ObserveLatency(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      CountReplies(std::string_view(self->out_).substr(replies_before), self->metrics_);
      self->context_->sessions->WorkFinished();
      asio::post(self->stream_.executor(), [self] { self->Write(); });
    });
  }

  void HandleReadyMessages() {
    std::string_view input = in_;
    while (!closing_) {
      size_t before = input.size();
      TakeMessage(&input);
      if (input.size() == before) break;
    }
    in_.erase(0, in_.size() - input.size());
    if (!closing_ && context_->sessions->terminating()) SendFatal(AdministratorTermination());
  }

  // Shutting down: PostgreSQL's message for a session ended by the administrator.
  static Status AdministratorTermination() {
    return Fatal("57P01", "terminating connection due to administrator command");
  }

  // Shutdown reached a session that waits for its client: PostgreSQL sends every backend
  // the FATAL error, idle ones included, and clients (a pool, psql) show it. A session on a
  // worker or writing gets it when that ends (HandleReadyMessages, Read).
  void TerminateIdle() {
    if (closing_) return;
    metrics_->CountError("57P01");
    SendFatal(AdministratorTermination());
    Write();  // a pending read sees closing_ and stops
  }

  // While the session waits for its client inside a transaction block, at most
  // idle_in_transaction_session_timeout (then FATAL 25P03, as PostgreSQL).
  void ArmIdleInTransactionTimer() {
    if (phase_ != Phase::kReady || !sql_ ||
        sql_->transaction_state() == sql::TransactionState::kIdle) {
      return;
    }
    auto timeout = sql_->idle_in_transaction_timeout();
    if (timeout.count() <= 0) return;
    idle_timer_.expires_after(timeout);
    idle_timer_.async_wait([self = shared_from_this(),
                            generation = idle_generation_](const asio::error_code& ec) {
      if (ec || generation != self->idle_generation_) return;  // input came first
      self->metrics_->CountError("25P03");
      self->SendFatal(Fatal("25P03", "terminating connection due to idle-in-transaction timeout"));
      self->Write();  // the pending read sees closing_ and stops
    });
  }

  void Write() {
    if (out_.empty()) return AfterWrite();
    writing_ = std::move(out_);
    out_.clear();
    stream_.AsyncWrite(asio::buffer(writing_),
                       [self = shared_from_this()](const asio::error_code& ec, size_t n) {
                         if (ec) return self->Close();
                         self->metrics_->bytes_sent += n;
                         self->AfterWrite();
                       });
  }

  void AfterWrite() {
    if (closing_) return Finish();
    if (start_tls_) return StartTls();
    Read();
  }

  // 'S' has been written: the client's next bytes are its TLS ClientHello.
  void StartTls() {
    start_tls_ = false;
    stream_.AsyncStartTls(
        context_->tls->context(),
        [self = shared_from_this()](const asio::error_code& ec) { self->OnTlsHandshake(ec); });
  }

  void OnTlsHandshake(const asio::error_code& ec) {
    if (ec) {
      // A client that does not like our certificate hangs up here; only it is affected.
      metrics_->tls_handshake_failures++;
      spdlog::info("TLS handshake with {} failed: {}", peer_, ec.message());
      return Close();
    }
    metrics_->connections_tls++;
    if (plaintext_after_tls_request_) {
      metrics_->protocol_errors++;
      SendFatal(UnencryptedDataError("SSL request"));
      return Write();
    }
    Read();
  }

  // Ends the connection at once (an error, the peer gone, the deadline).
  void Close() {
    deadline_.cancel();
    idle_timer_.cancel();
    stream_.Close();
  }

  // Ends the connection after our last message was written (over TLS with close_notify).
  void Finish() {
    deadline_.cancel();
    idle_timer_.cancel();
    stream_.AsyncClose([self = shared_from_this()] {});
  }

  // Sends a FATAL ErrorResponse and closes once it is written.
  void SendFatal(const Status& status) {
    protocol::ErrorFields error;
    error.severity = "FATAL";
    error.sqlstate = status.sqlstate().empty() ? "08P01" : std::string(status.sqlstate());
    error.message = status.message();
    SendFatal(error);
  }
  void SendFatal(const protocol::ErrorFields& error) {
    // A ready session's replies are counted as a whole (CountReplies) on the worker.
    if (phase_ != Phase::kReady) metrics_->CountError(error.sqlstate);
    protocol::AppendErrorResponse(&out_, error);
    closing_ = true;
  }

  void ProtocolViolation(const Status& status) {
    metrics_->protocol_errors++;
    SendFatal(status);
  }

  // --- Start-up phase: untyped packets. ---

  void TakeStartupPacket(std::string_view* input) {
    if (input->size() < 4) return;
    auto body_length = protocol::StartupBodyLength(input->substr(0, 4));
    if (!body_length.ok()) {
      input->remove_prefix(input->size());
      return ProtocolViolation(body_length.status());
    }
    if (input->size() < 4 + *body_length) return;
    std::string_view body = input->substr(4, *body_length);
    input->remove_prefix(4 + *body_length);
    auto packet = protocol::ParseStartupPacket(body);
    if (!packet.ok()) return ProtocolViolation(packet.status());
    using Kind = protocol::StartupPacket::Kind;
    switch (packet->kind) {
      case Kind::kSslRequest: return OnSslRequest(input);
      case Kind::kGssEncRequest: return OnGssEncRequest(input);
      case Kind::kCancelRequest:
        // PostgreSQL never replies to these, whether or not the key matched.
        context_->sessions->Cancel(BackendKey{packet->cancel_pid, packet->cancel_key});
        closing_ = true;
        return;
      case Kind::kStartup: return OnStartup(*packet);
    }
  }

  // As PostgreSQL: each request at most once, in either order, except that GSS encryption
  // cannot follow TLS; a repeated one is an unknown protocol version. *input holds what
  // arrived after the request, which must be nothing.
  void OnSslRequest(std::string_view* input) {
    if (ssl_done_) {
      return ProtocolViolation(protocol::UnsupportedFrontendProtocol(protocol::kSslRequestCode));
    }
    ssl_done_ = true;
    bool plaintext_after = !input->empty();
    input->remove_prefix(input->size());
    if (context_->tls != nullptr) {
      out_.push_back('S');
      gss_done_ = true;
      start_tls_ = true;  // after 'S' is written; see StartTls
      plaintext_after_tls_request_ = plaintext_after;
      return;
    }
    // No TLS: the client may carry on in plaintext on this socket, once it has read 'N'.
    out_.push_back('N');
    if (plaintext_after) {
      metrics_->protocol_errors++;
      SendFatal(UnencryptedDataError("SSL request"));
    }
  }

  void OnGssEncRequest(std::string_view* input) {
    if (gss_done_) {
      return ProtocolViolation(protocol::UnsupportedFrontendProtocol(protocol::kGssEncRequestCode));
    }
    gss_done_ = true;
    out_.push_back('N');  // no GSSAPI, ever
    if (!input->empty()) {
      input->remove_prefix(input->size());
      metrics_->protocol_errors++;
      SendFatal(UnencryptedDataError("GSSAPI encryption request"));
    }
  }

  void OnStartup(const protocol::StartupPacket& packet) {
    if (over_capacity_) return SendFatal(Fatal("53300", "sorry, too many clients already"));
    std::vector<std::string> unknown_options;
    for (const auto& [name, value] : packet.params) {
      if (name == "user") {
        user_ = value;
      } else if (name == "database") {
        database_ = value;
      } else if (name.rfind("_pq_.", 0) == 0) {
        unknown_options.push_back(name);
      } else if (name != "options" && name != "replication") {
        // application_name, client_encoding, DateStyle, extra_float_digits ...: the session
        // applies the ones it can (sql::SessionOptions::client_settings).
        if (name == "application_name") application_name_ = value;
        client_settings_.emplace_back(name, value);
      }
    }
    // A client that speaks a newer 3.x, or asks for protocol options, learns what we speak
    // instead of being disconnected (libpq then carries on with 3.0).
    if ((packet.protocol_version & 0xffff) != 0 || !unknown_options.empty()) {
      protocol::AppendNegotiateProtocolVersion(&out_, 0, unknown_options);
    }
    if (user_.empty()) {
      return SendFatal(Fatal("28000", "no PostgreSQL user name specified in startup packet"));
    }
    if (database_.empty()) database_ = user_;  // as in PostgreSQL

    auto user = context_->users.find(user_);
    const protocol::UserSecret* secret = user == context_->users.end() ? nullptr : &user->second;
    if (context_->auth_method == AuthMethod::kTrust && secret == nullptr) {
      // With nothing to prove there is nothing to hide: PostgreSQL says so too.
      return SendFatal(Fatal("28000", "role \"" + user_ + "\" does not exist"));
    }
    if (context_->auth_method == AuthMethod::kPassword && !stream_.tls() &&
        !context_->allow_cleartext_without_tls) {
      // Refused before the client sends its password in the clear, not after.
      return SendFatal(
          Fatal("28000", "password authentication for user \"" + user_ +
                             "\" requires an SSL connection: the server does not accept "
                             "cleartext passwords without encryption"));
    }
    authenticator_.emplace(protocol::Authenticator::Options{
        .method = context_->auth_method,
        .user = user_,
        .secret = secret,
        .mock_salt_key = context_->mock_salt_key,
        .random = {},
        .tls_server_end_point = stream_.tls() ? context_->tls->server_end_point() : ""});
    phase_ = Phase::kAuthenticating;
    OnAuthenticationStep(authenticator_->Begin(&out_));
  }

  void OnAuthenticationStep(protocol::Authenticator::State state) {
    using State = protocol::Authenticator::State;
    if (state == State::kNeedMessage) return;
    if (state == State::kFailed) {
      spdlog::info("authentication failed for user \"{}\" from {}: {}", user_, peer_,
                   authenticator_->error().message());
      return SendFatal(authenticator_->error());
    }
    // Authenticated. PostgreSQL checks the database only now, so that a client cannot
    // probe for database names without a password.
    if (database_ != kDatabaseName) {
      return SendFatal(Fatal("3D000", "database \"" + database_ + "\" does not exist"));
    }
    deadline_.cancel();
    phase_ = Phase::kReady;
    SendSessionStart();
  }

  // ParameterStatus in PostgreSQL 15's order, BackendKeyData, ReadyForQuery. Clients depend
  // on these values (../docs and README: server_version must look like PostgreSQL's).
  void SendSessionStart() {
    const std::string server_version = std::string("15.0 (Datacave ") + kVersion + ")";
    const std::pair<std::string_view, std::string_view> parameters[] = {
        {"application_name", application_name_},
        {"client_encoding", "UTF8"},
        {"DateStyle", "ISO, MDY"},
        {"default_transaction_read_only", "off"},
        {"in_hot_standby", "off"},
        {"integer_datetimes", "on"},
        {"IntervalStyle", "postgres"},
        // There are no privileges yet: every user can do everything.
        {"is_superuser", "on"},
        {"server_encoding", "UTF8"},
        {"server_version", server_version},
        {"session_authorization", user_},
        {"standard_conforming_strings", "on"},
        {"TimeZone", "UTC"},
    };
    for (const auto& [name, value] : parameters) {
      protocol::AppendParameterStatus(&out_, name, value);
    }
    // The key a CancelRequest must quote: a process id (also pg_backend_pid()) and a secret
    // that cannot be guessed.
    auto key = context_->sessions->NewKey();
    if (!key.ok()) return SendFatal(Fatal("XX000", key.status().message()));
    key_ = *key;
    protocol::AppendBackendKeyData(&out_, key_.pid, key_.secret);
    sql::SessionOptions options;
    options.user = user_;
    options.database = database_;
    options.backend_pid = key_.pid;
    options.statement_timeout_ms = context_->statement_timeout_ms;
    options.query_memory_limit = context_->query_memory_limit;
    options.parallel_workers = context_->parallel_workers_per_query;
    options.idle_in_transaction_session_timeout_ms =
        context_->idle_in_transaction_session_timeout_ms;
    options.server_version = server_version;
    options.client_settings = std::move(client_settings_);
    options.version_text = std::string("PostgreSQL 15.0 (Datacave ") + kVersion +
                           ") on x86_64-pc-linux-gnu, compiled by a C++20 compiler, 64-bit";
    sql_ = std::make_unique<sql::Session>(context_->database, std::move(options));
    // At shutdown, on the network thread: only a session waiting for its client is ended
    // there; a weak pointer, as the registry outlives the connection.
    context_->sessions->Attach(key_.pid, &sql_->interrupt(),
                               [weak = weak_from_this(), executor = stream_.executor()] {
                                 asio::post(executor, [weak] {
                                   auto self = weak.lock();
                                   if (self && self->reading_) self->TerminateIdle();
                                 });
                               });
    protocol::AppendReadyForQuery(&out_, protocol::TransactionStatus::kIdle);
  }

  // --- Typed messages: authentication and the query loop. ---

  void TakeMessage(std::string_view* input) {
    if (input->size() < 5) return;
    // Before authentication a client may not make us buffer more than a password needs.
    uint32_t limit = phase_ == Phase::kAuthenticating ? protocol::kMaxAuthMessageLength
                                                      : protocol::kMaxMessageLength;
    auto header = protocol::DecodeMessageHeader(input->substr(0, 5), limit);
    if (!header.ok()) {
      input->remove_prefix(input->size());
      return ProtocolViolation(header.status());
    }
    if (input->size() < 5 + size_t{header->body_length}) return;
    std::string_view body = input->substr(5, header->body_length);
    input->remove_prefix(5 + size_t{header->body_length});
    if (phase_ == Phase::kAuthenticating) return OnAuthenticationMessage(header->type, body);
    OnMessage(header->type, body);
  }

  void OnAuthenticationMessage(char type, std::string_view body) {
    if (type != 'p') {
      return ProtocolViolation(
          Fatal("08P01", "expected password response, got message type " +
                             std::to_string(static_cast<unsigned char>(type))));
    }
    OnAuthenticationStep(authenticator_->OnPasswordMessage(body, &out_));
  }

  Status HandleExtended(const protocol::Parse& m) { return HandleParse(*sql_, m, &out_); }
  Status HandleExtended(const protocol::Bind& m) { return HandleBind(*sql_, m, &out_); }
  Status HandleExtended(const protocol::Describe& m) { return HandleDescribe(*sql_, m, &out_); }
  Status HandleExtended(const protocol::Execute& m) { return HandleExecute(*sql_, m, &out_); }
  Status HandleExtended(const protocol::Close& m) { return HandleClose(*sql_, m, &out_); }

  // A COPY FROM STDIN in progress takes every message until it ends (query_handler.h).
  void OnCopyInMessage(char type, std::string_view body) {
    if (type == 'X') {
      (void)sql_->AbortCopyIn(Status::Aborted("the client ended the connection during COPY"));
      closing_ = true;
      return;
    }
    Status status = HandleCopyInMessage(*sql_, type, body, &out_);
    if (!status.ok()) AppendError(status, &out_);
    if (sql_->copy_in_active()) return;
    if (copy_in_ == CopyIn::kSimple) {
      AppendReady(*sql_, &out_);
    } else if (!status.ok()) {
      skipping_until_sync_ = true;
    }
    copy_in_ = CopyIn::kNone;
  }

  void OnMessage(char type, std::string_view body) {
    if (copy_in_ != CopyIn::kNone) return OnCopyInMessage(type, body);
    auto message = protocol::DecodeFrontendMessage(type, body);
    if (!message.ok()) return ProtocolViolation(message.status());
    // After an error in an extended-query exchange everything up to Sync is discarded, as
    // PostgreSQL does, so the client's pipelined messages do not run after the failure.
    bool is_sync = std::holds_alternative<protocol::Sync>(*message);
    bool is_terminate = std::holds_alternative<protocol::Terminate>(*message);
    if (skipping_until_sync_ && !is_sync && !is_terminate) return;
    std::visit(
        [this](auto&& m) {
          using M = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<M, protocol::Query>) {
            HandleQuery(*sql_, m, &out_);
            if (sql_->copy_in_active()) copy_in_ = CopyIn::kSimple;
          } else if constexpr (std::is_same_v<M, protocol::Sync>) {
            skipping_until_sync_ = false;
            HandleSync(*sql_, &out_);
          } else if constexpr (std::is_same_v<M, protocol::Terminate>) {
            closing_ = true;
          } else if constexpr (std::is_same_v<M, protocol::Flush>) {
            // Replies are written before the next read anyway.
          } else if constexpr (std::is_same_v<M, protocol::CopyData> ||
                               std::is_same_v<M, protocol::CopyDone> ||
                               std::is_same_v<M, protocol::CopyFail>) {
            // Outside COPY these are ignored, as PostgreSQL ignores them.
          } else if constexpr (std::is_same_v<M, protocol::PasswordMessage>) {
            ProtocolViolation(Fatal("08P01", "invalid frontend message type 112"));
          } else {
            Status status = HandleExtended(m);
            if (!status.ok()) {
              AppendError(status, &out_);
              skipping_until_sync_ = true;
            } else if (sql_->copy_in_active()) {
              copy_in_ = CopyIn::kExtended;
            }
          }
        },
        *message);
  }

  ClientStream stream_;
  asio::steady_timer deadline_;
  asio::steady_timer idle_timer_;  // idle_in_transaction_session_timeout
  uint64_t idle_generation_ = 0;   // bumped by each read: tells a stale idle timer apart
  const ConnectionContext* const context_;
  const bool over_capacity_;
  Metrics* const metrics_;
  std::string peer_;

  Phase phase_ = Phase::kStartup;
  bool closing_ = false;    // close once out_ is written
  bool reading_ = false;    // a read is pending: the session waits for its client
  bool start_tls_ = false;  // start the TLS handshake once out_ ('S') is written
  bool plaintext_after_tls_request_ = false;
  bool ssl_done_ = false, gss_done_ = false;  // the encryption requests already answered
  bool skipping_until_sync_ = false;
  // A COPY FROM STDIN started by a Query (ReadyForQuery when it ends) or an Execute.
  enum class CopyIn { kNone, kSimple, kExtended } copy_in_ = CopyIn::kNone;
  std::string user_, database_, application_name_;
  std::vector<std::pair<std::string, std::string>> client_settings_;  // from the startup packet
  std::optional<protocol::Authenticator> authenticator_;
  std::unique_ptr<sql::Session> sql_;  // created once authenticated
  BackendKey key_;                     // registered with context_->sessions once ready

  std::array<char, 16 * 1024> chunk_;
  std::string in_;       // received, not yet handled
  std::string out_;      // replies produced while handling in_
  std::string writing_;  // the replies being written
};

}  // namespace

Result<ConnectionContext> ConnectionContext::FromConfig(const Config& config, TlsContext* tls) {
  ConnectionContext context;
  context.tls = tls;
  context.allow_cleartext_without_tls = config.auth.allow_cleartext_without_tls;
  context.authentication_timeout =
      std::chrono::milliseconds(config.server.authentication_timeout_ms);
  context.statement_timeout_ms = config.server.statement_timeout_ms;
  context.query_memory_limit = config.server.query_memory_limit;
  context.parallel_workers_per_query = static_cast<int>(config.server.parallel_workers_per_query);
  context.idle_in_transaction_session_timeout_ms =
      config.server.idle_in_transaction_session_timeout_ms;
  context.auth_method = config.auth.method;
  for (const UserEntry& user : config.auth.users) {
    protocol::UserSecret secret;
    if (IsMd5PasswordHash(user.password_hash)) {
      secret.md5_hash = user.password_hash;
    } else if (!user.password_hash.empty()) {
      DC_ASSIGN_OR_RETURN(auto verifier, ScramVerifier::Parse(user.password_hash));
      secret.scram = std::move(verifier);
    }
    context.users.emplace(user.name, std::move(secret));
  }
  DC_ASSIGN_OR_RETURN(context.mock_salt_key, SecureRandomBytes(32));
  return context;
}

void ServeConnection(asio::ip::tcp::socket socket, const ConnectionContext* context,
                     bool over_capacity, Metrics* metrics) {
  if (over_capacity) {
    metrics->connections_rejected++;
  } else {
    metrics->connections_accepted++;
  }
  std::make_shared<Session>(std::move(socket), context, over_capacity, metrics)->Begin();
}

}  // namespace datacave::server
