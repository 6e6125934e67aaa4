#include "sql/execution/interrupt.h"

namespace datacave::sql {

Status StatementInterrupt::Check() const {
  if (terminate_.load(std::memory_order_relaxed)) {
    return Status::Sql(StatusCode::kAborted, "57P01",
                       "terminating connection due to administrator command");
  }
  if (cancel_.load(std::memory_order_relaxed)) {
    return Status::Sql(StatusCode::kAborted, "57014", "canceling statement due to user request");
  }
  if (deadline_ != Clock::time_point::max() && Clock::now() >= deadline_) {
    return Status::Sql(StatusCode::kAborted, "57014",
                       "canceling statement due to statement timeout");
  }
  return Status::Ok();
}

}  // namespace datacave::sql
