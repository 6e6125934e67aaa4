// The HTTP endpoint in-process, over a storage on a fault-injecting file system: /ready
// turns to 503 when the periodic WAL sync fails, and /metrics carries the storage
// statistics and the same readiness.

#include "server/metrics_endpoint.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/fault_injection_file_system.h"
#include "support/process.h"

namespace datacave::server {
namespace {

using namespace std::chrono_literals;

class MetricsEndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config::Storage config;
    config.path = "/data";
    config.wal_sync = WalSync::kPeriodic;
    config.wal_sync_interval_ms = 1;
    auto storage = Storage::Open(config, &fs_);
    ASSERT_TRUE(storage.ok()) << storage.status().ToString();
    storage_ = std::move(storage).value();
    metrics_.ready = true;
  }

  // One request through ServeHttpConnection on a loopback socket; the whole response.
  std::string Get(const std::string& target) {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::address_v4::loopback(), 0});
    acceptor.async_accept([this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
      if (!ec) ServeHttpConnection(std::move(socket), &metrics_, storage_.get());
    });
    std::thread server([&io] { io.run(); });
    asio::io_context client_io;
    asio::ip::tcp::socket client(client_io);
    client.connect(acceptor.local_endpoint());
    asio::write(client, asio::buffer("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    std::string response;
    asio::error_code ec;
    asio::read(client, asio::dynamic_buffer(response), ec);  // until the server closes
    server.join();
    return response;
  }

  FaultInjectionFileSystem fs_;
  Metrics metrics_;
  std::unique_ptr<Storage> storage_;
};

TEST_F(MetricsEndpointTest, ReadyWhileStorageIsHealthy) {
  EXPECT_NE(Get("/ready").find("200 OK"), std::string::npos);
  std::string metrics = Get("/metrics");
  EXPECT_NE(metrics.find("\ndatacave_ready 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("\ndatacave_storage_wal_syncs_total "), std::string::npos) << metrics;
}

TEST_F(MetricsEndpointTest, NotReadyOnceAPeriodicSyncFailed) {
  ASSERT_TRUE(storage_->db()->Put(storage_->commit_options(), "k", "v").ok());
  fs_.FailSyncAfter(0);
  ASSERT_TRUE(testing::WaitUntil([this] { return !storage_->health().ok(); }, 20s));
  EXPECT_NE(Get("/ready").find("503 Service Unavailable"), std::string::npos);
  EXPECT_NE(Get("/health").find("200 OK"), std::string::npos);  // the process still runs
  std::string metrics = Get("/metrics");
  EXPECT_NE(metrics.find("\ndatacave_ready 0\n"), std::string::npos) << metrics;
}

}  // namespace
}  // namespace datacave::server
