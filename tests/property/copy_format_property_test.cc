// COPY's codec round-trips: any rows written in text or CSV format (any delimiter, null
// string, quote and escape PostgreSQL accepts) read back as the same rows, whatever the
// sizes of the pieces the input arrives in.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "sql/copy_format.h"

namespace datacave::sql {
namespace {

// Valid UTF-8 without NUL: COPY input is checked as text.
rc::Gen<std::string> Text() {
  return rc::gen::map(rc::gen::container<std::vector<int>>(rc::gen::oneOf(
                          rc::gen::inRange(1, 128), rc::gen::element(0xe9, 0x4e2d, 0x1f600))),
                      [](const std::vector<int>& code_points) {
                        std::string s;
                        for (int cp : code_points) {
                          if (cp < 0x80) {
                            s.push_back(static_cast<char>(cp));
                          } else if (cp < 0x800) {
                            s.push_back(static_cast<char>(0xc0 | (cp >> 6)));
                            s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
                          } else if (cp < 0x10000) {
                            s.push_back(static_cast<char>(0xe0 | (cp >> 12)));
                            s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
                            s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
                          } else {
                            s.push_back(static_cast<char>(0xf0 | (cp >> 18)));
                            s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
                            s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
                            s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
                          }
                        }
                        return s;
                      });
}

// A format PostgreSQL's option checks accept.
rc::Gen<CopyFormat> Format() {
  return rc::gen::exec([] {
    CopyFormat format = *rc::gen::arbitrary<bool>() ? CopyFormat::Csv() : CopyFormat::Text();
    format.delimiter = *rc::gen::element('\t', ',', '|', ';', ' ');
    // In text format only a null string with a backslash is told apart from every value
    // (PostgreSQL's too: with NULL '' an empty string reads back as NULL).
    if (format.csv) {
      format.null_string = *rc::gen::element<std::string>("", "NULL", "-", "\\N");
      format.quote = *rc::gen::element('"', '\'');
      format.escape = *rc::gen::element(format.quote, '\\');
      RC_PRE(format.delimiter != format.quote);
      RC_PRE(format.null_string.find(format.quote) == std::string::npos);
    }
    RC_PRE(format.null_string.find(format.delimiter) == std::string::npos);
    format.header = *rc::gen::arbitrary<bool>();
    return format;
  });
}

RC_GTEST_PROP(CopyFormatProperty, RowsRoundTripInAnyPieces, ()) {
  const CopyFormat format = *Format();
  const size_t columns = *rc::gen::inRange<size_t>(1, 5);
  const auto rows = *rc::gen::container<std::vector<std::vector<CopyField>>>(
      rc::gen::container<std::vector<CopyField>>(
          columns,
          rc::gen::oneOf(rc::gen::just(CopyField()),
                         rc::gen::map(Text(), [](std::string s) { return CopyField(s); }))));
  std::string data;
  if (format.header) {
    std::vector<std::string> names;
    for (size_t i = 0; i < columns; ++i) names.push_back(*Text());
    AppendCopyHeader(format, names, &data);
  }
  for (const auto& row : rows) AppendCopyRow(format, row, &data);
  if (*rc::gen::arbitrary<bool>()) data += "\\.\n";  // the end marker psql and pgbench send

  CopyReader reader(format);
  std::vector<std::vector<CopyField>> read;
  std::vector<CopyField> fields;
  auto drain = [&] {
    for (;;) {
      auto got = reader.Next(&fields);
      RC_ASSERT(got.ok());
      if (!*got) return;
      read.push_back(fields);
    }
  };
  const size_t piece = *rc::gen::inRange<size_t>(1, 64);
  for (size_t i = 0; i < data.size(); i += piece) {
    reader.Feed(std::string_view(data).substr(i, piece));
    drain();
  }
  reader.Finish();
  drain();
  RC_ASSERT(reader.done());
  RC_ASSERT(read == rows);
}

}  // namespace
}  // namespace datacave::sql
