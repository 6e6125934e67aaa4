#include "server/metrics_endpoint.h"

#include <chrono>
#include <memory>
#include <string>

namespace datacave::server {
namespace {

constexpr size_t kMaxRequestBytes = 8192;
constexpr auto kRequestTimeout = std::chrono::seconds(10);

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(asio::ip::tcp::socket socket, Metrics* metrics, Storage* storage)
      : socket_(std::move(socket)),
        deadline_(socket_.get_executor()),
        metrics_(metrics),
        storage_(storage) {}

  void Begin() {
    deadline_.expires_after(kRequestTimeout);
    deadline_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (ec) return;
      asio::error_code ignored;
      self->socket_.close(ignored);
    });
    asio::async_read_until(socket_, asio::dynamic_buffer(request_, kMaxRequestBytes), "\r\n\r\n",
                           [self = shared_from_this()](const asio::error_code& ec, size_t) {
                             if (ec) {
                               if (ec == asio::error::not_found) {
                                 return self->Respond(431, "Request Header Fields Too Large",
                                                      "text/plain", "request too large\n");
                               }
                               return self->Close();
                             }
                             self->Route();
                           });
  }

 private:
  void Route() {
    // Request line: METHOD SP TARGET SP VERSION
    auto line_end = request_.find("\r\n");
    std::string_view line(request_.data(), line_end);
    auto sp1 = line.find(' ');
    auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos) {
      return Respond(400, "Bad Request", "text/plain", "bad request\n");
    }
    std::string_view method = line.substr(0, sp1);
    std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    target = target.substr(0, target.find('?'));
    if (method != "GET" && method != "HEAD") {
      return Respond(405, "Method Not Allowed", "text/plain", "only GET is supported\n");
    }
    head_only_ = method == "HEAD";
    if (target == "/health") return Respond(200, "OK", "text/plain", "ok\n");
    if (target == "/ready") {
      if (Ready()) return Respond(200, "OK", "text/plain", "ready\n");
      return Respond(503, "Service Unavailable", "text/plain", "not ready\n");
    }
    if (target == "/metrics") {
      return Respond(200, "OK", "text/plain; version=0.0.4",
                     PrometheusText(*metrics_, Ready(), storage_->db()->GetStatistics()));
    }
    Respond(404, "Not Found", "text/plain", "not found; try /metrics, /health or /ready\n");
  }

  // A server whose storage refuses writes cannot serve queries, however healthy it looks
  // otherwise: a load balancer should send clients elsewhere.
  bool Ready() const { return metrics_->ready && storage_->health().ok(); }

  void Respond(int code, std::string_view reason, std::string_view type, std::string body) {
    response_ = "HTTP/1.1 " + std::to_string(code) + " " + std::string(reason) +
                "\r\nContent-Type: " + std::string(type) +
                "\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\nConnection: close\r\n\r\n";
    if (!head_only_) response_ += body;
    asio::async_write(
        socket_, asio::buffer(response_),
        [self = shared_from_this()](const asio::error_code&, size_t) { self->Close(); });
  }

  void Close() {
    deadline_.cancel();
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  asio::ip::tcp::socket socket_;
  asio::steady_timer deadline_;
  Metrics* const metrics_;
  Storage* const storage_;
  std::string request_;
  std::string response_;
  bool head_only_ = false;
};

}  // namespace

void ServeHttpConnection(asio::ip::tcp::socket socket, Metrics* metrics, Storage* storage) {
  std::make_shared<HttpSession>(std::move(socket), metrics, storage)->Begin();
}

}  // namespace datacave::server
