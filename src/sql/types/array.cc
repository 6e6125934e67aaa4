#include "sql/types/array.h"

#include <vector>

#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

// array_isspace: the blanks PostgreSQL skips around elements.
bool IsArraySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

Status Malformed(std::string_view text, std::string detail) {
  return Status::Sql(StatusCode::kInvalidArgument, "22P02",
                     "malformed array literal: \"" + std::string(text) + "\"")
      .WithDetail(std::move(detail));
}

bool EqualsNullWord(std::string_view s) {
  if (s.size() != 4) return false;
  for (size_t i = 0; i < 4; ++i) {
    if ((s[i] | 0x20) != "null"[i]) return false;
  }
  return true;
}

// Reads an optional "[lower:upper]=" decoration; returns the lower bound and the number of
// elements it declares (or -1 when there is none).
Result<std::pair<int32_t, int64_t>> ParseDimensions(std::string_view text, size_t* pos) {
  std::pair<int32_t, int64_t> result{1, -1};
  if (*pos >= text.size() || text[*pos] != '[') return result;
  auto read_int = [&](int64_t* v) {
    size_t start = *pos;
    if (*pos < text.size() && (text[*pos] == '-' || text[*pos] == '+')) ++*pos;
    while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') ++*pos;
    if (*pos == start || *pos - start > 10) return false;
    *v = std::stoll(std::string(text.substr(start, *pos - start)));
    return true;
  };
  ++*pos;
  int64_t lower = 1, upper = 0;
  if (!read_int(&upper))
    return Malformed(text, "\"[\" must introduce explicitly-specified array dimensions.");
  if (*pos < text.size() && text[*pos] == ':') {
    ++*pos;
    lower = upper;
    if (!read_int(&upper)) return Malformed(text, "Missing array dimension value.");
  }
  if (*pos >= text.size() || text[*pos] != ']') {
    return Malformed(text, "Missing \"]\" after array dimensions.");
  }
  ++*pos;
  if (*pos < text.size() && text[*pos] == '[') {
    return Status::NotSupported("multidimensional arrays are not supported");
  }
  if (upper < lower) {
    return Status::Sql(StatusCode::kInvalidArgument, "2202E",
                       "upper bound cannot be less than lower bound");
  }
  if (*pos >= text.size() || text[*pos] != '=') {
    return Malformed(text, "Missing \"=\" after array dimensions.");
  }
  ++*pos;
  while (*pos < text.size() && IsArraySpace(text[*pos])) ++*pos;
  result = {static_cast<int32_t>(lower), upper - lower + 1};
  return result;
}

Result<Value> ParseVector(const Type& type, std::string_view text) {
  const Type element = Type::Of(ArrayElementType(type.id));
  std::vector<Value> elements;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && IsArraySpace(text[pos])) ++pos;
    if (pos == text.size()) break;
    size_t end = pos;
    while (end < text.size() && !IsArraySpace(text[end])) ++end;
    DC_ASSIGN_OR_RETURN(Value v, ParseText(element, text.substr(pos, end - pos)));
    elements.push_back(std::move(v));
    pos = end;
  }
  return Value::Array(type.id, std::move(elements), 0);
}

}  // namespace

Result<Value> ParseArrayText(const Type& type, std::string_view text) {
  if (type.id == TypeId::kInt2Vector || type.id == TypeId::kOidVector) {
    return ParseVector(type, text);
  }
  const Type element{ArrayElementType(type.id), type.typmod};
  size_t pos = 0;
  while (pos < text.size() && IsArraySpace(text[pos])) ++pos;
  DC_ASSIGN_OR_RETURN(auto dimensions, ParseDimensions(text, &pos));
  if (pos >= text.size() || text[pos] != '{') {
    return Malformed(text, "Array value must start with \"{\" or dimension information.");
  }
  ++pos;
  std::vector<Value> elements;
  auto skip_blanks = [&] {
    while (pos < text.size() && IsArraySpace(text[pos])) ++pos;
  };
  skip_blanks();
  if (pos < text.size() && text[pos] == '}') {
    ++pos;
  } else {
    while (true) {
      skip_blanks();
      if (pos >= text.size()) return Malformed(text, "Unexpected end of input.");
      if (text[pos] == '{')
        return Status::NotSupported("multidimensional arrays are not supported");
      std::string item;
      bool quoted = false;
      if (text[pos] == '"') {
        quoted = true;
        ++pos;
        while (true) {
          if (pos >= text.size()) return Malformed(text, "Unexpected end of input.");
          char c = text[pos++];
          if (c == '"') break;
          if (c == '\\') {
            if (pos >= text.size()) return Malformed(text, "Unexpected end of input.");
            c = text[pos++];
          }
          item.push_back(c);
        }
        skip_blanks();
      } else {
        size_t kept = 0;  // item's length up to its last escaped or non-blank character
        while (pos < text.size() && text[pos] != ',' && text[pos] != '}') {
          char c = text[pos++];
          if (c == '"') return Malformed(text, "Unexpected array element.");
          if (c == '{') return Malformed(text, "Unexpected \"{\" character.");
          if (c == '\\') {
            if (pos >= text.size()) return Malformed(text, "Unexpected end of input.");
            item.push_back(text[pos++]);
            kept = item.size();
            continue;
          }
          item.push_back(c);
          if (!IsArraySpace(c)) kept = item.size();
        }
        item.resize(kept);
        if (item.empty()) {
          if (pos >= text.size()) return Malformed(text, "Unexpected end of input.");
          return Malformed(text, std::string("Unexpected \"") + text[pos] + "\" character.");
        }
      }
      if (pos >= text.size()) return Malformed(text, "Unexpected end of input.");
      if (!quoted && EqualsNullWord(item)) {
        elements.push_back(Value::Null(element.id));
      } else {
        DC_ASSIGN_OR_RETURN(Value v, ParseText(element, item));
        elements.push_back(std::move(v));
      }
      const char separator = text[pos++];
      if (separator == '}') break;
      if (separator != ',') {
        return Malformed(text, std::string("Unexpected \"") + separator + "\" character.");
      }
    }
  }
  skip_blanks();
  if (pos != text.size()) return Malformed(text, "Junk after closing right brace.");
  if (dimensions.second >= 0 && dimensions.second != static_cast<int64_t>(elements.size())) {
    return Malformed(text, "Specified array dimensions do not match array contents.");
  }
  // An empty array has no dimensions, so no lower bound of its own.
  const int32_t lower = elements.empty() ? 1 : dimensions.first;
  return Value::Array(type.id, std::move(elements), lower);
}

void AppendArrayText(const Value& v, std::string* out) {
  const ArrayData& array = v.array_value();
  if (v.type() == TypeId::kInt2Vector || v.type() == TypeId::kOidVector) {
    for (size_t i = 0; i < array.elements.size(); ++i) {
      if (i > 0) out->push_back(' ');
      AppendText(array.elements[i], out);
    }
    return;
  }
  if (array.lower_bound != 1 && !array.elements.empty()) {
    const int64_t upper =
        int64_t{array.lower_bound} + static_cast<int64_t>(array.elements.size()) - 1;
    out->append("[" + std::to_string(array.lower_bound) + ":" + std::to_string(upper) + "]=");
  }
  out->push_back('{');
  std::string item;
  for (size_t i = 0; i < array.elements.size(); ++i) {
    if (i > 0) out->push_back(',');
    const Value& e = array.elements[i];
    if (e.is_null()) {
      out->append("NULL");
      continue;
    }
    item.clear();
    AppendText(e, &item);
    bool quote = item.empty() || EqualsNullWord(item);
    for (char c : item) {
      if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || IsArraySpace(c)) {
        quote = true;
      }
    }
    if (!quote) {
      out->append(item);
      continue;
    }
    out->push_back('"');
    for (char c : item) {
      if (c == '"' || c == '\\') out->push_back('\\');
      out->push_back(c);
    }
    out->push_back('"');
  }
  out->push_back('}');
}

}  // namespace datacave::sql
