// Datacave's SQL engine side by side with PostgreSQL 15 and SQLite on the same data and the
// same queries: a scan + filter + grouped aggregate over a 1,000,000-row table, and an
// equi-join of that table with a 100,000-row one. Every benchmark is named query/engine and
// checks its answer against one computed here, so all three are known to do the same work.
//
// Datacave runs in-process (sql::Session over an LSM in a temporary directory); SQLite runs
// in-process on a database file; PostgreSQL 15 is a throwaway server started by the program
// (libpq over loopback TCP: the answers are at most 100 rows, so the transport costs almost
// nothing). Loading is not timed. Row count: DATACAVE_BENCH_ROWS (default 1,000,000); the
// second table has a tenth as many rows.

#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lsm/db.h"
#include "sql/session.h"
#include "sql/types/cast.h"
#include "support/postgres.h"

namespace datacave {
namespace {

int64_t NumRows() {
  const char* env = ::getenv("DATACAVE_BENCH_ROWS");
  return env ? std::max<int64_t>(std::atoll(env), 10) : 1'000'000;
}

// The data, the same in every engine: facts(id, k, v) with id 1..N, k = (37 id mod M) + 1
// joining dim(k, w) with k 1..M, M = N / 10.
int64_t DimRows() {
  return NumRows() / 10;
}
int64_t FactK(int64_t id) {
  return (id * 37) % DimRows() + 1;
}
int64_t FactV(int64_t id) {
  return (id * 13) % 1000;
}
int64_t DimW(int64_t k) {
  return k % 10;
}

constexpr const char* kCreateFacts =
    "CREATE TABLE facts (id bigint PRIMARY KEY, k int NOT NULL, "
    "v int NOT NULL)";
constexpr const char* kCreateDim = "CREATE TABLE dim (k int PRIMARY KEY, w int NOT NULL)";

// Scan + filter + aggregate: 100 groups of about half the rows.
constexpr const char* kScanFilterAggregate =
    "SELECT k % 100, count(*), sum(v) FROM facts WHERE v < 500 GROUP BY k % 100";
// Hash join (for Datacave and PostgreSQL; SQLite probes dim's primary key instead).
constexpr const char* kJoin = "SELECT count(*), sum(d.w) FROM facts f JOIN dim d ON f.k = d.k";

using Rows = std::vector<std::vector<std::string>>;

// What every engine must answer, summed over the groups for the grouped query:
// {groups, sum of counts, sum of sums} and {count, sum(w)}.
std::vector<int64_t> ExpectedScanFilterAggregate() {
  std::vector<bool> seen(100);
  int64_t count = 0, sum = 0;
  for (int64_t id = 1; id <= NumRows(); id++) {
    if (FactV(id) >= 500) continue;
    seen[static_cast<size_t>(FactK(id) % 100)] = true;
    count++;
    sum += FactV(id);
  }
  return {static_cast<int64_t>(std::count(seen.begin(), seen.end(), true)), count, sum};
}
std::vector<int64_t> ExpectedJoin() {
  int64_t sum = 0;
  for (int64_t id = 1; id <= NumRows(); id++) sum += DimW(FactK(id));
  return {NumRows(), sum};
}
std::vector<int64_t> SummarizeScanFilterAggregate(const Rows& rows) {
  int64_t count = 0, sum = 0;
  for (const auto& row : rows) {
    count += std::stoll(row.at(1));
    sum += std::stoll(row.at(2));
  }
  return {static_cast<int64_t>(rows.size()), count, sum};
}
std::vector<int64_t> SummarizeJoin(const Rows& rows) {
  if (rows.size() != 1) return {};
  return {std::stoll(rows[0].at(0)), std::stoll(rows[0].at(1))};
}

// INSERT statements of up to 1000 rows each, for the engines loaded through SQL.
template <typename Emit>
void ForEachInsert(const std::string& table, int64_t rows,
                   const std::function<std::string(int64_t)>& row_values, const Emit& emit) {
  for (int64_t start = 1; start <= rows; start += 1000) {
    std::string sql = "INSERT INTO " + table + " VALUES ";
    for (int64_t i = start; i < std::min(start + 1000, rows + 1); i++) {
      if (i != start) sql += ", ";
      sql += "(" + row_values(i) + ")";
    }
    emit(sql);
  }
}
std::string FactValues(int64_t id) {
  return std::to_string(id) + ", " + std::to_string(FactK(id)) + ", " + std::to_string(FactV(id));
}
std::string DimValues(int64_t k) {
  return std::to_string(k) + ", " + std::to_string(DimW(k));
}

class Engine {
 public:
  virtual ~Engine() = default;
  // Empty string on success, else what went wrong.
  virtual std::string Query(const std::string& sql, Rows* rows) = 0;
};

class DatacaveEngine final : public Engine {
 public:
  DatacaveEngine() {
    char pattern[] = "/tmp/datacave-sqlbench-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    lsm::Options options;
    options.create_if_missing = true;
    auto db = lsm::DB::Open(options, dir_);
    if (!db.ok()) {
      error_ = db.status().ToString();
      return;
    }
    lsm_ = std::move(db).value();
    auto database = sql::Database::Open(lsm_.get(), lsm::WriteOptions{});
    if (!database.ok()) {
      error_ = database.status().ToString();
      return;
    }
    database_ = std::move(database).value();
    sql::SessionOptions session_options;
    session_options.parallel_workers = 2;  // the server's default (config.example.toml)
    if (const char* workers = ::getenv("DATACAVE_BENCH_PARALLEL_WORKERS")) {
      session_options.parallel_workers = std::atoi(workers);
    }
    session_ = std::make_unique<sql::Session>(database_.get(), session_options);
    Rows ignored;
    auto run = [&](const std::string& sql) {
      if (error_.empty()) error_ = Query(sql, &ignored);
    };
    run(kCreateFacts);
    run(kCreateDim);
    ForEachInsert("facts", NumRows(), FactValues, run);
    ForEachInsert("dim", DimRows(), DimValues, run);
  }
  ~DatacaveEngine() override {
    session_.reset();
    database_.reset();
    lsm_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string Query(const std::string& sql, Rows* rows) override {
    if (!error_.empty()) return error_;
    rows->clear();
    Status s = session_->Execute(sql, [rows](sql::StatementResult& result) {
      for (const auto& row : result.rows) {
        std::vector<std::string> values;
        for (const auto& value : row) values.push_back(sql::ToText(value));
        rows->push_back(std::move(values));
      }
      return Status::Ok();
    });
    return s.ok() ? "" : s.ToString();
  }

 private:
  std::string dir_;
  std::string error_;
  std::unique_ptr<lsm::DB> lsm_;
  std::unique_ptr<sql::Database> database_;
  std::unique_ptr<sql::Session> session_;
};

class PostgresEngine final : public Engine {
 public:
  PostgresEngine() {
    server_ = testing::PostgresServer::Start({}, &error_);
    if (!server_) return;
    conn_ = PQconnectdb(server_->SuperuserConninfo().c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      error_ = PQerrorMessage(conn_);
      return;
    }
    Rows ignored;
    const std::string n = std::to_string(NumRows()), m = std::to_string(DimRows());
    for (const std::string& sql : {
             std::string(kCreateFacts),
             std::string(kCreateDim),
             "INSERT INTO facts SELECT i, (i * 37) % " + m +
                 " + 1, (i * 13) % 1000 FROM "
                 "generate_series(1, " +
                 n + ") i",
             "INSERT INTO dim SELECT i, i % 10 FROM generate_series(1, " + m + ") i",
             std::string("VACUUM ANALYZE facts"),
             std::string("VACUUM ANALYZE dim"),
         }) {
      if (error_.empty()) error_ = Query(sql, &ignored);
    }
  }
  ~PostgresEngine() override {
    if (conn_) PQfinish(conn_);
  }

  std::string Query(const std::string& sql, Rows* rows) override {
    if (!error_.empty()) return error_;
    rows->clear();
    PGresult* result = PQexec(conn_, sql.c_str());
    std::string error;
    if (PQresultStatus(result) == PGRES_TUPLES_OK) {
      for (int r = 0; r < PQntuples(result); r++) {
        std::vector<std::string> values;
        for (int c = 0; c < PQnfields(result); c++) values.emplace_back(PQgetvalue(result, r, c));
        rows->push_back(std::move(values));
      }
    } else if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
    return error;
  }

 private:
  std::string error_;
  std::unique_ptr<testing::PostgresServer> server_;
  PGconn* conn_ = nullptr;
};

class SqliteEngine final : public Engine {
 public:
  SqliteEngine() {
    char pattern[] = "/tmp/datacave-sqlbench-sqlite-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    if (sqlite3_open((dir_ + "/bench.db").c_str(), &db_) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db_);
      return;
    }
    Rows ignored;
    auto run = [&](const std::string& sql) {
      if (error_.empty()) error_ = Query(sql, &ignored);
    };
    // SQLite's integer primary key is its row id, the closest to a clustered table.
    run("CREATE TABLE facts (id INTEGER PRIMARY KEY, k int NOT NULL, v int NOT NULL)");
    run("CREATE TABLE dim (k INTEGER PRIMARY KEY, w int NOT NULL)");
    run("BEGIN");
    ForEachInsert("facts", NumRows(), FactValues, run);
    ForEachInsert("dim", DimRows(), DimValues, run);
    run("COMMIT");
    run("ANALYZE");
  }
  ~SqliteEngine() override {
    sqlite3_close(db_);
    std::filesystem::remove_all(dir_);
  }

  std::string Query(const std::string& sql, Rows* rows) override {
    if (!error_.empty()) return error_;
    rows->clear();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      return sqlite3_errmsg(db_);
    }
    int step;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<std::string> values;
      for (int c = 0; c < sqlite3_column_count(statement); c++) {
        const unsigned char* text = sqlite3_column_text(statement, c);
        values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows->push_back(std::move(values));
    }
    sqlite3_finalize(statement);
    return step == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
  }

 private:
  std::string dir_;
  std::string error_;
  sqlite3* db_ = nullptr;
};

// Each engine is loaded once, when its first benchmark runs, and kept for the others.
Engine* GetEngine(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Engine>> engines;
  auto& engine = engines[name];
  if (!engine) {
    if (name == "datacave") engine = std::make_unique<DatacaveEngine>();
    if (name == "postgres") engine = std::make_unique<PostgresEngine>();
    if (name == "sqlite") engine = std::make_unique<SqliteEngine>();
  }
  return engine.get();
}

struct Workload {
  const char* name;
  const char* sql;
  std::function<std::vector<int64_t>(const Rows&)> summarize;
  std::function<std::vector<int64_t>()> expected;
};

void RunQuery(benchmark::State& state, const Workload& workload, const std::string& engine_name) {
  Engine* engine = GetEngine(engine_name);
  const std::vector<int64_t> expected = workload.expected();
  Rows rows;
  for (auto _ : state) {
    std::string error = engine->Query(workload.sql, &rows);
    if (!error.empty()) {
      state.SkipWithError(error.c_str());
      return;
    }
  }
  if (workload.summarize(rows) != expected) state.SkipWithError("wrong answer");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * NumRows());
}

void RegisterAll() {
  static const Workload workloads[] = {
      {"scan_filter_aggregate", kScanFilterAggregate, SummarizeScanFilterAggregate,
       ExpectedScanFilterAggregate},
      {"hash_join", kJoin, SummarizeJoin, ExpectedJoin},
  };
  for (const Workload& workload : workloads) {
    for (const std::string engine : {"datacave", "postgres", "sqlite"}) {
      benchmark::RegisterBenchmark(
          (std::string(workload.name) + "/" + engine).c_str(),
          [&workload, engine](benchmark::State& state) { RunQuery(state, workload, engine); })
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    }
  }
}

}  // namespace
}  // namespace datacave

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  datacave::RegisterAll();
  benchmark::AddCustomContext("rows", std::to_string(datacave::NumRows()) +
                                          " in facts, a tenth in dim (DATACAVE_BENCH_ROWS)");
  benchmark::AddCustomContext("sqlite", sqlite3_libversion());
  benchmark::AddCustomContext("postgres", "15, default settings, VACUUM ANALYZE after loading");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
