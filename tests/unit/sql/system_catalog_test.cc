// The system catalogs through a session: regular expressions, reg* casts in both directions,
// catalog functions, a transaction seeing its own DDL in pg_class, and bounded failures.

#include <gtest/gtest.h>

#include "sql/execution/regex.h"
#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

TEST(RegexMatch, PosixExtendedSyntaxAndCaseFolding) {
  EXPECT_TRUE(*RegexMatch("items", "^(items)$", false));
  EXPECT_FALSE(*RegexMatch("items2", "^(items)$", false));
  EXPECT_TRUE(*RegexMatch("pg_toast_1", "^pg_toast", false));
  EXPECT_TRUE(*RegexMatch("ITEMS", "^it", true));
  EXPECT_FALSE(*RegexMatch("ITEMS", "^it", false));
  EXPECT_TRUE(*RegexMatch("a.b", "a[.]b", false));
  EXPECT_TRUE(*RegexMatch("", "^$", false));
}

TEST(RegexMatch, ErrorsAreValues) {
  auto bad = RegexMatch("a", "(", false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().sqlstate(), "2201B");
  auto nul = RegexMatch(std::string_view("a\0b", 3), "a", false);
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.status().sqlstate(), "22021");
  // A pattern beyond the limit is refused rather than compiled.
  auto huge = RegexMatch("a", std::string(100000, 'a'), false);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().sqlstate(), "2201B");
  // Patterns regcomp would expand into gigabytes or recurse through deeply are refused.
  for (const std::string& pattern :
       {std::string("((a{1,100}){1,100}){1,100}"), std::string(20000, '(') + "a",
        std::string("a{1,255}b{1,255}")}) {
    auto complex = RegexMatch("a", pattern, false);
    ASSERT_FALSE(complex.ok()) << pattern.substr(0, 40);
    EXPECT_EQ(complex.status().sqlstate(), "2201B");
  }
  EXPECT_TRUE(*RegexMatch("2024-01-31", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", false));
  EXPECT_TRUE(*RegexMatch("a]b", "a[]]b", false));
  // The cached pattern is replaced, not reused, for another pattern.
  EXPECT_TRUE(*RegexMatch("abc", "b", false));
  EXPECT_FALSE(*RegexMatch("abc", "x", false));
}

using SystemCatalogTest = SessionFixture;

TEST_F(SystemCatalogTest, RegCastsBothWays) {
  Run("CREATE TABLE t (id int PRIMARY KEY, u text UNIQUE)");
  EXPECT_EQ(Run("SELECT 't'::regclass::text, 'T'::regclass::text, '\"t\"'::regclass::text"),
            "t,t,t");
  EXPECT_EQ(Run("SELECT 't_pkey'::regclass::text, 'pg_catalog.pg_class'::regclass::int8"),
            "t_pkey,1259");
  EXPECT_EQ(Run("SELECT 16385::regclass::text = 't', 1::regclass::text"), "t,1");
  EXPECT_EQ(Run("SELECT 'varchar'::regtype::text, 23::regtype::text"), "character varying,integer");
  EXPECT_EQ(Run("SELECT 'pg_catalog'::regnamespace::int4, 2200::regnamespace::text"), "11,public");
  EXPECT_EQ(Run("SELECT NULL::regclass::text"), "N");
  EXPECT_EQ(Run("SELECT 'nope'::regclass"), "ERROR 42P01");
  EXPECT_EQ(Run("SELECT 'nope'::regtype"), "ERROR 42704");
  EXPECT_EQ(Run("SELECT 'public.nope'::regclass"), "ERROR 42P01");
}

TEST_F(SystemCatalogTest, RegprocNamesFunctions) {
  EXPECT_EQ(Run("SELECT typinput, typinput::oid, typinput = 'pg_catalog.array_in'::regproc "
                "FROM pg_type WHERE oid = 1007"),
            "array_in,750,t");
  // A name known only when the statement runs is read then.
  EXPECT_EQ(Run("SELECT n::regproc::oid FROM (VALUES ('int4in'), ('pg_catalog.array_in')) v(n)"),
            "42;750");
  EXPECT_EQ(Run("SELECT n::regproc FROM (VALUES ('nosuch')) v(n)"), "ERROR 42883");
  EXPECT_EQ(Run("SELECT 'abs'::regproc"), "ERROR 42725");
  EXPECT_EQ(Run("SELECT proname FROM pg_proc WHERE oid = 'abs(int8)'::regprocedure"), "abs");
  EXPECT_EQ(Run("SELECT 'anyarray'::regtype::oid, 2276::regtype::text"), "2277,\"any\"");
  // A regproc column stores the OID.
  Run("CREATE TABLE fns (f regproc, p regprocedure)");
  Run("INSERT INTO fns VALUES ('textin', 'abs(int4)'), (46, 1397)");
  EXPECT_EQ(Run("SELECT f, p, f::oid, p::int8 FROM fns"),
            "textin,abs(integer),46,1397;textin,abs(integer),46,1397");
  EXPECT_EQ(Run("SELECT count(*) FROM fns WHERE f = 46 AND p = 'abs(integer)'::regprocedure"), "2");
}

TEST_F(SystemCatalogTest, TransactionSeesItsOwnDdlInPgClass) {
  Run("BEGIN");
  Run("CREATE TABLE inside (a int)");
  EXPECT_EQ(Run("SELECT relname FROM pg_class WHERE relnamespace = 2200"), "inside");
  Run("ROLLBACK");
  EXPECT_EQ(Run("SELECT count(*) FROM pg_class WHERE relnamespace = 2200"), "0");
}

TEST_F(SystemCatalogTest, PgCatalogComesFirstAndSchemasAreChecked) {
  // A user table named like a catalog is shadowed unqualified, as in PostgreSQL.
  Run("CREATE TABLE pg_am (x int)");
  EXPECT_EQ(Run("SELECT count(*) FROM pg_am"), "2");
  EXPECT_EQ(Run("SELECT count(*) FROM public.pg_am"), "0");
  EXPECT_EQ(Run("SELECT count(*) FROM information_schema.pg_class"), "ERROR 42P01");
  EXPECT_EQ(Run("SELECT count(*) FROM pg_catalog.nope"), "ERROR 42P01");
  EXPECT_EQ(Run("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"),
            "1");
}

TEST_F(SystemCatalogTest, CatalogFunctionsOnUnknownOidsAreNull) {
  EXPECT_EQ(Run("SELECT pg_get_indexdef(1), pg_get_constraintdef(1), pg_table_is_visible(1)"),
            "N,N,N");
  EXPECT_EQ(Run("SELECT pg_get_userbyid(10), pg_get_userbyid(6171)"), "postgres,pg_database_owner");
  EXPECT_EQ(Run("SELECT format_type(NULL, NULL), format_type(99999, -1)"), "N,???");
  EXPECT_EQ(Run("SELECT array_to_string('{a,\"b,c\",NULL}'::text[], '|', '*')"), "a|b,c|*");
  EXPECT_EQ(Run("SELECT array_to_string('oops'::text[], ',')"), "ERROR 22P02");
  EXPECT_EQ(Run("SELECT array_to_string('{a}', ',')"), "ERROR 42804");
}

TEST_F(SystemCatalogTest, ParserAcceptsOperatorAndCollate) {
  EXPECT_EQ(Run("SELECT 2 OPERATOR(pg_catalog.+) 3, 'a' OPERATOR(~) 'a'"), "5,t");
  EXPECT_EQ(Run("SELECT 'a' COLLATE \"C\" < 'b'"), "t");
  EXPECT_EQ(Run("SELECT 1 OPERATOR(myschema.+) 1"), "ERROR 0A000");
  EXPECT_EQ(Run("SELECT 'a' COLLATE \"de_DE\""), "ERROR 0A000");
}

}  // namespace
}  // namespace datacave::sql
