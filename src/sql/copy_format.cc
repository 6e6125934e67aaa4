#include "sql/copy_format.h"

#include "sql/types/binary.h"

namespace datacave::sql {
namespace {

Status BadCopyFormat(std::string message, std::string hint = "") {
  Status s = Status::Sql(StatusCode::kInvalidArgument, "22P04", std::move(message));
  return hint.empty() ? s : s.WithHint(std::move(hint));
}

void AppendText(const CopyFormat& format, std::string_view value, std::string* out) {
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20) {
      switch (c) {
        case '\b': out->append("\\b"); continue;
        case '\f': out->append("\\f"); continue;
        case '\n': out->append("\\n"); continue;
        case '\r': out->append("\\r"); continue;
        case '\t': out->append("\\t"); continue;
        case '\v': out->append("\\v"); continue;
        default: break;
      }
    }
    if (c == '\\' || c == format.delimiter) out->push_back('\\');
    out->push_back(c);
  }
}

void AppendCsv(const CopyFormat& format, std::string_view value, bool force_quote,
               bool single_column, std::string* out) {
  bool quote = force_quote || value == format.null_string;
  // A lone "\." would read back as the end of the data.
  if (!quote && single_column && value == "\\.") quote = true;
  for (size_t i = 0; i < value.size() && !quote; ++i) {
    const char c = value[i];
    quote =
        c == format.delimiter || c == format.quote || c == format.escape || c == '\n' || c == '\r';
  }
  if (!quote) {
    out->append(value);
    return;
  }
  out->push_back(format.quote);
  for (char c : value) {
    if (c == format.quote || c == format.escape) out->push_back(format.escape);
    out->push_back(c);
  }
  out->push_back(format.quote);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Flag(const std::vector<bool>& flags, size_t i) {
  return i < flags.size() && flags[i];
}

}  // namespace

void AppendCopyRow(const CopyFormat& format, const std::vector<CopyField>& fields,
                   std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(format.delimiter);
    if (!fields[i]) {
      out->append(format.null_string);
    } else if (format.csv) {
      AppendCsv(format, *fields[i], Flag(format.force_quote, i), fields.size() == 1, out);
    } else {
      AppendText(format, *fields[i], out);
    }
  }
  out->push_back('\n');
}

void AppendCopyHeader(const CopyFormat& format, const std::vector<std::string>& names,
                      std::string* out) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out->push_back(format.delimiter);
    if (format.csv) {
      AppendCsv(format, names[i], false, names.size() == 1, out);
    } else {
      AppendText(format, names[i], out);
    }
  }
  out->push_back('\n');
}

CopyReader::CopyReader(CopyFormat format) : format_(std::move(format)) {}

void CopyReader::Feed(std::string_view data) {
  if (ended_) return;  // after "\." the rest is ignored, as PostgreSQL does
  // Drop the lines already read, so that the buffer holds one unfinished line.
  if (start_ > 0) {
    buffer_.erase(0, start_);
    scan_ -= start_;
    start_ = 0;
  }
  buffer_.append(data);
}

void CopyReader::Finish() {
  finished_ = true;
}

// PostgreSQL's CopyReadLineText: the same line ends, end marker and errors.
Result<bool> CopyReader::NextLine() {
  if (ended_) return false;
  const size_t n = buffer_.size();
  // A byte past the end reads as NUL once the input is finished, as PostgreSQL's padding.
  auto at = [&](size_t i) { return i < n ? buffer_[i] : '\0'; };
  auto emit = [&](size_t end, size_t next) {
    line_ = std::string_view(buffer_).substr(start_, end - start_);
    line_number_ += 1 + embedded_newlines_;
    start_ = scan_ = next;
    in_quote_ = last_was_escape_ = false;
    embedded_newlines_ = 0;
    return true;
  };
  const bool csv = format_.csv;
  // An escape that is the quote needs no special case here: the quote toggles.
  const char escape = format_.escape == format_.quote ? '\0' : format_.escape;
  for (size_t i = scan_;; ++i) {
    if (i >= n) {
      scan_ = i;
      if (!finished_ || start_ >= n) return false;
      return emit(n, n);  // a last line without a line end
    }
    const char c = buffer_[i];
    const bool first = i == start_;
    // Wait for every byte this one needs to look at, so that a piece boundary changes
    // nothing.
    if (!finished_ && (c == '\\' || c == '\r')) {
      size_t need = i + 1;
      if (c == '\\' && need < n && buffer_[need] == '.' && (!csv || first)) {
        need = i + (line_end_ == LineEnd::kCrLf ? 3 : 2);
      }
      if (need >= n) {
        scan_ = i;
        return false;
      }
    }
    if (csv) {
      if (in_quote_ && c == escape) last_was_escape_ = !last_was_escape_;
      if (c == format_.quote && !last_was_escape_) in_quote_ = !in_quote_;
      if (c != escape) last_was_escape_ = false;
      if (in_quote_ && c == (line_end_ == LineEnd::kLf ? '\n' : '\r')) ++embedded_newlines_;
    }
    if (c == '\r' && !(csv && in_quote_)) {
      if (line_end_ == LineEnd::kUnknown || line_end_ == LineEnd::kCrLf) {
        if (at(i + 1) == '\n') {
          line_end_ = LineEnd::kCrLf;
          return emit(i, i + 2);
        }
        if (line_end_ == LineEnd::kCrLf) break;  // a CR without LF
        line_end_ = LineEnd::kCr;
        return emit(i, i + 1);
      }
      if (line_end_ == LineEnd::kLf) break;
      return emit(i, i + 1);
    }
    if (c == '\n' && !(csv && in_quote_)) {
      if (line_end_ == LineEnd::kCr || line_end_ == LineEnd::kCrLf) {
        return csv ? BadCopyFormat("unquoted newline found in data",
                                   "Use quoted CSV field to represent newline.")
                   : BadCopyFormat("literal newline found in data",
                                   "Use \"\\n\" to represent newline.");
      }
      line_end_ = LineEnd::kLf;
      return emit(i, i + 1);
    }
    if (c == '\\' && (!csv || first)) {
      if (at(i + 1) != '.') {
        if (!csv) ++i;  // the escaped byte is data, even a line end
        continue;
      }
      // "\." and a line end: the end of the data. In CSV anything else is data.
      size_t j = i + 2;
      char end = at(j++);
      bool end_of_copy = true;
      if (line_end_ == LineEnd::kCrLf) {
        if (end == '\n') {
          if (!csv)
            return BadCopyFormat("end-of-copy marker does not match previous newline style");
          end_of_copy = false;
        } else if (end != '\r') {
          if (!csv) return BadCopyFormat("end-of-copy marker corrupt");
          end_of_copy = false;
        }
        end = at(j++);
      }
      if (end_of_copy && end != '\r' && end != '\n') {
        if (!csv) return BadCopyFormat("end-of-copy marker corrupt");
        end_of_copy = false;
      }
      if (!end_of_copy) continue;
      if ((line_end_ == LineEnd::kLf && end != '\n') ||
          (line_end_ == LineEnd::kCrLf && end != '\n') ||
          (line_end_ == LineEnd::kCr && end != '\r')) {
        return BadCopyFormat("end-of-copy marker does not match previous newline style");
      }
      ended_ = true;
      // Text format keeps what preceded "\." on its line, as PostgreSQL 15 does.
      if (i == start_) return false;
      line_ = std::string_view(buffer_).substr(start_, i - start_);
      line_number_ += 1 + embedded_newlines_;
      start_ = scan_ = n;
      return true;
    }
  }
  return csv ? BadCopyFormat("unquoted carriage return found in data",
                             "Use quoted CSV field to represent carriage return.")
             : BadCopyFormat("literal carriage return found in data",
                             "Use \"\\r\" to represent carriage return.");
}

Result<bool> CopyReader::Next(std::vector<CopyField>* fields) {
  auto next_line = [this]() -> Result<bool> {
    Result<bool> got = NextLine();
    if (got.ok() && *got) {
      Status valid = ValidateUtf8(line_);
      if (!valid.ok()) got = valid;
    }
    line_valid_ = got.ok();
    if (!got.ok() && line_.data() != nullptr) {
      line_ = {};  // UTF-8: the line was counted
    } else if (!got.ok()) {
      line_number_ += 1 + embedded_newlines_;
    }
    return got;
  };
  if (format_.header && !header_skipped_) {
    DC_ASSIGN_OR_RETURN(bool got, next_line());
    if (!got) return false;
    header_skipped_ = true;
  }
  line_ = {};
  DC_ASSIGN_OR_RETURN(bool got, next_line());
  if (!got) return false;
  fields->clear();
  DC_RETURN_IF_ERROR(format_.csv ? SplitCsv(fields) : SplitText(fields));
  return true;
}

// PostgreSQL's CopyReadAttributesText: a field is NULL when its raw text is the null string;
// escapes are decoded after that test.
Status CopyReader::SplitText(std::vector<CopyField>* fields) const {
  const std::string_view line = line_;
  size_t i = 0;
  for (;;) {
    const size_t start = i;
    std::string value;
    bool found_delimiter = false, saw_non_ascii = false;
    size_t end = line.size();
    while (i < line.size()) {
      char c = line[i++];
      if (c == format_.delimiter) {
        found_delimiter = true;
        end = i - 1;
        break;
      }
      if (c == '\\') {
        if (i >= line.size()) break;
        c = line[i++];
        if (c >= '0' && c <= '7') {
          int v = c - '0';
          for (int k = 0; k < 2 && i < line.size() && line[i] >= '0' && line[i] <= '7'; ++k) {
            v = v * 8 + (line[i++] - '0');
          }
          c = static_cast<char>(v & 0xff);
          saw_non_ascii |= c == '\0' || (v & 0x80) != 0;
        } else if (c == 'x' && i < line.size() && HexValue(line[i]) >= 0) {
          int v = HexValue(line[i++]);
          if (i < line.size() && HexValue(line[i]) >= 0) v = v * 16 + HexValue(line[i++]);
          c = static_cast<char>(v);
          saw_non_ascii |= c == '\0' || (v & 0x80) != 0;
        } else {
          switch (c) {
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'v': c = '\v'; break;
            default: break;  // any other byte stands for itself
          }
        }
      }
      value.push_back(c);
    }
    if (line.substr(start, end - start) == format_.null_string) {
      fields->emplace_back();
    } else {
      if (saw_non_ascii) DC_RETURN_IF_ERROR(ValidateUtf8(value));
      fields->emplace_back(std::move(value));
    }
    if (!found_delimiter) return Status::Ok();
  }
}

// PostgreSQL's CopyReadAttributesCSV: quotes may open and close anywhere in a field; only
// an unquoted field equal to the null string is NULL (FORCE_NOT_NULL and FORCE_NULL aside).
Status CopyReader::SplitCsv(std::vector<CopyField>* fields) const {
  const std::string_view line = line_;
  size_t i = 0;
  for (;;) {
    const size_t start = i;
    std::string value;
    bool found_delimiter = false, saw_quote = false;
    size_t end = i;
    for (;;) {
      // Outside quotes.
      bool in_quotes = false;
      for (;;) {
        end = i;
        if (i >= line.size()) break;
        const char c = line[i++];
        if (c == format_.delimiter) {
          found_delimiter = true;
          break;
        }
        if (c == format_.quote) {
          saw_quote = in_quotes = true;
          break;
        }
        value.push_back(c);
      }
      if (!in_quotes) break;
      // Inside quotes.
      for (;;) {
        if (i >= line.size()) return BadCopyFormat("unterminated CSV quoted field");
        const char c = line[i++];
        if (c == format_.escape && i < line.size() &&
            (line[i] == format_.escape || line[i] == format_.quote)) {
          value.push_back(line[i++]);
          continue;
        }
        if (c == format_.quote) break;
        value.push_back(c);
      }
    }
    const size_t column = fields->size();
    const bool unquoted_null = !saw_quote && line.substr(start, end - start) == format_.null_string;
    if (unquoted_null && !Flag(format_.force_not_null, column)) {
      fields->emplace_back();
    } else if (Flag(format_.force_null, column) && value == format_.null_string) {
      fields->emplace_back();
    } else {
      fields->emplace_back(std::move(value));
    }
    if (!found_delimiter) return Status::Ok();
  }
}

}  // namespace datacave::sql
