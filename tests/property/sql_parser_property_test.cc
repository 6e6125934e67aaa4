// Properties of the SQL parser and printer.
//
// A random expression tree is written twice: the way a person writes it, with only the
// parentheses PostgreSQL's precedence rules require (and keywords in random case), and the
// way our printer writes it, fully parenthesised. Parsing the first must print the second:
// that checks the precedence and associativity of every level at once. Printing must also
// be a fixpoint: parse(print(tree)) prints the same.

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sql/parser/parser.h"

namespace datacave::sql {
namespace {

// Binding strength, loosest first, as in PostgreSQL's gram.y.
enum Level {
  kOr = 1,
  kAnd,
  kNot,
  kIs,
  kComparison,  // non-associative
  kOtherOp,     // ||
  kAdditive,
  kMultiplicative,
  kExponent,
  kUnary,
  kPrimary,
};

struct Node {
  enum class Kind { kLeaf, kBinary, kNot, kIsNull, kNegate, kCall } kind = Kind::kLeaf;
  std::string text;  // leaf text, operator, or function name
  std::vector<std::shared_ptr<Node>> children;

  Level level() const {
    switch (kind) {
      case Kind::kLeaf:
      case Kind::kCall: return kPrimary;
      case Kind::kNot: return kNot;
      case Kind::kIsNull: return kIs;
      case Kind::kNegate: return kUnary;
      case Kind::kBinary: break;
    }
    if (text == "OR") return kOr;
    if (text == "AND") return kAnd;
    if (text == "=" || text == "<" || text == ">=") return kComparison;
    if (text == "||") return kOtherOp;
    if (text == "+" || text == "-") return kAdditive;
    if (text == "^") return kExponent;
    return kMultiplicative;
  }
};

using NodePtr = std::shared_ptr<Node>;

std::string Keyword(const std::string& word, bool upper) {
  if (upper) return word;
  std::string lower = word;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// Minimal parentheses, relying on precedence.
std::string Human(const Node& node, bool upper) {
  auto wrap = [&](const Node& child, bool needs) {
    std::string text = Human(child, upper);
    return needs ? "(" + text + ")" : text;
  };
  switch (node.kind) {
    case Node::Kind::kLeaf: return node.text;
    case Node::Kind::kCall: {
      std::string out = node.text + "(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += ", ";
        out += Human(*node.children[i], upper);
      }
      return out + ")";
    }
    case Node::Kind::kNot:
      return Keyword("NOT", upper) + " " +
             wrap(*node.children[0], node.children[0]->level() < kNot);
    case Node::Kind::kIsNull:
      return wrap(*node.children[0], node.children[0]->level() <= kIs) + " " +
             Keyword("IS NULL", upper);
    case Node::Kind::kNegate:
      return "- " + wrap(*node.children[0], node.children[0]->level() < kUnary);
    case Node::Kind::kBinary: {
      const Level level = node.level();
      const bool nonassoc = level == kComparison;
      const Level left = node.children[0]->level();
      const Level right = node.children[1]->level();
      std::string op =
          node.text == "AND" || node.text == "OR" ? Keyword(node.text, upper) : node.text;
      return wrap(*node.children[0], nonassoc ? left <= level : left < level) + " " + op + " " +
             wrap(*node.children[1], right <= level);
    }
  }
  return "";
}

// What our printer writes.
std::string Canonical(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kLeaf: return node.text;
    case Node::Kind::kCall: {
      std::string out = node.text + "(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += ", ";
        out += Canonical(*node.children[i]);
      }
      return out + ")";
    }
    case Node::Kind::kNot: return "(NOT " + Canonical(*node.children[0]) + ")";
    case Node::Kind::kIsNull: return "(" + Canonical(*node.children[0]) + " IS NULL)";
    case Node::Kind::kNegate: {
      // The parser folds a minus sign into a numeric constant, as PostgreSQL does.
      const std::string& operand = node.children[0]->text;
      if (node.children[0]->kind == Node::Kind::kLeaf && std::isdigit(operand[0])) {
        return "-" + operand;
      }
      return "(- " + Canonical(*node.children[0]) + ")";
    }
    case Node::Kind::kBinary:
      return "(" + Canonical(*node.children[0]) + " " + node.text + " " +
             Canonical(*node.children[1]) + ")";
  }
  return "";
}

rc::Gen<NodePtr> GenNode(int depth) {
  auto leaf = rc::gen::map(
      rc::gen::oneOf(
          rc::gen::map(rc::gen::inRange(0, 1000), [](int v) { return std::to_string(v); }),
          rc::gen::element<std::string>("a", "b", "t.c", "\"X y\"", "'it''s'", "NULL", "TRUE",
                                        "2.5", "$1")),
      [](std::string text) {
        auto node = std::make_shared<Node>();
        node->text = std::move(text);
        return node;
      });
  if (depth <= 0) return leaf;
  auto child = [depth] { return GenNode(depth - 1); };
  auto binary = rc::gen::apply(
      [](std::string op, NodePtr left, NodePtr right) {
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::kBinary;
        node->text = std::move(op);
        node->children = {std::move(left), std::move(right)};
        return node;
      },
      rc::gen::element<std::string>("OR", "AND", "=", "<", ">=", "||", "+", "-", "*", "/", "%",
                                    "^"),
      child(), child());
  auto unary = rc::gen::apply(
      [](int kind, NodePtr operand) {
        auto node = std::make_shared<Node>();
        node->kind = kind == 0   ? Node::Kind::kNot
                     : kind == 1 ? Node::Kind::kIsNull
                                 : Node::Kind::kNegate;
        node->children = {std::move(operand)};
        return node;
      },
      rc::gen::inRange(0, 3), child());
  auto call = rc::gen::apply(
      [](std::string name, std::vector<NodePtr> args) {
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::kCall;
        node->text = std::move(name);
        node->children = std::move(args);
        return node;
      },
      rc::gen::element<std::string>("f", "lower", "pg_catalog.abs"),
      rc::gen::container<std::vector<NodePtr>>(2, child()));
  return rc::gen::weightedOneOf<NodePtr>({{2, leaf}, {5, binary}, {2, unary}, {1, call}});
}

std::string Canon(const std::string& query) {
  auto statements = Parse(query);
  if (!statements.ok()) return "ERROR " + statements.status().ToString();
  std::string out;
  for (const auto& statement : *statements) out += ToSql(*statement);
  return out;
}

RC_GTEST_PROP(SqlParserProperty, PrecedenceMatchesPostgreSQL, ()) {
  const NodePtr tree = *GenNode(*rc::gen::inRange(1, 6));
  const bool upper = *rc::gen::arbitrary<bool>();
  const std::string human = "SELECT " + Human(*tree, upper);
  RC_LOG() << human << "\n";
  RC_ASSERT(Canon(human) == "SELECT " + Canonical(*tree));
}

RC_GTEST_PROP(SqlParserProperty, PrintingIsAFixpoint, ()) {
  const NodePtr where = *GenNode(*rc::gen::inRange(0, 4));
  const NodePtr target = *GenNode(*rc::gen::inRange(0, 3));
  const std::string query = *rc::gen::element<std::string>(
      "SELECT " + Human(*target, true) + " AS \"Out\" FROM t WHERE " + Human(*where, false) +
          " ORDER BY 1 DESC",
      "UPDATE t SET a = " + Human(*target, true) + " WHERE " + Human(*where, true),
      "SELECT count(*) FILTER (WHERE " + Human(*where, true) + ") FROM t GROUP BY " +
          Human(*target, false),
      "INSERT INTO t VALUES (" + Human(*target, false) + ") RETURNING " + Human(*where, true),
      "SELECT CASE WHEN " + Human(*where, true) + " THEN " + Human(*target, true) +
          " END FROM (SELECT 1) AS s JOIN u ON " + Human(*where, false));
  const std::string first = Canon(query);
  RC_LOG() << query << "\n" << first << "\n";
  RC_ASSERT(first.rfind("ERROR", 0) == std::string::npos);
  RC_ASSERT(Canon(first) == first);
}

}  // namespace
}  // namespace datacave::sql
