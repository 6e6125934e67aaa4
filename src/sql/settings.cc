#include "sql/settings.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <utility>

namespace datacave::sql {
namespace {

// pg_settings' categories, contexts and types, as PostgreSQL 15 words them.
constexpr const char* kLocale = "Client Connection Defaults / Locale and Formatting";
constexpr const char* kStatement = "Client Connection Defaults / Statement Behavior";
constexpr const char* kPreset = "Preset Options";
constexpr const char* kUser = "user";
constexpr const char* kInternal = "internal";
constexpr const char* kString = "string";
constexpr const char* kEnum = "enum";
constexpr const char* kBool = "bool";
constexpr const char* kInteger = "integer";
constexpr const char* kIsolationLevels =
    "{serializable,\"repeatable read\",\"read committed\",\"read uncommitted\"}";
constexpr const char* kTimeoutOff = "A value of 0 turns off the timeout.";
constexpr const char* kIntMax = "2147483647";

// In PostgreSQL's order of pg_settings (names compared without case).
constexpr SettingInfo kSettings[] = {
    {"application_name", "", false, false,
     "Sets the application name to be reported in statistics and logs.", nullptr,
     "Reporting and Logging / What to Log", kUser, kString},
    {"bytea_output", "hex", true, false, "Sets the output format for bytea.", nullptr, kStatement,
     kUser, kEnum, nullptr, nullptr, nullptr, "{escape,hex}"},
    {"client_encoding", "UTF8", true, false, "Sets the client's character set encoding.", nullptr,
     kLocale, kUser, kString},
    {"client_min_messages", "notice", false, false,
     "Sets the message levels that are sent to the client.",
     "Each level includes all the levels that follow it. The later the level, the fewer "
     "messages are sent.",
     kStatement, kUser, kEnum, nullptr, nullptr, nullptr,
     "{debug5,debug4,debug3,debug2,debug1,log,notice,warning,error}"},
    {"DateStyle", "ISO, MDY", true, false, "Sets the display format for date and time values.",
     "Also controls interpretation of ambiguous date inputs.", kLocale, kUser, kString},
    {"default_transaction_isolation", "read committed", false, false,
     "Sets the transaction isolation level of each new transaction.", nullptr, kStatement, kUser,
     kEnum, nullptr, nullptr, nullptr, kIsolationLevels},
    {"default_transaction_read_only", "off", false, false,
     "Sets the default read-only status of new transactions.", nullptr, kStatement, kUser, kBool},
    {"extra_float_digits", "1", false, false,
     "Sets the number of digits displayed for floating-point values.",
     "This affects real, double precision, and geometric data types. A zero or negative "
     "parameter value is added to the standard number of digits (FLT_DIG or DBL_DIG as "
     "appropriate). Any value greater than zero selects precise output mode.",
     kLocale, kUser, kInteger, nullptr, "-15", "3"},
    {"idle_in_transaction_session_timeout", "0", false, false,
     "Sets the maximum allowed idle time between queries, when in a transaction.", kTimeoutOff,
     kStatement, kUser, kInteger, "ms", "0", kIntMax},
    {"integer_datetimes", "on", true, false, "Shows whether datetimes are integer based.", nullptr,
     kPreset, kInternal, kBool},
    {"IntervalStyle", "postgres", true, false, "Sets the display format for interval values.",
     nullptr, kLocale, kUser, kEnum, nullptr, nullptr, nullptr,
     "{postgres,postgres_verbose,sql_standard,iso_8601}"},
    {"is_superuser", "on", true, true, "Shows whether the current user is a superuser.", nullptr,
     kPreset, kInternal, kBool},
    {"lc_collate", "C", true, false, "Shows the collation order locale.", nullptr, kPreset,
     kInternal, kString},
    {"lc_ctype", "C", true, false, "Shows the character classification and case conversion locale.",
     nullptr, kPreset, kInternal, kString},
    {"lc_messages", "C", true, false, "Sets the language in which messages are displayed.", nullptr,
     kLocale, "superuser", kString},
    {"lock_timeout", "0", false, false, "Sets the maximum allowed duration of any wait for a lock.",
     kTimeoutOff, kStatement, kUser, kInteger, "ms", "0", kIntMax},
    {"max_identifier_length", "63", true, false, "Shows the maximum identifier length.", nullptr,
     kPreset, kInternal, kInteger, nullptr, "63", "63"},
    {"search_path", "\"$user\", public", false, false,
     "Sets the schema search order for names that are not schema-qualified.", nullptr, kStatement,
     kUser, kString},
    {"server_encoding", "UTF8", true, false, "Shows the server (database) character set encoding.",
     nullptr, kPreset, kInternal, kString},
    {"server_version", "", true, false, "Shows the server version.", nullptr, kPreset, kInternal,
     kString},
    {"server_version_num", "", true, false, "Shows the server version as an integer.", nullptr,
     kPreset, kInternal, kInteger},
    {"session_authorization", "", true, true, "Sets the session user name.", nullptr,
     "Connections and Authentication / Connection Settings", "superuser", kString},
    {"standard_conforming_strings", "on", true, false,
     "Causes '...' strings to treat backslashes literally.", nullptr,
     "Version and Platform Compatibility / Previous PostgreSQL Versions", kUser, kBool},
    {"statement_timeout", "0", false, false, "Sets the maximum allowed duration of any statement.",
     kTimeoutOff, kStatement, kUser, kInteger, "ms", "0", kIntMax},
    {"synchronous_commit", "on", false, false,
     "Sets the current transaction's synchronization level.", nullptr, "Write-Ahead Log / Settings",
     kUser, kEnum, nullptr, nullptr, nullptr, "{local,remote_write,remote_apply,on,off}"},
    {"TimeZone", "UTC", true, false,
     "Sets the time zone for displaying and interpreting time stamps.", nullptr, kLocale, kUser,
     kString},
    {"transaction_isolation", "read committed", false, false,
     "Sets the current transaction's isolation level.", nullptr, kStatement, kUser, kEnum, nullptr,
     nullptr, nullptr, kIsolationLevels},
    {"transaction_read_only", "off", false, false,
     "Sets the current transaction's read-only status.", nullptr, kStatement, kUser, kBool},
    {"work_mem", "4MB", false, false, "Sets the maximum memory to be used for query workspaces.",
     "This much memory can be used by each internal sort operation and hash table before "
     "switching to temporary disk files.",
     "Resource Usage / Memory", kUser, kInteger, "kB", "64", kIntMax},
};

// "4MB" as kilobytes ("4096"); nullopt when it is not a whole number with a memory unit.
std::optional<std::string> Kilobytes(const std::string& shown) {
  static constexpr std::pair<std::string_view, int64_t> kUnits[] = {
      {"", 1}, {"kB", 1}, {"MB", 1024}, {"GB", 1024 * 1024}, {"TB", 1024 * 1024 * 1024}};
  char* end = nullptr;
  errno = 0;
  long long number = std::strtoll(shown.c_str(), &end, 10);
  if (end == shown.c_str() || errno == ERANGE) return std::nullopt;
  std::string_view rest(end);
  for (const auto& [unit, size] : kUnits) {
    if (rest == unit) return std::to_string(number * size);
  }
  return std::nullopt;
}

}  // namespace

std::span<const SettingInfo> AllSettings() {
  return kSettings;
}

std::string LowerSettingName(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const SettingInfo* FindSetting(std::string_view name) {
  const std::string lower = LowerSettingName(name);
  for (const SettingInfo& info : kSettings) {
    if (LowerSettingName(info.name) == lower) return &info;
  }
  return nullptr;
}

Result<int64_t> ParseMilliseconds(std::string_view name, std::string_view value) {
  auto invalid = [&] {
    return Status::Sql(StatusCode::kInvalidArgument, "22023",
                       "invalid value for parameter \"" + std::string(name) + "\": \"" +
                           std::string(value) + "\"");
  };
  std::string text(value);
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  double number = std::strtod(begin, &end);
  if (end == begin || errno == ERANGE || !std::isfinite(number)) return invalid();
  std::string_view rest(end);
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) {
    rest.remove_prefix(1);
  }
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) {
    rest.remove_suffix(1);
  }
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"", 1},        {"us", 0.001},  {"ms", 1},      {"s", 1000},
      {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  const auto* unit = std::find_if(std::begin(kUnits), std::end(kUnits),
                                  [&](const auto& u) { return u.first == rest; });
  if (unit == std::end(kUnits)) {
    return invalid().WithDetail(
        "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
  }
  double ms = std::rint(number * unit->second);
  constexpr double kMax = std::numeric_limits<int32_t>::max();
  if (ms > kMax || ms < -kMax - 1) return invalid().WithDetail("Value exceeds integer range.");
  if (ms < 0) {
    return Status::Sql(StatusCode::kInvalidArgument, "22023",
                       std::to_string(static_cast<int64_t>(ms)) +
                           " ms is outside the valid range for parameter \"" + std::string(name) +
                           "\" (0 .. 2147483647)");
  }
  return static_cast<int64_t>(ms);
}

std::string FormatMilliseconds(int64_t ms) {
  if (ms == 0) return "0";
  static constexpr std::pair<int64_t, const char*> kUnits[] = {
      {86400000, "d"}, {3600000, "h"}, {60000, "min"}, {1000, "s"}};
  for (const auto& [size, unit] : kUnits) {
    if (ms % size == 0) return std::to_string(ms / size) + unit;
  }
  return std::to_string(ms) + "ms";
}

std::string SettingInUnit(const SettingInfo& info, const std::string& shown) {
  const std::string_view unit = info.unit ? info.unit : "";
  if (unit == "ms") {
    auto ms = ParseMilliseconds(info.name, shown);
    if (ms.ok()) return std::to_string(*ms);
  } else if (unit == "kB") {
    if (auto kb = Kilobytes(shown)) return *kb;
  }
  return shown;
}

}  // namespace datacave::sql
