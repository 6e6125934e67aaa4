#pragma once

// A minimal HTTP/1.1 endpoint for operators: GET /metrics (Prometheus text), /health (200
// while the process runs), /ready (200 once accepting queries, else 503). One request per
// connection; requests are bounded in size and time.

#include <asio.hpp>

#include "server/metrics.h"

namespace datacave::server {

void ServeHttpConnection(asio::ip::tcp::socket socket, Metrics* metrics);

}  // namespace datacave::server
