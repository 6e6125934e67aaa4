#pragma once

// A minimal HTTP/1.1 endpoint for operators: GET /metrics (Prometheus text), /health (200
// while the process runs), /ready (200 once accepting queries with healthy storage, else
// 503). One request per connection; requests are bounded in size and time.

#include <asio.hpp>

#include "server/metrics.h"
#include "server/storage.h"

namespace datacave::server {

// Serves one request on the socket's executor. metrics and storage are not owned; they
// outlive the connection (the server destroys its event loop, and with it every connection,
// first).
void ServeHttpConnection(asio::ip::tcp::socket socket, Metrics* metrics, Storage* storage);

}  // namespace datacave::server
