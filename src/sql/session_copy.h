#pragma once

// The state of a COPY FROM STDIN between its statement and the end of its data: the
// session's private part, shared by session.cc and session_copy.cc.

#include <string>
#include <string_view>
#include <vector>

#include "sql/copy_format.h"
#include "sql/session.h"
#include "sql/table_writer.h"

namespace datacave::sql {

// PostgreSQL's limit_printout_length: at most 100 bytes of a line or value in a CONTEXT,
// cut at a character boundary, then "...".
inline std::string Printable(std::string_view s) {
  constexpr size_t kMax = 100;
  if (s.size() <= kMax) return std::string(s);
  size_t end = kMax;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xc0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "...";
}

struct Session::CopyIn {
  CopyIn(TableWriter w, std::vector<int> t, CopyFormat format)
      : writer(std::move(w)), targets(std::move(t)), reader(std::move(format)) {}

  TableWriter writer;
  std::vector<int> targets;  // the table column of each field
  CopyReader reader;
  struct Pending {
    Row row;
    uint64_t line;
  };
  std::vector<Pending> batch;  // checked, not yet written
  int64_t rows = 0;            // written
  bool commit_at_end = false;  // outside a transaction block: CopyInDone commits

  const std::string& relation() const { return writer.table->name; }
  // The CONTEXT of an error in the current line.
  std::string LineContext() const {
    std::string where = "COPY " + relation() + ", line " + std::to_string(reader.line_number());
    if (reader.line_valid()) where += ": \"" + Printable(reader.line()) + "\"";
    return where;
  }
};

}  // namespace datacave::sql
