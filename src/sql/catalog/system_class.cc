// pg_catalog's relations and columns: pg_class, pg_attribute, pg_attrdef.

#include <algorithm>

#include "sql/catalog/system_relations.h"

namespace datacave::sql {
namespace {

using namespace system_rows;

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

}  // namespace

std::vector<SystemRelation> ClassRelations() {
  using namespace column_types;
  return {
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
  };
}

}  // namespace datacave::sql
