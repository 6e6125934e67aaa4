#pragma once

// Logging is spdlog's default logger, writing one line per event to standard error:
//   2026-11-25 14:00:00.123 [info] datacave 0.1.0 listening on 127.0.0.1:5433 ...
// Call spdlog::info/warn/error directly; InitLogging sets the format and level once at start.

#include <spdlog/spdlog.h>

#include <string_view>

#include "core/status.h"

namespace datacave {

// level: "debug", "info", "warn" or "error".
Status InitLogging(std::string_view level);

}  // namespace datacave
