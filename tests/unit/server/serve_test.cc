// `datacave serve` as a process: it starts, logs its one line, authenticates PostgreSQL
// clients and answers each query with an error until the SQL engine lands, serves /health /ready
// /metrics, locks its data directory, opens its storage engine in it (refusing to start when the
// storage is damaged), and exits cleanly on SIGTERM and SIGINT.

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/coding.h"
#include "protocol/backend.h"
#include "protocol/frontend.h"
#include "protocol/messages.h"
#include "support/process.h"
#include "support/tls_certs.h"

namespace datacave {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;

void SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

// Everything the server sends until it closes the connection (or 10 s pass).
std::string ReadUntilClose(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string StartupPacket(std::string_view params) {
  std::string body;
  PutBigEndian32(&body, protocol::kProtocolVersion3);
  body.append(params);
  body.push_back('\0');
  std::string packet;
  PutBigEndian32(&packet, static_cast<uint32_t>(body.size() + 4));
  return packet + body;
}

std::string HttpGet(uint16_t port, const std::string& target) {
  int fd = testing::ConnectLoopback(port);
  if (fd < 0) return "";
  SendAll(fd, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
  std::string response = ReadUntilClose(fd);
  ::close(fd);
  return response;
}

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = testing::FreePort();
    metrics_port_ = testing::FreePort();
    config_ = dir_.path() + "/datacave.toml";
    testing::WriteFile(config_, "[server]\nlisten = \"127.0.0.1:" + std::to_string(port_) +
                                    "\"\nmax_connections = 3\nauthentication_timeout_ms = 1500\n"
                                    "[metrics]\nlisten = \"127.0.0.1:" +
                                    std::to_string(metrics_port_) + "\"\n");
  }

  std::unique_ptr<ChildProcess> Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {DATACAVE_BINARY, "serve", "--config", config_};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto child = std::make_unique<ChildProcess>(ChildProcess::Options{.argv = argv});
    EXPECT_TRUE(child->WaitForOutput("listening on", 20s)) << child->Output();
    return child;
  }

  // Starts with auth.method "trust" and one user, admin; `sections` go before [auth].
  std::unique_ptr<ChildProcess> StartTrusting(const std::string& sections = "") {
    testing::WriteFile(config_, ReadConfig() + sections +
                                    "[auth]\nmethod = \"trust\"\n"
                                    "[[auth.users]]\nname = \"admin\"\n");
    return Start();
  }

  std::string ReadConfig() const {
    std::ifstream in(config_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  testing::TempDir dir_;
  std::string config_;
  uint16_t port_ = 0;
  uint16_t metrics_port_ = 0;
};

TEST_F(ServeTest, LogsOneLineWithVersionAddressAndDataDirectory) {
  auto server = Start();
  std::string log = server->Output();
  EXPECT_NE(log.find(std::string("datacave ") + DATACAVE_VERSION), std::string::npos) << log;
  EXPECT_NE(log.find("listening on 127.0.0.1:" + std::to_string(port_)), std::string::npos);
  EXPECT_NE(log.find("data directory " + dir_.path() + "/data"), std::string::npos) << log;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() + "/data/LOCK"));
}

TEST_F(ServeTest, OpensStorageInShardZeroAndLogsItsSettings) {
  testing::WriteFile(config_, ReadConfig() +
                                  "[storage]\nwal_sync = \"periodic\"\n"
                                  "wal_sync_interval_ms = 20\nmemtable_size = \"8MB\"\n"
                                  "block_cache_size = 0\ncompression = \"zstd\"\n");
  auto server = Start();
  std::string log = server->Output();
  EXPECT_NE(log.find("storage opened in " + dir_.path() +
                     "/data/shard-0: wal_sync=periodic "
                     "(every 20 ms), memtable_size=8MB, block_cache_size=0B, compression=zstd"),
            std::string::npos)
      << log;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() + "/data/shard-0/CURRENT"));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() + "/data/shard-0/LOCK"));
}

TEST_F(ServeTest, LibpqClientRunsQueriesAndAnErrorLeavesTheConnectionUsable) {
  auto server = StartTrusting();
  // libpq sends SSLRequest first (sslmode=prefer), gets 'N', then its StartupMessage.
  std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port_) +
                         " user=admin dbname=default connect_timeout=10";
  PGconn* conn = PQconnectdb(conninfo.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  EXPECT_GE(PQserverVersion(conn), 150000);
  for (int i = 0; i < 2; i++) {  // the connection stays usable after the error
    PGresult* result = PQexec(conn, "select 1 / 0");
    EXPECT_EQ(PQresultStatus(result), PGRES_FATAL_ERROR);
    EXPECT_STREQ(PQresultErrorField(result, PG_DIAG_SQLSTATE), "22012");
    PQclear(result);
    result = PQexec(conn, "select 1 + 1 as two");
    EXPECT_EQ(PQresultStatus(result), PGRES_TUPLES_OK);
    EXPECT_STREQ(PQfname(result, 0), "two");
    EXPECT_STREQ(PQgetvalue(result, 0, 0), "2");
    EXPECT_EQ(PQftype(result, 0), 23u);  // int4
    PQclear(result);
  }
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK);
  PQfinish(conn);
  EXPECT_TRUE(server->Running());
  // /metrics counted them (the handling happens before the replies are sent).
  std::string metrics = HttpGet(metrics_port_, "/metrics");
  EXPECT_NE(metrics.find("\ndatacave_statements_total{kind=\"select\"} 2\n"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("\ndatacave_errors_total{class=\"22\"} 2\n"), std::string::npos)
      << metrics;
  // Four queries, and the Terminate of PQfinish if it was handled before the scrape.
  const size_t count = metrics.find("\ndatacave_query_duration_seconds_count ");
  ASSERT_NE(count, std::string::npos) << metrics;
  EXPECT_GE(std::stoi(metrics.substr(count + 39)), 4) << metrics;
}

TEST_F(ServeTest, DataSurvivesARestart) {
  std::string conninfo;
  auto run = [&](const char* sql) {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* result = PQexec(conn, sql);
    std::string out = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0
                          ? PQgetvalue(result, 0, 0)
                          : PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
    return out;
  };
  {
    auto server = StartTrusting();
    conninfo = "host=127.0.0.1 port=" + std::to_string(port_) +
               " user=admin dbname=default connect_timeout=10";
    run("create table t (id int primary key, name text); insert into t values (1, 'one'), (2, "
        "'two')");
    EXPECT_EQ(run("select count(*) from t"), "2");
  }
  auto server = Start();  // the same configuration and data directory
  EXPECT_EQ(run("select name from t where id = 2"), "two");
}

// Reads messages until one of type `last` (included) or until the server closes.
std::vector<std::pair<char, std::string>> ReadMessagesUntil(int fd, char last) {
  std::vector<std::pair<char, std::string>> messages;
  std::string buffer;
  char chunk[4096];
  for (;;) {
    std::string_view in = buffer;
    for (;;) {
      auto m = protocol::TakeBackendMessage(&in);
      if (!m.ok() || !m->has_value()) break;
      messages.emplace_back((*m)->type, std::string((*m)->body));
      if ((*m)->type == last) return messages;
    }
    buffer.erase(0, buffer.size() - in.size());
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return messages;
    buffer.append(chunk, static_cast<size_t>(n));
  }
}

std::string Types(const std::vector<std::pair<char, std::string>>& messages) {
  std::string types;
  for (const auto& m : messages) types.push_back(m.first);
  return types;
}

TEST_F(ServeTest, MessageLoopAnswersEveryMessageAsPostgresWould) {
  using namespace std::string_literals;
  auto server = StartTrusting();
  int fd = testing::ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  SendAll(fd, StartupPacket("user\0admin\0database\0default\0"s));
  // AuthenticationOk, 13 ParameterStatus, BackendKeyData, ReadyForQuery.
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "R" + std::string(13, 'S') + "KZ");
  auto frame = [](char type, std::string_view body) {
    std::string m(1, type);
    PutBigEndian32(&m, static_cast<uint32_t>(body.size() + 4));
    return m.append(body);
  };
  SendAll(fd, frame('Q', " ;\0"s));
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "IZ");  // EmptyQueryResponse
  SendAll(fd, frame('Q', "select 1; select 2\0"s));
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "TDCTDCZ");  // rows and tag per statement
  SendAll(fd, frame('Q', "select 1; selec 2\0"s));
  auto error = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(error), "EZ");  // a syntax error anywhere runs nothing
  auto fields = protocol::ParseErrorFields(error[0].second);
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->severity, "ERROR");
  EXPECT_EQ(fields->sqlstate, "42601");
  EXPECT_EQ(fields->position, 11);
  EXPECT_EQ(error[1].second, "I");
  SendAll(fd, frame('Q', "begin; select 1/0\0"s));
  auto failed = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(failed), "CEZ");
  EXPECT_EQ(failed[2].second, "E");  // in a failed transaction block
  SendAll(fd, frame('Q', "rollback\0"s));
  auto rolled_back = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(rolled_back), "CZ");
  EXPECT_EQ(rolled_back[1].second, "I");
  // Extended protocol: one error, the rest skipped until Sync, then ReadyForQuery.
  SendAll(fd, frame('P', "\0selec 1\0\0\0"s) + frame('B', "\0\0\0\0\0\0\0\0"s) +
                  frame('E', "\0\0\0\0\0"s) + frame('S', ""));
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "EZ");
  SendAll(fd, frame('P', "\0select 1\0\0\0"s) + frame('B', "\0\0\0\0\0\0\0\0"s) +
                  frame('E', "\0\0\0\0\0"s) + frame('S', ""));
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "12DCZ");
  // An unknown message type ends the session with FATAL 08P01, as in PostgreSQL.
  SendAll(fd, frame('z', ""));
  auto fatal = ReadMessagesUntil(fd, 'E');
  ASSERT_EQ(Types(fatal), "E");
  fields = protocol::ParseErrorFields(fatal[0].second);
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->severity, "FATAL");
  EXPECT_EQ(fields->sqlstate, "08P01");
  EXPECT_TRUE(ReadUntilClose(fd).empty());
  ::close(fd);
  EXPECT_TRUE(server->Running());
}

// The COPY sub-protocol driven by hand, as PostgreSQL 15 answers it: Flush and Sync are
// ignored during COPY FROM STDIN, an error answers at once (the client's remaining copy
// messages are then ignored), another message type is 08P01, CopyFail is 57014.
TEST_F(ServeTest, CopySubProtocolAsPostgresDoes) {
  using namespace std::string_literals;
  auto server = StartTrusting();
  int fd = testing::ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  SendAll(fd, StartupPacket("user\0admin\0database\0default\0"s));
  ReadMessagesUntil(fd, 'Z');
  auto frame = [](char type, std::string_view body) {
    std::string m(1, type);
    PutBigEndian32(&m, static_cast<uint32_t>(body.size() + 4));
    return m.append(body);
  };
  auto error_of = [](const std::vector<std::pair<char, std::string>>& messages) {
    auto fields = protocol::ParseErrorFields(messages.at(0).second);
    EXPECT_TRUE(fields.ok());
    return fields.ok() ? fields->sqlstate + " " + fields->message + " | " + fields->where : "";
  };
  SendAll(fd, frame('Q', "create table t (a int primary key)\0"s));
  ReadMessagesUntil(fd, 'Z');

  SendAll(fd, frame('Q', "copy t from stdin\0"s));
  auto started = ReadMessagesUntil(fd, 'G');
  ASSERT_EQ(Types(started), "G");
  EXPECT_EQ(started[0].second, "\0\0\1\0\0"s);  // text, one column, text
  SendAll(fd,
          frame('d', "1\n2") + frame('H', "") + frame('S', "") + frame('d', "\n") + frame('c', ""));
  auto done = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(done), "CZ");
  EXPECT_EQ(done[0].second, "COPY 2\0"s);

  SendAll(fd, frame('Q', "copy t from stdin\0"s) + frame('d', "3\nx\n"));
  auto failed = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(failed), "GEZ");
  failed.erase(failed.begin());
  EXPECT_EQ(error_of(failed),
            "22P02 invalid input syntax for type integer: \"x\" | COPY t, line 2, column a: "
            "\"x\"");
  SendAll(fd, frame('d', "4\n") + frame('c', "") + frame('Q', "select count(*) from t\0"s));
  auto count = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(count), "TDCZ");  // the late copy messages were ignored

  SendAll(fd, frame('Q', "copy t from stdin\0"s) + frame('Q', "select 1\0"s));
  auto violation = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(violation), "GEZ");
  violation.erase(violation.begin());
  EXPECT_EQ(error_of(violation).substr(0, 57),
            "08P01 unexpected message type 0x51 during COPY from stdin");

  SendAll(fd, frame('Q', "copy t from stdin\0"s) + frame('d', "5\n") + frame('f', "bye\0"s));
  auto canceled = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(canceled), "GEZ");
  canceled.erase(canceled.begin());
  EXPECT_EQ(error_of(canceled), "57014 COPY from stdin failed: bye | COPY t, line 2");

  SendAll(fd, frame('Q', "copy t to stdout\0"s));
  auto out = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(out), "HddcCZ");
  EXPECT_EQ(out[1].second, "1\n");
  EXPECT_EQ(out[2].second, "2\n");
  EXPECT_EQ(out[4].second, "COPY 2\0"s);

  // Extended protocol: the Sync sent with Execute is ignored during the copy; an error
  // skips to the next Sync.
  SendAll(fd, frame('P', "\0copy t from stdin\0\0\0"s) + frame('B', "\0\0\0\0\0\0\0\0"s) +
                  frame('E', "\0\0\0\0\0"s) + frame('S', "") + frame('d', "7\n") + frame('c', "") +
                  frame('S', ""));
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "12GCZ");
  SendAll(fd, frame('P', "\0copy t from stdin\0\0\0"s) + frame('B', "\0\0\0\0\0\0\0\0"s) +
                  frame('E', "\0\0\0\0\0"s) + frame('S', "") + frame('d', "7\n") + frame('c', "") +
                  frame('Q', "select 1\0"s) + frame('S', ""));
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "12GEZ");
  ::close(fd);
  EXPECT_TRUE(server->Running());
}

// The extended protocol driven by hand: a portal read in batches, describing, binary
// results, and an error in a pipeline that Sync recovers from.
TEST_F(ServeTest, ExtendedProtocolPortalsResumeAndErrorsSkipToSync) {
  using namespace std::string_literals;
  auto server = StartTrusting();
  int fd = testing::ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  SendAll(fd, StartupPacket("user\0admin\0database\0default\0"s));
  ReadMessagesUntil(fd, 'Z');
  auto send = [fd](const std::vector<protocol::FrontendMessage>& messages) {
    std::string out;
    for (const auto& m : messages) protocol::EncodeFrontendMessage(m, &out);
    SendAll(fd, out);
  };
  send(
      {protocol::Query{"create table p (id int, name text); "
                       "insert into p values (1, 'a'), (2, 'b'), (3, 'c')"}});
  ReadMessagesUntil(fd, 'Z');

  // Describe statement: the inferred parameter type, then the columns.
  send({protocol::Parse{"s", "select id, name from p where id >= $1 order by id", {}},
        protocol::Describe{'S', "s"}, protocol::Sync{}});
  auto described = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(described), "1tTZ");
  EXPECT_EQ(*protocol::DecodeParameterDescription(described[1].second), std::vector<uint32_t>{23});
  EXPECT_EQ(described[3].second, "I");

  // A portal with a row limit: two rows, PortalSuspended, then the rest and the tag.
  send({protocol::Query{"begin"}});
  ReadMessagesUntil(fd, 'Z');
  send({protocol::Bind{"c", "s", {}, {"1"}, {0, 1}}, protocol::Describe{'P', "c"},
        protocol::Execute{"c", 2}, protocol::Sync{}});
  auto first = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(first), "2TDDsZ");
  auto fields = protocol::DecodeRowDescription(first[1].second);
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ((*fields)[0].format, 0);
  EXPECT_EQ((*fields)[1].format, 1);
  EXPECT_EQ(*protocol::DecodeDataRow(first[3].second),
            (std::vector<std::optional<std::string>>{"2", "b"}));
  send({protocol::Execute{"c", 2}, protocol::Sync{}});
  auto rest = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(rest), "DCZ");
  EXPECT_EQ(rest[1].second, "SELECT 1"s + '\0');
  // Done: no rows, and a tag that counts this Execute's rows (PostgreSQL 15 says the same).
  send({protocol::Execute{"c", 2}, protocol::Sync{}});
  auto done = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(done), "CZ");
  EXPECT_EQ(done[0].second, "SELECT 0"s + '\0');
  send({protocol::Close{'P', "c"}, protocol::Execute{"c", 0}, protocol::Sync{}});
  auto closed = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(closed), "3EZ");
  EXPECT_EQ(protocol::ParseErrorFields(closed[1].second)->sqlstate, "34000");
  EXPECT_EQ(closed[2].second, "E");  // the error failed the transaction block
  send({protocol::Query{"rollback"}});
  ReadMessagesUntil(fd, 'Z');

  // Binary parameters and results; a bad text value is 22P02 at Bind, and the pipeline
  // after it is skipped until Sync; an empty statement gets EmptyQueryResponse.
  send({protocol::Parse{"ins", "insert into p values ($1, $2)", {23, 25}},
        protocol::Bind{"", "ins", {1, 0}, {"\0\0\0\x07"s, "g"}, {}}, protocol::Execute{"", 0},
        protocol::Sync{}});
  auto inserted = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(inserted), "12CZ");
  EXPECT_EQ(inserted[2].second, "INSERT 0 1"s + '\0');
  // Statements before Sync share one implicit transaction: the error rolls back the 8.
  send({protocol::Bind{"", "ins", {}, {"8", "h"}, {}}, protocol::Execute{"", 0},
        protocol::Bind{"", "ins", {}, {"x", "h"}, {}}, protocol::Execute{"", 0}, protocol::Sync{}});
  auto failed = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(failed), "2CEZ");
  EXPECT_EQ(protocol::ParseErrorFields(failed[2].second)->sqlstate, "22P02");
  EXPECT_EQ(failed[3].second, "I");
  send({protocol::Parse{"", "", {}}, protocol::Bind{"", "", {}, {}, {}}, protocol::Execute{"", 0},
        protocol::Bind{"", "s", {}, {"7"}, {1}}, protocol::Execute{"", 0}, protocol::Sync{}});
  auto rows = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(rows), "12I2DCZ");
  EXPECT_EQ(*protocol::DecodeDataRow(rows[4].second),
            (std::vector<std::optional<std::string>>{"\0\0\0\x07"s, "g"}));
  // Errors PostgreSQL reports with these SQLSTATEs.
  send({protocol::Bind{"", "nope", {}, {}, {}}, protocol::Sync{}});
  EXPECT_EQ(protocol::ParseErrorFields(ReadMessagesUntil(fd, 'Z')[0].second)->sqlstate, "26000");
  send({protocol::Parse{"s", "select 1", {}}, protocol::Sync{}});
  EXPECT_EQ(protocol::ParseErrorFields(ReadMessagesUntil(fd, 'Z')[0].second)->sqlstate, "42P05");
  send({protocol::Bind{"", "s", {}, {"1", "2"}, {}}, protocol::Sync{}});
  auto count = protocol::ParseErrorFields(ReadMessagesUntil(fd, 'Z')[0].second);
  EXPECT_EQ(count->sqlstate, "08P01");
  EXPECT_EQ(count->message,
            "bind message supplies 2 parameters, but prepared statement \"s\" requires 1");
  send({protocol::Close{'S', "s"}, protocol::Describe{'S', "s"}, protocol::Sync{}});
  auto gone = ReadMessagesUntil(fd, 'Z');
  ASSERT_EQ(Types(gone), "3EZ");
  EXPECT_EQ(protocol::ParseErrorFields(gone[1].second)->sqlstate, "26000");
  ::close(fd);
}

TEST_F(ServeTest, StartupWithoutUserGetsFatal28000) {
  auto server = Start();
  int fd = testing::ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  SendAll(fd, StartupPacket(std::string("database\0default\0", 17)));
  std::string reply = ReadUntilClose(fd);
  ::close(fd);
  ASSERT_GT(reply.size(), 5u);
  ASSERT_EQ(reply[0], 'E');
  ASSERT_EQ(DecodeBigEndian32(reply.data() + 1), reply.size() - 1);
  auto fields = protocol::ParseErrorFields(std::string_view(reply).substr(5));
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->severity, "FATAL");
  EXPECT_EQ(fields->sqlstate, "28000");
}

TEST_F(ServeTest, MalformedStartupEndsOnlyThatConnection) {
  auto server = Start();
  int fd = testing::ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  std::string huge;
  PutBigEndian32(&huge, 0x7fffffff);  // a length no startup packet may have
  SendAll(fd, huge);
  std::string reply = ReadUntilClose(fd);
  ::close(fd);
  ASSERT_FALSE(reply.empty());
  auto fields = protocol::ParseErrorFields(std::string_view(reply).substr(5));
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->sqlstate, "08P01");
  // The server is still there for the next client.
  EXPECT_NE(HttpGet(metrics_port_, "/health").find("200 OK"), std::string::npos);
  EXPECT_TRUE(server->Running());
}

TEST_F(ServeTest, IdleConnectionIsClosedAfterAuthenticationTimeout) {
  auto server = Start();
  int fd = testing::ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  auto start = std::chrono::steady_clock::now();
  std::string reply = ReadUntilClose(fd);  // we send nothing
  ::close(fd);
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(reply.empty());
  EXPECT_GE(waited, 1s);
  EXPECT_LT(waited, 9s);  // closed by the server, not by our 10 s receive timeout
}

TEST_F(ServeTest, TooManyConnectionsGets53300) {
  auto server = Start();
  std::vector<int> idle;
  for (int i = 0; i < 3; i++)
    idle.push_back(testing::ConnectLoopback(port_));  // max_connections = 3
  // Give the server a moment to count them (they are accepted asynchronously).
  for (int i = 0;
       i < 100 && HttpGet(metrics_port_, "/metrics").find("datacave_connections_active 3") ==
                      std::string::npos;
       i++) {
    std::this_thread::sleep_for(20ms);
  }
  int fd = testing::ConnectLoopback(port_);
  SendAll(fd, StartupPacket(std::string("user\0admin\0", 11)));
  std::string reply = ReadUntilClose(fd);
  ::close(fd);
  for (int s : idle) ::close(s);
  ASSERT_GT(reply.size(), 5u);
  auto fields = protocol::ParseErrorFields(std::string_view(reply).substr(5));
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->sqlstate, "53300");
  EXPECT_EQ(fields->message, "sorry, too many clients already");
}

TEST_F(ServeTest, HealthReadyAndMetricsEndpoints) {
  auto server = Start();
  EXPECT_NE(HttpGet(metrics_port_, "/health").find("200 OK"), std::string::npos);
  EXPECT_NE(HttpGet(metrics_port_, "/ready").find("200 OK"), std::string::npos);
  std::string metrics = HttpGet(metrics_port_, "/metrics");
  EXPECT_NE(metrics.find("# TYPE datacave_connections_accepted_total counter"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("datacave_ready 1"), std::string::npos);
  EXPECT_NE(HttpGet(metrics_port_, "/nope").find("404"), std::string::npos);
}

TEST_F(ServeTest, MetricsExportStorageStatistics) {
  auto server = Start();
  std::string metrics = HttpGet(metrics_port_, "/metrics");
  for (const char* line : {
           "# TYPE datacave_storage_written_bytes_total counter",
           "# TYPE datacave_storage_wal_syncs_total counter",
           "# TYPE datacave_storage_compaction_written_bytes_total counter",
           "# TYPE datacave_storage_block_cache_misses_total counter",
           "# TYPE datacave_storage_memtable_bytes gauge",
           "\ndatacave_storage_level_files{level=\"0\"} 0\n",
           "\ndatacave_storage_level_bytes{level=\"6\"} 0\n",
           "\ndatacave_storage_write_amplification 0\n",
       }) {
    EXPECT_NE(metrics.find(line), std::string::npos) << "missing " << line << "\n" << metrics;
  }
}

TEST_F(ServeTest, SecondServerOnSameDataDirectoryRefusesToStart) {
  auto first = Start();
  auto second =
      testing::RunProgram({.argv = {DATACAVE_BINARY, "serve", "--config", config_, "--listen",
                                    "127.0.0.1:" + std::to_string(testing::FreePort()), "--set",
                                    "metrics.enabled=false"}});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.output.find("is in use by another Datacave server"), std::string::npos)
      << second.output;
  EXPECT_NE(second.output.find("pid " + std::to_string(first->pid())), std::string::npos)
      << second.output;
  EXPECT_TRUE(first->Running());
}

TEST_F(ServeTest, DamagedStorageIsARuntimeErrorNamingTheProblem) {
  // A CURRENT file that does not name a manifest: the shard cannot be recovered.
  std::filesystem::create_directories(dir_.path() + "/data/shard-0");
  testing::WriteFile(dir_.path() + "/data/shard-0/CURRENT", "garbage");
  auto result = testing::RunProgram({.argv = {DATACAVE_BINARY, "serve", "--config", config_}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("cannot open storage in " + dir_.path() +
                               "/data/shard-0: Corruption: CURRENT"),
            std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("listening on"), std::string::npos) << result.output;
}

TEST_F(ServeTest, UnopenableStorageIsARuntimeError) {
  // Where the shard's directory should be, a file.
  std::filesystem::create_directories(dir_.path() + "/data");
  testing::WriteFile(dir_.path() + "/data/shard-0", "not a directory");
  auto result = testing::RunProgram({.argv = {DATACAVE_BINARY, "serve", "--config", config_}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("cannot open storage in " + dir_.path() + "/data/shard-0: IOError"),
            std::string::npos)
      << result.output;
}

std::string EncryptionRequest(uint32_t code) {
  std::string packet;
  PutBigEndian32(&packet, 8);
  PutBigEndian32(&packet, code);
  return packet;
}

TEST_F(ServeTest, EncryptionRequestsAnsweredOnceEachAsPostgresDoes) {
  using namespace std::string_literals;
  auto server = StartTrusting();
  // GSSENCRequest, then SSLRequest (libpq's order), both 'N', then the startup in plaintext.
  int fd = testing::ConnectLoopback(port_);
  char answer = 0;
  for (uint32_t code : {protocol::kGssEncRequestCode, protocol::kSslRequestCode}) {
    SendAll(fd, EncryptionRequest(code));
    ASSERT_EQ(::recv(fd, &answer, 1, 0), 1);
    EXPECT_EQ(answer, 'N');
  }
  SendAll(fd, StartupPacket("user\0admin\0database\0default\0"s));
  EXPECT_EQ(Types(ReadMessagesUntil(fd, 'Z')), "R" + std::string(13, 'S') + "KZ");
  ::close(fd);
  // Asking twice is an unknown protocol version to PostgreSQL: FATAL 0A000.
  fd = testing::ConnectLoopback(port_);
  SendAll(fd, EncryptionRequest(protocol::kSslRequestCode));
  ASSERT_EQ(::recv(fd, &answer, 1, 0), 1);
  SendAll(fd, EncryptionRequest(protocol::kSslRequestCode));
  auto fatal = ReadMessagesUntil(fd, 'E');
  ::close(fd);
  ASSERT_EQ(Types(fatal), "E");
  auto fields = protocol::ParseErrorFields(fatal[0].second);
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->sqlstate, "0A000");
  EXPECT_EQ(fields->message, "unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0");
}

TEST_F(ServeTest, UnusableTlsCertificateOrKeyIsARuntimeErrorBeforeListening) {
  testing::TestCertificates certs = testing::WriteTestCertificates(dir_.path());
  std::string other_key = dir_.path() + "/other.key";
  testing::WriteFile(other_key, testing::ToPem(testing::MakeKey(testing::KeyKind::kEcP256).get()));
  struct Case {
    std::string cert, key, message;
  };
  for (const Case& c : std::vector<Case>{
           {dir_.path() + "/missing.crt", certs.key_file,
            "tls.cert_file " + dir_.path() + "/missing.crt: cannot load the certificate"},
           {certs.cert_file, dir_.path() + "/missing.key",
            "tls.key_file " + dir_.path() + "/missing.key: cannot load the private key"},
           {certs.cert_file, other_key, "does not match the certificate in tls.cert_file"},
       }) {
    auto result = testing::RunProgram(
        {.argv = {DATACAVE_BINARY, "serve", "--config", config_, "--set", "tls.enabled=true",
                  "--set", "tls.cert_file=" + c.cert, "--set", "tls.key_file=" + c.key}});
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find(c.message), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("listening on"), std::string::npos) << result.output;
  }
}

TEST_F(ServeTest, TlsConnectionsAreCountedInMetrics) {
  testing::TestCertificates certs = testing::WriteTestCertificates(dir_.path());
  auto server = StartTrusting("[tls]\nenabled = true\ncert_file = \"" + certs.cert_file +
                              "\"\nkey_file = \"" + certs.key_file + "\"\n");
  EXPECT_NE(server->Output().find("(TLS)"), std::string::npos) << server->Output();
  std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port_) +
                         " user=admin dbname=default connect_timeout=10 sslmode=require";
  PGconn* conn = PQconnectdb(conninfo.c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  EXPECT_EQ(PQsslInUse(conn), 1);
  PQfinish(conn);
  // A client that asks for TLS and then speaks plaintext fails the handshake.
  int fd = testing::ConnectLoopback(port_);
  SendAll(fd, EncryptionRequest(protocol::kSslRequestCode));
  char answer = 0;
  ASSERT_EQ(::recv(fd, &answer, 1, 0), 1);
  EXPECT_EQ(answer, 'S');
  SendAll(fd, StartupPacket(std::string("user\0admin\0", 11)));
  EXPECT_TRUE(ReadUntilClose(fd).empty());
  ::close(fd);
  std::string metrics = HttpGet(metrics_port_, "/metrics");
  EXPECT_NE(metrics.find("\ndatacave_connections_tls_total 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("\ndatacave_tls_handshake_failures_total 1\n"), std::string::npos)
      << metrics;
}

TEST_F(ServeTest, AddressInUseIsARuntimeError) {
  auto first = Start();
  testing::TempDir other;
  auto second = testing::RunProgram(
      {.argv = {DATACAVE_BINARY, "serve", "--config", config_, "--data-dir", other.path()}});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.output.find("cannot listen"), std::string::npos) << second.output;
}

TEST_F(ServeTest, ExitsCleanlyOnSigtermAndSigint) {
  for (int signal : {SIGTERM, SIGINT}) {
    auto server = Start();
    server->Signal(signal);
    auto code = server->Wait(20s);
    ASSERT_TRUE(code.has_value()) << "did not exit on signal " << signal;
    EXPECT_EQ(*code, 0) << server->Output();
    EXPECT_NE(server->Output().find("shutting down"), std::string::npos);
  }
  // The lock went with the process: a new server starts on the same directory.
  auto again = Start();
  EXPECT_TRUE(again->Running());
}

TEST_F(ServeTest, SigtermWaitsForRunningStatementsThenTerminatesThem) {
  testing::WriteFile(
      config_, ReadConfig() + "[auth]\nmethod = \"trust\"\n[[auth.users]]\nname = \"admin\"\n");
  auto stopping = Start({"--set", "server.shutdown_timeout_ms=300"});
  const std::string conninfo =
      "host=127.0.0.1 port=" + std::to_string(port_) + " user=admin dbname=default";
  PGconn* c = PQconnectdb(conninfo.c_str());
  ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
  PQclear(PQexec(c, "CREATE TABLE k (n int)"));
  PQclear(PQexec(c,
                 "INSERT INTO k SELECT n FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL "
                 "SELECT n + 1 FROM r WHERE n < 1000) SELECT n FROM r) s"));
  // Runs for minutes unless stopped.
  ASSERT_EQ(PQsendQuery(c, "SELECT count(*) FROM k a, k b, k c"), 1);
  std::this_thread::sleep_for(200ms);
  stopping->Signal(SIGTERM);
  auto code = stopping->Wait(20s);
  ASSERT_TRUE(code.has_value()) << "a running statement kept the server from stopping";
  EXPECT_EQ(*code, 0) << stopping->Output();
  PGresult* r = PQgetResult(c);
  EXPECT_NE(PQresultStatus(r), PGRES_TUPLES_OK);
  EXPECT_NE(
      std::string(PQerrorMessage(c)).find("terminating connection due to administrator command"),
      std::string::npos)
      << PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  EXPECT_NE(stopping->Output().find("terminating the statements still running"), std::string::npos)
      << stopping->Output();
}

// As PostgreSQL: a connection with nothing running gets FATAL 57P01 too, not just a closed
// socket. libpq reads an error that arrives while it is idle as a notice (PostgreSQL 15's
// pg_terminate_backend on an idle backend shows the same).
TEST_F(ServeTest, SigtermSendsIdleConnectionsFatal57P01) {
  auto stopping = StartTrusting();
  const std::string conninfo =
      "host=127.0.0.1 port=" + std::to_string(port_) + " user=admin dbname=default";
  PGconn* idle = PQconnectdb(conninfo.c_str());
  PGconn* in_transaction = PQconnectdb(conninfo.c_str());
  ASSERT_EQ(PQstatus(idle), CONNECTION_OK) << PQerrorMessage(idle);
  ASSERT_EQ(PQstatus(in_transaction), CONNECTION_OK) << PQerrorMessage(in_transaction);
  PQclear(PQexec(in_transaction, "BEGIN"));
  stopping->Signal(SIGTERM);
  auto code = stopping->Wait(20s);
  ASSERT_TRUE(code.has_value()) << "idle connections kept the server from stopping";
  EXPECT_EQ(*code, 0) << stopping->Output();
  for (PGconn* c : {idle, in_transaction}) {
    std::vector<std::string> notices;  // "SQLSTATE severity: message"
    PQsetNoticeReceiver(
        c,
        [](void* arg, const PGresult* r) {
          static_cast<std::vector<std::string>*>(arg)->push_back(
              std::string(PQresultErrorField(r, PG_DIAG_SQLSTATE)) + " " +
              PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED) + ": " +
              PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
        },
        &notices);
    PQconsumeInput(c);
    PQisBusy(c);  // parses what was read
    EXPECT_EQ(notices, std::vector<std::string>{
                           "57P01 FATAL: terminating connection due to administrator command"});
    PQfinish(c);
  }
}

TEST_F(ServeTest, CommandLineOverridesTheFile) {
  uint16_t other = testing::FreePort();
  auto server = Start({"--listen", "127.0.0.1:" + std::to_string(other)});
  EXPECT_NE(server->Output().find("listening on 127.0.0.1:" + std::to_string(other)),
            std::string::npos);
}

}  // namespace
}  // namespace datacave
