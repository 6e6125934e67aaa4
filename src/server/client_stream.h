#pragma once

// A client connection's byte stream: plain TCP, or TLS once StartTls has shaken hands on the
// same socket (after the client's SSLRequest was answered 'S'). The session above reads and
// writes through it without knowing which.
//
// Not thread-safe: the owner calls it from the socket's executor, with at most one read or
// one write or one handshake pending at a time (the session alternates reads and writes).
// Handlers run on that executor; they must keep the owner (and so the stream) alive.

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <functional>
#include <optional>

namespace datacave::server {

class ClientStream {
 public:
  using Handler = std::function<void(const asio::error_code&, size_t)>;

  explicit ClientStream(asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

  asio::any_io_executor executor() { return socket_.get_executor(); }
  asio::ip::tcp::socket& socket() { return socket_; }
  bool tls() const { return tls_established_; }  // the TLS handshake has succeeded

  // Reads what has arrived (at least one byte) into buffer.
  void AsyncReadSome(asio::mutable_buffer buffer, Handler handler);
  // Writes all of buffer; it must stay valid until the handler runs.
  void AsyncWrite(asio::const_buffer buffer, Handler handler);
  // Runs the server side of a TLS handshake; from then on reads and writes are encrypted.
  // context must outlive the stream. REQUIRES: !tls().
  void AsyncStartTls(asio::ssl::context& context, std::function<void(const asio::error_code&)>);
  // Ends the connection: over TLS it first sends close_notify (without waiting for the
  // client's), as PostgreSQL does, so clients see a clean end rather than a truncated one.
  void AsyncClose(std::function<void()> done);
  // Closes the socket at once; pending operations complete with operation_aborted.
  void Close();

 private:
  asio::ip::tcp::socket socket_;
  std::optional<asio::ssl::stream<asio::ip::tcp::socket&>> tls_;
  bool tls_established_ = false;  // the handshake succeeded
};

}  // namespace datacave::server
