#pragma once

// What /metrics exports: the server's own counters, kept here as plain atomics because they
// are bumped on hot paths and read rarely, and the storage engine's statistics, taken from
// the engine when a scrape asks for them.

#include <atomic>
#include <cstdint>
#include <string>

#include "lsm/db.h"

namespace datacave::server {

struct Metrics {
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<uint64_t> connections_rejected{0};  // over max_connections
  std::atomic<int64_t> connections_active{0};
  std::atomic<uint64_t> protocol_errors{0};  // malformed or timed-out startups
  std::atomic<uint64_t> connections_tls{0};  // TLS handshakes completed
  std::atomic<uint64_t> tls_handshake_failures{0};
  // Recovery done, listeners serving. /ready also asks the storage to be healthy.
  std::atomic<bool> ready{false};
};

// The Prometheus text exposition (format 0.0.4) of the server's counters, of `ready` (what
// /ready answers) and of the storage engine's statistics.
std::string PrometheusText(const Metrics& metrics, bool ready, const lsm::Statistics& storage);

}  // namespace datacave::server
