#include "sql/execution/expression.h"

namespace datacave::sql {

BoundExprPtr MakeConstant(Value value, Type type) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kConstant;
  expr->type = type;
  expr->constant = std::move(value);
  return expr;
}

BoundExprPtr MakeColumnRef(int index, Type type) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kColumn;
  expr->type = type;
  expr->index = index;
  return expr;
}

BoundExprPtr MakeCast(BoundExprPtr child, Type target, CastContext context) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kCast;
  expr->type = target;
  expr->cast_context = context;
  expr->children.push_back(std::move(child));
  return expr;
}

void MarkColumnsRead(const BoundExpr& expr, std::vector<bool>* read) {
  switch (expr.kind) {
    case BoundExprKind::kColumn:
      if (expr.index >= 0 && static_cast<size_t>(expr.index) < read->size()) {
        (*read)[static_cast<size_t>(expr.index)] = true;
      } else {
        read->assign(read->size(), true);  // not a column of this input: assume the worst
      }
      return;
    case BoundExprKind::kSubquery: read->assign(read->size(), true); return;
    case BoundExprKind::kOuterRef: return;  // its child reads the enclosing query's row
    default:
      for (const auto& child : expr.children) MarkColumnsRead(*child, read);
  }
}

namespace {

bool CompareHolds(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kEq: return c == 0;
    case CompareOp::kNe: return c != 0;
    case CompareOp::kLt: return c < 0;
    case CompareOp::kLe: return c <= 0;
    case CompareOp::kGt: return c > 0;
    case CompareOp::kGe: return c >= 0;
  }
  return false;
}

Value NullBool() {
  return Value::Null(TypeId::kBool);
}

// An operand's value, read in place when it is a column or a constant (no copy of a string or
// numeric), else evaluated into *storage.
Result<const Value*> Operand(const BoundExpr& expr, const Row& row, const EvalContext& context,
                             Value* storage) {
  if (expr.kind == BoundExprKind::kColumn) return &row[static_cast<size_t>(expr.index)];
  if (expr.kind == BoundExprKind::kConstant) return &expr.constant;
  DC_ASSIGN_OR_RETURN(*storage, Eval(expr, row, context));
  return storage;
}

}  // namespace

Result<Value> Eval(const BoundExpr& expr, const Row& row, const EvalContext& context) {
  switch (expr.kind) {
    case BoundExprKind::kConstant: return expr.constant;
    case BoundExprKind::kColumn: return row[static_cast<size_t>(expr.index)];
    case BoundExprKind::kParameter: {
      if (static_cast<size_t>(expr.index) >= context.parameters.size()) {
        return Status::Sql(StatusCode::kInvalidArgument, "42P02",
                           "there is no parameter $" + std::to_string(expr.index + 1));
      }
      const Value& v = context.parameters[static_cast<size_t>(expr.index)];
      if (v.type() != TypeId::kUnknown || expr.type.id == TypeId::kUnknown) return v;
      if (v.is_null()) return Value::Null(expr.type.id);
      return ParseText(expr.type, v.string_value());
    }
    case BoundExprKind::kCast: {
      Value storage;
      DC_ASSIGN_OR_RETURN(const Value* v, Operand(*expr.children[0], row, context, &storage));
      return Cast(*v, expr.type, expr.cast_context);
    }
    case BoundExprKind::kArithmetic: {
      Value a_storage, b_storage;
      DC_ASSIGN_OR_RETURN(const Value* a, Operand(*expr.children[0], row, context, &a_storage));
      DC_ASSIGN_OR_RETURN(const Value* b, Operand(*expr.children[1], row, context, &b_storage));
      if (a->is_null() || b->is_null()) return Value::Null(expr.type.id);
      return Arithmetic(expr.arith, *a, *b);
    }
    case BoundExprKind::kNegate: {
      DC_ASSIGN_OR_RETURN(Value a, Eval(*expr.children[0], row, context));
      if (a.is_null()) return Value::Null(expr.type.id);
      return Negate(a);
    }
    case BoundExprKind::kCompare: {
      Value a_storage, b_storage;
      DC_ASSIGN_OR_RETURN(const Value* a, Operand(*expr.children[0], row, context, &a_storage));
      DC_ASSIGN_OR_RETURN(const Value* b, Operand(*expr.children[1], row, context, &b_storage));
      if (a->is_null() || b->is_null()) return NullBool();
      return Value::Bool(CompareHolds(expr.compare, Value::Compare(*a, *b)));
    }
    case BoundExprKind::kAnd:
    case BoundExprKind::kOr: {
      // Three-valued: for AND, false wins over NULL; for OR, true does.
      const bool is_and = expr.kind == BoundExprKind::kAnd;
      bool saw_null = false;
      for (const auto& child : expr.children) {
        DC_ASSIGN_OR_RETURN(Value v, Eval(*child, row, context));
        if (v.is_null()) {
          saw_null = true;
        } else if (v.bool_value() != is_and) {
          return Value::Bool(!is_and);
        }
      }
      return saw_null ? NullBool() : Value::Bool(is_and);
    }
    case BoundExprKind::kNot: {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*expr.children[0], row, context));
      if (v.is_null()) return NullBool();
      return Value::Bool(!v.bool_value());
    }
    case BoundExprKind::kIsNull: {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*expr.children[0], row, context));
      return Value::Bool(v.is_null() != expr.negated);
    }
    case BoundExprKind::kIsDistinct: {
      DC_ASSIGN_OR_RETURN(Value a, Eval(*expr.children[0], row, context));
      DC_ASSIGN_OR_RETURN(Value b, Eval(*expr.children[1], row, context));
      bool distinct;
      if (a.is_null() || b.is_null()) {
        distinct = a.is_null() != b.is_null();
      } else {
        distinct = Value::Compare(a, b) != 0;
      }
      return Value::Bool(distinct != expr.negated);
    }
    case BoundExprKind::kBooleanTest: {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*expr.children[0], row, context));
      bool result = expr.test == 2   ? v.is_null()
                    : expr.test == 0 ? IsTrue(v)
                                     : (!v.is_null() && !v.bool_value());
      return Value::Bool(result != expr.negated);
    }
    case BoundExprKind::kCase: {
      size_t i = 0;
      Value operand;
      if (expr.flag) {
        DC_ASSIGN_OR_RETURN(operand, Eval(*expr.children[0], row, context));
        i = 1;
      }
      for (; i + 1 < expr.children.size(); i += 2) {
        DC_ASSIGN_OR_RETURN(Value when, Eval(*expr.children[i], row, context));
        bool matched;
        if (expr.flag) {
          matched = false;
          if (!operand.is_null() && !when.is_null()) {
            const Type& when_type = expr.children[i]->type;
            if (expr.children[0]->type.id == when_type.id) {
              matched = Value::Compare(operand, when) == 0;
            } else {  // this WHEN compares in a wider type than the operand's
              DC_ASSIGN_OR_RETURN(Value widened, Cast(operand, when_type, CastContext::kImplicit));
              matched = Value::Compare(widened, when) == 0;
            }
          }
        } else {
          matched = IsTrue(when);
        }
        if (matched) return Eval(*expr.children[i + 1], row, context);
      }
      if (i < expr.children.size()) return Eval(*expr.children[i], row, context);
      return Value::Null(expr.type.id);
    }
    case BoundExprKind::kCoalesce: {
      for (const auto& child : expr.children) {
        DC_ASSIGN_OR_RETURN(Value v, Eval(*child, row, context));
        if (!v.is_null()) return v;
      }
      return Value::Null(expr.type.id);
    }
    case BoundExprKind::kFunction: {
      std::vector<Value> args;
      args.reserve(expr.children.size());
      for (const auto& child : expr.children) {
        DC_ASSIGN_OR_RETURN(Value v, Eval(*child, row, context));
        if (v.is_null() && expr.function->strict) return Value::Null(expr.type.id);
        args.push_back(std::move(v));
      }
      if (expr.function->call_in_session) return expr.function->call_in_session(args, context);
      return expr.function->call(args, expr.type);
    }
    case BoundExprKind::kLike: {
      DC_ASSIGN_OR_RETURN(Value text, Eval(*expr.children[0], row, context));
      DC_ASSIGN_OR_RETURN(Value pattern, Eval(*expr.children[1], row, context));
      if (text.is_null() || pattern.is_null()) return NullBool();
      std::string escaped;
      if (expr.children.size() > 2) {
        DC_ASSIGN_OR_RETURN(Value escape, Eval(*expr.children[2], row, context));
        if (escape.is_null()) return NullBool();
        DC_ASSIGN_OR_RETURN(escaped, LikeEscape(pattern.string_value(), escape.string_value()));
        pattern = Value::Text(std::move(escaped));
      }
      bool matched = LikeMatch(text.string_value(), pattern.string_value(), expr.flag);
      return Value::Bool(matched != expr.negated);
    }
    case BoundExprKind::kInList: {
      DC_ASSIGN_OR_RETURN(Value needle, Eval(*expr.children[0], row, context));
      if (needle.is_null()) return NullBool();
      bool saw_null = false;
      for (size_t i = 1; i < expr.children.size(); ++i) {
        DC_ASSIGN_OR_RETURN(Value v, Eval(*expr.children[i], row, context));
        if (v.is_null()) {
          saw_null = true;
        } else if (Value::Compare(needle, v) == 0) {
          return Value::Bool(!expr.negated);
        }
      }
      // x NOT IN (..., NULL) is NULL unless x matched: PostgreSQL's (and SQL's) rule.
      return saw_null ? NullBool() : Value::Bool(expr.negated);
    }
    case BoundExprKind::kSubquery: return EvalSubquery(expr, row, context);
    case BoundExprKind::kArrayCompare: return EvalArrayCompare(expr, row, context);
    case BoundExprKind::kOuterRef:
      return Eval(*expr.children[0], *context.outer_row, *context.outer);
    case BoundExprKind::kLookup: {
      DC_ASSIGN_OR_RETURN(Value key, Eval(*expr.children[0], row, context));
      if (key.is_null()) return Value::Null(expr.type.id);
      std::string text = ToText(key);
      auto it = expr.lookup->find(text);
      if (it != expr.lookup->end()) return it->second;
      if (expr.flag) return Value::Text(std::move(text));
      return expr.constant;
    }
  }
  return Status::NotSupported("expression");
}

Result<std::string> LikeEscape(std::string_view pattern, std::string_view escape) {
  auto char_length = [](unsigned char lead) -> size_t {
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  };
  if (!escape.empty() && char_length(static_cast<unsigned char>(escape[0])) != escape.size()) {
    // (PostgreSQL adds the hint "Escape string must be empty or one character."; Status has
    // no hint field.)
    return Status::Sql(StatusCode::kInvalidArgument, "22025", "invalid escape string");
  }
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (!escape.empty() && pattern.substr(i, escape.size()) == escape) {
      i += escape.size();
      if (i >= pattern.size()) {
        // PostgreSQL fails (22025) only when matching reaches it; here it never matches.
        out += '\\';
        break;
      }
      const size_t n =
          std::min(char_length(static_cast<unsigned char>(pattern[i])), pattern.size() - i);
      out += '\\';
      out.append(pattern.substr(i, n));
      i += n;
    } else if (pattern[i] == '\\') {
      out += "\\\\";  // a literal backslash (no escape, or another one)
      ++i;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

bool LikeMatch(std::string_view text, std::string_view pattern, bool case_insensitive) {
  auto fold = [&](unsigned char c) {
    return case_insensitive && c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c;
  };
  // Iterative matching with backtracking to the last '%': linear in practice.
  size_t t = 0, p = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = p++;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      // One character: '_' matches a whole UTF-8 character.
      size_t char_len = 1;
      const auto lead = static_cast<unsigned char>(text[t]);
      if (lead >= 0xF0) {
        char_len = 4;
      } else if (lead >= 0xE0) {
        char_len = 3;
      } else if (lead >= 0xC0) {
        char_len = 2;
      }
      char_len = std::min(char_len, text.size() - t);
      if (pattern[p] == '_') {
        t += char_len;
        ++p;
        continue;
      }
      size_t q = p;
      if (pattern[q] == '\\' && q + 1 < pattern.size()) ++q;
      if (fold(static_cast<unsigned char>(pattern[q])) ==
          fold(static_cast<unsigned char>(text[t]))) {
        t += 1;
        p = q + 1;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p + 1;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

std::string DescribeExpr(const BoundExpr& expr) {
  switch (expr.kind) {
    case BoundExprKind::kConstant: return expr.constant.is_null() ? "NULL" : ToText(expr.constant);
    case BoundExprKind::kColumn: return "#" + std::to_string(expr.index);
    case BoundExprKind::kParameter: return "$" + std::to_string(expr.index + 1);
    default: break;
  }
  std::string out = "(";
  for (size_t i = 0; i < expr.children.size(); ++i) {
    if (i > 0) out += ", ";
    out += DescribeExpr(*expr.children[i]);
  }
  return out + ")";
}

}  // namespace datacave::sql
