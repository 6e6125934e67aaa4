// COPY's text and CSV codec against what PostgreSQL 15 reads and writes.

#include "sql/copy_format.h"

#include <gtest/gtest.h>

namespace datacave::sql {
namespace {

// Every row of input fed in pieces of piece bytes, as "a|b;c|N" (NULL as N); or
// "ERROR <sqlstate> <message> @<line>".
std::string Read(const CopyFormat& format, std::string_view input, size_t piece = 1 << 20) {
  CopyReader reader(format);
  std::string out;
  std::vector<CopyField> fields;
  auto drain = [&]() -> Status {
    for (;;) {
      auto got = reader.Next(&fields);
      if (!got.ok()) return got.status();
      if (!*got) return Status::Ok();
      if (!out.empty()) out += ';';
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += '|';
        out += fields[i] ? *fields[i] : "N";
      }
    }
  };
  Status s;
  for (size_t i = 0; i < input.size() && s.ok(); i += piece) {
    reader.Feed(input.substr(i, piece));
    s = drain();
  }
  if (s.ok()) {
    reader.Finish();
    s = drain();
  }
  if (!s.ok()) {
    return out + (out.empty() ? "" : ";") + "ERROR " + std::string(s.sqlstate()) + " " +
           s.message() + " @" + std::to_string(reader.line_number());
  }
  return out;
}

std::string Write(const CopyFormat& format, const std::vector<CopyField>& fields) {
  std::string out;
  AppendCopyRow(format, fields, &out);
  return out;
}

TEST(CopyFormatTest, TextReadsFieldsAndNull) {
  const CopyFormat text = CopyFormat::Text();
  EXPECT_EQ(Read(text, "1\tx\n2\t\\N\n"), "1|x;2|N");
  EXPECT_EQ(Read(text, "1\tx"), "1|x");  // the last line needs no line end
  EXPECT_EQ(Read(text, "\n"), "");       // one empty field
  EXPECT_EQ(Read(text, "a\t\t\n"), "a||");
  // NULL is the raw text: an escaped \N is the letter N.
  EXPECT_EQ(Read(text, "\\\\N\t\\N\n"), "\\N|N");
}

TEST(CopyFormatTest, TextEscapes) {
  const CopyFormat text = CopyFormat::Text();
  EXPECT_EQ(Read(text, "a\\tb\\nc\\\\d\\\te\n"), "a\tb\nc\\d\te");
  EXPECT_EQ(Read(text, "\\101\\x42\\x4a\\7\\q\n"),
            "ABJ\a"
            "q");
  EXPECT_EQ(Read(text, "\\xg\n"), "xg");  // \x without a hex digit is an x
  EXPECT_EQ(Read(text, "\\b\\f\\r\\v\n"), "\b\f\r\v");
  // An escaped line end is data.
  EXPECT_EQ(Read(text, "a\\\nb\n"), "a\nb");
  // Escapes that make bad UTF-8 or a NUL are refused.
  EXPECT_EQ(Read(text, "\\0\n").substr(0, 12), "ERROR 22021 ");
  EXPECT_EQ(Read(text, "\\xff\n").substr(0, 12), "ERROR 22021 ");
  EXPECT_EQ(Read(text, "\\xc3\\xa9\n"), "\xc3\xa9");
  EXPECT_EQ(Read(text, "\xff\n").substr(0, 12), "ERROR 22021 ");
}

TEST(CopyFormatTest, EndMarker) {
  const CopyFormat text = CopyFormat::Text();
  EXPECT_EQ(Read(text, "1\n\\.\nignored\n"), "1");
  EXPECT_EQ(Read(text, "1\nab\\.\nignored"), "1;ab");  // PostgreSQL 15 keeps "ab"
  EXPECT_EQ(Read(text, "1\n\\.x\n"), "1;ERROR 22P04 end-of-copy marker corrupt @2");
  EXPECT_EQ(Read(text, "1\n\\."), "1;ERROR 22P04 end-of-copy marker corrupt @2");
  EXPECT_EQ(Read(text, "1\r\n\\.\n"),
            "1;ERROR 22P04 end-of-copy marker does not match previous newline style @2");
  EXPECT_EQ(Read(text, "1\r\n\\.\r\n"), "1");
  const CopyFormat csv = CopyFormat::Csv();
  EXPECT_EQ(Read(csv, "1\n\\.\n2\n"), "1");
  EXPECT_EQ(Read(csv, "1\n\\.x\n"), "1;\\.x");  // data in CSV
  EXPECT_EQ(Read(csv, "a\\.\n"), "a\\.");
}

TEST(CopyFormatTest, LineEnds) {
  const CopyFormat text = CopyFormat::Text();
  EXPECT_EQ(Read(text, "1\r\n2\r\n"), "1;2");
  EXPECT_EQ(Read(text, "1\r2\r"), "1;2");
  EXPECT_EQ(Read(text, "1\n2\r\n"), "1;ERROR 22P04 literal carriage return found in data @2");
  EXPECT_EQ(Read(text, "1\r\n2\n"), "1;ERROR 22P04 literal newline found in data @2");
  EXPECT_EQ(Read(CopyFormat::Csv(), "1\r\n2\n"), "1;ERROR 22P04 unquoted newline found in data @2");
}

TEST(CopyFormatTest, CsvQuotes) {
  const CopyFormat csv = CopyFormat::Csv();
  EXPECT_EQ(Read(csv, "1,\"a,b\",\"\"\n"), "1|a,b|");
  EXPECT_EQ(Read(csv, "1,,\"x\"\"y\"\n"), "1|N|x\"y");
  EXPECT_EQ(Read(csv, "5,\"a\"\"b\"\n7,\n"), "5|a\"b;7|N");
  EXPECT_EQ(Read(csv, "\"multi\nline\",2\n3,4\n"), "multi\nline|2;3|4");
  EXPECT_EQ(Read(csv, "a\"b\"c\n"), "abc");  // quotes may open anywhere
  EXPECT_EQ(Read(csv, "1,\"x\n"), "ERROR 22P04 unterminated CSV quoted field @1");
  CopyFormat escaped = csv;
  escaped.escape = '\\';
  EXPECT_EQ(Read(escaped, "\"a\\\"b\\\\c\\d\"\n"), "a\"b\\c\\d");
}

TEST(CopyFormatTest, CsvForceOptions) {
  CopyFormat csv = CopyFormat::Csv();
  csv.force_not_null = {false, true};
  EXPECT_EQ(Read(csv, ",\n"), "N|");
  csv.force_not_null.clear();
  csv.force_null = {true, false};
  EXPECT_EQ(Read(csv, "\"\",\"\"\n"), "N|");
}

TEST(CopyFormatTest, HeaderIsSkipped) {
  CopyFormat csv = CopyFormat::Csv();
  csv.header = true;
  EXPECT_EQ(Read(csv, "a,b\n1,2\n"), "1|2");
  // The newline inside the open quote counts as a line, as in PostgreSQL.
  EXPECT_EQ(Read(csv, "a,b\n1,x\"\n", 3), "ERROR 22P04 unterminated CSV quoted field @3");
}

TEST(CopyFormatTest, PiecesOfAnySizeReadTheSame) {
  const std::string input = "1\tab\\\\\\tc\r\n\\N\t\\x41\r\n3\t\\.x\r\n\\.\r\nrest";
  const std::string whole = Read(CopyFormat::Text(), input);
  for (size_t piece = 1; piece < 8; ++piece) {
    EXPECT_EQ(Read(CopyFormat::Text(), input, piece), whole) << piece;
  }
  const std::string csv = "\"a\r\nb\",\"\"\"\"\r\n\\.\r\n";
  const std::string csv_whole = Read(CopyFormat::Csv(), csv);
  EXPECT_EQ(csv_whole, "a\r\nb|\"");
  for (size_t piece = 1; piece < 8; ++piece) {
    EXPECT_EQ(Read(CopyFormat::Csv(), csv, piece), csv_whole) << piece;
  }
}

TEST(CopyFormatTest, TextWrite) {
  const CopyFormat text = CopyFormat::Text();
  EXPECT_EQ(Write(text, {"1", std::nullopt, ""}), "1\t\\N\t\n");
  EXPECT_EQ(Write(text, {"a\tb\nc\\d\re\x01"}), "a\\tb\\nc\\\\d\\re\x01\n");
  CopyFormat pipe = text;
  pipe.delimiter = '|';
  EXPECT_EQ(Write(pipe, {"a|b", "\\N"}), "a\\|b|\\\\N\n");
}

TEST(CopyFormatTest, CsvWrite) {
  CopyFormat csv = CopyFormat::Csv();
  EXPECT_EQ(Write(csv, {"1", std::nullopt, "", "a,b", "x\"y", "l\nm"}),
            "1,,\"\",\"a,b\",\"x\"\"y\",\"l\nm\"\n");
  EXPECT_EQ(Write(csv, {"\\."}), "\"\\.\"\n");
  EXPECT_EQ(Write(csv, {"\\.", "1"}), "\\.,1\n");
  csv.force_quote = {true, false};
  EXPECT_EQ(Write(csv, {"a", "b"}), "\"a\",b\n");
  std::string header;
  AppendCopyHeader(CopyFormat::Csv(), {"a", "b c"}, &header);
  EXPECT_EQ(header, "a,b c\n");
}

}  // namespace
}  // namespace datacave::sql
