// The /metrics page: every sample belongs to a family with HELP and TYPE lines, counters end
// in _total, and the storage engine's statistics appear under datacave_storage_*.

#include "server/metrics.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace datacave::server {
namespace {

lsm::Statistics SomeStatistics() {
  lsm::Statistics s;
  s.bytes_written = 1000;
  s.wal_bytes = 1100;
  s.wal_syncs = 7;
  s.bytes_read = 300;
  s.flushes = 2;
  s.flush_bytes = 900;
  s.compactions = 1;
  s.compaction_bytes_read = 800;
  s.compaction_bytes_written = 500;
  s.write_stalls = 3;
  s.block_cache_hits = 40;
  s.block_cache_misses = 4;
  s.files_per_level = {2, 1, 0};
  s.bytes_per_level = {900, 500, 0};
  s.memtable_bytes = 4096;
  return s;  // write amplification (1100 + 900 + 500) / 1000 = 2.5
}

bool Contains(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(MetricsTest, ExportsServerCountersAndReadiness) {
  Metrics metrics;
  metrics.connections_accepted = 5;
  metrics.connections_active = 2;
  metrics.connections_tls = 3;
  metrics.tls_handshake_failures = 1;
  std::string text = PrometheusText(metrics, /*ready=*/true, {});
  EXPECT_TRUE(Contains(text, "# TYPE datacave_connections_tls_total counter")) << text;
  EXPECT_TRUE(Contains(text, "datacave_connections_tls_total 3"));
  EXPECT_TRUE(Contains(text, "datacave_tls_handshake_failures_total 1"));
  EXPECT_TRUE(Contains(text, "# TYPE datacave_connections_accepted_total counter")) << text;
  EXPECT_TRUE(Contains(text, "datacave_connections_accepted_total 5"));
  EXPECT_TRUE(Contains(text, "datacave_connections_active 2"));
  EXPECT_TRUE(Contains(text, "datacave_ready 1"));
  EXPECT_TRUE(Contains(PrometheusText(metrics, /*ready=*/false, {}), "datacave_ready 0"));
}

TEST(MetricsTest, ExportsStorageStatistics) {
  std::string text = PrometheusText(Metrics(), true, SomeStatistics());
  for (const char* line : {
           "datacave_storage_written_bytes_total 1000",
           "datacave_storage_read_bytes_total 300",
           "datacave_storage_wal_written_bytes_total 1100",
           "datacave_storage_wal_syncs_total 7",
           "datacave_storage_flushes_total 2",
           "datacave_storage_flush_written_bytes_total 900",
           "datacave_storage_compactions_total 1",
           "datacave_storage_compaction_read_bytes_total 800",
           "datacave_storage_compaction_written_bytes_total 500",
           "datacave_storage_write_stalls_total 3",
           "datacave_storage_block_cache_hits_total 40",
           "datacave_storage_block_cache_misses_total 4",
           "datacave_storage_memtable_bytes 4096",
           "# TYPE datacave_storage_level_files gauge",
           "datacave_storage_level_files{level=\"0\"} 2",
           "datacave_storage_level_files{level=\"1\"} 1",
           "datacave_storage_level_files{level=\"2\"} 0",
           "datacave_storage_level_bytes{level=\"0\"} 900",
           "datacave_storage_level_bytes{level=\"1\"} 500",
           "datacave_storage_write_amplification 2.5",
       }) {
    EXPECT_TRUE(Contains(text, line)) << "missing: " << line << "\n" << text;
  }
}

TEST(MetricsTest, ExportsStatementsErrorsLatencyAndBytes) {
  EXPECT_EQ(StatementKindOfTag("SELECT 3"), StatementKind::kSelect);
  EXPECT_EQ(StatementKindOfTag("INSERT 0 1"), StatementKind::kInsert);
  EXPECT_EQ(StatementKindOfTag("CREATE TABLE"), StatementKind::kDdl);
  EXPECT_EQ(StatementKindOfTag("COMMIT"), StatementKind::kTransaction);
  EXPECT_EQ(StatementKindOfTag("SET"), StatementKind::kOther);
  Metrics metrics;
  metrics.statements[static_cast<size_t>(StatementKind::kSelect)] = 4;
  metrics.CountError("23505");
  metrics.CountError("23502");
  metrics.CountError("57014");
  metrics.CountError("");  // no SQLSTATE: not counted
  metrics.ObserveLatency(0.0002);
  metrics.ObserveLatency(0.02);
  metrics.ObserveLatency(60);
  metrics.bytes_received = 100;
  metrics.bytes_sent = 2000;
  std::string text = PrometheusText(metrics, true, {});
  for (const char* line : {
           "datacave_statements_total{kind=\"select\"} 4",
           "datacave_statements_total{kind=\"insert\"} 0",
           "datacave_errors_total{class=\"23\"} 2",
           "datacave_errors_total{class=\"57\"} 1",
           "# TYPE datacave_query_duration_seconds histogram",
           "datacave_query_duration_seconds_bucket{le=\"0.0005\"} 1",
           "datacave_query_duration_seconds_bucket{le=\"0.01\"} 1",
           "datacave_query_duration_seconds_bucket{le=\"0.05\"} 2",
           "datacave_query_duration_seconds_bucket{le=\"10\"} 2",
           "datacave_query_duration_seconds_bucket{le=\"+Inf\"} 3",
           "datacave_query_duration_seconds_count 3",
           "datacave_received_bytes_total 100",
           "datacave_sent_bytes_total 2000",
       }) {
    EXPECT_TRUE(Contains(text, line)) << line << "\n" << text;
  }
}

// What a Prometheus scraper insists on: HELP then TYPE before a family's samples, each family
// once, counters named *_total and nothing else named so.
TEST(MetricsTest, EveryFamilyIsDeclaredOnceBeforeItsSamples) {
  std::istringstream lines(PrometheusText(Metrics(), true, SomeStatistics()));
  std::set<std::string> declared;
  std::string line, help_for, current, current_type;
  int samples = 0;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty());
    std::istringstream words(line);
    if (line.starts_with("# HELP ")) {
      std::string hash, keyword;
      words >> hash >> keyword >> help_for;
      EXPECT_TRUE(declared.insert(help_for).second) << "declared twice: " << help_for;
    } else if (line.starts_with("# TYPE ")) {
      std::string hash, keyword;
      words >> hash >> keyword >> current >> current_type;
      EXPECT_EQ(current, help_for) << "TYPE without HELP: " << line;
      EXPECT_EQ(current_type == "counter", current.ends_with("_total")) << line;
    } else {
      std::string name = line.substr(0, line.find_first_of("{ "));
      if (current_type == "histogram") {
        EXPECT_TRUE(name == current + "_bucket" || name == current + "_sum" ||
                    name == current + "_count")
            << "sample outside its family: " << line;
      } else {
        EXPECT_EQ(name, current) << "sample outside its family: " << line;
      }
      samples++;
    }
  }
  EXPECT_GT(samples, 20);
}

}  // namespace
}  // namespace datacave::server
