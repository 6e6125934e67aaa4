#pragma once

// PostgreSQL's system catalogs (pg_catalog.pg_class, pg_attribute, pg_type, ...) and the
// information_schema views, as read-only relations computed from Datacave's catalog when a
// query reads them. Nothing is stored: each relation is a name, PostgreSQL's columns, and a
// function producing its rows from the tables the statement sees (a TransactionCatalog's
// Tables(), so a transaction sees its own DDL).
//
// OIDs are stable: PostgreSQL's fixed OIDs for built-in objects (types, namespaces 11/2200,
// the system relations themselves); a table or view is kFirstTableOid + id (>= 16384); a
// table's primary key and UNIQUE constraints are indexes (pg_class relkind 'i', pg_index)
// and constraints (pg_constraint) with OIDs derived from the table id (IndexOid,
// ConstraintOid).
//
// Types PostgreSQL's catalogs use and Datacave lacks are shown as close relatives: `name`
// and `"char"` as text (regproc columns are regprocs, types/procs.h), arrays (int2vector,
// oidvector, text[], aclitem[], int2[]) as text in PostgreSQL's array output form, or NULL
// where PostgreSQL's value is NULL for every object Datacave has (relacl, reloptions ...),
// `pg_node_tree` (adbin, conbin) as the expression's SQL text, `xid` as oid.
//
// Thread safety: the relation table is immutable; row functions are pure.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/catalog/catalog.h"
#include "sql/session_state.h"
#include "sql/types/type.h"
#include "sql/types/value.h"

namespace datacave::sql {

// What the catalogs show beyond the tables.
struct SystemCatalogContext {
  std::vector<std::shared_ptr<const TableInfo>> tables;  // tables and views, by name
  std::string user;                                      // the owner of everything: OID 10
  std::string database;
  // The session's, when the statement was bound.
  std::vector<SettingState> settings;
  std::vector<OpenCursor> cursors;
};

struct SystemColumn {
  const char* name;
  Type type;
};

struct SystemRelation {
  const char* schema;  // "pg_catalog" or "information_schema"
  const char* name;
  uint32_t oid;
  bool is_view;  // pg_class relkind 'v' (pg_roles, pg_tables, information_schema.*)
  std::vector<SystemColumn> columns;
  // The rows, each with one value per column.
  std::vector<std::vector<Value>> (*rows)(const SystemCatalogContext& context);
};

// Fixed OIDs, as in PostgreSQL 15.
constexpr uint32_t kPgCatalogNamespace = 11;
constexpr uint32_t kPublicNamespace = 2200;
constexpr uint32_t kInformationSchemaNamespace = 13000;
constexpr uint32_t kBootstrapSuperuser = 10;   // shown as the connected user
constexpr uint32_t kDatabaseOwnerRole = 6171;  // pg_database_owner, owner of public
constexpr uint32_t kDatabaseOid = 5;

// Index (pg_class relkind 'i') and constraint OIDs of a table's primary key (k = 0) and its
// UNIQUE constraints (k = 1 + position); constraint OIDs continue with its CHECKs. A table
// has at most 255 of these (more are not shown).
uint32_t IndexOid(const TableInfo& table, size_t k);
uint32_t ConstraintOid(const TableInfo& table, size_t k);

// A column's DEFAULT as PostgreSQL's pg_get_expr and information_schema show it, from the
// SQL Datacave stores: boolean constants in lower case, string constants on a character
// column with the cast PostgreSQL adds ('x'::character varying). Other expressions are
// shown as stored.
std::string DeparseDefault(const ColumnInfo& column);

// The system relation schema.name; schema empty: pg_catalog's, then information_schema is
// not searched (as PostgreSQL's search_path, which has pg_catalog first and no
// information_schema). nullptr when there is none.
const SystemRelation* FindSystemRelation(std::string_view schema, std::string_view name);
const std::vector<SystemRelation>& SystemRelations();

// Lookups for functions and casts over catalog OIDs (regclass, pg_get_indexdef ...).
// Each returns nullopt for an OID naming nothing.
struct CatalogLookups {
  explicit CatalogLookups(SystemCatalogContext context);

  const SystemCatalogContext& context() const { return context_; }
  // A relation's name: a table, view, index or system relation.
  std::optional<std::string> RelationName(uint32_t oid) const;
  // The OID of relation `name` ("t", "public.t", "pg_catalog.pg_class").
  std::optional<uint32_t> RelationOid(std::string_view name) const;
  std::optional<std::string> RoleName(uint32_t oid) const;
  std::optional<std::string> NamespaceName(uint32_t oid) const;
  // pg_get_indexdef(oid): "CREATE UNIQUE INDEX t_pkey ON t USING btree (id)" (public is
  // always on the search path, so PostgreSQL leaves the schema out); with column k >= 1,
  // pg_get_indexdef(oid, k, ...): that key column alone ("id"), nullopt past the last.
  std::optional<std::string> IndexDef(uint32_t oid, int column = 0) const;
  // How many key columns index oid has (0 for no such index).
  int IndexColumnCount(uint32_t oid) const;
  // pg_get_constraintdef(oid): "PRIMARY KEY (id)", "UNIQUE (a, b)", "CHECK (...)".
  std::optional<std::string> ConstraintDef(uint32_t oid) const;

 private:
  SystemCatalogContext context_;
};

}  // namespace datacave::sql
