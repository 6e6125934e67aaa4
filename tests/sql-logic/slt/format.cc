#include "sql-logic/slt/format.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace datacave::slt {
namespace {

bool IsIntegerType(uint32_t oid) {
  return oid == kInt2Oid || oid == kInt4Oid || oid == kInt8Oid;
}

// SQLite's text-to-number conversion reads the longest numeric prefix and yields 0 when there
// is none; strtod does the same, and also reads PostgreSQL's "NaN" and "Infinity".
double NumericPrefix(const std::string& text) {
  return std::strtod(text.c_str(), nullptr);
}

std::string FormatInteger(const std::string& text, uint32_t type_oid) {
  if (IsIntegerType(type_oid)) return text;
  if (type_oid == kBoolOid) return text == "t" ? "1" : "0";
  // An integer literal is taken exactly (a double would lose digits past 2^53).
  char* end = nullptr;
  errno = 0;
  long long exact = std::strtoll(text.c_str(), &end, 10);
  if (errno == 0 && end != text.c_str() && (*end == '\0' || *end == '.')) {
    bool fraction_digits_only = *end == '\0';
    if (*end == '.') {
      fraction_digits_only = true;
      for (const char* p = end + 1; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') fraction_digits_only = false;
      }
    }
    // "-0.5" truncates to 0, which strtoll already gives; "12.75" gives 12.
    if (fraction_digits_only) return std::to_string(exact);
  }
  double d = std::trunc(NumericPrefix(text));
  // SQLite saturates out-of-range reals and maps NaN to 0.
  if (std::isnan(d)) return "0";
  if (d >= 9223372036854775807.0) return std::to_string(std::numeric_limits<int64_t>::max());
  if (d <= -9223372036854775808.0) return std::to_string(std::numeric_limits<int64_t>::min());
  return std::to_string(static_cast<int64_t>(d));
}

std::string FormatReal(const std::string& text, uint32_t type_oid) {
  double d = type_oid == kBoolOid ? (text == "t" ? 1.0 : 0.0) : NumericPrefix(text);
  char buffer[512];
  std::snprintf(buffer, sizeof(buffer), "%.3f", d);
  return buffer;
}

std::string FormatText(const std::string& text) {
  if (text.empty()) return "(empty)";
  std::string out = text;
  for (char& c : out) {
    if (c < ' ' || c > '~') c = '@';
  }
  return out;
}

std::string BoolWord(const std::string& text) {
  return text == "t" ? "true" : text == "f" ? "false" : text;
}

}  // namespace

std::string FormatStandardValue(const std::optional<std::string>& value, uint32_t type_oid,
                                char type_letter) {
  if (!value) return "NULL";
  switch (type_letter) {
    case 'I': return FormatInteger(*value, type_oid);
    case 'R': return FormatReal(*value, type_oid);
    case 'B':
      if (type_oid == kBoolOid) return BoolWord(*value);
      return FormatText(*value);
    default: return FormatText(*value);
  }
}

std::string FormatRawValue(const std::optional<std::string>& value, uint32_t type_oid,
                           ResultMode mode, bool multi_column) {
  if (!value) return "NULL";
  if (mode == ResultMode::kRows) return value->empty() ? "(empty)" : *value;
  // CockroachDB's logic tests print booleans as words, the empty string as a middle dot, and
  // a space inside a value of a multi-column row as U+2420 so that columns stay apart.
  if (type_oid == kBoolOid) return BoolWord(*value);
  if (value->empty()) return "\xC2\xB7";
  if (!multi_column) return *value;
  std::string out;
  for (char c : *value) {
    if (c == ' ') {
      out += "\xE2\x90\xA0";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::string> FormatValues(const QueryResult& result, std::string_view types,
                                      ResultMode mode) {
  std::vector<std::string> values;
  size_t columns = result.column_types.size();
  values.reserve(result.rows.size() * columns);
  for (const auto& row : result.rows) {
    for (size_t c = 0; c < columns; c++) {
      const std::optional<std::string>& value = c < row.size() ? row[c] : std::nullopt;
      if (mode == ResultMode::kStandard) {
        values.push_back(FormatStandardValue(value, result.column_types[c], types[c]));
      } else {
        values.push_back(FormatRawValue(value, result.column_types[c], mode, columns > 1));
      }
    }
  }
  return values;
}

void SortValues(SortMode sort, size_t columns, std::vector<std::string>* values) {
  if (sort == SortMode::kValueSort) {
    std::sort(values->begin(), values->end());
    return;
  }
  if (sort != SortMode::kRowSort || columns == 0) return;
  size_t rows = values->size() / columns;
  std::vector<size_t> order(rows);
  for (size_t i = 0; i < rows; i++) order[i] = i;
  auto cell = [&](size_t row, size_t column) -> const std::string& {
    return (*values)[row * columns + column];
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (size_t c = 0; c < columns; c++) {
      int cmp = cell(a, c).compare(cell(b, c));
      if (cmp != 0) return cmp < 0;
    }
    return false;
  });
  std::vector<std::string> sorted;
  sorted.reserve(values->size());
  for (size_t row : order) {
    for (size_t c = 0; c < columns; c++) sorted.push_back(std::move((*values)[row * columns + c]));
  }
  *values = std::move(sorted);
}

std::string Md5OfValues(const std::vector<std::string>& values) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_md5(), nullptr);
  for (const std::string& value : values) {
    EVP_DigestUpdate(ctx, value.data(), value.size());
    EVP_DigestUpdate(ctx, "\n", 1);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; i++) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

std::string HashLine(const std::vector<std::string>& values) {
  return std::to_string(values.size()) + " values hashing to " + Md5OfValues(values);
}

bool IsHashLine(std::string_view line) {
  std::string normalized = NormalizeSpaces(line);
  std::string_view s = normalized;
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') digits++;
  constexpr std::string_view kMiddle = " values hashing to ";
  if (digits == 0 || s.substr(digits, kMiddle.size()) != kMiddle) return false;
  std::string_view hash = s.substr(digits + kMiddle.size());
  return hash.size() == 32 && std::all_of(hash.begin(), hash.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string NormalizeSpaces(std::string_view line) {
  std::string out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) i++;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') i++;
    if (i > start) {
      if (!out.empty()) out.push_back(' ');
      out.append(line.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace datacave::slt
