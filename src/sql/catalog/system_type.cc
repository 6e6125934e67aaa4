// pg_catalog's types and functions: pg_type, with PostgreSQL 15's OIDs and I/O functions, and
// pg_proc, PostgreSQL 15's rows for the functions Datacave has (types/procs.h).

#include <algorithm>

#include "sql/catalog/system_relations.h"
#include "sql/types/cast.h"
#include "sql/types/procs.h"

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
    {TypeId::kOid, 1028, 'N', true, "oidin", "oidout", "oidrecv", "oidsend", 'i', 'p'},
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
    {TypeId::kRegproc, 1008, 'N', false, "regprocin", "regprocout", "regprocrecv", "regprocsend",
     'i', 'p'},
    {TypeId::kRegprocedure, 2207, 'N', false, "regprocedurein", "regprocedureout",
     "regprocedurerecv", "regproceduresend", 'i', 'p'},
};

// ---- pg_type

// A regproc value naming the function `name` ("-": none).
Value Proc(const char* name) {
  auto oid = RegprocIn(name);
  return Value::OidOf(TypeId::kRegproc, oid.ok() ? *oid : 0);
}

// A pg_type row's functions: input, output, receive, send, typmodin, typmodout, typanalyze,
// typsubscript.
struct TypeFunctions {
  const char* input;
  const char* output;
  const char* receive;
  const char* send;
  const char* modin = "-";
  const char* modout = "-";
  const char* analyze = "-";
  const char* subscript = "-";
};

// The typmodin and typmodout of the types that take a modifier (their arrays share them).
void SetModifierFunctions(TypeId id, TypeFunctions* f) {
  switch (id) {
    case TypeId::kBpchar: f->modin = "bpchartypmodin", f->modout = "bpchartypmodout"; break;
    case TypeId::kVarchar: f->modin = "varchartypmodin", f->modout = "varchartypmodout"; break;
    case TypeId::kNumeric: f->modin = "numerictypmodin", f->modout = "numerictypmodout"; break;
    case TypeId::kTimestamp:
      f->modin = "timestamptypmodin", f->modout = "timestamptypmodout";
      break;
    case TypeId::kTimestampTz:
      f->modin = "timestamptztypmodin", f->modout = "timestamptztypmodout";
      break;
    case TypeId::kInterval: f->modin = "intervaltypmodin", f->modout = "intervaltypmodout"; break;
    default: break;
  }
}

std::vector<Value> TypeRow(uint32_t oid, std::string name, int16_t length, bool byval,
                           char category, bool preferred, uint32_t element, uint32_t array,
                           const TypeFunctions& f, char align, char storage, uint32_t collation) {
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
          Proc(f.subscript),
          Oid(element),
          Oid(array),
          Proc(f.input),
          Proc(f.output),
          Proc(f.receive),
          Proc(f.send),
          Proc(f.modin),
          Proc(f.modout),
          Proc(f.analyze),
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
    TypeFunctions scalar{t.input, t.output, t.receive, t.send};
    SetModifierFunctions(t.id, &scalar);
    rows.push_back(TypeRow(TypeOid(t.id), std::string(TypeName(t.id)), length,
                           length > 0 && length <= 8, t.category, t.preferred, 0, t.array_oid,
                           scalar, t.align, t.storage, collation));
    TypeFunctions array{"array_in", "array_out", "array_recv", "array_send"};
    SetModifierFunctions(t.id, &array);
    array.analyze = "array_typanalyze";
    array.subscript = "array_subscript_handler";
    rows.push_back(TypeRow(t.array_oid, "_" + std::string(TypeName(t.id)), -1, false, 'A', false,
                           TypeOid(t.id), 0, array, t.align == 'd' ? 'd' : 'i', 'x', collation));
  }
  // The system catalogs' vectors (their own arrays, _int2vector and _oidvector, are not here).
  TypeFunctions vector{"int2vectorin", "int2vectorout", "int2vectorrecv", "int2vectorsend"};
  vector.subscript = "array_subscript_handler";
  rows.push_back(TypeRow(22, "int2vector", -1, false, 'A', false, 21, 1006, vector, 'i', 'p', 0));
  vector = {"oidvectorin", "oidvectorout", "oidvectorrecv", "oidvectorsend"};
  vector.subscript = "array_subscript_handler";
  rows.push_back(TypeRow(30, "oidvector", -1, false, 'A', false, 26, 1013, vector, 'i', 'p', 0));
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a[0].int_value() < b[0].int_value(); });
  return rows;
}

// ---- pg_proc

// An array column's value from its text form ("{25,2276}"); NULL when empty.
Value ArrayOrNull(const std::string& text, TypeId type) {
  if (text.empty()) return NullArray(type);
  auto value = ParseText(Type::Of(type), text);
  return value.ok() ? std::move(value).value() : NullArray(type);
}

SystemRows ProcRows(const SystemCatalogContext&) {
  SystemRows rows;
  for (const ProcInfo& p : BuiltinProcs()) {
    std::vector<Value> args;
    for (uint32_t a : p.arg_types) args.push_back(Oid(a));
    const Value no_node = NullText();  // pg_node_tree: none here
    rows.push_back({Oid(p.oid),
                    Text(p.name),
                    Oid(kPgCatalogNamespace),
                    Oid(kBootstrapSuperuser),
                    Oid(p.language),
                    Value::Float4(p.cost),
                    Value::Float4(p.rows),
                    Oid(p.variadic),
                    Value::OidOf(TypeId::kRegproc, p.support),
                    Text(std::string(1, p.kind)),
                    Bool(false),
                    Bool(p.leakproof),
                    Bool(p.strict),
                    Bool(p.returns_set),
                    Text(std::string(1, p.volatility)),
                    Text(std::string(1, p.parallel)),
                    Int2(static_cast<int>(p.arg_types.size())),
                    Int2(0),
                    Oid(p.return_type),
                    Value::Array(TypeId::kOidVector, std::move(args), 0),
                    ArrayOrNull(p.all_arg_types, TypeId::kOidArray),
                    ArrayOrNull(p.arg_modes, TypeId::kTextArray),
                    ArrayOrNull(p.arg_names, TypeId::kTextArray),
                    no_node,
                    NullArray(TypeId::kOidArray),
                    Text(p.source),
                    NullText(),
                    no_node,
                    NullArray(TypeId::kTextArray),
                    NullArray(TypeId::kTextArray)});
  }
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
       {{"oid", o},           {"typname", n},      {"typnamespace", o},
        {"typowner", o},      {"typlen", i2},      {"typbyval", b},
        {"typtype", c},       {"typcategory", c},  {"typispreferred", b},
        {"typisdefined", b},  {"typdelim", c},     {"typrelid", o},
        {"typsubscript", rp}, {"typelem", o},      {"typarray", o},
        {"typinput", rp},     {"typoutput", rp},   {"typreceive", rp},
        {"typsend", rp},      {"typmodin", rp},    {"typmodout", rp},
        {"typanalyze", rp},   {"typalign", c},     {"typstorage", c},
        {"typnotnull", b},    {"typbasetype", o},  {"typtypmod", i4},
        {"typndims", i4},     {"typcollation", o}, {"typdefaultbin", t},
        {"typdefault", t},    {"typacl", ta}},
       TypeRows},
      {"pg_catalog",
       "pg_proc",
       1255,
       false,
       {{"oid", o},          {"proname", n},      {"pronamespace", o},
        {"proowner", o},     {"prolang", o},      {"procost", f4},
        {"prorows", f4},     {"provariadic", o},  {"prosupport", rp},
        {"prokind", c},      {"prosecdef", b},    {"proleakproof", b},
        {"proisstrict", b},  {"proretset", b},    {"provolatile", c},
        {"proparallel", c},  {"pronargs", i2},    {"pronargdefaults", i2},
        {"prorettype", o},   {"proargtypes", ov}, {"proallargtypes", oa},
        {"proargmodes", ta}, {"proargnames", ta}, {"proargdefaults", t},
        {"protrftypes", oa}, {"prosrc", t},       {"probin", t},
        {"prosqlbody", t},   {"proconfig", ta},   {"proacl", ta}},
       ProcRows},
  };
}

}  // namespace datacave::sql
