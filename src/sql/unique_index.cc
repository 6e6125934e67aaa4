#include "sql/unique_index.h"

#include "sql/storage/row_codec.h"
#include "sql/types/cast.h"

namespace datacave::sql {

Result<std::optional<std::string>> UniqueEntryKey(const TableInfo& table, size_t number,
                                                  const Row& row, std::string_view row_key) {
  std::string key = UniqueKeyPrefix(table.id, static_cast<uint16_t>(number));
  for (int index : table.uniques[number].columns) {
    const Value& value = row[static_cast<size_t>(index)];
    if (value.is_null()) return std::optional<std::string>();
    DC_RETURN_IF_ERROR(AppendKeyColumn(value, &key));
  }
  // A non-unique index tells rows with equal values apart by their keys.
  if (!table.uniques[number].unique) key.append(row_key);
  return std::optional<std::string>(std::move(key));
}

std::string KeyDescription(const TableInfo& table, const std::vector<int>& columns,
                           const Row& row) {
  std::string names, values;
  for (int index : columns) {
    if (!names.empty()) {
      names += ", ";
      values += ", ";
    }
    names += table.columns[static_cast<size_t>(index)].name;
    values += ToText(row[static_cast<size_t>(index)]);
  }
  return "Key (" + names + ")=(" + values + ")";
}

Status DuplicateKeyError(const TableInfo& table, const std::string& constraint,
                         const std::vector<int>& columns, const Row& row) {
  return Status::Sql(StatusCode::kBusy, "23505",
                     "duplicate key value violates unique constraint \"" + constraint + "\"")
      .WithDetail(KeyDescription(table, columns, row) + " already exists.");
}

Result<std::optional<std::pair<size_t, std::string>>> FindUniqueConflict(const TableInfo& table,
                                                                         const Row& row,
                                                                         std::string_view own_key,
                                                                         const Transaction& txn) {
  for (size_t i = 0; i < table.uniques.size(); ++i) {
    if (!table.uniques[i].unique) continue;
    DC_ASSIGN_OR_RETURN(auto key, UniqueEntryKey(table, i, row, ""));
    if (!key) continue;
    DC_ASSIGN_OR_RETURN(auto existing, txn.Get(*key));
    if (existing && *existing != own_key) {
      return std::optional<std::pair<size_t, std::string>>(std::pair(i, std::move(*existing)));
    }
  }
  return std::optional<std::pair<size_t, std::string>>();
}

Status InsertUniqueEntries(const TableInfo& table, const Row& row, std::string_view row_key,
                           Transaction* txn) {
  return UpdateUniqueEntries(table, Row{}, "", row, row_key, txn);
}

Status UpdateUniqueEntries(const TableInfo& table, const Row& old_row, std::string_view old_key,
                           const Row& new_row, std::string_view new_key, Transaction* txn) {
  // Check every constraint before writing any entry, so that a conflict leaves none behind.
  DC_ASSIGN_OR_RETURN(auto conflict, FindUniqueConflict(table, new_row, old_key, *txn));
  if (conflict) {
    const ConstraintInfo& unique = table.uniques[conflict->first];
    return DuplicateKeyError(table, unique.name, unique.columns, new_row);
  }
  for (size_t i = 0; i < table.uniques.size(); ++i) {
    std::optional<std::string> old_entry;
    if (!old_row.empty()) {
      DC_ASSIGN_OR_RETURN(old_entry, UniqueEntryKey(table, i, old_row, old_key));
    }
    DC_ASSIGN_OR_RETURN(auto new_entry, UniqueEntryKey(table, i, new_row, new_key));
    if (old_entry == new_entry && old_key == new_key) continue;
    if (old_entry) txn->Delete(*old_entry);
    if (new_entry) txn->Put(*new_entry, new_key);
  }
  return Status::Ok();
}

Status DeleteUniqueEntries(const TableInfo& table, const Row& row, std::string_view row_key,
                           Transaction* txn) {
  for (size_t i = 0; i < table.uniques.size(); ++i) {
    DC_ASSIGN_OR_RETURN(auto entry, UniqueEntryKey(table, i, row, row_key));
    if (entry) txn->Delete(*entry);
  }
  return Status::Ok();
}

}  // namespace datacave::sql
