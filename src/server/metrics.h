#pragma once

// Process-wide counters exported on /metrics. Plain atomics: they are bumped on hot paths
// and read rarely.

#include <atomic>
#include <cstdint>
#include <string>

namespace datacave::server {

struct Metrics {
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<uint64_t> connections_rejected{0};  // over max_connections
  std::atomic<int64_t> connections_active{0};
  std::atomic<uint64_t> protocol_errors{0};  // malformed or timed-out startups
  std::atomic<bool> ready{false};            // recovery done, accepting connections

  // The Prometheus text exposition of every counter.
  std::string ToPrometheusText() const;
};

}  // namespace datacave::server
