#include "sql/parser/lexer.h"

#include <cstdio>
#include <cstring>
#include <optional>

namespace datacave::sql {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// Bytes >= 0x80 count as letters, so that identifiers may hold any UTF-8 character.
bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentContinue(char c) {
  return IsIdentStart(c) || IsDigit(c) || c == '$';
}
// Characters that may make up an operator.
bool IsOperatorChar(char c) {
  return c != '\0' && std::strchr("~!@#^&|`?+-*/%<>=", c);
}
// An operator holding one of these may end in + or - (see LexOperator).
bool IsNonMathOperatorChar(char c) {
  return c != '\0' && std::strchr("~!@#^&|`?%", c);
}

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The offset of the first byte of s that does not start a valid UTF-8 sequence, or npos.
size_t InvalidUtf8At(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || c == 0 || i + n > s.size()) return i;
    for (size_t k = 1; k < n; k++) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

class Lexer {
 public:
  explicit Lexer(std::string_view query) : q_(query) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    for (;;) {
      DC_RETURN_IF_ERROR(SkipSpaceAndComments(nullptr));
      if (pos_ >= q_.size()) break;
      DC_ASSIGN_OR_RETURN(Token token, Next());
      tokens.push_back(std::move(token));
    }
    tokens.push_back(Token{TokenKind::kEnd, "", false, static_cast<uint32_t>(q_.size()), 0});
    return tokens;
  }

 private:
  char At(size_t i) const { return i < q_.size() ? q_[i] : '\0'; }

  // An error pointing at the token that starts at `start`, "... at or near "<text>"", with
  // text running from start to the current position.
  Status ErrorNear(std::string_view message, size_t start, std::string_view sqlstate = "42601",
                   size_t end = std::string_view::npos) const {
    if (end == std::string_view::npos) end = pos_;
    std::string msg(message);
    msg += " at or near \"";
    msg += q_.substr(start, end - start);
    msg += "\"";
    return Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::move(msg))
        .WithPosition(CharacterPosition(q_, static_cast<uint32_t>(start)));
  }
  Status ErrorAt(std::string_view message, size_t start, std::string_view sqlstate) const {
    return Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::string(message))
        .WithPosition(CharacterPosition(q_, static_cast<uint32_t>(start)));
  }

  // Skips whitespace and comments; *saw_newline (when given) tells whether the skipped text
  // held a newline, which lets a quoted string continue.
  Status SkipSpaceAndComments(bool* saw_newline) {
    for (;;) {
      char c = At(pos_);
      if (IsSpace(c)) {
        if (saw_newline != nullptr && (c == '\n' || c == '\r')) *saw_newline = true;
        pos_++;
      } else if (c == '-' && At(pos_ + 1) == '-') {
        while (pos_ < q_.size() && q_[pos_] != '\n' && q_[pos_] != '\r') pos_++;
      } else if (c == '/' && At(pos_ + 1) == '*') {
        size_t start = pos_;
        int depth = 0;
        do {
          if (At(pos_) == '/' && At(pos_ + 1) == '*') {
            depth++;
            pos_ += 2;
          } else if (At(pos_) == '*' && At(pos_ + 1) == '/') {
            depth--;
            pos_ += 2;
          } else if (pos_ >= q_.size()) {
            return ErrorNear("unterminated /* comment", start);
          } else {
            pos_++;
          }
        } while (depth > 0);
      } else {
        return Status::Ok();
      }
    }
  }

  Token Make(TokenKind kind, std::string text, size_t start, bool quoted = false) const {
    return Token{kind, std::move(text), quoted, static_cast<uint32_t>(start),
                 static_cast<uint32_t>(pos_ - start)};
  }

  Result<Token> Next() {
    const size_t start = pos_;
    const char c = q_[pos_];
    const char c1 = At(pos_ + 1);
    const char c2 = At(pos_ + 2);
    if (c == '\'') return LexString(start, pos_, StringStyle::kStandard);
    if ((c == 'e' || c == 'E') && c1 == '\'')
      return LexString(start, pos_ + 1, StringStyle::kEscape);
    if ((c == 'n' || c == 'N') && c1 == '\'') {
      return LexString(start, pos_ + 1, StringStyle::kStandard);
    }
    if ((c == 'u' || c == 'U') && c1 == '&' && c2 == '\'') {
      return LexString(start, pos_ + 2, StringStyle::kUnicode);
    }
    if ((c == 'u' || c == 'U') && c1 == '&' && c2 == '"') {
      pos_ += 2;
      return LexQuotedIdentifier(start, /*unicode=*/true);
    }
    if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && c1 == '\'') return LexBitString(start);
    if (c == '"') return LexQuotedIdentifier(start, /*unicode=*/false);
    if (IsIdentStart(c)) return LexIdentifier(start);
    if (IsDigit(c) || (c == '.' && IsDigit(c1))) return LexNumber(start);
    if (c == '$') {
      if (IsDigit(c1)) return LexParameter(start);
      auto dollar = TryLexDollarString(start);
      if (dollar.has_value()) return std::move(*dollar);
    }
    // Two-character punctuation, then operators, then any single byte.
    for (const char* p : {"::", "..", ":=", "=>"}) {
      if (c == p[0] && c1 == p[1]) {
        pos_ += 2;
        return Make(TokenKind::kPunctuation, p, start);
      }
    }
    if (IsOperatorChar(c)) return LexOperator(start);
    pos_++;
    return Make(TokenKind::kPunctuation, std::string(1, c), start);
  }

  Result<Token> LexIdentifier(size_t start) {
    while (IsIdentContinue(At(pos_))) pos_++;
    std::string text(q_.substr(start, pos_ - start));
    for (char& ch : text) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    Truncate(&text);
    return Make(TokenKind::kIdentifier, std::move(text), start);
  }

  // Cuts an identifier to kMaxIdentifierLength bytes without splitting a UTF-8 character.
  static void Truncate(std::string* text) {
    if (text->size() <= kMaxIdentifierLength) return;
    auto continuation = [&](size_t i) {
      return (static_cast<unsigned char>((*text)[i]) & 0xC0) == 0x80;
    };
    // Back up to the lead byte of the character the limit falls in; a UTF-8 character has
    // at most three continuation bytes. Bytes that are not UTF-8 are cut where they stand.
    size_t cut = kMaxIdentifierLength;
    while (cut > kMaxIdentifierLength - 3 && continuation(cut)) cut--;
    if (continuation(cut) || (static_cast<unsigned char>((*text)[cut]) & 0xC0) != 0xC0) {
      cut = kMaxIdentifierLength;
    }
    text->resize(cut);
  }

  Result<Token> LexQuotedIdentifier(size_t start, bool unicode) {
    pos_++;  // the opening quote
    std::string text;
    for (;;) {
      if (pos_ >= q_.size()) return ErrorNear("unterminated quoted identifier", start);
      if (q_[pos_] == '"') {
        if (At(pos_ + 1) == '"') {
          text.push_back('"');
          pos_ += 2;
          continue;
        }
        pos_++;
        break;
      }
      text.push_back(q_[pos_++]);
    }
    if (text.empty()) return ErrorNear("zero-length delimited identifier", start);
    if (unicode) {
      DC_ASSIGN_OR_RETURN(text, DecodeUnicodeEscapes(text, start));
    }
    Truncate(&text);
    return Make(TokenKind::kIdentifier, std::move(text), start, /*quoted=*/true);
  }

  enum class StringStyle { kStandard, kEscape, kUnicode };

  // A quoted string whose opening quote is at quote; continues across whitespace holding a
  // newline ('a'\n'b' is 'ab').
  Result<Token> LexString(size_t start, size_t quote, StringStyle style) {
    pos_ = quote;
    std::string raw;  // the text between the quotes, '' already folded to '
    for (;;) {
      pos_++;  // the opening quote
      for (;;) {
        if (pos_ >= q_.size()) return ErrorNear("unterminated quoted string", start);
        char ch = q_[pos_];
        if (ch == '\'') {
          if (At(pos_ + 1) == '\'') {
            raw.push_back('\'');
            pos_ += 2;
            continue;
          }
          pos_++;
          break;
        }
        if (ch == '\\' && style == StringStyle::kEscape && pos_ + 1 < q_.size()) {
          raw.push_back(ch);  // keep the escape and what it escapes, even a quote
          raw.push_back(q_[pos_ + 1]);
          pos_ += 2;
          continue;
        }
        raw.push_back(ch);
        pos_++;
      }
      // A continuation: whitespace with a newline, then another quote.
      size_t after = pos_;
      bool newline = false;
      DC_RETURN_IF_ERROR(SkipSpaceAndComments(&newline));
      if (newline && At(pos_) == '\'') continue;
      pos_ = after;
      break;
    }
    std::string value;
    if (style == StringStyle::kEscape) {
      DC_ASSIGN_OR_RETURN(value, DecodeBackslashEscapes(raw, start));
    } else if (style == StringStyle::kUnicode) {
      DC_ASSIGN_OR_RETURN(value, DecodeUnicodeEscapes(raw, start));
    } else {
      value = std::move(raw);
    }
    return Make(TokenKind::kString, std::move(value), start);
  }

  // E'...' escapes: \b \f \n \r \t, \ooo octal, \xh[h] hex, \uXXXX and \UXXXXXXXX code
  // points (surrogate pairs joined), anything else stands for itself.
  Result<std::string> DecodeBackslashEscapes(std::string_view raw, size_t start) const {
    std::string out;
    for (size_t i = 0; i < raw.size(); i++) {
      if (raw[i] != '\\' || i + 1 >= raw.size()) {
        out.push_back(raw[i]);
        continue;
      }
      char e = raw[++i];
      switch (e) {
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'x':
          if (i + 1 < raw.size() && IsHexDigit(raw[i + 1])) {
            int v = HexValue(raw[++i]);
            if (i + 1 < raw.size() && IsHexDigit(raw[i + 1])) v = v * 16 + HexValue(raw[++i]);
            out.push_back(static_cast<char>(v));
          } else {
            out.push_back('x');
          }
          break;
        case 'u':
        case 'U': {
          size_t digits = e == 'u' ? 4 : 8;
          if (i + digits >= raw.size()) {
            return ErrorAt("invalid Unicode escape", start, "22025");
          }
          uint32_t cp = 0;
          for (size_t k = 1; k <= digits; k++) {
            if (!IsHexDigit(raw[i + k])) return ErrorAt("invalid Unicode escape", start, "22025");
            cp = cp * 16 + static_cast<uint32_t>(HexValue(raw[i + k]));
          }
          i += digits;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            // A high surrogate must be followed by an escaped low one.
            uint32_t low = 0;
            bool paired = i + 6 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u';
            if (paired) {
              for (size_t k = 3; k <= 6; k++) {
                if (!IsHexDigit(raw[i + k])) paired = false;
                if (paired) low = low * 16 + static_cast<uint32_t>(HexValue(raw[i + k]));
              }
            }
            if (!paired || low < 0xDC00 || low > 0xDFFF) {
              return ErrorNear("invalid Unicode surrogate pair", pos_ - 1);
            }
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return ErrorNear("invalid Unicode surrogate pair", pos_ - 1);
          }
          if (cp == 0 || cp > 0x10FFFF) {
            return ErrorAt("invalid Unicode escape value", start, "42601");
          }
          AppendUtf8(&out, cp);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int k = 0; k < 2 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7';
                 k++) {
              v = v * 8 + (raw[++i] - '0');
            }
            out.push_back(static_cast<char>(v & 0xFF));
          } else {
            out.push_back(e);
          }
      }
    }
    size_t bad = InvalidUtf8At(out);
    if (bad != std::string_view::npos) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(out[bad]));
      return Status::Sql(StatusCode::kInvalidArgument, "22021",
                         std::string("invalid byte sequence for encoding \"UTF8\": ") + hex);
    }
    return out;
  }

  // U&'...' and U&"..." escapes: \XXXX, \+XXXXXX, and \\ for a backslash.
  Result<std::string> DecodeUnicodeEscapes(std::string_view raw, size_t start) const {
    std::string out;
    for (size_t i = 0; i < raw.size(); i++) {
      if (raw[i] != '\\') {
        out.push_back(raw[i]);
        continue;
      }
      if (i + 1 < raw.size() && raw[i + 1] == '\\') {
        out.push_back('\\');
        i++;
        continue;
      }
      size_t digits = 4, first = i + 1;
      if (i + 1 < raw.size() && raw[i + 1] == '+') {
        digits = 6;
        first = i + 2;
      }
      if (first + digits > raw.size()) return ErrorAt("invalid Unicode escape", start, "42601");
      uint32_t cp = 0;
      for (size_t k = 0; k < digits; k++) {
        if (!IsHexDigit(raw[first + k])) {
          return ErrorAt("invalid Unicode escape", start, "42601");
        }
        cp = cp * 16 + static_cast<uint32_t>(HexValue(raw[first + k]));
      }
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return ErrorAt("invalid Unicode escape value", start, "42601");
      }
      AppendUtf8(&out, cp);
      i = first + digits - 1;
    }
    return out;
  }

  Result<Token> LexBitString(size_t start) {
    char prefix = static_cast<char>(q_[pos_] | 0x20);  // 'b' or 'x'
    pos_ += 2;
    std::string text(1, prefix);
    for (;;) {
      if (pos_ >= q_.size()) return ErrorNear("unterminated bit string literal", start);
      if (q_[pos_] == '\'') {
        pos_++;
        break;
      }
      text.push_back(q_[pos_++]);
    }
    // The digits are checked when the value is built, as PostgreSQL does.
    return Make(TokenKind::kBitString, std::move(text), start);
  }

  Result<Token> LexNumber(size_t start) {
    while (IsDigit(At(pos_))) pos_++;
    bool numeric = false;
    // "1..5" is an integer followed by "..", not "1." then ".5".
    if (At(pos_) == '.' && At(pos_ + 1) != '.') {
      numeric = true;
      pos_++;
      while (IsDigit(At(pos_))) pos_++;
    }
    if (At(pos_) == 'e' || At(pos_) == 'E') {
      size_t e = pos_ + 1;
      if (At(e) == '+' || At(e) == '-') e++;
      if (IsDigit(At(e))) {
        numeric = true;
        pos_ = e;
        while (IsDigit(At(pos_))) pos_++;
      }
    }
    if (IsIdentStart(At(pos_))) {
      while (IsIdentContinue(At(pos_))) pos_++;
      return ErrorNear("trailing junk after numeric literal", start);
    }
    return Make(numeric ? TokenKind::kNumeric : TokenKind::kInteger,
                std::string(q_.substr(start, pos_ - start)), start);
  }

  Result<Token> LexParameter(size_t start) {
    pos_++;  // $
    while (IsDigit(At(pos_))) pos_++;
    if (IsIdentStart(At(pos_))) {
      while (IsIdentContinue(At(pos_))) pos_++;
      return ErrorNear("trailing junk after parameter", start);
    }
    return Make(TokenKind::kParameter, std::string(q_.substr(start + 1, pos_ - start - 1)), start);
  }

  // $tag$...$tag$ (tag may be empty); nullopt when the $ does not open one.
  std::optional<Result<Token>> TryLexDollarString(size_t start) {
    size_t end = pos_ + 1;
    if (At(end) != '$') {
      if (!IsIdentStart(At(end))) return std::nullopt;
      while (IsIdentStart(At(end)) || IsDigit(At(end))) end++;
      if (At(end) != '$') return std::nullopt;
    }
    std::string_view delimiter = q_.substr(pos_, end + 1 - pos_);
    size_t body = end + 1;
    size_t close = q_.find(delimiter, body);
    if (close == std::string_view::npos) {
      pos_ = q_.size();
      return Result<Token>(ErrorNear("unterminated dollar-quoted string", start));
    }
    pos_ = close + delimiter.size();
    return Result<Token>(
        Make(TokenKind::kString, std::string(q_.substr(body, close - body)), start));
  }

  // PostgreSQL's rules: the longest run of operator characters, cut before any "--" or "/*"
  // inside it; then, unless it holds one of ~!@#^&|`?%, trailing + and - are given back (so
  // that "1+-2" is 1 + -2).
  Result<Token> LexOperator(size_t start) {
    size_t end = pos_;
    while (IsOperatorChar(At(end))) end++;
    std::string_view op = q_.substr(pos_, end - pos_);
    for (size_t i = 1; i < op.size(); i++) {
      if ((op[i] == '-' && op[i - 1] == '-') || (op[i] == '*' && op[i - 1] == '/')) {
        op = op.substr(0, i - 1);
        break;
      }
    }
    if (op.size() > 1 && (op.back() == '+' || op.back() == '-')) {
      bool non_math = false;
      for (char ch : op) non_math = non_math || IsNonMathOperatorChar(ch);
      if (!non_math) {
        while (op.size() > 1 && (op.back() == '+' || op.back() == '-')) op.remove_suffix(1);
      }
    }
    pos_ += op.size();
    std::string text(op == "!=" ? "<>" : op);
    return Make(TokenKind::kOperator, std::move(text), start);
  }

  std::string_view q_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<Token>> Lex(std::string_view query) {
  if (query.size() > UINT32_MAX) {
    return Status::Sql(StatusCode::kInvalidArgument, "54000", "query text is too long");
  }
  return Lexer(query).Run();
}

int CharacterPosition(std::string_view query, uint32_t offset) {
  // One more than the number of characters (UTF-8 lead bytes) before offset.
  int position = 1;
  for (size_t i = 0; i < offset && i < query.size(); i++) {
    if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) position++;
  }
  return position;
}

}  // namespace datacave::sql
