// psql's describe commands (\dt, \d, \dv, \dn ...) against Datacave and against PostgreSQL 15
// with the same schema, connected as the same user: psql 15 sends its own catalog queries
// (pg_class, pg_namespace, pg_am, regular expressions, pg_get_userbyid ...) and the printed
// answers must be the same.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "support/postgres.h"
#include "support/process.h"
#include "wire-conformance/datacave_server.h"

namespace datacave {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), "
    "code varchar(20) UNIQUE);"
    "CREATE TABLE tags (item int, tag text, PRIMARY KEY (item, tag));"
    "CREATE TABLE notes (body text);"
    "CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;"
    // For \d orders: a composite UNIQUE constraint, a CHECK, NOT NULL, DEFAULTs, CREATE INDEX
    // with a DESC column and CREATE UNIQUE INDEX.
    "CREATE TABLE orders (id bigint PRIMARY KEY, item int NOT NULL DEFAULT 0, "
    "qty int CHECK (qty > 0), note varchar(10) DEFAULT 'none', placed timestamp, "
    "flag boolean DEFAULT true, UNIQUE (item, placed));"
    "CREATE INDEX orders_qty_idx ON orders (qty DESC, id);"
    "CREATE UNIQUE INDEX ON orders (note);"
    "CREATE TABLE codes (code int UNIQUE);";  // a UNIQUE constraint without a primary key

// psql -X (no psqlrc) running one command; its output and exit code.
std::string RunPsql(const std::string& conninfo, const std::string& command) {
  testing::ChildProcess psql(testing::ChildProcess::Options{
      .argv = {"/usr/bin/psql", "-X", "-v", "ON_ERROR_STOP=1", conninfo, "-c", command}});
  auto code = psql.Wait(std::chrono::seconds(30));
  return "exit " + (code ? std::to_string(*code) : std::string("timeout")) + "\n" + psql.Output();
}

class PsqlCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    pg_ = testing::PostgresServer::Start({.host_auth = "trust"}, &error);
    ASSERT_NE(pg_, nullptr) << error;
    {
      pqxx::connection admin(pg_->SuperuserConninfo());
      pqxx::nontransaction(admin).exec("CREATE ROLE alice SUPERUSER LOGIN");
    }
    datacave_ = std::make_unique<testing::DatacaveServer>("trust");
    pg_conninfo_ = pg_->TcpConninfo() + " user=alice";
    datacave_conninfo_ = datacave_->Conninfo("alice");
    for (const std::string& conninfo : {pg_conninfo_, datacave_conninfo_}) {
      pqxx::connection c(conninfo);
      pqxx::nontransaction(c).exec(kSchema);
    }
  }

  void ExpectSameOutput(const std::string& command) {
    SCOPED_TRACE(command);
    const std::string expected = RunPsql(pg_conninfo_, command);
    ASSERT_EQ(expected.rfind("exit 0\n", 0), 0u) << expected;
    EXPECT_EQ(RunPsql(datacave_conninfo_, command), expected);
  }

  std::unique_ptr<testing::PostgresServer> pg_;
  std::unique_ptr<testing::DatacaveServer> datacave_;
  std::string pg_conninfo_, datacave_conninfo_;
};

TEST_F(PsqlCatalog, ListsTablesViewsAndRelations) {
  ExpectSameOutput("\\dt");
  ExpectSameOutput("\\d");
  ExpectSameOutput("\\dv");
}

TEST_F(PsqlCatalog, PatternsAreRegularExpressions) {
  ExpectSameOutput("\\dt i*");
  ExpectSameOutput("\\dt public.t*");
  ExpectSameOutput("\\dt nothing_matches*");
  ExpectSameOutput("\\dv cheap");
}

// \d NAME sends ten queries (pg_class, pg_attribute with pg_attrdef, pg_index with
// pg_constraint and pg_get_indexdef, CHECKs, pg_policy with ARRAY(...) and = ANY, pg_statistic_ext
// with = ANY, publications with generate_series, array_upper, ::int2[] and subscripts,
// pg_inherits) and prints the answers; \d+ adds array_to_string(reloptions || ARRAY(... FROM
// unnest(...))).
TEST_F(PsqlCatalog, DescribesTables) {
  ExpectSameOutput("\\d items");  // primary key, NOT NULL, UNIQUE, numeric and varchar types
  ExpectSameOutput("\\d tags");   // composite primary key
  ExpectSameOutput("\\d notes");  // no keys at all
  ExpectSameOutput("\\d codes");
  ExpectSameOutput("\\d orders");
  ExpectSameOutput("\\d public.orders");
  ExpectSameOutput("\\d+ orders");
  // No such relation: psql says so and exits 1, alike on both.
  EXPECT_EQ(RunPsql(datacave_conninfo_, "\\d nothing_matches"),
            RunPsql(pg_conninfo_, "\\d nothing_matches"));
}

TEST_F(PsqlCatalog, DescribesViewsAndIndexes) {
  ExpectSameOutput("\\d cheap");
  ExpectSameOutput("\\d items_pkey");
  ExpectSameOutput("\\d tags_pkey");
  ExpectSameOutput("\\d orders_qty_idx");  // qty DESC
  ExpectSameOutput("\\d orders_note_idx");
  ExpectSameOutput("\\d+ items_pkey");
  // Not compared: \d+ cheap prints the view's definition, which PostgreSQL deparses from its
  // parse tree (" SELECT items.id, ..."), while Datacave shows the SQL it stored.
}

// A CHECK is shown as Datacave stored it, PostgreSQL's as it deparses it: equal when the
// expression has no implicit casts or nested operators (orders_qty_check above), different
// otherwise.
TEST_F(PsqlCatalog, ChecksAreShownAsStored) {
  for (const std::string& conninfo : {pg_conninfo_, datacave_conninfo_}) {
    pqxx::connection c(conninfo);
    pqxx::nontransaction(c).exec("CREATE TABLE priced (p numeric CHECK (p > 0))");
  }
  EXPECT_NE(RunPsql(pg_conninfo_, "\\d priced").find("CHECK (p > 0::numeric)"), std::string::npos);
  EXPECT_NE(RunPsql(datacave_conninfo_, "\\d priced").find("CHECK (p > 0)"), std::string::npos);
}

TEST_F(PsqlCatalog, ListsSchemas) {
  ExpectSameOutput("\\dn");
}

TEST_F(PsqlCatalog, ListsRolesWithTheConnectedUser) {
  // PostgreSQL also lists its bootstrap superuser; Datacave shows only the connected user,
  // as a superuser (every Datacave user may do everything).
  const std::string out = RunPsql(datacave_conninfo_, "\\du");
  EXPECT_NE(
      out.find(" alice     | Superuser, Create role, Create DB, Replication, Bypass RLS | {}"),
      std::string::npos)
      << out;
}

TEST_F(PsqlCatalog, ListsDatabasesWithOneRowForOurs) {
  const std::string out = RunPsql(datacave_conninfo_, "\\l");
  EXPECT_NE(out.find(" default | alice | UTF8     | C.UTF-8 | C.UTF-8 |"), std::string::npos)
      << out;
  EXPECT_NE(out.find("(1 row)"), std::string::npos) << out;
}

// pgjdbc's DatabaseMetaData.getTables(null, "public", "%", {"TABLE"}), as captured.
TEST_F(PsqlCatalog, JdbcGetTables) {
  const std::string query =
      R"(SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME,  CASE n.nspname ~ '^pg_' OR n.nspname = 'information_schema'  WHEN true THEN CASE  WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TABLE'   WHEN 'v' THEN 'SYSTEM VIEW'   WHEN 'i' THEN 'SYSTEM INDEX'   ELSE NULL   END  WHEN n.nspname = 'pg_toast' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TOAST TABLE'   WHEN 'i' THEN 'SYSTEM TOAST INDEX'   ELSE NULL   END  ELSE CASE c.relkind   WHEN 'r' THEN 'TEMPORARY TABLE'   WHEN 'p' THEN 'TEMPORARY TABLE'   WHEN 'i' THEN 'TEMPORARY INDEX'   WHEN 'S' THEN 'TEMPORARY SEQUENCE'   WHEN 'v' THEN 'TEMPORARY VIEW'   ELSE NULL   END  END  WHEN false THEN CASE c.relkind  WHEN 'r' THEN 'TABLE'  WHEN 'p' THEN 'PARTITIONED TABLE'  WHEN 'i' THEN 'INDEX'  WHEN 'P' then 'PARTITIONED INDEX'  WHEN 'S' THEN 'SEQUENCE'  WHEN 'v' THEN 'VIEW'  WHEN 'c' THEN 'TYPE'  WHEN 'f' THEN 'FOREIGN TABLE'  WHEN 'm' THEN 'MATERIALIZED VIEW'  ELSE NULL  END  ELSE NULL  END  AS TABLE_TYPE, d.description AS REMARKS,  '' as TYPE_CAT, '' as TYPE_SCHEM, '' as TYPE_NAME, '' AS SELF_REFERENCING_COL_NAME, '' AS REF_GENERATION  FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c  LEFT JOIN pg_catalog.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0  and d.classoid = 'pg_class'::regclass)  WHERE c.relnamespace = n.oid  AND n.nspname LIKE 'public' AND c.relname LIKE '%' AND (false  OR ( c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ) )  ORDER BY TABLE_TYPE,TABLE_SCHEM,TABLE_NAME)";
  std::vector<std::string> answers;
  for (const std::string& conninfo : {pg_conninfo_, datacave_conninfo_}) {
    pqxx::connection c(conninfo);
    pqxx::nontransaction tx(c);
    std::string out;
    for (const auto& row : tx.exec(query)) {
      for (const auto& field : row) out += (field.is_null() ? "N" : field.as<std::string>()) + "|";
      out += "\n";
    }
    answers.push_back(out);
  }
  EXPECT_EQ(answers[0],
            "N|public|codes|TABLE|N||||||\nN|public|items|TABLE|N||||||\n"
            "N|public|notes|TABLE|N||||||\n"
            "N|public|orders|TABLE|N||||||\nN|public|tags|TABLE|N||||||\n");
  EXPECT_EQ(answers[1], answers[0]);
}

// psycopg 3's TypeInfo.fetch, with the type name as a parameter.
TEST_F(PsqlCatalog, PsycopgTypeLookupByParameter) {
  for (const std::string& conninfo : {pg_conninfo_, datacave_conninfo_}) {
    SCOPED_TRACE(conninfo);
    pqxx::connection c(conninfo);
    pqxx::nontransaction tx(c);
    const std::string query =
        "SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, "
        "typdelim AS delimiter FROM pg_type t WHERE t.oid = $1::regtype ORDER BY t.oid";
    for (const auto& [name, expected] : std::vector<std::pair<std::string, std::string>>{
             {"int4", "int4 23 1007 integer ,"},
             {"numeric", "numeric 1700 1231 numeric ,"},
             {"text", "text 25 1009 text ,"}}) {
      auto row = tx.exec_params1(query, name);
      std::string got;
      for (const auto& field : row) got += (got.empty() ? "" : " ") + field.as<std::string>();
      EXPECT_EQ(got, expected);
    }
  }
}

}  // namespace
}  // namespace datacave
