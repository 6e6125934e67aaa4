#include "server/connection.h"

#include <spdlog/spdlog.h>

#include <string>

#include "core/coding.h"
#include "protocol/messages.h"
#include "server/server.h"

namespace datacave::server {
namespace {

// Drives one connection through the startup phase with asynchronous reads, so that a slow
// or idle client costs no thread. Owned by the shared_ptr captured in its pending handlers.
class StartupSession : public std::enable_shared_from_this<StartupSession> {
 public:
  StartupSession(asio::ip::tcp::socket socket, const ConnectionLimits& limits, Metrics* metrics)
      : socket_(std::move(socket)),
        deadline_(socket_.get_executor()),
        limits_(limits),
        metrics_(metrics) {}

  ~StartupSession() { metrics_->connections_active--; }

  void Begin() {
    metrics_->connections_active++;
    // The whole start-up must finish within the authentication timeout, as in PostgreSQL.
    deadline_.expires_after(limits_.authentication_timeout);
    deadline_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (ec) return;  // cancelled: the session finished first
      self->metrics_->protocol_errors++;
      asio::error_code ignored;
      self->socket_.close(ignored);
    });
    ReadLength();
  }

 private:
  void ReadLength() {
    asio::async_read(socket_, asio::buffer(length_, sizeof length_),
                     [self = shared_from_this()](const asio::error_code& ec, size_t) {
                       if (ec) return self->Finish();
                       self->OnLength();
                     });
  }

  void OnLength() {
    auto body_length = protocol::StartupBodyLength(std::string_view(length_, sizeof length_));
    if (!body_length.ok()) return Fail(body_length.status());
    body_.resize(*body_length);
    asio::async_read(socket_, asio::buffer(body_),
                     [self = shared_from_this()](const asio::error_code& ec, size_t) {
                       if (ec) return self->Finish();
                       self->OnBody();
                     });
  }

  void OnBody() {
    auto packet = protocol::ParseStartupPacket(body_);
    if (!packet.ok()) return Fail(packet.status());
    using Kind = protocol::StartupPacket::Kind;
    switch (packet->kind) {
      case Kind::kSslRequest:
      case Kind::kGssEncRequest:
        // No encryption yet: answer 'N'; the client may carry on in plaintext on this socket.
        // A client may ask for each at most once before its StartupMessage.
        if (++negotiations_ > 2)
          return Fail(
              Status::Sql(StatusCode::kInvalidArgument, "08P01", "too many encryption requests"));
        return Write("N", /*then_close=*/false);
      case Kind::kCancelRequest:
        // Nothing runs yet, so there is nothing to cancel; PostgreSQL never replies to these.
        return Finish();
      case Kind::kStartup: break;
    }
    protocol::ErrorFields error;
    error.severity = "FATAL";
    if (limits_.over_capacity) {
      error.sqlstate = "53300";
      error.message = "sorry, too many clients already";
    } else {
      error.sqlstate = "0A000";
      error.message = std::string("Datacave ") + kVersion +
                      " does not serve queries yet: the SQL engine and the query protocol are "
                      "still being built";
    }
    std::string reply;
    protocol::AppendErrorResponse(&reply, error);
    Write(std::move(reply), /*then_close=*/true);
  }

  void Fail(const Status& status) {
    metrics_->protocol_errors++;
    protocol::ErrorFields error;
    error.severity = "FATAL";
    error.sqlstate = status.sqlstate().empty() ? "08P01" : std::string(status.sqlstate());
    error.message = status.message();
    std::string reply;
    protocol::AppendErrorResponse(&reply, error);
    Write(std::move(reply), /*then_close=*/true);
  }

  void Write(std::string bytes, bool then_close) {
    out_ = std::move(bytes);
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this(), then_close](const asio::error_code& ec, size_t) {
                        if (ec || then_close) return self->Finish();
                        self->ReadLength();
                      });
  }

  void Finish() {
    deadline_.cancel();
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  asio::ip::tcp::socket socket_;
  asio::steady_timer deadline_;
  const ConnectionLimits limits_;
  Metrics* const metrics_;
  char length_[4] = {};
  std::string body_;
  std::string out_;
  int negotiations_ = 0;
};

}  // namespace

void ServeConnection(asio::ip::tcp::socket socket, const ConnectionLimits& limits,
                     Metrics* metrics) {
  if (limits.over_capacity) {
    metrics->connections_rejected++;
  } else {
    metrics->connections_accepted++;
  }
  std::make_shared<StartupSession>(std::move(socket), limits, metrics)->Begin();
}

}  // namespace datacave::server
