#pragma once

// Stopping a running statement early: a client's cancel request (which arrives on another
// connection, so on another thread), the statement_timeout, or the server shutting down.
// The operators that produce rows (scans, VALUES, joins, recursion) check it once per
// batch, so a statement stops within one batch's work; waits (the writers' lock, pg_sleep)
// check it every few milliseconds.

#include <atomic>
#include <chrono>

#include "core/status.h"

namespace datacave::sql {

class StatementInterrupt {
 public:
  using Clock = std::chrono::steady_clock;

  // Any thread: the statement running now, if any, stops with 57014. A statement that
  // starts later is not affected (PostgreSQL cancels only what is running).
  void Cancel() { cancel_.store(true, std::memory_order_relaxed); }
  // Any thread, for shutdown: the running statement and every later one stop with 57P01.
  void Terminate() { terminate_.store(true, std::memory_order_relaxed); }
  bool terminated() const { return terminate_.load(std::memory_order_relaxed); }

  // The session's thread, as a statement starts: forgets earlier cancels, and times the
  // statement out at deadline (Clock::time_point::max() for never).
  void Start(Clock::time_point deadline) {
    cancel_.store(false, std::memory_order_relaxed);
    deadline_ = deadline;
  }
  // The session's thread, as the statement ends: a late cancel is dropped, not kept for
  // the next statement.
  void Finish() {
    cancel_.store(false, std::memory_order_relaxed);
    deadline_ = Clock::time_point::max();
  }

  // OK, or why the statement must stop (57P01, 57014).
  Status Check() const;

 private:
  std::atomic<bool> cancel_{false};
  std::atomic<bool> terminate_{false};
  Clock::time_point deadline_ = Clock::time_point::max();  // the session's thread only
};

}  // namespace datacave::sql
