#pragma once

// COPY's text and CSV formats, as PostgreSQL 15 reads and writes them (copyfromparse.c,
// copyto.c): a pure codec between bytes and rows of optional strings, with no catalog and
// no types. The session converts the strings to and from values.
//
// Input arrives in pieces of any size (CopyData messages); CopyReader keeps only the
// unfinished line, so memory stays bounded by the longest line, not the whole input.
//
// Thread safety: a CopyReader is used by one thread; the functions are pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave::sql {

// One field of a row: nullopt is NULL.
using CopyField = std::optional<std::string>;

struct CopyFormat {
  bool csv = false;
  char delimiter = '\t';            // ',' in CSV
  std::string null_string = "\\N";  // "" in CSV
  bool header = false;
  char quote = '"';   // CSV only
  char escape = '"';  // CSV only; the quote unless given
  // CSV, per column of the row: COPY TO quotes every non-NULL value (FORCE_QUOTE); COPY FROM
  // reads an unquoted null string as "" (FORCE_NOT_NULL) or a quoted one as NULL (FORCE_NULL).
  // Empty means no column.
  std::vector<bool> force_quote;
  std::vector<bool> force_not_null;
  std::vector<bool> force_null;

  // The defaults of a format: text (tab, \N) or CSV (comma, empty string, double quote).
  static CopyFormat Text() { return CopyFormat(); }
  static CopyFormat Csv() {
    CopyFormat f;
    f.csv = true;
    f.delimiter = ',';
    f.null_string = "";
    return f;
  }
};

// Appends one row ending in '\n': text format escapes backslash, the delimiter and control
// characters (\n, \t ...); CSV quotes a value holding the delimiter, quote, escape, CR or LF,
// equal to the null string, or a lone "\." in a one-column row. NULL is the null string.
void AppendCopyRow(const CopyFormat& format, const std::vector<CopyField>& fields,
                   std::string* out);
// The header line of COPY TO ... HEADER: the names, each written as a non-NULL value.
void AppendCopyHeader(const CopyFormat& format, const std::vector<std::string>& names,
                      std::string* out);

// Splits COPY FROM input into lines and fields. Lines end in LF, CRLF or CR, whichever the
// first line used (PostgreSQL refuses a mix); "\." ends the data (in CSV only alone on a
// line), and anything after it is ignored. In text format a backslash escapes the next byte,
// so an escaped newline is data.
class CopyReader {
 public:
  explicit CopyReader(CopyFormat format);

  // Appends the next piece of input. REQUIRES: Finish() was not called.
  void Feed(std::string_view data);
  // No more input: a last line without a line end is still a line.
  void Finish();

  // The next data line's fields (the header line is skipped): true with *fields set, false
  // when no complete line is buffered (more input, or the end). Errors (22P04 for a bad
  // line end or an unterminated CSV quote, 22021 for bad UTF-8 from an escape) are
  // PostgreSQL's, without the line context (see line_number() and line()).
  Result<bool> Next(std::vector<CopyField>* fields);

  // Whether the end was reached: "\." seen, or Finish() called and every line read.
  bool done() const { return ended_ || (finished_ && start_ >= buffer_.size()); }
  // The 1-based number of the last line Next() looked at (the header counts).
  uint64_t line_number() const { return line_number_; }
  // That line's bytes without its line end, valid until the next Feed or Next.
  std::string_view line() const { return line_; }
  // False after an error in finding the line (a bad line end, bad UTF-8): line() is empty
  // and PostgreSQL names only the line's number.
  bool line_valid() const { return line_valid_; }

 private:
  enum class LineEnd { kUnknown, kLf, kCrLf, kCr };
  // Finds the next line from start_: true with line_ set, false when more input is needed.
  Result<bool> NextLine();
  Status SplitText(std::vector<CopyField>* fields) const;
  Status SplitCsv(std::vector<CopyField>* fields) const;

  const CopyFormat format_;
  std::string buffer_;  // unread input from start_
  size_t start_ = 0;    // where the next line starts
  bool finished_ = false;
  bool ended_ = false;  // "\." seen
  bool header_skipped_ = false;
  LineEnd line_end_ = LineEnd::kUnknown;
  // The scan of the line from start_, kept across Feeds so that a long line is read once.
  size_t scan_ = 0;
  bool in_quote_ = false, last_was_escape_ = false;
  uint64_t embedded_newlines_ = 0;  // CSV: inside quotes; they count as lines, as in PostgreSQL
  uint64_t line_number_ = 0;
  std::string_view line_;
  bool line_valid_ = false;
};

}  // namespace datacave::sql
