#pragma once

// SQL types: which scalar type a value or expression has, with PostgreSQL's OIDs, lengths,
// type modifiers (typmod) and names.
//
// A Type is a TypeId plus a typmod encoded exactly as PostgreSQL encodes it (so it can go
// out in RowDescription unchanged): -1 means "no modifier"; varchar(n) and char(n) are
// n + 4; numeric(p,s) is ((p << 16) | (s & 0x7ff)) + 4 (scale may be negative, PG 15);
// timestamp(p), timestamptz(p) and interval(p) are p.
//
// Arrays are types of their own, one per element type (PostgreSQL's _int4, _text, ...), so a
// Type stays a plain {id, typmod}; an array type's typmod is its element's. Only
// one-dimensional arrays exist. int2vector and oidvector (the system catalogs' indkey,
// indclass ...) are arrays of int2 and oid whose subscripts start at 0.
//
// Thread safety: plain values and pure functions.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace datacave::sql {

enum class TypeId : uint8_t {
  kUnknown,  // an untyped literal or NULL, before the binder decides
  kBool,
  kInt2,
  kInt4,
  kInt8,
  kFloat4,
  kFloat8,
  kNumeric,
  kText,
  kVarchar,
  kBpchar,  // char(n), blank-padded
  kBytea,
  kDate,
  kTimestamp,
  kTimestampTz,
  kInterval,
  kOid,
  // Arrays of the types above, in the same order, then the two vector types.
  kBoolArray,
  kInt2Array,
  kInt4Array,
  kInt8Array,
  kFloat4Array,
  kFloat8Array,
  kNumericArray,
  kTextArray,
  kVarcharArray,
  kBpcharArray,
  kByteaArray,
  kDateArray,
  kTimestampArray,
  kTimestampTzArray,
  kIntervalArray,
  kOidArray,
  kInt2Vector,
  kOidVector,
  // OIDs of functions that read and print as their names (procs.h); no arrays of these.
  kRegproc,
  kRegprocedure,
};
constexpr int kNumTypeIds = static_cast<int>(TypeId::kRegprocedure) + 1;

// PostgreSQL's limits on modifiers.
constexpr int32_t kVarHdrSz = 4;
constexpr int32_t kMaxCharLength = 10485760;
constexpr int32_t kNumericMaxPrecision = 1000;
constexpr int32_t kNumericMinScale = -1000;
constexpr int32_t kNumericMaxScale = 1000;
constexpr int32_t kMaxTimestampPrecision = 6;

struct Type {
  TypeId id = TypeId::kUnknown;
  int32_t typmod = -1;

  static Type Of(TypeId id) { return Type{id, -1}; }
  static Type Varchar(int32_t n) { return Type{TypeId::kVarchar, n + kVarHdrSz}; }
  static Type Bpchar(int32_t n) { return Type{TypeId::kBpchar, n + kVarHdrSz}; }
  // REQUIRES: 1 <= precision <= 1000, -1000 <= scale <= 1000.
  static Type Numeric(int32_t precision, int32_t scale) {
    return Type{TypeId::kNumeric, static_cast<int32_t>((static_cast<uint32_t>(precision) << 16) |
                                                       (static_cast<uint32_t>(scale) & 0x7ffu)) +
                                      kVarHdrSz};
  }

  // varchar(n) / char(n): n, or -1 when unconstrained.
  int32_t char_length() const { return typmod >= kVarHdrSz ? typmod - kVarHdrSz : -1; }
  // numeric(p,s): p and s. REQUIRES: has_numeric_typmod().
  bool has_numeric_typmod() const { return typmod >= kVarHdrSz; }
  int32_t numeric_precision() const { return ((typmod - kVarHdrSz) >> 16) & 0xffff; }
  int32_t numeric_scale() const { return (((typmod - kVarHdrSz) & 0x7ff) ^ 1024) - 1024; }

  friend bool operator==(const Type&, const Type&) = default;
};

// PostgreSQL's pg_type OID of id (16 for bool, 23 for int4, 1700 for numeric, ...).
uint32_t TypeOid(TypeId id);
// The TypeId whose OID is oid, or NotFound.
Result<TypeId> TypeIdFromOid(uint32_t oid);
// pg_type.typlen: 1, 2, 4, 8, 16 for fixed-width types, -1 for varlena, -2 for unknown.
int16_t TypeLength(TypeId id);
// The internal name (pg_type.typname): "int4", "varchar", "timestamptz", ...
std::string_view TypeName(TypeId id);
// The name as format_type prints it: "integer", "character varying(10)", "numeric(10,2)",
// "timestamp(3) without time zone", "bpchar" (char without a length).
std::string FormatType(const Type& type);

// Arrays (including int2vector and oidvector).
bool IsArrayType(TypeId id);
// The element type of an array type. REQUIRES: IsArrayType(id).
TypeId ArrayElementType(TypeId id);
// The array type whose elements are of type element (int4 -> _int4); kUnknown when there is
// none (unknown, and arrays themselves: there are no arrays of arrays).
TypeId ArrayTypeOf(TypeId element);

// oid, regproc and regprocedure: an unsigned 32-bit OID.
bool IsOidType(TypeId id);

// Fixed-width types whose values need no heap memory.
bool IsFixedWidth(TypeId id);
// text, varchar, bpchar (and unknown, whose literal is a string).
bool IsStringType(TypeId id);
// Types whose values are one int64 (Value::int_value): bool, int2, int4, int8, oid, date,
// timestamp, timestamptz, regproc, regprocedure. Equal values of such a type are equal integers.
bool HoldsInteger(TypeId id);

// Resolves a type name as the parser gives it (lower-cased, multi-word names joined by one
// space: "double precision", "character varying", "timestamp with time zone") and its
// modifiers ("varchar(10)" gives {10}). Errors as PostgreSQL: 42704 type "x" does not exist,
// 42601 type modifier is not allowed for type "int4", 22023 for modifiers out of range.
// "char"/"character" without a length is char(1), "bpchar" without one is unconstrained;
// "float(p)" is real for p <= 24 and double precision up to 53. With is_array, the array of
// that type (0A000 for a type without one).
Result<Type> LookupType(std::string_view name, std::span<const int64_t> modifiers,
                        bool is_array = false);

}  // namespace datacave::sql
