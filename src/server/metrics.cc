#include "server/metrics.h"

#include <charconv>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace datacave::server {
namespace {

// Appends metric families to a page: a HELP and a TYPE line per family, then its samples.
class PrometheusWriter {
 public:
  explicit PrometheusWriter(std::string* out) : out_(out) {}

  template <typename T>
  void Counter(std::string_view name, std::string_view help, T value) {
    Family(name, "counter", help);
    Sample(name, "", value);
  }

  template <typename T>
  void Gauge(std::string_view name, std::string_view help, T value) {
    Family(name, "gauge", help);
    Sample(name, "", value);
  }

  // One counter with a sample per label set ("kind=\"select\"").
  void LabeledCounter(std::string_view name, std::string_view help,
                      const std::vector<std::pair<std::string, uint64_t>>& samples) {
    Family(name, "counter", help);
    for (const auto& [labels, value] : samples) Sample(name, labels, value);
  }

  // name_bucket{le="..."} (cumulative), name_sum, name_count.
  void Histogram(std::string_view name, std::string_view help, std::span<const double> bounds,
                 const std::vector<uint64_t>& counts, double sum, uint64_t count) {
    Family(name, "histogram", help);
    const std::string bucket = std::string(name) + "_bucket";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < counts.size(); i++) {
      cumulative += counts[i];
      std::string le = "+Inf";
      if (i < bounds.size()) {
        char buf[32];
        auto result = std::to_chars(buf, buf + sizeof buf, bounds[i], std::chars_format::fixed);
        le.assign(buf, result.ptr);
      }
      Sample(bucket, "le=\"" + le + "\"", cumulative);
    }
    Sample(std::string(name) + "_sum", "", sum);
    Sample(std::string(name) + "_count", "", count);
  }

  // One gauge with a sample per level: name{level="N"} values[N].
  template <typename T>
  void PerLevelGauge(std::string_view name, std::string_view help, const std::vector<T>& values) {
    Family(name, "gauge", help);
    for (size_t level = 0; level < values.size(); level++) {
      Sample(name, "level=\"" + std::to_string(level) + "\"", values[level]);
    }
  }

 private:
  void Family(std::string_view name, std::string_view type, std::string_view help) {
    *out_ += "# HELP ";
    *out_ += name;
    *out_ += ' ';
    *out_ += help;
    *out_ += "\n# TYPE ";
    *out_ += name;
    *out_ += ' ';
    *out_ += type;
    *out_ += '\n';
  }

  template <typename T>
  void Sample(std::string_view name, std::string_view labels, T value) {
    *out_ += name;
    if (!labels.empty()) {
      *out_ += '{';
      *out_ += labels;
      *out_ += '}';
    }
    *out_ += ' ';
    if constexpr (std::is_floating_point_v<T>) {
      // The shortest text that reads back as the same double ("2.5", not "2.500000").
      char buf[32];
      auto result = std::to_chars(buf, buf + sizeof buf, value);
      out_->append(buf, result.ptr);
    } else {
      *out_ += std::to_string(value);
    }
    *out_ += '\n';
  }

  std::string* out_;
};

int SqlstateCharIndex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return 10 + (c - 'A');
  return -1;
}

char SqlstateChar(int index) {
  return static_cast<char>(index < 10 ? '0' + index : 'A' + (index - 10));
}

void AppendQueries(const Metrics& m, PrometheusWriter* w) {
  w->Counter("datacave_received_bytes_total", "Bytes received from clients.",
             m.bytes_received.load());
  w->Counter("datacave_sent_bytes_total", "Bytes sent to clients.", m.bytes_sent.load());
  std::vector<std::pair<std::string, uint64_t>> statements;
  for (size_t i = 0; i < kStatementKinds; i++) {
    statements.emplace_back(
        "kind=\"" + std::string(StatementKindName(static_cast<StatementKind>(i))) + "\"",
        m.statements[i].load());
  }
  w->LabeledCounter("datacave_statements_total",
                    "Statements completed, by the kind their command tag names.", statements);
  std::vector<std::pair<std::string, uint64_t>> errors;
  for (size_t i = 0; i < m.errors_by_class.size(); i++) {
    uint64_t n = m.errors_by_class[i].load();
    if (n == 0) continue;
    const int first = static_cast<int>(i / 36), second = static_cast<int>(i % 36);
    errors.emplace_back(std::string("class=\"") + SqlstateChar(first) + SqlstateChar(second) + "\"",
                        n);
  }
  w->LabeledCounter("datacave_errors_total",
                    "Errors sent to clients, by SQLSTATE class (its first two characters).",
                    errors);
  std::vector<uint64_t> buckets;
  for (const auto& bucket : m.latency_buckets) buckets.push_back(bucket.load());
  w->Histogram("datacave_query_duration_seconds",
               "Time to handle a batch of a client's messages: a simple query, or the extended "
               "protocol messages that arrived together.",
               kLatencyBuckets, buckets, static_cast<double>(m.latency_sum_micros.load()) / 1e6,
               m.latency_count.load());
}

void AppendServer(const Metrics& m, bool ready, PrometheusWriter* w) {
  w->Counter("datacave_connections_accepted_total", "Client connections accepted.",
             m.connections_accepted.load());
  w->Counter("datacave_connections_rejected_total",
             "Client connections refused because max_connections was reached.",
             m.connections_rejected.load());
  w->Gauge("datacave_connections_active", "Client connections open now.",
           m.connections_active.load());
  w->Counter("datacave_protocol_errors_total",
             "Connections ended for malformed or timed-out start-up packets.",
             m.protocol_errors.load());
  w->Counter("datacave_connections_tls_total",
             "Client connections encrypted with TLS (handshakes completed).",
             m.connections_tls.load());
  w->Counter("datacave_tls_handshake_failures_total",
             "Client connections that asked for TLS and failed the handshake.",
             m.tls_handshake_failures.load());
  w->Gauge("datacave_ready", "1 when the server accepts queries.", ready ? 1 : 0);
}

void AppendStorage(const lsm::Statistics& s, PrometheusWriter* w) {
  w->Counter("datacave_storage_written_bytes_total",
             "Bytes of keys and values written by the storage engine's clients.", s.bytes_written);
  w->Counter("datacave_storage_read_bytes_total",
             "Bytes of values returned by point reads (iterators are not counted).", s.bytes_read);
  w->Counter("datacave_storage_wal_written_bytes_total", "Bytes appended to the write-ahead log.",
             s.wal_bytes);
  w->Counter("datacave_storage_wal_syncs_total", "Fsyncs of the write-ahead log.", s.wal_syncs);
  w->Counter("datacave_storage_flushes_total", "Memtables flushed to level-0 table files.",
             s.flushes);
  w->Counter("datacave_storage_flush_written_bytes_total",
             "Bytes of table files written by flushes.", s.flush_bytes);
  w->Counter("datacave_storage_compactions_total", "Compactions run.", s.compactions);
  w->Counter("datacave_storage_compaction_read_bytes_total",
             "Bytes of table files read by compactions.", s.compaction_bytes_read);
  w->Counter("datacave_storage_compaction_written_bytes_total",
             "Bytes of table files written by compactions.", s.compaction_bytes_written);
  w->Counter("datacave_storage_write_stalls_total",
             "Writes that waited for a flush or a compaction.", s.write_stalls);
  w->Counter("datacave_storage_block_cache_hits_total", "Table block reads served by the cache.",
             s.block_cache_hits);
  w->Counter("datacave_storage_block_cache_misses_total",
             "Table block reads that missed the cache.", s.block_cache_misses);
  w->Gauge("datacave_storage_memtable_bytes", "Memory held by the active and immutable memtables.",
           s.memtable_bytes);
  w->PerLevelGauge("datacave_storage_level_files", "Table files in each level.", s.files_per_level);
  w->PerLevelGauge("datacave_storage_level_bytes", "Bytes of table files in each level.",
                   s.bytes_per_level);
  w->Gauge("datacave_storage_write_amplification",
           "Bytes written to the WAL and table files per byte written by clients.",
           s.WriteAmplification());
}

}  // namespace

std::string_view StatementKindName(StatementKind kind) {
  static constexpr std::string_view kNames[kStatementKinds] = {
      "select", "insert", "update", "delete", "copy", "ddl", "transaction", "other"};
  return kNames[static_cast<size_t>(kind)];
}

StatementKind StatementKindOfTag(std::string_view tag) {
  const std::string_view word = tag.substr(0, tag.find(' '));
  if (word == "SELECT") return StatementKind::kSelect;
  if (word == "INSERT") return StatementKind::kInsert;
  if (word == "UPDATE") return StatementKind::kUpdate;
  if (word == "DELETE") return StatementKind::kDelete;
  if (word == "COPY") return StatementKind::kCopy;
  if (word == "CREATE" || word == "ALTER" || word == "DROP" || word == "TRUNCATE") {
    return StatementKind::kDdl;
  }
  if (word == "BEGIN" || word == "START" || word == "COMMIT" || word == "ROLLBACK") {
    return StatementKind::kTransaction;
  }
  return StatementKind::kOther;
}

void Metrics::CountError(std::string_view sqlstate) {
  if (sqlstate.size() < 2) return;
  const int first = SqlstateCharIndex(sqlstate[0]), second = SqlstateCharIndex(sqlstate[1]);
  if (first < 0 || second < 0) return;
  errors_by_class[static_cast<size_t>(first * 36 + second)]++;
}

void Metrics::ObserveLatency(double seconds) {
  size_t bucket = 0;
  while (bucket < std::size(kLatencyBuckets) && seconds > kLatencyBuckets[bucket]) bucket++;
  latency_buckets[bucket]++;
  latency_count++;
  latency_sum_micros += static_cast<uint64_t>(seconds * 1e6);
}

std::string PrometheusText(const Metrics& metrics, bool ready, const lsm::Statistics& storage) {
  std::string out;
  PrometheusWriter writer(&out);
  AppendServer(metrics, ready, &writer);
  AppendQueries(metrics, &writer);
  AppendStorage(storage, &writer);
  return out;
}

}  // namespace datacave::server
