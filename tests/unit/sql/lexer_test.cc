#include "sql/parser/lexer.h"

#include <gtest/gtest.h>

namespace datacave::sql {
namespace {

// "kind:text" for each token but the final kEnd, space-separated.
std::string Tokens(std::string_view query) {
  auto tokens = Lex(query);
  if (!tokens.ok()) {
    return "ERROR " + std::string(tokens.status().sqlstate()) + " " + tokens.status().message() +
           " @" + std::to_string(tokens.status().position());
  }
  std::string out;
  for (const Token& t : *tokens) {
    const char* kind = "";
    switch (t.kind) {
      case TokenKind::kIdentifier: kind = t.quoted ? "qid" : "id"; break;
      case TokenKind::kString: kind = "str"; break;
      case TokenKind::kBitString: kind = "bits"; break;
      case TokenKind::kInteger: kind = "int"; break;
      case TokenKind::kNumeric: kind = "num"; break;
      case TokenKind::kParameter: kind = "param"; break;
      case TokenKind::kOperator: kind = "op"; break;
      case TokenKind::kPunctuation: kind = "p"; break;
      case TokenKind::kEnd: continue;
    }
    if (!out.empty()) out += " ";
    out += std::string(kind) + ":" + t.text;
  }
  return out;
}

TEST(LexerTest, IdentifiersFoldUnlessQuoted) {
  EXPECT_EQ(Tokens("SELECT Foo, \"Foo\", \"a\"\"b\" FROM t_1$x"),
            "id:select id:foo p:, qid:Foo p:, qid:a\"b id:from id:t_1$x");
  EXPECT_EQ(Tokens("ÉtÉ"), "id:ÉtÉ");  // only ASCII letters fold, as in PostgreSQL
  EXPECT_EQ(Tokens(std::string(70, 'a')), "id:" + std::string(63, 'a'));
  // A cut never splits a UTF-8 character; bytes that are not UTF-8 are cut where they stand.
  EXPECT_EQ(Tokens(std::string(62, 'a') + "\xC3\xA9"), "id:" + std::string(62, 'a'));
  EXPECT_EQ(Tokens("b" + std::string(100, '\xA9')), "id:b" + std::string(62, '\xA9'));
  EXPECT_EQ(Tokens("\"b" + std::string(100, '\xA9') + "\""), "qid:b" + std::string(62, '\xA9'));
}

TEST(LexerTest, StringsInEveryForm) {
  EXPECT_EQ(Tokens("'it''s' 'a\\n'"), "str:it's str:a\\n");  // standard_conforming_strings
  EXPECT_EQ(Tokens("E'a\\nb\\t\\x41\\101\\u00e9\\U0001F600\\''"), "str:a\nb\tAAé😀'");
  EXPECT_EQ(Tokens("E'\\q'"), "str:q");
  EXPECT_EQ(Tokens("N'abc'"), "str:abc");
  EXPECT_EQ(Tokens("U&'d\\0061t\\+000061'"), "str:data");
  EXPECT_EQ(Tokens("U&\"a\\0062\""), "qid:ab");
  EXPECT_EQ(Tokens("$$it's$$ $tag$a$$b$tag$"), "str:it's str:a$$b");
  EXPECT_EQ(Tokens("'a' -- comment\n'b'"), "str:ab");  // continued on a new line
  EXPECT_EQ(Tokens("'a' 'b'"), "str:a str:b");         // not on one line: the parser refuses
  EXPECT_EQ(Tokens("B'101' x'1F'"), "bits:b101 bits:x1F");
}

TEST(LexerTest, NumbersAndParameters) {
  EXPECT_EQ(Tokens("1 12.5 .5 5. 1e5 1.5E-3 $1 $12"),
            "int:1 num:12.5 num:.5 num:5. num:1e5 num:1.5E-3 param:1 param:12");
  EXPECT_EQ(Tokens("a[1..2]"), "id:a p:[ int:1 p:.. int:2 p:]");
  EXPECT_EQ(Tokens("9999999999999999999"), "int:9999999999999999999");
}

TEST(LexerTest, OperatorsFollowPostgresRules) {
  EXPECT_EQ(Tokens("1+-2"), "int:1 op:+ op:- int:2");
  EXPECT_EQ(Tokens("a<=b a!=b a<>b a~~*b"),
            "id:a op:<= id:b id:a op:<> id:b id:a op:<> id:b "
            "id:a op:~~* id:b");
  EXPECT_EQ(Tokens("a @- b"), "id:a op:@- id:b");  // holds @, so may end in -
  EXPECT_EQ(Tokens("1--c\n+2"), "int:1 op:+ int:2");
  EXPECT_EQ(Tokens("1+/*c*/2"), "int:1 op:+ int:2");
  EXPECT_EQ(Tokens("x::int (a, b); c := d => e"),
            "id:x p::: id:int p:( id:a p:, id:b p:) p:; id:c p::= id:d p:=> id:e");
}

TEST(LexerTest, CommentsNest) {
  EXPECT_EQ(Tokens("/* a /* b */ c */ x -- y"), "id:x");
}

// Messages, SQLSTATEs and positions as PostgreSQL 15 reports them.
TEST(LexerTest, ErrorsMatchPostgres) {
  EXPECT_EQ(Tokens("select 'abc"), "ERROR 42601 unterminated quoted string at or near \"'abc\" @8");
  EXPECT_EQ(Tokens("select \"abc"),
            "ERROR 42601 unterminated quoted identifier at or near \"\"abc\" @8");
  EXPECT_EQ(Tokens("select $$abc"),
            "ERROR 42601 unterminated dollar-quoted string at or near \"$$abc\" @8");
  EXPECT_EQ(Tokens("select /* abc"),
            "ERROR 42601 unterminated /* comment at or near \"/* abc\" @8");
  EXPECT_EQ(Tokens("select \"\""),
            "ERROR 42601 zero-length delimited identifier at or near \"\"\"\" @8");
  EXPECT_EQ(Tokens("select 123abc"),
            "ERROR 42601 trailing junk after numeric literal at or near \"123abc\" @8");
  EXPECT_EQ(Tokens("select 1.5e"),
            "ERROR 42601 trailing junk after numeric literal at or near \"1.5e\" @8");
  EXPECT_EQ(Tokens("select $1abc"),
            "ERROR 42601 trailing junk after parameter at or near \"$1abc\" @8");
  EXPECT_EQ(Tokens("select E'\\u12'"), "ERROR 22025 invalid Unicode escape @8");
  EXPECT_EQ(Tokens("select E'\\xC3'"),
            "ERROR 22021 invalid byte sequence for encoding \"UTF8\": 0xc3 @0");
  // Positions count characters, not bytes.
  EXPECT_EQ(Tokens("select 'é', 'x"),
            "ERROR 42601 unterminated quoted string at or near \"'x\" @13");
}

TEST(LexerTest, TokensRecordWhereTheyAre) {
  auto tokens = Lex("select  'a'\n'b' from");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 4u);
  EXPECT_EQ((*tokens)[1].offset, 8u);
  EXPECT_EQ((*tokens)[1].length, 7u);  // both quoted parts
  EXPECT_EQ((*tokens)[2].offset, 16u);
  EXPECT_EQ((*tokens)[3].kind, TokenKind::kEnd);
}

}  // namespace
}  // namespace datacave::sql
