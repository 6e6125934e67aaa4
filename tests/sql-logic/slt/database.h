#pragma once

// What the sqllogictest runner needs from a database: run one SQL string, get back either an
// error (with SQLSTATE) or a result in PostgreSQL text format. Small on purpose, so that an
// in-process backend over sql::Session is a thin adapter, and the libpq backend serves both
// PostgreSQL 15 and Datacave over the wire.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave::slt {

// PostgreSQL type OIDs the runner's formatting rules look at (pg_type.dat).
inline constexpr uint32_t kBoolOid = 16;
inline constexpr uint32_t kInt8Oid = 20;
inline constexpr uint32_t kInt2Oid = 21;
inline constexpr uint32_t kInt4Oid = 23;
inline constexpr uint32_t kTextOid = 25;
inline constexpr uint32_t kFloat4Oid = 700;
inline constexpr uint32_t kFloat8Oid = 701;
inline constexpr uint32_t kNumericOid = 1700;

struct QueryResult {
  std::vector<uint32_t> column_types;  // PostgreSQL type OIDs, one per column
  std::vector<std::string> column_names;
  // Rows of values in PostgreSQL text output format (bool "t"/"f", numeric as printed by
  // numeric_out, ...); nullopt is SQL NULL.
  std::vector<std::vector<std::optional<std::string>>> rows;
  // Rows inserted/updated/deleted/selected, from the command tag; nullopt when the command
  // reports none (CREATE TABLE, BEGIN, ...).
  std::optional<int64_t> rows_affected;
};

// One connection to one database. Not thread-safe; the runner drives it from one thread.
class Database {
 public:
  virtual ~Database() = default;
  // Runs sql (one statement; a backend may accept more). On success fills *out (a statement
  // without a result has no columns). On failure returns a Status whose sqlstate() is the
  // SQLSTATE and message() the primary message; *out is then unspecified.
  virtual Status Execute(std::string_view sql, QueryResult* out) = 0;
};

// Hands out a fresh, empty database for each script file; the database is discarded when
// the returned object is destroyed.
class DatabaseFactory {
 public:
  virtual ~DatabaseFactory() = default;
  virtual Result<std::unique_ptr<Database>> OpenFresh() = 0;
};

}  // namespace datacave::slt
