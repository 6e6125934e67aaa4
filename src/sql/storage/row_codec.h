#pragma once

// How SQL tables live in the LSM: key layout and row encoding (docs: src/sql/README.md).
//
//   0x01 | table id (4 bytes, big-endian)                  -> the table's definition
//   0x02 | table id | primary key (core/key_encoding.h)    -> the row
//   0x03 | table id | constraint number (2 bytes, big-endian)
//        | the constraint's columns (core/key_encoding.h)  -> the row's 0x02 key
//
// A table's rows are one contiguous, ordered key range, so a primary-key point predicate is
// one Get, a range predicate one range scan, DROP and TRUNCATE one range delete. Tables
// without a primary key are keyed by a hidden int8 row id.
//
// The 0x03 entries enforce UNIQUE constraints: the constraint number is the constraint's
// position in TableInfo::uniques (ALTER TABLE rebuilds all of a table's entries when the list
// changes), and a row with a NULL in the constraint's columns has no entry, so NULLs never
// conflict (PostgreSQL's NULLS DISTINCT). Every write of a row keeps its entries in step.
//
// A row value is the columns in order, each a presence byte (0 = NULL) followed, when
// present, by the length-prefixed bytes of PostgreSQL's binary format for the column's type.
//
// Thread safety: pure functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sql/types/value.h"

namespace datacave::sql {

constexpr char kTableDefinitionPrefix = 0x01;
constexpr char kRowPrefix = 0x02;
constexpr char kUniquePrefix = 0x03;

std::string TableDefinitionKey(uint32_t table_id);
// The first key of the table's rows, and the first key after them.
std::string RowKeyPrefix(uint32_t table_id);
std::string RowKeyEnd(uint32_t table_id);

// The first key of one UNIQUE constraint's entries (columns follow), and the range of all the
// table's unique entries.
std::string UniqueKeyPrefix(uint32_t table_id, uint16_t constraint_number);
std::string UniqueKeysBegin(uint32_t table_id);
std::string UniqueKeysEnd(uint32_t table_id);

// Appends one primary-key column in order-preserving form. 0A000 for types that have no
// order-preserving encoding yet (numeric, interval).
Status AppendKeyColumn(const Value& value, std::string* key);

// The row's value bytes.
void EncodeRow(const std::vector<Value>& row, std::string* out);
// Overwrites *row, reusing the memory its values hold. REQUIRES: types describes the table
// the row was encoded for. Corruption on bad bytes.
Status DecodeRow(std::string_view bytes, const std::vector<Type>& types, std::vector<Value>* row);
// As DecodeRow, but only the columns marked in `read` (empty: all) are decoded; the others
// are NULL. Skipping a column costs only its length prefix.
Status DecodeRow(std::string_view bytes, const std::vector<Type>& types,
                 const std::vector<bool>& read, std::vector<Value>* row);

}  // namespace datacave::sql
