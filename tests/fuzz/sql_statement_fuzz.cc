// Runs arbitrary query text against a small database through sql::Session, as any client's
// query may be. Every statement must return rows or an error with a SQLSTATE, never crash,
// hang or corrupt the session: after the input, the session must still answer a query.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/fault_injection_file_system.h"
#include "lsm/db.h"
#include "sql/session.h"

using namespace datacave;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  FaultInjectionFileSystem fs;
  lsm::Options options;
  options.file_system = &fs;
  auto db = lsm::DB::Open(options, "/fuzz");
  if (!db.ok()) std::abort();
  auto database = sql::Database::Open(db->get(), lsm::WriteOptions{});
  if (!database.ok()) std::abort();
  {
    sql::SessionOptions session_options;
    session_options.query_memory_limit = 16 << 20;
    sql::Session session(database->get(), session_options);
    auto ignore = [](sql::StatementResult&) { return Status::Ok(); };
    Status setup = session.Execute(
        "CREATE TABLE t (id int PRIMARY KEY, name text, v numeric(10,2) CHECK (v >= 0));"
        "CREATE TABLE u (a int, b text NOT NULL DEFAULT 'x');"
        "INSERT INTO t VALUES (1, 'one', 1.5), (2, NULL, 2), (3, 'three', NULL);"
        "INSERT INTO u VALUES (1, 'a'), (NULL, 'b'), (3, 'c')",
        ignore);
    if (!setup.ok()) std::abort();
    std::string_view query(reinterpret_cast<const char*>(data), size);
    Status s = session.Execute(query, ignore);
    if (!s.ok() && s.sqlstate().size() != 5) std::abort();
    // Whatever happened, ROLLBACK leaves the session usable.
    if (!session.Execute("ROLLBACK", ignore).ok()) std::abort();
    if (!session.Execute("SELECT count(*) FROM u", ignore).ok() &&
        !session.Execute("SELECT 1", ignore).ok()) {
      std::abort();
    }
  }
  return 0;
}
