#pragma once

// The sessions of the server's connections by their BackendKeyData (process id and secret
// key), so that a CancelRequest, which arrives on a connection of its own, reaches the
// statement it names, and so that shutdown can stop every statement. Thread safe: sessions
// run on the worker pool, cancel requests arrive on the network thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "core/status.h"
#include "sql/execution/interrupt.h"

namespace datacave::server {

struct BackendKey {
  int32_t pid = 0;     // unique among the registered sessions, positive
  int32_t secret = 0;  // random; a cancel must quote it
};

class SessionRegistry {
 public:
  // Reserves a fresh random key for a session about to start (its pid is part of the
  // session), then Attach names the session's interrupt and what ends it at shutdown
  // (on_terminate: called once, from any thread, with the registry locked; it must only
  // hand the work over, e.g. post it). After TerminateAll, a session is terminated as it
  // attaches.
  Result<BackendKey> NewKey();
  void Attach(int32_t pid, sql::StatementInterrupt* interrupt, std::function<void()> on_terminate);
  void Unregister(int32_t pid);

  // A CancelRequest: cancels the statement running in the session with this key, if any.
  // A wrong or stale key does nothing (PostgreSQL does not tell the sender either).
  // Returns whether the key matched.
  bool Cancel(const BackendKey& key);

  // Shutdown: the running statement of every session, and every later one, stops (57P01),
  // and every session's on_terminate is called (idle ones have no statement to stop).
  void TerminateAll();
  bool terminating() const { return terminating_.load(); }
  // The sessions that have not ended yet (shutdown waits for them to say goodbye).
  size_t size();

  // Connections whose messages are being handled on the worker pool now (shutdown waits
  // for them).
  void WorkStarted() { busy_.fetch_add(1); }
  void WorkFinished() { busy_.fetch_sub(1); }
  int busy() const { return busy_.load(); }

 private:
  struct Entry {
    int32_t secret;
    sql::StatementInterrupt* interrupt;  // nullptr until attached
    std::function<void()> on_terminate;  // empty until attached
  };
  std::mutex mutex_;
  std::map<int32_t, Entry> sessions_;  // by pid
  std::atomic<bool> terminating_{false};
  std::atomic<int> busy_{0};
};

}  // namespace datacave::server
