#include "sql/cursor.h"

#include <limits>

#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

Status OnlyForward() {
  return Status::Sql(StatusCode::kInvalidArgument, "55000", "cursor can only scan forward")
      .WithHint("Declare it with SCROLL option to enable backward scan.");
}

}  // namespace

Cursor::Cursor(std::string name, Options options, std::vector<OutputColumn> columns,
               OperatorPtr plan, ExecContext context, std::vector<Value> parameters,
               std::unique_ptr<Transaction> reader)
    : name_(std::move(name)),
      options_(options),
      columns_(std::move(columns)),
      plan_(std::move(plan)),
      parameters_(std::move(parameters)),
      reader_(std::move(reader)),
      context_(context) {
  context_.eval.parameters = parameters_;
}

Status Cursor::ReadBatch() {
  Batch batch;
  DC_RETURN_IF_ERROR(plan_->Next(context_, &batch));
  if (batch.empty()) {
    plan_.reset();
    reader_.reset();
    return Status::Ok();
  }
  for (Row& row : batch) {
    buffer_bytes_ += ApproximateRowBytes(row);
    buffer_.push_back(std::move(row));
  }
  if (buffer_bytes_ > context_.memory_limit) {
    return MemoryLimitExceeded("cursor \"" + name_ + "\"", context_.memory_limit);
  }
  return Status::Ok();
}

Status Cursor::ReadAll() {
  while (plan_) DC_RETURN_IF_ERROR(ReadBatch());
  return Status::Ok();
}

Result<const Row*> Cursor::RowAt(uint64_t k) {
  while (k >= first_buffered_ + buffer_.size() && plan_) DC_RETURN_IF_ERROR(ReadBatch());
  if (k < first_buffered_) {
    return Status::Sql(StatusCode::kInvalidArgument, "XX000",
                       "cursor \"" + name_ + "\" has dropped row " + std::to_string(k));
  }
  if (k >= first_buffered_ + buffer_.size()) return nullptr;
  return &buffer_[k - first_buffered_];
}

void Cursor::DropPassedRows() {
  if (options_.scroll) return;
  while (!buffer_.empty() && first_buffered_ <= position_) {
    buffer_bytes_ -= ApproximateRowBytes(buffer_.front());
    buffer_.pop_front();
    ++first_buffered_;
  }
}

Result<uint64_t> Cursor::RunSelect(bool forward, int64_t count, std::vector<Row>* rows) {
  const uint64_t limit = static_cast<uint64_t>(count);
  uint64_t done = 0;
  if (forward) {
    if (at_end_ || count <= 0) return 0;
    while (done < limit) {
      DC_ASSIGN_OR_RETURN(const Row* row, RowAt(position_ + 1));
      if (!row) break;
      if (rows) rows->push_back(*row);
      ++position_;
      ++done;
      DropPassedRows();
    }
    if (done > 0) at_start_ = false;
    if (count == ast::kFetchAll || done < limit) at_end_ = true;
    return done;
  }
  if (!options_.scroll) return OnlyForward();
  if (at_start_ || count <= 0) return 0;
  // Past the end, the row before is the last one (position_); on a row, the one before it.
  const uint64_t first = at_end_ ? position_ : position_ - 1;
  while (done < limit && done < first) {
    DC_ASSIGN_OR_RETURN(const Row* row, RowAt(first - done));
    if (rows) rows->push_back(*row);
    ++done;
  }
  if (done > 0 && at_end_) {
    at_end_ = false;
    ++position_;
  }
  if (count == ast::kFetchAll || done < limit) {
    at_start_ = true;
    position_ = 0;
  } else {
    position_ -= done;
  }
  return done;
}

Status Cursor::Rewind() {
  // Not having moved yet is no reason for a NO SCROLL error.
  if (at_start_ && !at_end_) return Status::Ok();
  if (!options_.scroll) return OnlyForward();
  at_start_ = true;
  at_end_ = false;
  position_ = 0;
  return Status::Ok();
}

// The cases and their order are DoPortalRunFetch's, so that counts and positions agree with
// PostgreSQL's at every edge (a FETCH ABSOLUTE past the end, RELATIVE 0 off a row ...).
Result<uint64_t> Cursor::Fetch(ast::FetchDirection direction, int64_t count,
                               std::vector<Row>* rows) {
  using ast::FetchDirection;
  bool forward = true;
  switch (direction) {
    case FetchDirection::kForward:
    case FetchDirection::kBackward:
      forward = (direction == FetchDirection::kForward) == (count >= 0);
      if (count < 0) count = -count;
      break;
    case FetchDirection::kAbsolute:
      if (count > 0) {
        // To row count, from the start or from here, whichever is nearer.
        if (static_cast<uint64_t>(count - 1) <= position_ / 2) {
          DC_RETURN_IF_ERROR(Rewind());
          if (count > 1) DC_RETURN_IF_ERROR(RunSelect(true, count - 1, nullptr).status());
        } else {
          const int64_t here = static_cast<int64_t>(position_) + (at_end_ ? 1 : 0);
          if (count <= here) {
            DC_RETURN_IF_ERROR(RunSelect(false, here - count + 1, nullptr).status());
          } else if (count > here + 1) {
            DC_RETURN_IF_ERROR(RunSelect(true, count - here - 1, nullptr).status());
          }
        }
        return RunSelect(true, 1, rows);
      }
      if (count < 0) {
        // To the end, then back: the end is not known until the rows have been read.
        DC_RETURN_IF_ERROR(RunSelect(true, ast::kFetchAll, nullptr).status());
        if (count < -1) DC_RETURN_IF_ERROR(RunSelect(false, -count - 1, nullptr).status());
        return RunSelect(false, 1, rows);
      }
      DC_RETURN_IF_ERROR(Rewind());
      return RunSelect(true, 0, rows);
    case FetchDirection::kRelative:
      if (count > 0) {
        if (count > 1) DC_RETURN_IF_ERROR(RunSelect(true, count - 1, nullptr).status());
        return RunSelect(true, 1, rows);
      }
      if (count < 0) {
        if (count < -1) DC_RETURN_IF_ERROR(RunSelect(false, -count - 1, nullptr).status());
        return RunSelect(false, 1, rows);
      }
      break;  // RELATIVE 0 is FORWARD 0
  }
  if (count == 0) {
    // A count of 0 fetches the current row again, if the cursor is on one; MOVE 0 says
    // whether it is.
    const bool on_row = !at_start_ && !at_end_;
    if (!rows) return on_row ? 1 : 0;
    if (on_row) {
      DC_RETURN_IF_ERROR(RunSelect(false, 1, nullptr).status());
      count = 1;
      forward = true;
    }
  }
  if (!forward && count == ast::kFetchAll && !rows) {
    // MOVE BACKWARD ALL counts the rows it passes and rewinds.
    uint64_t passed = position_;
    if (passed > 0 && !at_end_) --passed;
    DC_RETURN_IF_ERROR(Rewind());
    return passed;
  }
  return RunSelect(forward, count, rows);
}

}  // namespace datacave::sql
