#pragma once

// One client connection in its start-up phase. Until the query protocol lands (step 4) the
// server answers every StartupMessage with a well-formed FATAL ErrorResponse (0A000), so a
// client sees a clear error instead of a dropped socket. SSLRequest and GSSENCRequest are
// answered 'N', as a server without TLS does; the client may then continue in plaintext.

#include <asio.hpp>
#include <chrono>
#include <memory>

#include "server/metrics.h"

namespace datacave::server {

struct ConnectionLimits {
  std::chrono::milliseconds authentication_timeout;
  bool over_capacity;  // answer 53300 "too many clients" instead of serving
};

// Takes ownership of the socket and serves it on the socket's executor until it closes.
void ServeConnection(asio::ip::tcp::socket socket, const ConnectionLimits& limits,
                     Metrics* metrics);

}  // namespace datacave::server
