#pragma once

// What the files defining pg_catalog's relations share. Each family of relations is one
// file returning its relations (name, OID, columns, row function): system_other.cc (the
// server's objects, pg_tables, pg_views, relations without rows), system_type.cc (pg_type,
// pg_proc),
// system_class.cc (pg_class, pg_attribute, pg_attrdef), system_constraint.cc (pg_index,
// pg_constraint), information_schema.cc; system_catalog.cc puts them together in that order
// (pg_class lists them so) and answers lookups by OID.
//
// Thread safety: constants and pure functions.

#include <cstdint>
#include <string>
#include <vector>

#include "sql/catalog/system_catalog.h"

namespace datacave::sql {

using SystemRows = std::vector<std::vector<Value>>;

std::vector<SystemRelation> ServerRelations();
std::vector<SystemRelation> TypeRelations();
std::vector<SystemRelation> ClassRelations();
std::vector<SystemRelation> ConstraintRelations();
std::vector<SystemRelation> ViewAndEmptyRelations();
std::vector<SystemRelation> InformationSchemaRelations();

// Helpers for building rows.
namespace system_rows {

// Column types: PostgreSQL's name and "char" are shown as text (see system_catalog.h).
inline const Type kName = Type::Of(TypeId::kText);
inline const Type kChar = Type::Of(TypeId::kText);
inline const Type kTextType = Type::Of(TypeId::kText);
inline const Type kOidType = Type::Of(TypeId::kOid);
inline const Type kBoolType = Type::Of(TypeId::kBool);
inline const Type kInt2Type = Type::Of(TypeId::kInt2);
inline const Type kInt4Type = Type::Of(TypeId::kInt4);
inline const Type kFloat4Type = Type::Of(TypeId::kFloat4);
inline const Type kTimestampTzType = Type::Of(TypeId::kTimestampTz);

inline Value Text(std::string s) {
  return Value::Text(std::move(s));
}
inline Value Oid(uint32_t oid) {
  return Value::Oid(oid);
}
inline Value Bool(bool b) {
  return Value::Bool(b);
}
inline Value Int2(int v) {
  return Value::Int2(static_cast<int16_t>(v));
}
inline Value Int4(int v) {
  return Value::Int4(v);
}
inline Value NullText() {
  return Value::Null(TypeId::kText);
}
inline Value NullArray(TypeId type) {
  return Value::Null(type);
}
// int2vector of 1-based attribute numbers from 0-based columns (indkey), or int2[] (conkey).
inline Value AttNumberArray(const std::vector<int>& columns, TypeId type) {
  std::vector<Value> elements;
  for (int c : columns) elements.push_back(Value::Int2(static_cast<int16_t>(c + 1)));
  return Value::Array(type, std::move(elements), type == TypeId::kInt2Vector ? 0 : 1);
}

constexpr uint32_t kHeapAm = 2;
constexpr uint32_t kBtreeAm = 403;
constexpr uint32_t kDefaultCollation = 100;

inline bool IsCollatable(TypeId id) {
  return IsStringType(id) && id != TypeId::kUnknown;
}

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
std::vector<IndexInfo> Indexes(const TableInfo& table);
// The OID of a table's i-th CHECK constraint.
uint32_t CheckOid(const TableInfo& table, size_t i);

}  // namespace system_rows

// Short names for column types in the relations' column lists.
namespace column_types {
inline const Type n = system_rows::kName, c = system_rows::kChar, t = system_rows::kTextType,
                  o = system_rows::kOidType, b = system_rows::kBoolType,
                  i2 = system_rows::kInt2Type, i4 = system_rows::kInt4Type,
                  f4 = system_rows::kFloat4Type, rp = Type::Of(TypeId::kRegproc);
// Array columns; "char"[] (stxkind) and aclitem[] (relacl ...) are text[], as "char" and
// aclitem are text here.
inline const Type i2v = Type::Of(TypeId::kInt2Vector), ov = Type::Of(TypeId::kOidVector),
                  i2a = Type::Of(TypeId::kInt2Array), oa = Type::Of(TypeId::kOidArray),
                  ta = Type::Of(TypeId::kTextArray);
}  // namespace column_types

}  // namespace datacave::sql
