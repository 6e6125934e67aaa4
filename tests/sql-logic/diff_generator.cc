#include "sql-logic/diff_generator.h"

#include <algorithm>
#include <utility>

// Error opportunities. PostgreSQL and Datacave must agree on whether a query fails, but SQL
// leaves open which rows an engine evaluates an expression on beyond those the result needs:
// PostgreSQL pushes WHERE conjuncts below joins and into subqueries in FROM, stops a LIMIT
// or an EXISTS early, and folds constant subexpressions (3 / 0) at plan time even in a CASE
// branch no row takes. So expressions that can fail (division by an expression, arithmetic
// on the "big" columns, whose values reach the integer limits, and scalar subqueries that
// may return several rows) appear only where both engines evaluate them on exactly the rows
// of the result: the select list of a query without LIMIT, outside subqueries, and always
// with a column in them so that nothing folds. Everywhere else division is by a nonzero
// literal and arithmetic stays on small values.

namespace datacave::slt::diff {
namespace {

// SplitMix64: small, and the same sequence on every platform (std::uniform_int_distribution
// is not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Uniform(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  int Range(int lo, int hi) { return lo + Uniform(hi - lo + 1); }
  bool Chance(int percent) { return Uniform(100) < percent; }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Uniform(static_cast<int>(v.size())))];
  }
  template <class T>
  void Shuffle(std::vector<T>* v) {
    for (size_t i = v->size(); i > 1; i--)
      std::swap((*v)[i - 1], (*v)[static_cast<size_t>(Uniform(static_cast<int>(i)))]);
  }

 private:
  uint64_t state_;
};

const char* SqlType(Type t) {
  switch (t) {
    case Type::kInt4: return "integer";
    case Type::kInt8: return "bigint";
    case Type::kNumeric: return "numeric";
    case Type::kFloat8: return "double precision";
    case Type::kText: return "text";
    case Type::kBool: return "boolean";
  }
  return "?";
}

bool IsInteger(Type t) {
  return t == Type::kInt4 || t == Type::kInt8;
}

// Types an expression of type `want` may be built from directly (int4 and int8 mix freely).
bool SameFamily(Type a, Type b) {
  return a == b || (IsInteger(a) && IsInteger(b));
}

// A value for a table's row, as an SQL literal (never NULL).
std::string DataValue(Rng& rng, const Column& column) {
  switch (column.type) {
    case Type::kInt4:
      if (column.big && rng.Chance(30)) {
        return rng.Pick<std::string>({"2147483647", "-2147483647", "1000000", "-2147483648"});
      }
      return std::to_string(rng.Range(-5, 5));
    case Type::kInt8:
      if (column.big && rng.Chance(30)) {
        return rng.Pick<std::string>(
            {"9223372036854775807", "-9223372036854775807", "3037000500", "-9223372036854775808"});
      }
      return std::to_string(rng.Range(-5, 5));
    case Type::kNumeric: {
      // Trailing zeros on purpose: numeric keeps its scale, and the output shows it.
      std::string v = std::to_string(rng.Range(0, 3)) +
                      rng.Pick<std::string>({"", ".5", ".25", ".10", ".333", ".0"});
      return rng.Chance(35) ? "-" + v : v;
    }
    case Type::kFloat8:
      // Binary fractions add exactly in any order, so sums and averages do not depend on it.
      if (rng.Chance(5)) return rng.Pick<std::string>({"'NaN'", "'Infinity'", "'-Infinity'"});
      return rng.Pick<std::string>({"-2.5", "-1", "-0.5", "0", "0.25", "1", "1.5", "2", "3"});
    case Type::kText:
      return rng.Pick<std::string>(
          {"'a'", "'b'", "'c'", "'ab'", "'A'", "'B'", "' a'", "''", "'a b'", "'b%'"});
    case Type::kBool: return rng.Chance(50) ? "true" : "false";
  }
  return "NULL";
}

// Something an expression may name: a column (alias.column) or a GROUP BY key.
struct Ref {
  std::string sql;
  Type type;
  bool big = false;
  // A derived table's column: PostgreSQL may flatten the subquery and see a constant
  // ((SELECT 0 AS c0 ...) d: d.c0 % d.c0 fails while planning, over no rows), so never an
  // operand of arithmetic.
  bool derived = false;
};

// What an expression being generated may use.
struct Scope {
  std::vector<Ref> refs;  // names it may use bare (in a grouped query, the keys)
  // Non-empty in a grouped query (with or without GROUP BY): the columns of the rows
  // aggregated, for the aggregates' arguments. Empty: no aggregates here.
  std::vector<Ref> rows;
  bool errors = false;  // may fail (see the top of the file)
  int depth = 0;        // subquery nesting
};

// The output of a SELECT (without ORDER BY / LIMIT).
struct Core {
  std::string sql;
  std::vector<Type> types;
  bool star = false;  // SELECT *: types unknown
};

struct From {
  std::string sql;
  std::vector<Ref> refs;
  std::vector<std::string> join_predicates;  // for WHERE: the comma joins' conditions
};

class Builder {
 public:
  Builder(const std::vector<Table>& tables, uint64_t seed) : tables_(tables), rng_(seed) {}

  Query Build();

 private:
  Core Select(const std::vector<Type>* want, bool errors, bool name_columns, int depth);
  From FromClause(int depth);
  std::string JoinCondition(const std::vector<Ref>& left, const std::vector<Ref>& right,
                            bool equalities_only, int depth);
  std::string Expr(Type type, const Scope& s, int budget, bool arith = false);
  std::string Leaf(Type type, const Scope& s, bool arith);
  // null: may be a bare NULL. Never where errors may happen: PostgreSQL folds a strict
  // operator over a NULL constant (x / y + NULL, x IN (NULL)) to NULL without evaluating x.
  std::string Literal(Type type, bool null = true);
  std::string Bool(const Scope& s, int budget);
  // arith: the result is an operand of arithmetic (min(big) - 1 may overflow).
  std::string Aggregate(Type type, const Scope& s, int budget, bool arith = false);
  // " FROM t s<n> [WHERE ...]"; *inner: the scope of its expressions, *own: its columns.
  std::string Subquery(const Scope& outer, Scope* inner, std::vector<Ref>* own);
  std::string ScalarSubquery(Type type, const Scope& s, bool arith = false);
  // A column of the wanted family from refs (excluding big ones when arith and no errors);
  // empty when none.
  std::string PickColumn(Type type, const std::vector<Ref>& refs, bool arith, bool errors);
  Type AnyType();
  Type ComparableType(Type t);  // t, or another type PostgreSQL compares with it
  std::string Alias(const char* prefix) { return prefix + std::to_string(next_alias_++); }
  std::vector<Ref> TableRefs(const Table& table, const std::string& alias);

  const std::vector<Table>& tables_;
  Rng rng_;
  int next_alias_ = 0;
};

Type Builder::AnyType() {
  return rng_.Pick<Type>({Type::kInt4, Type::kInt4, Type::kInt8, Type::kNumeric, Type::kFloat8,
                          Type::kText, Type::kBool});
}

Type Builder::ComparableType(Type t) {
  if (t == Type::kText || t == Type::kBool || !rng_.Chance(30)) return t;
  return rng_.Pick<Type>({Type::kInt4, Type::kInt8, Type::kNumeric, Type::kFloat8});
}

std::vector<Ref> Builder::TableRefs(const Table& table, const std::string& alias) {
  std::vector<Ref> refs;
  for (const Column& c : table.columns) refs.push_back({alias + "." + c.name, c.type, c.big});
  return refs;
}

std::string Builder::PickColumn(Type type, const std::vector<Ref>& refs, bool arith, bool errors) {
  std::vector<const Ref*> matching;
  for (const Ref& r : refs) {
    if (!SameFamily(r.type, type) || (arith && r.derived)) continue;
    if (!(r.big && arith && !errors)) matching.push_back(&r);
  }
  if (matching.empty()) return "";
  return rng_.Pick(matching)->sql;
}

std::string Builder::Literal(Type type, bool null) {
  if (null && rng_.Chance(3)) return "NULL";
  switch (type) {
    case Type::kInt4:
    case Type::kInt8: {
      int v = rng_.Range(-3, 5);
      return v < 0 ? "(" + std::to_string(v) + ")" : std::to_string(v);
    }
    case Type::kNumeric: return rng_.Pick<std::string>({"1.5", "0.25", "2.0", "(-1.5)", "0.10"});
    case Type::kFloat8:
      return rng_.Pick<std::string>(
          {"CAST(1.5 AS double precision)", "CAST(-0.5 AS double precision)", "CAST(2 AS float8)"});
    case Type::kText: return rng_.Pick<std::string>({"'a'", "'b'", "'ab'", "'B'", "''"});
    case Type::kBool: return rng_.Chance(50) ? "true" : "false";
  }
  return "NULL";
}

std::string Builder::Leaf(Type type, const Scope& s, bool arith) {
  if (!s.rows.empty() && type != Type::kBool && rng_.Chance(50)) {
    return Aggregate(type, s, 1, arith);
  }
  if (rng_.Chance(80)) {
    std::string column = PickColumn(type, s.refs, arith, s.errors);
    if (!column.empty()) return column;
  }
  return Literal(type, !s.errors);
}

std::string Builder::Expr(Type type, const Scope& s, int budget, bool arith) {
  if (type == Type::kBool) return Bool(s, budget);
  if (budget <= 0 || rng_.Chance(35)) return Leaf(type, s, arith);
  const int b = budget - 1;
  auto sub = [&](Type t) { return Expr(t, s, b, true); };
  // Operands of the same type pass `arith` on: CASE WHEN ... THEN big END - 1 is arithmetic
  // on big too.
  auto same = [&](Type t) { return Expr(t, s, b, arith); };
  auto any = [&](Type t) { return Expr(t, s, b, false); };
  switch (rng_.Uniform(7)) {
    case 0:
      return "CASE WHEN " + Bool(s, b) + " THEN " + same(type) + " ELSE " + same(type) + " END";
    case 1:
      return rng_.Pick<std::string>({"COALESCE(", "NULLIF(", "GREATEST(", "LEAST("}) + same(type) +
             ", " + same(type) + ")";
    case 2:
      if (s.depth < 2 && rng_.Chance(40)) return ScalarSubquery(type, s, arith);
      if (!s.rows.empty()) return Aggregate(type, s, b, arith);
      break;
    default: break;
  }
  switch (type) {
    case Type::kInt4:
    case Type::kInt8:
      switch (rng_.Uniform(7)) {
        case 0: return "(" + sub(type) + " + " + sub(type) + ")";
        case 1: return "(" + sub(type) + " - " + sub(type) + ")";
        case 2: return "(" + sub(type) + " * " + sub(type) + ")";
        case 3: {
          const std::string op = rng_.Chance(70) ? " / " : " % ";
          // A column divisor may be zero: only where errors are allowed (see the top).
          std::string divisor = s.errors ? PickColumn(type, s.refs, true, true) : "";
          if (divisor.empty()) divisor = rng_.Pick<std::string>({"2", "3", "(-2)"});
          return "(" + sub(type) + op + divisor + ")";
        }
        case 4: return rng_.Chance(50) ? "abs(" + sub(type) + ")" : "(- " + sub(type) + ")";
        case 5: return "length(" + any(Type::kText) + ")";
        default:
          // float8 columns hold Infinity and NaN, which no integer holds (22003): only
          // where errors may happen. A narrowing cast is arithmetic (no big values in it).
          return "CAST(" + sub(s.errors && rng_.Chance(50) ? Type::kFloat8 : Type::kNumeric) +
                 " AS " + SqlType(type) + ")";
      }
    case Type::kNumeric:
      switch (rng_.Uniform(6)) {
        case 0:
          return "(" + sub(type) + rng_.Pick<std::string>({" + ", " - ", " * "}) +
                 sub(rng_.Chance(30) ? Type::kInt4 : type) + ")";
        case 1: {
          std::string divisor = s.errors ? PickColumn(type, s.refs, true, true) : "";
          if (divisor.empty()) divisor = rng_.Pick<std::string>({"3", "4", "0.5", "(-7)"});
          return "(" + sub(type) + " / " + divisor + ")";
        }
        case 2: return rng_.Pick<std::string>({"round(", "trunc("}) + sub(type) + ", 1)";
        case 3:
          return rng_.Pick<std::string>({"round(", "abs(", "floor(", "ceil("}) + sub(type) + ")";
        default: return "CAST(" + same(Type::kInt4) + " AS numeric)";
      }
    case Type::kFloat8:
      switch (rng_.Uniform(4)) {
        case 0:
          return "(" + sub(type) + rng_.Pick<std::string>({" + ", " - ", " * "}) + sub(type) + ")";
        case 1: {
          std::string divisor = s.errors ? PickColumn(type, s.refs, true, true) : "";
          if (divisor.empty()) divisor = "2";
          return "(" + sub(type) + " / " + divisor + ")";
        }
        case 2: return "abs(" + sub(type) + ")";
        default: return "CAST(" + any(Type::kInt4) + " AS double precision)";
      }
    case Type::kText:
      switch (rng_.Uniform(6)) {
        case 0: return "(" + any(type) + " || " + any(type) + ")";
        case 1: return rng_.Pick<std::string>({"lower(", "upper(", "trim("}) + any(type) + ")";
        case 2: return "concat(" + any(type) + ", " + any(Type::kInt4) + ")";
        case 3: return "replace(" + any(type) + ", 'a', 'x')";
        case 4:
          switch (rng_.Uniform(6)) {
            case 0: return "lpad(" + any(type) + ", 3, '*')";
            case 1:
              return rng_.Pick<std::string>({"left(", "right("}) + any(type) + ", " +
                     rng_.Pick<std::string>({"1", "2", "(-1)"}) + ")";
            case 2:
              return "split_part(" + any(type) + ", ' ', " +
                     rng_.Pick<std::string>({"1", "2", "(-1)"}) + ")";
            case 3: return rng_.Pick<std::string>({"reverse(", "initcap("}) + any(type) + ")";
            case 4: return "concat_ws('-', " + any(type) + ", " + any(Type::kInt4) + ")";
            default: return "repeat(" + any(type) + ", 2)";
          }
        default: return "CAST(" + any(Type::kInt4) + " AS text)";
      }
    case Type::kBool: break;
  }
  return Leaf(type, s, arith);
}

std::string Builder::Bool(const Scope& s, int budget) {
  if (budget <= 0 || rng_.Chance(15)) {
    if (!s.rows.empty() && rng_.Chance(30)) return Aggregate(Type::kBool, s, 1);
    std::string column = PickColumn(Type::kBool, s.refs, false, false);
    if (!column.empty() && rng_.Chance(70)) return column;
    if (budget <= 0) {
      Type t = AnyType();
      if (t == Type::kBool) return Literal(t, !s.errors);
      return "(" + Expr(t, s, 0) + rng_.Pick<std::string>({" = ", " <> ", " < ", " >= "}) +
             Expr(ComparableType(t), s, 0) + ")";
    }
  }
  const int b = budget - 1;
  const Type t = AnyType();
  auto operand = [&](Type type) { return Expr(type, s, b); };
  switch (rng_.Uniform(13)) {
    case 0:
    case 1:
      return "(" + operand(t) +
             rng_.Pick<std::string>({" = ", " <> ", " < ", " <= ", " > ", " >= "}) +
             operand(ComparableType(t)) + ")";
    case 2: return "(" + operand(t) + (rng_.Chance(50) ? " IS NULL)" : " IS NOT NULL)");
    case 3:
      return "(" + operand(t) +
             (rng_.Chance(50) ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ") +
             operand(ComparableType(t)) + ")";
    case 4: {
      std::string list = Literal(t, !s.errors);
      for (int i = rng_.Range(0, 3); i > 0; i--) list += ", " + Literal(t, !s.errors);
      if (!s.errors && rng_.Chance(30)) list += ", NULL";
      return "(" + operand(t) + (rng_.Chance(50) ? " IN (" : " NOT IN (") + list + "))";
    }
    case 5:
      if (t == Type::kBool) break;
      return "(" + operand(t) +
             rng_.Pick<std::string>({" BETWEEN ", " NOT BETWEEN ", " BETWEEN SYMMETRIC "}) +
             operand(t) + " AND " + operand(t) + ")";
    case 6:
    case 7: return "(" + Bool(s, b) + (rng_.Chance(50) ? " AND " : " OR ") + Bool(s, b) + ")";
    case 8:
      return rng_.Chance(50) ? "(NOT " + Bool(s, b) + ")"
                             : "(" + Bool(s, b) +
                                   rng_.Pick<std::string>({" IS TRUE)", " IS NOT FALSE)",
                                                           " IS UNKNOWN)", " IS NOT TRUE)"});
    case 9:
      return "(" + operand(Type::kText) + (rng_.Chance(70) ? " LIKE " : " NOT LIKE ") +
             rng_.Pick<std::string>({"'a%'", "'%b'", "'_'", "'%'", "'A%'", "'%a%'"}) + ")";
    case 10:
    case 11:
    case 12: {
      if (s.depth >= 2) break;
      Scope inner;
      std::vector<Ref> own;
      const std::string from = Subquery(s, &inner, &own);
      const int kind = rng_.Uniform(3);
      const std::string column = PickColumn(t, own, false, false);
      if (kind == 0 || column.empty()) {
        return std::string(rng_.Chance(60) ? "" : "NOT ") + "EXISTS (SELECT 1" + from + ")";
      }
      if (kind == 1) {
        return "(" + operand(ComparableType(t)) + (rng_.Chance(60) ? " IN " : " NOT IN ") +
               "(SELECT " + column + from + "))";
      }
      return "(" + operand(ComparableType(t)) +
             rng_.Pick<std::string>({" = ", " <> ", " < ", " >= "}) +
             (rng_.Chance(50) ? "ANY" : "ALL") + " (SELECT " + column + from + "))";
    }
    default: break;
  }
  return "(" + operand(t) + " IS NOT NULL)";
}

std::string Builder::Aggregate(Type type, const Scope& s, int budget, bool arith) {
  Scope args;
  args.refs = s.rows;
  // Never failing: PostgreSQL drops an aggregate that constant folding leaves unused (CASE
  // WHEN 'b' LIKE 'a' THEN avg(x + y) ...) and skips the aggregation under a HAVING that
  // folds to false, while Datacave computes it.
  args.errors = false;
  args.depth = s.depth;
  auto arg = [&](Type t) { return Expr(t, args, budget, arith); };
  std::string call;
  std::string wrap;  // a function around the aggregate
  switch (type) {
    case Type::kInt4:
    case Type::kInt8:
      switch (rng_.Uniform(6)) {
        case 0: call = "count(*)"; break;
        case 1: call = "count(" + arg(AnyType()) + ")"; break;
        case 2: call = "count(DISTINCT " + arg(AnyType()) + ")"; break;
        case 3: call = "sum(" + arg(Type::kInt4) + ")"; break;
        case 4:
          // Without ORDER BY string_agg's order is the input's, which SQL leaves open, and
          // ORDER BY inside an aggregate is 0A000 in Datacave (README's SQL matrix does not
          // list it): only its length is compared.
          call = std::string("string_agg(") + (rng_.Chance(30) ? "DISTINCT " : "") +
                 arg(Type::kText) + ", ',')";
          wrap = "length";
          break;
        default: call = rng_.Pick<std::string>({"min(", "max("}) + arg(type) + ")"; break;
      }
      break;
    case Type::kNumeric:
      switch (rng_.Uniform(3)) {
        case 0: call = "sum(" + arg(Type::kNumeric) + ")"; break;
        case 1: call = "avg(" + arg(Type::kInt4) + ")"; break;
        default: call = rng_.Pick<std::string>({"min(", "max("}) + arg(type) + ")"; break;
      }
      break;
    case Type::kFloat8:
      call = rng_.Pick<std::string>({"sum(", "avg(", "min(", "max("}) + arg(type) + ")";
      break;
    case Type::kText: call = rng_.Pick<std::string>({"min(", "max("}) + arg(type) + ")"; break;
    case Type::kBool: call = (rng_.Chance(50) ? "bool_and(" : "bool_or(") + arg(type) + ")"; break;
  }
  if (rng_.Chance(15)) call += " FILTER (WHERE " + Bool(args, 1) + ")";
  return wrap.empty() ? call : wrap + "(" + call + ")";
}

// One table, correlated with the outer scope now and then.
std::string Builder::Subquery(const Scope& outer, Scope* inner, std::vector<Ref>* own) {
  const Table& table = rng_.Pick(tables_);
  const std::string alias = Alias("s");
  *own = TableRefs(table, alias);
  inner->refs = *own;
  inner->rows.clear();
  inner->errors = false;
  inner->depth = outer.depth + 1;
  const std::vector<Ref> outer_refs = outer.refs;
  std::vector<std::string> conjuncts;
  for (int tries = rng_.Chance(60); tries > 0 && conjuncts.empty(); tries--) {
    const Ref& mine = rng_.Pick(inner->refs);
    const std::string theirs = PickColumn(mine.type, outer_refs, false, false);
    if (!theirs.empty()) conjuncts.push_back(mine.sql + " = " + theirs);
  }
  Scope where = *inner;
  where.refs.insert(where.refs.end(), outer_refs.begin(), outer_refs.end());
  if (rng_.Chance(60)) conjuncts.push_back(Bool(where, 1));
  std::string sql = " FROM " + table.name + " " + alias;
  for (size_t i = 0; i < conjuncts.size(); i++)
    sql += (i == 0 ? " WHERE " : " AND ") + conjuncts[i];
  // Outer columns stay nameable in the subquery's own expressions.
  inner->refs.insert(inner->refs.end(), outer_refs.begin(), outer_refs.end());
  return sql;
}

std::string Builder::ScalarSubquery(Type type, const Scope& s, bool arith) {
  Scope inner;
  std::vector<Ref> own;
  // May return several rows: 21000 (see the top of the file), correlated or not: both
  // engines run an uncorrelated one when first needed, never over no rows. (Never in an
  // aggregate's argument, where PostgreSQL's min/max optimisation may run it before the
  // scan, over no rows: Aggregate's arguments never fail.)
  const bool many_rows = s.errors && rng_.Chance(30);
  const std::string from = Subquery(s, &inner, &own);
  if (many_rows) return "(SELECT " + Expr(type, inner, 1) + from + ")";
  if (rng_.Chance(60)) {
    Scope agg;
    agg.refs = s.refs;  // outer columns, constant within the subquery
    agg.depth = inner.depth;
    // The aggregates' arguments use the subquery's own columns only: an aggregate of only
    // outer columns belongs to the outer query in PostgreSQL, which Datacave does not do yet
    // (README's SQL matrix).
    agg.rows = own;
    return "(SELECT " + Aggregate(type, agg, 1, arith) + from + ")";
  }
  return "(SELECT " + Expr(type, inner, 1, arith) + from + " ORDER BY 1 LIMIT 1)";
}

std::string Builder::JoinCondition(const std::vector<Ref>& left, const std::vector<Ref>& right,
                                   bool equalities_only, int depth) {
  std::vector<std::string> conjuncts;
  for (int tries = 0; tries < 6 && conjuncts.size() < 2; tries++) {
    const Ref& r = rng_.Pick(right);
    const std::string l = PickColumn(r.type, left, false, false);
    if (!l.empty()) conjuncts.push_back(l + " = " + r.sql);
    if (!conjuncts.empty() && rng_.Chance(60)) break;
  }
  if (equalities_only) {
    if (conjuncts.empty()) return "";
  } else if (conjuncts.empty() || rng_.Chance(35)) {
    Scope s;
    s.refs = left;
    s.refs.insert(s.refs.end(), right.begin(), right.end());
    s.depth = depth;
    conjuncts.push_back(Bool(s, 1));
  }
  std::string sql;
  for (size_t i = 0; i < conjuncts.size(); i++) sql += (i == 0 ? "" : " AND ") + conjuncts[i];
  return sql;
}

From Builder::FromClause(int depth) {
  From from;
  const int n = rng_.Pick<int>({1, 1, 2, 2, 2, 3, 3, 4});
  std::vector<Ref> tree;  // the columns of the join tree being built (since the last comma)
  std::vector<std::string> tree_names;  // column names of its tables, for USING
  for (int i = 0; i < n; i++) {
    const Table& table = rng_.Pick(tables_);
    std::string item;
    std::vector<Ref> refs;
    if (depth == 0 && rng_.Chance(8)) {
      // A derived table. Its select list never fails: PostgreSQL may push the outer WHERE
      // into it and evaluate fewer rows than Datacave.
      const std::string alias = Alias("d");
      Core core = Select(nullptr, false, true, depth + 1);
      item = "(" + core.sql + ") " + alias;
      for (size_t c = 0; c < core.types.size(); c++) {
        Ref ref{alias + ".c" + std::to_string(c), core.types[c]};
        ref.derived = true;
        refs.push_back(ref);
      }
    } else {
      const std::string alias = Alias("a");
      item = table.name + " " + alias;
      refs = TableRefs(table, alias);
    }
    if (i == 0) {
      from.sql = item;
    } else {
      const int kind = rng_.Uniform(100);
      std::string condition;
      std::string join;
      if (kind < 35) {
        from.sql += ", " + item;
        if (rng_.Chance(75)) {
          const std::string c = JoinCondition(from.refs, refs, true, depth);
          if (!c.empty()) from.join_predicates.push_back(c);
        }
        tree.clear();
        tree_names.clear();
      } else if (kind < 40) {
        from.sql += " CROSS JOIN " + item;
      } else if (kind < 48 && item[0] != '(') {
        // USING a column name one table of the tree has (else 42702 in both, rarely useful).
        std::vector<std::string> candidates;
        for (const Column& c : table.columns) {
          if (std::count(tree_names.begin(), tree_names.end(), c.name) == 1) {
            candidates.push_back(c.name);
          }
        }
        if (candidates.empty()) {
          join = " JOIN ";
          condition = "true";
        } else {
          from.sql += rng_.Pick<std::string>(
                          {" JOIN ", " JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN "}) +
                      item + " USING (" + rng_.Pick(candidates) + ")";
        }
      } else {
        join = rng_.Pick<std::string>({" JOIN ", " JOIN ", " INNER JOIN ", " LEFT JOIN ",
                                       " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN "});
        // PostgreSQL runs FULL JOIN only with merge- or hash-joinable conditions (0A000
        // otherwise): equalities only.
        condition = JoinCondition(tree, refs, join == " FULL JOIN ", depth);
        if (condition.empty())
          join = " LEFT JOIN ", condition = JoinCondition(tree, refs, false, depth);
      }
      if (!join.empty()) from.sql += join + item + " ON " + condition;
    }
    tree.insert(tree.end(), refs.begin(), refs.end());
    if (item[0] != '(') {
      for (const Column& c : table.columns) tree_names.push_back(c.name);
    } else {
      tree_names.push_back("");  // derived tables do not take part in USING here
    }
    from.refs.insert(from.refs.end(), refs.begin(), refs.end());
  }
  return from;
}

Core Builder::Select(const std::vector<Type>* want, bool errors, bool name_columns, int depth) {
  Core core;
  From from = FromClause(depth);
  Scope rows;
  rows.refs = from.refs;
  rows.depth = depth;
  std::vector<std::string> where = from.join_predicates;
  if (rng_.Chance(60)) where.push_back(Bool(rows, rng_.Range(1, 3)));

  Scope items = rows;
  items.errors = errors;
  std::vector<std::string> keys;
  const bool grouped = rng_.Chance(35);
  const bool having = grouped && rng_.Chance(35);
  if (grouped) {
    items.rows = from.refs;
    items.refs.clear();
    for (int k = rng_.Range(0, 2); k > 0; k--) {
      const Ref& r = rng_.Pick(from.refs);
      Ref key = r;
      // An expression such as (a0.k % 3) may be named in subqueries too: PostgreSQL matches
      // whole GROUP BY expressions only at their query's level, so there its columns count
      // one by one (42803 unless each is grouped or its table's primary key is).
      if (rng_.Chance(15) && IsInteger(r.type) && !r.big) key.sql = "(" + r.sql + " % 3)";
      if (rng_.Chance(15) && r.type == Type::kText) key.sql = "lower(" + r.sql + ")";
      keys.push_back(key.sql);
      items.refs.push_back(key);
    }
  }

  std::vector<std::string> columns;
  const int n = want ? static_cast<int>(want->size()) : rng_.Range(1, 4);
  if (!want && !grouped && !name_columns && depth == 0 && rng_.Chance(4)) {
    core.star = true;
    columns.push_back("*");
  } else {
    for (int i = 0; i < n; i++) {
      Type t = want ? (*want)[static_cast<size_t>(i)] : AnyType();
      // A column of another type now and then: UNION's type resolution (42804 when none).
      if (want && rng_.Chance(10)) t = ComparableType(t);
      std::string e;
      if (want && t != Type::kText && rng_.Chance(2)) {
        // Text against a typed left column: a typed text value cannot be matched (42804), a
        // bare literal is read as the left's type while the query is analysed (22P02 even
        // over no rows, '1' fits an integer).
        t = Type::kText;
        e = rng_.Pick<std::string>({"CAST('b' AS text)", "'b'", "'1'", "NULL"});
      }
      if (e.empty() && !items.refs.empty() && rng_.Chance(grouped ? 40 : 30)) {
        e = PickColumn(t, items.refs, false, errors);
      }
      if (e.empty()) e = Expr(t, items, rng_.Range(0, 3));
      if (name_columns) e += " AS c" + std::to_string(i);
      columns.push_back(e);
      core.types.push_back(t);
    }
  }
  core.sql = "SELECT ";
  if (rng_.Chance(12)) core.sql += "DISTINCT ";
  for (size_t i = 0; i < columns.size(); i++) core.sql += (i ? ", " : "") + columns[i];
  core.sql += " FROM " + from.sql;
  for (size_t i = 0; i < where.size(); i++) core.sql += (i ? " AND " : " WHERE ") + where[i];
  if (grouped) {
    for (size_t i = 0; i < keys.size(); i++) core.sql += (i ? ", " : " GROUP BY ") + keys[i];
    if (having) {
      Scope having_scope = items;
      having_scope.errors = false;
      core.sql += " HAVING " + Bool(having_scope, 2);
    }
  }
  return core;
}

Query Builder::Build() {
  Query query;
  const bool limit = rng_.Chance(20);
  const bool errors = !limit;
  Core core = Select(nullptr, errors, false, 0);
  if (!core.star && rng_.Chance(18)) {
    Core right = Select(&core.types, errors, false, 0);
    core.sql += rng_.Pick<std::string>({" UNION ", " UNION ALL ", " INTERSECT ", " INTERSECT ALL ",
                                        " EXCEPT ", " EXCEPT ALL "}) +
                right.sql;
  }
  query.sql = core.sql;
  if (core.star || (!limit && rng_.Chance(50))) return query;

  std::vector<int> positions(core.types.size());
  for (size_t i = 0; i < positions.size(); i++) positions[i] = static_cast<int>(i);
  rng_.Shuffle(&positions);
  if (!limit)
    positions.resize(static_cast<size_t>(rng_.Range(1, static_cast<int>(positions.size()))));
  query.sql += " ORDER BY ";
  for (size_t i = 0; i < positions.size(); i++) {
    query.sql += (i ? ", " : "") + std::to_string(positions[i] + 1);
    if (rng_.Chance(40)) query.sql += " DESC";
    if (rng_.Chance(20)) query.sql += rng_.Chance(50) ? " NULLS FIRST" : " NULLS LAST";
  }
  query.order_columns = positions;
  query.total_order = positions.size() == core.types.size();
  if (limit) {
    query.sql += " LIMIT " + std::to_string(rng_.Range(0, 5));
    if (rng_.Chance(30)) query.sql += " OFFSET " + std::to_string(rng_.Range(0, 3));
  }
  return query;
}

uint64_t Mix(uint64_t a, uint64_t b) {
  return Rng(a * 0x9e3779b97f4a7c15ULL ^ b).Next();
}

}  // namespace

Generator::Generator(uint64_t seed) : seed_(seed) {
  Rng rng(Mix(seed, 0));
  const std::vector<Column> pool = {
      {"k", Type::kInt4},       {"x", Type::kInt4},      {"i", Type::kInt8}, {"n", Type::kNumeric},
      {"f", Type::kFloat8},     {"s", Type::kText},      {"u", Type::kText}, {"b", Type::kBool},
      {"z", Type::kInt4, true}, {"w", Type::kInt8, true}};
  const int table_count = rng.Range(2, 4);
  for (int t = 0; t < table_count; t++) {
    Table table;
    table.name = "t" + std::to_string(t);
    std::vector<Column> columns = pool;
    rng.Shuffle(&columns);
    columns.resize(static_cast<size_t>(rng.Range(2, 5)));
    // Most tables share k, so that joins and USING have something to meet on.
    if (rng.Chance(60) && std::none_of(columns.begin(), columns.end(),
                                       [](const Column& c) { return c.name == "k"; })) {
      columns[0] = pool[0];
    }
    const Column& first = columns[0];
    table.primary_key =
        rng.Chance(40) && !first.big && (IsInteger(first.type) || first.type == Type::kText);
    table.columns = columns;
    std::string create = "CREATE TABLE " + table.name + " (";
    for (size_t c = 0; c < columns.size(); c++) {
      create += (c ? ", " : "") + columns[c].name + " " + SqlType(columns[c].type);
      if (c == 0 && table.primary_key) create += " PRIMARY KEY";
    }
    setup_.push_back(create + ")");

    const int rows = rng.Chance(10) ? 0 : rng.Range(1, 10);
    std::vector<std::string> keys;  // primary key values used
    std::string insert;
    for (int r = 0; r < rows; r++) {
      std::string row;
      bool duplicate = false;
      for (size_t c = 0; c < columns.size(); c++) {
        std::string v = DataValue(rng, columns[c]);
        if (c == 0 && table.primary_key) {
          duplicate = std::find(keys.begin(), keys.end(), v) != keys.end();
          keys.push_back(v);
        } else if (rng.Chance(18)) {
          v = "NULL";
        }
        row += (c ? ", " : "") + v;
      }
      if (duplicate) continue;
      insert += (insert.empty() ? "" : ", ") + ("(" + row + ")");
    }
    if (!insert.empty()) setup_.push_back("INSERT INTO " + table.name + " VALUES " + insert);
    tables_.push_back(std::move(table));
  }
}

Query Generator::MakeQuery(uint64_t index) const {
  return Builder(tables_, Mix(seed_, index + 1)).Build();
}

}  // namespace datacave::slt::diff
