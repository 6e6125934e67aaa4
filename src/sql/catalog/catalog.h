#pragma once

// The catalog: which tables and views exist, their columns and constraints. Definitions are
// stored in the LSM (storage/row_codec.h gives the keys) and loaded into memory at open; a
// transaction's DDL stays private to it (TransactionCatalog) until it commits, so DDL is
// transactional as in PostgreSQL.
//
// There is one database ("default") and one schema ("public"); table OIDs are
// kFirstTableOid + id.
//
// Thread safety: Catalog is shared by all sessions and internally locked; a
// TransactionCatalog belongs to one session.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "lsm/db.h"
#include "sql/types/type.h"

namespace datacave::sql {

class Transaction;

constexpr uint32_t kFirstTableOid = 16384;  // PostgreSQL's FirstNormalObjectId

struct ColumnInfo {
  std::string name;
  Type type;
  bool not_null = false;
  bool dropped = false;     // kept so that stored rows keep their layout
  std::string default_sql;  // the DEFAULT expression as SQL; empty for none
};

struct ConstraintInfo {
  std::string name;
  std::vector<int> columns;  // UNIQUE, and indexes
  std::string check_sql;     // CHECK
  // In TableInfo::uniques, the table's indexes besides its primary key: a UNIQUE constraint,
  // or (from_create_index) an index of CREATE [UNIQUE] INDEX, which is no constraint and may
  // be non-unique; descending per column, as declared.
  bool from_create_index = false;
  bool unique = true;
  std::vector<bool> descending;
};

struct TableInfo {
  uint32_t id = 0;
  std::string name;
  std::vector<ColumnInfo> columns;
  // Column indexes of the primary key; empty: rows are keyed by a hidden row id.
  std::vector<int> primary_key;
  std::string primary_key_name;
  std::vector<ConstraintInfo> uniques;  // UNIQUE constraints and CREATE INDEX indexes
  std::vector<ConstraintInfo> checks;
  // Views: the defining query as SQL.
  bool is_view = false;
  std::string view_sql;

  uint32_t oid() const { return kFirstTableOid + id; }
  // The index of the live column called name, or -1.
  int FindColumn(std::string_view name) const;
  std::vector<Type> ColumnTypes() const;
};

std::string EncodeTableInfo(const TableInfo& table);
Result<TableInfo> DecodeTableInfo(std::string_view bytes);

class Catalog {
 public:
  // Loads every definition. db must outlive the catalog.
  static Result<std::unique_ptr<Catalog>> Load(lsm::DB* db);

  std::shared_ptr<const TableInfo> Find(std::string_view name) const;
  std::vector<std::shared_ptr<const TableInfo>> Tables() const;

  uint32_t NewTableId() { return next_table_id_.fetch_add(1); }
  // The next hidden row id of a table without a primary key.
  Result<int64_t> NextRowId(const TableInfo& table);

  // Publishes a committed transaction's changes: name -> definition, nullptr for dropped.
  void Apply(const std::map<std::string, std::shared_ptr<const TableInfo>>& changes);

 private:
  explicit Catalog(lsm::DB* db) : db_(db) {}

  lsm::DB* const db_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> tables_;  // by name
  std::map<uint32_t, int64_t> next_row_id_;                                      // by table id
  std::atomic<uint32_t> next_table_id_{1};
};

// One transaction's view of the catalog: the committed tables plus its own DDL, which it
// also writes into the transaction.
class TransactionCatalog {
 public:
  explicit TransactionCatalog(Catalog* catalog) : catalog_(catalog) {}

  std::shared_ptr<const TableInfo> Find(std::string_view name) const;
  std::vector<std::shared_ptr<const TableInfo>> Tables() const;
  Catalog* shared() const { return catalog_; }

  // Creates or replaces the definition (by name; a rename is Drop + Put).
  void Put(std::shared_ptr<const TableInfo> table, Transaction* txn);
  void Drop(const TableInfo& table, Transaction* txn);
  // ALTER TABLE ... RENAME TO: the same table (and rows) under table->name.
  void Rename(const std::string& old_name, std::shared_ptr<const TableInfo> table,
              Transaction* txn);

  // After the transaction committed: make the changes everyone's.
  void Publish();
  void Discard() { changes_.clear(); }

  // For savepoints: the definitions changed so far, and a return to them.
  using Changes = std::map<std::string, std::shared_ptr<const TableInfo>>;
  const Changes& changes() const { return changes_; }
  void RestoreChanges(Changes changes) { changes_ = std::move(changes); }

 private:
  Catalog* const catalog_;
  Changes changes_;
};

}  // namespace datacave::sql
