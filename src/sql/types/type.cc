#include "sql/types/type.h"

#include <array>

namespace datacave::sql {
namespace {

struct TypeInfo {
  uint32_t oid;
  int16_t length;
  std::string_view name;         // pg_type.typname
  std::string_view format_name;  // format_type's name, before any modifier
};

constexpr std::array<TypeInfo, kNumTypeIds> kTypes = {{
    {705, -2, "unknown", "unknown"},
    {16, 1, "bool", "boolean"},
    {21, 2, "int2", "smallint"},
    {23, 4, "int4", "integer"},
    {20, 8, "int8", "bigint"},
    {700, 4, "float4", "real"},
    {701, 8, "float8", "double precision"},
    {1700, -1, "numeric", "numeric"},
    {25, -1, "text", "text"},
    {1043, -1, "varchar", "character varying"},
    {1042, -1, "bpchar", "character"},
    {17, -1, "bytea", "bytea"},
    {1082, 4, "date", "date"},
    {1114, 8, "timestamp", "timestamp"},
    {1184, 8, "timestamptz", "timestamp"},
    {1186, 16, "interval", "interval"},
    {26, 4, "oid", "oid"},
    {1000, -1, "_bool", "boolean[]"},
    {1005, -1, "_int2", "smallint[]"},
    {1007, -1, "_int4", "integer[]"},
    {1016, -1, "_int8", "bigint[]"},
    {1021, -1, "_float4", "real[]"},
    {1022, -1, "_float8", "double precision[]"},
    {1231, -1, "_numeric", "numeric[]"},
    {1009, -1, "_text", "text[]"},
    {1015, -1, "_varchar", "character varying[]"},
    {1014, -1, "_bpchar", "character[]"},
    {1001, -1, "_bytea", "bytea[]"},
    {1182, -1, "_date", "date[]"},
    {1115, -1, "_timestamp", "timestamp without time zone[]"},
    {1185, -1, "_timestamptz", "timestamp with time zone[]"},
    {1187, -1, "_interval", "interval[]"},
    {1028, -1, "_oid", "oid[]"},
    {22, -1, "int2vector", "int2vector"},
    {30, -1, "oidvector", "oidvector"},
    {24, 4, "regproc", "regproc"},
    {2202, 4, "regprocedure", "regprocedure"},
}};

constexpr int kFirstArray = static_cast<int>(TypeId::kBoolArray);
constexpr int kFirstElement = static_cast<int>(TypeId::kBool);
constexpr int kLastElement = static_cast<int>(TypeId::kOid);

const TypeInfo& Info(TypeId id) {
  return kTypes[static_cast<size_t>(id)];
}

// interval(p) is encoded with PostgreSQL's "full range" field mask in the high half.
constexpr int32_t kIntervalFullRange = 0x7fff;

Status NotAllowed(std::string_view name) {
  return Status::Sql(StatusCode::kInvalidArgument, "42601",
                     "type modifier is not allowed for type \"" + std::string(name) + "\"");
}

Status BadModifier(std::string msg) {
  return Status::Sql(StatusCode::kInvalidArgument, "22023", std::move(msg));
}

Result<Type> CharType(TypeId id, std::string_view name, std::span<const int64_t> mods,
                      int32_t default_length) {
  if (mods.empty()) {
    return default_length < 0 ? Type::Of(id) : Type{id, default_length + kVarHdrSz};
  }
  if (mods.size() > 1) return BadModifier("invalid type modifier");
  std::string pg_name = id == TypeId::kVarchar ? "varchar" : "char";
  if (mods[0] < 1) return BadModifier("length for type " + pg_name + " must be at least 1");
  if (mods[0] > kMaxCharLength) {
    return BadModifier("length for type " + pg_name + " cannot exceed " +
                       std::to_string(kMaxCharLength));
  }
  (void)name;
  return Type{id, static_cast<int32_t>(mods[0]) + kVarHdrSz};
}

Result<Type> NumericType(std::span<const int64_t> mods) {
  if (mods.empty()) return Type::Of(TypeId::kNumeric);
  if (mods.size() > 2) return BadModifier("invalid NUMERIC type modifier");
  int64_t precision = mods[0];
  int64_t scale = mods.size() == 2 ? mods[1] : 0;
  if (precision < 1 || precision > kNumericMaxPrecision) {
    return BadModifier("NUMERIC precision " + std::to_string(precision) +
                       " must be between 1 and " + std::to_string(kNumericMaxPrecision));
  }
  if (scale < kNumericMinScale || scale > kNumericMaxScale) {
    return BadModifier("NUMERIC scale " + std::to_string(scale) + " must be between " +
                       std::to_string(kNumericMinScale) + " and " +
                       std::to_string(kNumericMaxScale));
  }
  return Type::Numeric(static_cast<int32_t>(precision), static_cast<int32_t>(scale));
}

// timestamp(p), timestamptz(p), interval(p). PostgreSQL warns and uses 6 above 6; we have
// no warnings channel, so the precision is reduced silently.
Result<Type> PrecisionType(TypeId id, std::span<const int64_t> mods) {
  if (mods.empty()) return Type::Of(id);
  std::string label = id == TypeId::kInterval ? "INTERVAL" : "TIMESTAMP";
  if (id == TypeId::kTimestampTz) label = "TIMESTAMP";
  if (mods.size() > 1) return BadModifier("invalid type modifier");
  if (mods[0] < 0) {
    return BadModifier(label + "(" + std::to_string(mods[0]) + ") precision must not be negative");
  }
  int32_t p =
      mods[0] > kMaxTimestampPrecision ? kMaxTimestampPrecision : static_cast<int32_t>(mods[0]);
  if (id == TypeId::kInterval) return Type{id, (kIntervalFullRange << 16) | p};
  return Type{id, p};
}

}  // namespace

uint32_t TypeOid(TypeId id) {
  return Info(id).oid;
}

Result<TypeId> TypeIdFromOid(uint32_t oid) {
  for (size_t i = 0; i < kTypes.size(); ++i) {
    if (kTypes[i].oid == oid) return static_cast<TypeId>(i);
  }
  return Status::NotFound("no type with OID " + std::to_string(oid));
}

int16_t TypeLength(TypeId id) {
  return Info(id).length;
}

std::string_view TypeName(TypeId id) {
  return Info(id).name;
}

bool IsArrayType(TypeId id) {
  return static_cast<int>(id) >= kFirstArray && id <= TypeId::kOidVector;
}

TypeId ArrayElementType(TypeId id) {
  if (id == TypeId::kInt2Vector) return TypeId::kInt2;
  if (id == TypeId::kOidVector) return TypeId::kOid;
  return static_cast<TypeId>(static_cast<int>(id) - kFirstArray + kFirstElement);
}

TypeId ArrayTypeOf(TypeId element) {
  const int e = static_cast<int>(element);
  if (e < kFirstElement || e > kLastElement) return TypeId::kUnknown;
  return static_cast<TypeId>(e - kFirstElement + kFirstArray);
}

std::string FormatType(const Type& type) {
  if (IsArrayType(type.id) && type.id != TypeId::kInt2Vector && type.id != TypeId::kOidVector) {
    // The element's name with its modifier, then [] (format_type's "character varying(10)[]").
    return FormatType(Type{ArrayElementType(type.id), type.typmod}) + "[]";
  }
  std::string out(Info(type.id).format_name);
  switch (type.id) {
    case TypeId::kVarchar:
      if (type.typmod >= kVarHdrSz) out += "(" + std::to_string(type.char_length()) + ")";
      break;
    case TypeId::kBpchar:
      if (type.typmod >= kVarHdrSz) {
        out += "(" + std::to_string(type.char_length()) + ")";
      } else {
        out = "bpchar";
      }
      break;
    case TypeId::kNumeric:
      if (type.has_numeric_typmod()) {
        out += "(" + std::to_string(type.numeric_precision()) + "," +
               std::to_string(type.numeric_scale()) + ")";
      }
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      if (type.typmod >= 0) out += "(" + std::to_string(type.typmod) + ")";
      out += type.id == TypeId::kTimestamp ? " without time zone" : " with time zone";
      break;
    case TypeId::kInterval:
      if (type.typmod >= 0) out += "(" + std::to_string(type.typmod & 0xffff) + ")";
      break;
    default: break;
  }
  return out;
}

bool IsOidType(TypeId id) {
  return id == TypeId::kOid || id == TypeId::kRegproc || id == TypeId::kRegprocedure;
}

bool IsFixedWidth(TypeId id) {
  return Info(id).length > 0;
}

bool IsStringType(TypeId id) {
  return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kBpchar ||
         id == TypeId::kUnknown;
}

bool HoldsInteger(TypeId id) {
  switch (id) {
    case TypeId::kBool:
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return true;
    default: return false;
  }
}

namespace {
Result<Type> LookupScalarType(std::string_view name, std::span<const int64_t> modifiers);
}  // namespace

Result<Type> LookupType(std::string_view name, std::span<const int64_t> modifiers, bool is_array) {
  if (name == "int2vector" || name == "oidvector") {
    if (!modifiers.empty()) return NotAllowed(name);
    const TypeId id = name == "int2vector" ? TypeId::kInt2Vector : TypeId::kOidVector;
    return Type::Of(is_array ? TypeId::kUnknown : id);
  }
  if (name.size() > 1 && name[0] == '_') {
    // _int4 is int4's array type by its pg_type name.
    for (int i = kFirstArray; i < kNumTypeIds; ++i) {
      if (TypeName(static_cast<TypeId>(i)) == name && !is_array) {
        if (!modifiers.empty()) return NotAllowed(name);
        return Type::Of(static_cast<TypeId>(i));
      }
    }
  }
  DC_ASSIGN_OR_RETURN(Type type, LookupScalarType(name, modifiers));
  if (!is_array) return type;
  const TypeId array = ArrayTypeOf(type.id);
  if (array == TypeId::kUnknown) {
    return Status::Sql(StatusCode::kNotSupported, "0A000",
                       "arrays of type " + FormatType(type) + " are not supported");
  }
  return Type{array, type.typmod};
}

namespace {
Result<Type> LookupScalarType(std::string_view name, std::span<const int64_t> modifiers) {
  struct Alias {
    std::string_view name;
    TypeId id;
  };
  // Types that take no modifier.
  static constexpr Alias kPlain[] = {
      {"bool", TypeId::kBool},
      {"boolean", TypeId::kBool},
      {"int2", TypeId::kInt2},
      {"smallint", TypeId::kInt2},
      {"int4", TypeId::kInt4},
      {"int", TypeId::kInt4},
      {"integer", TypeId::kInt4},
      {"int8", TypeId::kInt8},
      {"bigint", TypeId::kInt8},
      {"float4", TypeId::kFloat4},
      {"real", TypeId::kFloat4},
      {"float8", TypeId::kFloat8},
      {"double precision", TypeId::kFloat8},
      {"text", TypeId::kText},
      {"bytea", TypeId::kBytea},
      {"date", TypeId::kDate},
      {"oid", TypeId::kOid},
      {"regproc", TypeId::kRegproc},
      {"regprocedure", TypeId::kRegprocedure},
      {"unknown", TypeId::kUnknown},
  };
  for (const Alias& a : kPlain) {
    if (a.name == name) {
      if (!modifiers.empty()) return NotAllowed(TypeName(a.id));
      return Type::Of(a.id);
    }
  }
  if (name == "numeric" || name == "decimal") return NumericType(modifiers);
  if (name == "varchar" || name == "character varying" || name == "char varying") {
    return CharType(TypeId::kVarchar, name, modifiers, -1);
  }
  if (name == "char" || name == "character") {
    return CharType(TypeId::kBpchar, name, modifiers, 1);
  }
  if (name == "bpchar") return CharType(TypeId::kBpchar, name, modifiers, -1);
  if (name == "timestamp" || name == "timestamp without time zone") {
    return PrecisionType(TypeId::kTimestamp, modifiers);
  }
  if (name == "timestamptz" || name == "timestamp with time zone") {
    return PrecisionType(TypeId::kTimestampTz, modifiers);
  }
  if (name == "interval") return PrecisionType(TypeId::kInterval, modifiers);
  if (name == "float") {
    if (modifiers.empty()) return Type::Of(TypeId::kFloat8);
    if (modifiers.size() > 1) return BadModifier("invalid type modifier");
    if (modifiers[0] < 1) return BadModifier("precision for type float must be at least 1 bit");
    if (modifiers[0] > 53) return BadModifier("precision for type float must be less than 54 bits");
    return Type::Of(modifiers[0] <= 24 ? TypeId::kFloat4 : TypeId::kFloat8);
  }
  return Status::Sql(StatusCode::kNotFound, "42704",
                     "type \"" + std::string(name) + "\" does not exist");
}
}  // namespace

}  // namespace datacave::sql
