#include "sql/catalog/catalog.h"

#include <algorithm>

#include "core/coding.h"
#include "core/key_encoding.h"
#include "sql/storage/row_codec.h"
#include "sql/storage/transaction.h"

namespace datacave::sql {

int TableInfo::FindColumn(std::string_view column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].dropped && columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

std::vector<Type> TableInfo::ColumnTypes() const {
  std::vector<Type> types;
  types.reserve(columns.size());
  for (const auto& column : columns) types.push_back(column.type);
  return types;
}

// ---- encoding: a version byte, then the fields in order

namespace {
constexpr char kFormatVersion = 1;

void PutIndexes(std::string* out, const std::vector<int>& indexes) {
  PutVarint32(out, static_cast<uint32_t>(indexes.size()));
  for (int index : indexes) PutVarint32(out, static_cast<uint32_t>(index));
}

bool GetIndexes(std::string_view* in, std::vector<int>* indexes) {
  uint32_t count = 0;
  if (!GetVarint32(in, &count) || count > 1600) return false;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t index = 0;
    if (!GetVarint32(in, &index)) return false;
    indexes->push_back(static_cast<int>(index));
  }
  return true;
}

void PutConstraints(std::string* out, const std::vector<ConstraintInfo>& constraints) {
  PutVarint32(out, static_cast<uint32_t>(constraints.size()));
  for (const auto& constraint : constraints) {
    PutLengthPrefixed(out, constraint.name);
    PutIndexes(out, constraint.columns);
    PutLengthPrefixed(out, constraint.check_sql);
  }
}

bool GetString(std::string_view* in, std::string* out) {
  std::string_view s;
  if (!GetLengthPrefixed(in, &s)) return false;
  out->assign(s);
  return true;
}

bool GetConstraints(std::string_view* in, std::vector<ConstraintInfo>* constraints) {
  uint32_t count = 0;
  if (!GetVarint32(in, &count) || count > 10000) return false;
  for (uint32_t i = 0; i < count; ++i) {
    ConstraintInfo constraint;
    if (!GetString(in, &constraint.name) || !GetIndexes(in, &constraint.columns) ||
        !GetString(in, &constraint.check_sql)) {
      return false;
    }
    constraints->push_back(std::move(constraint));
  }
  return true;
}
}  // namespace

std::string EncodeTableInfo(const TableInfo& table) {
  std::string out(1, kFormatVersion);
  PutVarint32(&out, table.id);
  PutLengthPrefixed(&out, table.name);
  PutVarint32(&out, static_cast<uint32_t>(table.columns.size()));
  for (const auto& column : table.columns) {
    PutLengthPrefixed(&out, column.name);
    out.push_back(static_cast<char>(column.type.id));
    PutFixed32(&out, static_cast<uint32_t>(column.type.typmod));
    out.push_back(static_cast<char>((column.not_null ? 1 : 0) | (column.dropped ? 2 : 0)));
    PutLengthPrefixed(&out, column.default_sql);
  }
  PutIndexes(&out, table.primary_key);
  PutLengthPrefixed(&out, table.primary_key_name);
  PutConstraints(&out, table.uniques);
  PutConstraints(&out, table.checks);
  out.push_back(table.is_view ? 1 : 0);
  PutLengthPrefixed(&out, table.view_sql);
  // Added after version 1 shipped, so optional at the end: per entry of uniques, flags (1:
  // from CREATE INDEX, 2: not unique) and the columns that are descending.
  bool any_index = false;
  for (const auto& unique : table.uniques) any_index = any_index || unique.from_create_index;
  if (any_index) {
    for (const auto& unique : table.uniques) {
      out.push_back(
          static_cast<char>((unique.from_create_index ? 1 : 0) | (unique.unique ? 0 : 2)));
      std::vector<int> descending;
      for (size_t i = 0; i < unique.descending.size(); ++i) {
        if (unique.descending[i]) descending.push_back(static_cast<int>(i));
      }
      PutIndexes(&out, descending);
    }
  }
  return out;
}

Result<TableInfo> DecodeTableInfo(std::string_view in) {
  auto bad = [] { return Status::Corruption("malformed table definition in the catalog"); };
  if (in.empty() || in[0] != kFormatVersion) return bad();
  in.remove_prefix(1);
  TableInfo table;
  uint32_t count = 0;
  if (!GetVarint32(&in, &table.id) || !GetString(&in, &table.name) || !GetVarint32(&in, &count) ||
      count > 1600) {
    return bad();
  }
  for (uint32_t i = 0; i < count; ++i) {
    ColumnInfo column;
    uint32_t typmod = 0;
    if (!GetString(&in, &column.name) || in.empty()) return bad();
    const auto type_id = static_cast<uint8_t>(in[0]);
    in.remove_prefix(1);
    if (type_id >= kNumTypeIds || !GetFixed32(&in, &typmod) || in.empty()) return bad();
    const auto flags = static_cast<uint8_t>(in[0]);
    in.remove_prefix(1);
    column.type = Type{static_cast<TypeId>(type_id), static_cast<int32_t>(typmod)};
    column.not_null = (flags & 1) != 0;
    column.dropped = (flags & 2) != 0;
    if (!GetString(&in, &column.default_sql)) return bad();
    table.columns.push_back(std::move(column));
  }
  if (!GetIndexes(&in, &table.primary_key) || !GetString(&in, &table.primary_key_name) ||
      !GetConstraints(&in, &table.uniques) || !GetConstraints(&in, &table.checks) || in.empty()) {
    return bad();
  }
  table.is_view = in[0] != 0;
  in.remove_prefix(1);
  if (!GetString(&in, &table.view_sql)) return bad();
  if (!in.empty()) {
    for (auto& unique : table.uniques) {
      if (in.empty()) return bad();
      const auto flags = static_cast<uint8_t>(in[0]);
      in.remove_prefix(1);
      unique.from_create_index = (flags & 1) != 0;
      unique.unique = (flags & 2) == 0;
      std::vector<int> descending;
      if (!GetIndexes(&in, &descending)) return bad();
      unique.descending.assign(unique.columns.size(), false);
      for (int i : descending) {
        if (i < 0 || static_cast<size_t>(i) >= unique.columns.size()) return bad();
        unique.descending[static_cast<size_t>(i)] = true;
      }
    }
    if (!in.empty()) return bad();
  }
  for (int index : table.primary_key) {
    if (index < 0 || static_cast<size_t>(index) >= table.columns.size()) return bad();
  }
  return table;
}

// ---- Catalog

Result<std::unique_ptr<Catalog>> Catalog::Load(lsm::DB* db) {
  std::unique_ptr<Catalog> catalog(new Catalog(db));
  auto it = db->NewIterator({});
  const std::string begin(1, kTableDefinitionPrefix);
  const std::string end(1, static_cast<char>(kTableDefinitionPrefix + 1));
  uint32_t max_id = 0;
  for (it->Seek(begin); it->Valid() && it->key() < end; it->Next()) {
    DC_ASSIGN_OR_RETURN(TableInfo table, DecodeTableInfo(it->value()));
    max_id = std::max(max_id, table.id);
    std::string name = table.name;
    catalog->tables_[name] = std::make_shared<const TableInfo>(std::move(table));
  }
  DC_RETURN_IF_ERROR(it->status());
  catalog->next_table_id_ = max_id + 1;
  return catalog;
}

std::shared_ptr<const TableInfo> Catalog::Find(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const TableInfo>> Catalog::Tables() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::shared_ptr<const TableInfo>> tables;
  for (const auto& [name, table] : tables_) tables.push_back(table);
  return tables;
}

Result<int64_t> Catalog::NextRowId(const TableInfo& table) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = next_row_id_.find(table.id);
  if (it == next_row_id_.end()) {
    // First use since open: continue after the largest row id stored.
    int64_t next = 1;
    auto iterator = db_->NewIterator({});
    iterator->Seek(RowKeyEnd(table.id));
    if (iterator->Valid()) {
      iterator->Prev();
    } else {
      iterator->SeekToLast();
    }
    const std::string prefix = RowKeyPrefix(table.id);
    if (iterator->Valid() && iterator->key().substr(0, prefix.size()) == prefix) {
      std::string_view key = iterator->key().substr(prefix.size());
      KeyValue last;
      if (DecodeKeyValue(&key, &last) && std::holds_alternative<int64_t>(last)) {
        next = std::get<int64_t>(last) + 1;
      }
    }
    DC_RETURN_IF_ERROR(iterator->status());
    it = next_row_id_.emplace(table.id, next).first;
  }
  return it->second++;
}

void Catalog::Apply(const std::map<std::string, std::shared_ptr<const TableInfo>>& changes) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [name, table] : changes) {
    if (table) {
      tables_[name] = table;
    } else {
      auto it = tables_.find(name);
      if (it != tables_.end()) {
        next_row_id_.erase(it->second->id);
        tables_.erase(it);
      }
    }
  }
}

// ---- TransactionCatalog

std::shared_ptr<const TableInfo> TransactionCatalog::Find(std::string_view name) const {
  auto it = changes_.find(std::string(name));
  if (it != changes_.end()) return it->second;
  return catalog_->Find(name);
}

std::vector<std::shared_ptr<const TableInfo>> TransactionCatalog::Tables() const {
  std::map<std::string, std::shared_ptr<const TableInfo>> merged;
  for (auto& table : catalog_->Tables()) merged[table->name] = table;
  for (const auto& [name, table] : changes_) merged[name] = table;
  std::vector<std::shared_ptr<const TableInfo>> tables;
  for (auto& [name, table] : merged) {
    if (table) tables.push_back(table);
  }
  return tables;
}

void TransactionCatalog::Put(std::shared_ptr<const TableInfo> table, Transaction* txn) {
  txn->Put(TableDefinitionKey(table->id), EncodeTableInfo(*table));
  changes_[table->name] = std::move(table);
}

void TransactionCatalog::Drop(const TableInfo& table, Transaction* txn) {
  txn->Delete(TableDefinitionKey(table.id));
  txn->DeleteRange(RowKeyPrefix(table.id), RowKeyEnd(table.id));
  txn->DeleteRange(UniqueKeysBegin(table.id), UniqueKeysEnd(table.id));
  changes_[table.name] = nullptr;
}

void TransactionCatalog::Rename(const std::string& old_name, std::shared_ptr<const TableInfo> table,
                                Transaction* txn) {
  changes_[old_name] = nullptr;
  Put(std::move(table), txn);
}

void TransactionCatalog::Publish() {
  catalog_->Apply(changes_);
  changes_.clear();
}

}  // namespace datacave::sql
