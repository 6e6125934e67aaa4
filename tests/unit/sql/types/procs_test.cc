// The built-in function table and the regproc and regprocedure types, checked against
// PostgreSQL 15 (each table says which query produced its expected column).

#include "sql/types/procs.h"

#include <gtest/gtest.h>

#include <set>

#include "sql/types/binary.h"
#include "unit/sql/types/test_util.h"

namespace datacave::sql {

extern const std::string_view kPgProcRows;

namespace {

using testing::In;

TEST(ProcsTest, EveryRowParsesWithAUniqueOid) {
  size_t lines = 0;
  for (size_t start = 0; start < kPgProcRows.size();) {
    size_t end = kPgProcRows.find('\n', start);
    if (end == std::string_view::npos) end = kPgProcRows.size();
    if (end > start) ++lines;
    start = end + 1;
  }
  const auto& procs = BuiltinProcs();
  ASSERT_EQ(procs.size(), lines) << "a row of procs_data.cc does not have 21 fields";
  std::set<uint32_t> oids;
  for (const ProcInfo& p : procs) {
    EXPECT_TRUE(oids.insert(p.oid).second) << p.oid;
    EXPECT_FALSE(p.name.empty()) << p.oid;
    EXPECT_NE(p.return_type, 0u) << p.name;
    EXPECT_TRUE(p.regprocedure.starts_with(p.regproc.substr(p.regproc.rfind('.') + 1)) ||
                p.regproc.starts_with("pg_catalog."))
        << p.regprocedure;
    EXPECT_EQ(FindProc(p.oid), &p);
  }
  EXPECT_EQ(FindProc(1), nullptr);
  // select proname, prokind, prorettype, proargtypes, proretset from pg_proc where oid = 750
  const ProcInfo* array_in = FindProc(750);
  ASSERT_NE(array_in, nullptr);
  EXPECT_EQ(array_in->name, "array_in");
  EXPECT_EQ(array_in->return_type, 2277u);
  EXPECT_EQ(array_in->arg_types, (std::vector<uint32_t>{2275, 26, 23}));
  EXPECT_EQ(array_in->kind, 'f');
  EXPECT_FALSE(array_in->returns_set);
  // generate_series(int4, int4): a set-returning function with 1000 rows and a support
  // function.
  const ProcInfo* series = FindProc(1067);
  ASSERT_NE(series, nullptr);
  EXPECT_TRUE(series->returns_set);
  EXPECT_EQ(series->rows, 1000.0f);
  EXPECT_EQ(series->support, 3994u);
  EXPECT_NE(FindProc(series->support), nullptr);
}

TEST(ProcsTest, RegprocReadsAndPrintsNames) {
  const Type regproc = Type::Of(TypeId::kRegproc);
  // select 'x'::regproc, each on its own.
  const struct {
    std::string_view input, expected;
  } cases[] = {
      {"array_in", "array_in"},
      {"pg_catalog.array_in", "array_in"},
      {"ARRAY_IN", "array_in"},
      {" \"int4in\" ", "int4in"},
      {"-", "-"},
      {"0", "-"},
      {"42", "int4in"},
      {"99999", "99999"},
      {"abs", "ERROR 42725: more than one function named \"abs\""},
      {"length", "ERROR 42725: more than one function named \"length\""},
      {"nosuch", "ERROR 42883: function \"nosuch\" does not exist"},
      {"\"ARRAY_IN\"", "ERROR 42883: function \"\"ARRAY_IN\"\" does not exist"},
      {"pg_catalog.nosuch", "ERROR 42883: function \"pg_catalog.nosuch\" does not exist"},
      {"public.array_in", "ERROR 42883: function \"public.array_in\" does not exist"},
      {"foo.bar", "ERROR 3F000: schema \"foo\" does not exist"},
      {"a.b.c.d", "ERROR 42601: improper qualified name (too many dotted names): a.b.c.d"},
  };
  for (const auto& c : cases) EXPECT_EQ(In(regproc, c.input), c.expected) << c.input;
  // select 1397::regproc, 745::regproc, 849::regproc: a name PostgreSQL overloads is
  // qualified, a keyword quoted.
  EXPECT_EQ(RegprocOut(1397), "pg_catalog.abs");
  EXPECT_EQ(RegprocOut(745), "\"current_user\"");
  EXPECT_EQ(RegprocOut(849), "pg_catalog.\"position\"");
  EXPECT_EQ(*RegprocIn("\"current_user\""), 745u);
}

TEST(ProcsTest, RegprocedureReadsAndPrintsSignatures) {
  const Type regprocedure = Type::Of(TypeId::kRegprocedure);
  // select 'x'::regprocedure, each on its own.
  const struct {
    std::string_view input, expected;
  } cases[] = {
      {"array_in(cstring, oid, int4)", "array_in(cstring,oid,integer)"},
      {"abs(integer)", "abs(integer)"},
      {"pg_catalog.array_out(anyarray)", "array_out(anyarray)"},
      {"concat(\"any\")", "concat(\"any\")"},
      {"now()", "now()"},
      {"left(text, integer)", "\"left\"(text,integer)"},
      {"1397", "abs(integer)"},
      {"array_in", "ERROR 22P02: expected a left parenthesis"},
      {"abs(foo)", "ERROR 42704: type \"foo\" does not exist"},
      {"abs(text)", "ERROR 42883: function \"abs(text)\" does not exist"},
      {"nosuch(int4)", "ERROR 42883: function \"nosuch(int4)\" does not exist"},
  };
  for (const auto& c : cases) EXPECT_EQ(In(regprocedure, c.input), c.expected) << c.input;
}

TEST(ProcsTest, RegprocIsAnOid) {
  // pg_cast: oid <-> regproc and int4 -> regproc implicit; regproc -> int4 in assignment;
  // text -> regproc only explicitly (I/O conversion).
  EXPECT_TRUE(CanCast(TypeId::kRegproc, TypeId::kOid, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kOid, TypeId::kRegproc, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kInt4, TypeId::kRegprocedure, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kRegproc, TypeId::kInt4, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kRegproc, TypeId::kInt4, CastContext::kAssignment));
  EXPECT_FALSE(CanCast(TypeId::kText, TypeId::kRegproc, CastContext::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kText, TypeId::kRegproc, CastContext::kExplicit));
  EXPECT_TRUE(CanCast(TypeId::kRegproc, TypeId::kText, CastContext::kAssignment));

  const Value v = Value::OidOf(TypeId::kRegproc, 750);
  auto as_oid = Cast(v, Type::Of(TypeId::kOid), CastContext::kImplicit);
  ASSERT_TRUE(as_oid.ok());
  EXPECT_EQ(as_oid->type(), TypeId::kOid);
  EXPECT_EQ(as_oid->int_value(), 750);
  auto as_text = Cast(v, Type::Of(TypeId::kText), CastContext::kExplicit);
  ASSERT_TRUE(as_text.ok());
  EXPECT_EQ(as_text->string_value(), "array_in");
  // regprocsend: the OID as 4 bytes.
  std::string bytes;
  AppendBinary(v, &bytes);
  EXPECT_EQ(bytes, std::string("\0\0\x02\xee", 4));
  auto back = ParseBinary(Type::Of(TypeId::kRegproc), bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(Value::Compare(*back, v), 0);
  EXPECT_EQ(TypeOid(TypeId::kRegproc), 24u);
  EXPECT_EQ(TypeOid(TypeId::kRegprocedure), 2202u);
  EXPECT_FALSE(IsArrayType(TypeId::kRegproc));
  EXPECT_EQ(ArrayTypeOf(TypeId::kRegproc), TypeId::kUnknown);
}

}  // namespace
}  // namespace datacave::sql
