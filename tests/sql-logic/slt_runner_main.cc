// slt_runner: runs sqllogictest scripts against a server over libpq, or against Datacave's
// engine in-process, each file in a fresh database, and prints per-file pass/fail counts. Exit code
// 0 when every file passed, 1 when a record failed or a file could not be run, 2 on bad usage.

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "sql-logic/slt/libpq_database.h"
#include "sql-logic/slt/runner.h"
#include "sql-logic/slt/session_database.h"

namespace {

constexpr int kExitUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs sqllogictest scripts against PostgreSQL or Datacave", "slt_runner"};
  std::string conninfo;
  std::string engine = "postgresql";
  std::string mode = "standard";
  bool halt_on_error = false;
  bool summary = false;
  bool in_process = false;
  bool options_trace = false;
  std::vector<std::string> files;
  app.add_option("--conninfo", conninfo,
                 "libpq connection string (key=value form) of a database the role may run "
                 "CREATE DATABASE from, e.g. \"host=127.0.0.1 port=5432 user=postgres "
                 "dbname=postgres\"");
  app.add_flag("--in-process", in_process,
               "Run on Datacave's engine in this process (a fresh in-memory database per "
               "file) instead of over libpq; implies --engine datacave");
  app.add_option("--engine", engine, "Name for skipif/onlyif: postgresql or datacave")
      ->check(CLI::IsMember({"postgresql", "datacave"}));
  app.add_option("--mode", mode,
                 "Result mode files start in: standard (SQLite), cockroach, or rows "
                 "(sqllogictest-rs)")
      ->check(CLI::IsMember({"standard", "cockroach", "rows"}));
  app.add_flag("--halt-on-error", halt_on_error, "Stop each file at its first failing record");
  app.add_flag("--trace", options_trace,
               "Print each record's file:line to standard error before running it");
  app.add_flag("--summary", summary, "Print only the per-file counts and the total");
  app.add_option("files", files, "Script files")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (conninfo.empty() == !in_process) {
    std::cerr << "slt_runner: give exactly one of --conninfo and --in-process\n";
    return kExitUsage;
  }
  if (in_process) engine = "datacave";

  datacave::slt::RunOptions options;
  options.engines = datacave::slt::EngineNames(engine);
  options.halt_on_error = halt_on_error;
  options.trace = options_trace;
  options.initial_mode = mode == "standard"    ? datacave::slt::ResultMode::kStandard
                         : mode == "cockroach" ? datacave::slt::ResultMode::kCockroach
                                               : datacave::slt::ResultMode::kRows;
  datacave::slt::LibpqDatabaseFactory libpq_factory(conninfo);
  datacave::slt::SessionDatabaseFactory session_factory;
  datacave::slt::DatabaseFactory& factory =
      in_process ? static_cast<datacave::slt::DatabaseFactory&>(session_factory) : libpq_factory;
  int passed = 0, failed = 0, skipped = 0, unsupported = 0, broken = 0;
  auto start = std::chrono::steady_clock::now();
  for (const std::string& file : files) {
    datacave::slt::FileReport report = datacave::slt::RunFile(file, factory, options);
    std::cout << datacave::slt::DescribeReport(report, !summary) << std::flush;
    passed += report.passed;
    failed += report.failed;
    skipped += report.skipped;
    unsupported += report.unsupported;
    if (!report.status.ok()) broken++;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "total: %zu files, %d passed, %d failed, %d skipped, %d unsupported, %d not run "
      "to the end, %.1f s\n",
      files.size(), passed, failed, skipped, unsupported, broken, seconds);
  return failed == 0 && broken == 0 ? 0 : 1;
}
