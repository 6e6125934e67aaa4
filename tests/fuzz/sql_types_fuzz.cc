// Feeds arbitrary bytes to every type's text input function and binary decoder, as a
// client's literals and Bind parameters may be. Each must return a value or an error with a
// SQLSTATE, never crash; whatever parses must print, and what prints must parse back to an
// equal value (text), or encode to the same bytes (binary, for canonical encodings).

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/types/binary.h"
#include "sql/types/cast.h"

using namespace datacave::sql;

namespace {

const Type kTypes[] = {
    Type::Of(TypeId::kBool),
    Type::Of(TypeId::kInt2),
    Type::Of(TypeId::kInt4),
    Type::Of(TypeId::kInt8),
    Type::Of(TypeId::kOid),
    Type::Of(TypeId::kFloat4),
    Type::Of(TypeId::kFloat8),
    Type::Of(TypeId::kNumeric),
    Type::Numeric(5, 2),
    Type::Of(TypeId::kText),
    Type::Varchar(4),
    Type::Bpchar(3),
    Type::Of(TypeId::kBytea),
    Type::Of(TypeId::kDate),
    Type::Of(TypeId::kTimestamp),
    Type::Of(TypeId::kTimestampTz),
    Type{TypeId::kTimestamp, 2},
    Type::Of(TypeId::kInterval),
};

void CheckError(const datacave::Status& s) {
  if (s.sqlstate().size() != 5) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Type& type = kTypes[data[0] % (sizeof(kTypes) / sizeof(kTypes[0]))];
  bool binary = (data[0] / 32) % 2 == 1;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!binary) {
    auto v = ParseText(type, input);
    if (!v.ok()) return CheckError(v.status()), 0;
    std::string text = ToText(*v);
    auto back = ParseText(type, text);
    if (!back.ok() || !(*back == *v) || ToText(*back) != text) std::abort();
    return 0;
  }
  auto v = ParseBinary(type, input);
  if (!v.ok()) return CheckError(v.status()), 0;
  std::string bytes;
  AppendBinary(*v, &bytes);
  auto back = ParseBinary(type, bytes);
  if (!back.ok() || !(*back == *v)) std::abort();
  std::string again;
  AppendBinary(*back, &again);
  if (again != bytes) std::abort();
  return 0;
}
