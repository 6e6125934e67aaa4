#pragma once

// The run-time settings (GUCs) Datacave knows: their names as PostgreSQL spells them, their
// defaults, and what PostgreSQL 15's pg_settings says about them. A session keeps its
// current values (session.cc); statements see them through SessionState (session_state.h).
//
// Thread safety: the table is immutable; the functions are pure.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave::sql {

struct SettingInfo {
  const char* name;  // PostgreSQL's spelling: DateStyle, TimeZone, work_mem
  const char* default_value;
  // Behaviour is fixed: a SET may only name the value Datacave already has.
  bool fixed;
  // Left out of SHOW ALL and pg_settings, as PostgreSQL does (GUC_NO_SHOW_ALL).
  bool hidden;
  // pg_settings' columns, as PostgreSQL 15 has them (nullptr: NULL).
  const char* short_desc;
  const char* extra_desc;
  const char* category;
  const char* context;
  const char* vartype;
  const char* unit;
  const char* min_val;
  const char* max_val;
  const char* enumvals;  // text[] in PostgreSQL's array output form
};

std::span<const SettingInfo> AllSettings();
// Case-insensitive, as PostgreSQL matches setting names; nullptr for none.
const SettingInfo* FindSetting(std::string_view name);
std::string LowerSettingName(std::string_view name);

// A value in milliseconds as PostgreSQL's GUC reads it: a number (a fraction is rounded),
// optional spaces, an optional unit; milliseconds when there is none. Errors are SET's.
Result<int64_t> ParseMilliseconds(std::string_view name, std::string_view value);
// As SHOW prints it: in the largest unit that divides it exactly ("1s", "1500ms", "5min").
std::string FormatMilliseconds(int64_t ms);
// pg_settings' `setting`: the value in the setting's unit (ms, kB) as a plain number; other
// values as SHOW prints them.
std::string SettingInUnit(const SettingInfo& info, const std::string& shown);

// One setting in a session, as pg_settings shows it.
struct SettingState {
  const SettingInfo* info;
  std::string value;         // as SHOW prints it
  std::string reset_value;   // what RESET restores
  bool set_in_session;       // by SET or set_config(), since the last RESET
  bool from_client = false;  // the client's startup packet gave the session's first value
};

}  // namespace datacave::sql
