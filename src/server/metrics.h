#pragma once

// What /metrics exports: the server's own counters, kept here as plain atomics because they
// are bumped on hot paths and read rarely, and the storage engine's statistics, taken from
// the engine when a scrape asks for them.

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "lsm/db.h"

namespace datacave::server {

// What kind of statement a CommandComplete tag reports: its first word, grouped.
enum class StatementKind { kSelect, kInsert, kUpdate, kDelete, kCopy, kDdl, kTransaction, kOther };
constexpr size_t kStatementKinds = 8;
std::string_view StatementKindName(StatementKind kind);
StatementKind StatementKindOfTag(std::string_view tag);

// Upper bounds (seconds) of the query latency histogram's buckets; +Inf follows.
constexpr double kLatencyBuckets[] = {0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10};
constexpr size_t kLatencyBucketCount = std::size(kLatencyBuckets) + 1;

struct Metrics {
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<uint64_t> connections_rejected{0};  // over max_connections
  std::atomic<int64_t> connections_active{0};
  std::atomic<uint64_t> protocol_errors{0};  // malformed or timed-out startups
  std::atomic<uint64_t> connections_tls{0};  // TLS handshakes completed
  std::atomic<uint64_t> tls_handshake_failures{0};
  // Recovery done, listeners serving. /ready also asks the storage to be healthy.
  std::atomic<bool> ready{false};

  std::atomic<uint64_t> bytes_received{0};  // from clients, TLS records included
  std::atomic<uint64_t> bytes_sent{0};
  std::array<std::atomic<uint64_t>, kStatementKinds> statements{};  // by StatementKind
  // ErrorResponses by SQLSTATE class (its first two characters, each 0-9 or A-Z).
  std::array<std::atomic<uint64_t>, 36 * 36> errors_by_class{};
  // Time to handle one batch of a ready client's messages (a simple query, or the extended
  // messages that arrived together, up to Sync): a histogram in kLatencyBuckets.
  std::array<std::atomic<uint64_t>, kLatencyBucketCount> latency_buckets{};
  std::atomic<uint64_t> latency_count{0};
  std::atomic<uint64_t> latency_sum_micros{0};

  void CountError(std::string_view sqlstate);
  void ObserveLatency(double seconds);
};

// The Prometheus text exposition (format 0.0.4) of the server's counters, of `ready` (what
// /ready answers) and of the storage engine's statistics.
std::string PrometheusText(const Metrics& metrics, bool ready, const lsm::Statistics& storage);

}  // namespace datacave::server
