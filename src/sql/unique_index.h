#pragma once

// UNIQUE constraints and indexes (TableInfo::uniques), kept as index entries in the LSM
// (storage/row_codec.h gives the 0x03 key layout): each maps the encoded values of its columns
// (and, in a non-unique index, the row's key after them) to the key of the row that holds
// them. Every write of a row goes through these functions so that the entries stay in step
// with the rows; conflicts are PostgreSQL's 23505.
//
// Thread safety: pure functions over one session's transaction.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "sql/catalog/catalog.h"
#include "sql/execution/expression.h"
#include "sql/storage/transaction.h"

namespace datacave::sql {

// The entry key of row (stored at row_key) under table.uniques[number]; nullopt when one of
// the columns is NULL (NULLs never conflict; such rows have no entry yet, in any index).
Result<std::optional<std::string>> UniqueEntryKey(const TableInfo& table, size_t number,
                                                  const Row& row, std::string_view row_key);

// "Key (a, b)=(1, x)", as PostgreSQL's details print a key.
std::string KeyDescription(const TableInfo& table, const std::vector<int>& columns, const Row& row);

// 23505 "duplicate key value violates unique constraint" for columns of row.
Status DuplicateKeyError(const TableInfo& table, const std::string& constraint,
                         const std::vector<int>& columns, const Row& row);

// The first unique constraint whose entry for row exists and belongs to a row other than
// own_key (empty: any row): its number and the other row's key.
Result<std::optional<std::pair<size_t, std::string>>> FindUniqueConflict(const TableInfo& table,
                                                                         const Row& row,
                                                                         std::string_view own_key,
                                                                         const Transaction& txn);

// A new row stored under row_key: 23505 on a conflict, else its entries are written.
Status InsertUniqueEntries(const TableInfo& table, const Row& row, std::string_view row_key,
                           Transaction* txn);
// The row at old_key becomes new_row at new_key (the same key unless the primary key changed).
Status UpdateUniqueEntries(const TableInfo& table, const Row& old_row, std::string_view old_key,
                           const Row& new_row, std::string_view new_key, Transaction* txn);
Status DeleteUniqueEntries(const TableInfo& table, const Row& row, std::string_view row_key,
                           Transaction* txn);

}  // namespace datacave::sql
