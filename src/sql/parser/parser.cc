#include "sql/parser/parser.h"

#include <charconv>

#include "sql/parser/keywords.h"
#include "sql/parser/parser_internal.h"

namespace datacave::sql {

namespace ast {
FunctionExpr::~FunctionExpr() = default;
TableRef::~TableRef() = default;
}  // namespace ast

Result<std::vector<ast::StatementPtr>> Parse(std::string_view query) {
  DC_ASSIGN_OR_RETURN(auto tokens, Lex(query));
  Parser parser(query, std::move(tokens));
  return parser.ParseStatements();
}

Result<ast::ExprPtr> ParseExpression(std::string_view text) {
  DC_ASSIGN_OR_RETURN(auto tokens, Lex(text));
  Parser parser(text, std::move(tokens));
  return parser.ParseStandaloneExpr();
}

Result<std::vector<ast::StatementPtr>> Parser::ParseStatements() {
  std::vector<ast::StatementPtr> statements;
  while (true) {
    while (AcceptPunct(";")) {
    }
    if (AtEnd()) break;
    const uint32_t start = Peek().offset;
    DC_ASSIGN_OR_RETURN(auto statement, ParseStatement());
    if (!AtEnd() && !IsPunct(";")) return SyntaxError();
    const Token& last = tokens_[pos_ - 1];
    statement->offset = start;
    statement->length = last.offset + last.length - start;
    statements.push_back(std::move(statement));
  }
  return statements;
}

Result<ast::ExprPtr> Parser::ParseStandaloneExpr() {
  DC_ASSIGN_OR_RETURN(auto expr, ParseExpr());
  if (!AtEnd()) return SyntaxError();
  return expr;
}

// ---- tokens

const Token& Parser::Peek(size_t ahead) const {
  const size_t index = pos_ + ahead;
  return index < tokens_.size() ? tokens_[index] : tokens_.back();
}

bool Parser::IsKeyword(std::string_view keyword, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kIdentifier && !token.quoted && token.text == keyword;
}

bool Parser::AcceptKeyword(std::string_view keyword) {
  if (!IsKeyword(keyword)) return false;
  Next();
  return true;
}

bool Parser::AcceptIfNotExists() {
  if (!IsKeyword("if") || !IsKeyword("not", 1) || !IsKeyword("exists", 2)) return false;
  Next();
  Next();
  Next();
  return true;
}

Status Parser::ExpectKeyword(std::string_view keyword) {
  return AcceptKeyword(keyword) ? Status::Ok() : SyntaxError();
}

bool Parser::IsPunct(std::string_view punct, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kPunctuation && token.text == punct;
}

bool Parser::AcceptPunct(std::string_view punct) {
  if (!IsPunct(punct)) return false;
  Next();
  return true;
}

Status Parser::ExpectPunct(std::string_view punct) {
  return AcceptPunct(punct) ? Status::Ok() : SyntaxError();
}

bool Parser::IsOperator(std::string_view op, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kOperator && token.text == op;
}

bool Parser::AcceptOperator(std::string_view op) {
  if (!IsOperator(op)) return false;
  Next();
  return true;
}

// ---- errors

Status Parser::SyntaxErrorAt(const Token& token) const {
  std::string message = token.kind == TokenKind::kEnd
                            ? "syntax error at end of input"
                            : "syntax error at or near \"" + std::string(TokenText(token)) + "\"";
  return ErrorAt(token, "42601", std::move(message));
}

Status Parser::ErrorAt(const Token& token, std::string_view sqlstate, std::string message) const {
  return Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::move(message))
      .WithPosition(CharacterPosition(query_, token.offset));
}

Status Parser::NotSupportedAt(const Token& token, std::string feature) const {
  return Status::NotSupported(std::move(feature) + " is not supported")
      .WithPosition(CharacterPosition(query_, token.offset));
}

// ---- names

bool Parser::IsColId(size_t ahead) const {
  const Token& token = Peek(ahead);
  if (token.kind != TokenKind::kIdentifier) return false;
  if (token.quoted) return true;
  const KeywordCategory category = KeywordCategoryOf(token.text);
  return category != KeywordCategory::kReserved && category != KeywordCategory::kTypeFuncName;
}

Result<std::string> Parser::ParseColId() {
  if (!IsColId()) return SyntaxError();
  return Next().text;
}

Result<std::string> Parser::ParseColLabel() {
  if (Peek().kind != TokenKind::kIdentifier) return SyntaxError();
  return Next().text;
}

bool Parser::IsFunctionName(size_t ahead) const {
  const Token& token = Peek(ahead);
  if (token.kind != TokenKind::kIdentifier) return false;
  if (token.quoted) return true;
  const KeywordCategory category = KeywordCategoryOf(token.text);
  return category == KeywordCategory::kNone || category == KeywordCategory::kUnreserved ||
         category == KeywordCategory::kTypeFuncName;
}

Result<ast::QualifiedName> Parser::ParseQualifiedName() {
  ast::QualifiedName name;
  DC_ASSIGN_OR_RETURN(std::string first, ParseColId());
  name.push_back(std::move(first));
  while (IsPunct(".")) {
    Next();
    DC_ASSIGN_OR_RETURN(std::string part, ParseColLabel());
    name.push_back(std::move(part));
  }
  if (name.size() > 3) {
    return ErrorAt(
        tokens_[pos_ - 1], "42601", "improper qualified name (too many dotted names): " + [&] {
          std::string joined;
          for (const auto& part : name) joined += (joined.empty() ? "" : ".") + part;
          return joined;
        }());
  }
  return name;
}

Result<std::vector<std::string>> Parser::ParseNameList() {
  DC_RETURN_IF_ERROR(ExpectPunct("("));
  std::vector<std::string> names;
  do {
    DC_ASSIGN_OR_RETURN(std::string name, ParseColId());
    names.push_back(std::move(name));
  } while (AcceptPunct(","));
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  return names;
}

// ---- type names

bool Parser::IsSpecialTypeStart(size_t ahead) const {
  static constexpr std::string_view kWords[] = {
      "bigint",  "bit",   "boolean",  "char",    "character", "dec",      "decimal",
      "double",  "float", "int",      "integer", "interval",  "national", "nchar",
      "numeric", "real",  "smallint", "time",    "timestamp", "varchar",
  };
  for (std::string_view word : kWords) {
    if (IsKeyword(word, ahead)) return true;
  }
  return false;
}

Result<std::vector<int32_t>> Parser::ParseTypeModifiers() {
  std::vector<int32_t> modifiers;
  if (!AcceptPunct("(")) return modifiers;
  do {
    bool negative = AcceptOperator("-");
    const Token& token = Peek();
    if (token.kind != TokenKind::kInteger) return SyntaxError();
    int64_t value = 0;
    auto [end, ec] =
        std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
    if (ec != std::errc() || value > INT32_MAX) {
      return ErrorAt(token, "22023", "type modifier is out of range");
    }
    Next();
    modifiers.push_back(static_cast<int32_t>(negative ? -value : value));
  } while (AcceptPunct(","));
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  return modifiers;
}

Result<ast::TypeName> Parser::ParseTypeName() {
  ast::TypeName type;
  const Token& start = Peek();
  type.location = Location(start);
  auto with_modifiers = [&](std::string name) -> Result<ast::TypeName> {
    type.name = std::move(name);
    DC_ASSIGN_OR_RETURN(type.modifiers, ParseTypeModifiers());
    return std::move(type);
  };
  Result<ast::TypeName> result = [&]() -> Result<ast::TypeName> {
    if (AcceptKeyword("int") || AcceptKeyword("integer")) return with_modifiers("int4");
    if (AcceptKeyword("smallint")) return with_modifiers("int2");
    if (AcceptKeyword("bigint")) return with_modifiers("int8");
    if (AcceptKeyword("real")) return with_modifiers("float4");
    if (AcceptKeyword("boolean")) return with_modifiers("bool");
    if (IsKeyword("double") && IsKeyword("precision", 1)) {
      Next();
      Next();
      return with_modifiers("float8");
    }
    if (AcceptKeyword("float")) {
      DC_ASSIGN_OR_RETURN(auto modifiers, ParseTypeModifiers());
      if (modifiers.empty()) return with_modifiers("float8");
      if (modifiers.size() != 1) return ErrorAt(start, "42601", "syntax error in float type");
      if (modifiers[0] < 1) {
        return ErrorAt(start, "22023", "precision for type float must be at least 1 bit");
      }
      if (modifiers[0] > 53) {
        return ErrorAt(start, "22023", "precision for type float must be less than 54 bits");
      }
      type.name = modifiers[0] <= 24 ? "float4" : "float8";
      return std::move(type);
    }
    if (AcceptKeyword("decimal") || AcceptKeyword("dec") || AcceptKeyword("numeric")) {
      return with_modifiers("numeric");
    }
    const bool national = AcceptKeyword("national");
    if (IsKeyword("char") || IsKeyword("character") || IsKeyword("nchar") || IsKeyword("varchar")) {
      const bool varchar = Next().text == "varchar" || AcceptKeyword("varying");
      DC_ASSIGN_OR_RETURN(type.modifiers, ParseTypeModifiers());
      type.name = varchar ? "varchar" : "bpchar";
      // CHAR without a length is CHAR(1); VARCHAR without one has no limit.
      if (!varchar && type.modifiers.empty()) type.modifiers.push_back(1);
      return std::move(type);
    }
    if (national) return SyntaxError();
    if (IsKeyword("bit")) return NotSupportedAt(start, "type bit");
    if (AcceptKeyword("timestamp") || AcceptKeyword("time")) {
      const bool is_time = tokens_[pos_ - 1].text == "time";
      DC_ASSIGN_OR_RETURN(type.modifiers, ParseTypeModifiers());
      bool with_zone = false;
      if (IsKeyword("with") && IsKeyword("time", 1) && IsKeyword("zone", 2)) {
        with_zone = true;
      } else if (IsKeyword("without") && IsKeyword("time", 1) && IsKeyword("zone", 2)) {
      } else {
        type.name = is_time ? "time" : "timestamp";
        return std::move(type);
      }
      Next();
      Next();
      Next();
      type.name = std::string(is_time ? "time" : "timestamp") + (with_zone ? "tz" : "");
      return std::move(type);
    }
    if (AcceptKeyword("interval")) {
      if (Peek().kind == TokenKind::kIdentifier && !Peek().quoted &&
          (Peek().text == "year" || Peek().text == "month" || Peek().text == "day" ||
           Peek().text == "hour" || Peek().text == "minute" || Peek().text == "second")) {
        return NotSupportedAt(Peek(), "INTERVAL with a field restriction");
      }
      return with_modifiers("interval");
    }
    if (!IsFunctionName() && !IsColId()) return SyntaxError();
    DC_ASSIGN_OR_RETURN(ast::QualifiedName name, [&]() -> Result<ast::QualifiedName> {
      ast::QualifiedName parts{Next().text};
      while (AcceptPunct(".")) {
        DC_ASSIGN_OR_RETURN(std::string part, ParseColLabel());
        parts.push_back(std::move(part));
      }
      return parts;
    }());
    if (name.size() == 2 && name[0] == "pg_catalog") name.erase(name.begin());
    if (name.size() != 1) return NotSupportedAt(start, "schema-qualified type names");
    return with_modifiers(std::move(name[0]));
  }();
  if (!result.ok()) return result;
  // int4[], int4[3][], int4 ARRAY, int4 ARRAY[3]: PostgreSQL ignores the bounds and the
  // number of dimensions, and so does Datacave.
  auto bound = [&]() -> Status {
    if (Peek().kind == TokenKind::kInteger) Next();
    return ExpectPunct("]");
  };
  if (AcceptKeyword("array")) {
    result->array = true;
    if (AcceptPunct("[")) DC_RETURN_IF_ERROR(bound());
  } else {
    while (AcceptPunct("[")) {
      result->array = true;
      DC_RETURN_IF_ERROR(bound());
    }
  }
  return result;
}

}  // namespace datacave::sql
