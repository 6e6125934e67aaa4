#include "sql/parser/parser.h"

#include <gtest/gtest.h>

namespace datacave::sql {
namespace {

// The canonical SQL of every statement, joined by "; ", or "ERROR <sqlstate> <message> @pos".
std::string Canon(std::string_view query) {
  auto statements = Parse(query);
  if (!statements.ok()) {
    return "ERROR " + std::string(statements.status().sqlstate()) + " " +
           statements.status().message() + " @" + std::to_string(statements.status().position());
  }
  std::string out;
  for (const auto& statement : *statements) {
    if (!out.empty()) out += "; ";
    out += ToSql(*statement);
  }
  return out;
}

// Parses, prints, parses the print and prints again: the two prints must agree.
void ExpectRoundTrip(std::string_view query) {
  const std::string first = Canon(query);
  ASSERT_EQ(first.rfind("ERROR", 0), std::string::npos) << query << " -> " << first;
  EXPECT_EQ(Canon(first), first) << "from " << query;
}

TEST(ParserTest, SelectWithoutFrom) {
  EXPECT_EQ(Canon("SELECT 1"), "SELECT 1");
  EXPECT_EQ(Canon("select 1 AS one, 'x' two, NULL, true, false"),
            "SELECT 1 AS one, 'x' AS two, NULL, TRUE, FALSE");
  EXPECT_EQ(Canon("SELECT"), "SELECT");
  EXPECT_EQ(Canon(""), "");
  EXPECT_EQ(Canon(";;"), "");
  EXPECT_EQ(Canon("select 1; select 2;"), "SELECT 1; SELECT 2");
}

TEST(ParserTest, OperatorPrecedenceIsPostgreSQLs) {
  EXPECT_EQ(Canon("SELECT 1 + 2 * 3"), "SELECT (1 + (2 * 3))");
  EXPECT_EQ(Canon("SELECT 1 - 2 - 3"), "SELECT ((1 - 2) - 3)");
  EXPECT_EQ(Canon("SELECT 2 ^ 3 ^ 2"), "SELECT ((2 ^ 3) ^ 2)");  // ^ is left-associative
  EXPECT_EQ(Canon("SELECT -2 ^ 2"), "SELECT (-2 ^ 2)");          // unary minus binds tighter
  EXPECT_EQ(Canon("SELECT - x ^ 2"), "SELECT ((- x) ^ 2)");
  EXPECT_EQ(Canon("SELECT a OR b AND NOT c"), "SELECT (a OR (b AND (NOT c)))");
  EXPECT_EQ(Canon("SELECT NOT a = b"), "SELECT (NOT (a = b))");
  EXPECT_EQ(Canon("SELECT a = b IS NULL"), "SELECT ((a = b) IS NULL)");
  EXPECT_EQ(Canon("SELECT a || b = c"), "SELECT ((a || b) = c)");
  EXPECT_EQ(Canon("SELECT a + b || c"), "SELECT ((a + b) || c)");
  EXPECT_EQ(Canon("SELECT a < b = true"), "ERROR 42601 syntax error at or near \"=\" @14");
  EXPECT_EQ(Canon("select 1 < 2 < 3"), "ERROR 42601 syntax error at or near \"<\" @14");
  EXPECT_EQ(Canon("SELECT -x::int"), "SELECT (- CAST(x AS int4))");
  EXPECT_EQ(Canon("SELECT -2147483648, - 5.5, -(-1)"), "SELECT -2147483648, -5.5, (- -1)");
  EXPECT_EQ(Canon("SELECT a BETWEEN 1 + 1 AND 3 AND b"),
            "SELECT ((a BETWEEN (1 + 1) AND 3) AND b)");
  EXPECT_EQ(Canon("SELECT a NOT LIKE 'x%' ESCAPE '!', b ILIKE c, d NOT SIMILAR TO e"),
            "SELECT (a NOT LIKE 'x%' ESCAPE '!'), (b ILIKE c), (d NOT SIMILAR TO e)");
  EXPECT_EQ(Canon("SELECT x AT TIME ZONE 'UTC'"), "SELECT timezone('UTC', x)");
}

TEST(ParserTest, PredicatesAndSpecialForms) {
  EXPECT_EQ(Canon("SELECT a IS NOT NULL, b ISNULL, c NOTNULL, d IS NOT TRUE, e IS UNKNOWN"),
            "SELECT (a IS NOT NULL), (b IS NULL), (c IS NOT NULL), (d IS NOT TRUE), "
            "(e IS UNKNOWN)");
  EXPECT_EQ(Canon("SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b + 1"),
            "SELECT (a IS DISTINCT FROM b), (a IS NOT DISTINCT FROM (b + 1))");
  EXPECT_EQ(Canon("SELECT a IN (1, 2), a NOT IN (SELECT b FROM t), EXISTS (SELECT 1)"),
            "SELECT (a IN (1, 2)), (a NOT IN (SELECT b FROM t)), EXISTS (SELECT 1)");
  EXPECT_EQ(Canon("SELECT a = ANY (SELECT 1), a < ALL (VALUES (1))"),
            "SELECT (a = ANY (SELECT 1)), (a < ALL (VALUES (1)))");
  EXPECT_EQ(Canon("SELECT a = ANY (b), a <> ALL ('{1}'::int[]), ARRAY[1, a], ARRAY[]::text[]"),
            "SELECT (a = ANY (b)), (a <> ALL (CAST('{1}' AS int4[]))), ARRAY[1, a], "
            "CAST(ARRAY[] AS text[])");
  EXPECT_EQ(Canon("SELECT b[1], (b)[a + 1][2], x::int2 ARRAY, y::oid[3][]"),
            "SELECT (b)[1], ((b)[(a + 1)])[2], CAST(x AS int2[]), CAST(y AS oid[])");
  EXPECT_EQ(Canon("SELECT CASE WHEN a THEN 1 ELSE 2 END, CASE x WHEN 1 THEN 'a' END"),
            "SELECT CASE WHEN a THEN 1 ELSE 2 END, CASE x WHEN 1 THEN 'a' END");
  EXPECT_EQ(Canon("SELECT CAST(a AS varchar(10)), b::numeric(10,2), c::double precision"),
            "SELECT CAST(a AS varchar(10)), CAST(b AS numeric(10, 2)), CAST(c AS float8)");
  EXPECT_EQ(Canon("SELECT date '2024-01-01', interval '1 day', timestamp with time zone 'x'"),
            "SELECT CAST('2024-01-01' AS date), CAST('1 day' AS interval), "
            "CAST('x' AS timestamptz)");
  EXPECT_EQ(Canon("SELECT char(3) 'ab', character varying 'x', int '5', float(10) '1'"),
            "SELECT CAST('ab' AS bpchar(3)), CAST('x' AS varchar), CAST('5' AS int4), "
            "CAST('1' AS float4)");
  EXPECT_EQ(Canon("SELECT coalesce(a, 1), nullif(a, b), greatest(1, 2, 3), least(a)"),
            "SELECT \"coalesce\"(a, 1), \"nullif\"(a, b), \"greatest\"(1, 2, 3), "
            "\"least\"(a)");
  EXPECT_EQ(Canon("SELECT extract(year FROM d), position('b' in 'abc'), substring(s from 2 for 3)"),
            "SELECT EXTRACT('year' FROM d), POSITION('b' IN 'abc'), \"substring\"(s, 2, 3)");
  EXPECT_EQ(Canon("SELECT trim(both 'x' from s), trim(leading from s), trim(s)"),
            "SELECT btrim(s, 'x'), ltrim(s), btrim(s)");
  EXPECT_EQ(Canon("SELECT current_date, CURRENT_TIMESTAMP(3), current_user, current_schema"),
            "SELECT current_date, current_timestamp(3), current_user, current_schema");
  EXPECT_EQ(Canon("SELECT $1 + $2, (1, 2), ROW()"), "SELECT ($1 + $2), ROW(1, 2), ROW()");
  EXPECT_EQ(Canon("SELECT B'101', X'1f', E'a\\nb', 'it''s'"),
            "SELECT B'101', X'1f', 'a\nb', 'it''s'");
}

TEST(ParserTest, FunctionsAggregatesAndWindows) {
  EXPECT_EQ(Canon("SELECT count(*), count(DISTINCT a), sum(b) FILTER (WHERE b > 0)"),
            "SELECT count(*), count(DISTINCT a), sum(b) FILTER (WHERE (b > 0))");
  EXPECT_EQ(Canon("SELECT string_agg(a, ',' ORDER BY a DESC NULLS FIRST)"),
            "SELECT string_agg(a, ',' ORDER BY a DESC NULLS FIRST)");
  EXPECT_EQ(Canon("SELECT row_number() OVER (PARTITION BY a ORDER BY b), rank() OVER w "
                  "FROM t WINDOW w AS (ORDER BY c)"),
            "SELECT row_number() OVER (PARTITION BY a ORDER BY b), rank() OVER w FROM t "
            "WINDOW w AS (ORDER BY c)");
  EXPECT_EQ(Canon("SELECT pg_catalog.now(), \"Weird\"(1), left('abc', 1)"),
            "SELECT pg_catalog.now(), \"Weird\"(1), \"left\"('abc', 1)");
  EXPECT_EQ(Canon("SELECT sum(a) OVER (ROWS 1 PRECEDING), sum(a) OVER (w RANGE BETWEEN "
                  "CURRENT ROW AND UNBOUNDED FOLLOWING)"),
            "SELECT sum(a) OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), sum(a) OVER (w RANGE "
            "BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)");
  EXPECT_EQ(Canon("SELECT sum(a) OVER (ORDER BY a GROUPS BETWEEN 2 FOLLOWING AND 3 FOLLOWING)"),
            "SELECT sum(a) OVER (ORDER BY a GROUPS BETWEEN 2 FOLLOWING AND 3 FOLLOWING)");
  // gram.y's checks, at its positions.
  EXPECT_EQ(Canon("SELECT sum(a) OVER (ROWS 1 FOLLOWING)"),
            "ERROR 42P20 frame starting from following row cannot end with current row @26");
  EXPECT_EQ(Canon("SELECT sum(a) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING)"),
            "ERROR 42P20 frame starting from current row cannot have preceding rows @50");
  EXPECT_EQ(Canon("SELECT sum(a) OVER (ROWS UNBOUNDED PRECEDING EXCLUDE TIES)"),
            "ERROR 0A000 window frame EXCLUDE is not supported @46");
}

TEST(ParserTest, Queries) {
  EXPECT_EQ(Canon("SELECT DISTINCT ON (a) a, b FROM t WHERE a > 1 GROUP BY 1, b HAVING "
                  "count(*) > 1 ORDER BY a DESC, 2 NULLS LAST LIMIT 10 OFFSET 5"),
            "SELECT DISTINCT ON (a) a, b FROM t WHERE (a > 1) GROUP BY 1, b HAVING "
            "(count(*) > 1) ORDER BY a DESC, 2 NULLS LAST LIMIT 10 OFFSET 5");
  EXPECT_EQ(Canon("SELECT t.*, * FROM s.t AS x(a, b)"), "SELECT t.*, * FROM s.t AS x(a, b)");
  EXPECT_EQ(Canon("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4 ORDER BY 1"),
            "((SELECT 1) UNION ((SELECT 2) INTERSECT (SELECT 3))) EXCEPT ALL (SELECT 4) "
            "ORDER BY 1");
  EXPECT_EQ(Canon("(SELECT 1 LIMIT 1) UNION ALL (SELECT 2) LIMIT 5"),
            "(SELECT 1 LIMIT 1) UNION ALL (SELECT 2) LIMIT 5");
  EXPECT_EQ(Canon("(SELECT 1) ORDER BY 1"), "SELECT 1 ORDER BY 1");
  EXPECT_EQ(Canon("(SELECT 1 ORDER BY 1) ORDER BY 1"),
            "ERROR 42601 multiple ORDER BY clauses not allowed @32");
  EXPECT_EQ(Canon("VALUES (1, 'a'), (2, 'b') ORDER BY 1"), "VALUES (1, 'a'), (2, 'b') ORDER BY 1");
  EXPECT_EQ(Canon("TABLE t"), "SELECT * FROM t");
  EXPECT_EQ(Canon("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) "
                  "SELECT * FROM r"),
            "WITH RECURSIVE r(n) AS ((SELECT 1) UNION ALL (SELECT (n + 1) FROM r WHERE (n < 5))) "
            "SELECT * FROM r");
  EXPECT_EQ(Canon("SELECT * FROM t FETCH FIRST 3 ROWS ONLY"), "SELECT * FROM t LIMIT 3");
  EXPECT_EQ(Canon("SELECT * FROM t LIMIT ALL OFFSET 2 ROWS"), "SELECT * FROM t OFFSET 2");
  EXPECT_EQ(Canon("SELECT ((SELECT 1) + 1), ((SELECT 2))"), "SELECT ((SELECT 1) + 1), (SELECT 2)");
  EXPECT_EQ(Canon("SELECT ((SELECT 1) UNION (SELECT 2))"), "SELECT ((SELECT 1) UNION (SELECT 2))");
  EXPECT_EQ(Canon("SELECT a FROM t LIMIT 1, 2"),
            "ERROR 42601 LIMIT #,# syntax is not supported @17");
  EXPECT_EQ(Canon("SELECT * FROM t FOR UPDATE"),
            "ERROR 0A000 SELECT FOR UPDATE/SHARE is not supported @17");
}

TEST(ParserTest, Joins) {
  EXPECT_EQ(Canon("SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y), d"),
            "SELECT * FROM ((a JOIN b ON (a.x = b.x)) LEFT JOIN c USING (y)), d");
  EXPECT_EQ(Canon("SELECT * FROM a NATURAL FULL OUTER JOIN b CROSS JOIN c"),
            "SELECT * FROM ((a NATURAL FULL JOIN b) CROSS JOIN c)");
  EXPECT_EQ(Canon("SELECT * FROM a JOIN b JOIN c ON p ON q"),
            "SELECT * FROM (a JOIN (b JOIN c ON p) ON q)");
  EXPECT_EQ(Canon("SELECT * FROM (a JOIN b ON p) RIGHT JOIN c ON q"),
            "SELECT * FROM ((a JOIN b ON p) RIGHT JOIN c ON q)");
  EXPECT_EQ(Canon("SELECT * FROM (SELECT 1) s, LATERAL (SELECT s.x) AS l, generate_series(1, 3) g"),
            "SELECT * FROM (SELECT 1) AS s, LATERAL (SELECT s.x) AS l, "
            "generate_series(1, 3) AS g");
  EXPECT_EQ(Canon("SELECT * FROM (SELECT 1)"),
            "ERROR 42601 subquery in FROM must have an alias @15");
  EXPECT_EQ(Canon("SELECT * FROM a JOIN b"), "ERROR 42601 syntax error at end of input @23");
}

TEST(ParserTest, DataModification) {
  EXPECT_EQ(Canon("INSERT INTO t VALUES (1, DEFAULT), (2, 'x') RETURNING *"),
            "INSERT INTO t VALUES (1, DEFAULT), (2, 'x') RETURNING *");
  EXPECT_EQ(Canon("insert into s.t as x (a, b) select a, b from u on conflict (a) do update "
                  "set b = excluded.b where x.b <> excluded.b returning a + 1 as n"),
            "INSERT INTO s.t AS x (a, b) SELECT a, b FROM u ON CONFLICT (a) DO UPDATE SET "
            "b = excluded.b WHERE (x.b <> excluded.b) RETURNING (a + 1) AS n");
  EXPECT_EQ(Canon("INSERT INTO t DEFAULT VALUES ON CONFLICT DO NOTHING"),
            "INSERT INTO t DEFAULT VALUES ON CONFLICT DO NOTHING");
  EXPECT_EQ(Canon("INSERT INTO t (SELECT 1)"), "INSERT INTO t SELECT 1");
  EXPECT_EQ(Canon("UPDATE t x SET a = a + 1, b = DEFAULT FROM u WHERE x.id = u.id RETURNING a"),
            "UPDATE t AS x SET a = (a + 1), b = DEFAULT FROM u WHERE (x.id = u.id) RETURNING a");
  EXPECT_EQ(Canon("UPDATE t SET a = 1"), "UPDATE t SET a = 1");
  EXPECT_EQ(Canon("DELETE FROM t USING u WHERE t.a = u.a RETURNING t.*"),
            "DELETE FROM t USING u WHERE (t.a = u.a) RETURNING t.*");
  EXPECT_EQ(Canon("WITH d AS (SELECT 1) DELETE FROM t WHERE a IN (SELECT * FROM d)"),
            "WITH d AS (SELECT 1) DELETE FROM t WHERE (a IN (SELECT * FROM d))");
  EXPECT_EQ(Canon("INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1"),
            "ERROR 42601 ON CONFLICT DO UPDATE requires inference specification or constraint "
            "name @57");
}

TEST(ParserTest, Definitions) {
  EXPECT_EQ(Canon("CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, name varchar(20) NOT NULL "
                  "DEFAULT 'x', price numeric(10,2) CHECK (price > 0), c char, "
                  "CONSTRAINT u UNIQUE (name, c))"),
            "CREATE TABLE IF NOT EXISTS t (id int4 PRIMARY KEY, name varchar(20) NOT NULL "
            "DEFAULT 'x', price numeric(10, 2) CHECK ((price > 0)), c bpchar(1), "
            "CONSTRAINT u UNIQUE (name, c))");
  EXPECT_EQ(Canon("create table pgbench_tellers(tid int not null,bid int,tbalance int,"
                  "filler char(84)) with (fillfactor=100)"),
            "CREATE TABLE pgbench_tellers (tid int4 NOT NULL, bid int4, tbalance int4, "
            "filler bpchar(84))");
  EXPECT_EQ(Canon("CREATE TABLE t (a int DEFAULT 0 NOT NULL, PRIMARY KEY (a))"),
            "CREATE TABLE t (a int4 DEFAULT 0 NOT NULL, PRIMARY KEY (a))");
  EXPECT_EQ(Canon("CREATE TABLE t (a int) WITH (oids = true)"),
            "ERROR 22023 unrecognized parameter \"oids\" @0");
  EXPECT_EQ(Canon("DROP TABLE IF EXISTS a, b CASCADE; DROP VIEW v"),
            "DROP TABLE IF EXISTS a, b CASCADE; DROP VIEW v");
  EXPECT_EQ(Canon("truncate table pgbench_accounts, pgbench_branches"),
            "TRUNCATE pgbench_accounts, pgbench_branches");
  EXPECT_EQ(Canon("alter table pgbench_branches add primary key (bid)"),
            "ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)");
  EXPECT_EQ(Canon("ALTER TABLE t ADD COLUMN IF NOT EXISTS c text, DROP d, RENAME e TO f"),
            "ERROR 42601 syntax error at or near \"RENAME\" @56");
  EXPECT_EQ(Canon("ALTER TABLE t RENAME COLUMN e TO f; ALTER TABLE t RENAME TO u"),
            "ALTER TABLE t RENAME COLUMN e TO f; ALTER TABLE t RENAME TO u");
  EXPECT_EQ(Canon("CREATE OR REPLACE VIEW v (a) AS SELECT 1"),
            "CREATE OR REPLACE VIEW v(a) AS SELECT 1");
  EXPECT_EQ(Canon("CREATE INDEX i ON t (a); GRANT ALL ON t TO u"),
            "CREATE INDEX i ON t (a); GRANT");
  EXPECT_EQ(Canon("create unique index concurrently if not exists \"I\" on only t using btree "
                  "(a desc nulls first, b asc nulls last, c)"),
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"I\" ON t (a DESC, b, c)");
  EXPECT_EQ(Canon("CREATE INDEX ON t (a); DROP INDEX CONCURRENTLY IF EXISTS i, j"),
            "CREATE INDEX ON t (a); DROP INDEX IF EXISTS i, j");
  EXPECT_EQ(Canon("CREATE INDEX ON t (a NULLS FIRST)"),
            "ERROR 0A000 NULLS FIRST/LAST in an index is not supported @22");
  EXPECT_EQ(Canon("CREATE INDEX ON t (lower(a))"),
            "ERROR 0A000 an index on an expression is not supported @20");
  EXPECT_EQ(Canon("CREATE INDEX ON t USING gin (a)"),
            "ERROR 0A000 index access method gin is not supported @25");
  EXPECT_EQ(Canon("CREATE INDEX ON t (a) INCLUDE (b)"),
            "ERROR 0A000 INCLUDE in CREATE INDEX is not supported @23");
  EXPECT_EQ(Canon("CREATE INDEX ON (a)"), "ERROR 42601 syntax error at or near \"(\" @17");
  EXPECT_EQ(Canon("CREATE TEMP TABLE t (a int)"),
            "ERROR 0A000 CREATE temp TABLE is not supported @8");
}

TEST(ParserTest, SessionStatements) {
  EXPECT_EQ(Canon("BEGIN; START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; COMMIT; "
                  "END; ROLLBACK WORK; ABORT"),
            "BEGIN; BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; COMMIT; COMMIT; ROLLBACK; "
            "ROLLBACK");
  EXPECT_EQ(Canon("SAVEPOINT a; ROLLBACK TO SAVEPOINT a; RELEASE a; ROLLBACK WORK TO \"B\"; "
                  "RELEASE SAVEPOINT b"),
            "SAVEPOINT a; ROLLBACK TO SAVEPOINT a; RELEASE SAVEPOINT a; ROLLBACK TO SAVEPOINT "
            "\"B\"; RELEASE SAVEPOINT b");
  EXPECT_EQ(Canon("SET search_path TO public, \"$user\"; SET LOCAL x.y = 5; SET TIME ZONE 'UTC'"),
            "SET search_path TO 'public', '$user'; SET LOCAL x.y TO 5; SET timezone TO 'UTC'");
  EXPECT_EQ(
      Canon("SET datestyle TO DEFAULT; RESET ALL; RESET TIME ZONE; SET extra_float_digits = -3"),
      "RESET datestyle; RESET \"all\"; RESET timezone; SET extra_float_digits TO -3");
  EXPECT_EQ(Canon("SHOW server_version; SHOW ALL; SHOW TRANSACTION ISOLATION LEVEL"),
            "SHOW server_version; SHOW \"all\"; SHOW transaction_isolation");
  EXPECT_EQ(Canon("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE"),
            "ERROR 0A000 SET SESSION CHARACTERISTICS is not supported @13");
  EXPECT_EQ(
      Canon("EXPLAIN SELECT 1; EXPLAIN ANALYZE DELETE FROM t; EXPLAIN (COSTS OFF) SELECT 2"),
      "EXPLAIN SELECT 1; EXPLAIN (ANALYZE TRUE, VERBOSE FALSE) DELETE FROM t; EXPLAIN SELECT 2");
  EXPECT_EQ(Canon("copy pgbench_accounts from stdin with (freeze on)"),
            "COPY pgbench_accounts FROM STDIN (FORMAT text)");
  EXPECT_EQ(Canon("COPY t (a, b) TO STDOUT WITH CSV HEADER DELIMITER AS ';' NULL 'n'"),
            "COPY t (a, b) TO STDOUT (FORMAT csv, HEADER TRUE, DELIMITER ';', NULL 'n')");
  EXPECT_EQ(Canon("COPY (SELECT 1) TO STDOUT"), "COPY (SELECT 1) TO STDOUT (FORMAT text)");
  // The FORCE options and QUOTE / ESCAPE, in the old and the new syntax.
  EXPECT_EQ(Canon("COPY t TO STDOUT CSV QUOTE AS '''' ESCAPE '\\' FORCE QUOTE *"),
            "COPY t TO STDOUT (FORMAT csv, QUOTE '''', ESCAPE '\\', FORCE_QUOTE *)");
  EXPECT_EQ(Canon("COPY t FROM STDIN CSV FORCE NOT NULL a, b FORCE NULL c"),
            "COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (a, b), FORCE_NULL (c))");
  EXPECT_EQ(Canon("COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE (a), FORCE_QUOTE *)"),
            "COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE *, FORCE_QUOTE (a))");
  EXPECT_EQ(Canon("COPY t FROM STDIN (FORCE_NOT_NULL a)"),
            "ERROR 42601 syntax error at or near \"a\" @35");
  EXPECT_EQ(Canon("COPY t FROM '/etc/passwd'"),
            "ERROR 0A000 COPY from a file or program (use COPY FROM STDIN) is not supported @13");
  EXPECT_EQ(Canon("vacuum analyze pgbench_branches; ANALYZE; VACUUM"),
            "VACUUM (ANALYZE) pgbench_branches; ANALYZE; VACUUM");
}

TEST(ParserTest, NamesAndKeywords) {
  EXPECT_EQ(Canon("SELECT \"Select\", \"a b\", \"x\"\"y\" FROM \"T\""),
            "SELECT \"Select\", \"a b\", \"x\"\"y\" FROM \"T\"");
  EXPECT_EQ(Canon("SELECT 1 AS select, 2 AS from"), "SELECT 1 AS \"select\", 2 AS \"from\"");
  EXPECT_EQ(Canon("SELECT name, value, first, nulls FROM t"),
            "SELECT name, value, first, nulls FROM t");
  EXPECT_EQ(Canon("SELECT integer, interval FROM t"), "SELECT \"integer\", \"interval\" FROM t");
  EXPECT_EQ(Canon("SELECT 1 day"), "ERROR 42601 syntax error at or near \"day\" @10");
  EXPECT_EQ(Canon("SELECT select"), "ERROR 42601 syntax error at or near \"select\" @8");
  EXPECT_EQ(Canon("SELECT * FROM left"), "ERROR 42601 syntax error at or near \"left\" @15");
  EXPECT_EQ(Canon("SELECT a.b.c.d.e"),
            "ERROR 42601 improper qualified name (too many dotted names): a.b.c.d.e @8");
}

TEST(ParserTest, SyntaxErrorsPointAtTheToken) {
  // Positions are 1-based characters, as PostgreSQL 15 reports them.
  EXPECT_EQ(Canon("SELECT 1 +"), "ERROR 42601 syntax error at end of input @11");
  EXPECT_EQ(Canon("SELEC 1"), "ERROR 42601 syntax error at or near \"SELEC\" @1");
  EXPECT_EQ(Canon("select a from t limit 1 2"), "ERROR 42601 syntax error at or near \"2\" @25");
  EXPECT_EQ(Canon("SELECT 'é', FROM t"), "ERROR 42601 syntax error at or near \"FROM\" @13");
  EXPECT_EQ(Canon("SELECT (1"), "ERROR 42601 syntax error at end of input @10");
  EXPECT_EQ(Canon("SELECT 1; SELEC 2"), "ERROR 42601 syntax error at or near \"SELEC\" @11");
  EXPECT_EQ(Canon("SELECT extract('year', now())"),
            "ERROR 42601 syntax error at or near \",\" @22");
  EXPECT_EQ(Canon("SELECT ARRAY[[1]]"),
            "ERROR 0A000 a multidimensional array is not supported @14");
  EXPECT_EQ(Canon("SELECT a[1:2]"), "ERROR 0A000 an array slice is not supported @11");
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "SELECT " + std::string(5000, '(') + "1" + std::string(5000, ')');
  EXPECT_EQ(Canon(deep).substr(0, 38), "ERROR 54001 stack depth limit exceeded");
  std::string nots = "SELECT ";
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_EQ(Canon(nots + "true").substr(0, 38), "ERROR 54001 stack depth limit exceeded");
  std::string minus = "SELECT ";
  for (int i = 0; i < 5000; ++i) minus += "- ";
  minus += "x";
  EXPECT_NE(Canon(minus).find("ERROR"), std::string::npos);
  std::string subqueries = "SELECT ";
  for (int i = 0; i < 3000; ++i) subqueries += "(SELECT ";
  EXPECT_EQ(Canon(subqueries + "1").substr(0, 38), "ERROR 54001 stack depth limit exceeded");
}

TEST(ParserTest, StatementSpans) {
  const std::string query = "SELECT 1; INSERT INTO t VALUES (2) ;  ";
  auto statements = Parse(query);
  ASSERT_TRUE(statements.ok());
  ASSERT_EQ(statements->size(), 2u);
  EXPECT_EQ(query.substr((*statements)[0]->offset, (*statements)[0]->length), "SELECT 1");
  EXPECT_EQ(query.substr((*statements)[1]->offset, (*statements)[1]->length),
            "INSERT INTO t VALUES (2)");
}

TEST(ParserTest, RoundTrips) {
  for (const char* query : {
           "SELECT a.b, \"C\".d FROM s.\"T\" AS \"C\" WHERE NOT (a > 1 OR b IS NULL)",
           "SELECT x FROM t ORDER BY x IS NULL, y",
           "SELECT - - 1, 1 - -1, +1, @ -5, ~ 3, |/ 4",
           "SELECT a::text::int, CAST(b AS timestamp(3) without time zone)",
           "SELECT 'a' || 'b' LIKE 'a%', 1 BETWEEN SYMMETRIC 2 AND 3",
           "SELECT count(*) OVER (), sum(x) OVER (w ORDER BY y) FROM t WINDOW w AS (PARTITION BY "
           "z)",
           "SELECT * FROM t1, t2 JOIN t3 USING (a, b) WHERE t1.x = ANY (SELECT 1)",
           "INSERT INTO t (a) SELECT 1 UNION SELECT 2",
           "SELECT 1 FROM t GROUP BY ALL a",
           "SELECT $1::int, E'\\x41', U&'d\\0061t\\+000061'",
       }) {
    ExpectRoundTrip(query);
  }
}

}  // namespace
}  // namespace datacave::sql
