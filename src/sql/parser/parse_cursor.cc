// SQL cursors: DECLARE ... CURSOR FOR query, FETCH and MOVE, CLOSE (gram.y's DeclareCursorStmt,
// FetchStmt and ClosePortalStmt).

#include <charconv>
#include <limits>

#include "sql/parser/parser_internal.h"

namespace datacave::sql {

Result<ast::StatementPtr> Parser::ParseDeclareCursor() {
  Next();  // DECLARE
  auto declare = std::make_unique<ast::DeclareCursorStmt>();
  DC_ASSIGN_OR_RETURN(declare->name, ParseColId());
  // The options may come in any order and repeat, as in gram.y's cursor_options.
  while (true) {
    if (AcceptKeyword("binary")) {
      declare->binary = true;
    } else if (AcceptKeyword("scroll")) {
      declare->scroll = true;
    } else if (IsKeyword("no") && IsKeyword("scroll", 1)) {
      Next();
      Next();
      declare->no_scroll = true;
    } else if (!AcceptKeyword("insensitive") && !AcceptKeyword("asensitive")) {
      break;
    }
  }
  DC_RETURN_IF_ERROR(ExpectKeyword("cursor"));
  if (declare->scroll && declare->no_scroll) {
    return Status::Sql(StatusCode::kInvalidArgument, "42P11",
                       "cannot specify both SCROLL and NO SCROLL");
  }
  if ((IsKeyword("with") || IsKeyword("without")) && IsKeyword("hold", 1)) {
    declare->hold = Next().text == "with";
    Next();
  }
  DC_RETURN_IF_ERROR(ExpectKeyword("for"));
  DC_ASSIGN_OR_RETURN(declare->query, ParseSelect());
  return ast::StatementPtr(std::move(declare));
}

// gram.y's SignedIconst: an optionally signed integer that fits in 32 bits (a larger one
// is a syntax error there, since the lexer makes it a numeric constant).
Result<int64_t> Parser::ParseSignedCount() {
  const bool negative = IsOperator("-");
  if (negative || IsOperator("+")) Next();
  const Token& token = Peek();
  if (token.kind != TokenKind::kInteger) return SyntaxError();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
  if (ec != std::errc() || value > std::numeric_limits<int32_t>::max()) {
    return SyntaxErrorAt(token);
  }
  Next();
  return negative ? -value : value;
}

bool Parser::IsSignedCountStart() const {
  const size_t digits = IsOperator("-") || IsOperator("+") ? 1 : 0;
  return Peek(digits).kind == TokenKind::kInteger;
}

Result<ast::StatementPtr> Parser::ParseFetch() {
  auto fetch = std::make_unique<ast::FetchStmt>();
  fetch->move = Next().text == "move";
  // A direction word followed by nothing is the cursor's name (FETCH next).
  auto direction = [&](std::string_view word) {
    if (!IsKeyword(word) || Peek(1).kind == TokenKind::kEnd || IsPunct(";", 1)) return false;
    Next();
    return true;
  };
  using ast::FetchDirection;
  if (direction("next")) {
    fetch->direction = FetchDirection::kForward;
  } else if (direction("prior")) {
    fetch->direction = FetchDirection::kBackward;
  } else if (direction("first")) {
    fetch->direction = FetchDirection::kAbsolute;
  } else if (direction("last")) {
    fetch->direction = FetchDirection::kAbsolute;
    fetch->count = -1;
  } else if (direction("absolute") || direction("relative")) {
    fetch->direction = tokens_[pos_ - 1].text == "absolute" ? FetchDirection::kAbsolute
                                                            : FetchDirection::kRelative;
    DC_ASSIGN_OR_RETURN(fetch->count, ParseSignedCount());
  } else if (AcceptKeyword("all")) {
    fetch->count = ast::kFetchAll;
  } else if (direction("forward") || direction("backward")) {
    if (tokens_[pos_ - 1].text == "backward") fetch->direction = FetchDirection::kBackward;
    if (AcceptKeyword("all")) {
      fetch->count = ast::kFetchAll;
    } else if (IsSignedCountStart()) {
      DC_ASSIGN_OR_RETURN(fetch->count, ParseSignedCount());
    }
  } else if (IsSignedCountStart()) {
    DC_ASSIGN_OR_RETURN(fetch->count, ParseSignedCount());
  }
  if (!AcceptKeyword("from")) AcceptKeyword("in");
  DC_ASSIGN_OR_RETURN(fetch->cursor, ParseColId());
  return ast::StatementPtr(std::move(fetch));
}

Result<ast::StatementPtr> Parser::ParseClose() {
  Next();  // CLOSE
  auto close = std::make_unique<ast::CloseCursorStmt>();
  if (AcceptKeyword("all")) {
    close->all = true;
  } else {
    DC_ASSIGN_OR_RETURN(close->name, ParseColId());
  }
  return ast::StatementPtr(std::move(close));
}

}  // namespace datacave::sql
