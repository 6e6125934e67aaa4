#pragma once

// Errors are values. Every fallible call across a module boundary returns a Status or a
// Result<T>; both are [[nodiscard]] so an error cannot be dropped silently.
//
// A Status has a small code that callers branch on, a human-readable message, and an
// optional SQLSTATE (five characters, e.g. "22012") that the wire protocol reports to
// clients. Storage errors carry no SQLSTATE; the SQL layer attaches one when it matters.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace datacave {

enum class StatusCode {
  kOk = 0,
  kNotFound,          // a key, file or object does not exist
  kCorruption,        // stored bytes fail a checksum or do not parse
  kInvalidArgument,   // the caller (or the user) asked for something malformed
  kNotSupported,      // recognised but not implemented (SQLSTATE 0A000 at the SQL level)
  kIOError,           // the operating system reported a failure
  kBusy,              // a resource is held by someone else (a lock, a conflicting write)
  kAborted,           // the operation was cancelled or rolled back
  kResourceExhausted  // a configured limit was reached (memory, connections, time)
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status Corruption(std::string msg) {
    return Status(StatusCode::kCorruption, std::move(msg));
  }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status NotSupported(std::string msg) {
    return Status(StatusCode::kNotSupported, std::move(msg), "0A000");
  }
  static Status IOError(std::string msg) { return Status(StatusCode::kIOError, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(StatusCode::kBusy, std::move(msg)); }
  static Status Aborted(std::string msg) { return Status(StatusCode::kAborted, std::move(msg)); }
  static Status ResourceExhausted(std::string msg) {
    return Status(StatusCode::kResourceExhausted, std::move(msg));
  }
  // An error that a SQL client sees with the given SQLSTATE.
  static Status Sql(StatusCode code, std::string_view sqlstate, std::string msg) {
    return Status(code, std::move(msg), sqlstate);
  }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // Empty for OK.
  const std::string& message() const;
  // Empty when no SQLSTATE was attached.
  std::string_view sqlstate() const { return rep_ ? std::string_view(rep_->sqlstate) : ""; }

  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsCorruption() const { return code() == StatusCode::kCorruption; }

  // "Corruption: checksum mismatch in 000012.sst", or "OK".
  std::string ToString() const;

  // A copy whose message is prefixed with context: "opening manifest: <message>".
  Status WithContext(std::string_view context) const;

  // Where in the SQL text the error is: a 1-based character position, 0 when none (the
  // ErrorResponse "P" field).
  int position() const { return rep_ ? rep_->position : 0; }
  // A copy that points at position. REQUIRES: !ok().
  Status WithPosition(int position) const;

  // A secondary message (the ErrorResponse "D" field, PostgreSQL's errdetail); empty when
  // none.
  std::string_view detail() const { return rep_ ? std::string_view(rep_->detail) : ""; }
  // A copy carrying detail. REQUIRES: !ok().
  Status WithDetail(std::string detail) const;

  // A suggestion (the "H" field, errhint); empty when none.
  std::string_view hint() const { return rep_ ? std::string_view(rep_->hint) : ""; }
  Status WithHint(std::string hint) const;

  // Where the error happened (the "W" field, PostgreSQL's CONTEXT line, e.g. `COPY t, line
  // 3, column b: "x"`); empty when none.
  std::string_view where() const { return rep_ ? std::string_view(rep_->where) : ""; }
  Status WithWhere(std::string where) const;

  Status(const Status& other) : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    std::string sqlstate;
    int position = 0;
    std::string detail;
    std::string hint;
    std::string where;
  };
  Status(StatusCode code, std::string msg, std::string_view sqlstate = "")
      : rep_(std::make_unique<Rep>(
            Rep{code, std::move(msg), std::string(sqlstate), 0, {}, {}, {}})) {}

  std::unique_ptr<Rep> rep_;  // null means OK: the success path allocates nothing
};

// Either a value or an error Status. Access to value() on an error is a programming error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace datacave

// Propagates a non-OK Status to the caller.
#define DC_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::datacave::Status dc_status_ = (expr);  \
    if (!dc_status_.ok()) return dc_status_; \
  } while (0)

#define DC_CONCAT_INNER(a, b) a##b
#define DC_CONCAT(a, b) DC_CONCAT_INNER(a, b)

// `DC_ASSIGN_OR_RETURN(auto x, F());` binds x to F()'s value or returns its error.
#define DC_ASSIGN_OR_RETURN(lhs, expr) \
  DC_ASSIGN_OR_RETURN_IMPL(DC_CONCAT(dc_result_, __LINE__), lhs, expr)
#define DC_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                             \
  if (!result.ok()) return result.status();         \
  lhs = std::move(result).value()
