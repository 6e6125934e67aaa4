// Feeds arbitrary bytes as COPY FROM input, in text and CSV formats, in pieces whose sizes
// the input also chooses. The reader must return rows or an error with a SQLSTATE, never
// crash or loop; reading the same bytes in one piece must give the same rows; and every row
// read must write and read back unchanged.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sql/copy_format.h"

using namespace datacave::sql;

namespace {

// All rows, or the error's SQLSTATE as a one-field row marked by the empty row before it.
std::vector<std::vector<CopyField>> ReadAll(const CopyFormat& format, std::string_view data,
                                            size_t piece) {
  CopyReader reader(format);
  std::vector<std::vector<CopyField>> rows;
  std::vector<CopyField> fields;
  auto drain = [&]() {
    for (;;) {
      auto got = reader.Next(&fields);
      if (!got.ok()) {
        if (got.status().sqlstate().size() != 5) std::abort();
        rows.emplace_back();
        rows.push_back({std::string(got.status().sqlstate())});
        return false;
      }
      if (!*got) return true;
      rows.push_back(fields);
    }
  };
  for (size_t i = 0; i < data.size(); i += piece) {
    reader.Feed(data.substr(i, piece));
    if (!drain()) return rows;
  }
  reader.Finish();
  drain();
  return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size < 2) return 0;
  const bool csv = bytes[0] & 1;
  const char delimiters[] = {'\t', ',', '|', ';'};
  CopyFormat format = csv ? CopyFormat::Csv() : CopyFormat::Text();
  format.delimiter = delimiters[(bytes[0] >> 1) & 3];
  format.header = bytes[0] & 8;
  if (csv && (bytes[0] & 16)) format.escape = '\\';
  const size_t piece = 1 + bytes[1] % 16;
  std::string_view data(reinterpret_cast<const char*>(bytes) + 2, size - 2);

  const auto rows = ReadAll(format, data, piece);
  if (ReadAll(format, data, data.size() + 1) != rows) std::abort();
  // Rows that read must survive a write and a read (no header: its line is not data).
  format.header = false;
  std::vector<std::vector<CopyField>> read;
  std::string written;
  for (const auto& row : rows) {
    if (row.empty()) break;  // an error follows
    read.push_back(row);
    AppendCopyRow(format, row, &written);
  }
  if (ReadAll(format, written, written.size() + 1) != read) std::abort();
  return 0;
}
