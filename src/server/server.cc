#include "server/server.h"

#include <spdlog/spdlog.h>

#include <asio.hpp>
#include <filesystem>
#include <thread>

#include "core/file_system.h"
#include "server/connection.h"
#include "server/metrics.h"
#include "server/metrics_endpoint.h"
#include "server/storage.h"
#include "server/tls.h"

namespace datacave::server {
namespace {

Result<asio::ip::tcp::acceptor> Listen(asio::io_context& io, const HostPort& address,
                                       std::string_view what) {
  asio::error_code ec;
  auto ip = asio::ip::make_address(address.host, ec);
  if (ec) {
    // A host name: resolve it (loopback names like "localhost" are the common case).
    asio::ip::tcp::resolver resolver(io);
    auto results = resolver.resolve(address.host, std::to_string(address.port), ec);
    if (ec || results.empty()) {
      return Status::InvalidArgument("cannot resolve " + std::string(what) + " address " +
                                     address.ToString() + ": " + ec.message());
    }
    ip = results.begin()->endpoint().address();
  }
  asio::ip::tcp::endpoint endpoint(ip, address.port);
  asio::ip::tcp::acceptor acceptor(io);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::IOError("cannot listen for " + std::string(what) + " on " + address.ToString() +
                           ": " + ec.message());
  }
  return acceptor;
}

class ServerImpl final : public Server {
 public:
  ServerImpl(const Config& config, std::unique_ptr<TlsContext> tls,
             ConnectionContext connection_context, std::unique_ptr<FileLock> lock,
             std::unique_ptr<Storage> storage, std::unique_ptr<sql::Database> database)
      : config_(config),
        tls_(std::move(tls)),
        connection_context_(std::move(connection_context)),
        lock_(std::move(lock)),
        storage_(std::move(storage)),
        database_(std::move(database)),
        signals_(io_, SIGINT, SIGTERM),
        shutdown_timer_(io_),
        workers_(WorkerCount(config.server.worker_threads)) {
    connection_context_.workers = &workers_;
    connection_context_.sessions = &sessions_;
  }

  Status Bind() {
    DC_ASSIGN_OR_RETURN(auto acceptor, Listen(io_, config_.server.listen, "clients"));
    acceptor_.emplace(std::move(acceptor));
    if (config_.metrics.enabled) {
      DC_ASSIGN_OR_RETURN(auto metrics, Listen(io_, config_.metrics.listen, "metrics"));
      metrics_acceptor_.emplace(std::move(metrics));
    }
    return Status::Ok();
  }

  uint16_t port() const override { return acceptor_->local_endpoint().port(); }
  uint16_t metrics_port() const override {
    return metrics_acceptor_ ? metrics_acceptor_->local_endpoint().port() : 0;
  }

  void Run() override {
    signals_.async_wait([this](const asio::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("received {}, shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
      Stop();
    });
    AcceptClients();
    if (metrics_acceptor_) AcceptMetrics();
    metrics_.ready = true;
    io_.run();
    // Statements still on a worker were terminated (57P01) and stop within a batch.
    workers_.join();
  }

  // Graceful: no new connections, running statements get shutdown_timeout_ms to finish,
  // then the rest are terminated; then the loop stops, and every session is destroyed with
  // it (an open transaction rolls back). Committed data is in the WAL already.
  void Stop() override {
    asio::post(io_, [this] {
      if (stopping_) return;
      stopping_ = true;
      metrics_.ready = false;
      asio::error_code ignored;
      acceptor_->close(ignored);
      shutdown_deadline_ = std::chrono::steady_clock::now() +
                           std::chrono::milliseconds(config_.server.shutdown_timeout_ms);
      WaitForStatements();
    });
  }

 private:
  static size_t WorkerCount(int64_t configured) {
    if (configured > 0) return static_cast<size_t>(configured);
    return std::max(2u, std::thread::hardware_concurrency());
  }

  void WaitForStatements() {
    const auto now = std::chrono::steady_clock::now();
    if (!sessions_.terminating() && (sessions_.busy() == 0 || now >= shutdown_deadline_)) {
      if (sessions_.busy() > 0) {
        spdlog::info("shutdown: terminating the statements still running");
      }
      sessions_.TerminateAll();
      // Terminated statements stop within a batch; waits are bounded the same way.
      shutdown_deadline_ = now + std::chrono::seconds(5);
    }
    // Every session, idle ones too, says goodbye with 57P01 before it closes; the loop
    // stops once they have (or at the deadline).
    if (sessions_.terminating() &&
        ((sessions_.busy() == 0 && sessions_.size() == 0) || now >= shutdown_deadline_)) {
      io_.stop();
      return;
    }
    shutdown_timer_.expires_after(std::chrono::milliseconds(10));
    shutdown_timer_.async_wait([this](const asio::error_code&) { WaitForStatements(); });
  }

  void AcceptClients() {
    acceptor_->async_accept([this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
      if (!ec) {
        asio::error_code ignored;
        socket.set_option(asio::ip::tcp::no_delay(true), ignored);
        bool over_capacity = metrics_.connections_active >= config_.server.max_connections;
        ServeConnection(std::move(socket), &connection_context_, over_capacity, &metrics_);
      } else if (ec == asio::error::operation_aborted) {
        return;
      } else {
        spdlog::warn("accept failed: {}", ec.message());  // e.g. out of file descriptors
      }
      AcceptClients();
    });
  }

  void AcceptMetrics() {
    metrics_acceptor_->async_accept(
        [this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
          if (ec == asio::error::operation_aborted) return;
          if (!ec) ServeHttpConnection(std::move(socket), &metrics_, storage_.get());
          AcceptMetrics();
        });
  }

  const Config config_;
  const std::unique_ptr<TlsContext> tls_;  // nullptr without [tls]; connections borrow it
  ConnectionContext connection_context_;   // read by every connection, outlives io_
  std::unique_ptr<FileLock> lock_;         // held for the server's lifetime, released last
  // Declared before io_ so that they are destroyed after it: connections live in io_'s
  // handlers, and a connection updates the metrics and may hold storage snapshots until it
  // is destroyed. The storage closes once the last connection is gone.
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<sql::Database> database_;  // the catalog and SQL state over storage_
  Metrics metrics_;
  SessionRegistry sessions_;  // connections register here; outlives them
  asio::io_context io_{1};
  asio::signal_set signals_;
  asio::steady_timer shutdown_timer_;
  bool stopping_ = false;  // the network thread's
  std::chrono::steady_clock::time_point shutdown_deadline_;
  // Destroyed (joined) before io_: a queued handler holds a connection, which holds a socket
  // of io_.
  asio::thread_pool workers_;
  std::optional<asio::ip::tcp::acceptor> acceptor_;
  std::optional<asio::ip::tcp::acceptor> metrics_acceptor_;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(const Config& config) {
  FileSystem* fs = FileSystem::Default();
  const std::string& dir = config.storage.path;
  DC_RETURN_IF_ERROR(fs->CreateDir(dir).WithContext("data directory"));
  auto lock = fs->LockFile(dir + "/LOCK");
  if (!lock.ok()) {
    if (lock.status().code() == StatusCode::kBusy) {
      return Status::Busy("data directory " + dir +
                          " is in use by another Datacave server: " + lock.status().message());
    }
    return lock.status().WithContext("locking data directory " + dir);
  }
  // Recovery (replaying the WAL) happens here, before the listeners exist: /ready cannot
  // say ready, nor a client connect, to a server that has not recovered its data.
  DC_ASSIGN_OR_RETURN(auto storage, Storage::Open(config.storage));
  spdlog::info("storage opened in {}: {}", ShardPath(dir, 0), DescribeStorage(config.storage));
  // A certificate that does not load stops the server before it listens.
  std::unique_ptr<TlsContext> tls;
  if (config.tls.enabled) {
    DC_ASSIGN_OR_RETURN(tls, TlsContext::Load(config.tls));
  }
  DC_ASSIGN_OR_RETURN(auto database, sql::Database::Open(storage->db(), storage->commit_options()));
  DC_ASSIGN_OR_RETURN(auto connection_context, ConnectionContext::FromConfig(config, tls.get()));
  connection_context.database = database.get();
  auto server = std::make_unique<ServerImpl>(config, std::move(tls), std::move(connection_context),
                                             std::move(lock).value(), std::move(storage),
                                             std::move(database));
  DC_RETURN_IF_ERROR(server->Bind());
  std::string metrics = config.metrics.enabled ? ", metrics on " + config.metrics.listen.host +
                                                     ":" + std::to_string(server->metrics_port())
                                               : "";
  spdlog::info("datacave {} listening on {}:{}{}, data directory {}{}", kVersion,
               config.server.listen.host, server->port(), config.tls.enabled ? " (TLS)" : "", dir,
               metrics);
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace datacave::server
