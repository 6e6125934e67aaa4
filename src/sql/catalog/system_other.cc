// pg_catalog's other relations: the server's objects (pg_namespace, pg_roles, pg_user, pg_database,
// pg_am, pg_tablespace, pg_collation), the session's settings and cursors (pg_settings,
// pg_cursors), the views pg_tables and pg_views, and relations psql and drivers read that
// have no rows for any object Datacave has.

#include "sql/catalog/system_relations.h"
#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

using namespace system_rows;

// ---- pg_namespace, pg_roles, pg_database, pg_am, pg_tablespace, pg_collation

SystemRows NamespaceRows(const SystemCatalogContext&) {
  const Value no_acl = NullArray(TypeId::kTextArray);
  return {{Oid(kPgCatalogNamespace), Text("pg_catalog"), Oid(kBootstrapSuperuser), no_acl},
          {Oid(kPublicNamespace), Text("public"), Oid(kDatabaseOwnerRole), no_acl},
          {Oid(kInformationSchemaNamespace), Text("information_schema"), Oid(kBootstrapSuperuser),
           no_acl}};
}

std::vector<Value> RoleRow(const std::string& name, bool login, uint32_t oid) {
  return {Text(name),       Bool(login),
          Bool(true),       Bool(login),
          Bool(login),      Bool(login),
          Bool(login),      Int4(-1),
          Text("********"), Value::Null(TypeId::kTimestampTz),
          Bool(login),      NullArray(TypeId::kTextArray),
          Oid(oid)};
}
SystemRows RoleRows(const SystemCatalogContext& context) {
  SystemRows rows = {RoleRow(context.user, true, kBootstrapSuperuser),
                     RoleRow("pg_database_owner", false, kDatabaseOwnerRole)};
  rows[1][1] = Bool(false);  // not a superuser
  rows[1][8] = NullText();   // rolpassword
  return rows;
}
// pg_user: the roles that can log in (the connected user), with pg_roles' facts.
SystemRows UserRows(const SystemCatalogContext& context) {
  return {{Text(context.user), Oid(kBootstrapSuperuser), Bool(true), Bool(true), Bool(true),
           Bool(true), Text("********"), Value::Null(TypeId::kTimestampTz),
           NullArray(TypeId::kTextArray)}};
}
// pg_settings: the session's settings, with PostgreSQL 15's facts about each.
Value TextOrNull(const char* s) {
  return s ? Text(s) : NullText();
}
Value EnumValues(const char* enumvals) {
  if (!enumvals) return NullArray(TypeId::kTextArray);
  auto array = ParseText(Type::Of(TypeId::kTextArray), enumvals);
  return array.ok() ? std::move(array).value() : NullArray(TypeId::kTextArray);
}
// Where the value comes from: SET, the client's startup packet, PostgreSQL's per-transaction
// override, or the default.
const char* SettingSource(const SettingState& state) {
  if (state.set_in_session) return "session";
  if (state.from_client) return "client";
  const std::string_view name = state.info->name;
  if (name == "transaction_isolation" || name == "transaction_read_only") return "override";
  return "default";
}
SystemRows SettingRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const SettingState& state : context.settings) {
    const SettingInfo& info = *state.info;
    const std::string reset = SettingInUnit(info, state.reset_value);
    rows.push_back({Text(info.name), Text(SettingInUnit(info, state.value)), TextOrNull(info.unit),
                    Text(info.category), Text(info.short_desc), TextOrNull(info.extra_desc),
                    Text(info.context), Text(info.vartype), Text(SettingSource(state)),
                    TextOrNull(info.min_val), TextOrNull(info.max_val), EnumValues(info.enumvals),
                    Text(reset), Text(reset), NullText(), Value::Null(TypeId::kInt4), Bool(false)});
  }
  return rows;
}
// pg_cursors: the session's SQL cursors.
SystemRows CursorRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const OpenCursor& cursor : context.cursors) {
    rows.push_back({Text(cursor.name), Text(cursor.statement), Bool(cursor.holdable),
                    Bool(cursor.binary), Bool(cursor.scrollable),
                    Value::TimestampTz(cursor.creation_time)});
  }
  return rows;
}
SystemRows DatabaseRows(const SystemCatalogContext& context) {
  return {{Oid(kDatabaseOid), Text(context.database), Oid(kBootstrapSuperuser), Int4(6), Text("c"),
           Bool(false), Bool(true), Int4(-1), Oid(0), Oid(0), Oid(1663), Text("C.UTF-8"),
           Text("C.UTF-8"), NullText(), NullText(), NullArray(TypeId::kTextArray)}};
}
SystemRows AmRows(const SystemCatalogContext&) {
  return {{Oid(kHeapAm), Text("heap"), Text("heap_tableam_handler"), Text("t")},
          {Oid(kBtreeAm), Text("btree"), Text("bthandler"), Text("i")}};
}
SystemRows TablespaceRows(const SystemCatalogContext&) {
  const Value none = NullArray(TypeId::kTextArray);  // spcacl, spcoptions
  return {{Oid(1663), Text("pg_default"), Oid(kBootstrapSuperuser), none, none},
          {Oid(1664), Text("pg_global"), Oid(kBootstrapSuperuser), none, none}};
}
SystemRows CollationRows(const SystemCatalogContext&) {
  auto row = [](uint32_t oid, const char* name, const char* provider, int encoding,
                const char* locale) -> std::vector<Value> {
    return {Oid(oid),
            Text(name),
            Oid(kPgCatalogNamespace),
            Oid(kBootstrapSuperuser),
            Text(provider),
            Bool(true),
            Int4(encoding),
            locale ? Text(locale) : NullText(),
            locale ? Text(locale) : NullText(),
            NullText(),
            NullText()};
  };
  return {row(kDefaultCollation, "default", "d", -1, nullptr), row(950, "C", "c", -1, "C"),
          row(951, "POSIX", "c", -1, "POSIX")};
}

// ---- views: pg_tables, pg_views

SystemRows TablesViewRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const SystemRelation& r : SystemRelations()) {
    if (r.is_view) continue;
    rows.push_back({Text(r.schema), Text(r.name), Text(context.user), NullText(), Bool(false),
                    Bool(false), Bool(false), Bool(false)});
  }
  for (const auto& table : context.tables) {
    if (table->is_view) continue;
    rows.push_back({Text("public"), Text(table->name), Text(context.user), NullText(),
                    Bool(!Indexes(*table).empty()), Bool(false), Bool(false), Bool(false)});
  }
  return rows;
}
SystemRows ViewsViewRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const auto& table : context.tables) {
    if (!table->is_view) continue;
    rows.push_back(
        {Text("public"), Text(table->name), Text(context.user), Text(" " + table->view_sql + ";")});
  }
  return rows;
}

SystemRows NoRows(const SystemCatalogContext&) {
  return {};
}

}  // namespace

std::vector<SystemRelation> ServerRelations() {
  using namespace column_types;
  return {
      {"pg_catalog",
       "pg_namespace",
       2615,
       false,
       {{"oid", o}, {"nspname", n}, {"nspowner", o}, {"nspacl", ta}},
       NamespaceRows},
      {"pg_catalog",
       "pg_roles",
       12001,
       true,
       {{"rolname", n},
        {"rolsuper", b},
        {"rolinherit", b},
        {"rolcreaterole", b},
        {"rolcreatedb", b},
        {"rolcanlogin", b},
        {"rolreplication", b},
        {"rolconnlimit", i4},
        {"rolpassword", t},
        {"rolvaliduntil", kTimestampTzType},
        {"rolbypassrls", b},
        {"rolconfig", ta},
        {"oid", o}},
       RoleRows},
      {"pg_catalog",
       "pg_user",
       12014,
       true,
       {{"usename", n},
        {"usesysid", o},
        {"usecreatedb", b},
        {"usesuper", b},
        {"userepl", b},
        {"usebypassrls", b},
        {"passwd", t},
        {"valuntil", kTimestampTzType},
        {"useconfig", ta}},
       UserRows},
      {"pg_catalog",
       "pg_settings",
       12104,
       true,
       {{"name", t},
        {"setting", t},
        {"unit", t},
        {"category", t},
        {"short_desc", t},
        {"extra_desc", t},
        {"context", t},
        {"vartype", t},
        {"source", t},
        {"min_val", t},
        {"max_val", t},
        {"enumvals", ta},
        {"boot_val", t},
        {"reset_val", t},
        {"sourcefile", t},
        {"sourceline", i4},
        {"pending_restart", b}},
       SettingRows},
      {"pg_catalog",
       "pg_cursors",
       12077,
       true,
       {{"name", t},
        {"statement", t},
        {"is_holdable", b},
        {"is_binary", b},
        {"is_scrollable", b},
        {"creation_time", kTimestampTzType}},
       CursorRows},
      {"pg_catalog",
       "pg_database",
       1262,
       false,
       {{"oid", o},
        {"datname", n},
        {"datdba", o},
        {"encoding", i4},
        {"datlocprovider", c},
        {"datistemplate", b},
        {"datallowconn", b},
        {"datconnlimit", i4},
        {"datfrozenxid", o},
        {"datminmxid", o},
        {"dattablespace", o},
        {"datcollate", t},
        {"datctype", t},
        {"daticulocale", t},
        {"datcollversion", t},
        {"datacl", ta}},
       DatabaseRows},
      {"pg_catalog",
       "pg_am",
       2601,
       false,
       {{"oid", o}, {"amname", n}, {"amhandler", t}, {"amtype", c}},
       AmRows},
      {"pg_catalog",
       "pg_tablespace",
       1213,
       false,
       {{"oid", o}, {"spcname", n}, {"spcowner", o}, {"spcacl", ta}, {"spcoptions", ta}},
       TablespaceRows},
      {"pg_catalog",
       "pg_collation",
       3456,
       false,
       {{"oid", o},
        {"collname", n},
        {"collnamespace", o},
        {"collowner", o},
        {"collprovider", c},
        {"collisdeterministic", b},
        {"collencoding", i4},
        {"collcollate", t},
        {"collctype", t},
        {"colliculocale", t},
        {"collversion", t}},
       CollationRows},
  };
}

std::vector<SystemRelation> ViewAndEmptyRelations() {
  using namespace column_types;
  return {
      {"pg_catalog",
       "pg_tables",
       12002,
       true,
       {{"schemaname", n},
        {"tablename", n},
        {"tableowner", n},
        {"tablespace", n},
        {"hasindexes", b},
        {"hasrules", b},
        {"hastriggers", b},
        {"rowsecurity", b}},
       TablesViewRows},
      {"pg_catalog",
       "pg_views",
       12003,
       true,
       {{"schemaname", n}, {"viewname", n}, {"viewowner", n}, {"definition", t}},
       ViewsViewRows},
      // Relations psql and drivers read that have no rows for any object Datacave has.
      {"pg_catalog",
       "pg_description",
       2609,
       false,
       {{"objoid", o}, {"classoid", o}, {"objsubid", i4}, {"description", t}},
       NoRows},
      {"pg_catalog",
       "pg_inherits",
       2611,
       false,
       {{"inhrelid", o}, {"inhparent", o}, {"inhseqno", i4}, {"inhdetachpending", b}},
       NoRows},
      {"pg_catalog",
       "pg_auth_members",
       1261,
       false,
       {{"roleid", o}, {"member", o}, {"grantor", o}, {"admin_option", b}},
       NoRows},
      {"pg_catalog",
       "pg_policy",
       3256,
       false,
       {{"oid", o},
        {"polname", n},
        {"polrelid", o},
        {"polcmd", c},
        {"polpermissive", b},
        {"polroles", oa},
        {"polqual", t},
        {"polwithcheck", t}},
       NoRows},
      {"pg_catalog",
       "pg_statistic_ext",
       3381,
       false,
       {{"oid", o},
        {"stxrelid", o},
        {"stxname", n},
        {"stxnamespace", o},
        {"stxowner", o},
        {"stxstattarget", i4},
        {"stxkeys", i2v},
        {"stxkind", ta},
        {"stxexprs", t}},
       NoRows},
      {"pg_catalog",
       "pg_publication",
       6104,
       false,
       {{"oid", o},
        {"pubname", n},
        {"pubowner", o},
        {"puballtables", b},
        {"pubinsert", b},
        {"pubupdate", b},
        {"pubdelete", b},
        {"pubtruncate", b},
        {"pubviaroot", b}},
       NoRows},
      {"pg_catalog",
       "pg_publication_rel",
       6106,
       false,
       {{"oid", o}, {"prpubid", o}, {"prrelid", o}, {"prqual", t}, {"prattrs", i2v}},
       NoRows},
      {"pg_catalog",
       "pg_publication_namespace",
       6237,
       false,
       {{"oid", o}, {"pnpubid", o}, {"pnnspid", o}},
       NoRows},
      {"pg_catalog",
       "pg_trigger",
       2620,
       false,
       {{"oid", o},
        {"tgrelid", o},
        {"tgparentid", o},
        {"tgname", n},
        {"tgfoid", o},
        {"tgtype", i2},
        {"tgenabled", c},
        {"tgisinternal", b},
        {"tgconstrrelid", o},
        {"tgconstrindid", o},
        {"tgconstraint", o},
        {"tgdeferrable", b},
        {"tginitdeferred", b},
        {"tgnargs", i2},
        {"tgattr", t},
        {"tgargs", Type::Of(TypeId::kBytea)},
        {"tgqual", t},
        {"tgoldtable", n},
        {"tgnewtable", n}},
       NoRows},
      {"pg_catalog",
       "pg_rewrite",
       2618,
       false,
       {{"oid", o},
        {"rulename", n},
        {"ev_class", o},
        {"ev_type", c},
        {"ev_enabled", c},
        {"is_instead", b},
        {"ev_qual", t},
        {"ev_action", t}},
       NoRows},
      {"pg_catalog",
       "pg_partitioned_table",
       3350,
       false,
       {{"partrelid", o},
        {"partstrat", c},
        {"partnatts", i2},
        {"partdefid", o},
        {"partattrs", t},
        {"partclass", t},
        {"partcollation", t},
        {"partexprs", t}},
       NoRows},
      {"pg_catalog",
       "pg_foreign_table",
       3118,
       false,
       {{"ftrelid", o}, {"ftserver", o}, {"ftoptions", t}},
       NoRows},
      {"pg_catalog",
       "pg_sequence",
       2224,
       false,
       {{"seqrelid", o},
        {"seqtypid", o},
        {"seqstart", Type::Of(TypeId::kInt8)},
        {"seqincrement", Type::Of(TypeId::kInt8)},
        {"seqmax", Type::Of(TypeId::kInt8)},
        {"seqmin", Type::Of(TypeId::kInt8)},
        {"seqcache", Type::Of(TypeId::kInt8)},
        {"seqcycle", b}},
       NoRows},
      {"pg_catalog",
       "pg_depend",
       2608,
       false,
       {{"classid", o},
        {"objid", o},
        {"objsubid", i4},
        {"refclassid", o},
        {"refobjid", o},
        {"refobjsubid", i4},
        {"deptype", c}},
       NoRows},
  };
}

}  // namespace datacave::sql
