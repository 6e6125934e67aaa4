#include "sql/storage/row_codec.h"

#include "core/coding.h"
#include "core/key_encoding.h"
#include "sql/types/binary.h"

namespace datacave::sql {
namespace {
std::string PrefixedId(char prefix, uint32_t table_id) {
  std::string key(1, prefix);
  PutBigEndian32(&key, table_id);
  return key;
}
}  // namespace

std::string TableDefinitionKey(uint32_t table_id) {
  return PrefixedId(kTableDefinitionPrefix, table_id);
}

std::string RowKeyPrefix(uint32_t table_id) {
  return PrefixedId(kRowPrefix, table_id);
}

std::string RowKeyEnd(uint32_t table_id) {
  // Table ids stay below 2^31, so id + 1 never wraps.
  return PrefixedId(kRowPrefix, table_id + 1);
}

std::string UniqueKeyPrefix(uint32_t table_id, uint16_t constraint_number) {
  std::string key = PrefixedId(kUniquePrefix, table_id);
  key.push_back(static_cast<char>(constraint_number >> 8));
  key.push_back(static_cast<char>(constraint_number & 0xff));
  return key;
}

std::string UniqueKeysBegin(uint32_t table_id) {
  return PrefixedId(kUniquePrefix, table_id);
}

std::string UniqueKeysEnd(uint32_t table_id) {
  return PrefixedId(kUniquePrefix, table_id + 1);
}

Status AppendKeyColumn(const Value& value, std::string* key) {
  if (value.is_null()) {
    AppendKeyNull(key);
    return Status::Ok();
  }
  switch (value.type()) {
    case TypeId::kBool:
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: AppendKeyInt64(key, value.int_value()); return Status::Ok();
    case TypeId::kFloat4:
    case TypeId::kFloat8: AppendKeyDouble(key, value.float_value()); return Status::Ok();
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kUnknown:
    case TypeId::kBytea: AppendKeyText(key, value.string_value()); return Status::Ok();
    case TypeId::kBpchar: {
      // char(n) compares without its trailing blanks.
      std::string_view s = value.string_value();
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      AppendKeyText(key, s);
      return Status::Ok();
    }
    default: break;
  }
  return Status::NotSupported(std::string("primary keys of type ") +
                              std::string(TypeName(value.type())) + " are not supported");
}

void EncodeRow(const std::vector<Value>& row, std::string* out) {
  std::string scratch;
  for (const Value& value : row) {
    if (value.is_null()) {
      out->push_back(0);
      continue;
    }
    out->push_back(1);
    scratch.clear();
    AppendBinary(value, &scratch);
    PutLengthPrefixed(out, scratch);
  }
}

Status DecodeRow(std::string_view bytes, const std::vector<Type>& types, std::vector<Value>* row) {
  row->clear();
  row->reserve(types.size());
  for (const Type& type : types) {
    if (bytes.empty()) {
      // Columns added by ALTER TABLE after the row was written read as NULL.
      row->push_back(Value::Null(type.id));
      continue;
    }
    const char present = bytes[0];
    bytes.remove_prefix(1);
    if (present == 0) {
      row->push_back(Value::Null(type.id));
      continue;
    }
    std::string_view field;
    if (!GetLengthPrefixed(&bytes, &field)) return Status::Corruption("truncated row");
    auto value = ParseBinary(Type::Of(type.id), field);
    if (!value.ok()) return Status::Corruption("bad row field: " + value.status().message());
    row->push_back(std::move(value).value());
  }
  return Status::Ok();
}

}  // namespace datacave::sql
