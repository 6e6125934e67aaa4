#pragma once

// What statements may see and change of the session they run in, without knowing the
// Session: its settings (pg_settings, current_setting(), set_config()) and its open cursors
// (pg_cursors). The binder reads snapshots for the catalogs; expressions call it as they run.
//
// Thread safety: a SessionState belongs to one session's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sql/settings.h"

namespace datacave::sql {

// A SQL cursor (DECLARE) as pg_cursors shows it.
struct OpenCursor {
  std::string name;
  std::string statement;  // the DECLARE statement as the client sent it
  bool holdable;
  bool binary;
  bool scrollable;
  int64_t creation_time;  // microseconds since 2000-01-01 UTC
};

class SessionState {
 public:
  virtual ~SessionState() = default;
  // The current value of any setting, custom ones ("myapp.x") included; nullopt for none.
  virtual std::optional<std::string> CurrentSetting(std::string_view name) const = 0;
  // As SET name = value (is_local: SET LOCAL; no value: RESET) with SET's checks and errors;
  // the value SHOW then prints.
  virtual Result<std::string> SetSetting(std::string_view name,
                                         std::optional<std::string_view> value, bool is_local) = 0;
  // The settings pg_settings lists, in its order.
  virtual std::vector<SettingState> SettingsSnapshot() const = 0;
  // The session's SQL cursors, by name.
  virtual std::vector<OpenCursor> OpenCursors() const = 0;
};

}  // namespace datacave::sql
