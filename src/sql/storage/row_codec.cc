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
  if (HoldsInteger(value.type())) {
    AppendKeyInt64(key, value.int_value());
    return Status::Ok();
  }
  switch (value.type()) {
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
    default: break;  // numeric, interval, arrays
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

namespace {

// One stored field. Values were validated and coerced to their column's type when they were
// written, so decoding trusts the type and checks only that the bytes have the right size
// (checksums guard the bytes themselves); the wire's ParseBinary does the full checks.
Status DecodeField(TypeId type, std::string_view field, Value* out) {
  auto fixed = [&](size_t size) {
    return field.size() == size ? Status::Ok() : Status::Corruption("bad row field size");
  };
  switch (type) {
    case TypeId::kBool:
      DC_RETURN_IF_ERROR(fixed(1));
      out->SetInteger(type, field[0] != 0);
      return Status::Ok();
    case TypeId::kInt2:
      DC_RETURN_IF_ERROR(fixed(2));
      out->SetInteger(type, static_cast<int16_t>(DecodeBigEndian16(field.data())));
      return Status::Ok();
    case TypeId::kInt4:
    case TypeId::kDate:
      DC_RETURN_IF_ERROR(fixed(4));
      out->SetInteger(type, static_cast<int32_t>(DecodeBigEndian32(field.data())));
      return Status::Ok();
    case TypeId::kOid:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
      DC_RETURN_IF_ERROR(fixed(4));
      out->SetInteger(type, DecodeBigEndian32(field.data()));
      return Status::Ok();
    case TypeId::kInt8:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      DC_RETURN_IF_ERROR(fixed(8));
      out->SetInteger(type, static_cast<int64_t>(DecodeBigEndian64(field.data())));
      return Status::Ok();
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kBytea:
      if (out->type() == type && !out->is_null()) {
        // Reuses the string's memory from the row this slot held before.
        out->mutable_string_value().assign(field);
      } else {
        *out = Value::String(type, std::string(field));
      }
      return Status::Ok();
    default: {
      auto value = ParseBinary(Type::Of(type), field);
      if (!value.ok()) return Status::Corruption("bad row field: " + value.status().message());
      *out = std::move(value).value();
      return Status::Ok();
    }
  }
}

}  // namespace

Status DecodeRow(std::string_view bytes, const std::vector<Type>& types, std::vector<Value>* row) {
  static const std::vector<bool> kAll;
  return DecodeRow(bytes, types, kAll, row);
}

Status DecodeRow(std::string_view bytes, const std::vector<Type>& types,
                 const std::vector<bool>& read, std::vector<Value>* row) {
  row->resize(types.size());
  for (size_t i = 0; i < types.size(); ++i) {
    Value& slot = (*row)[i];
    const TypeId type = types[i].id;
    auto set_null = [&] {
      if (!slot.is_null() || slot.type() != type) slot = Value::Null(type);
    };
    // An empty rest: columns added by ALTER TABLE after the row was written read as NULL.
    if (bytes.empty() || bytes[0] == 0) {
      if (!bytes.empty()) bytes.remove_prefix(1);
      set_null();
      continue;
    }
    bytes.remove_prefix(1);
    std::string_view field;
    if (!GetLengthPrefixed(&bytes, &field)) return Status::Corruption("truncated row");
    if (!read.empty() && !read[i]) {
      set_null();
      continue;
    }
    DC_RETURN_IF_ERROR(DecodeField(type, field, &slot));
  }
  return Status::Ok();
}

}  // namespace datacave::sql
