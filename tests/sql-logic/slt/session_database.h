#pragma once

// The in-process backend: each script file gets a fresh Datacave database (an LSM on an
// in-memory file system) and one sql::Session, with no server or socket in between.

#include <memory>

#include "sql-logic/slt/database.h"

namespace datacave::slt {

class SessionDatabaseFactory final : public DatabaseFactory {
 public:
  Result<std::unique_ptr<Database>> OpenFresh() override;
};

}  // namespace datacave::slt
