// Queries: SELECT, VALUES, TABLE, set operations (INTERSECT binds tighter than UNION and
// EXCEPT), WITH, FROM with joins, and the clauses that apply to a whole query.

#include "sql/parser/keywords.h"
#include "sql/parser/parser_internal.h"

namespace datacave::sql {

bool Parser::IsSelectStart(size_t ahead) const {
  while (IsPunct("(", ahead)) ++ahead;
  return IsKeyword("select", ahead) || IsKeyword("values", ahead) || IsKeyword("with", ahead) ||
         IsKeyword("table", ahead);
}

Result<std::unique_ptr<ast::SelectStmt>> Parser::ParseSelectInParens() {
  DC_RETURN_IF_ERROR(ExpectPunct("("));
  DepthGuard guard(this);
  if (guard.TooDeep()) return TooDeepError();
  DC_ASSIGN_OR_RETURN(auto query, ParseSelect());
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  return query;
}

Result<std::unique_ptr<ast::SelectStmt>> Parser::ParseSelect() {
  std::unique_ptr<ast::WithClause> with;
  const Token& with_token = Peek();
  if (IsKeyword("with")) {
    DC_ASSIGN_OR_RETURN(with, ParseWith());
  }
  DC_ASSIGN_OR_RETURN(auto query, ParseSelectBody());
  if (with) {
    if (query->with) return ErrorAt(with_token, "42601", "multiple WITH clauses not allowed");
    query->with = std::move(with);
  }
  DC_RETURN_IF_ERROR(ParseSelectOptions(query.get()));
  return query;
}

Result<std::unique_ptr<ast::SelectStmt>> Parser::ParseSelectBody() {
  auto parse_intersect_level = [this]() -> Result<std::unique_ptr<ast::SelectStmt>> {
    DC_ASSIGN_OR_RETURN(auto left, ParseSetOperand());
    while (IsKeyword("intersect")) {
      auto node = std::make_unique<ast::SelectStmt>();
      node->location = Location(Next());
      node->body = ast::SelectStmt::Body::kSetOp;
      node->set_op = ast::SetOpKind::kIntersect;
      node->set_all = AcceptKeyword("all");
      if (!node->set_all) AcceptKeyword("distinct");
      node->left = std::move(left);
      DC_ASSIGN_OR_RETURN(node->right, ParseSetOperand());
      left = std::move(node);
    }
    return left;
  };
  DC_ASSIGN_OR_RETURN(auto left, parse_intersect_level());
  while (IsKeyword("union") || IsKeyword("except")) {
    auto node = std::make_unique<ast::SelectStmt>();
    const Token& op = Next();
    node->location = Location(op);
    node->body = ast::SelectStmt::Body::kSetOp;
    node->set_op = op.text == "union" ? ast::SetOpKind::kUnion : ast::SetOpKind::kExcept;
    node->set_all = AcceptKeyword("all");
    if (!node->set_all) AcceptKeyword("distinct");
    node->left = std::move(left);
    DC_ASSIGN_OR_RETURN(node->right, parse_intersect_level());
    left = std::move(node);
  }
  return left;
}

Result<std::unique_ptr<ast::SelectStmt>> Parser::ParseSetOperand() {
  if (IsPunct("(")) return ParseSelectInParens();
  if (IsKeyword("select")) return ParseSimpleSelect();
  if (IsKeyword("values")) return ParseValues();
  if (IsKeyword("table")) {
    auto query = std::make_unique<ast::SelectStmt>();
    query->location = Location(Next());
    auto star = std::make_unique<ast::ColumnRefExpr>(query->location);
    star->star = true;
    query->targets.push_back({std::move(star), "", query->location});
    auto table = std::make_unique<ast::TableRef>(ast::TableRefKind::kTable, Location(Peek()));
    DC_ASSIGN_OR_RETURN(table->name, ParseQualifiedName());
    query->from.push_back(std::move(table));
    return query;
  }
  return SyntaxError();
}

Result<std::unique_ptr<ast::SelectStmt>> Parser::ParseValues() {
  auto query = std::make_unique<ast::SelectStmt>();
  query->location = Location(Next());
  query->body = ast::SelectStmt::Body::kValues;
  do {
    DC_RETURN_IF_ERROR(ExpectPunct("("));
    DC_ASSIGN_OR_RETURN(auto row, ParseExprList());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
    query->values.push_back(std::move(row));
  } while (AcceptPunct(","));
  return query;
}

namespace {
// Words that end a target list that is empty (SELECT FROM t, SELECT;).
bool EndsEmptyTargetList(const Token& token) {
  if (token.kind == TokenKind::kEnd) return true;
  if (token.kind == TokenKind::kPunctuation) return token.text == ";" || token.text == ")";
  if (token.kind != TokenKind::kIdentifier || token.quoted) return false;
  static constexpr std::string_view kWords[] = {
      "from",   "where", "group", "having", "window", "union", "intersect",
      "except", "order", "limit", "offset", "fetch",  "for",
  };
  for (std::string_view word : kWords) {
    if (token.text == word) return true;
  }
  return false;
}
}  // namespace

Result<std::unique_ptr<ast::SelectStmt>> Parser::ParseSimpleSelect() {
  auto query = std::make_unique<ast::SelectStmt>();
  query->location = Location(Next());
  if (AcceptKeyword("distinct")) {
    query->distinct = true;
    if (AcceptKeyword("on")) {
      DC_RETURN_IF_ERROR(ExpectPunct("("));
      DC_ASSIGN_OR_RETURN(query->distinct_on, ParseExprList());
      DC_RETURN_IF_ERROR(ExpectPunct(")"));
    }
  } else {
    AcceptKeyword("all");
  }
  if (!EndsEmptyTargetList(Peek())) {
    DC_ASSIGN_OR_RETURN(query->targets, ParseTargetList());
  }
  if (IsKeyword("into")) return NotSupportedAt(Peek(), "SELECT INTO");
  if (AcceptKeyword("from")) {
    DC_ASSIGN_OR_RETURN(query->from, ParseFromList());
  }
  if (AcceptKeyword("where")) {
    DC_ASSIGN_OR_RETURN(query->where, ParseExpr());
  }
  if (IsKeyword("group") && IsKeyword("by", 1)) {
    Next();
    Next();
    if (!AcceptKeyword("all")) {
      if (IsKeyword("distinct")) return NotSupportedAt(Peek(), "GROUP BY DISTINCT");
    }
    do {
      if ((IsKeyword("rollup") || IsKeyword("cube")) && IsPunct("(", 1)) {
        return NotSupportedAt(Peek(), Peek().text == "cube" ? "CUBE" : "ROLLUP");
      }
      if (IsKeyword("grouping") && IsKeyword("sets", 1)) {
        return NotSupportedAt(Peek(), "GROUPING SETS");
      }
      if (IsPunct("(") && IsPunct(")", 1)) return NotSupportedAt(Peek(), "empty grouping sets");
      DC_ASSIGN_OR_RETURN(auto expr, ParseExpr());
      query->group_by.push_back(std::move(expr));
    } while (AcceptPunct(","));
  }
  if (AcceptKeyword("having")) {
    DC_ASSIGN_OR_RETURN(query->having, ParseExpr());
  }
  if (AcceptKeyword("window")) {
    do {
      ast::NamedWindow window;
      DC_ASSIGN_OR_RETURN(window.name, ParseColId());
      DC_RETURN_IF_ERROR(ExpectKeyword("as"));
      DC_ASSIGN_OR_RETURN(window.spec, ParseWindowSpec());
      query->windows.push_back(std::move(window));
    } while (AcceptPunct(","));
  }
  return query;
}

Result<std::vector<ast::ResultTarget>> Parser::ParseTargetList() {
  std::vector<ast::ResultTarget> targets;
  do {
    ast::ResultTarget target;
    target.location = Location(Peek());
    if (IsOperator("*")) {
      auto star = std::make_unique<ast::ColumnRefExpr>(Location(Next()));
      star->star = true;
      target.expr = std::move(star);
    } else {
      DC_ASSIGN_OR_RETURN(target.expr, ParseExpr());
      if (AcceptKeyword("as")) {
        DC_ASSIGN_OR_RETURN(target.alias, ParseColLabel());
      } else if (Peek().kind == TokenKind::kIdentifier &&
                 (Peek().quoted || (KeywordCategoryOf(Peek().text) != KeywordCategory::kReserved &&
                                    !RequiresAsForLabel(Peek().text)))) {
        target.alias = Next().text;
      }
    }
    targets.push_back(std::move(target));
  } while (AcceptPunct(","));
  return targets;
}

Result<std::vector<ast::SortItem>> Parser::ParseOrderBy() {
  DC_RETURN_IF_ERROR(ExpectKeyword("order"));
  DC_RETURN_IF_ERROR(ExpectKeyword("by"));
  std::vector<ast::SortItem> items;
  do {
    ast::SortItem item;
    DC_ASSIGN_OR_RETURN(item.expr, ParseExpr());
    if (AcceptKeyword("desc")) {
      item.descending = true;
    } else if (!AcceptKeyword("asc") && IsKeyword("using")) {
      return NotSupportedAt(Peek(), "ORDER BY ... USING");
    }
    if (AcceptKeyword("nulls")) {
      if (AcceptKeyword("first")) {
        item.nulls = ast::NullsOrder::kFirst;
      } else if (AcceptKeyword("last")) {
        item.nulls = ast::NullsOrder::kLast;
      } else {
        return SyntaxError();
      }
    }
    items.push_back(std::move(item));
  } while (AcceptPunct(","));
  return items;
}

Status Parser::ParseSelectOptions(ast::SelectStmt* query) {
  auto duplicate = [&](const Token& at, std::string_view clause) {
    return ErrorAt(at, "42601", "multiple " + std::string(clause) + " clauses not allowed");
  };
  if (IsKeyword("order") && IsKeyword("by", 1)) {
    const Token& at = Peek(2);
    DC_ASSIGN_OR_RETURN(auto order_by, ParseOrderBy());
    if (!query->order_by.empty()) return duplicate(at, "ORDER BY");
    query->order_by = std::move(order_by);
  }
  // LIMIT and OFFSET in either order; FETCH FIRST n ROWS ONLY is LIMIT n.
  while (true) {
    const Token& at = Peek();
    if (AcceptKeyword("limit")) {
      if (query->limit) return duplicate(at, "LIMIT");
      if (AcceptKeyword("all")) {
        query->limit = nullptr;
        continue;
      }
      DC_ASSIGN_OR_RETURN(query->limit, ParseExpr());
      if (IsPunct(",")) {
        return ErrorAt(at, "42601", "LIMIT #,# syntax is not supported");
      }
    } else if (AcceptKeyword("offset")) {
      if (query->offset) return duplicate(at, "OFFSET");
      DC_ASSIGN_OR_RETURN(query->offset, ParseExpr());
      if (!AcceptKeyword("row")) AcceptKeyword("rows");
    } else if (AcceptKeyword("fetch")) {
      if (query->limit) return duplicate(at, "LIMIT");
      if (!AcceptKeyword("first") && !AcceptKeyword("next")) return SyntaxError();
      if (IsKeyword("row") || IsKeyword("rows")) {
        auto one = std::make_unique<ast::ConstantExpr>(Location(Peek()));
        one->constant_kind = ast::ConstantKind::kInteger;
        one->text = "1";
        query->limit = std::move(one);
      } else {
        DC_ASSIGN_OR_RETURN(query->limit, ParseAdditive());
      }
      if (!AcceptKeyword("row") && !AcceptKeyword("rows")) return SyntaxError();
      if (IsKeyword("with") && IsKeyword("ties", 1)) return NotSupportedAt(Peek(), "WITH TIES");
      DC_RETURN_IF_ERROR(ExpectKeyword("only"));
    } else {
      break;
    }
  }
  // FOR READ ONLY locks nothing (libpqxx's cursors end their query with it).
  if (IsKeyword("for") && IsKeyword("read", 1) && IsKeyword("only", 2)) {
    Next();
    Next();
    Next();
  }
  if (IsKeyword("for") && (IsKeyword("update", 1) || IsKeyword("share", 1) || IsKeyword("no", 1) ||
                           IsKeyword("key", 1))) {
    return NotSupportedAt(Peek(), "SELECT FOR UPDATE/SHARE");
  }
  return Status::Ok();
}

Result<std::unique_ptr<ast::WithClause>> Parser::ParseWith() {
  Next();  // WITH
  auto with = std::make_unique<ast::WithClause>();
  with->recursive = AcceptKeyword("recursive");
  do {
    ast::CommonTableExpr cte;
    cte.location = Location(Peek());
    DC_ASSIGN_OR_RETURN(cte.name, ParseColId());
    if (IsPunct("(")) {
      DC_ASSIGN_OR_RETURN(cte.columns, ParseNameList());
    }
    DC_RETURN_IF_ERROR(ExpectKeyword("as"));
    if (AcceptKeyword("not")) {
      DC_RETURN_IF_ERROR(ExpectKeyword("materialized"));
    } else {
      AcceptKeyword("materialized");
    }
    if (!IsPunct("(")) return SyntaxError();
    if (IsKeyword("insert", 1) || IsKeyword("update", 1) || IsKeyword("delete", 1)) {
      return NotSupportedAt(Peek(1), "data-modifying statements in WITH");
    }
    DC_ASSIGN_OR_RETURN(cte.query, ParseSelectInParens());
    if (IsKeyword("search") || IsKeyword("cycle")) {
      return NotSupportedAt(Peek(), "SEARCH and CYCLE clauses");
    }
    with->ctes.push_back(std::move(cte));
  } while (AcceptPunct(","));
  return with;
}

Result<ast::WindowSpec> Parser::ParseWindowSpec() {
  ast::WindowSpec spec;
  spec.location = Location(Peek());
  DC_RETURN_IF_ERROR(ExpectPunct("("));
  if (IsColId() && !(IsKeyword("partition") && IsKeyword("by", 1)) &&
      !(IsKeyword("order") && IsKeyword("by", 1)) && !IsKeyword("rows") && !IsKeyword("range") &&
      !IsKeyword("groups")) {
    spec.ref_name = Next().text;
  }
  if (IsKeyword("partition") && IsKeyword("by", 1)) {
    Next();
    Next();
    DC_ASSIGN_OR_RETURN(spec.partition_by, ParseExprList());
  }
  if (IsKeyword("order") && IsKeyword("by", 1)) {
    DC_ASSIGN_OR_RETURN(spec.order_by, ParseOrderBy());
  }
  if (IsKeyword("rows") || IsKeyword("range") || IsKeyword("groups")) {
    DC_RETURN_IF_ERROR(ParseWindowFrame(&spec));
  }
  DC_RETURN_IF_ERROR(ExpectPunct(")"));
  return spec;
}

Result<ast::FrameBound> Parser::ParseFrameBound() {
  ast::FrameBound bound;
  if (AcceptKeyword("unbounded")) {
    if (AcceptKeyword("preceding")) {
      bound.kind = ast::FrameBoundKind::kUnboundedPreceding;
    } else {
      DC_RETURN_IF_ERROR(ExpectKeyword("following"));
      bound.kind = ast::FrameBoundKind::kUnboundedFollowing;
    }
    return bound;
  }
  if (IsKeyword("current") && IsKeyword("row", 1)) {
    Next();
    Next();
    bound.kind = ast::FrameBoundKind::kCurrentRow;
    return bound;
  }
  DC_ASSIGN_OR_RETURN(bound.offset, ParseExpr());
  if (AcceptKeyword("preceding")) {
    bound.kind = ast::FrameBoundKind::kPreceding;
  } else {
    DC_RETURN_IF_ERROR(ExpectKeyword("following"));
    bound.kind = ast::FrameBoundKind::kFollowing;
  }
  return bound;
}

// ROWS | RANGE | GROUPS, then a start or BETWEEN start AND end; the checks are gram.y's.
Status Parser::ParseWindowFrame(ast::WindowSpec* spec) {
  using Kind = ast::FrameBoundKind;
  spec->frame_location = Location(Peek());
  const std::string mode = Next().text;
  spec->frame_mode = mode == "rows"    ? ast::FrameMode::kRows
                     : mode == "range" ? ast::FrameMode::kRange
                                       : ast::FrameMode::kGroups;
  const Token& start_token = Peek();
  if (AcceptKeyword("between")) {
    const Token& first = Peek();
    DC_ASSIGN_OR_RETURN(spec->frame_start, ParseFrameBound());
    DC_RETURN_IF_ERROR(ExpectKeyword("and"));
    const Token& second = Peek();
    DC_ASSIGN_OR_RETURN(spec->frame_end, ParseFrameBound());
    const Kind start = spec->frame_start.kind, end = spec->frame_end.kind;
    if (start == Kind::kUnboundedFollowing) {
      return ErrorAt(first, "42P20", "frame start cannot be UNBOUNDED FOLLOWING");
    }
    if (end == Kind::kUnboundedPreceding) {
      return ErrorAt(second, "42P20", "frame end cannot be UNBOUNDED PRECEDING");
    }
    if (start == Kind::kCurrentRow && end == Kind::kPreceding) {
      return ErrorAt(second, "42P20", "frame starting from current row cannot have preceding rows");
    }
    if (start == Kind::kFollowing && (end == Kind::kPreceding || end == Kind::kCurrentRow)) {
      return ErrorAt(second, "42P20",
                     "frame starting from following row cannot have preceding rows");
    }
  } else {
    DC_ASSIGN_OR_RETURN(spec->frame_start, ParseFrameBound());
    spec->frame_end.kind = Kind::kCurrentRow;
    if (spec->frame_start.kind == Kind::kUnboundedFollowing) {
      return ErrorAt(start_token, "42P20", "frame start cannot be UNBOUNDED FOLLOWING");
    }
    if (spec->frame_start.kind == Kind::kFollowing) {
      return ErrorAt(start_token, "42P20",
                     "frame starting from following row cannot end with current row");
    }
  }
  if (IsKeyword("exclude")) return NotSupportedAt(Peek(), "window frame EXCLUDE");
  return Status::Ok();
}

// ---- FROM

Result<std::vector<std::unique_ptr<ast::TableRef>>> Parser::ParseFromList() {
  std::vector<std::unique_ptr<ast::TableRef>> refs;
  do {
    DC_ASSIGN_OR_RETURN(auto ref, ParseTableRef());
    refs.push_back(std::move(ref));
  } while (AcceptPunct(","));
  return refs;
}

Result<std::unique_ptr<ast::TableRef>> Parser::ParseTableRef() {
  DepthGuard guard(this);
  if (guard.TooDeep()) return TooDeepError();
  DC_ASSIGN_OR_RETURN(auto left, ParseTableRefPrimary());
  while (true) {
    const Token& start = Peek();
    auto join = std::make_unique<ast::TableRef>(ast::TableRefKind::kJoin, Location(start));
    if (IsKeyword("cross") && IsKeyword("join", 1)) {
      Next();
      Next();
      join->join_type = ast::JoinType::kCross;
      join->left = std::move(left);
      DC_ASSIGN_OR_RETURN(join->right, ParseTableRefPrimary());
      left = std::move(join);
      continue;
    }
    join->natural = AcceptKeyword("natural");
    if (AcceptKeyword("inner")) {
      join->join_type = ast::JoinType::kInner;
    } else if (AcceptKeyword("left")) {
      join->join_type = ast::JoinType::kLeft;
      AcceptKeyword("outer");
    } else if (AcceptKeyword("right")) {
      join->join_type = ast::JoinType::kRight;
      AcceptKeyword("outer");
    } else if (AcceptKeyword("full")) {
      join->join_type = ast::JoinType::kFull;
      AcceptKeyword("outer");
    } else if (!IsKeyword("join")) {
      if (join->natural) return SyntaxError();
      return left;
    }
    DC_RETURN_IF_ERROR(ExpectKeyword("join"));
    join->left = std::move(left);
    if (join->natural) {
      DC_ASSIGN_OR_RETURN(join->right, ParseTableRefPrimary());
    } else {
      DC_ASSIGN_OR_RETURN(join->right, ParseTableRef());
      if (AcceptKeyword("on")) {
        DC_ASSIGN_OR_RETURN(join->on, ParseExpr());
      } else if (IsKeyword("using")) {
        Next();
        DC_ASSIGN_OR_RETURN(join->using_columns, ParseNameList());
        if (IsKeyword("as")) return NotSupportedAt(Peek(), "an alias for JOIN USING");
      } else {
        return SyntaxError();
      }
    }
    left = std::move(join);
  }
}

Status Parser::ParseAlias(ast::Alias* alias, bool required, const Token& at) {
  if (AcceptKeyword("as")) {
    DC_ASSIGN_OR_RETURN(alias->name, ParseColId());
  } else if (IsColId()) {
    alias->name = Next().text;
  } else if (required) {
    return ErrorAt(at, "42601", "subquery in FROM must have an alias");
  } else {
    return Status::Ok();
  }
  if (IsPunct("(")) {
    DC_ASSIGN_OR_RETURN(alias->columns, ParseNameList());
  }
  return Status::Ok();
}

Result<std::unique_ptr<ast::TableRef>> Parser::ParseTableRefPrimary() {
  const Token& start = Peek();
  const bool lateral = AcceptKeyword("lateral");
  if (IsPunct("(")) {
    if (IsSelectStart(1)) {
      const size_t saved = pos_;
      auto query = ParseSelectInParens();
      if (query.ok()) {
        auto ref = std::make_unique<ast::TableRef>(ast::TableRefKind::kSubquery, Location(start));
        ref->lateral = lateral;
        ref->query = std::move(query).value();
        DC_RETURN_IF_ERROR(ParseAlias(&ref->alias, /*required=*/true, start));
        return ref;
      }
      pos_ = saved;
      // "(SELECT" can only be a subquery; "((" may also open a parenthesized join.
      if (!IsPunct("(", 1) || lateral) return query.status();
    }
    if (lateral) return SyntaxError();
    Next();
    DC_ASSIGN_OR_RETURN(auto ref, ParseTableRef());
    DC_RETURN_IF_ERROR(ExpectPunct(")"));
    if (IsKeyword("as") || IsColId()) {
      return NotSupportedAt(Peek(), "an alias for a parenthesized join");
    }
    return ref;
  }
  // f(...) or schema.f(...)
  const bool qualified_call =
      IsColId() && IsPunct(".", 1) && Peek(2).kind == TokenKind::kIdentifier && IsPunct("(", 3);
  if ((IsFunctionName() && IsPunct("(", 1)) || qualified_call) {
    auto ref = std::make_unique<ast::TableRef>(ast::TableRefKind::kFunction, Location(start));
    ref->lateral = lateral;
    const Token& name_token = Peek();
    ast::QualifiedName name{Next().text};
    if (qualified_call) {
      Next();
      name.push_back(Next().text);
    }
    DC_ASSIGN_OR_RETURN(ref->function, ParseFunctionCall(std::move(name), name_token));
    if (IsKeyword("with") && IsKeyword("ordinality", 1)) {
      return NotSupportedAt(Peek(), "WITH ORDINALITY");
    }
    DC_RETURN_IF_ERROR(ParseAlias(&ref->alias, false, start));
    return ref;
  }
  if (lateral) return SyntaxError();
  auto ref = std::make_unique<ast::TableRef>(ast::TableRefKind::kTable, Location(start));
  AcceptKeyword("only");
  DC_ASSIGN_OR_RETURN(ref->name, ParseQualifiedName());
  AcceptOperator("*");
  if (IsKeyword("tablesample")) return NotSupportedAt(Peek(), "TABLESAMPLE");
  DC_RETURN_IF_ERROR(ParseAlias(&ref->alias, false, start));
  return ref;
}

}  // namespace datacave::sql
