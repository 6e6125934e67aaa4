// Arrays' text input and output (array_in / array_out, int2vector, oidvector), checked
// against PostgreSQL 15: each expected string is psql -A's output of `select 'input'::type`.

#include "sql/types/array.h"

#include <gtest/gtest.h>

#include "sql/types/binary.h"
#include "sql/types/cast.h"
#include "unit/sql/types/test_util.h"

namespace datacave::sql {
namespace {

using testing::Show;

Type ArrayOf(std::string_view element, std::initializer_list<int64_t> mods = {}) {
  std::vector<int64_t> m(mods);
  return LookupType(element, m, /*is_array=*/true).value();
}

struct Case {
  Type type;
  std::string_view input;
  std::string_view expected;
};

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(Show(ParseText(c.type, c.input)), c.expected)
        << FormatType(c.type) << " '" << c.input << "'";
  }
}

TEST(ArrayTextTest, ReadsAndPrintsOneDimension) {
  const Type ints = ArrayOf("int4"), texts = ArrayOf("text");
  Check({
      {ints, "{1,2,3}", "{1,2,3}"},
      {ints, " { 1 , NULL , -3 } ", "{1,NULL,-3}"},
      {ints, "{}", "{}"},
      {ints, "  {}  ", "{}"},
      {ints, "[0:2]={1,2,3}", "[0:2]={1,2,3}"},
      {ints, "[1:1]={7}", "{7}"},
      {texts, "[2:3]={a,b}", "[2:3]={a,b}"},
      {ArrayOf("numeric"), "{1.50,2}", "{1.50,2}"},
      {ArrayOf("bool"), "{t,false}", "{t,f}"},
      {ArrayOf("date"), "{2024-01-02}", "{2024-01-02}"},
      {ArrayOf("interval"), "{\"1 day\"}", "{\"1 day\"}"},
  });
}

TEST(ArrayTextTest, QuotesWhatNeedsQuoting) {
  const Type texts = ArrayOf("text");
  Check({
      {texts, R"({a,"b c",NULL,"NULL","","x\\y","q\""})",
       R"({a,"b c",NULL,"NULL","","x\\y","q\""})"},
      {texts, "{ a b , c }", R"({"a b",c})"},
      {texts, R"({a\ ,b})", R"({"a ",b})"},
      {texts, R"({"{","}",","})", R"({"{","}",","})"},
      {texts, R"({null,Null,"null"})", R"({NULL,NULL,"null"})"},
      {ArrayOf("bytea"), R"({"\\x01"})", R"({"\\x01"})"},
  });
}

TEST(ArrayTextTest, MalformedInput) {
  const Type ints = ArrayOf("int4"), texts = ArrayOf("text");
  const std::string kMalformed = "ERROR 22P02: malformed array literal: ";
  Check({
      {ints, "{1,2", kMalformed + "\"{1,2\" DETAIL: Unexpected end of input."},
      {ints, "1,2",
       kMalformed + "\"1,2\" DETAIL: Array value must start with \"{\" or dimension information."},
      {ints, "{1,,2}", kMalformed + "\"{1,,2}\" DETAIL: Unexpected \",\" character."},
      {ints, "{1,2} x", kMalformed + "\"{1,2} x\" DETAIL: Junk after closing right brace."},
      {ints, "{1,2}}", kMalformed + "\"{1,2}}\" DETAIL: Junk after closing right brace."},
      {ints, "[0:5]={1,2}",
       kMalformed +
           "\"[0:5]={1,2}\" DETAIL: Specified array dimensions do not match array contents."},
      {texts, "{\"a}", kMalformed + "\"{\"a}\" DETAIL: Unexpected end of input."},
      {texts, "{a\"b}", kMalformed + "\"{a\"b}\" DETAIL: Unexpected array element."},
      {ints, "{1,x}", "ERROR 22P02: invalid input syntax for type integer: \"x\""},
      // Datacave's arrays have one dimension (PostgreSQL reads this one).
      {ints, "{{1,2},{3,4}}", "ERROR 0A000: multidimensional arrays are not supported"},
  });
}

TEST(ArrayTextTest, Vectors) {
  const Type int2vector = LookupType("int2vector", {}).value();
  const Type oidvector = LookupType("oidvector", {}).value();
  Check({
      {int2vector, "1 2 3", "1 2 3"},
      {oidvector, " 4  5 ", "4 5"},
      {int2vector, "", ""},
      {int2vector, "1 x", "ERROR 22P02: invalid input syntax for type smallint: \"x\""},
  });
  // Their subscripts start at 0.
  Value v = ParseText(int2vector, "1 2").value();
  EXPECT_EQ(v.array_value().lower_bound, 0);
  EXPECT_EQ(v.array_value().elements.size(), 2u);
}

TEST(ArrayTextTest, PrintsWhatItReads) {
  // Output then input gives the same array back, for awkward text elements too.
  const Type texts = ArrayOf("text");
  std::vector<Value> elements = {
      Value::Text(""),       Value::Text("NULL"), Value::Null(TypeId::kText),
      Value::Text("a\"b\\"), Value::Text(" x "),  Value::Text("{,}")};
  const Value array = Value::Array(texts.id, elements, 3);
  const std::string text = ToText(array);
  EXPECT_EQ(text, R"([3:8]={"","NULL",NULL,"a\"b\\"," x ","{,}"})");
  Value back = ParseText(texts, text).value();
  EXPECT_EQ(Value::Compare(back, array), 0);
  EXPECT_EQ(back.array_value().lower_bound, 3);
}

TEST(ArrayBinaryTest, SendThenReceiveGivesTheSameArray) {
  for (const auto& [type, text] : std::vector<std::pair<Type, std::string>>{
           {ArrayOf("int4"), "{1,NULL,-3}"},
           {ArrayOf("text"), R"({"a b","",NULL})"},
           {ArrayOf("int8"), "{}"},
           {ArrayOf("numeric"), "[0:1]={1.50,2}"},
           {LookupType("int2vector", {}).value(), "1 2"},
       }) {
    const Value v = ParseText(type, text).value();
    std::string bytes;
    AppendBinary(v, &bytes);
    auto back = ParseBinary(type, bytes);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status().ToString();
    EXPECT_EQ(ToText(*back), ToText(v)) << text;
  }
  // array_send of '{7}'::int4[]: 1 dimension, no NULLs, element type 23, length 1 from 1.
  std::string bytes;
  AppendBinary(ParseText(ArrayOf("int4"), "{7}").value(), &bytes);
  EXPECT_EQ(bytes, std::string("\0\0\0\1\0\0\0\0\0\0\0\x17\0\0\0\1\0\0\0\1\0\0\0\4\0\0\0\7", 28));
  EXPECT_EQ(Show(ParseBinary(ArrayOf("int8"), bytes)),
            "ERROR 42804: binary data has array element type 23 instead of expected 20");
  EXPECT_EQ(Show(ParseBinary(ArrayOf("int4"), bytes.substr(0, 20))),
            "ERROR 08P01: insufficient data left in message");
}

TEST(ArrayTypeTest, NamesAndOids) {
  EXPECT_EQ(FormatType(ArrayOf("int4")), "integer[]");
  EXPECT_EQ(FormatType(ArrayOf("varchar", {10})), "character varying(10)[]");
  EXPECT_EQ(TypeName(ArrayOf("int2").id), "_int2");
  EXPECT_EQ(TypeOid(ArrayOf("int2").id), 1005u);
  EXPECT_EQ(TypeOid(ArrayOf("text").id), 1009u);
  EXPECT_EQ(TypeOid(ArrayOf("oid").id), 1028u);
  EXPECT_EQ(TypeOid(TypeId::kInt2Vector), 22u);
  EXPECT_EQ(TypeOid(TypeId::kOidVector), 30u);
  EXPECT_EQ(ArrayElementType(TypeId::kInt2Vector), TypeId::kInt2);
  EXPECT_EQ(ArrayTypeOf(TypeId::kTimestampTz), TypeId::kTimestampTzArray);
  EXPECT_EQ(ArrayTypeOf(TypeId::kInt4Array), TypeId::kUnknown);
  EXPECT_EQ(LookupType("_int4", {}).value().id, TypeId::kInt4Array);
}

}  // namespace
}  // namespace datacave::sql
