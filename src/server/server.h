#pragma once

// The Datacave server process: owns the data directory lock, the storage engine, the client
// listener and the metrics endpoint, and runs them on one event loop until asked to stop.
//
// Threading: Run() drives everything on the calling thread. Stop() may be called from any
// thread (and is what SIGINT/SIGTERM trigger).

#include <memory>

#include "core/config.h"
#include "core/status.h"

namespace datacave::server {

constexpr const char* kVersion = DATACAVE_VERSION;

class Server {
 public:
  // Locks the data directory, opens (recovers) the storage, binds the listeners and logs the
  // start-up lines. Fails, without leaving anything running, when the directory is in use,
  // the storage cannot be opened (e.g. Corruption) or an address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(const Config& config);
  virtual ~Server() = default;

  // Serves until Stop() or SIGINT/SIGTERM, then closes every connection and returns. The
  // storage closes when the Server is destroyed.
  virtual void Run() = 0;
  virtual void Stop() = 0;

  // The bound ports (useful when the config asked for port 0).
  virtual uint16_t port() const = 0;
  virtual uint16_t metrics_port() const = 0;
};

}  // namespace datacave::server
