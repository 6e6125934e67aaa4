// Stopping statements: a cancel from another thread, statement_timeout, shutdown's
// terminate, and the writers' lock given up when the waiting statement is stopped.

#include "sql/execution/interrupt.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "sql/session.h"
#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

using namespace std::chrono_literals;

// A statement that runs for minutes: a billion-row cross join of a 1000-row table.
constexpr const char* kLongQuery = "SELECT count(*) FROM thousand a, thousand b, thousand c";

class InterruptTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    ASSERT_EQ(Run("CREATE TABLE thousand (n int)"), "CREATE TABLE");
    ASSERT_EQ(Run("INSERT INTO thousand SELECT n FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION "
                  "ALL SELECT n + 1 FROM r WHERE n < 1000) SELECT n FROM r) s"),
              "INSERT 0 1000");
  }
};

TEST(StatementInterruptTest, ReportsWhyAStatementStops) {
  StatementInterrupt interrupt;
  EXPECT_TRUE(interrupt.Check().ok());
  interrupt.Start(StatementInterrupt::Clock::now() - 1ms);
  EXPECT_EQ(interrupt.Check().sqlstate(), "57014");
  EXPECT_EQ(interrupt.Check().message(), "canceling statement due to statement timeout");
  interrupt.Finish();
  EXPECT_TRUE(interrupt.Check().ok());
  // A cancel between statements is dropped when the next one starts.
  interrupt.Cancel();
  interrupt.Start(StatementInterrupt::Clock::time_point::max());
  EXPECT_TRUE(interrupt.Check().ok());
  interrupt.Cancel();
  EXPECT_EQ(interrupt.Check().message(), "canceling statement due to user request");
  interrupt.Terminate();
  interrupt.Start(StatementInterrupt::Clock::time_point::max());
  EXPECT_EQ(interrupt.Check().sqlstate(), "57P01");
}

TEST_F(InterruptTest, CancelFromAnotherThreadStopsTheRunningStatement) {
  std::atomic<bool> done{false};
  std::thread canceller([&] {
    // Until it lands: a cancel that arrives before the statement starts is dropped.
    while (!done) {
      std::this_thread::sleep_for(100ms);
      session_->interrupt().Cancel();
    }
  });
  EXPECT_EQ(Run(kLongQuery), "ERROR 57014");
  done = true;
  canceller.join();
  EXPECT_EQ(Run("SELECT count(*) FROM thousand"), "1000");
}

TEST_F(InterruptTest, StatementTimeoutStopsALongStatement) {
  EXPECT_EQ(Run("SET statement_timeout = '150ms'"), "SET");
  EXPECT_EQ(Run(kLongQuery), "ERROR 57014");
  EXPECT_EQ(Run("SELECT count(*) FROM thousand"), "1000");
  EXPECT_EQ(Run("SET statement_timeout = 0"), "SET");
  EXPECT_EQ(Run("SHOW statement_timeout"), "0");
}

TEST_F(InterruptTest, AWriterWaitingForTheLockCanBeCancelled) {
  // Another writer holds the writers' lock, as a long UPDATE would.
  auto held = database_->writer_turn().Acquire(nullptr);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(Run("SET statement_timeout = '100ms'"), "SET");
  EXPECT_EQ(Run("INSERT INTO thousand VALUES (0)"), "ERROR 57014");
  held->Release();
  EXPECT_EQ(Run("INSERT INTO thousand VALUES (0)"), "INSERT 0 1");
}

// Sessions on the server's worker threads share one Database: writers take turns, readers
// run beside them, DDL publishes to the shared catalog, and a cancel arrives from outside.
// Run under ThreadSanitizer in CI.
TEST_F(InterruptTest, ConcurrentSessionsShareTheDatabase) {
  constexpr int kThreads = 4;
  constexpr int kRows = 50;
  std::vector<std::thread> threads;
  std::vector<std::string> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Session session(database_.get(), SessionOptions{});
      const std::string table = "w" + std::to_string(t);
      auto expect = [&](const std::string& sql, const std::string& want) {
        std::string got = Run(sql, &session);
        if (got != want && failures[static_cast<size_t>(t)].empty()) {
          failures[static_cast<size_t>(t)] = sql + " gave " + got + ", not " + want;
        }
      };
      expect("CREATE TABLE " + table + " (id int PRIMARY KEY, v text)", "CREATE TABLE");
      for (int i = 0; i < kRows; ++i) {
        expect("INSERT INTO " + table + " VALUES (" + std::to_string(i) + ", 'x')", "INSERT 0 1");
        expect("SELECT count(*) FROM thousand WHERE n <= 10", "10");
      }
      expect("BEGIN", "BEGIN");
      expect("UPDATE " + table + " SET v = 'y' WHERE id < 10", "UPDATE 10");
      expect("COMMIT", "COMMIT");
      expect("SELECT count(*) FROM " + table + " WHERE v = 'y'", "10");
    });
  }
  Session long_running(database_.get(), SessionOptions{});
  std::atomic<bool> done{false};
  std::thread canceller([&] {
    // Until it lands: a cancel that arrives before the statement starts is dropped.
    while (!done) {
      std::this_thread::sleep_for(50ms);
      long_running.interrupt().Cancel();
    }
  });
  EXPECT_EQ(Run(kLongQuery, &long_running), "ERROR 57014");
  done = true;
  canceller.join();
  for (auto& thread : threads) thread.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
}

}  // namespace
}  // namespace datacave::sql
