// Expressions, one function per precedence level of PostgreSQL's grammar (gram.y), loosest
// first: OR, AND, NOT, IS, comparison, BETWEEN/IN/LIKE, other operators, + -, * / %, ^,
// AT TIME ZONE, unary minus, ::.

#include <charconv>
#include <utility>

#include "sql/parser/keywords.h"
#include "sql/parser/parser_internal.h"

namespace datacave::sql {
namespace {

bool IsComparison(std::string_view op) {
  return op == "=" || op == "<>" || op == "<" || op == ">" || op == "<=" || op == ">=";
}

// Operators with a precedence level of their own; every other operator is "Op".
bool HasOwnPrecedence(std::string_view op) {
  return IsComparison(op) || op == "+" || op == "-" || op == "*" || op == "/" || op == "%" ||
         op == "^";
}

ast::ExprPtr MakeOperator(std::string op, ast::ExprPtr left, ast::ExprPtr right, int location) {
  auto node = std::make_unique<ast::OperatorExpr>(location);
  node->op = std::move(op);
  node->left = std::move(left);
  node->right = std::move(right);
  return node;
}

ast::ExprPtr MakeBool(ast::BoolOp op, ast::ExprPtr a, ast::ExprPtr b, int location) {
  auto node = std::make_unique<ast::BoolExpr>(location);
  node->op = op;
  node->args.push_back(std::move(a));
  if (b) node->args.push_back(std::move(b));
  return node;
}

ast::ExprPtr MakeFunction(std::string name, ast::ExprList args, int location,
                          bool special_syntax = false) {
  auto node = std::make_unique<ast::FunctionExpr>(location);
  node->name = {std::move(name)};
  node->args = std::move(args);
  node->special_syntax = special_syntax;
  return node;
}

ast::ExprPtr MakeString(std::string text, int location) {
  auto node = std::make_unique<ast::ConstantExpr>(location);
  node->constant_kind = ast::ConstantKind::kString;
  node->text = std::move(text);
  return node;
}

}  // namespace

Result<ast::ExprPtr> Parser::ParseExpr() {
  DepthGuard guard(this);
  if (guard.TooDeep()) {
    return TooDeepError();
  }
  const bool b_expr = std::exchange(b_expr_, false);
  auto expr = ParseOr();
  b_expr_ = b_expr;
  return expr;
}

Result<ast::ExprPtr> Parser::ParseBExpr(Result<ast::ExprPtr> (Parser::*level)()) {
  const bool b_expr = std::exchange(b_expr_, true);
  auto expr = (this->*level)();
  b_expr_ = b_expr;
  return expr;
}

Result<ast::ExprPtr> Parser::ParseOr() {
  DC_ASSIGN_OR_RETURN(auto left, ParseAnd());
  while (IsKeyword("or")) {
    const int location = Location(Next());
    DC_ASSIGN_OR_RETURN(auto right, ParseAnd());
    left = MakeBool(ast::BoolOp::kOr, std::move(left), std::move(right), location);
  }
  return left;
}

Result<ast::ExprPtr> Parser::ParseAnd() {
  DC_ASSIGN_OR_RETURN(auto left, ParseNot());
  while (IsKeyword("and")) {
    const int location = Location(Next());
    DC_ASSIGN_OR_RETURN(auto right, ParseNot());
    left = MakeBool(ast::BoolOp::kAnd, std::move(left), std::move(right), location);
  }
  return left;
}

Result<ast::ExprPtr> Parser::ParseNot() {
  if (!IsKeyword("not")) return ParseIs();
  const int location = Location(Next());
  DepthGuard guard(this);
  if (guard.TooDeep()) return TooDeepError();
  DC_ASSIGN_OR_RETURN(auto arg, ParseNot());
  return MakeBool(ast::BoolOp::kNot, std::move(arg), nullptr, location);
}

Result<ast::ExprPtr> Parser::ParseIs() {
  DC_ASSIGN_OR_RETURN(auto left, ParseComparison());
  while (true) {
    const int location = Location(Peek());
    if (AcceptKeyword("isnull") || AcceptKeyword("notnull")) {
      auto node = std::make_unique<ast::NullTestExpr>(location);
      node->negated = tokens_[pos_ - 1].text == "notnull";
      node->arg = std::move(left);
      left = std::move(node);
      continue;
    }
    if (!AcceptKeyword("is")) break;
    const bool negated = AcceptKeyword("not");
    if (AcceptKeyword("null")) {
      auto node = std::make_unique<ast::NullTestExpr>(location);
      node->negated = negated;
      node->arg = std::move(left);
      left = std::move(node);
    } else if (IsKeyword("true") || IsKeyword("false") || IsKeyword("unknown")) {
      const std::string word = Next().text;
      auto node = std::make_unique<ast::BooleanTestExpr>(location);
      using ast::BooleanTest;
      node->test = word == "true"    ? (negated ? BooleanTest::kNotTrue : BooleanTest::kTrue)
                   : word == "false" ? (negated ? BooleanTest::kNotFalse : BooleanTest::kFalse)
                                     : (negated ? BooleanTest::kNotUnknown : BooleanTest::kUnknown);
      node->arg = std::move(left);
      left = std::move(node);
    } else if (AcceptKeyword("distinct")) {
      DC_RETURN_IF_ERROR(ExpectKeyword("from"));
      DC_ASSIGN_OR_RETURN(auto right, ParseComparison());
      auto node = std::make_unique<ast::DistinctFromExpr>(location);
      node->negated = negated;
      node->left = std::move(left);
      node->right = std::move(right);
      left = std::move(node);
    } else if (IsKeyword("document") || IsKeyword("normalized") || IsKeyword("of") ||
               IsKeyword("json")) {
      return NotSupportedAt(Peek(), "IS " + Peek().text);
    } else {
      return SyntaxError();
    }
  }
  return left;
}

Result<ast::ExprPtr> Parser::ParseComparison() {
  DC_ASSIGN_OR_RETURN(auto left, ParsePredicate());
  if (Peek().kind != TokenKind::kOperator || !IsComparison(Peek().text)) return left;
  const Token& op_token = Next();
  std::string op = op_token.text;
  ast::ExprPtr result;
  if ((IsKeyword("any") || IsKeyword("some") || IsKeyword("all")) && IsPunct("(", 1)) {
    DC_ASSIGN_OR_RETURN(result, ParseSubqueryAfter(std::move(left), std::move(op), op_token));
  } else {
    DC_ASSIGN_OR_RETURN(auto right, ParsePredicate());
    result = MakeOperator(std::move(op), std::move(left), std::move(right), Location(op_token));
  }
  // Comparisons do not associate: a < b < c is an error, as in PostgreSQL.
  if (Peek().kind == TokenKind::kOperator && IsComparison(Peek().text)) return SyntaxError();
  return result;
}

Result<ast::ExprPtr> Parser::ParseSubqueryAfter(ast::ExprPtr left, std::string op,
                                                const Token& start) {
  const std::string quantifier = Next().text;
  auto node = std::make_unique<ast::SubqueryExpr>(Location(start));
  node->subquery_kind = quantifier == "all" ? ast::SubqueryKind::kAll : ast::SubqueryKind::kAny;
  node->left = std::move(left);
  node->op = std::move(op);
  if (!IsSelectStart(1)) {
    DC_RETURN_IF_ERROR(ExpectPunct("("));
    DC_ASSIGN_OR_RETURN(node->array, ParseExpr());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
    return ast::ExprPtr(std::move(node));
  }
  DC_ASSIGN_OR_RETURN(node->query, ParseSelectInParens());
  return ast::ExprPtr(std::move(node));
}

Result<ast::ExprPtr> Parser::ParsePredicate() {
  DC_ASSIGN_OR_RETURN(auto left, ParseOtherOperator());
  const bool negated =
      IsKeyword("not") && (IsKeyword("between", 1) || IsKeyword("in", 1) || IsKeyword("like", 1) ||
                           IsKeyword("ilike", 1) || IsKeyword("similar", 1));
  const int location = Location(Peek());
  if (negated) Next();
  if (AcceptKeyword("between")) {
    auto node = std::make_unique<ast::BetweenExpr>(location);
    node->negated = negated;
    if (AcceptKeyword("symmetric")) {
      node->symmetric = true;
    } else {
      AcceptKeyword("asymmetric");
    }
    node->arg = std::move(left);
    // The lower bound is a b_expr (NOT is a syntax error there); the upper one an a_expr.
    DC_ASSIGN_OR_RETURN(node->low, ParseBExpr(&Parser::ParseOtherOperator));
    DC_RETURN_IF_ERROR(ExpectKeyword("and"));
    DC_ASSIGN_OR_RETURN(node->high, ParseOtherOperator());
    return ast::ExprPtr(std::move(node));
  }
  if (AcceptKeyword("in")) {
    if (!IsPunct("(")) return SyntaxError();
    if (IsSelectStart(1)) {
      const size_t saved = pos_;
      auto query = ParseSelectInParens();
      if (query.ok()) {
        auto node = std::make_unique<ast::SubqueryExpr>(location);
        node->subquery_kind = ast::SubqueryKind::kIn;
        node->negated = negated;
        node->left = std::move(left);
        node->query = std::move(query).value();
        return ast::ExprPtr(std::move(node));
      }
      pos_ = saved;
    }
    Next();  // (
    auto node = std::make_unique<ast::InListExpr>(location);
    node->negated = negated;
    node->arg = std::move(left);
    DC_ASSIGN_OR_RETURN(node->list, ParseExprList());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
    return ast::ExprPtr(std::move(node));
  }
  ast::LikeKind like_kind;
  if (AcceptKeyword("like")) {
    like_kind = ast::LikeKind::kLike;
  } else if (AcceptKeyword("ilike")) {
    like_kind = ast::LikeKind::kILike;
  } else if (AcceptKeyword("similar")) {
    DC_RETURN_IF_ERROR(ExpectKeyword("to"));
    like_kind = ast::LikeKind::kSimilar;
  } else {
    return left;
  }
  auto node = std::make_unique<ast::LikeExpr>(location);
  node->like_kind = like_kind;
  node->negated = negated;
  node->arg = std::move(left);
  DC_ASSIGN_OR_RETURN(node->pattern, ParseOtherOperator());
  if (AcceptKeyword("escape")) {
    DC_ASSIGN_OR_RETURN(node->escape, ParseOtherOperator());
  }
  return ast::ExprPtr(std::move(node));
}

bool Parser::IsOtherOperator() const {
  return (Peek().kind == TokenKind::kOperator && !HasOwnPrecedence(Peek().text)) ||
         (IsKeyword("operator") && IsPunct("(", 1));
}

// An operator token, or OPERATOR(pg_catalog.op) (gram.y's qual_Op, which has the generic
// operator precedence whatever op is; psql writes OPERATOR(pg_catalog.~)).
Result<std::string> Parser::ParseOtherOperatorName() {
  if (!IsKeyword("operator")) return Next().text;
  const Token& start = Next();
  Next();  // (
  if (Peek().kind == TokenKind::kIdentifier && IsPunct(".", 1)) {
    if (Peek().text != "pg_catalog") return NotSupportedAt(start, "OPERATOR() outside pg_catalog");
    Next();
    Next();
  }
  if (Peek().kind != TokenKind::kOperator) return SyntaxError();
  std::string op = Next().text;
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  return op;
}

Result<ast::ExprPtr> Parser::ParseOtherOperator() {
  ast::ExprPtr left;
  if (IsOtherOperator()) {
    const int location = Location(Peek());
    DC_ASSIGN_OR_RETURN(std::string op, ParseOtherOperatorName());
    DepthGuard guard(this);
    if (guard.TooDeep()) return TooDeepError();
    DC_ASSIGN_OR_RETURN(auto operand, ParseOtherOperator());
    left = MakeOperator(op, nullptr, std::move(operand), location);
  } else {
    DC_ASSIGN_OR_RETURN(left, ParseAdditive());
  }
  while (IsOtherOperator()) {
    const int location = Location(Peek());
    DC_ASSIGN_OR_RETURN(std::string op, ParseOtherOperatorName());
    DC_ASSIGN_OR_RETURN(auto right, ParseAdditive());
    left = MakeOperator(op, std::move(left), std::move(right), location);
  }
  return left;
}

Result<ast::ExprPtr> Parser::ParseAdditive() {
  DC_ASSIGN_OR_RETURN(auto left, ParseMultiplicative());
  while (IsOperator("+") || IsOperator("-")) {
    const Token& op = Next();
    DC_ASSIGN_OR_RETURN(auto right, ParseMultiplicative());
    left = MakeOperator(op.text, std::move(left), std::move(right), Location(op));
  }
  return left;
}

Result<ast::ExprPtr> Parser::ParseMultiplicative() {
  DC_ASSIGN_OR_RETURN(auto left, ParseExponent());
  while (IsOperator("*") || IsOperator("/") || IsOperator("%")) {
    const Token& op = Next();
    DC_ASSIGN_OR_RETURN(auto right, ParseExponent());
    left = MakeOperator(op.text, std::move(left), std::move(right), Location(op));
  }
  return left;
}

Result<ast::ExprPtr> Parser::ParseExponent() {
  DC_ASSIGN_OR_RETURN(auto left, ParseAtTimeZone());
  while (IsOperator("^")) {
    const Token& op = Next();
    DC_ASSIGN_OR_RETURN(auto right, ParseAtTimeZone());
    left = MakeOperator(op.text, std::move(left), std::move(right), Location(op));
  }
  return left;
}

Result<ast::ExprPtr> Parser::ParseAtTimeZone() {
  DC_ASSIGN_OR_RETURN(auto left, ParseUnary());
  while (true) {
    if (IsKeyword("at") && IsKeyword("time", 1) && IsKeyword("zone", 2)) {
      const int location = Location(Next());
      Next();
      Next();
      DC_ASSIGN_OR_RETURN(auto zone, ParseUnary());
      ast::ExprList args;
      args.push_back(std::move(zone));
      args.push_back(std::move(left));
      left = MakeFunction("timezone", std::move(args), location);
    } else if (IsKeyword("collate")) {
      // Every string compares bytewise (the C collation), which is what the default
      // collation of a C.UTF-8 database does: COLLATE of a collation meaning that is a no-op.
      const Token& collate = Next();
      DC_ASSIGN_OR_RETURN(ast::QualifiedName name, ParseQualifiedName());
      if (name.size() == 2 && name[0] == "pg_catalog") name.erase(name.begin());
      if (name.size() != 1 || (name[0] != "default" && name[0] != "C" && name[0] != "POSIX" &&
                               name[0] != "ucs_basic")) {
        return NotSupportedAt(collate, "COLLATE other than \"default\" and \"C\"");
      }
    } else {
      return left;
    }
  }
}

Result<ast::ExprPtr> Parser::ParseUnary() {
  if (!IsOperator("-") && !IsOperator("+")) return ParsePostfix();
  const Token& op = Next();
  DepthGuard guard(this);
  if (guard.TooDeep()) return TooDeepError();
  DC_ASSIGN_OR_RETURN(auto operand, ParseUnary());
  if (op.text == "-" && operand->kind == ast::ExprKind::kConstant) {
    // -5 is one constant, as in PostgreSQL, so -2147483648 is an integer.
    auto& constant = operand->As<ast::ConstantExpr>();
    if ((constant.constant_kind == ast::ConstantKind::kInteger ||
         constant.constant_kind == ast::ConstantKind::kNumeric) &&
        constant.text[0] != '-') {
      constant.text.insert(0, "-");
      constant.location = Location(op);
      return operand;
    }
  }
  return MakeOperator(op.text, nullptr, std::move(operand), Location(op));
}

Result<ast::ExprPtr> Parser::ParsePostfix() {
  DC_ASSIGN_OR_RETURN(auto expr, ParsePrimary());
  while (true) {
    if (IsPunct("::")) {
      const int location = Location(Next());
      auto cast = std::make_unique<ast::CastExpr>(location);
      cast->arg = std::move(expr);
      DC_ASSIGN_OR_RETURN(cast->type, ParseTypeName());
      expr = std::move(cast);
    } else if (IsPunct("[")) {
      const int location = Location(Next());
      auto subscript = std::make_unique<ast::SubscriptExpr>(location);
      subscript->arg = std::move(expr);
      if (IsPunct(":")) return NotSupportedAt(Peek(), "an array slice");
      DC_ASSIGN_OR_RETURN(subscript->index, ParseExpr());
      if (IsPunct(":")) return NotSupportedAt(Peek(), "an array slice");
      DC_RETURN_IF_ERROR(ExpectPunct("]"));
      expr = std::move(subscript);
    } else {
      return expr;
    }
  }
}

Result<ast::ExprList> Parser::ParseExprList() {
  ast::ExprList list;
  do {
    DC_ASSIGN_OR_RETURN(auto expr, ParseExpr());
    list.push_back(std::move(expr));
  } while (AcceptPunct(","));
  return list;
}

Result<ast::ExprPtr> Parser::ParsePrimary() {
  const Token& token = Peek();
  const int location = Location(token);
  switch (token.kind) {
    case TokenKind::kInteger:
    case TokenKind::kNumeric:
    case TokenKind::kString:
    case TokenKind::kBitString: {
      auto node = std::make_unique<ast::ConstantExpr>(location);
      node->constant_kind = token.kind == TokenKind::kInteger   ? ast::ConstantKind::kInteger
                            : token.kind == TokenKind::kNumeric ? ast::ConstantKind::kNumeric
                            : token.kind == TokenKind::kString  ? ast::ConstantKind::kString
                                                                : ast::ConstantKind::kBitString;
      node->text = Next().text;
      return ast::ExprPtr(std::move(node));
    }
    case TokenKind::kParameter: {
      auto node = std::make_unique<ast::ParameterExpr>(location);
      int64_t index = 0;
      auto [end, ec] =
          std::from_chars(token.text.data(), token.text.data() + token.text.size(), index);
      if (ec != std::errc() || index > INT32_MAX) {
        return ErrorAt(token, "42P02", "there is no parameter $" + token.text);
      }
      node->index = static_cast<int>(index);
      Next();
      return ast::ExprPtr(std::move(node));
    }
    case TokenKind::kPunctuation:
      if (token.text == "(") return ParseParenthesized();
      return SyntaxError();
    case TokenKind::kIdentifier: break;
    default: return SyntaxError();
  }
  if (!token.quoted) {
    bool matched = false;
    DC_ASSIGN_OR_RETURN(auto expr, ParseKeywordExpr(&matched));
    if (matched) return expr;
    if (KeywordCategoryOf(token.text) == KeywordCategory::kReserved) return SyntaxError();
  }
  // A function call, a column reference, or a typed literal such as date '2024-01-01'.
  if (IsPunct("(", 1)) {
    if (!IsFunctionName()) return SyntaxError();
    ast::QualifiedName name{Next().text};
    return ParseFunctionCall(std::move(name), token);
  }
  if (!IsColId()) return SyntaxError();
  if (Peek(1).kind == TokenKind::kString) {
    auto cast = std::make_unique<ast::CastExpr>(location);
    DC_ASSIGN_OR_RETURN(cast->type, ParseTypeName());
    cast->arg = MakeString(Next().text, Location(tokens_[pos_ - 1]));
    return ast::ExprPtr(std::move(cast));
  }
  auto column = std::make_unique<ast::ColumnRefExpr>(location);
  column->names.push_back(Next().text);
  while (IsPunct(".")) {
    Next();
    if (AcceptOperator("*")) {
      column->star = true;
      break;
    }
    DC_ASSIGN_OR_RETURN(std::string part, ParseColLabel());
    column->names.push_back(std::move(part));
    if (IsPunct("(")) return ParseFunctionCall(std::move(column->names), token);
  }
  if (column->names.size() > (column->star ? 3u : 4u)) {
    std::string joined;
    for (const auto& part : column->names) joined += (joined.empty() ? "" : ".") + part;
    if (column->star) joined += ".*";
    return ErrorAt(token, "42601", "improper qualified name (too many dotted names): " + joined);
  }
  return ast::ExprPtr(std::move(column));
}

Result<ast::ExprPtr> Parser::ParseParenthesized() {
  const Token& open = Peek();
  if (IsSelectStart(1)) {
    // (SELECT ...) is a scalar subquery unless it turns out to be ((SELECT ...) + 1).
    const size_t saved = pos_;
    auto query = ParseSelectInParens();
    if (query.ok()) {
      auto node = std::make_unique<ast::SubqueryExpr>(Location(open));
      node->query = std::move(query).value();
      return ast::ExprPtr(std::move(node));
    }
    const size_t failed_at = pos_;
    pos_ = saved;
    Next();
    auto expr = ParseExpr();
    if (!expr.ok() || !IsPunct(")")) {
      // Report whichever reading got further: that is where the user's mistake is.
      if (failed_at > pos_) return query.status();
      return expr.ok() ? SyntaxError() : expr.status();
    }
    Next();
    return expr;
  }
  Next();
  DC_ASSIGN_OR_RETURN(auto first, ParseExpr());
  if (AcceptPunct(")")) return first;
  if (!IsPunct(",")) return SyntaxError();
  // (a, b, ...) is a row constructor.
  auto row = std::make_unique<ast::RowExpr>(Location(open));
  row->args.push_back(std::move(first));
  while (AcceptPunct(",")) {
    DC_ASSIGN_OR_RETURN(auto expr, ParseExpr());
    row->args.push_back(std::move(expr));
  }
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  return ast::ExprPtr(std::move(row));
}

Result<ast::ExprPtr> Parser::ParseFunctionCall(ast::QualifiedName name, const Token& start) {
  auto call = std::make_unique<ast::FunctionExpr>(Location(start));
  call->name = std::move(name);
  DC_RETURN_IF_ERROR(ExpectPunct("("));
  if (AcceptOperator("*")) {
    call->star = true;
  } else if (!IsPunct(")")) {
    if (AcceptKeyword("distinct")) {
      call->distinct = true;
    } else {
      AcceptKeyword("all");
    }
    do {
      if (IsKeyword("variadic")) return NotSupportedAt(Peek(), "VARIADIC");
      if (IsPunct("=>", 1) || IsPunct(":=", 1)) {
        return NotSupportedAt(Peek(), "named function arguments");
      }
      DC_ASSIGN_OR_RETURN(auto arg, ParseExpr());
      call->args.push_back(std::move(arg));
    } while (AcceptPunct(","));
    if (IsKeyword("order") && IsKeyword("by", 1)) {
      DC_ASSIGN_OR_RETURN(call->order_by, ParseOrderBy());
    }
  }
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  if (IsKeyword("within") && IsKeyword("group", 1)) {
    return NotSupportedAt(Peek(), "WITHIN GROUP");
  }
  if (IsKeyword("filter") && IsPunct("(", 1)) {
    Next();
    Next();
    DC_RETURN_IF_ERROR(ExpectKeyword("where"));
    DC_ASSIGN_OR_RETURN(call->filter, ParseExpr());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
  }
  if (AcceptKeyword("over")) {
    if (IsColId() && !IsPunct("(")) {
      call->over = std::make_unique<ast::WindowSpec>();
      call->over->location = Location(Peek());
      call->over->ref_name = Next().text;
    } else {
      DC_ASSIGN_OR_RETURN(auto spec, ParseWindowSpec());
      call->over = std::make_unique<ast::WindowSpec>(std::move(spec));
    }
  }
  return ast::ExprPtr(std::move(call));
}

Result<ast::ExprPtr> Parser::ParseCase() {
  auto node = std::make_unique<ast::CaseExpr>(Location(Next()));
  if (!IsKeyword("when")) {
    DC_ASSIGN_OR_RETURN(node->arg, ParseExpr());
  }
  while (AcceptKeyword("when")) {
    ast::CaseWhen when;
    DC_ASSIGN_OR_RETURN(when.condition, ParseExpr());
    DC_RETURN_IF_ERROR(ExpectKeyword("then"));
    DC_ASSIGN_OR_RETURN(when.result, ParseExpr());
    node->whens.push_back(std::move(when));
  }
  if (node->whens.empty()) return SyntaxError();
  if (AcceptKeyword("else")) {
    DC_ASSIGN_OR_RETURN(node->else_result, ParseExpr());
  }
  DC_RETURN_IF_ERROR(ExpectKeyword("end"));
  return ast::ExprPtr(std::move(node));
}

// The expressions that start with a keyword: constants, CASE, CAST, EXISTS, the SQL
// "value functions" (CURRENT_DATE ...) and the functions with syntax of their own.
Result<ast::ExprPtr> Parser::ParseKeywordExpr(bool* matched) {
  *matched = true;
  const Token& token = Peek();
  const int location = Location(token);
  const std::string& word = token.text;
  if (word == "null" || word == "true" || word == "false") {
    auto node = std::make_unique<ast::ConstantExpr>(location);
    node->constant_kind = word == "null" ? ast::ConstantKind::kNull : ast::ConstantKind::kBoolean;
    node->bool_value = word == "true";
    Next();
    return ast::ExprPtr(std::move(node));
  }
  if (word == "case") return ParseCase();
  // NOT where an operand is expected (1 < NOT b, x IS DISTINCT FROM NOT EXISTS (...)): gram.y
  // shifts it as `NOT a_expr`, whose operand extends over every operator binding tighter
  // than NOT, and the result is the operand.
  // Not in a b_expr (x BETWEEN NOT a AND b), as in gram.y.
  if (word == "not") return b_expr_ ? SyntaxError() : ParseNot();
  if (word == "default") {
    Next();
    return ast::ExprPtr(std::make_unique<ast::DefaultExpr>(location));
  }
  if (word == "cast" && IsPunct("(", 1)) {
    Next();
    Next();
    auto cast = std::make_unique<ast::CastExpr>(location);
    DC_ASSIGN_OR_RETURN(cast->arg, ParseExpr());
    DC_RETURN_IF_ERROR(ExpectKeyword("as"));
    DC_ASSIGN_OR_RETURN(cast->type, ParseTypeName());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
    return ast::ExprPtr(std::move(cast));
  }
  if (word == "exists" && IsPunct("(", 1)) {
    Next();
    auto node = std::make_unique<ast::SubqueryExpr>(location);
    node->subquery_kind = ast::SubqueryKind::kExists;
    DC_ASSIGN_OR_RETURN(node->query, ParseSelectInParens());
    return ast::ExprPtr(std::move(node));
  }
  if (word == "array" && IsPunct("(", 1)) {
    Next();
    auto node = std::make_unique<ast::SubqueryExpr>(location);
    node->subquery_kind = ast::SubqueryKind::kArray;
    DC_ASSIGN_OR_RETURN(node->query, ParseSelectInParens());
    return ast::ExprPtr(std::move(node));
  }
  if (word == "array" && IsPunct("[", 1)) {
    Next();
    Next();
    auto node = std::make_unique<ast::ArrayExpr>(location);
    if (IsPunct("[")) return NotSupportedAt(Peek(), "a multidimensional array");
    if (!IsPunct("]")) {
      DC_ASSIGN_OR_RETURN(node->elements, ParseExprList());
    }
    DC_RETURN_IF_ERROR(ExpectPunct("]"));
    return ast::ExprPtr(std::move(node));
  }
  if (word == "array") return NotSupportedAt(token, "ARRAY");
  if (word == "grouping" && IsPunct("(", 1)) return NotSupportedAt(token, "GROUPING");
  if (word == "row" && IsPunct("(", 1)) {
    Next();
    Next();
    auto row = std::make_unique<ast::RowExpr>(location);
    if (!IsPunct(")")) {
      DC_ASSIGN_OR_RETURN(row->args, ParseExprList());
    }
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
    return ast::ExprPtr(std::move(row));
  }
  static constexpr std::string_view kValueFunctions[] = {
      "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
      "current_role", "current_user", "session_user",      "user",      "current_catalog",
  };
  for (std::string_view function : kValueFunctions) {
    if (word != function) continue;
    Next();
    ast::ExprList args;
    if (IsPunct("(") && (word == "current_time" || word == "current_timestamp" ||
                         word == "localtime" || word == "localtimestamp")) {
      Next();
      DC_ASSIGN_OR_RETURN(auto precision, ParsePrimary());
      args.push_back(std::move(precision));
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
    }
    return MakeFunction(std::string(function), std::move(args), location, true);
  }
  if (word == "current_schema" && !IsPunct("(", 1)) {
    Next();
    return MakeFunction("current_schema", {}, location, true);
  }
  if (IsPunct("(", 1)) {
    if (word == "coalesce" || word == "greatest" || word == "least" || word == "nullif") {
      Next();
      Next();
      DC_ASSIGN_OR_RETURN(auto args, ParseExprList());
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
      if (word == "nullif" && args.size() != 2) return SyntaxErrorAt(tokens_[pos_ - 1]);
      return MakeFunction(word, std::move(args), location);
    }
    if (word == "extract") {
      Next();
      Next();
      std::string field;
      if (Peek().kind == TokenKind::kIdentifier || Peek().kind == TokenKind::kString) {
        field = Next().text;
      } else {
        return SyntaxError();
      }
      DC_RETURN_IF_ERROR(ExpectKeyword("from"));
      ast::ExprList args;
      args.push_back(MakeString(field, location));
      DC_ASSIGN_OR_RETURN(auto source, ParseExpr());
      args.push_back(std::move(source));
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
      return MakeFunction("extract", std::move(args), location, true);
    }
    if (word == "position") {
      Next();
      Next();
      ast::ExprList args;
      DC_ASSIGN_OR_RETURN(auto needle, ParseOtherOperator());
      DC_RETURN_IF_ERROR(ExpectKeyword("in"));
      DC_ASSIGN_OR_RETURN(auto haystack, ParseOtherOperator());
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
      args.push_back(std::move(needle));
      args.push_back(std::move(haystack));
      return MakeFunction("position", std::move(args), location, true);
    }
    if (word == "substring") {
      Next();
      Next();
      ast::ExprList args;
      DC_ASSIGN_OR_RETURN(auto source, ParseExpr());
      args.push_back(std::move(source));
      if (AcceptPunct(",")) {
        DC_ASSIGN_OR_RETURN(auto rest, ParseExprList());
        for (auto& arg : rest) args.push_back(std::move(arg));
      } else {
        ast::ExprPtr from, length;
        if (AcceptKeyword("from")) {
          DC_ASSIGN_OR_RETURN(from, ParseExpr());
        }
        if (AcceptKeyword("for")) {
          DC_ASSIGN_OR_RETURN(length, ParseExpr());
        }
        if (IsKeyword("similar")) return NotSupportedAt(Peek(), "SUBSTRING ... SIMILAR");
        if (!from && length) {
          auto one = std::make_unique<ast::ConstantExpr>(location);
          one->constant_kind = ast::ConstantKind::kInteger;
          one->text = "1";
          from = std::move(one);
        }
        if (from) args.push_back(std::move(from));
        if (length) args.push_back(std::move(length));
      }
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
      return MakeFunction("substring", std::move(args), location);
    }
    if (word == "trim") {
      Next();
      Next();
      std::string function = "btrim";
      if (AcceptKeyword("leading")) {
        function = "ltrim";
      } else if (AcceptKeyword("trailing")) {
        function = "rtrim";
      } else {
        AcceptKeyword("both");
      }
      ast::ExprList args;
      if (AcceptKeyword("from")) {
        DC_ASSIGN_OR_RETURN(args, ParseExprList());
      } else {
        DC_ASSIGN_OR_RETURN(auto first, ParseExpr());
        if (AcceptKeyword("from")) {
          DC_ASSIGN_OR_RETURN(args, ParseExprList());
          args.push_back(std::move(first));  // TRIM(chars FROM s) is btrim(s, chars)
        } else {
          args.push_back(std::move(first));
          while (AcceptPunct(",")) {
            DC_ASSIGN_OR_RETURN(auto arg, ParseExpr());
            args.push_back(std::move(arg));
          }
        }
      }
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
      return MakeFunction(function, std::move(args), location);
    }
    if (word == "overlay") {
      Next();
      Next();
      ast::ExprList args;
      DC_ASSIGN_OR_RETURN(auto source, ParseExpr());
      args.push_back(std::move(source));
      if (AcceptPunct(",")) {
        DC_ASSIGN_OR_RETURN(auto rest, ParseExprList());
        for (auto& arg : rest) args.push_back(std::move(arg));
      } else {
        DC_RETURN_IF_ERROR(ExpectKeyword("placing"));
        DC_ASSIGN_OR_RETURN(auto replacement, ParseExpr());
        DC_RETURN_IF_ERROR(ExpectKeyword("from"));
        DC_ASSIGN_OR_RETURN(auto from, ParseExpr());
        args.push_back(std::move(replacement));
        args.push_back(std::move(from));
        if (AcceptKeyword("for")) {
          DC_ASSIGN_OR_RETURN(auto length, ParseExpr());
          args.push_back(std::move(length));
        }
      }
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
      return MakeFunction("overlay", std::move(args), location);
    }
  }
  if (IsSpecialTypeStart()) {
    // INTERVAL '1 day', TIMESTAMP '...', DOUBLE PRECISION '1.5': a typed literal. Otherwise
    // the word is a column name (these are col_name keywords).
    const size_t saved = pos_;
    auto type = ParseTypeName();
    if (type.ok() && Peek().kind == TokenKind::kString) {
      auto cast = std::make_unique<ast::CastExpr>(location);
      cast->type = std::move(type).value();
      cast->arg = MakeString(Next().text, Location(tokens_[pos_ - 1]));
      if (cast->type.name == "interval" && Peek().kind == TokenKind::kIdentifier &&
          !Peek().quoted &&
          (Peek().text == "year" || Peek().text == "month" || Peek().text == "day" ||
           Peek().text == "hour" || Peek().text == "minute" || Peek().text == "second")) {
        return NotSupportedAt(Peek(), "INTERVAL with a field restriction");
      }
      return ast::ExprPtr(std::move(cast));
    }
    if (!type.ok() && type.status().code() == StatusCode::kNotSupported) return type.status();
    pos_ = saved;
  }
  *matched = false;
  return ast::ExprPtr();
}

}  // namespace datacave::sql
