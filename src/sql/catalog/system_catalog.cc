#include "sql/catalog/system_catalog.h"

#include <algorithm>
#include <optional>

#include "sql/parser/parser.h"

namespace datacave::sql {

using SystemRows = std::vector<std::vector<Value>>;

// information_schema.cc
std::vector<SystemRelation> InformationSchemaRelations();

namespace {

// Column types: PostgreSQL's name and "char" are shown as text (see the header).
const Type kName = Type::Of(TypeId::kText);
const Type kChar = Type::Of(TypeId::kText);
const Type kTextType = Type::Of(TypeId::kText);
const Type kOidType = Type::Of(TypeId::kOid);
const Type kBoolType = Type::Of(TypeId::kBool);
const Type kInt2Type = Type::Of(TypeId::kInt2);
const Type kInt4Type = Type::Of(TypeId::kInt4);
const Type kFloat4Type = Type::Of(TypeId::kFloat4);
const Type kTimestampTzType = Type::Of(TypeId::kTimestampTz);

Value Text(std::string s) {
  return Value::Text(std::move(s));
}
Value Oid(uint32_t oid) {
  return Value::Oid(oid);
}
Value Bool(bool b) {
  return Value::Bool(b);
}
Value Int2(int v) {
  return Value::Int2(static_cast<int16_t>(v));
}
Value Int4(int v) {
  return Value::Int4(v);
}
Value NullText() {
  return Value::Null(TypeId::kText);
}
Value NullArray(TypeId type) {
  return Value::Null(type);
}
// int2vector of 1-based attribute numbers from 0-based columns (indkey), or int2[] (conkey).
Value AttNumberArray(const std::vector<int>& columns, TypeId type) {
  std::vector<Value> elements;
  for (int c : columns) elements.push_back(Value::Int2(static_cast<int16_t>(c + 1)));
  return Value::Array(type, std::move(elements), type == TypeId::kInt2Vector ? 0 : 1);
}

constexpr uint32_t kHeapAm = 2;
constexpr uint32_t kBtreeAm = 403;
constexpr uint32_t kDefaultCollation = 100;

// The indexes a table has: its primary key, then its UNIQUE constraints and CREATE INDEX
// indexes.
struct IndexInfo {
  uint32_t oid;
  uint32_t constraint_oid;  // 0: no constraint (CREATE INDEX)
  std::string name;
  std::vector<int> columns;  // 0-based
  bool primary;
  bool unique = true;
  std::vector<bool> descending;  // empty: all ascending
};
std::vector<IndexInfo> Indexes(const TableInfo& table) {
  std::vector<IndexInfo> out;
  if (table.is_view) return out;
  if (!table.primary_key.empty()) {
    out.push_back({IndexOid(table, 0), ConstraintOid(table, 0), table.primary_key_name,
                   table.primary_key, true});
  }
  for (size_t i = 0; i < table.uniques.size() && i + 1 < 256; ++i) {
    const ConstraintInfo& unique = table.uniques[i];
    out.push_back({IndexOid(table, i + 1),
                   unique.from_create_index ? 0 : ConstraintOid(table, i + 1), unique.name,
                   unique.columns, false, unique.unique, unique.descending});
  }
  return out;
}
uint32_t CheckOid(const TableInfo& table, size_t i) {
  return ConstraintOid(table, 1 + table.uniques.size() + i);
}

std::string ColumnList(const TableInfo& table, const std::vector<int>& columns) {
  std::string out;
  for (int c : columns) {
    out += (out.empty() ? "" : ", ") + QuoteIdentifier(table.columns[static_cast<size_t>(c)].name);
  }
  return out;
}
bool IsCollatable(TypeId id) {
  return IsStringType(id) && id != TypeId::kUnknown;
}

// pg_type's per-type facts PostgreSQL 15 has for Datacave's types.
struct PgTypeInfo {
  TypeId id;
  uint32_t array_oid;
  char category;
  bool preferred;
  const char* input;
  const char* output;
  const char* receive;
  const char* send;
  char align;
  char storage;
};
constexpr PgTypeInfo kPgTypes[] = {
    {TypeId::kBool, 1000, 'B', true, "boolin", "boolout", "boolrecv", "boolsend", 'c', 'p'},
    {TypeId::kBytea, 1001, 'U', false, "byteain", "byteaout", "bytearecv", "byteasend", 'i', 'x'},
    {TypeId::kInt8, 1016, 'N', false, "int8in", "int8out", "int8recv", "int8send", 'd', 'p'},
    {TypeId::kInt2, 1005, 'N', false, "int2in", "int2out", "int2recv", "int2send", 's', 'p'},
    {TypeId::kInt4, 1007, 'N', false, "int4in", "int4out", "int4recv", "int4send", 'i', 'p'},
    {TypeId::kText, 1009, 'S', true, "textin", "textout", "textrecv", "textsend", 'i', 'x'},
    {TypeId::kOid, 1028, 'N', false, "oidin", "oidout", "oidrecv", "oidsend", 'i', 'p'},
    {TypeId::kFloat4, 1021, 'N', false, "float4in", "float4out", "float4recv", "float4send", 'i',
     'p'},
    {TypeId::kFloat8, 1022, 'N', true, "float8in", "float8out", "float8recv", "float8send", 'd',
     'p'},
    {TypeId::kBpchar, 1014, 'S', false, "bpcharin", "bpcharout", "bpcharrecv", "bpcharsend", 'i',
     'x'},
    {TypeId::kVarchar, 1015, 'S', false, "varcharin", "varcharout", "varcharrecv", "varcharsend",
     'i', 'x'},
    {TypeId::kDate, 1182, 'D', false, "date_in", "date_out", "date_recv", "date_send", 'i', 'p'},
    {TypeId::kTimestamp, 1115, 'D', false, "timestamp_in", "timestamp_out", "timestamp_recv",
     "timestamp_send", 'd', 'p'},
    {TypeId::kTimestampTz, 1185, 'D', true, "timestamptz_in", "timestamptz_out", "timestamptz_recv",
     "timestamptz_send", 'd', 'p'},
    {TypeId::kInterval, 1187, 'T', true, "interval_in", "interval_out", "interval_recv",
     "interval_send", 'd', 'p'},
    {TypeId::kNumeric, 1231, 'N', false, "numeric_in", "numeric_out", "numeric_recv",
     "numeric_send", 'i', 'm'},
};

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

// ---- pg_type

std::vector<Value> TypeRow(uint32_t oid, std::string name, int16_t length, bool byval,
                           char category, bool preferred, uint32_t element, uint32_t array,
                           const char* input, const char* output, const char* receive,
                           const char* send, char align, char storage, uint32_t collation,
                           const char* subscript) {
  return {Oid(oid),
          Text(std::move(name)),
          Oid(kPgCatalogNamespace),
          Oid(kBootstrapSuperuser),
          Int2(length),
          Bool(byval),
          Text("b"),
          Text(std::string(1, category)),
          Bool(preferred),
          Bool(true),
          Text(","),
          Oid(0),
          Text(subscript),
          Oid(element),
          Oid(array),
          Text(input),
          Text(output),
          Text(receive),
          Text(send),
          Text("-"),
          Text("-"),
          Text("-"),
          Text(std::string(1, align)),
          Text(std::string(1, storage)),
          Bool(false),
          Oid(0),
          Int4(-1),
          Int4(0),
          Oid(collation),
          NullText(),
          NullText(),
          NullArray(TypeId::kTextArray)};  // typacl
}
SystemRows TypeRows(const SystemCatalogContext&) {
  SystemRows rows;
  for (const PgTypeInfo& t : kPgTypes) {
    const uint32_t collation = IsCollatable(t.id) ? kDefaultCollation : 0;
    const int16_t length = TypeLength(t.id);
    rows.push_back(TypeRow(TypeOid(t.id), std::string(TypeName(t.id)), length,
                           length > 0 && length <= 8, t.category, t.preferred, 0, t.array_oid,
                           t.input, t.output, t.receive, t.send, t.align, t.storage, collation,
                           "-"));
    rows.push_back(TypeRow(t.array_oid, "_" + std::string(TypeName(t.id)), -1, false, 'A', false,
                           TypeOid(t.id), 0, "array_in", "array_out", "array_recv", "array_send",
                           t.align == 'd' ? 'd' : 'i', 'x', collation, "array_subscript_handler"));
  }
  // The system catalogs' vectors (their own arrays, _int2vector and _oidvector, are not here).
  rows.push_back(TypeRow(22, "int2vector", -1, false, 'A', false, 21, 1006, "int2vectorin",
                         "int2vectorout", "int2vectorrecv", "int2vectorsend", 'i', 'p', 0,
                         "array_subscript_handler"));
  rows.push_back(TypeRow(30, "oidvector", -1, false, 'A', false, 26, 1013, "oidvectorin",
                         "oidvectorout", "oidvectorrecv", "oidvectorsend", 'i', 'p', 0,
                         "array_subscript_handler"));
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a[0].int_value() < b[0].int_value(); });
  return rows;
}

// ---- pg_class

std::vector<Value> ClassRow(uint32_t oid, const std::string& name, uint32_t ns, uint32_t am,
                            char kind, int natts, int checks, bool has_index) {
  const bool stored = kind == 'r' || kind == 'i';
  return {Oid(oid),
          Text(name),
          Oid(ns),
          Oid(0),
          Oid(0),
          Oid(kBootstrapSuperuser),
          Oid(am),
          Oid(stored ? oid : 0),
          Oid(0),
          Int4(0),
          Value::Float4(-1),
          Int4(0),
          Oid(0),
          Bool(has_index),
          Bool(false),
          Text("p"),
          Text(std::string(1, kind)),
          Int2(natts),
          Int2(checks),
          Bool(kind == 'v'),
          Bool(false),
          Bool(false),
          Bool(false),
          Bool(false),
          Bool(true),
          Text(kind == 'r' ? "d" : "n"),
          Bool(false),
          Oid(0),
          Oid(0),
          Oid(0),
          NullArray(TypeId::kTextArray),  // relacl
          NullArray(TypeId::kTextArray),  // reloptions
          NullText()};
}
SystemRows ClassRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const SystemRelation& r : SystemRelations()) {
    const bool info = std::string_view(r.schema) == "information_schema";
    rows.push_back(ClassRow(r.oid, r.name, info ? kInformationSchemaNamespace : kPgCatalogNamespace,
                            r.is_view ? 0 : kHeapAm, r.is_view ? 'v' : 'r',
                            static_cast<int>(r.columns.size()), 0, false));
  }
  for (const auto& table : context.tables) {
    const auto indexes = Indexes(*table);
    rows.push_back(ClassRow(table->oid(), table->name, kPublicNamespace,
                            table->is_view ? 0 : kHeapAm, table->is_view ? 'v' : 'r',
                            static_cast<int>(table->columns.size()),
                            static_cast<int>(table->checks.size()), !indexes.empty()));
    for (const IndexInfo& index : indexes) {
      rows.push_back(ClassRow(index.oid, index.name, kPublicNamespace, kBtreeAm, 'i',
                              static_cast<int>(index.columns.size()), 0, false));
    }
  }
  return rows;
}

// ---- pg_attribute, pg_attrdef

std::vector<Value> AttributeRow(uint32_t relid, const std::string& name, const Type& type,
                                int attnum, bool not_null, bool has_default, bool dropped) {
  const int16_t length = dropped ? -1 : TypeLength(type.id);
  return {Oid(relid),
          Text(dropped ? "........pg.dropped." + std::to_string(attnum) + "........" : name),
          Oid(dropped ? 0 : TypeOid(type.id)),
          Int4(-1),
          Int2(length),
          Int2(attnum),
          Int4(0),
          Int4(-1),
          Int4(type.typmod),
          Bool(length > 0 && length <= 8),
          Text("i"),
          Text(length == -1 ? "x" : "p"),
          Text(""),
          Bool(not_null),
          Bool(has_default),
          Bool(false),
          Text(""),
          Text(""),
          Bool(dropped),
          Bool(true),
          Int4(0),
          Oid(!dropped && IsCollatable(type.id) ? kDefaultCollation : 0),
          NullArray(TypeId::kTextArray),  // attacl
          NullArray(TypeId::kTextArray),  // attoptions
          NullArray(TypeId::kTextArray),  // attfdwoptions
          NullText()};
}
SystemRows AttributeRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const SystemRelation& r : SystemRelations()) {
    for (size_t i = 0; i < r.columns.size(); ++i) {
      rows.push_back(AttributeRow(r.oid, r.columns[i].name, r.columns[i].type,
                                  static_cast<int>(i + 1), false, false, false));
    }
  }
  for (const auto& table : context.tables) {
    for (size_t i = 0; i < table->columns.size(); ++i) {
      const ColumnInfo& c = table->columns[i];
      const bool in_key = std::find(table->primary_key.begin(), table->primary_key.end(),
                                    static_cast<int>(i)) != table->primary_key.end();
      rows.push_back(AttributeRow(table->oid(), c.name, c.type, static_cast<int>(i + 1),
                                  c.not_null || in_key, !c.default_sql.empty(), c.dropped));
    }
    for (const IndexInfo& index : Indexes(*table)) {
      for (size_t i = 0; i < index.columns.size(); ++i) {
        const ColumnInfo& c = table->columns[static_cast<size_t>(index.columns[i])];
        rows.push_back(
            AttributeRow(index.oid, c.name, c.type, static_cast<int>(i + 1), false, false, false));
      }
    }
  }
  return rows;
}
SystemRows AttrdefRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const auto& table : context.tables) {
    for (size_t i = 0; i < table->columns.size(); ++i) {
      const ColumnInfo& c = table->columns[i];
      if (c.dropped || c.default_sql.empty()) continue;
      rows.push_back({Oid(ConstraintOid(*table, 255) + 0x10000000u + static_cast<uint32_t>(i)),
                      Oid(table->oid()), Int2(static_cast<int>(i + 1)), Text(DeparseDefault(c))});
    }
  }
  return rows;
}

// ---- pg_index, pg_constraint

SystemRows IndexRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const auto& table : context.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      std::vector<Value> collations, classes, options;
      for (size_t k = 0; k < index.columns.size(); ++k) {
        const int c = index.columns[k];
        const bool text = IsCollatable(table->columns[static_cast<size_t>(c)].type.id);
        collations.push_back(Oid(text ? kDefaultCollation : 0));
        classes.push_back(Oid(0));
        // indoption: 1 DESC, 2 NULLS FIRST (DESC's default)
        const bool desc = k < index.descending.size() && index.descending[k];
        options.push_back(Int2(desc ? 3 : 0));
      }
      const int n = static_cast<int>(index.columns.size());
      rows.push_back({Oid(index.oid),
                      Oid(table->oid()),
                      Int2(n),
                      Int2(n),
                      Bool(index.unique),
                      Bool(false),
                      Bool(index.primary),
                      Bool(false),
                      Bool(true),
                      Bool(false),
                      Bool(true),
                      Bool(false),
                      Bool(true),
                      Bool(true),
                      Bool(false),
                      AttNumberArray(index.columns, TypeId::kInt2Vector),
                      Value::Array(TypeId::kOidVector, std::move(collations), 0),
                      Value::Array(TypeId::kOidVector, std::move(classes), 0),
                      Value::Array(TypeId::kInt2Vector, std::move(options), 0),
                      NullText(),
                      NullText()});
    }
  }
  return rows;
}
std::vector<Value> ConstraintRow(uint32_t oid, const std::string& name, char type, uint32_t relid,
                                 uint32_t index, const std::vector<int>& keys, Value bin) {
  return {Oid(oid),
          Text(name),
          Oid(kPublicNamespace),
          Text(std::string(1, type)),
          Bool(false),
          Bool(false),
          Bool(true),
          Oid(relid),
          Oid(0),
          Oid(index),
          Oid(0),
          Oid(0),
          Text(" "),
          Text(" "),
          Text(" "),
          Bool(true),
          Int4(0),
          Bool(false),
          keys.empty() ? NullArray(TypeId::kInt2Array) : AttNumberArray(keys, TypeId::kInt2Array),
          NullArray(TypeId::kInt2Array),
          NullArray(TypeId::kOidArray),
          NullArray(TypeId::kOidArray),
          NullArray(TypeId::kOidArray),
          NullArray(TypeId::kInt2Array),
          NullArray(TypeId::kOidArray),
          std::move(bin)};
}
SystemRows ConstraintRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const auto& table : context.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.constraint_oid == 0) continue;
      rows.push_back(ConstraintRow(index.constraint_oid, index.name, index.primary ? 'p' : 'u',
                                   table->oid(), index.oid, index.columns, NullText()));
    }
    for (size_t i = 0; i < table->checks.size() && i < 128; ++i) {
      rows.push_back(ConstraintRow(CheckOid(*table, i), table->checks[i].name, 'c', table->oid(), 0,
                                   {}, Text(table->checks[i].check_sql)));
    }
  }
  return rows;
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

std::vector<SystemRelation> BuildRelations() {
  const Type n = kName, c = kChar, t = kTextType, o = kOidType, b = kBoolType, i2 = kInt2Type,
             i4 = kInt4Type;
  // Array columns; "char"[] (stxkind) and aclitem[] (relacl ...) are text[], as "char" and
  // aclitem are text here.
  const Type i2v = Type::Of(TypeId::kInt2Vector), ov = Type::Of(TypeId::kOidVector),
             i2a = Type::Of(TypeId::kInt2Array), oa = Type::Of(TypeId::kOidArray),
             ta = Type::Of(TypeId::kTextArray);
  std::vector<SystemRelation> r = {
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
      {"pg_catalog",
       "pg_type",
       1247,
       false,
       {{"oid", o},          {"typname", n},      {"typnamespace", o},
        {"typowner", o},     {"typlen", i2},      {"typbyval", b},
        {"typtype", c},      {"typcategory", c},  {"typispreferred", b},
        {"typisdefined", b}, {"typdelim", c},     {"typrelid", o},
        {"typsubscript", t}, {"typelem", o},      {"typarray", o},
        {"typinput", t},     {"typoutput", t},    {"typreceive", t},
        {"typsend", t},      {"typmodin", t},     {"typmodout", t},
        {"typanalyze", t},   {"typalign", c},     {"typstorage", c},
        {"typnotnull", b},   {"typbasetype", o},  {"typtypmod", i4},
        {"typndims", i4},    {"typcollation", o}, {"typdefaultbin", t},
        {"typdefault", t},   {"typacl", ta}},
       TypeRows},
      {"pg_catalog",
       "pg_class",
       1259,
       false,
       {{"oid", o},
        {"relname", n},
        {"relnamespace", o},
        {"reltype", o},
        {"reloftype", o},
        {"relowner", o},
        {"relam", o},
        {"relfilenode", o},
        {"reltablespace", o},
        {"relpages", i4},
        {"reltuples", kFloat4Type},
        {"relallvisible", i4},
        {"reltoastrelid", o},
        {"relhasindex", b},
        {"relisshared", b},
        {"relpersistence", c},
        {"relkind", c},
        {"relnatts", i2},
        {"relchecks", i2},
        {"relhasrules", b},
        {"relhastriggers", b},
        {"relhassubclass", b},
        {"relrowsecurity", b},
        {"relforcerowsecurity", b},
        {"relispopulated", b},
        {"relreplident", c},
        {"relispartition", b},
        {"relrewrite", o},
        {"relfrozenxid", o},
        {"relminmxid", o},
        {"relacl", ta},
        {"reloptions", ta},
        {"relpartbound", t}},
       ClassRows},
      {"pg_catalog",
       "pg_attribute",
       1249,
       false,
       {{"attrelid", o},       {"attname", n},      {"atttypid", o},     {"attstattarget", i4},
        {"attlen", i2},        {"attnum", i2},      {"attndims", i4},    {"attcacheoff", i4},
        {"atttypmod", i4},     {"attbyval", b},     {"attalign", c},     {"attstorage", c},
        {"attcompression", c}, {"attnotnull", b},   {"atthasdef", b},    {"atthasmissing", b},
        {"attidentity", c},    {"attgenerated", c}, {"attisdropped", b}, {"attislocal", b},
        {"attinhcount", i4},   {"attcollation", o}, {"attacl", ta},      {"attoptions", ta},
        {"attfdwoptions", ta}, {"attmissingval", t}},
       AttributeRows},
      {"pg_catalog",
       "pg_attrdef",
       2604,
       false,
       {{"oid", o}, {"adrelid", o}, {"adnum", i2}, {"adbin", t}},
       AttrdefRows},
      {"pg_catalog",
       "pg_index",
       2610,
       false,
       {{"indexrelid", o},     {"indrelid", o},       {"indnatts", i2},
        {"indnkeyatts", i2},   {"indisunique", b},    {"indnullsnotdistinct", b},
        {"indisprimary", b},   {"indisexclusion", b}, {"indimmediate", b},
        {"indisclustered", b}, {"indisvalid", b},     {"indcheckxmin", b},
        {"indisready", b},     {"indislive", b},      {"indisreplident", b},
        {"indkey", i2v},       {"indcollation", ov},  {"indclass", ov},
        {"indoption", i2v},    {"indexprs", t},       {"indpred", t}},
       IndexRows},
      {"pg_catalog",
       "pg_constraint",
       2606,
       false,
       {{"oid", o},           {"conname", n},      {"connamespace", o},  {"contype", c},
        {"condeferrable", b}, {"condeferred", b},  {"convalidated", b},  {"conrelid", o},
        {"contypid", o},      {"conindid", o},     {"conparentid", o},   {"confrelid", o},
        {"confupdtype", c},   {"confdeltype", c},  {"confmatchtype", c}, {"conislocal", b},
        {"coninhcount", i4},  {"connoinherit", b}, {"conkey", i2a},      {"confkey", i2a},
        {"conpfeqop", oa},    {"conppeqop", oa},   {"conffeqop", oa},    {"confdelsetcols", i2a},
        {"conexclop", oa},    {"conbin", t}},
       ConstraintRows},
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
  for (SystemRelation& relation : InformationSchemaRelations()) r.push_back(std::move(relation));
  return r;
}

std::string ParseIdentifierPart(std::string_view part) {
  if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < part.size(); ++i) {
      out += part[i];
      if (part[i] == '"' && i + 2 < part.size() && part[i + 1] == '"') ++i;
    }
    return out;
  }
  std::string out(part);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return out;
}

}  // namespace

uint32_t IndexOid(const TableInfo& table, size_t k) {
  return 0x40000000u + (table.id << 8) + static_cast<uint32_t>(k & 0xff);
}
uint32_t ConstraintOid(const TableInfo& table, size_t k) {
  return 0x80000000u + (table.id << 8) + static_cast<uint32_t>(k & 0xff);
}

std::string DeparseDefault(const ColumnInfo& column) {
  auto parsed = ParseExpression(column.default_sql);
  if (!parsed.ok() || (*parsed)->kind != ast::ExprKind::kConstant) return column.default_sql;
  const auto& constant = (*parsed)->As<ast::ConstantExpr>();
  if (constant.constant_kind == ast::ConstantKind::kBoolean) {
    return constant.bool_value ? "true" : "false";
  }
  if (constant.constant_kind == ast::ConstantKind::kString) {
    // The constant was coerced to the column's type when the table was made; PostgreSQL
    // shows that coercion (bpchar by its internal name, as its deparser does).
    switch (column.type.id) {
      case TypeId::kText: return column.default_sql + "::text";
      case TypeId::kVarchar: return column.default_sql + "::character varying";
      case TypeId::kBpchar: return column.default_sql + "::bpchar";
      default: break;
    }
  }
  return column.default_sql;
}

const std::vector<SystemRelation>& SystemRelations() {
  static const std::vector<SystemRelation> relations = BuildRelations();
  return relations;
}

const SystemRelation* FindSystemRelation(std::string_view schema, std::string_view name) {
  if (schema.empty()) schema = "pg_catalog";
  for (const SystemRelation& r : SystemRelations()) {
    if (schema == r.schema && name == r.name) return &r;
  }
  return nullptr;
}

CatalogLookups::CatalogLookups(SystemCatalogContext context) : context_(std::move(context)) {}

std::optional<std::string> CatalogLookups::RelationName(uint32_t oid) const {
  for (const SystemRelation& r : SystemRelations()) {
    if (r.oid == oid) return std::string(r.name);
  }
  for (const auto& table : context_.tables) {
    if (table->oid() == oid) return table->name;
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.oid == oid) return index.name;
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> CatalogLookups::RelationOid(std::string_view name) const {
  std::string schema;
  const size_t dot = name.rfind('.');
  std::string relation =
      ParseIdentifierPart(name.substr(dot == std::string_view::npos ? 0 : dot + 1));
  if (dot != std::string_view::npos) schema = ParseIdentifierPart(name.substr(0, dot));
  if (schema.empty() || schema == "pg_catalog" || schema == "information_schema") {
    if (const SystemRelation* r = FindSystemRelation(schema, relation)) return r->oid;
    if (!schema.empty()) return std::nullopt;
  }
  if (!schema.empty() && schema != "public") return std::nullopt;
  for (const auto& table : context_.tables) {
    if (table->name == relation) return table->oid();
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.name == relation) return index.oid;
    }
  }
  return std::nullopt;
}

std::optional<std::string> CatalogLookups::RoleName(uint32_t oid) const {
  if (oid == kBootstrapSuperuser) return context_.user;
  if (oid == kDatabaseOwnerRole) return std::string("pg_database_owner");
  return std::nullopt;
}

std::optional<std::string> CatalogLookups::NamespaceName(uint32_t oid) const {
  if (oid == kPgCatalogNamespace) return std::string("pg_catalog");
  if (oid == kPublicNamespace) return std::string("public");
  if (oid == kInformationSchemaNamespace) return std::string("information_schema");
  return std::nullopt;
}

int CatalogLookups::IndexColumnCount(uint32_t oid) const {
  for (const auto& table : context_.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.oid == oid) return static_cast<int>(index.columns.size());
    }
  }
  return 0;
}

std::optional<std::string> CatalogLookups::IndexDef(uint32_t oid, int column) const {
  for (const auto& table : context_.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.oid != oid) continue;
      if (column > 0) {
        if (column > static_cast<int>(index.columns.size())) return std::nullopt;
        const int c = index.columns[static_cast<size_t>(column - 1)];
        return QuoteIdentifier(table->columns[static_cast<size_t>(c)].name);
      }
      std::string columns;
      for (size_t k = 0; k < index.columns.size(); ++k) {
        if (k > 0) columns += ", ";
        columns += QuoteIdentifier(table->columns[static_cast<size_t>(index.columns[k])].name);
        if (k < index.descending.size() && index.descending[k]) columns += " DESC";
      }
      return std::string(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
             QuoteIdentifier(index.name) + " ON " + QuoteIdentifier(table->name) +
             " USING btree (" + columns + ")";
    }
  }
  return std::nullopt;
}

std::optional<std::string> CatalogLookups::ConstraintDef(uint32_t oid) const {
  for (const auto& table : context_.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.constraint_oid == 0 || index.constraint_oid != oid) continue;
      return std::string(index.primary ? "PRIMARY KEY (" : "UNIQUE (") +
             ColumnList(*table, index.columns) + ")";
    }
    for (size_t i = 0; i < table->checks.size(); ++i) {
      if (CheckOid(*table, i) != oid) continue;
      const std::string& sql = table->checks[i].check_sql;
      return !sql.empty() && sql.front() == '(' && sql.back() == ')' ? "CHECK " + sql
                                                                     : "CHECK (" + sql + ")";
    }
  }
  return std::nullopt;
}

}  // namespace datacave::sql
