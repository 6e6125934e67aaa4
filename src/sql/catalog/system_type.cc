// pg_catalog's type relation: pg_type, with PostgreSQL 15's OIDs and I/O functions.

#include <algorithm>

#include "sql/catalog/system_relations.h"

namespace datacave::sql {
namespace {

using namespace system_rows;

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

}  // namespace

std::vector<SystemRelation> TypeRelations() {
  using namespace column_types;
  return {
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
  };
}

}  // namespace datacave::sql
