#include "server/client_stream.h"

namespace datacave::server {

void ClientStream::AsyncReadSome(asio::mutable_buffer buffer, Handler handler) {
  if (tls_) return tls_->async_read_some(buffer, std::move(handler));
  socket_.async_read_some(buffer, std::move(handler));
}

void ClientStream::AsyncWrite(asio::const_buffer buffer, Handler handler) {
  if (tls_) return asio::async_write(*tls_, buffer, std::move(handler));
  asio::async_write(socket_, buffer, std::move(handler));
}

void ClientStream::AsyncStartTls(asio::ssl::context& context,
                                 std::function<void(const asio::error_code&)> handler) {
  tls_.emplace(socket_, context);
  tls_->async_handshake(asio::ssl::stream_base::server,
                        [this, handler = std::move(handler)](const asio::error_code& ec) {
                          tls_established_ = !ec;
                          handler(ec);
                        });
}

void ClientStream::AsyncClose(std::function<void()> done) {
  if (!tls_established_ || !socket_.is_open()) {
    Close();
    return done();
  }
  // Marking the client's close_notify as already received makes SSL_shutdown send ours and
  // finish, instead of waiting for a reply the client may never send.
  SSL_set_shutdown(tls_->native_handle(), SSL_RECEIVED_SHUTDOWN);
  tls_->async_shutdown([this, done = std::move(done)](const asio::error_code&) {
    Close();
    done();
  });
}

void ClientStream::Close() {
  asio::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace datacave::server
