#include "core/status.h"

namespace datacave {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kNotSupported: return "NotSupported";
    case StatusCode::kIOError: return "IOError";
    case StatusCode::kBusy: return "Busy";
    case StatusCode::kAborted: return "Aborted";
    case StatusCode::kResourceExhausted: return "ResourceExhausted";
  }
  return "Unknown";
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(rep_->code));
  out += ": ";
  out += rep_->message;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += rep_->message;
  Status result(rep_->code, std::move(msg), rep_->sqlstate);
  result.rep_->position = rep_->position;
  result.rep_->detail = rep_->detail;
  result.rep_->hint = rep_->hint;
  result.rep_->where = rep_->where;
  return result;
}

Status Status::WithPosition(int position) const {
  Status result = *this;
  if (result.rep_) result.rep_->position = position;
  return result;
}

Status Status::WithDetail(std::string detail) const {
  Status result = *this;
  if (result.rep_) result.rep_->detail = std::move(detail);
  return result;
}

Status Status::WithHint(std::string hint) const {
  Status result = *this;
  if (result.rep_) result.rep_->hint = std::move(hint);
  return result;
}

Status Status::WithWhere(std::string where) const {
  Status result = *this;
  if (result.rep_) result.rep_->where = std::move(where);
  return result;
}

}  // namespace datacave
