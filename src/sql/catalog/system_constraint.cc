// pg_catalog's indexes and constraints: pg_index, pg_constraint.

#include "sql/catalog/system_relations.h"

namespace datacave::sql {
namespace {

using namespace system_rows;

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

}  // namespace

std::vector<SystemRelation> ConstraintRelations() {
  using namespace column_types;
  return {
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
  };
}

}  // namespace datacave::sql
