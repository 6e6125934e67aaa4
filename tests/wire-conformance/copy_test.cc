// COPY over the wire as libpq, psql's \copy and pgbench use it, with the same expectations
// checked against PostgreSQL 15; then pgbench -i and pgbench runs against Datacave.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

#include "support/postgres.h"
#include "support/process.h"
#include "wire-conformance/datacave_server.h"

namespace datacave {
namespace {

using PGconnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PGresultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

PGresultPtr Exec(PGconn* c, const char* sql) {
  return PGresultPtr(PQexec(c, sql), &PQclear);
}

std::string Field(const PGresult* r, int field) {
  const char* v = PQresultErrorField(r, field);
  return v ? v : "";
}

// One value of a query that must succeed.
std::string Value(PGconn* c, const char* sql) {
  auto r = Exec(c, sql);
  EXPECT_EQ(PQresultStatus(r.get()), PGRES_TUPLES_OK) << sql << ": " << PQerrorMessage(c);
  return PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
}

// The first column of every row of a query that must succeed, joined by commas.
std::string Column(PGconn* c, const char* sql) {
  auto r = Exec(c, sql);
  EXPECT_EQ(PQresultStatus(r.get()), PGRES_TUPLES_OK) << sql << ": " << PQerrorMessage(c);
  std::string out;
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    if (i > 0) out += ',';
    out += PQgetvalue(r.get(), i, 0);
  }
  return out;
}

// Runs check against Datacave and PostgreSQL 15, each with a fresh table t.
using Check = std::function<void(PGconn*, const std::string& conninfo)>;

void OnBothServers(const Check& check) {
  std::string error;
  auto pg = testing::PostgresServer::Start({.host_auth = "trust"}, &error);
  ASSERT_NE(pg, nullptr) << error;
  testing::DatacaveServer datacave("trust");
  for (const std::string& conninfo : {datacave.Conninfo("alice"), pg->SuperuserConninfo()}) {
    SCOPED_TRACE(conninfo);
    PGconnPtr c(PQconnectdb(conninfo.c_str()), &PQfinish);
    ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK) << PQerrorMessage(c.get());
    auto r = Exec(c.get(), "CREATE TABLE t (id int PRIMARY KEY, name text, n int NOT NULL)");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COMMAND_OK) << PQerrorMessage(c.get());
    check(c.get(), conninfo);
  }
}

// Sends pieces as CopyData, then CopyDone (or CopyFail with fail_message); the final result.
PGresultPtr PutCopy(PGconn* c, const std::vector<std::string>& pieces,
                    const char* fail_message = nullptr) {
  for (const std::string& piece : pieces) {
    EXPECT_EQ(PQputCopyData(c, piece.data(), static_cast<int>(piece.size())), 1);
  }
  EXPECT_EQ(PQputCopyEnd(c, fail_message), 1);
  PGresultPtr result(PQgetResult(c), &PQclear);
  // Nothing follows the COPY's own result.
  for (PGresult* more = PQgetResult(c); more; more = PQgetResult(c)) {
    ADD_FAILURE() << "another result: " << PQresStatus(PQresultStatus(more));
    PQclear(more);
  }
  return result;
}

TEST(CopyConformance, CopyFromStdinInPieces) {
  OnBothServers([](PGconn* c, const std::string&) {
    auto r = Exec(c, "COPY t (id, n, name) FROM STDIN");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN) << PQerrorMessage(c);
    EXPECT_EQ(PQnfields(r.get()), 3);
    EXPECT_EQ(PQbinaryTuples(r.get()), 0);
    EXPECT_EQ(PQfformat(r.get(), 2), 0);
    auto done = PutCopy(c, {"1\t10\tone\n2\t", "20\t\\N\n3\t30\tth", "r\\x65e\n"});
    EXPECT_EQ(PQresultStatus(done.get()), PGRES_COMMAND_OK) << PQerrorMessage(c);
    EXPECT_STREQ(PQcmdStatus(done.get()), "COPY 3");
    EXPECT_EQ(Column(c, "SELECT coalesce(name, '-') FROM t ORDER BY id"), "one,-,three");
    EXPECT_EQ(PQtransactionStatus(c), PQTRANS_IDLE);
  });
}

TEST(CopyConformance, ErrorsNameTheLineAndTheConnectionRecovers) {
  OnBothServers([](PGconn* c, const std::string&) {
    auto r = Exec(c, "COPY t FROM STDIN WITH (FORMAT csv)");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN) << PQerrorMessage(c);
    auto done = PutCopy(c, {"1,a,1\n2,b,x\n", "3,c,3\n"});
    EXPECT_EQ(PQresultStatus(done.get()), PGRES_FATAL_ERROR);
    EXPECT_EQ(Field(done.get(), PG_DIAG_SQLSTATE), "22P02");
    EXPECT_EQ(Field(done.get(), PG_DIAG_MESSAGE_PRIMARY),
              "invalid input syntax for type integer: \"x\"");
    EXPECT_EQ(Field(done.get(), PG_DIAG_CONTEXT), "COPY t, line 2, column n: \"x\"");
    EXPECT_EQ(Value(c, "SELECT count(*) FROM t"), "0");

    r = Exec(c, "COPY t FROM STDIN");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN);
    done = PutCopy(c, {"1\ta\t1\n1\tb\t2\n"});
    EXPECT_EQ(Field(done.get(), PG_DIAG_SQLSTATE), "23505");
    EXPECT_EQ(Field(done.get(), PG_DIAG_CONTEXT), "COPY t, line 2");
    EXPECT_EQ(Value(c, "SELECT count(*) FROM t"), "0");
  });
}

TEST(CopyConformance, CopyFailIsQueryCanceled) {
  OnBothServers([](PGconn* c, const std::string&) {
    auto r = Exec(c, "COPY t FROM STDIN");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN);
    auto done = PutCopy(c, {"1\ta\t1\n"}, "changed my mind");
    EXPECT_EQ(Field(done.get(), PG_DIAG_SQLSTATE), "57014");
    EXPECT_EQ(Field(done.get(), PG_DIAG_MESSAGE_PRIMARY),
              "COPY from stdin failed: changed my mind");
    EXPECT_EQ(Value(c, "SELECT count(*) FROM t"), "0");
  });
}

TEST(CopyConformance, CopyInsideATransactionBlock) {
  OnBothServers([](PGconn* c, const std::string&) {
    ASSERT_EQ(PQresultStatus(Exec(c, "BEGIN").get()), PGRES_COMMAND_OK);
    auto r = Exec(c, "COPY t FROM STDIN");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN);
    EXPECT_EQ(PQresultStatus(PutCopy(c, {"1\ta\t1\n"}).get()), PGRES_COMMAND_OK);
    EXPECT_EQ(PQtransactionStatus(c), PQTRANS_INTRANS);
    r = Exec(c, "COPY t FROM STDIN");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN);
    EXPECT_EQ(PQresultStatus(PutCopy(c, {"1\ta\t1\n"}).get()), PGRES_FATAL_ERROR);
    EXPECT_EQ(PQtransactionStatus(c), PQTRANS_INERROR);
    ASSERT_EQ(PQresultStatus(Exec(c, "ROLLBACK").get()), PGRES_COMMAND_OK);
    EXPECT_EQ(Value(c, "SELECT count(*) FROM t"), "0");
  });
}

TEST(CopyConformance, CopyToStdout) {
  OnBothServers([](PGconn* c, const std::string&) {
    ASSERT_EQ(
        PQresultStatus(
            Exec(c, "INSERT INTO t VALUES (1, 'a,b', 1), (2, NULL, 2), (3, 'q\"t', 3)").get()),
        PGRES_COMMAND_OK);
    auto r = Exec(c, "COPY (SELECT id, name FROM t ORDER BY id) TO STDOUT WITH CSV HEADER");
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_OUT) << PQerrorMessage(c);
    EXPECT_EQ(PQnfields(r.get()), 2);
    std::string data;
    char* buffer = nullptr;
    int n;
    while ((n = PQgetCopyData(c, &buffer, 0)) > 0) {
      data.append(buffer, static_cast<size_t>(n));
      PQfreemem(buffer);
    }
    EXPECT_EQ(n, -1);
    EXPECT_EQ(data, "id,name\n1,\"a,b\"\n2,\n3,\"q\"\"t\"\n");
    PGresultPtr done(PQgetResult(c), &PQclear);
    EXPECT_EQ(PQresultStatus(done.get()), PGRES_COMMAND_OK);
    EXPECT_STREQ(PQcmdStatus(done.get()), "COPY 3");
    PGresultPtr none(PQgetResult(c), &PQclear);
    EXPECT_EQ(none, nullptr);
  });
}

TEST(CopyConformance, CopyInTheExtendedProtocol) {
  OnBothServers([](PGconn* c, const std::string&) {
    PGresultPtr r(PQexecParams(c, "COPY t FROM STDIN", 0, nullptr, nullptr, nullptr, nullptr, 0),
                  &PQclear);
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN) << PQerrorMessage(c);
    auto done = PutCopy(c, {"7\tseven\t7\n"});
    EXPECT_EQ(PQresultStatus(done.get()), PGRES_COMMAND_OK) << PQerrorMessage(c);
    EXPECT_EQ(Value(c, "SELECT name FROM t WHERE id = 7"), "seven");

    r.reset(PQexecParams(c, "COPY t FROM STDIN", 0, nullptr, nullptr, nullptr, nullptr, 0));
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_IN);
    done = PutCopy(c, {"8\teight\n"});
    EXPECT_EQ(Field(done.get(), PG_DIAG_SQLSTATE), "22P04");
    EXPECT_EQ(Field(done.get(), PG_DIAG_MESSAGE_PRIMARY), "missing data for column \"n\"");
    EXPECT_EQ(Value(c, "SELECT count(*) FROM t"), "1");

    r.reset(PQexecParams(c, "COPY t TO STDOUT", 0, nullptr, nullptr, nullptr, nullptr, 0));
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_COPY_OUT) << PQerrorMessage(c);
    char* buffer = nullptr;
    ASSERT_GT(PQgetCopyData(c, &buffer, 0), 0);
    EXPECT_STREQ(buffer, "7\tseven\t7\n");
    PQfreemem(buffer);
    EXPECT_EQ(PQgetCopyData(c, &buffer, 0), -1);
    PGresultPtr end(PQgetResult(c), &PQclear);
    EXPECT_STREQ(PQcmdStatus(end.get()), "COPY 1");
    PGresultPtr none(PQgetResult(c), &PQclear);
    EXPECT_EQ(none, nullptr);
  });
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CopyConformance, PsqlBackslashCopy) {
  testing::TempDir dir;
  const std::string in = dir.path() + "/in.csv";
  testing::WriteFile(in, "id,name,n\n1,\"x, y\",1\n2,,2\n3,\"line\nbreak\",3\n");
  std::vector<std::string> outputs;
  OnBothServers([&](PGconn*, const std::string& conninfo) {
    const std::string out = dir.path() + "/out" + std::to_string(outputs.size()) + ".txt";
    auto run = testing::RunProgram(
        {.argv = {std::string(testing::kPostgresBinDir) + "/psql", "-X", "-v", "ON_ERROR_STOP=1",
                  "-d", conninfo, "-c", "\\copy t from '" + in + "' csv header", "-c",
                  "\\copy t to '" + out + "'"}});
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("COPY 3"), std::string::npos) << run.output;
    outputs.push_back(ReadFile(out));
  });
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_EQ(outputs[0], "1\tx, y\t1\n2\t\\N\t2\n3\tline\\nbreak\t3\n");
  EXPECT_EQ(outputs[0], outputs[1]);
}

// pgbench -i (drop, create, client-side COPY, vacuum, primary keys) and the built-in
// scripts run unchanged.
TEST(CopyConformance, PgbenchInitializesAndRuns) {
  testing::DatacaveServer datacave("trust");
  const std::string conninfo = datacave.Conninfo("alice");
  const std::string pgbench = std::string(testing::kPostgresBinDir) + "/pgbench";
  auto pgbench_run = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {pgbench};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(conninfo);
    return testing::RunProgram({.argv = argv});
  };
  auto init = pgbench_run({"-i", "-s", "1"});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  PGconnPtr c(PQconnectdb(conninfo.c_str()), &PQfinish);
  ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK);
  EXPECT_EQ(Value(c.get(), "SELECT count(*) FROM pgbench_accounts"), "100000");
  EXPECT_EQ(Value(c.get(), "SELECT count(*) FROM pgbench_tellers"), "10");
  EXPECT_EQ(Value(c.get(), "SELECT count(*) FROM pgbench_branches"), "1");
  EXPECT_EQ(Value(c.get(), "SELECT sum(abalance) FROM pgbench_accounts"), "0");

  for (const char* mode : {"simple", "prepared"}) {
    SCOPED_TRACE(mode);
    auto tpcb = pgbench_run({"-M", mode, "-t", "100", "-c", "2"});
    ASSERT_EQ(tpcb.exit_code, 0) << tpcb.output;
    EXPECT_NE(tpcb.output.find("number of transactions actually processed: 200/200"),
              std::string::npos)
        << tpcb.output;
    // pgbench empties the history before each run.
    EXPECT_EQ(Value(c.get(), "SELECT count(*) FROM pgbench_history"), "200");
    auto select_only = pgbench_run({"-M", mode, "-S", "-t", "100"});
    ASSERT_EQ(select_only.exit_code, 0) << select_only.output;
    EXPECT_NE(select_only.output.find("number of transactions actually processed: 100/100"),
              std::string::npos)
        << select_only.output;
  }

  // The balances move together: every transaction adds its delta to one account, teller and
  // branch and records it in the history. One client, since two concurrent clients can lose
  // an update until Datacave has row-level write conflicts.
  const char* sums =
      "SELECT (SELECT sum(abalance) FROM pgbench_accounts) || ',' || "
      "(SELECT sum(tbalance) FROM pgbench_tellers) || ',' || "
      "(SELECT sum(bbalance) FROM pgbench_branches)";
  auto parse = [](const std::string& s) {
    std::vector<long> v;
    std::stringstream in(s);
    std::string part;
    while (std::getline(in, part, ',')) v.push_back(std::stol(part));
    return v;
  };
  const std::vector<long> before = parse(Value(c.get(), sums));
  auto serial = pgbench_run({"-M", "prepared", "-t", "100", "-c", "1"});
  ASSERT_EQ(serial.exit_code, 0) << serial.output;
  const std::vector<long> after = parse(Value(c.get(), sums));
  const long history =
      std::stol(Value(c.get(), "SELECT coalesce(sum(delta), 0) FROM pgbench_history"));
  ASSERT_EQ(before.size(), 3u);
  ASSERT_EQ(after.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(after[i] - before[i], history) << i;
  EXPECT_EQ(Value(c.get(), "SELECT count(*) FROM pgbench_history"), "100");
}

}  // namespace
}  // namespace datacave
